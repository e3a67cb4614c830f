package org.jaxpresso.runtime.gpu.ptx;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * The transcendental functions of the GPU backend, in double precision, written once against
 * {@link MathOps} so that the PTX the backend emits ({@link PtxMathOps}) and the host mirror the
 * tests measure ({@link JavaMathOps}) run the same algorithm. Everything is branch-free straight
 * line code: both sides of a case split are computed and the result selected. No approximate
 * hardware instruction ({@code ex2.approx}, {@code sin.approx}, ...) is used: float32, float16
 * and bfloat16 values are widened to double, computed here, and rounded once, so they are
 * correctly rounded except in rare double-rounding cases.
 *
 * <p>Methods: Cody-Waite range reduction with Taylor polynomials whose coefficients are exact
 * rationals ({@code 1/k!}, {@code 1/(2k+1)}), so no table of fitted constants is needed; the
 * measured error bounds in double precision (test {@code MathLibraryTest}, against
 * {@link java.lang.StrictMath} and the lax reference kernels) are listed in the module's
 * README. {@code sin}, {@code cos} and {@code tan} reduce by a three-part {@code pi/2} below
 * {@code 2^19} and, behind a branch warps skip when no thread needs it, by Payne-Hanek above
 * ({@link PayneHanek}: exact products of the argument's mantissa with the words of a {@code
 * 2/pi} table selected by its exponent), so every finite argument is reduced exactly. Known
 * limits: {@code pow} is {@code exp(y log x)} and loses about {@code log2|y ln x|} bits in double;
 * {@code lgamma} and {@code digamma} have absolute (not relative) accuracy near their roots.
 *
 * @param <D> a double value of the target
 * @param <P> a predicate of the target
 */
public final class MathLibrary<D, P> {
  private static final MathContext MC = new MathContext(60);
  private static final BigDecimal LN2 =
      new BigDecimal("0.69314718055994530941723212145817656807550013436025525412068");
  private static final BigDecimal PI_OVER_2 =
      new BigDecimal("1.57079632679489661923132169163975144209858469968755291048747");
  private static final double PI = Math.PI;
  private static final double LN2_HI = clearLowBits(LN2.doubleValue(), 11);
  private static final double LN2_LO = LN2.subtract(new BigDecimal(LN2_HI)).doubleValue();
  private static final double[] PIO2 = split3(PI_OVER_2);
  /** Above this magnitude, trigonometric arguments are reduced by Payne-Hanek. */
  static final double TRIG_FAST_LIMIT = 0x1p19;
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955125738961589031215451716881;
  private static final double INV_SQRT_PI = 0.5641895835477562869480794515607725858441;
  private static final double HALF_LOG_2PI = 0.9189385332046727417803297364056176398614;
  private static final double INV_SQRT3 = 0.5773502691896257645091487805019574556476;
  private static final double PI_OVER_6 = 0.5235987755982988730771072305465838140329;
  private static final double SQRT2 = 1.4142135623730950488016887242096980785697;
  /** Terms of the continued fraction of {@code erfc} (evaluated backwards). */
  static final int ERFC_CF_TERMS = 160;
  /** Terms of the positive power series of {@code erf}. */
  static final int ERF_SERIES_TERMS = 64;

  private final MathOps<D, P> m;
  private final PayneHanek<D, P> payneHanek;

  /**
   * A library emitting through {@code ops}.
   *
   * @param ops the operations that evaluate or emit each step
   */
  public MathLibrary(MathOps<D, P> ops) {
    this.m = ops;
    this.payneHanek = new PayneHanek<>(ops);
  }

