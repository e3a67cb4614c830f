package org.jaxpresso.lax;

import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.primitives.Elementwise;

/**
 * Elementwise primitives of {@link Lax}: arithmetic, transcendental, bitwise, comparisons, selection and conversions. Use through {@link Lax}; the strict layer is split by family so that each file stays
 * small, and a static import of {@code Lax.*} (or {@code Lax.add(...)}) reaches every method.
 */
public abstract class LaxElementwise {
  /** Not instantiable; extended by the next family of the facade. */
  protected LaxElementwise() {}

  // ==== elementwise ====
  // (Names outside this file's imports are written in full so that this region needs none.)

  /** The params of the ops that take JAX's {@code accuracy}: {@code accuracy=None}. */
  private static final Params ACCURACY_NONE =
      org.jaxpresso.lax.internal.elementwise.Rules.ACCURACY_NONE;

  /**
   * {@code x + y} elementwise; same dtypes required (integers wrap).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x + y} elementwise; same dtypes required (integers wrap)
   */
  public static NDArray add(Object x, Object y) {
    return Elementwise.ADD.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x - y} elementwise; same dtypes required.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x - y} elementwise; same dtypes required
   */
  public static NDArray sub(Object x, Object y) {
    return Elementwise.SUB.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x * y} elementwise; same dtypes required ({@code mul}, {@code out_dtype=None}).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x * y} elementwise; same dtypes required ({@code mul}, {@code out_dtype=None})
   */
  public static NDArray mul(Object x, Object y) {
    return Elementwise.MUL.bind1(Params.of("out_dtype", null), LaxSupport.asArray(x),
        LaxSupport.asArray(y));
  }

  /**
   * {@code x / y}; integers truncate toward zero ({@code x / 0 == -1}, as XLA).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x / y}; integers truncate toward zero ({@code x / 0 == -1}, as XLA)
   */
  public static NDArray div(Object x, Object y) {
    return Elementwise.DIV.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x % y} with the sign of x (C fmod; {@code x % 0 == x} for integers).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x % y} with the sign of x (C fmod; {@code x % 0 == x} for integers)
   */
  public static NDArray rem(Object x, Object y) {
    return Elementwise.REM.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x ** y}: x float; y an integer or of x's float dtype.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x ** y}: x float; y an integer or of x's float dtype
   */
  public static NDArray pow(Object x, Object y) {
    return Elementwise.POW.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x ** y} for a static integer {@code y} (negative only for floats).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second value
   * @return {@code x ** y} for a static integer {@code y} (negative only for floats)
   */
  public static NDArray integerPow(Object x, int y) {
    return Elementwise.INTEGER_POW.bind1(Params.of("y", y), LaxSupport.asArray(x));
  }

  /**
   * The elementwise maximum (NaN if either is NaN).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the elementwise maximum (NaN if either is NaN)
   */
  public static NDArray max(Object x, Object y) {
    return Elementwise.MAX.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * The elementwise minimum (NaN if either is NaN).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the elementwise minimum (NaN if either is NaN)
   */
  public static NDArray min(Object x, Object y) {
    return Elementwise.MIN.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * The elementwise arc tangent of {@code x / y}, in [-pi, pi].
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the elementwise arc tangent of {@code x / y}, in [-pi, pi]
   */
  public static NDArray atan2(Object x, Object y) {
    return Elementwise.ATAN2.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * The next value of x's dtype after x in the direction of y.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the next value of x's dtype after x in the direction of y
   */
  public static NDArray nextafter(Object x, Object y) {
    return Elementwise.NEXTAFTER.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code -x} elementwise.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code -x} elementwise
   */
  public static NDArray neg(Object x) {
    return Elementwise.NEG.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * -1, 0 or 1 by the sign of x (NaN stays NaN).
   *
   * @param x the operand: an array or a Java scalar
   * @return -1, 0 or 1 by the sign of x (NaN stays NaN)
   */
  public static NDArray sign(Object x) {
    return Elementwise.SIGN.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * {@code |x|}: signed integers and floats.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code |x|}: signed integers and floats
   */
  public static NDArray abs(Object x) {
    return Elementwise.ABS.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The largest integer value not above x (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the largest integer value not above x (floats)
   */
  public static NDArray floor(Object x) {
    return Elementwise.FLOOR.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The smallest integer value not below x (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the smallest integer value not below x (floats)
   */
  public static NDArray ceil(Object x) {
    return Elementwise.CEIL.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * x rounded to an integer value, halfway values away from zero (lax.round's default).
   *
   * @param x the operand: an array or a Java scalar
   * @return x rounded to an integer value, halfway values away from zero (lax.round's default)
   */
  public static NDArray round(Object x) {
    return round(x, org.jaxpresso.lax.primitives.RoundingMethod.AWAY_FROM_ZERO);
  }

  /**
   * x rounded to an integer value, halfway values as {@code method} says.
   *
   * @param x the operand: an array or a Java scalar
   * @param method how halfway values round
   * @return x rounded to an integer value, halfway values as {@code method} says
   */
  public static NDArray round(Object x, org.jaxpresso.lax.primitives.RoundingMethod method) {
    java.util.Objects.requireNonNull(method, "method");
    return Elementwise.ROUND.bind1(Params.of("rounding_method", method), LaxSupport.asArray(x));
  }

  /**
   * Whether x is neither infinite nor NaN (floats; a bool array).
   *
   * @param x the operand: an array or a Java scalar
   * @return whether x is neither infinite nor NaN (floats; a bool array)
   */
  public static NDArray isFinite(Object x) {
    return Elementwise.IS_FINITE.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * {@code x * x}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code x * x}
   */
  public static NDArray square(Object x) {
    return Elementwise.SQUARE.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * e to the x (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return e to the x (floats)
   */
  public static NDArray exp(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.EXP
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * 2 to the x (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return 2 to the x (floats)
   */
  public static NDArray exp2(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.EXP2
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * {@code exp(x) - 1}, accurate near 0 (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code exp(x) - 1}, accurate near 0 (floats)
   */
  public static NDArray expm1(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.EXPM1
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The natural logarithm (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the natural logarithm (floats)
   */
  public static NDArray log(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.LOG
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * {@code log(1 + x)}, accurate near 0 (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code log(1 + x)}, accurate near 0 (floats)
   */
  public static NDArray log1p(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.LOG1P
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The hyperbolic tangent (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the hyperbolic tangent (floats)
   */
  public static NDArray tanh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.TANH
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The logistic sigmoid {@code 1 / (1 + exp(-x))} (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the logistic sigmoid {@code 1 / (1 + exp(-x))} (floats)
   */
  public static NDArray logistic(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.LOGISTIC
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The sine (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the sine (floats)
   */
  public static NDArray sin(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.SIN
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The cosine (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the cosine (floats)
   */
  public static NDArray cos(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.COS
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The tangent (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the tangent (floats)
   */
  public static NDArray tan(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.TAN
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The arc sine (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the arc sine (floats)
   */
  public static NDArray asin(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ASIN
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The arc cosine (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the arc cosine (floats)
   */
  public static NDArray acos(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ACOS
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The arc tangent (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the arc tangent (floats)
   */
  public static NDArray atan(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ATAN
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The hyperbolic sine (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the hyperbolic sine (floats)
   */
  public static NDArray sinh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.SINH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The hyperbolic cosine (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the hyperbolic cosine (floats)
   */
  public static NDArray cosh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.COSH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The inverse hyperbolic sine (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse hyperbolic sine (floats)
   */
  public static NDArray asinh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ASINH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The inverse hyperbolic cosine (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse hyperbolic cosine (floats)
   */
  public static NDArray acosh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ACOSH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The inverse hyperbolic tangent (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse hyperbolic tangent (floats)
   */
  public static NDArray atanh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ATANH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The square root (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the square root (floats)
   */
  public static NDArray sqrt(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.SQRT
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * {@code 1 / sqrt(x)} (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code 1 / sqrt(x)} (floats)
   */
  public static NDArray rsqrt(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.RSQRT
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The real cube root (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the real cube root (floats)
   */
  public static NDArray cbrt(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.CBRT
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /**
   * The error function (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the error function (floats)
   */
  public static NDArray erf(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ERF
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The complementary error function {@code 1 - erf(x)} (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the complementary error function {@code 1 - erf(x)} (floats)
   */
  public static NDArray erfc(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ERFC
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The inverse error function (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse error function (floats)
   */
  public static NDArray erfInv(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ERF_INV
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * {@code log|Gamma(x)|} (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code log|Gamma(x)|} (floats)
   */
  public static NDArray lgamma(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.LGAMMA
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The digamma function {@code Gamma'(x) / Gamma(x)} (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @return the digamma function {@code Gamma'(x) / Gamma(x)} (floats)
   */
  public static NDArray digamma(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.DIGAMMA
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The polygamma function {@code psi^(m)(x)}, the m-th derivative of {@link #digamma} (as
   * {@code jax.lax.polygamma}): both operands floats of one dtype; NaN where {@code m} is
   * negative or not an integer.
   *
   * @param m the order: an array or a Java scalar
   * @param x the operand: an array or a Java scalar
   * @return {@code psi^(m)(x)} elementwise
   */
  public static NDArray polygamma(Object m, Object x) {
    return org.jaxpresso.lax.primitives.Polygamma.POLYGAMMA
        .bind1(Params.EMPTY, LaxSupport.asArray(m), LaxSupport.asArray(x));
  }

  /**
   * Bitwise not (primitive {@code not}); logical not for bool.
   *
   * @param x the operand: an array or a Java scalar
   * @return the bitwise not (primitive {@code not}); logical not for bool
   */
  public static NDArray bitwiseNot(Object x) {
    return org.jaxpresso.lax.primitives.Bitwise.NOT.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * Bitwise and (primitive {@code and}); logical for bool.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the bitwise and (primitive {@code and}); logical for bool
   */
  public static NDArray bitwiseAnd(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.AND
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * Bitwise or (primitive {@code or}); logical for bool.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the bitwise or (primitive {@code or}); logical for bool
   */
  public static NDArray bitwiseOr(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.OR
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * Bitwise exclusive or (primitive {@code xor}); logical for bool.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the bitwise exclusive or (primitive {@code xor}); logical for bool
   */
  public static NDArray bitwiseXor(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.XOR
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x << y}; 0 when y is at least the bit width.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x << y}; 0 when y is at least the bit width
   */
  public static NDArray shiftLeft(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.SHIFT_LEFT
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x >> y}, filling with the sign bit.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x >> y}, filling with the sign bit
   */
  public static NDArray shiftRightArithmetic(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.SHIFT_RIGHT_ARITHMETIC
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x >>> y}, filling with zeros.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x >>> y}, filling with zeros
   */
  public static NDArray shiftRightLogical(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.SHIFT_RIGHT_LOGICAL
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * The number of set bits of each element (integers).
   *
   * @param x the operand: an array or a Java scalar
   * @return the number of set bits of each element (integers)
   */
  public static NDArray populationCount(Object x) {
    return org.jaxpresso.lax.primitives.Bitwise.POPULATION_COUNT
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * The number of leading zero bits of each element (integers).
   *
   * @param x the operand: an array or a Java scalar
   * @return the number of leading zero bits of each element (integers)
   */
  public static NDArray clz(Object x) {
    return org.jaxpresso.lax.primitives.Bitwise.CLZ.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /**
   * {@code x == y} elementwise, as a bool array; same dtypes required.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x == y} elementwise, as a bool array; same dtypes required
   */
  public static NDArray eq(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.EQ
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x != y} elementwise, as a bool array; same dtypes required.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x != y} elementwise, as a bool array; same dtypes required
   */
  public static NDArray ne(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.NE
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x < y} elementwise, as a bool array; same dtypes required.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x < y} elementwise, as a bool array; same dtypes required
   */
  public static NDArray lt(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.LT
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x <= y} elementwise, as a bool array; same dtypes required.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x <= y} elementwise, as a bool array; same dtypes required
   */
  public static NDArray le(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.LE
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x > y} elementwise, as a bool array; same dtypes required.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x > y} elementwise, as a bool array; same dtypes required
   */
  public static NDArray gt(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.GT
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code x >= y} elementwise, as a bool array; same dtypes required.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x >= y} elementwise, as a bool array; same dtypes required
   */
  public static NDArray ge(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.GE
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code cases[which]} elementwise: {@code which} is bool (at most two cases, False picks the
   * first) or an integer, scalar or of the cases' shape; cases share shape and dtype.
   *
   * @param which the selector: bool (for two cases) or int32, of the cases' shape
   * @param cases the arrays to choose from, all of one dtype and shape
   * @return {@code cases[which]} elementwise
   */
  public static NDArray selectN(Object which, Object... cases) {
    java.util.List<NDArray> args = new java.util.ArrayList<>();
    args.add(LaxSupport.asArray(which));
    args.addAll(LaxSupport.asArrays(cases));
    return org.jaxpresso.lax.primitives.Selection.SELECT_N.bind(args, Params.EMPTY).get(0);
  }

  /**
   * x limited to [min, max] elementwise; min and max are scalars or of x's shape.
   *
   * @param min the lower bound
   * @param x the operand: an array or a Java scalar
   * @param max the upper bound
   * @return x limited to [min, max] elementwise; min and max are scalars or of x's shape
   */
  public static NDArray clamp(Object min, Object x, Object max) {
    return org.jaxpresso.lax.primitives.Selection.CLAMP.bind1(Params.EMPTY,
        LaxSupport.asArray(min), LaxSupport.asArray(x), LaxSupport.asArray(max));
  }

  /**
   * x converted to {@code newDtype} (canonicalized: 64-bit types need x64), strongly typed.
   * An array already of that dtype and strong comes back as is; a Java scalar is converted
   * right away, as JAX converts Python scalars without recording an equation.
   *
   * @param x the operand: an array or a Java scalar
   * @param newDtype the target element type
   * @return x converted to {@code newDtype} (canonicalized: 64-bit types need x64), strongly typed
   */
  public static NDArray convertElementType(Object x, org.jaxpresso.core.DType newDtype) {
    org.jaxpresso.core.DType to = newDtype.canonical();
    Params params = Params.of("new_dtype", to, "sharding", null, "weak_type", false);
    NDArray a = LaxSupport.asArray(x);
    if (!(x instanceof NDArray)) {
      org.jaxpresso.core.Array arr = (org.jaxpresso.core.Array) a;
      return org.jaxpresso.lax.primitives.Conversions.CONVERT_ELEMENT_TYPE
          .impl(java.util.List.of(arr), params).get(0);
    }
    if (a.dtype() == to && !a.weakType()) {
      return a;
    }
    return org.jaxpresso.lax.primitives.Conversions.CONVERT_ELEMENT_TYPE.bind1(params, a);
  }

  /**
   * x converted to {@code newDtype} with the given weak type, as JAX's internal
   * {@code _convert_element_type(x, dtype, weak_type)} that promotion uses: an array already of
   * that dtype and weak type comes back as is; a Java scalar converts without an equation.
   *
   * @param x the operand: an array or a Java scalar
   * @param newDtype the target element type
   * @param weakType whether the value is weakly typed
   * @return x converted to {@code newDtype} with the given weak type, as JAX's internal {@code
   *     _convert_element_type(x, dtype, weak_type)} that promotion uses
   */
  public static NDArray convertElementType(Object x, org.jaxpresso.core.DType newDtype, boolean weakType) {
    org.jaxpresso.core.DType to = newDtype.canonical();
    boolean weak = weakType && to != org.jaxpresso.core.DType.BOOL;
    Params params = Params.of("new_dtype", to, "sharding", null, "weak_type", weak);
    NDArray a = LaxSupport.asArray(x);
    if (!(x instanceof NDArray)) {
      org.jaxpresso.core.Array arr = (org.jaxpresso.core.Array) a;
      return org.jaxpresso.lax.primitives.Conversions.CONVERT_ELEMENT_TYPE
          .impl(java.util.List.of(arr), params).get(0);
    }
    if (a.dtype() == to && a.weakType() == weak) {
      return a;
    }
    return org.jaxpresso.lax.primitives.Conversions.CONVERT_ELEMENT_TYPE.bind1(params, a);
  }

  /**
   * x's bits reinterpreted as {@code newDtype} (see {@code bitcast_convert_type}).
   *
   * @param x the operand: an array or a Java scalar
   * @param newDtype the target element type
   * @return x's bits reinterpreted as {@code newDtype} (see {@code bitcast_convert_type})
   */
  public static NDArray bitcastConvertType(Object x, org.jaxpresso.core.DType newDtype) {
    return org.jaxpresso.lax.primitives.Conversions.BITCAST_CONVERT_TYPE.bind1(
        Params.of("new_dtype", newDtype.canonical()), LaxSupport.asArray(x));
  }

  /**
   * x rounded to a float format with the given exponent and mantissa widths.
   *
   * @param x the operand: an array or a Java scalar
   * @param exponentBits the number of exponent bits to keep
   * @param mantissaBits the number of mantissa bits to keep
   * @return x rounded to a float format with the given exponent and mantissa widths
   */
  public static NDArray reducePrecision(Object x, int exponentBits, int mantissaBits) {
    return org.jaxpresso.lax.primitives.Conversions.REDUCE_PRECISION.bind1(
        Params.of("exponent_bits", exponentBits, "mantissa_bits", mantissaBits),
        LaxSupport.asArray(x));
  }

  /**
   * {@code x} unchanged, but a constant to differentiation ({@code jax.lax.stop_gradient}).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code x} unchanged, but a constant to differentiation ({@code jax.lax.stop_gradient})
   */
  public static NDArray stopGradient(Object x) {
    return org.jaxpresso.lax.primitives.Elementwise.STOP_GRADIENT.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  // ==== end elementwise ====
}
