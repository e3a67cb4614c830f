/**
 * How the linear-algebra functions of {@link org.jaxpresso.numpy.Jnp} lower: the einsum parser
 * ({@link org.jaxpresso.numpy.internal.linalg.EinsumSpec}, opt_einsum's rules), planner ({@link
 * org.jaxpresso.numpy.internal.linalg.EinsumPath}) and lowering to {@code dot_general} ({@link
 * org.jaxpresso.numpy.internal.linalg.Einsum}, JAX's {@code _einsum}), and shared mask and
 * shape helpers. Not API.
 */
package org.jaxpresso.numpy.internal.linalg;
