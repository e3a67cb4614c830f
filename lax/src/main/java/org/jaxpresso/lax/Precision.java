package org.jaxpresso.lax;

/**
 * The precision of a matrix multiply or convolution, as {@code jax.lax.Precision}: a hint that
 * trades speed for accuracy on accelerators (it has no effect on the CPU reference).
 *
 * <p>The {@code precision} param of {@code dot_general} and {@code conv_general_dilated} holds a
 * pair, one value per operand, and JAX prints the pair with each value's repr:
 * {@code precision=(Precision.HIGHEST, Precision.HIGHEST)}; {@link #toString()} gives that repr.
 *
 * <pre>{@code
 * Lax.dotGeneral(x, y, dims, Precision.HIGHEST, null);
 * }</pre>
 */
public enum Precision {
  /** Fastest, least accurate (bfloat16 passes on TPU, tf32 on recent GPUs). */
  DEFAULT,
  /** Three bfloat16 passes on TPU; tf32 on GPU. */
  HIGH,
  /** Full float32. */
  HIGHEST;

  /** JAX's repr, as printed inside the param tuple: {@code Precision.HIGHEST}. */
  @Override
  public String toString() {
    return "Precision." + name();
  }
}
