package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.jaxpresso.lax.internal.elementwise.SpecialFunctions;
import org.junit.jupiter.api.Test;

/**
 * Measures the GPU math library on the host (through {@link JavaMathOps}, the same algorithm
 * the PTX runs) against {@link StrictMath} and the lax reference kernels, in units in the last
 * place of double, over sweeps of ordinary, tiny, huge and special arguments. The bounds asserted
 * here are the ones documented in the module's README.
 */
public class MathLibraryTest {
  private static final MathLibrary<Double, Boolean> LIB = new MathLibrary<>(JavaMathOps.INSTANCE);

  /** The error of {@code got} against {@code want} in ulps of {@code want}. */
  static double ulps(double got, double want) {
    if (Double.isNaN(want) || Double.isNaN(got)) {
      return Double.isNaN(want) && Double.isNaN(got) ? 0 : Double.POSITIVE_INFINITY;
    }
    if (Double.isInfinite(want) || Double.isInfinite(got)) {
      return got == want ? 0 : Double.POSITIVE_INFINITY;
    }
    if (got == want) {
      return 0;
    }
    return Math.abs(got - want) / Math.ulp(want);
  }

  static List<Double> sweep(double lo, double hi, int n, long seed) {
    List<Double> xs = new ArrayList<>();
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      xs.add(lo + (hi - lo) * r.nextDouble());
    }
    for (int e = -1074; e <= 1023; e += 7) {
      double v = Math.scalb(1.0 + r.nextDouble(), e);
      if (v >= lo && v <= hi) {
        xs.add(v);
      }
      if (-v >= lo && -v <= hi) {
        xs.add(-v);
      }
    }
    for (double s : new double[] {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, Double.MIN_VALUE,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
      if (Double.isNaN(s) || Double.isInfinite(s) || (s >= lo && s <= hi)) {
        xs.add(s);
      }
    }
    return xs;
  }

  static double maxUlps(DoubleUnaryOperator got, DoubleUnaryOperator want, List<Double> xs,
      String name) {
    double worst = 0;
    double at = 0;
    for (double x : xs) {
      double u = ulps(got.applyAsDouble(x), want.applyAsDouble(x));
      if (u > worst) {
        worst = u;
        at = x;
      }
    }
    System.out.printf("%-8s max %.3g ulp at %s (got %s want %s)%n", name, worst, at,
        got.applyAsDouble(at), want.applyAsDouble(at));
    return worst;
  }

  private static void check(String name, DoubleUnaryOperator got, DoubleUnaryOperator want,
      double lo, double hi, double bound) {
    double u = maxUlps(got, want, sweep(lo, hi, 20000, name.hashCode()), name);
    assertTrue(u <= bound, name + ": " + u + " ulp exceeds the documented " + bound);
  }

  @Test
  void expFamily() {
    check("exp", LIB::exp, StrictMath::exp, -800, 800, 2);
    check("exp2", LIB::exp2, x -> StrictMath.pow(2, x), -1100, 1100, 2);
    check("expm1", LIB::expm1, StrictMath::expm1, -50, 720, 3);
    check("expm1s", LIB::expm1, StrictMath::expm1, -1, 1, 3);
  }

  @Test
  void logFamily() {
    check("log", LIB::log, StrictMath::log, -1, Double.MAX_VALUE, 2);
    check("log_1", LIB::log, StrictMath::log, 0.5, 2, 2);
    check("log1p", LIB::log1p, StrictMath::log1p, -1, 1e300, 3);
    check("log1ps", LIB::log1p, StrictMath::log1p, -0.5, 0.5, 3);
  }

  @Test
  void trigonometric() {
    check("sin", LIB::sin, StrictMath::sin, -1e5, 1e5, 2);
    check("cos", LIB::cos, StrictMath::cos, -1e5, 1e5, 2);
    check("tan", LIB::tan, StrictMath::tan, -1e5, 1e5, 4);
    check("sins", LIB::sin, StrictMath::sin, -4, 4, 2);
    check("atan", LIB::atan, StrictMath::atan, -1e10, 1e10, 2);
    check("atans", LIB::atan, StrictMath::atan, -2, 2, 3);
    check("asin", LIB::asin, StrictMath::asin, -1.5, 1.5, 3);
    check("acos", LIB::acos, StrictMath::acos, -1.5, 1.5, 3);
    check("atan2", x -> LIB.atan2(x, 0.75), x -> StrictMath.atan2(x, 0.75), -10, 10, 3);
    check("atan2b", x -> LIB.atan2(1.25, x), x -> StrictMath.atan2(1.25, x), -10, 10, 3);
  }

