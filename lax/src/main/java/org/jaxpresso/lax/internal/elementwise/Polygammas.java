package org.jaxpresso.lax.internal.elementwise;

/**
 * The polygamma function {@code psi^(m)(x)} and the Hurwitz zeta function it rests on, in
 * double precision, with XLA's domain conventions ({@code chlo.polygamma} and {@code
 * chlo.zeta}): NaN for an order that is negative or not an integer, {@code digamma} for order
 * 0, {@code (-1)^(m+1) m! zeta(m + 1, x)} otherwise, with an infinity (of that sign) at the
 * poles {@code x = 0, -1, -2, ...}.
 *
 * <p>{@link #zeta} sums the first terms directly until the argument is large enough and adds
 * the Euler-Maclaurin tail with 12 Bernoulli terms; against mpmath at 50 digits it is within
 * {@code 1e-14} relative for the arguments the tests draw ({@code tools/refgen/gen_polygamma.py}),
 * worse only where the direct sum cancels (negative non-integer {@code x} close to a pole).
 */
public final class Polygammas {
  private Polygammas() {}

  /** {@code B_2j / (2j)!} for j = 1..12. */
  private static final double[] BERNOULLI_OVER_FACTORIAL = {
    1.0 / 12,
    -1.0 / 720,
    1.0 / 30240,
    -1.0 / 1209600,
    1.0 / 47900160,
    -691.0 / 1307674368000.0,
    1.0 / 74724249600.0,
    -3617.0 / 10670622842880000.0,
    43867.0 / 5109094217170944000.0,
    -174611.0 / 802857662698291200000.0,
    77683.0 / 14101100039391805440000.0,
    -236364091.0 / 1693824136731743669452800000.0,
  };

  /**
   * The Hurwitz zeta function {@code sum_k (q + k)^-s} for {@code s > 1}: infinity for
   * {@code s == 1} and at non-positive integer {@code q}, NaN for {@code s < 1}, for NaN
   * inputs, and for non-positive {@code q} with a non-integer {@code s} (XLA's conventions).
   *
   * @param s the exponent
   * @param q the shift
   * @return {@code zeta(s, q)}
   */
  public static double zeta(double s, double q) {
    if (Double.isNaN(s) || Double.isNaN(q) || s < 1) {
      return Double.NaN;
    }
    if (s == 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (q <= 0 && q == Math.floor(q)) {
      return Double.POSITIVE_INFINITY;
    }
    if (q <= 0 && s != Math.floor(s)) {
      return Double.NaN;
    }
    if (q == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    // direct terms until a = q + n is large enough for the tail to converge fast
    double target = Math.max(16.0, s + 8.0);
    double sum = 0;
    double a = q;
    while (a < target) {
      sum += Math.pow(a, -s);
      a += 1;
    }
    double tail = Math.pow(a, 1 - s) / (s - 1) + 0.5 * Math.pow(a, -s);
    // term j: B_2j/(2j)! * s (s+1) ... (s+2j-2) * a^(-s-2j+1)
    double rising = s;
    double power = Math.pow(a, -s - 1);
    double inv2 = 1 / (a * a);
    for (int j = 0; j < BERNOULLI_OVER_FACTORIAL.length; j++) {
      double term = BERNOULLI_OVER_FACTORIAL[j] * rising * power;
      tail += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(tail + sum)) {
        break;
      }
      rising *= (s + 2 * j + 1) * (s + 2 * j + 2);
      power *= inv2;
    }
    return sum + tail;
  }

  /**
   * The polygamma function {@code psi^(m)(x)}, the m-th derivative of digamma.
   *
   * @param m the order: a non-negative integer value (NaN otherwise)
   * @param x the argument
   * @return {@code psi^(m)(x)}
   */
  public static double polygamma(double m, double x) {
    if (Double.isNaN(m) || Double.isNaN(x) || m < 0 || m != Math.floor(m)
        || Double.isInfinite(m)) {
      return Double.NaN;
    }
    if (m == 0) {
      return SpecialFunctions.digamma(x);
    }
    double sign = m % 2 == 1 ? 1 : -1;
    double z = zeta(m + 1, x);
    if (z == 0 || Double.isInfinite(z)) {
      return sign * z;
    }
    double factorial = 1;
    for (int k = 2; k <= m && !Double.isInfinite(factorial); k++) {
      factorial *= k;
    }
    double r = factorial * z;
    if (Double.isInfinite(r) || r == 0) {
      // m! and zeta overflow or underflow separately; combine their logarithms
      r = Math.exp(SpecialFunctions.lgamma(m + 1) + Math.log(Math.abs(z))) * Math.signum(z);
    }
    return sign * r;
  }
}