  private static double clearLowBits(double v, int bits) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & -(1L << bits));
  }

  /** {@code v} as hi (33 bits) + mid (33 bits) + lo. */
  private static double[] split3(BigDecimal v) {
    double hi = clearLowBits(v.doubleValue(), 20);
    BigDecimal r = v.subtract(new BigDecimal(hi), MC);
    double mid = clearLowBits(r.doubleValue(), 20);
    double lo = r.subtract(new BigDecimal(mid), MC).doubleValue();
    return new double[] {hi, mid, lo};
  }

  private D c(double v) {
    return m.c(v);
  }

  /** Horner: {@code coef[0] + x*(coef[1] + x*(...))}. */
  private D poly(D x, double[] coef) {
    D acc = c(coef[coef.length - 1]);
    for (int i = coef.length - 2; i >= 0; i--) {
      acc = m.fma(acc, x, c(coef[i]));
    }
    return acc;
  }

  /** The coefficients {@code 1/k!} for {@code k = from, from+step, ...}. */
  private static double[] factorialSeries(int from, int step, int count, boolean alternate) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      int k = from + i * step;
      BigDecimal f = BigDecimal.ONE;
      for (int j = 2; j <= k; j++) {
        f = f.multiply(BigDecimal.valueOf(j));
      }
      double v = BigDecimal.ONE.divide(f, MC).doubleValue();
      out[i] = alternate && i % 2 == 1 ? -v : v;
    }
    return out;
  }

  /** {@code exp(r)} for {@code |r| <= ln2/2}: Taylor to degree 13. */
  private D expKernel(D r) {
    return poly(r, factorialSeries(0, 1, 14, false));
  }

  /** {@code exp(r) - 1} for {@code |r| <= ln2/2}: Taylor to degree 14. */
  private D expm1Kernel(D r) {
    return m.mul(r, poly(r, factorialSeries(1, 1, 14, false)));
  }

  /** {@code x = n ln2 + r}: returns {n, r}. */
  private D[] reduceLn2(D x) {
    D n = m.rint(m.mul(x, c(1.0 / LN2.doubleValue())));
    D r = m.fma(m.neg(n), c(LN2_HI), x);
    r = m.fma(m.neg(n), c(LN2_LO), r);
    @SuppressWarnings("unchecked")
    D[] out = (D[]) new Object[] {n, r};
    return out;
  }

  /**
   * {@code e^x}.
   *
   * @param x the exponent
   * @return {@code e} raised to {@code x}
   */
  public D exp(D x) {
    D xc = m.select(m.lt(x, c(-746)), c(-746), m.select(m.lt(c(710), x), c(710), x));
    D[] nr = reduceLn2(xc);
    D y = m.scale(expKernel(nr[1]), nr[0]);
    y = m.select(m.lt(c(709.782712893384), x), c(Double.POSITIVE_INFINITY), y);
    y = m.select(m.lt(x, c(-745.1332191019412)), c(0.0), y);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code 2^x}.
   *
   * @param x the exponent
   * @return 2 raised to {@code x}
   */
  public D exp2(D x) {
    D xc = m.select(m.lt(x, c(-1080)), c(-1080), m.select(m.lt(c(1030), x), c(1030), x));
    D n = m.rint(xc);
    D f = m.sub(xc, n);
    D r = m.mul(f, c(LN2.doubleValue()));
    D lo = m.fma(f, c(LN2.doubleValue()), m.neg(r));
    lo = m.fma(f, c(LN2.subtract(new BigDecimal(LN2.doubleValue())).doubleValue()), lo);
    D e = expKernel(r);
    e = m.fma(e, lo, e);
    D y = m.scale(e, n);
    y = m.select(m.le(c(1024), x), c(Double.POSITIVE_INFINITY), y);
    y = m.select(m.lt(x, c(-1075)), c(0.0), y);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code e^x - 1}.
   *
   * @param x the exponent
   * @return {@code e^x - 1}, accurate for small {@code x}
   */
  public D expm1(D x) {
    D small = expm1Kernel(x);
    D xc = m.select(m.lt(x, c(-60)), c(-60), m.select(m.lt(c(700), x), c(700), x));
    D[] nr = reduceLn2(xc);
    D twoN = m.scale(c(1.0), nr[0]);
    D big = m.add(m.scale(expm1Kernel(nr[1]), nr[0]), m.sub(twoN, c(1.0)));
    D y = m.select(m.lt(m.abs(x), c(0.34657359027997264)), small, big);
    y = m.select(m.lt(c(700), x), exp(x), y);
    y = m.select(m.lt(x, c(-60)), c(-1.0), y);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code ln x}.
   *
   * @param x the operand
   * @return the natural logarithm of {@code x}
   */
  public D log(D x) {
    P sub = m.lt(x, c(0x1p-1022));
    D s = m.select(sub, m.mul(x, c(0x1p54)), x);
    D e = m.sub(m.exponent(s), m.select(sub, c(54), c(0)));
    D mant = m.mantissa(s);
    P high = m.lt(c(SQRT2), mant);
    mant = m.select(high, m.mul(mant, c(0.5)), mant);
    e = m.select(high, m.add(e, c(1)), e);
    D f = m.sub(mant, c(1.0));
    D t = m.div(f, m.add(f, c(2.0)));
    D t2 = m.mul(t, t);
    double[] odd = new double[12];
    for (int k = 0; k < odd.length; k++) {
      odd[k] = 2.0 / (2 * k + 3);
    }
    // log(mant) = 2t + t*t2*(2/3 + 2/5 t2 + ...), written as f - t*(f - t2*P) for accuracy.
    D tail = m.mul(m.mul(t, t2), poly(t2, odd));
    D hfsq = m.mul(c(0.5), m.mul(f, f));
    D lm = m.sub(f, m.sub(hfsq, m.add(m.mul(t, hfsq), tail)));
    D y = m.add(m.fma(e, c(LN2_LO), lm), m.mul(e, c(LN2_HI)));
    y = m.select(m.eq(x, c(0)), c(Double.NEGATIVE_INFINITY), y);
    y = m.select(m.lt(x, c(0)), c(Double.NaN), y);
    y = m.select(m.eq(x, c(Double.POSITIVE_INFINITY)), x, y);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code ln(1 + x)}.
   *
   * @param x the operand
   * @return {@code ln(1 + x)}, accurate for small {@code x}
   */
  public D log1p(D x) {
    D u = m.add(c(1.0), x);
    D y = m.mul(log(u), m.div(x, m.sub(u, c(1.0))));
    y = m.select(m.eq(u, c(1.0)), x, y);
    y = m.select(m.isInf(u), log(u), y);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code {k, r}} with {@code x = k pi/2 + r}, {@code |r| <= pi/4} (a hair more above
   * {@link #TRIG_FAST_LIMIT}): Cody-Waite below the limit, Payne-Hanek above, where {@code
   * large} allows it (callers whose arguments are known to be small pass false).
   */
  private D[] reducePiOver2(D x, boolean large) {
    D k = m.rint(m.mul(x, c(2.0 / Math.PI)));
    D r = m.fma(m.neg(k), c(PIO2[0]), x);
    r = m.fma(m.neg(k), c(PIO2[1]), r);
    r = m.fma(m.neg(k), c(PIO2[2]), r);
    if (large) {
      List<D> kr = m.rarely(m.le(c(TRIG_FAST_LIMIT), m.abs(x)), List.of(k, r),
          () -> payneHanek.reduce(x));
      k = kr.get(0);
      r = kr.get(1);
    }
    @SuppressWarnings("unchecked")
    D[] out = (D[]) new Object[] {k, r};
    return out;
  }

  private D sinKernel(D r) {
    D r2 = m.mul(r, r);
    double[] coef = factorialSeries(3, 2, 9, true);
    for (int i = 0; i < coef.length; i++) {
      coef[i] = -coef[i];
    }
    return m.fma(m.mul(r, r2), poly(r2, coef), r);
  }

  private D cosKernel(D r) {
    D r2 = m.mul(r, r);
    return poly(r2, factorialSeries(0, 2, 10, true));
  }

  /** The quadrant {@code k mod 4} in {@code [0, 4)}. */
  private D quadrant(D k) {
    return m.sub(k, m.mul(c(4), m.floor(m.mul(k, c(0.25)))));
  }

  /**
   * {@code sin x}.
   *
   * @param x the angle in radians
   * @return the sine of {@code x}
   */
  public D sin(D x) {
    return sin(x, true);
  }

  private D sin(D x, boolean large) {
    D[] kr = reducePiOver2(x, large);
    D s = sinKernel(kr[1]);
    D co = cosKernel(kr[1]);
    D q = quadrant(kr[0]);
    D y = m.select(m.eq(q, c(0)), s, m.select(m.eq(q, c(1)), co,
        m.select(m.eq(q, c(2)), m.neg(s), m.neg(co))));
    y = m.select(m.eq(x, c(0)), x, y);
    return m.select(m.isInf(x), c(Double.NaN), y);
  }

  /**
   * {@code cos x}.
   *
   * @param x the angle in radians
   * @return the cosine of {@code x}
   */
  public D cos(D x) {
    return cos(x, true);
  }

  private D cos(D x, boolean large) {
    D[] kr = reducePiOver2(x, large);
    D s = sinKernel(kr[1]);
    D co = cosKernel(kr[1]);
    D q = quadrant(kr[0]);
    D y = m.select(m.eq(q, c(0)), co, m.select(m.eq(q, c(1)), m.neg(s),
        m.select(m.eq(q, c(2)), m.neg(co), s)));
    return m.select(m.isInf(x), c(Double.NaN), y);
  }

  /**
   * {@code tan x}.
   *
   * @param x the angle in radians
   * @return the tangent of {@code x}
   */
  public D tan(D x) {
    D[] kr = reducePiOver2(x, true);
    D s = sinKernel(kr[1]);
    D co = cosKernel(kr[1]);
    D q = quadrant(kr[0]);
    P odd = m.or(m.eq(q, c(1)), m.eq(q, c(3)));
    D y = m.select(odd, m.neg(m.div(co, s)), m.div(s, co));
    y = m.select(m.eq(x, c(0)), x, y);
    return m.select(m.isInf(x), c(Double.NaN), y);
  }

  /**
   * {@code atan x}.
   *
   * @param x the operand
   * @return the arc tangent of {@code x}, in {@code [-pi/2, pi/2]}
   */
  public D atan(D x) {
    D a = m.abs(x);
    P big = m.lt(c(1.0), a);
    D t = m.select(big, m.div(c(1.0), a), a);
    P mid = m.lt(c(0.2679491924311227), t);
    D tr = m.select(mid, m.div(m.sub(t, c(INV_SQRT3)), m.fma(t, c(INV_SQRT3), c(1.0))), t);
    D t2 = m.mul(tr, tr);
    double[] coef = new double[15];
    for (int k = 0; k < coef.length; k++) {
      coef[k] = (k % 2 == 0 ? 1.0 : -1.0) / (2 * k + 3);
    }
    D at = m.fma(m.mul(tr, t2), m.neg(poly(t2, coef)), tr);
    at = m.select(mid, m.add(at, c(PI_OVER_6)), at);
    at = m.select(big, m.add(m.sub(c(PIO2[0]), at), c(PIO2[1] + PIO2[2])), at);
    D y = m.copySign(at, x);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code atan2(y, x)} with C's special cases.
   *
   * @param y the ordinate
   * @param x the abscissa
   * @return the angle of the point {@code (x, y)}, in {@code [-pi, pi]}
   */
  public D atan2(D y, D x) {
    D ay = m.abs(y);
    D ax = m.abs(x);
    P yBig = m.lt(ax, ay);
    D a = atan(m.select(yBig, m.div(ax, ay), m.div(ay, ax)));
    a = m.select(yBig, m.sub(c(Math.PI / 2), a), a);
    P xNeg = m.signBit(x);
    a = m.select(xNeg, m.sub(c(PI), a), a);
    // Both infinite: pi/4 or 3pi/4.
    P bothInf = m.and(m.isInf(x), m.isInf(y));
    a = m.select(bothInf, m.select(xNeg, c(3 * Math.PI / 4), c(Math.PI / 4)), a);
    // y == 0: 0 or pi by the sign of x.
    a = m.select(m.eq(y, c(0)), m.select(xNeg, c(PI), c(0.0)), a);
    D r = m.copySign(a, y);
    return m.select(m.or(m.isNan(x), m.isNan(y)), m.add(x, y), r);
  }

  /**
   * {@code asin x = atan2(x, sqrt((1-x)(1+x)))}.
   *
   * @param x the operand
   * @return the arc sine of {@code x}, in {@code [-pi/2, pi/2]}
   */
  public D asin(D x) {
    return atan2(x, m.sqrt(m.mul(m.sub(c(1.0), x), m.add(c(1.0), x))));
  }

  /**
   * {@code acos x = atan2(sqrt((1-x)(1+x)), x)}.
   *
   * @param x the operand
   * @return the arc cosine of {@code x}, in {@code [0, pi]}
   */
  public D acos(D x) {
    D y = atan2(m.sqrt(m.mul(m.sub(c(1.0), x), m.add(c(1.0), x))), x);
    return m.select(m.lt(c(1.0), m.abs(x)), c(Double.NaN), y);
  }

  /**
   * {@code sinh x}.
   *
   * @param x the operand
   * @return the hyperbolic sine of {@code x}
   */
  public D sinh(D x) {
    D a = m.abs(x);
    D e = expm1(a);
    D small = m.mul(c(0.5), m.add(e, m.div(e, m.add(e, c(1.0)))));
    D h = exp(m.mul(c(0.5), a));
    D big = m.mul(m.mul(c(0.5), h), h);
    D y = m.select(m.lt(a, c(22)), small, big);
    return m.select(m.isNan(x), x, m.copySign(y, x));
  }

  /**
   * {@code cosh x}.
   *
   * @param x the operand
   * @return the hyperbolic cosine of {@code x}
   */
  public D cosh(D x) {
    D a = m.abs(x);
    D t = exp(m.select(m.lt(c(22), a), c(22), a));
    D mid = m.mul(c(0.5), m.add(t, m.div(c(1.0), t)));
    D h = exp(m.mul(c(0.5), a));
    D y = m.select(m.lt(a, c(22)), mid, m.mul(m.mul(c(0.5), h), h));
    D e = expm1(a);
    D small = m.add(c(1.0), m.div(m.mul(e, e), m.mul(c(2.0), m.add(c(1.0), e))));
    y = m.select(m.lt(a, c(0.5)), small, y);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code tanh x}.
   *
   * @param x the operand
   * @return the hyperbolic tangent of {@code x}
   */
  public D tanh(D x) {
    D a = m.abs(x);
    D e = expm1(m.mul(c(2.0), a));
    D y = m.div(e, m.add(e, c(2.0)));
    y = m.select(m.lt(c(22), a), c(1.0), y);
    return m.select(m.isNan(x), x, m.copySign(y, x));
  }

  /**
   * {@code 1 / (1 + e^-x)}.
   *
   * @param x the operand
   * @return the logistic sigmoid of {@code x}
   */
  public D logistic(D x) {
    return m.div(c(1.0), m.add(c(1.0), exp(m.neg(x))));
  }

  /**
   * {@code asinh x}.
   *
   * @param x the operand
   * @return the inverse hyperbolic sine of {@code x}
   */
  public D asinh(D x) {
    D a = m.abs(x);
    D a2 = m.mul(a, a);
    D y = log1p(m.add(a, m.div(a2, m.add(c(1.0), m.sqrt(m.add(c(1.0), a2))))));
    y = m.select(m.lt(c(0x1p28), a), m.add(log(a), c(LN2.doubleValue())), y);
    return m.select(m.isNan(x), x, m.copySign(y, x));
  }

  /**
   * {@code acosh x}.
   *
   * @param x the operand
   * @return the inverse hyperbolic cosine of {@code x}
   */
  public D acosh(D x) {
    D t = m.sub(x, c(1.0));
    D near = log1p(m.add(t, m.sqrt(m.fma(t, t, m.mul(c(2.0), t)))));
    D mid = log(m.add(x, m.sqrt(m.fma(x, x, c(-1.0)))));
    D y = m.select(m.lt(x, c(2.0)), near, mid);
    y = m.select(m.lt(c(0x1p28), x), m.add(log(x), c(LN2.doubleValue())), y);
    y = m.select(m.lt(x, c(1.0)), c(Double.NaN), y);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code atanh x}.
   *
   * @param x the operand
   * @return the inverse hyperbolic tangent of {@code x}
   */
  public D atanh(D x) {
    D a = m.abs(x);
    D y = m.mul(c(0.5), log1p(m.div(m.mul(c(2.0), a), m.sub(c(1.0), a))));
    y = m.select(m.lt(c(1.0), a), c(Double.NaN), y);
    return m.select(m.isNan(x), x, m.copySign(y, x));
  }

  /**
   * {@code x^(1/3)}: {@code exp(log|x|/3)} polished by one Newton step.
   *
   * @param x the operand
   * @return the real cube root of {@code x}
   */
  public D cbrt(D x) {
    D a0 = m.abs(x);
    P tiny = m.lt(a0, c(0x1p-900));
    P huge = m.lt(c(0x1p900), a0);
    D a = m.select(tiny, m.mul(a0, c(0x1p162)), m.select(huge, m.mul(a0, c(0x1p-162)), a0));
    D y = exp(m.mul(log(a), c(1.0 / 3.0)));
    y = m.sub(y, m.div(m.sub(m.mul(m.mul(y, y), y), a), m.mul(c(3.0), m.mul(y, y))));
    y = m.select(tiny, m.mul(y, c(0x1p-54)), m.select(huge, m.mul(y, c(0x1p54)), y));
    y = m.select(m.or(m.eq(a0, c(0)), m.isInf(a0)), a0, y);
    return m.select(m.isNan(x), x, m.copySign(y, x));
  }

  /**
   * {@code x^y} with C's special cases.
   *
   * @param x the base
   * @param y the exponent
   * @return {@code x} raised to {@code y}
   */
  public D pow(D x, D y) {
    D ax = m.abs(x);
    P yInt = m.eq(m.floor(y), y);
    D half = m.mul(y, c(0.5));
    P yOdd = m.and(yInt, m.not(m.eq(m.floor(half), half)));
    D mag = exp(m.mul(y, log(ax)));
    // Small integer exponents: repeated squaring (exact when the result is representable).
    D ay = m.abs(y);
    D acc = c(1.0);
    D base = ax;
    for (int bit = 0; bit < 7; bit++) {
      D q = m.floor(m.mul(ay, c(1.0 / (1 << bit))));
      D h = m.mul(q, c(0.5));
      P set = m.not(m.eq(m.floor(h), h));
      acc = m.select(set, m.mul(acc, base), acc);
      base = m.mul(base, base);
    }
    acc = m.select(m.lt(y, c(0)), m.div(c(1.0), acc), acc);
    mag = m.select(m.and(yInt, m.le(ay, c(127))), acc, mag);
    P xNeg = m.signBit(x);
    D r = m.select(m.and(xNeg, yOdd), m.neg(mag), mag);
    // Negative base, non-integer finite exponent: NaN.
    r = m.select(m.and(m.lt(x, c(0)), m.and(m.not(yInt), m.not(m.isInf(y)))), c(Double.NaN), r);
    // Infinite exponent.
    D infCase = m.select(m.eq(ax, c(1.0)), c(1.0),
        m.select(m.lt(ax, c(1.0)) , m.select(m.signBit(y), c(Double.POSITIVE_INFINITY), c(0.0)),
            m.select(m.signBit(y), c(0.0), c(Double.POSITIVE_INFINITY))));
    r = m.select(m.isInf(y), infCase, r);
    // Zero or infinite base with finite exponent: exact powers.
    D zeroCase = m.select(m.lt(y, c(0)), c(Double.POSITIVE_INFINITY), c(0.0));
    D infBase = m.select(m.lt(y, c(0)), c(0.0), c(Double.POSITIVE_INFINITY));
    D special = m.select(m.eq(ax, c(0)), zeroCase, infBase);
    special = m.select(m.and(xNeg, yOdd), m.neg(special), special);
    r = m.select(m.and(m.or(m.eq(ax, c(0)), m.isInf(ax)), m.not(m.isInf(y))), special, r);
    r = m.select(m.or(m.isNan(x), m.isNan(y)), m.add(x, y), r);
    return m.select(m.or(m.eq(x, c(1.0)), m.eq(y, c(0))), c(1.0), r);
  }

  /** {@code exp(-x^2)} with {@code x^2} carried in two parts. */
  private D expMinusSquare(D x) {
    D hi = m.mul(x, x);
    D lo = m.fma(x, x, m.neg(hi));
    D e = exp(m.neg(hi));
    return m.fma(m.neg(e), lo, e);
  }

  /** {@code erf x} for {@code |x| <= 2.5}: {@code 2/sqrt(pi) e^-x^2 sum 2^n x^(2n+1)/(2n+1)!!}. */
  private D erfSeries(D x) {
    D x2 = m.mul(x, x);
    D term = x;
    D sum = x;
    for (int n = 1; n < ERF_SERIES_TERMS; n++) {
      term = m.mul(term, m.div(m.mul(c(2.0), x2), c(2 * n + 1)));
      sum = m.add(sum, term);
    }
    return m.mul(m.mul(c(TWO_OVER_SQRT_PI), expMinusSquare(x)), sum);
  }

  /** {@code erfc x} for {@code x >= 1}: the continued fraction, evaluated backwards. */
  private D erfcFraction(D x) {
    D f = x;
    for (int k = ERFC_CF_TERMS; k >= 1; k--) {
      f = m.add(x, m.div(c(k * 0.5), f));
    }
    return m.mul(m.mul(c(INV_SQRT_PI), expMinusSquare(x)), m.div(c(1.0), f));
  }

  /** {@code {erf |x|, erfc |x|}} sharing one series and one continued fraction. */
  private D[] erfPair(D a) {
    D small = erfSeries(m.select(m.lt(c(2.5), a), c(2.5), a));
    D frac = erfcFraction(m.select(m.lt(a, c(1.5)), c(1.5), m.select(m.lt(c(27.5), a),
        c(27.5), a)));
    D erf = m.select(m.lt(a, c(2.5)), small, m.sub(c(1.0), frac));
    erf = m.select(m.lt(c(6), a), c(1.0), erf);
    D erfc = m.select(m.lt(a, c(1.5)), m.sub(c(1.0), small), frac);
    erfc = m.select(m.lt(c(27.3), a), c(0.0), erfc);
    @SuppressWarnings("unchecked")
    D[] out = (D[]) new Object[] {erf, erfc};
    return out;
  }

  /**
   * {@code erf x}.
   *
   * @param x the operand
   * @return the error function of {@code x}
   */
  public D erf(D x) {
    D y = erfPair(m.abs(x))[0];
    return m.select(m.isNan(x), x, m.copySign(y, x));
  }

  /**
   * {@code erfc x}.
   *
   * @param x the operand
   * @return the complementary error function of {@code x}
   */
  public D erfc(D x) {
    D[] p = erfPair(m.abs(x));
    D y = m.select(m.signBit(x), m.add(c(1.0), p[0]), p[1]);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * The inverse of {@code erf}: an initial guess refined by Newton steps on erf or erfc.
   *
   * @param y a value in {@code [-1, 1]}
   * @return the {@code x} with {@code erf(x) == y}; infinite at the ends, NaN outside
   */
  public D erfInv(D y) {
    D a = m.abs(y);
    // Winitzki's approximation, relative error about 2e-3.
    double wa = 0.147;
    D l = log(m.mul(m.sub(c(1.0), a), m.add(c(1.0), a)));
    D t = m.add(c(2.0 / (Math.PI * wa)), m.mul(l, c(0.5)));
    D x = m.sqrt(m.sub(m.sqrt(m.sub(m.mul(t, t), m.div(l, c(wa)))), t));
    D q = m.sub(c(1.0), a);
    P tailSide = m.lt(c(0.5), a);
    for (int i = 0; i < 4; i++) {
      D deriv = m.mul(c(TWO_OVER_SQRT_PI), expMinusSquare(x));
      D[] p = erfPair(x);
      D central = m.div(m.sub(p[0], a), deriv);
      D tailStep = m.div(m.sub(q, p[1]), deriv);
      x = m.sub(x, m.select(tailSide, tailStep, central));
    }
    x = m.select(m.eq(a, c(1.0)), c(Double.POSITIVE_INFINITY), x);
    x = m.select(m.lt(c(1.0), a), c(Double.NaN), x);
    x = m.select(m.eq(a, c(0)), a, x);
    return m.select(m.isNan(y), y, m.copySign(x, y));
  }

  /** {@code sin(pi f)} and {@code cos(pi f)} for the fractional part {@code f = x - rint(x)}. */
  private D sinPi(D x) {
    D f = m.sub(x, m.rint(x));
    D n = m.rint(x);
    D s = sin(m.mul(f, c(PI)), false);
    D half = m.mul(n, c(0.5));
    P odd = m.not(m.eq(m.floor(half), half));
    return m.select(odd, m.neg(s), s);
  }

  private D cosPi(D x) {
    D f = m.sub(x, m.rint(x));
    D n = m.rint(x);
    D co = cos(m.mul(f, c(PI)), false);
    D half = m.mul(n, c(0.5));
    P odd = m.not(m.eq(m.floor(half), half));
    return m.select(odd, m.neg(co), co);
  }

  /**
   * {@code ln|Gamma(x)|}: shift to {@code x >= 8}, Stirling's series; reflection below 0.
   *
   * @param x the operand
   * @return the natural logarithm of the absolute value of the Gamma function at {@code x}
   */
  public D lgamma(D x) {
    P neg = m.lt(x, c(0.5));
    D z = m.select(neg, m.sub(c(1.0), x), x);
    P shift = m.lt(z, c(8.0));
    D prod = z;
    for (int k = 1; k < 8; k++) {
      prod = m.mul(prod, m.add(z, c(k)));
    }
    D w = m.select(shift, m.add(z, c(8.0)), z);
    D iw = m.div(c(1.0), w);
    D iw2 = m.mul(iw, iw);
    double[] b = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360,
        1.0 / 156, -3617.0 / 122400};
    D series = m.mul(iw, poly(iw2, b));
    D lw = log(w);
    D st = m.add(m.sub(m.mul(m.sub(w, c(0.5)), lw), w), m.add(c(HALF_LOG_2PI), series));
    D pos = m.select(shift, m.sub(st, log(prod)), st);
    D refl = m.sub(log(m.div(c(PI), m.abs(sinPi(x)))), pos);
    D y = m.select(neg, refl, pos);
    P pole = m.and(m.le(x, c(0)), m.eq(m.floor(x), x));
    y = m.select(m.or(pole, m.isInf(x)), c(Double.POSITIVE_INFINITY), y);
    y = m.select(m.or(m.eq(x, c(1.0)), m.eq(x, c(2.0))), c(0.0), y);
    return m.select(m.isNan(x), x, y);
  }

  /**
   * {@code digamma x}: shift to {@code x >= 8}, asymptotic series; reflection below 0.5.
   *
   * @param x the operand
   * @return the logarithmic derivative of the Gamma function at {@code x}
   */
  public D digamma(D x) {
    P neg = m.lt(x, c(0.5));
    D z = m.select(neg, m.sub(c(1.0), x), x);
    P shift = m.lt(z, c(8.0));
    D recip = c(0.0);
    for (int k = 0; k < 8; k++) {
      recip = m.add(recip, m.div(c(1.0), m.add(z, c(k))));
    }
    D w = m.select(shift, m.add(z, c(8.0)), z);
    D iw = m.div(c(1.0), w);
    D iw2 = m.mul(iw, iw);
    double[] b = {-1.0 / 12, 1.0 / 120, -1.0 / 252, 1.0 / 240, -1.0 / 132, 691.0 / 32760,
        -1.0 / 12};
    D asym = m.add(m.sub(log(w), m.mul(c(0.5), iw)), m.mul(iw2, poly(iw2, b)));
    D pos = m.select(shift, m.sub(asym, recip), asym);
    D refl = m.sub(pos, m.div(m.mul(c(PI), cosPi(x)), sinPi(x)));
    D y = m.select(neg, refl, pos);
    P pole = m.and(m.le(x, c(0)), m.eq(m.floor(x), x));
    y = m.select(m.or(pole, m.eq(x, c(Double.NEGATIVE_INFINITY))), c(Double.NaN), y);
    y = m.select(m.eq(x, c(Double.POSITIVE_INFINITY)), x, y);
    return m.select(m.isNan(x), x, y);
  }
}
