package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/**
 * {@link VecMath}'s sine and cosine against {@link Math} in double rounded to float: at most 2.5
 * ulp over the fast range and its edges, and bit for bit on the special values handed to SVML;
 * and generated W1 kernels (which inline them) against the interpreter. Skipped without the
 * Vector API module (the vector code lives in a nested class loaded only then).
 */
class VecMathTest {
  private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY, 1e-30f, -1e-30f, 1e-40f, Float.MIN_VALUE, 38999.99f, 39000f,
      -39000f, 39000.004f, 1e10f, -1e30f, Float.MAX_VALUE, (float) Math.PI, (float) (Math.PI / 2),
      (float) (-Math.PI / 2), 1.5707979f, 3.1415927f, 6.2831855f};

  @Test
  void sineWithinTwoAndAHalfUlps() {
    assumeTrue(CpuBackend.simdAvailable());
    assertTrue(Lanes.worstUlps(true, Math::sin) <= 2.5);
  }

  @Test
  void cosineWithinTwoAndAHalfUlps() {
    assumeTrue(CpuBackend.simdAvailable());
    assertTrue(Lanes.worstUlps(false, Math::cos) <= 2.5);
  }

  /** The shared sin/cos pair (one reduction by pi/2) stays within 3.5 ulp. */
  @Test
  void sharedSinCosWithinThreeAndAHalfUlps() {
    assumeTrue(CpuBackend.simdAvailable());
    assertTrue(Lanes.worstSharedUlps(true) <= 3.5);
    assertTrue(Lanes.worstSharedUlps(false) <= 3.5);
  }

  @Test
  void specialValuesAndSignedZeroAsMath() {
    assumeTrue(CpuBackend.simdAvailable());
    for (float x : SPECIAL) {
      float s = Lanes.one(true, x);
      float c = Lanes.one(false, x);
      float ss = Lanes.shared(true, x);
      assertTrue(Float.floatToIntBits(s) == Float.floatToIntBits(ss)
          || Lanes.ulps(ss, Math.sin(x)) <= 3.5, "shared sin " + x + " = " + ss);
      float sc = Lanes.shared(false, x);
      assertTrue(Float.floatToIntBits(c) == Float.floatToIntBits(sc)
          || Lanes.ulps(sc, Math.cos(x)) <= 3.5, "shared cos " + x + " = " + sc);
      if (!Float.isFinite(x) || Math.abs(x) > 39000f || x == 0) {
        assertEquals((float) Math.sin(x), s, 0f, "sin " + x);
        assertEquals(Float.floatToIntBits((float) Math.sin(x)), Float.floatToIntBits(s),
            "sin " + x);
        assertEquals((float) Math.cos(x), c, 0f, "cos " + x);
      } else {
        assertTrue(Lanes.ulps(s, Math.sin(x)) <= 2.5, "sin " + x + " = " + s);
        assertTrue(Lanes.ulps(c, Math.cos(x)) <= 2.5, "cos " + x + " = " + c);
      }
    }
  }

  /** W1 through generated code, with masked tails of every length, against the interpreter. */
  @Test
  void generatedSinCosKernelsMatch() {
    for (int n : new int[] {1, 15, 16, 17, 100, 1000, 4099}) {
      Array x = WorkloadCodegenTest.f32(n);
      ClosedJaxpr p = Jax.makeJaxpr(
          (NDArray v) -> Lax.mul(Lax.mul(Lax.sin(v), 2.0f), Lax.cos(Lax.mul(v, 300f)))).apply(x);
      CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 1e-5);
      assertEquals(1, c.generatedKernels());
      // W1 itself: sin and cos of one value share their reduction; lanes past the fast range.
      Array big = Array.of(scaled(x, 5e4f), n);
      ClosedJaxpr w1 = Jax.makeJaxpr(
          (NDArray v) -> Lax.mul(Lax.mul(Lax.sin(v), 2.0f), Lax.cos(v))).apply(big);
      CodegenTesting.assertMatches(w1, List.of(x), 1e-5);
      CodegenTesting.assertMatches(w1, List.of(big), 1e-5);
    }
  }

  private static float[] scaled(Array x, float by) {
    float[] v = new float[(int) x.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) x.host().getDouble(i) * (i % 7 == 0 ? by : 1);
    }
    return v;
  }

  /** The vector side, in a class of its own so the test loads without the module. */
  private static final class Lanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static float one(boolean sin, float x) {
      float[] in = new float[S.length()];
      java.util.Arrays.fill(in, x);
      float[] out = new float[S.length()];
      FloatVector v = FloatVector.fromArray(S, in, 0);
      (sin ? VecMath.sin(v) : VecMath.cos(v)).intoArray(out, 0);
      return out[0];
    }

    /** sin or cos of x through the shared reduction. */
    static float shared(boolean sin, float x) {
      float[] in = new float[S.length()];
      java.util.Arrays.fill(in, x);
      float[] out = new float[S.length()];
      shared(sin, FloatVector.fromArray(S, in, 0)).intoArray(out, 0);
      return out[0];
    }

    static FloatVector shared(boolean sin, FloatVector v) {
      FloatVector t = VecMath.quadrant(v);
      FloatVector d = VecMath.reduceHalfPi(v, t);
      FloatVector sd = VecMath.sinQuarter(d);
      FloatVector cd = VecMath.cosQuarter(d);
      return sin ? VecMath.pickSin(sd, cd, t, v) : VecMath.pickCos(sd, cd, t, v);
    }

    static double worstSharedUlps(boolean sin) {
      Random rnd = new Random(13);
      int n = 1 << 17;
      double worst = 0;
      for (float range : new float[] {1f, 4f, 100f, 39000f}) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
          x[i] = (rnd.nextFloat() * 2 - 1) * range;
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i += S.length()) {
          shared(sin, FloatVector.fromArray(S, x, i)).intoArray(y, i);
        }
        for (int i = 0; i < n; i++) {
          worst = Math.max(worst, ulps(y[i], sin ? Math.sin(x[i]) : Math.cos(x[i])));
        }
      }
      return worst;
    }

    static double ulps(float got, double want) {
      float w = (float) want;
      if (w == got || Float.isNaN(w) && Float.isNaN(got)) {
        return 0;
      }
      return Math.abs(got - want) / Math.ulp(Math.max(Math.abs(w), Float.MIN_NORMAL));
    }

    /** The worst error over random arguments in +-4, +-100 and +-39000 plus SPECIAL. */
    static double worstUlps(boolean sin, DoubleUnaryOperator ref) {
      Random rnd = new Random(11);
      int n = 1 << 18;
      double worst = 0;
      for (float range : new float[] {4f, 100f, 39000f}) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
          x[i] = (rnd.nextFloat() * 2 - 1) * range;
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i += S.length()) {
          FloatVector v = FloatVector.fromArray(S, x, i);
          (sin ? VecMath.sin(v) : VecMath.cos(v)).intoArray(y, i);
        }
        for (int i = 0; i < n; i++) {
          worst = Math.max(worst, ulps(y[i], ref.applyAsDouble(x[i])));
        }
      }
      return worst;
    }
  }
}
