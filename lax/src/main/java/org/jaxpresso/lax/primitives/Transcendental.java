package org.jaxpresso.lax.primitives;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.internal.DTypeSet;
import org.jaxpresso.lax.internal.elementwise.Factories;
import org.jaxpresso.lax.semantics.FloatOps;
import org.jaxpresso.lax.internal.elementwise.Kernels;
import org.jaxpresso.lax.internal.elementwise.SpecialFunctions;

/**
 * Transcendental and special-function primitives, all on floats. The reference implementations
 * compute in double ({@link Math}, {@link SpecialFunctions}) and round once to the dtype, so
 * they are within an ulp of the exact result for float32 and narrower; XLA's own float32
 * kernels use other approximations and may differ from these by an ulp or two. The ops JAX
 * gives an {@code accuracy} param (exp exp2 expm1 log log1p tanh logistic sin cos tan sqrt
 * rsqrt cbrt) take it here too, printed only when not None; the value is not used by the
 * reference implementation.
 */
public final class Transcendental {
  private Transcendental() {}

  private static Primitive op(String name, DTypeSet accepted, boolean accuracy,
      Kernels.FloatUnary f) {
    return Factories.unary(name, accepted, null, accuracy, f, null);
  }

  private static final DTypeSet FC = DTypeSet.FLOAT_OR_COMPLEX;

  /** {@code exp[accuracy=None] x}. */
  public static final Primitive EXP = op("exp", FC, true, (x, d) -> Math.exp(x));
  /** {@code exp2 x}: 2 to the x. */
  public static final Primitive EXP2 = op("exp2", FC, true, (x, d) -> Math.pow(2.0, x));
  /** {@code expm1 x}: {@code exp(x) - 1}, accurate near 0. */
  public static final Primitive EXPM1 = op("expm1", FC, true, (x, d) -> Math.expm1(x));
  /** {@code log x}: natural logarithm. */
  public static final Primitive LOG = op("log", FC, true, (x, d) -> Math.log(x));
  /** {@code log1p x}: {@code log(1 + x)}, accurate near 0. */
  public static final Primitive LOG1P = op("log1p", FC, true, (x, d) -> Math.log1p(x));
  /** {@code tanh x}. */
  public static final Primitive TANH = op("tanh", FC, true, (x, d) -> Math.tanh(x));
  /** {@code logistic x}: {@code 1 / (1 + exp(-x))}. */
  public static final Primitive LOGISTIC =
      op("logistic", FC, true, (x, d) -> SpecialFunctions.logistic(x));
  /** {@code sin x}. */
  public static final Primitive SIN = op("sin", FC, true, (x, d) -> Math.sin(x));
  /** {@code cos x}. */
  public static final Primitive COS = op("cos", FC, true, (x, d) -> Math.cos(x));
  /** {@code tan x}. */
  public static final Primitive TAN = op("tan", FC, true, (x, d) -> Math.tan(x));
  /** {@code asin x}. */
  public static final Primitive ASIN = op("asin", FC, false, (x, d) -> Math.asin(x));
  /** {@code acos x}. */
  public static final Primitive ACOS = op("acos", FC, false, (x, d) -> Math.acos(x));
  /** {@code atan x}. */
  public static final Primitive ATAN = op("atan", FC, false, (x, d) -> Math.atan(x));
  /** {@code sinh x}. */
  public static final Primitive SINH = op("sinh", FC, false, (x, d) -> Math.sinh(x));
  /** {@code cosh x}. */
  public static final Primitive COSH = op("cosh", FC, false, (x, d) -> Math.cosh(x));
  /** {@code asinh x}. */
  public static final Primitive ASINH =
      op("asinh", FC, false, (x, d) -> SpecialFunctions.asinh(x));
  /** {@code acosh x} (NaN below 1). */
  public static final Primitive ACOSH =
      op("acosh", FC, false, (x, d) -> SpecialFunctions.acosh(x));
  /** {@code atanh x} (NaN beyond ±1). */
  public static final Primitive ATANH =
      op("atanh", FC, false, (x, d) -> SpecialFunctions.atanh(x));
  /** {@code sqrt x} (correctly rounded). */
  public static final Primitive SQRT = op("sqrt", FC, true, (x, d) -> Math.sqrt(x));
  /** {@code rsqrt x}: {@code 1 / sqrt(x)}. */
  public static final Primitive RSQRT = op("rsqrt", FC, true, (x, d) -> 1.0 / Math.sqrt(x));
  /** {@code cbrt x}: the real cube root (float only, as in JAX). */
  public static final Primitive CBRT = op("cbrt", DTypeSet.FLOAT, true, (x, d) -> Math.cbrt(x));
  /** {@code erf x}: the error function (float only). */
  public static final Primitive ERF =
      op("erf", DTypeSet.FLOAT, false, (x, d) -> SpecialFunctions.erf(x));
  /** {@code erfc x}: {@code 1 - erf(x)} (float only). */
  public static final Primitive ERFC =
      op("erfc", DTypeSet.FLOAT, false, (x, d) -> SpecialFunctions.erfc(x));
  /**
   * {@code erf_inv x}: the inverse error function (float only). float32, float16 and bfloat16
   * use XLA's float32 algorithm ({@link SpecialFunctions#erfInvF32}, what {@code
   * jax.random.normal} relies on); float64 is accurate to double precision.
   */
  public static final Primitive ERF_INV = op("erf_inv", DTypeSet.FLOAT, false,
      (x, d) -> d == DType.FLOAT64
          ? SpecialFunctions.erfInv(x)
          : FloatOps.round(SpecialFunctions.erfInvF32((float) x), d));

  /** {@code lgamma x}: {@code log|Gamma(x)|} (float only). */
  public static final Primitive LGAMMA =
      op("lgamma", DTypeSet.FLOAT, false, (x, d) -> SpecialFunctions.lgamma(x));
  /** {@code digamma x}: {@code Gamma'(x) / Gamma(x)} (float only; NaN at 0, -1, -2, ...). */
  public static final Primitive DIGAMMA =
      op("digamma", DTypeSet.FLOAT, false, (x, d) -> SpecialFunctions.digamma(x));

  static {
    Primitive.addRuleLoader(ElementwiseRules::register);
  }
}