  @Test
  void trigonometricLargeArguments() {
    // Cody-Waite below 2^19, Payne-Hanek above: both sides of the switch, then every binade.
    check("sin_mid", LIB::sin, StrictMath::sin, -1e7, 1e7, 2);
    check("cos_mid", LIB::cos, StrictMath::cos, -1e7, 1e7, 2);
    check("sin_big", LIB::sin, StrictMath::sin, -1e300, 1e300, 2);
    check("cos_big", LIB::cos, StrictMath::cos, -1e300, 1e300, 2);
    check("tan_big", LIB::tan, StrictMath::tan, -1e300, 1e300, 4);
    check("sin_f32", LIB::sin, StrictMath::sin, -0x1p127, 0x1p127, 2);
    check("cos_f32", LIB::cos, StrictMath::cos, -0x1p127, 0x1p127, 2);
    check("sin_lim", LIB::sin, StrictMath::sin, MathLibrary.TRIG_FAST_LIMIT * 0.999,
        MathLibrary.TRIG_FAST_LIMIT * 1.001, 2);
    // The doubles closest to a multiple of pi/2 (Muller, "Elementary Functions", table 11.1):
    // the reduced argument is about 2^-61, so every bit of it must be right.
    for (double x : new double[] {0x1.6ac5b262ca1ffp849, 0x1.8a5ad9c7a3d1cp+55,
        6381956970095103.0 * 0x1p797, 8 * 0x1p1016, Double.MAX_VALUE, 1e22, 1e20, -1e38}) {
      assertTrue(ulps(LIB.sin(x), StrictMath.sin(x)) <= 2, "sin " + x);
      assertTrue(ulps(LIB.cos(x), StrictMath.cos(x)) <= 2, "cos " + x);
      assertTrue(ulps(LIB.tan(x), StrictMath.tan(x)) <= 4, "tan " + x);
    }
    assertEquals(0.65658, LIB.sin((double) (float) 1e20), 1e-5);
    assertEquals(-0.64525, LIB.sin(1e20), 1e-5);
  }

  @Test
  void trigonometricFloat32() {
    // float32 arguments over the whole range, rounded once to float32: within 1 float ulp.
    Random r = new Random(32);
    double worst = 0;
    for (int i = 0; i < 50000; i++) {
      float x = Float.intBitsToFloat(r.nextInt() & 0x7F7FFFFF | (r.nextBoolean() ? 0 : 1 << 31));
      for (int f = 0; f < 3; f++) {
        double got = switch (f) {
          case 0 -> LIB.sin((double) x);
          case 1 -> LIB.cos((double) x);
          default -> LIB.tan((double) x);
        };
        double want = switch (f) {
          case 0 -> StrictMath.sin(x);
          case 1 -> StrictMath.cos(x);
          default -> StrictMath.tan(x);
        };
        float g = (float) got;
        float w = (float) want;
        double u = g == w ? 0 : Math.abs((double) g - w) / Math.ulp(w);
        worst = Math.max(worst, u);
      }
    }
    System.out.printf("trig f32 max %.3g float ulp%n", worst);
    assertTrue(worst <= 1, "float32 trig: " + worst + " ulp");
  }

  @Test
  void hyperbolic() {
    check("sinh", LIB::sinh, StrictMath::sinh, -720, 720, 3);
    check("cosh", LIB::cosh, StrictMath::cosh, -720, 720, 3);
    check("tanh", LIB::tanh, StrictMath::tanh, -30, 30, 3);
    check("asinh", LIB::asinh, SpecialFunctions::asinh, -1e300, 1e300, 3);
    check("acosh", LIB::acosh, SpecialFunctions::acosh, 0.5, 1e300, 3);
    check("atanh", LIB::atanh, SpecialFunctions::atanh, -1.5, 1.5, 3);
  }

  @Test
  void powersAndRoots() {
    check("cbrt", LIB::cbrt, StrictMath::cbrt, -1e300, 1e300, 1);
    check("pow", x -> LIB.pow(x, 2.5), x -> StrictMath.pow(x, 2.5), 1e-100, 1e100, 1024);
    check("powy", y -> LIB.pow(1.5, y), y -> StrictMath.pow(1.5, y), -1000, 1000, 1024);
    assertEquals(-8.0, LIB.pow(-2.0, 3.0), 0);
    assertEquals(Double.NaN, LIB.pow(-2.0, 0.5));
    assertEquals(1.0, LIB.pow(Double.NaN, 0.0));
    assertEquals(Double.POSITIVE_INFINITY, LIB.pow(-0.0, -1.5));
  }

  @Test
  void specialFunctions() {
    check("erf", LIB::erf, SpecialFunctions::erf, -8, 8, 16);
    check("erfc", LIB::erfc, SpecialFunctions::erfc, -8, 0.5, 16);
    check("erfc_mid", LIB::erfc, SpecialFunctions::erfc, 0.5, 1.5, 256);
    check("erfc_tail", LIB::erfc, SpecialFunctions::erfc, 1.5, 30, 16);
    check("logistic", LIB::logistic, x -> 1 / (1 + StrictMath.exp(-x)), -800, 800, 3);
  }

  @Test
  void gammaFunctions() {
    check("lgamma", LIB::lgamma, SpecialFunctions::lgamma, 3, 1e6, 8);
    check("digamma", LIB::digamma, SpecialFunctions::digamma, 2, 1e6, 8);
    List<Double> ys = sweep(-0.999, 0.999, 20000, 5);
    ys.removeIf(y -> Double.isNaN(y) || Double.isInfinite(y));
    assertTrue(maxUlps(y -> LIB.erf(LIB.erfInv(y)), y -> y, ys, "erf(erfinv)") <= 16);
    assertEquals(Double.POSITIVE_INFINITY, LIB.erfInv(1.0));
    assertEquals(Double.NaN, LIB.erfInv(1.5));
    assertEquals(Double.POSITIVE_INFINITY, LIB.lgamma(-3.0));
    assertEquals(Double.NaN, LIB.digamma(-3.0));
  }
}
