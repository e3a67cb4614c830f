/**
 * Staging Java functions into jaxprs: the staging trace ({@link
 * org.jaxpresso.core.tracing.JaxprTrace}), its tracers ({@link
 * org.jaxpresso.core.tracing.JitTracer}) and pytrees ({@link
 * org.jaxpresso.core.tracing.Pytree}). {@code jit}, {@code make_jaxpr} and the control-flow
 * primitives all trace through here.
 */
package org.jaxpresso.core.tracing;
