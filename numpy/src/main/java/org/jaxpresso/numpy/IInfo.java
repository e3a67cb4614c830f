package org.jaxpresso.numpy;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.errors.JaxValueError;

/**
 * Limits of an integer dtype, as {@code jnp.iinfo}: {@code Jnp.iinfo(DType.UINT8).max()} is
 * 255. For uint64, {@link #max()} holds 2**64 - 1 as an unsigned long (-1 as a signed one);
 * {@link #toString()} prints it unsigned.
 *
 * @param dtype the dtype described
 * @param bits its width
 * @param min the smallest value
 * @param max the largest value (unsigned for uint64)
 */
public record IInfo(DType dtype, int bits, long min, long max) {

  /**
   * The limits of {@code dtype}.
   *
   * @param dtype the element type of the result
   * @return the limits of {@code dtype}
   * @throws JaxValueError {@code Invalid integer data type 'f'.} for bools and floats
   */
  public static IInfo of(DType dtype) {
    int bits = dtype.bits();
    if (dtype.isSignedInteger()) {
      return new IInfo(dtype, bits, -(1L << (bits - 1)), (1L << (bits - 1)) - 1);
    }
    if (dtype.isUnsigned()) {
      return new IInfo(dtype, bits, 0, bits == 64 ? -1L : (1L << bits) - 1);
    }
    String kind = switch (dtype) {
      case BOOL -> "b";
      case BFLOAT16 -> "V";
      default -> "f";
    };
    throw new JaxValueError("Invalid integer data type '" + kind + "'.");
  }

  /** NumPy's repr: {@code iinfo(min=-128, max=127, dtype=int8)}. */
  @Override
  public String toString() {
    String mx = dtype.isUnsigned() ? Long.toUnsignedString(max) : Long.toString(max);
    return "iinfo(min=" + min + ", max=" + mx + ", dtype=" + dtype + ")";
  }
}
