package org.jaxpresso.numpy;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * Elementwise arithmetic and transcendental functions with NumPy's (JAX's) type promotion and
 * broadcasting, each lowering to lax primitives as {@code jax.numpy} does. Use through
 * {@link Jnp}.
 *
 * <pre>{@code
 * floorDivide(int32(-7), 2);   // Array(-4, dtype=int32)
 * power(x, 2);                 // integer_pow[y=2] x
 * exp2(array(1, 2, 3));        // Array([2., 4., 8.], dtype=float32)
 * }</pre>
 */
public abstract class JnpArithmetic extends JnpCreation {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpArithmetic() {}

  private static NDArray binary(String name, Object x, Object y, BinaryOperator<NDArray> op) {
    List<NDArray> a = NumpySupport.promoteArgs(name, x, y);
    return op.apply(a.get(0), a.get(1));
  }

  private static NDArray inexact(String name, Object x, UnaryOperator<NDArray> op) {
    return op.apply(NumpySupport.promoteArgsInexact(name, x).get(0));
  }

  // ---- arithmetic ----

  /**
   * {@code x + y} ({@code or} for bools). Example: {@code add(1, 1.0)} is a weak float32 2.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x + y} ({@code or} for bools)
   */
  public static NDArray add(Object x, Object y) {
    return binary("add", x, y,
        (a, b) -> a.dtype() == DType.BOOL ? Lax.bitwiseOr(a, b) : Lax.add(a, b));
  }

  /**
   * {@code x - y} (bools are rejected by {@code sub}). Example: {@code subtract(x, 1)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x - y} (bools are rejected by {@code sub})
   */
  public static NDArray subtract(Object x, Object y) {
    return binary("subtract", x, y, Lax::sub);
  }

  /**
   * {@code x * y} ({@code and} for bools). Example: {@code multiply(2, x)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x * y} ({@code and} for bools)
   */
  public static NDArray multiply(Object x, Object y) {
    return binary("multiply", x, y,
        (a, b) -> a.dtype() == DType.BOOL ? Lax.bitwiseAnd(a, b) : Lax.mul(a, b));
  }

  /**
   * {@code x / y}, always floating: {@code divide(array(7, -7), 2)} is {@code [3.5, -3.5]}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x / y}, always floating: {@code divide(array(7, -7), 2)} is {@code [3.5, -3.5]}
   */
  public static NDArray divide(Object x, Object y) {
    return trueDivide(x, y);
  }

  /**
   * {@code x / y}, always floating (ints become float32 first).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x / y}, always floating (ints become float32 first)
   */
  public static NDArray trueDivide(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgsInexact("true_divide", x, y);
    return Lax.div(a.get(0), a.get(1));
  }

  /**
   * {@code x // y} rounding toward minus infinity as Python does ({@code floorDivide(int32(-7),
   * 2)} is -4); bools become int32; floats follow CPython's {@code float_divmod}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x // y} rounding toward minus infinity as Python does ({@code
   *     floorDivide(int32(-7), 2)} is -4)
   */
  public static NDArray floorDivide(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgsNumeric("floor_divide", x, y);
    NDArray x1 = a.get(0);
    NDArray x2 = a.get(1);
    DType d = x1.dtype();
    if (d.isUnsigned()) {
      return Lax.div(x1, x2);
    }
    if (d.isInteger()) {
      NDArray quotient = Lax.div(x1, x2);
      NDArray select = Lax.bitwiseAnd(Lax.ne(Lax.sign(x1), Lax.sign(x2)),
          Lax.ne(Lax.rem(x1, x2), NumpySupport.constLike(x1, 0)));
      return NumpySupport.where(select, Lax.sub(quotient, weakOne(quotient)), quotient);
    }
    return floatDivmod(x1, x2)[0];
  }

  /** CPython's {@code float_divmod}: {quotient rounded, remainder with the divisor's sign}. */
  private static NDArray[] floatDivmod(NDArray x1, NDArray x2) {
    NDArray mod = Lax.rem(x1, x2);
    NDArray corrected = NumpySupport.where(Lax.eq(x2, NumpySupport.constLike(x2, 0)), x1,
        Lax.sub(x1, mod));
    NDArray div = Lax.div(corrected, x2);
    NDArray ind = Lax.bitwiseAnd(Lax.ne(mod, NumpySupport.constLike(mod, 0)),
        Lax.ne(Lax.sign(x2), Lax.sign(mod)));
    NDArray modSel = Lax.selectN(ind, mod, add(mod, x2));
    NDArray divSel = Lax.selectN(ind, div, subtract(div, 1.0));
    return new NDArray[] {Lax.round(divSel), modSel};
  }

