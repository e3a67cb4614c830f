package org.jaxpresso.lax.semantics;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.internal.HalfFloats;

/**
 * Floating-point element semantics. Values travel as doubles (every bfloat16, float16 and
 * float32 is exactly a double); an op computes in double and the result is rounded once to the
 * dtype when stored, which is correctly rounded for + - * / sqrt and fmod (double has more than
 * twice the precision of float32), and within an ulp of the double result for transcendentals.
 */
public final class FloatOps {
  private FloatOps() {}

  /**
   * {@code v} rounded to nearest-even in {@code d} (bfloat16, float16, float32 or float64).
   *
   * @param v the value
   * @param d the dtype
   * @return {@code v} rounded to nearest-even in {@code d} (bfloat16, float16, float32 or float64)
   */
  public static double round(double v, DType d) {
    return switch (d) {
      case FLOAT64 -> v;
      case FLOAT32 -> (float) v;
      case FLOAT16 -> HalfFloats.f16ToFloat(HalfFloats.doubleToF16(v));
      case BFLOAT16 -> HalfFloats.bf16ToFloat(HalfFloats.doubleToBf16(v));
      default -> throw new IllegalArgumentException(d + " is not a floating dtype");
    };
  }

  /**
   * XLA's max: NaN if either is NaN, else the larger (-0 below +0).
   *
   * @param a the first value
   * @param b the second value
   * @return XLA's max: NaN if either is NaN, else the larger (-0 below +0)
   */
  public static double max(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
  }

  /**
   * XLA's min: NaN if either is NaN, else the smaller (-0 below +0).
   *
   * @param a the first value
   * @param b the second value
   * @return XLA's min: NaN if either is NaN, else the smaller (-0 below +0)
   */
  public static double min(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
  }

  /**
   * Round half away from zero ({@code RoundingMethod.AWAY_FROM_ZERO}); keeps -0 and NaN.
   *
   * @param x the value
   * @return round half away from zero ({@code RoundingMethod.AWAY_FROM_ZERO}); keeps -0 and NaN
   */
  public static double roundHalfAwayFromZero(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    double a = Math.abs(x);
    double t = Math.floor(a);
    if (a - t >= 0.5) {
      t += 1.0;
    }
    return Math.copySign(t, x);
  }

  /**
   * C's {@code pow} (Java's differs for a base of 1 or -1 with NaN or infinite exponents).
   *
   * @param x the value
   * @param y the second value
   * @return C's {@code pow} (Java's differs for a base of 1 or -1 with NaN or infinite exponents)
   */
  public static double pow(double x, double y) {
    if (x == 1.0 || y == 0.0) {
      return 1.0;
    }
    if (x == -1.0 && Double.isInfinite(y)) {
      return 1.0;
    }
    return Math.pow(x, y);
  }

  /**
   * {@code integer_pow}: JAX's square-and-multiply with every product rounded to {@code d}, then
   * {@code 1 / acc} for negative exponents (XLA emits {@code x*x}, {@code x*x*x} and {@code 1/x}
   * directly for 2, 3 and -1, which agree).
   *
   * @param x the value
   * @param y the second value
   * @param d the dtype
   * @return {@code integer_pow}
   */
  public static double integerPow(double x, int y, DType d) {
    if (y == 0) {
      return 1.0;
    }
    long e = Math.abs((long) y);
    double acc = Double.NaN;
    boolean first = true;
    double base = x;
    while (e > 0) {
      if ((e & 1) != 0) {
        acc = first ? base : round(acc * base, d);
        first = false;
      }
      e >>= 1;
      if (e > 0) {
        base = round(base * base, d);
      }
    }
    return y < 0 ? round(1.0 / acc, d) : acc;
  }

  /**
   * C's {@code nextafter} in {@code d}: the next representable value from x toward y.
   *
   * @param x the value
   * @param y the second value
   * @param d the dtype
   * @return C's {@code nextafter} in {@code d}: the next representable value from x toward y
   */
  public static double nextAfter(double x, double y, DType d) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.NaN;
    }
    if (x == y) {
      return y;
    }
    return switch (d) {
      case FLOAT64 -> Math.nextAfter(x, y);
      case FLOAT32 -> Math.nextAfter((float) x, y);
      case FLOAT16, BFLOAT16 -> nextAfter16(x, y, d);
      default -> throw new IllegalArgumentException(d + " is not a floating dtype");
    };
  }

  private static double nextAfter16(double x, double y, DType d) {
    int bits;
    if (x == 0.0) {
      bits = y > 0 ? 0x0001 : 0x8001;
    } else {
      short h = d == DType.FLOAT16 ? HalfFloats.doubleToF16(x) : HalfFloats.doubleToBf16(x);
      int b = h & 0xFFFF;
      boolean awayFromZero = (y > x) == (x > 0);
      bits = awayFromZero ? b + 1 : b - 1;
    }
    return d == DType.FLOAT16
        ? HalfFloats.f16ToFloat((short) bits)
        : HalfFloats.bf16ToFloat((short) bits);
  }

  /**
   * 1.0 when {@code x} is finite, else 0.0 (stored into bool as true/false).
   *
   * @param x the value
   * @return 1.0 when {@code x} is finite, else 0.0 (stored into bool as true/false)
   */
  public static double isFinite(double x) {
    return Double.isFinite(x) ? 1.0 : 0.0;
  }
}
