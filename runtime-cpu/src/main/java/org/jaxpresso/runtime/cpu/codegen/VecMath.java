package org.jaxpresso.runtime.cpu.codegen;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Float32 transcendentals for generated vector loops, written with FMA polynomials on the
 * Vector API instead of its {@code lanewise(SIN)} family, which calls SVML's high-accuracy
 * routines out of line (about 1 ns per element for a sine on AVX-512; these take a few hundredths
 * of that, inline). Each keeps within 1-3 ulp of the correctly rounded result (tested against
 * {@link Math} in double over their whole input ranges by {@code VecMathTest}), well inside the
 * codegen's documented float32 tolerance, and each hands lanes outside its fast range (NaN,
 * infinities, arguments past the Cody-Waite reduction's range) to the SVML operator, so the
 * special values agree with {@link Math}.
 *
 * <ul>
 *   <li>{@link #sin}, {@link #cos}: reduction by multiples of pi in four FMA steps (exact for
 *       |x| &le; 39000), then an odd degree-9 polynomial on [-pi/2, pi/2] (the classic
 *       Cody-Waite scheme with minimax coefficients, as in SLEEF's 3.5-ulp {@code sinf});
 *   <li>{@link #exp}: x = q ln2 + s with ln2 in two parts, a degree-7 polynomial for e^s and the
 *       scale 2^q built from exponent bits in two halves (no overflow before the final product);
 *   <li>{@link #tanh}: an odd polynomial below |x| = 0.625 (least-squares fit of the Taylor
 *       tail, under 1 ulp) and 1 - 2 / (e^(2|x|) + 1) above, the sign copied from x.
 * </ul>
 *
 * <p>Rounding to an integer uses the 1.5 * 2^23 trick (adding and subtracting it rounds to
 * nearest even, and the sum's low mantissa bits are the integer), valid while the quotient is
 * below 2^22 in magnitude, which the range checks guarantee.
 */
final class VecMath {
  private VecMath() {}

  /** 1.5 * 2^23: adding it rounds a float below 2^22 to an integer held in the mantissa. */
  private static final float MAGIC = 12582912f;
  private static final int MAGIC_BITS = 0x4B400000;
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

  private static final float LOG2E = 1.442695040888963407359924681001892137f;
  private static final float LN2_HI = 0.693145751953125f;
  private static final float LN2_LO = 1.428606765330187045e-06f;
  private static final float E1 = 0.5f;
  private static final float E2 = 0.166666671633720397949219f;
  private static final float E3 = 0.0416664853692054748535156f;
  private static final float E4 = 0.00833336077630519866943359f;
  private static final float E5 = 0.00139304355252534151077271f;
  private static final float E6 = 0.000198527617612853646278381f;

  private static final float TANH_SMALL = 0.625f;
  private static final float T1 = -0.3333328664302826f;
  private static final float T2 = 0.13331513106822968f;
  private static final float T3 = -0.053744640201330185f;
  private static final float T4 = 0.02065306343138218f;
  private static final float T5 = -0.005718891508877277f;

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

  /**
   * e^x lane by lane.
   *
   * @param x the arguments
   * @return their exponentials
   */
  static FloatVector exp(FloatVector x) {
    FloatVector t = x.fma(x.broadcast(LOG2E), x.broadcast(MAGIC));
    FloatVector q = t.sub(MAGIC);
    FloatVector s = q.fma(x.broadcast(-LN2_HI), x);
    s = q.fma(x.broadcast(-LN2_LO), s);
    FloatVector u = s.fma(x.broadcast(E6), x.broadcast(E5));
    u = u.fma(s, x.broadcast(E4));
    u = u.fma(s, x.broadcast(E3));
    u = u.fma(s, x.broadcast(E2));
    u = u.fma(s, x.broadcast(E1));
    u = s.mul(s).fma(u, s).add(1f);
    // u * 2^q, the scale in two halves so that neither overflows before the product
    IntVector qi = t.reinterpretAsInts().sub(MAGIC_BITS);
    IntVector h = qi.lanewise(VectorOperators.ASHR, 1);
    u = u.mul(pow2(h)).mul(pow2(qi.sub(h)));
    u = u.blend(0f, x.compare(VectorOperators.LT, -104f));
    return u.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, 100f));
  }

  /** 2^e for -126 &le; e &le; 127, from its exponent bits. */
  private static FloatVector pow2(IntVector e) {
    return e.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
  }

  /**
   * tanh(x) lane by lane.
   *
   * @param x the arguments
   * @return their hyperbolic tangents
   */
  static FloatVector tanh(FloatVector x) {
    FloatVector y = x.abs();
    VectorMask<Float> small = y.compare(VectorOperators.LT, TANH_SMALL);
    FloatVector r;
    if (small.allTrue()) {
      r = tanhSmall(y);
    } else {
      FloatVector e = exp(y.add(y));
      FloatVector big = x.broadcast(-2f).div(e.add(1f)).add(1f);
      r = small.anyTrue() ? big.blend(tanhSmall(y), small) : big;
    }
    IntVector sign = x.reinterpretAsInts().and(0x80000000);
    return r.reinterpretAsInts().or(sign).reinterpretAsFloats();
  }

  /** tanh(y) for 0 &le; y &lt; 0.625: y + y^3 P(y^2). */
  private static FloatVector tanhSmall(FloatVector y) {
    FloatVector s = y.mul(y);
    FloatVector u = s.fma(y.broadcast(T5), y.broadcast(T4));
    u = u.fma(s, y.broadcast(T3));
    u = u.fma(s, y.broadcast(T2));
    u = u.fma(s, y.broadcast(T1));
    return s.mul(y).fma(u, y);
  }
}
