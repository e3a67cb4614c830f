package org.jaxpresso.lax;

/**
 * The strict primitive layer, as {@code jax.lax}: one method per primitive, no dtype promotion
 * (operands must share a dtype), rank-0 and size-1 broadcasting only, explicit parameters.
 * Operands are {@link org.jaxpresso.core.NDArray}s or Java scalars ({@code Integer},
 * {@code Double}, {@code Boolean}, ...), which become weakly typed 0-d arrays as Python scalars
 * do in JAX.
 *
 * <pre>{@code
 * Lax.add(1, 1.0);              // throws: lax.add requires arguments to have the same dtypes,
 *                               //   got int32, float32. (Tip: jnp.add is a similar function ...)
 * Lax.add(Array.scalar(1, DType.FLOAT32), 1.0);   // Array(2., dtype=float32)
 * }</pre>
 */
public final class Lax extends LaxLinalg {
  private Lax() {}
}
