package org.jaxpresso.runtime.cpu.codegen;

/**
 * Scalar helpers the generated kernels call (C2 inlines them): the lax reference semantics of
 * the ops that are not one bytecode or one {@link Math} method. Public only because generated
 * classes call it; not an API.
 */
public final class CpuMath {
  private CpuMath() {}

  /**
   * C's {@code pow}: {@code pow(1, y) == pow(x, 0) == pow(-1, inf) == 1}.
   *
   * @param x the base
   * @param y the exponent
   * @return {@code x} raised to {@code y}
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
   * {@code 2 ** x}.
   *
   * @param x the exponent
   * @return two raised to {@code x}
   */
  public static double exp2(double x) {
    return Math.pow(2.0, x);
  }

  /**
   * {@code 1 / sqrt(x)}.
   *
   * @param x the operand
   * @return the reciprocal square root of {@code x}
   */
  public static double rsqrt(double x) {
    return 1.0 / Math.sqrt(x);
  }

  /**
   * Round to nearest, ties away from zero.
   *
   * @param x the value to round
   * @return the nearest integer to {@code x}, NaN and infinities unchanged
   */
  public static double roundHalfAway(double x) {
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
   * {@code clamp(lo, x, hi)} propagating NaN.
   *
   * @param lo the lower bound
   * @param x the value
   * @param hi the upper bound
   * @return {@code x} limited to {@code [lo, hi]}; NaN when any operand is NaN
   */
  public static double clamp(double lo, double x, double hi) {
    return Math.min(hi, Math.max(lo, x));
  }

  /**
   * {@code x ** n}, by squaring, rounding after every product to the float type {@code kind}
   * (0 float64, 1 float32, 2 float16, 3 bfloat16).
   *
   * @param x the base
   * @param n the integer exponent, possibly negative
   * @param kind the float type every intermediate is rounded to
   * @return {@code x} to the power {@code n}, as lax's {@code integer_pow} computes it
   */
  public static double integerPow(double x, int n, int kind) {
    if (n == 0) {
      return 1.0;
    }
    long e = Math.abs((long) n);
    double acc = Double.NaN;
    boolean first = true;
    double base = x;
    while (e > 0) {
      if ((e & 1) != 0) {
        acc = first ? base : round(acc * base, kind);
        first = false;
      }
      e >>= 1;
      if (e > 0) {
        base = round(base * base, kind);
      }
    }
    return n < 0 ? round(1.0 / acc, kind) : acc;
  }

  private static double round(double v, int kind) {
    return switch (kind) {
      case 1 -> (float) v;
      case 2 -> f16Round(v);
      case 3 -> bf16Round(v);
      default -> v;
    };
  }

  /**
   * The float16 bit pattern {@code bits} as a double.
   *
   * @param bits a float16 bit pattern
   * @return its exact value
   */
  public static double f16Load(short bits) {
    return Float.float16ToFloat(bits);
  }

  /**
   * The bfloat16 bit pattern {@code bits} as a double.
   *
   * @param bits a bfloat16 bit pattern
   * @return its exact value
   */
  public static double bf16Load(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /**
   * The nearest float16 to {@code v} (one rounding, ties to even).
   *
   * @param v the value to round
   * @return the float16 bit pattern
   */
  public static short f16Store(double v) {
    return Float.floatToFloat16(roundToOddFloat(v));
  }

  /**
   * The nearest bfloat16 to {@code v} (one rounding, ties to even); NaN stays NaN.
   *
   * @param v the value to round
   * @return the bfloat16 bit pattern
   */
  public static short bf16Store(double v) {
    float f = roundToOddFloat(v);
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
  }

  /**
   * {@code v} rounded to float16.
   *
   * @param v the value to round
   * @return the nearest float16, as a double
   */
  public static double f16Round(double v) {
    return f16Load(f16Store(v));
  }

  /**
   * {@code v} rounded to bfloat16.
   *
   * @param v the value to round
   * @return the nearest bfloat16, as a double
   */
  public static double bf16Round(double v) {
    return bf16Load(bf16Store(v));
  }

  /**
   * {@code d} rounded to float toward zero with the last bit set when inexact (round to odd),
   * so that a later rounding to a 16-bit format is as if directly from {@code d}.
   */
  private static float roundToOddFloat(double d) {
    float f = (float) d;
    if (Double.isNaN(d) || Double.isInfinite(d) || (double) f == d || Float.isInfinite(f)) {
      return f;
    }
    if (Math.abs((double) f) > Math.abs(d)) {
      f = Math.nextAfter(f, 0.0);
    }
    return Float.intBitsToFloat(Float.floatToRawIntBits(f) | 1);
  }

  /**
   * {@code select_n(p, a, b)}: {@code b} when {@code p} is true.
   *
   * @param p the predicate, 0 or 1
   * @param a the case for false
   * @param b the case for true
   * @return {@code b} when {@code p != 0}, else {@code a}
   */
  public static double select(int p, double a, double b) {
    return p != 0 ? b : a;
  }

  /**
   * {@code x == y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x == y}, else 0
   */
  public static int eq(double x, double y) {
    return x == y ? 1 : 0;
  }

  /**
   * {@code x != y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x != y}, else 0
   */
  public static int ne(double x, double y) {
    return x != y ? 1 : 0;
  }

  /**
   * {@code x < y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x < y}, else 0
   */
  public static int lt(double x, double y) {
    return x < y ? 1 : 0;
  }

  /**
   * {@code x <= y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x <= y}, else 0
   */
  public static int le(double x, double y) {
    return x <= y ? 1 : 0;
  }

  /**
   * {@code x > y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x > y}, else 0
   */
  public static int gt(double x, double y) {
    return x > y ? 1 : 0;
  }

  /**
   * {@code x >= y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x >= y}, else 0
   */
  public static int ge(double x, double y) {
    return x >= y ? 1 : 0;
  }

  /**
   * Whether {@code x} is finite, as 0 or 1.
   *
   * @param x the operand
   * @return 1 when {@code x} is neither infinite nor NaN, else 0
   */
  public static int isFinite(double x) {
    return Double.isFinite(x) ? 1 : 0;
  }

  /**
   * XLA's int32 division: {@code x / 0 == -1}.
   *
   * @param x the dividend
   * @param y the divisor
   * @return the quotient rounded toward zero, or -1 for a zero divisor
   */
  public static int idiv(int x, int y) {
    return y == 0 ? -1 : x / y;
  }

  /**
   * XLA's int32 remainder: {@code x % 0 == x}.
   *
   * @param x the dividend
   * @param y the divisor
   * @return the remainder with the sign of {@code x}, or {@code x} for a zero divisor
   */
  public static int irem(int x, int y) {
    return y == 0 ? x : x % y;
  }

  /**
   * {@code x ** n} for {@code n >= 0}, wrapping.
   *
   * @param x the base
   * @param n the nonnegative exponent
   * @return {@code x} to the power {@code n}, modulo 2<sup>32</sup>
   */
  public static int ipow(int x, int n) {
    int acc = 1;
    int b = x;
    for (int e = n; e > 0; e >>= 1) {
      if ((e & 1) != 0) {
        acc *= b;
      }
      b *= b;
    }
    return acc;
  }

  /**
   * {@code select_n(p, a, b)} on ints.
   *
   * @param p the predicate, 0 or 1
   * @param a the case for false
   * @param b the case for true
   * @return {@code b} when {@code p != 0}, else {@code a}
   */
  public static int iselect(int p, int a, int b) {
    return p != 0 ? b : a;
  }

  /**
   * {@code clamp(lo, x, hi)} on ints.
   *
   * @param lo the lower bound
   * @param x the value
   * @param hi the upper bound
   * @return {@code x} limited to {@code [lo, hi]}
   */
  public static int iclamp(int lo, int x, int hi) {
    return Math.min(hi, Math.max(lo, x));
  }

  /**
   * {@code x == y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x == y}, else 0
   */
  public static int ieq(int x, int y) {
    return x == y ? 1 : 0;
  }

  /**
   * {@code x != y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x != y}, else 0
   */
  public static int ine(int x, int y) {
    return x != y ? 1 : 0;
  }

  /**
   * {@code x < y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x < y}, else 0
   */
  public static int ilt(int x, int y) {
    return x < y ? 1 : 0;
  }

  /**
   * {@code x <= y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x <= y}, else 0
   */
  public static int ile(int x, int y) {
    return x <= y ? 1 : 0;
  }

  /**
   * {@code x > y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x > y}, else 0
   */
  public static int igt(int x, int y) {
    return x > y ? 1 : 0;
  }

  /**
   * {@code x >= y} as 0 or 1.
   *
   * @param x the left operand
   * @param y the right operand
   * @return 1 when {@code x >= y}, else 0
   */
  public static int ige(int x, int y) {
    return x >= y ? 1 : 0;
  }
}
