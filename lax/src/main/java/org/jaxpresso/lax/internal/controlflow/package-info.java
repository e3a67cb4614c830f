/**
 * How lax's control-flow functions ({@code cond}, {@code switch}, {@code while_loop},
 * {@code fori_loop}, {@code scan}, {@code map}) turn Java functions into sub-jaxprs, as JAX's
 * {@code jax/_src/lax/control_flow}: tracing with closed-over values as leading operands,
 * merging branch constants, pruning forwarded outputs, weak-type promotion of initial carries,
 * and the JAX-worded checks of branch outputs and loop carries.
 */
package org.jaxpresso.lax.internal.controlflow;
