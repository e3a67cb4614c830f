package org.jaxpresso.lax.internal.elementwise;

/**
 * Double-precision special functions Java's {@link Math} lacks, for the reference
 * implementations: {@code erf}, {@code erfc}, {@code erf_inv}, {@code asinh}, {@code acosh},
 * {@code atanh}, {@code logistic}, {@code lgamma}, {@code digamma}. They are accurate to a few
 * double ulps (erf and erfc to about 16 near 1), far below the rounding to float32 and narrower
 * that follows them, except lgamma and digamma near their zeros, where (as with XLA's own
 * Lanczos-based lgamma) only the absolute error is small; {@link #erfInvF32} reproduces XLA's
 * float32 algorithm.
 */
public final class SpecialFunctions {
  private SpecialFunctions() {}

  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
  private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
  private static final double LN2 = 0.6931471805599453;

  /** {@code exp(-a*a)}, with the rounding error of {@code a*a} corrected. */
  private static double expNegSquare(double a) {
    double hi = a * a;
    double lo = Math.fma(a, a, -hi);
    return Math.exp(-hi) * (1.0 - lo);
  }

  /** erf(a) for {@code 0 <= a < 2}: {@code 2/sqrt(pi) e^{-a^2} sum (2a^2)^n a / (2n+1)!!}. */
  private static double erfSeries(double a) {
    double a2 = a * a;
    double term = a;
    double sum = a;
    for (int n = 1; n < 500; n++) {
      term *= 2.0 * a2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return TWO_OVER_SQRT_PI * expNegSquare(a) * sum;
  }

  /** erfc(x) for {@code x >= 1}: Laplace's continued fraction, evaluated backward. */
  private static double erfcContinuedFraction(double x) {
    int terms = x < 2 ? 200 : 80;
    double t = x;
    for (int n = terms; n >= 1; n--) {
      t = x + (n * 0.5) / t;
    }
    return expNegSquare(x) * ONE_OVER_SQRT_PI / t;
  }

  /**
   * The error function.
   *
   * @param x the value
   * @return the error function
   */
  public static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    double r;
    if (a < 2) {
      r = erfSeries(a);
    } else if (a < 6) {
      r = 1.0 - erfcContinuedFraction(a);
    } else {
      r = 1.0;
    }
    return Math.copySign(r, x);
  }

