package org.jaxpresso.runtime.cpu.codegen;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector helpers inlined into generated kernels by {@link Inliner}: the mask store of bool
 * outputs ({@link #storeMask}), and float32 sine and cosine written with FMA polynomials on the
 * Vector API instead of its {@code lanewise(SIN)}/{@code lanewise(COS)}, which call SVML's
 * high-accuracy routines out of line. Inlined into the kernel these take about half the time
 * (W1 {@code 2 sin(x) cos(x)}: 0.45 instead of 0.8 ns per element, CPU time on one core). Both
 * stay within 2.5 ulp of the correctly rounded result (tested against {@link Math} in double by
 * {@code VecMathTest}), well inside the codegen's documented float32 tolerance, and a vector
 * with a lane outside the fast range (NaN, infinities, |x| &gt; 39000) goes to the SVML
 * operator whole, so special values agree with {@link Math}.
 *
 * <p>The scheme is the classic Cody-Waite one (as in SLEEF's 3.5-ulp {@code sinf}): x = q pi + d
 * with pi in four parts whose products with integers below 2^14 are exact, then an odd degree-9
 * minimax polynomial for sin(d) on [-pi/2, pi/2] and the sign (-1)^q. Exp and tanh stay on SVML:
 * FMA versions of those measured no faster in generated kernels.
 *
 * <p>Rounding to an integer uses the 1.5 * 2^23 trick (adding and subtracting it rounds to
 * nearest even, and the sum's low mantissa bits are the integer), valid while the quotient is
 * below 2^22 in magnitude, which the range checks guarantee.
 */
final class VecMath {
  private VecMath() {}

  /** 1.5 * 2^23: adding it rounds a float below 2^22 to an integer held in the mantissa. */
  private static final float MAGIC = 12582912f;
  private static final float INV_PI = (float) (1 / Math.PI);
  /** pi in four parts whose products with integers below 2^14 are exact. */
  private static final float PI_A = 3.140625f;
  private static final float PI_B = 0.0009670257568359375f;
  private static final float PI_C = 6.2771141529083251953e-07f;
  private static final float PI_D = 1.2154201256553420762e-10f;
  /** The largest |x| the four-part reduction handles exactly. */
  private static final float TRIG_MAX = 39000f;
  private static final float S1 = -0.166666597127914428710938f;
  private static final float S2 = 0.00833307858556509017944336f;
  private static final float S3 = -0.0001981069071916863322258f;
  private static final float S4 = 2.6083159809786593541503e-06f;

  /**
   * sin(x) lane by lane.
   *
   * @param x the arguments
   * @return their sines
   */
  static FloatVector sin(FloatVector x) {
    if (!inTrigRange(x)) {
      return x.lanewise(VectorOperators.SIN);
    }
    FloatVector t = x.fma(x.broadcast(INV_PI), x.broadcast(MAGIC));
    FloatVector q = t.sub(MAGIC);
    FloatVector d = reducePi(x, q);
    // sin(x) = (-1)^q sin(d)
    IntVector odd = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 31);
    d = d.reinterpretAsInts().lanewise(VectorOperators.XOR, odd).reinterpretAsFloats();
    FloatVector r = sinPoly(d);
    return r.blend(x, x.compare(VectorOperators.EQ, 0f));
  }

  /**
   * cos(x) lane by lane.
   *
   * @param x the arguments
   * @return their cosines
   */
  static FloatVector cos(FloatVector x) {
    if (!inTrigRange(x)) {
      return x.lanewise(VectorOperators.COS);
    }
    // q = rint(x / pi - 0.5); cos(x) = (-1)^(q+1) sin(x - (q + 0.5) pi)
    FloatVector t = x.fma(x.broadcast(INV_PI), x.broadcast(-0.5f)).add(MAGIC);
    FloatVector q2 = t.sub(MAGIC).mul(2f).add(1f);
    FloatVector d = q2.fma(x.broadcast(-PI_A * 0.5f), x);
    d = q2.fma(x.broadcast(-PI_B * 0.5f), d);
    d = q2.fma(x.broadcast(-PI_C * 0.5f), d);
    d = q2.fma(x.broadcast(-PI_D * 0.5f), d);
    IntVector even = t.reinterpretAsInts().not().lanewise(VectorOperators.LSHL, 31);
    d = d.reinterpretAsInts().lanewise(VectorOperators.XOR, even).reinterpretAsFloats();
    return sinPoly(d);
  }

  private static boolean inTrigRange(FloatVector x) {
    return x.abs().compare(VectorOperators.LE, TRIG_MAX).allTrue();
  }

  /** x - q pi in four FMA steps. */
  private static FloatVector reducePi(FloatVector x, FloatVector q) {
    FloatVector d = q.fma(x.broadcast(-PI_A), x);
    d = q.fma(x.broadcast(-PI_B), d);
    d = q.fma(x.broadcast(-PI_C), d);
    return q.fma(x.broadcast(-PI_D), d);
  }

  /** sin(d) for |d| &le; pi / 2. */
  private static FloatVector sinPoly(FloatVector d) {
    FloatVector s = d.mul(d);
    FloatVector u = s.fma(d.broadcast(S4), d.broadcast(S3));
    u = u.fma(s, d.broadcast(S2));
    u = u.fma(s, d.broadcast(S1));
    return s.mul(d).fma(u, d);
  }

  /** 2 / pi. */
  private static final float TWO_OVER_PI = (float) (2 / Math.PI);
  private static final float SC_S1 = -0.166666537523269653320312f;
  private static final float SC_S2 = 0.00833215750753879547119141f;
  private static final float SC_S3 = -0.000195169282960705459117889f;
  private static final float SC_C1 = -0.5f;
  private static final float SC_C2 = 0.0416666641831398010253906f;
  private static final float SC_C3 = -0.00138888787478208541870117f;
  private static final float SC_C4 = 2.47990446951007470488548e-05f;
  private static final float SC_C5 = -2.71811842367242206819355e-07f;

  /*
   * sin and cos of the same argument share one reduction by multiples of pi/2 (the generator
   * emits these five in a row when a kernel has both): x = q pi/2 + d with |d| <= pi/4, a sine
   * and a cosine polynomial of d, and each result picks one by the parity of q and flips its
   * sign by the next bit (SLEEF's 3.5-ulp sincosf scheme).
   */

  /**
   * x 2/pi + 1.5 * 2^23: rint(x 2/pi) held in the low mantissa bits.
   *
   * @param x the arguments
   * @return the quadrant carrier
   */
  static FloatVector quadrant(FloatVector x) {
    return x.fma(x.broadcast(TWO_OVER_PI), x.broadcast(MAGIC));
  }

  /**
   * x - q pi/2 in four FMA steps (exact for |x| &le; 39000).
   *
   * @param x the arguments
   * @param t their {@link #quadrant}
   * @return the reduced arguments, within pi/4 of 0
   */
  static FloatVector reduceHalfPi(FloatVector x, FloatVector t) {
    FloatVector q = t.sub(MAGIC);
    FloatVector d = q.fma(x.broadcast(-PI_A * 0.5f), x);
    d = q.fma(x.broadcast(-PI_B * 0.5f), d);
    d = q.fma(x.broadcast(-PI_C * 0.5f), d);
    return q.fma(x.broadcast(-PI_D * 0.5f), d);
  }

  /**
   * sin(d) for |d| &le; pi/4.
   *
   * @param d reduced arguments
   * @return their sines
   */
  static FloatVector sinQuarter(FloatVector d) {
    FloatVector s = d.mul(d);
    FloatVector u = s.fma(d.broadcast(SC_S3), d.broadcast(SC_S2));
    u = u.fma(s, d.broadcast(SC_S1));
    return u.mul(s).fma(d, d);
  }

  /**
   * cos(d) for |d| &le; pi/4.
   *
   * @param d reduced arguments
   * @return their cosines
   */
  static FloatVector cosQuarter(FloatVector d) {
    FloatVector s = d.mul(d);
    FloatVector u = s.fma(d.broadcast(SC_C5), d.broadcast(SC_C4));
    u = u.fma(s, d.broadcast(SC_C3));
    u = u.fma(s, d.broadcast(SC_C2));
    u = u.fma(s, d.broadcast(SC_C1));
    return u.fma(s, d.broadcast(1f));
  }

  /**
   * sin(x) from the shared pieces: sin d or cos d by q's parity, negated when q &amp; 2; the
   * SVML operator for a vector with a lane out of range, x itself for zeros (keeps -0).
   *
   * @param sd sin of the reduced arguments
   * @param cd their cosines
   * @param t the {@link #quadrant} of x
   * @param x the arguments
   * @return sin(x)
   */
  static FloatVector pickSin(FloatVector sd, FloatVector cd, FloatVector t, FloatVector x) {
    if (!inTrigRange(x)) {
      return x.lanewise(VectorOperators.SIN);
    }
    IntVector q = t.reinterpretAsInts();
    FloatVector r = sd.blend(cd, q.and(1).compare(VectorOperators.NE, 0).cast(x.species()));
    IntVector sign = q.and(2).lanewise(VectorOperators.LSHL, 30);
    r = r.reinterpretAsInts().lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
    return r.blend(x, x.compare(VectorOperators.EQ, 0f));
  }

  /**
   * cos(x) from the shared pieces: cos d or sin d by q's parity, negated when (q + 1) &amp; 2.
   *
   * @param sd sin of the reduced arguments
   * @param cd their cosines
   * @param t the {@link #quadrant} of x
   * @param x the arguments
   * @return cos(x)
   */
  static FloatVector pickCos(FloatVector sd, FloatVector cd, FloatVector t, FloatVector x) {
    if (!inTrigRange(x)) {
      return x.lanewise(VectorOperators.COS);
    }
    IntVector q = t.reinterpretAsInts();
    FloatVector r = cd.blend(sd, q.and(1).compare(VectorOperators.NE, 0).cast(x.species()));
    IntVector sign = q.add(1).and(2).lanewise(VectorOperators.LSHL, 30);
    return r.reinterpretAsInts().lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
  }

  /**
   * Writes the first {@code count} lanes of a mask as bytes 0 or 1 (a bool output of a kernel
   * over another dtype): one {@code toLong} and a short scalar loop.
   *
   * @param m the mask (at most 64 lanes)
   * @param a the bool output
   * @param off the element offset of lane 0
   * @param count how many lanes to write
   */
  static void storeMask(VectorMask<?> m, byte[] a, int off, int count) {
    long bits = m.toLong();
    for (int k = 0; k < count; k++) {
      a[off + k] = (byte) ((bits >>> k) & 1);
    }
  }
}
