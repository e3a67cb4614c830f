/**
 * Rewrite passes over closed jaxprs: inlining of nested {@code jit} calls, constant folding of
 * literal-only equations, common-subexpression elimination and dead-code elimination. Each pass
 * returns a new jaxpr that {@link org.jaxpresso.core.jaxpr.JaxprChecker} accepts; {@link
 * org.jaxpresso.jit.compiler.passes.PassPipeline} runs a list of them and dumps each result.
 */
package org.jaxpresso.jit.compiler.passes;