  /** A 1 of x's dtype and weak type (as a Python 1 in {@code quotient - 1}). */
  private static NDArray weakOne(NDArray x) {
    return NumpySupport.scalarOf(1, x.dtype()).withWeakType(x.weakType());
  }

  /**
   * {@code x % y} with the sign of the divisor, as Python ({@code remainder(int32(-7), 2)} is
   * 1); an integer divisor 0 gives 0.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x % y} with the sign of the divisor, as Python ({@code remainder(int32(-7), 2)}
   *     is 1)
   */
  public static NDArray remainder(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgsNumeric("remainder", x, y);
    NDArray x1 = a.get(0);
    NDArray x2 = a.get(1);
    NDArray zero = NumpySupport.constLike(x1, 0);
    if (x2.dtype().isInteger()) {
      x2 = NumpySupport.where(Lax.eq(x2, NumpySupport.constLike(x2, 0)),
          NumpySupport.fullLike(x2, 1, x2.dtype()), x2);
    }
    NDArray truncMod = Lax.rem(x1, x2);
    NDArray notZero = Lax.ne(truncMod, zero);
    NDArray doPlus = Lax.bitwiseAnd(Lax.ne(Lax.lt(truncMod, zero), Lax.lt(x2, zero)), notZero);
    return Lax.selectN(doPlus, truncMod, Lax.add(truncMod, x2));
  }

  /**
   * {@link #remainder}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@link #remainder}
   */
  public static NDArray mod(Object x, Object y) {
    return remainder(x, y);
  }

  /**
   * {@code x ** y}. A static Java integer exponent (or a concrete 0-d integer array) lowers to
   * {@code integer_pow[y=n]} ({@code power(x, 2)}); integer bases with integer exponent arrays
   * use repeated squaring (six steps, as JAX); a float base with an integer exponent array is
   * {@code pow} without promotion; otherwise both are promoted and {@code pow} applies.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x ** y}
   */
  public static NDArray power(Object x, Object y) {
    Integer n = staticIntegerExponent(y);
    if (n != null) {
      NDArray base = NumpySupport.promoteDtypesNumeric(x).get(0);
      return Lax.integerPow(base, n);
    }
    Object b = NumpySupport.isJavaScalar(x) ? x : NumpySupport.canonical(x);
    Object e = NumpySupport.isJavaScalar(y) ? y : NumpySupport.canonical(y);
    if (b instanceof NDArray ba && e instanceof NDArray ea) {
      List<NDArray> shaped = NumpySupport.promoteShapes("power", List.of(ba, ea));
      b = shaped.get(0);
      e = shaped.get(1);
    }
    List<NDArray> num = NumpySupport.promoteArgsNumeric("power", b, e);
    NDArray x1 = num.get(0);
    NDArray x2 = num.get(1);
    if (x1.dtype().isInteger()) {
      return powIntInt(x1, x2);
    }
    if (NumpySupport.aval(b).dtype().isFloating() && NumpySupport.aval(e).dtype().isInteger()) {
      return Lax.pow(b, e);
    }
    return Lax.pow(x1, x2);
  }

  private static Integer staticIntegerExponent(Object y) {
    if (y instanceof Integer || y instanceof Short || y instanceof Byte) {
      return ((Number) y).intValue();
    }
    if (y instanceof Long l) {
      if (l != l.intValue()) {
        throw new JaxValueError("power exponent " + l + " is too large for integer_pow");
      }
      return l.intValue();
    }
    if (y instanceof Array a && a.ndim() == 0 && a.dtype().isInteger()) {
      long v = a.item() instanceof Number num ? num.longValue() : 0;
      if (v == (int) v) {
        return (int) v;
      }
    }
    return null;
  }

  /** JAX's {@code _pow_int_int}: binary exponentiation unrolled over six exponent bits. */
  private static NDArray powIntInt(NDArray x1, NDArray x2) {
    NDArray zero = NumpySupport.constLike(x2, 0);
    NDArray one = NumpySupport.constLike(x2, 1);
    NDArray acc = NumpySupport.where(Lax.bitwiseAnd(Lax.eq(x1, zero), Lax.ne(x2, zero)), zero,
        one);
    for (int i = 0; i < 6; i++) {
      acc = NumpySupport.where(Lax.bitwiseAnd(x2, one), Lax.mul(acc, x1), acc);
      x1 = Lax.mul(x1, x1);
      x2 = Lax.shiftRightLogical(x2, one);
    }
    return acc;
  }

