package org.jaxpresso.numpy;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.internal.PyFormat;

/**
 * Machine limits of a floating dtype, as {@code jnp.finfo} (NumPy's {@code finfo}, extended to
 * bfloat16): {@code Jnp.finfo(DType.FLOAT32).eps()} is {@code 2**-23}. Values are exact in the
 * dtype, held as doubles. A 64-bit dtype is described as itself even with x64 off, as JAX does.
 *
 * @param dtype the dtype described
 * @param bits its width
 * @param eps the gap between 1 and the next larger value ({@code 2**-nmant})
 * @param epsneg the gap between 1 and the next smaller value ({@code 2**-(nmant+1)})
 * @param max the largest finite value
 * @param min the most negative finite value ({@code -max})
 * @param smallestNormal the smallest positive normal value (NumPy's {@code tiny})
 * @param smallestSubnormal the smallest positive subnormal value
 * @param resolution {@code 10**-precision}
 * @param precision the number of decimal digits the dtype holds exactly
 * @param nmant the explicit mantissa bits
 * @param nexp the exponent bits
 * @param maxexp the smallest power of 2 that overflows
 * @param minexp the exponent of {@code smallestNormal}
 * @param machep the exponent of {@code eps}
 * @param negep the exponent of {@code epsneg}
 */
public record FInfo(DType dtype, int bits, double eps, double epsneg, double max, double min,
    double smallestNormal, double smallestSubnormal, double resolution, int precision,
    int nmant, int nexp, int maxexp, int minexp, int machep, int negep) {

  /**
   * The limits of {@code dtype}.
   *
   * @param dtype the element type of the result
   * @return the limits of {@code dtype}
   * @throws JaxValueError {@code data type <class 'numpy.int32'> not inexact} for non-floats
   */
  public static FInfo of(DType dtype) {
    return switch (dtype) {
      case BFLOAT16 -> ieee(dtype, 7, 8);
      case FLOAT16 -> ieee(dtype, 10, 5);
      case FLOAT32 -> ieee(dtype, 23, 8);
      case FLOAT64 -> ieee(dtype, 52, 11);
      default -> throw new JaxValueError(
          "data type <class 'numpy." + (dtype == DType.BOOL ? "bool" : dtype.longName())
              + "'> not inexact");
    };
  }

  private static FInfo ieee(DType dtype, int nmant, int nexp) {
    int maxexp = 1 << (nexp - 1);
    int minexp = 2 - maxexp;
    double eps = Math.scalb(1.0, -nmant);
    double max = (2.0 - eps) * Math.scalb(1.0, maxexp - 1);
    int precision = (int) Math.floor(-Math.log10(eps));
    return new FInfo(dtype, 1 + nexp + nmant, eps, Math.scalb(1.0, -nmant - 1), max, -max,
        Math.scalb(1.0, minexp), Math.scalb(1.0, minexp - nmant),
        Double.parseDouble("1e-" + precision), precision, nmant, nexp, maxexp, minexp, -nmant,
        -nmant - 1);
  }

  /**
   * NumPy's {@code tiny}: {@link #smallestNormal()}.
   *
   * @return numPy's {@code tiny}: {@link #smallestNormal()}
   */
  public double tiny() {
    return smallestNormal;
  }

  /**
   * NumPy's repr: the resolution in the dtype's shortest digits, the limits in NumPy's fixed
   * scientific format ({@code %12.5e} for 16-bit floats, {@code %15.7e} for float32,
   * {@code %24.16e} for float64): {@code finfo(resolution=1e-06, min=-3.4028235e+38,
   * max=3.4028235e+38, dtype=float32)}.
   */
  @Override
  public String toString() {
    int digits = switch (dtype) {
      case FLOAT32 -> 7;
      case FLOAT64 -> 16;
      default -> 5;
    };
    String mx = String.format(java.util.Locale.ROOT, "%." + digits + "e", max);
    return "finfo(resolution=" + shortest(resolution) + ", min=-" + mx + ", max=" + mx
        + ", dtype=" + dtype + ")";
  }

  /** Python's repr of the shortest decimal that rounds to {@code v} in this dtype. */
  private String shortest(double v) {
    double target = roundToDtype(v);
    for (int digits = 1; digits <= 17; digits++) {
      String text = String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", target);
      double candidate = Double.parseDouble(text);
      if (roundToDtype(candidate) == target) {
        return PyFormat.reprDouble(candidate);
      }
    }
    return PyFormat.reprDouble(target);
  }

  private double roundToDtype(double v) {
    return switch (dtype) {
      case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) v));
      case BFLOAT16 -> {
        int b = Float.floatToRawIntBits((float) v);
        b += 0x7FFF + ((b >>> 16) & 1);
        yield Float.intBitsToFloat(b & 0xFFFF0000);
      }
      case FLOAT32 -> (float) v;
      default -> v;
    };
  }
}
