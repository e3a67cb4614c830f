/**
 * The jaxpr IR: {@link org.jaxpresso.core.jaxpr.Var}, {@link org.jaxpresso.core.jaxpr.Literal},
 * {@link org.jaxpresso.core.jaxpr.Eqn}, {@link org.jaxpresso.core.jaxpr.Jaxpr} and {@link
 * org.jaxpresso.core.jaxpr.ClosedJaxpr}; its printer ({@link
 * org.jaxpresso.core.jaxpr.JaxprPrinter}, JAX's exact text), its type checker ({@link
 * org.jaxpresso.core.jaxpr.JaxprChecker}, failing with a {@link
 * org.jaxpresso.core.jaxpr.JaxprTypeError}) and its reference interpreter ({@link
 * org.jaxpresso.core.jaxpr.JaxprInterpreter}).
 */
package org.jaxpresso.core.jaxpr;