  /**
   * {@code -x} (integers wrap; bools are rejected by {@code neg}).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code -x} (integers wrap; bools are rejected by {@code neg})
   */
  public static NDArray negative(Object x) {
    return Lax.neg(NumpySupport.promoteArgs("negative", x).get(0));
  }

  /**
   * {@code +x}: the operand itself, as an array.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code +x}: the operand itself, as an array
   */
  public static NDArray positive(Object x) {
    return NumpySupport.promoteArgs("positive", x).get(0);
  }

  /**
   * {@code |x|}; bools and unsigned integers are returned unchanged.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code |x|}; bools and unsigned integers are returned unchanged
   */
  public static NDArray abs(Object x) {
    NDArray a = NumpySupport.canonical(x);
    return a.dtype().isUnsigned() || a.dtype() == DType.BOOL ? a : Lax.abs(a);
  }

  /**
   * {@link #abs}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@link #abs}
   */
  public static NDArray absolute(Object x) {
    return abs(x);
  }

  /**
   * -1, 0 or 1 by the sign of x (NaN stays NaN): {@code sign(array(-2., 0., 3.))}.
   *
   * @param x the operand: an array or a Java scalar
   * @return -1, 0 or 1 by the sign of x (NaN stays NaN): {@code sign(array(-2., 0., 3.))}
   */
  public static NDArray sign(Object x) {
    return Lax.sign(NumpySupport.promoteArgs("sign", x).get(0));
  }

  /**
   * {@code 1 / x} as {@code integer_pow[y=-1]} (ints become float32 first).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code 1 / x} as {@code integer_pow[y=-1]} (ints become float32 first)
   */
  public static NDArray reciprocal(Object x) {
    return Lax.integerPow(NumpySupport.promoteDtypesInexact(x).get(0), -1);
  }

  /**
   * {@code x * x} ({@code square}; bools become int32).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code x * x} ({@code square}; bools become int32)
   */
  public static NDArray square(Object x) {
    return Lax.square(NumpySupport.promoteDtypesNumeric(x).get(0));
  }

  /**
   * Square root (ints become float32): {@code sqrt(4)} is a weak float32 2.
   *
   * @param x the operand: an array or a Java scalar
   * @return the square root (ints become float32): {@code sqrt(4)} is a weak float32 2
   */
  public static NDArray sqrt(Object x) {
    return inexact("sqrt", x, Lax::sqrt);
  }

  /**
   * Cube root.
   *
   * @param x the operand: an array or a Java scalar
   * @return the cube root
   */
  public static NDArray cbrt(Object x) {
    return inexact("cbrt", x, Lax::cbrt);
  }

  /**
   * The larger of x and y elementwise (NaN propagates): {@code maximum(x, 0)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the larger of x and y elementwise (NaN propagates): {@code maximum(x, 0)}
   */
  public static NDArray maximum(Object x, Object y) {
    return binary("maximum", x, y, Lax::max);
  }

  /**
   * The smaller of x and y elementwise (NaN propagates).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return the smaller of x and y elementwise (NaN propagates)
   */
  public static NDArray minimum(Object x, Object y) {
    return binary("minimum", x, y, Lax::min);
  }

  /**
   * x limited to {@code [min, max]}: {@code maximum(min, x)} then {@code minimum(max, ...)};
   * a null bound is not applied ({@code clip(x, 0, null)}).
   *
   * @param x the operand: an array or a Java scalar
   * @param min the lower bound
   * @param max the upper bound
   * @return x limited to {@code [min, max]}
   * @throws JaxValueError if x is null
   */
  public static NDArray clip(Object x, Object min, Object max) {
    if (x == null) {
      throw new JaxValueError("No input was provided to the clip function.");
    }
    NDArray arr = NumpySupport.canonical(x);
    if (min != null) {
      arr = maximum(min, arr);
    }
    if (max != null) {
      arr = minimum(max, arr);
    }
    return arr;
  }

  // ---- exponents and logarithms ----

  /**
   * {@code e**x}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code e**x}
   */
  public static NDArray exp(Object x) {
    return inexact("exp", x, Lax::exp);
  }

  /**
   * {@code 2**x}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code 2**x}
   */
  public static NDArray exp2(Object x) {
    return inexact("exp2", x, Lax::exp2);
  }

  /**
   * {@code e**x - 1}, accurate near 0.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code e**x - 1}, accurate near 0
   */
  public static NDArray expm1(Object x) {
    return inexact("expm1", x, Lax::expm1);
  }

