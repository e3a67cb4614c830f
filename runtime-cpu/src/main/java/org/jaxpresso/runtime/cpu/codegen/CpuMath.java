package org.jaxpresso.runtime.cpu.codegen;

/**
 * Scalar helpers the generated kernels call (C2 inlines them): the lax reference semantics of
 * the ops that are not one bytecode or one {@link Math} method. Public only because generated
 * classes call it; not an API.
 */
public final class CpuMath {
  private CpuMath() {}

  /** C's {@code pow}: {@code pow(1, y) == pow(x, 0) == pow(-1, inf) == 1}. */
  public static double pow(double x, double y) {
    if (x == 1.0 || y == 0.0) {
      return 1.0;
    }
    if (x == -1.0 && Double.isInfinite(y)) {
      return 1.0;
    }
    return Math.pow(x, y);
  }

  /** {@code 2 ** x}. */
  public static double exp2(double x) {
    return Math.pow(2.0, x);
  }

  /** {@code 1 / sqrt(x)}. */
  public static double rsqrt(double x) {
    return 1.0 / Math.sqrt(x);
  }

  /** Round to nearest, ties away from zero. */
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

  /** {@code clamp(lo, x, hi)} propagating NaN. */
  public static double clamp(double lo, double x, double hi) {
    return Math.min(hi, Math.max(lo, x));
  }

  /** {@code x ** n}, by squaring, rounding to float32 after every product when {@code f32}. */
  public static double integerPow(double x, int n, boolean f32) {
    if (n == 0) {
      return 1.0;
    }
    long e = Math.abs((long) n);
    double acc = Double.NaN;
    boolean first = true;
    double base = x;
    while (e > 0) {
      if ((e & 1) != 0) {
        acc = first ? base : round(acc * base, f32);
        first = false;
      }
      e >>= 1;
      if (e > 0) {
        base = round(base * base, f32);
      }
    }
    return n < 0 ? round(1.0 / acc, f32) : acc;
  }

  private static double round(double v, boolean f32) {
    return f32 ? (float) v : v;
  }

  /** {@code select_n(p, a, b)}: {@code b} when {@code p} is true. */
  public static double select(int p, double a, double b) {
    return p != 0 ? b : a;
  }

  /** {@code x == y} as 0 or 1. */
  public static int eq(double x, double y) {
    return x == y ? 1 : 0;
  }

  /** {@code x != y} as 0 or 1. */
  public static int ne(double x, double y) {
    return x != y ? 1 : 0;
  }

  /** {@code x < y} as 0 or 1. */
  public static int lt(double x, double y) {
    return x < y ? 1 : 0;
  }

  /** {@code x <= y} as 0 or 1. */
  public static int le(double x, double y) {
    return x <= y ? 1 : 0;
  }

  /** {@code x > y} as 0 or 1. */
  public static int gt(double x, double y) {
    return x > y ? 1 : 0;
  }

  /** {@code x >= y} as 0 or 1. */
  public static int ge(double x, double y) {
    return x >= y ? 1 : 0;
  }

  /** Whether {@code x} is finite, as 0 or 1. */
  public static int isFinite(double x) {
    return Double.isFinite(x) ? 1 : 0;
  }
}