  /**
   * The complementary error function {@code 1 - erf(x)}, accurate for large x.
   *
   * @param x the value
   * @return the complementary error function {@code 1 - erf(x)}, accurate for large x
   */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    if (x < 0.5) {
      return 1.0 - erf(x);
    }
    if (x < 1) {
      return 1.0 - erfSeries(x);
    }
    if (x > 27.3) {
      return 0.0;
    }
    return erfcContinuedFraction(x);
  }

  private static final float[] GILES_CENTRAL = {
    2.81022636e-08f, 3.43273939e-07f, -3.5233877e-06f, -4.39150654e-06f, 0.00021858087f,
    -0.00125372503f, -0.00417768164f, 0.246640727f, 1.50140941f
  };
  private static final float[] GILES_TAIL = {
    -0.000200214257f, 0.000100950558f, 0.00134934322f, -0.00367342844f, 0.00573950773f,
    -0.0076224613f, 0.00943887047f, 1.00167406f, 2.83297682f
  };

  /**
   * XLA's float32 {@code erf_inv} (Giles' single-precision approximation, as StableHLO
   * decomposes it), in float arithmetic: {@code w = -log1p(-x*x)}; a degree-8 polynomial in
   * {@code w - 2.5} when {@code w < 5}, else in {@code sqrt(w) - 3}; times x; {@code |x| == 1}
   * gives {@code x * inf}.
   *
   * @param x the value
   * @return XLA's float32 {@code erf_inv} (Giles' single-precision approximation, as StableHLO
   *     decomposes it), in float arithmetic
   */
  public static float erfInvF32(float x) {
    float xx = x * x;
    float w = -(float) Math.log1p(-xx);
    float[] c;
    if (w < 5.0f) {
      w = w - 2.5f;
      c = GILES_CENTRAL;
    } else {
      w = (float) Math.sqrt(w) - 3.0f;
      c = GILES_TAIL;
    }
    float p = c[0];
    for (int i = 1; i < c.length; i++) {
      p = c[i] + p * w;
    }
    float r = p * x;
    return Math.abs(x) == 1.0f ? x * Float.POSITIVE_INFINITY : r;
  }

  /**
   * The inverse error function in double: Giles' approximation refined by Newton steps on
   * {@code erf} (on {@code erfc} for |y| above 1/2, where {@code 1 - |y|} is exact).
   *
   * @param y the second value
   * @return the inverse error function in double
   */
  public static double erfInv(double y) {
    if (Double.isNaN(y) || Math.abs(y) > 1) {
      return Double.NaN;
    }
    if (Math.abs(y) == 1) {
      return y * Double.POSITIVE_INFINITY;
    }
    if (y == 0) {
      return y;
    }
    double a = Math.abs(y);
    double w = -Math.log((1.0 - a) * (1.0 + a));
    double[] c = new double[GILES_CENTRAL.length];
    double t;
    if (w < 5.0) {
      t = w - 2.5;
      for (int i = 0; i < c.length; i++) {
        c[i] = GILES_CENTRAL[i];
      }
    } else {
      t = Math.sqrt(w) - 3.0;
      for (int i = 0; i < c.length; i++) {
        c[i] = GILES_TAIL[i];
      }
    }
    double x = c[0];
    for (int i = 1; i < c.length; i++) {
      x = c[i] + x * t;
    }
    x *= a;
    for (int k = 0; k < 4; k++) {
      double f = a <= 0.5 ? erf(x) - a : (1.0 - a) - erfc(x);
      double step = f / (TWO_OVER_SQRT_PI * expNegSquare(x));
      if (!Double.isFinite(step)) {
        break;
      }
      x -= step;
    }
    return Math.copySign(x, y);
  }

  /**
   * The inverse hyperbolic sine.
   *
   * @param x the value
   * @return the inverse hyperbolic sine
   */
  public static double asinh(double x) {
    double a = Math.abs(x);
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    double r;
    if (a > 0x1p28) {
      r = Math.log(a) + LN2;
    } else if (a > 2) {
      r = Math.log(2 * a + 1 / (Math.sqrt(a * a + 1) + a));
    } else {
      double a2 = a * a;
      r = Math.log1p(a + a2 / (1 + Math.sqrt(1 + a2)));
    }
    return Math.copySign(r, x);
  }

  /**
   * The inverse hyperbolic cosine (NaN below 1).
   *
   * @param x the value
   * @return the inverse hyperbolic cosine (NaN below 1)
   */
  public static double acosh(double x) {
    if (Double.isNaN(x) || x < 1) {
      return Double.NaN;
    }
    if (x > 0x1p28) {
      return Double.isInfinite(x) ? x : Math.log(x) + LN2;
    }
    if (x > 2) {
      return Math.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
    }
    double t = x - 1;
    return Math.log1p(t + Math.sqrt(2 * t + t * t));
  }

  /**
   * The inverse hyperbolic tangent (NaN beyond ±1, ±inf at ±1).
   *
   * @param x the value
   * @return the inverse hyperbolic tangent (NaN beyond ±1, ±inf at ±1)
   */
  public static double atanh(double x) {
    double a = Math.abs(x);
    if (Double.isNaN(x) || a > 1) {
      return Double.NaN;
    }
    if (a == 1) {
      return Math.copySign(Double.POSITIVE_INFINITY, x);
    }
    double r;
    if (a < 0.5) {
      double t = a + a;
      r = 0.5 * Math.log1p(t + t * a / (1 - a));
    } else {
      r = 0.5 * Math.log1p((a + a) / (1 - a));
    }
    return Math.copySign(r, x);
  }

  /**
   * The logistic sigmoid {@code 1 / (1 + exp(-x))}.
   *
   * @param x the value
   * @return the logistic sigmoid {@code 1 / (1 + exp(-x))}
   */
  public static double logistic(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** {@code sin(pi * x)}, exact at integers and half-integers (argument reduced mod 2 first). */
  static double sinPi(double x) {
    double r = x - 2 * Math.floor(x * 0.5); // in [0, 2), exact
    double s = 1.0;
    if (r >= 1) {
      r -= 1;
      s = -1.0;
    }
    if (r > 0.5) {
      r = 1 - r;
    }
    return s * Math.sin(Math.PI * r);
  }

  /**
   * {@code log|Gamma(x)|}: Lanczos' approximation (g = 7, 9 terms, as XLA uses) for x >= 1/2,
   * the reflection formula below; exactly 0 at 1 and 2; +inf at ±inf, 0 and the negative
   * integers (as XLA).
   *
   * @param x the value
   * @return {@code log|Gamma(x)|}
   */
  public static double lgamma(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    if (Double.isInfinite(x)) {
      return Double.POSITIVE_INFINITY;
    }
    if (x <= 0 && x == Math.floor(x)) {
      return Double.POSITIVE_INFINITY;
    }
    if (x == 1 || x == 2) {
      return 0.0;
    }
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
    }
    double z = x - 1;
    double a = LANCZOS[0];
    double t = z + 7.5;
    for (int i = 1; i < LANCZOS.length; i++) {
      a += LANCZOS[i] / (z + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /**
   * The digamma function {@code Gamma'(x)/Gamma(x)}: the recurrence up to x >= 10, then the
   * asymptotic series; the reflection formula below 1/2; NaN at 0 and the negative integers
   * (XLA's choice).
   *
   * @param x the value
   * @return the digamma function {@code Gamma'(x)/Gamma(x)}
   */
  public static double digamma(double x) {
    if (Double.isNaN(x) || (x <= 0 && x == Math.floor(x))) {
      return Double.NaN;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return x;
    }
    if (x < 0.5) {
      // psi(1 - x) - psi(x) = pi / tan(pi x) = pi cos(pi x) / sin(pi x)
      double c = sinPi(x + 0.5);
      return digamma(1 - x) - Math.PI * c / sinPi(x);
    }
    double r = 0;
    double y = x;
    while (y < 10) {
      r -= 1 / y;
      y += 1;
    }
    double f = 1 / (y * y);
    double t = f * (-1.0 / 12 + f * (1.0 / 120 + f * (-1.0 / 252 + f * (1.0 / 240
        + f * (-1.0 / 132 + f * (691.0 / 32760 - f / 12))))));
    return r + Math.log(y) - 0.5 / y + t;
  }
}