  /**
   * Natural logarithm.
   *
   * @param x the operand: an array or a Java scalar
   * @return the natural logarithm
   */
  public static NDArray log(Object x) {
    return inexact("log", x, Lax::log);
  }

  /**
   * Base-2 logarithm: {@code log(x) / log(2)}.
   *
   * @param x the operand: an array or a Java scalar
   * @return the base-2 logarithm: {@code log(x) / log(2)}
   */
  public static NDArray log2(Object x) {
    return inexact("log2", x,
        a -> Lax.div(Lax.log(a), Lax.log(NumpySupport.constLike(a, 2))));
  }

  /**
   * Base-10 logarithm: {@code log(x) * (1 / log(10))}.
   *
   * @param x the operand: an array or a Java scalar
   * @return the base-10 logarithm: {@code log(x) * (1 / log(10))}
   */
  public static NDArray log10(Object x) {
    return inexact("log10", x,
        a -> Lax.mul(Lax.log(a), NumpySupport.constLike(a, 0.4342944819032518)));
  }

  /**
   * {@code log(1 + x)}, accurate near 0.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code log(1 + x)}, accurate near 0
   */
  public static NDArray log1p(Object x) {
    return inexact("log1p", x, Lax::log1p);
  }

  // ---- trigonometric and hyperbolic ----

  /**
   * Sine.
   *
   * @param x the operand: an array or a Java scalar
   * @return the sine
   */
  public static NDArray sin(Object x) {
    return inexact("sin", x, Lax::sin);
  }

  /**
   * Cosine.
   *
   * @param x the operand: an array or a Java scalar
   * @return the cosine
   */
  public static NDArray cos(Object x) {
    return inexact("cos", x, Lax::cos);
  }

  /**
   * Tangent.
   *
   * @param x the operand: an array or a Java scalar
   * @return the tangent
   */
  public static NDArray tan(Object x) {
    return inexact("tan", x, Lax::tan);
  }

  /**
   * Inverse sine ({@code asin}).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse sine ({@code asin})
   */
  public static NDArray arcsin(Object x) {
    return inexact("arcsin", x, Lax::asin);
  }

  /**
   * Inverse cosine ({@code acos}).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse cosine ({@code acos})
   */
  public static NDArray arccos(Object x) {
    return inexact("arccos", x, Lax::acos);
  }

  /**
   * Inverse tangent ({@code atan}).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse tangent ({@code atan})
   */
  public static NDArray arctan(Object x) {
    return inexact("arctan", x, Lax::atan);
  }

  /**
   * The angle of the point (x2, x1) in [-pi, pi] ({@code atan2}): {@code arctan2(y, x)}.
   *
   * @param x1 the y coordinate (the numerator)
   * @param x2 the x coordinate (the denominator)
   * @return the angle of the point (x2, x1) in [-pi, pi] ({@code atan2}): {@code arctan2(y, x)}
   */
  public static NDArray arctan2(Object x1, Object x2) {
    List<NDArray> a = NumpySupport.promoteArgsInexact("arctan2", x1, x2);
    return Lax.atan2(a.get(0), a.get(1));
  }

  /**
   * Hyperbolic sine.
   *
   * @param x the operand: an array or a Java scalar
   * @return the hyperbolic sine
   */
  public static NDArray sinh(Object x) {
    return inexact("sinh", x, Lax::sinh);
  }

  /**
   * Hyperbolic cosine.
   *
   * @param x the operand: an array or a Java scalar
   * @return the hyperbolic cosine
   */
  public static NDArray cosh(Object x) {
    return inexact("cosh", x, Lax::cosh);
  }

  /**
   * Hyperbolic tangent.
   *
   * @param x the operand: an array or a Java scalar
   * @return the hyperbolic tangent
   */
  public static NDArray tanh(Object x) {
    return inexact("tanh", x, Lax::tanh);
  }

  /**
   * Inverse hyperbolic sine ({@code asinh}).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse hyperbolic sine ({@code asinh})
   */
  public static NDArray arcsinh(Object x) {
    return inexact("arcsinh", x, Lax::asinh);
  }

  /**
   * Inverse hyperbolic cosine ({@code acosh}; NaN below 1).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse hyperbolic cosine ({@code acosh}; NaN below 1)
   */
  public static NDArray arccosh(Object x) {
    return inexact("arccosh", x, Lax::acosh);
  }

  /**
   * Inverse hyperbolic tangent ({@code atanh}).
   *
   * @param x the operand: an array or a Java scalar
   * @return the inverse hyperbolic tangent ({@code atanh})
   */
  public static NDArray arctanh(Object x) {
    return inexact("arctanh", x, Lax::atanh);
  }
}
