/**
 * The strict primitive layer: {@link org.jaxpresso.lax.Lax}, JAX's {@code jax.lax}. Every
 * numpy-level function lowers to these primitives, and every backend implements them.
 */
package org.jaxpresso.lax;
