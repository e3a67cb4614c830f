package org.jaxpresso.numpy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Promotion;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.RoundingMethod;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * Rounding, floating-point tests, comparisons, logical and bitwise functions, selection and
 * dtype utilities, with NumPy's (JAX's) promotion and broadcasting. Arithmetic and
 * transcendental functions are in {@link JnpArithmetic}. Use through {@link Jnp}.
 *
 * <pre>{@code
 * round(array(0.5f, 1.5f, 2.5f));    // Array([0., 2., 2.], dtype=float32) (half to even)
 * where(x.gt(0), x, 0);              // select_n (x > 0) 0.0 x
 * promoteTypes(DType.INT8, DType.UINT8);   // int16
 * }</pre>
 */
public abstract class JnpMath extends JnpArithmetic {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpMath() {}

  private static NDArray binary(String name, Object x, Object y, BinaryOperator<NDArray> op) {
    List<NDArray> a = NumpySupport.promoteArgs(name, x, y);
    return op.apply(a.get(0), a.get(1));
  }

  // ---- rounding ----

  /**
   * x rounded to the nearest integer value, halfway cases to even
   * ({@code round[rounding_method=1]}); integers are returned unchanged.
   *
   * @param x the operand: an array or a Java scalar
   * @return x rounded to the nearest integer value, halfway cases to even ({@code
   *     round[rounding_method=1]})
   */
  public static NDArray round(Object x) {
    return round(x, 0);
  }

  /**
   * x rounded to {@code decimals} decimal places, halfway cases to even: {@code round(x * 10**d)
   * / 10**d} (float16 computes in float32); integers are returned unchanged.
   *
   * @param x the operand: an array or a Java scalar
   * @param decimals the number of decimal places
   * @return x rounded to {@code decimals} decimal places, halfway cases to even
   * @throws UnsupportedOperationException for integers with negative decimals, as JAX
   */
  public static NDArray round(Object x, int decimals) {
    NDArray a = NumpySupport.canonical(x);
    DType d = a.dtype();
    if (d.isInteger()) {
      if (decimals < 0) {
        throw new UnsupportedOperationException(
            "integer np.round not implemented for decimals < 0");
      }
      return a;
    }
    if (d.isFloating() && decimals > Math.log10(FInfo.of(d).max())) {
      return a;
    }
    if (decimals == 0) {
      return Lax.round(a, RoundingMethod.TO_NEAREST_EVEN);
    }
    NDArray v = d == DType.FLOAT16 ? Lax.convertElementType(a, DType.FLOAT32) : a;
    NDArray factor = NumpySupport.constLike(v, Math.pow(10, decimals));
    NDArray out = Lax.div(Lax.round(Lax.mul(v, factor), RoundingMethod.TO_NEAREST_EVEN), factor);
    return d == DType.FLOAT16 ? Lax.convertElementType(out, d) : out;
  }

  /**
   * {@link #round(Object, int)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param decimals the number of decimal places
   * @return {@link #round(Object, int)}
   */
  public static NDArray around(Object x, int decimals) {
    return round(x, decimals);
  }

  /**
   * The largest integer value not above x; integers and bools are returned unchanged.
   *
   * @param x the operand: an array or a Java scalar
   * @return the largest integer value not above x; integers and bools are returned unchanged
   */
  public static NDArray floor(Object x) {
    NDArray a = NumpySupport.canonical(x);
    return a.dtype().isInteger() || a.dtype() == DType.BOOL ? a : Lax.floor(a);
  }

  /**
   * The smallest integer value not below x; integers and bools are returned unchanged.
   *
   * @param x the operand: an array or a Java scalar
   * @return the smallest integer value not below x; integers and bools are returned unchanged
   */
  public static NDArray ceil(Object x) {
    NDArray a = NumpySupport.canonical(x);
    return a.dtype().isInteger() || a.dtype() == DType.BOOL ? a : Lax.ceil(a);
  }

  /**
   * x rounded toward zero: {@code where(x < 0, ceil(x), floor(x))}.
   *
   * @param x the operand: an array or a Java scalar
   * @return x rounded toward zero: {@code where(x < 0, ceil(x), floor(x))}
   */
  public static NDArray trunc(Object x) {
    NDArray a = NumpySupport.canonical(x);
    if (a.dtype().isInteger() || a.dtype() == DType.BOOL) {
      return a;
    }
    return NumpySupport.where(Lax.lt(a, NumpySupport.constLike(a, 0)), ceil(a), floor(a));
  }

  // ---- floating-point tests ----

  /**
   * Whether x is NaN: {@code ne x x} (all false for integers).
   *
   * @param x the operand: an array or a Java scalar
   * @return whether x is NaN: {@code ne x x} (all false for integers)
   */
  public static NDArray isnan(Object x) {
    NDArray a = NumpySupport.canonical(x);
    return Lax.ne(a, a);
  }

  /**
   * Whether x is +inf or -inf: {@code eq (abs x) inf} (all false for integers and bools).
   *
   * @param x the operand: an array or a Java scalar
   * @return whether x is +inf or -inf: {@code eq (abs x) inf} (all false for integers and bools)
   */
  public static NDArray isinf(Object x) {
    NDArray a = NumpySupport.canonical(x);
    if (a.dtype().isFloating()) {
      return Lax.eq(Lax.abs(a), NumpySupport.constLike(a, Double.POSITIVE_INFINITY));
    }
    return NumpySupport.fullLike(a, false, DType.BOOL);
  }

  /**
   * Whether x is neither infinite nor NaN ({@code is_finite}; all true for integers).
   *
   * @param x the operand: an array or a Java scalar
   * @return whether x is neither infinite nor NaN ({@code is_finite}; all true for integers)
   */
  public static NDArray isfinite(Object x) {
    NDArray a = NumpySupport.canonical(x);
    if (a.dtype().isFloating()) {
      return Lax.isFinite(a);
    }
    return NumpySupport.fullLike(a, true, DType.BOOL);
  }

  /**
   * NaN replaced by 0, +inf by the dtype's max, -inf by its min; integers unchanged.
   *
   * @param x the operand: an array or a Java scalar
   * @return NaN replaced by 0, +inf by the dtype's max, -inf by its min; integers unchanged
   */
  public static NDArray nanToNum(Object x) {
    return nanToNum(x, 0.0, null, null);
  }

  /**
   * NaN replaced by {@code nan}, +inf by {@code posinf} and -inf by {@code neginf} (null: the
   * dtype's largest and smallest finite values), as {@code jnp.nan_to_num}.
   *
   * @param x the operand: an array or a Java scalar
   * @param nan the replacement for NaN
   * @param posinf the replacement for +inf, or {@code null} for the dtype's largest value
   * @param neginf the replacement for -inf, or {@code null} for the dtype's smallest value
   * @return NaN replaced by {@code nan}, +inf by {@code posinf} and -inf by {@code neginf} (null
   */
  public static NDArray nanToNum(Object x, double nan, Double posinf, Double neginf) {
    NDArray a = NumpySupport.canonical(x);
    DType d = a.dtype();
    if (!d.isFloating()) {
      return a;
    }
    FInfo info = FInfo.of(d);
    double pos = posinf == null ? info.max() : posinf;
    double neg = neginf == null ? info.min() : neginf;
    NDArray out = NumpySupport.where(isnan(a), Array.scalar(nan, d), a);
    out = NumpySupport.where(Lax.eq(out, NumpySupport.constLike(out, Double.POSITIVE_INFINITY)),
        Array.scalar(pos, d), out);
    return NumpySupport.where(
        Lax.eq(out, NumpySupport.constLike(out, Double.NEGATIVE_INFINITY)),
        Array.scalar(neg, d), out);
  }

  /**
   * Whether the sign bit of x is set (true for -0.0 and negative NaNs): the float's bits as a
   * signed integer shifted right by {@code nexp + nmant}; {@code x < 0} for integers.
   *
   * @param x the operand: an array or a Java scalar
   * @return whether the sign bit of x is set (true for -0.0 and negative NaNs)
   */
  public static NDArray signbit(Object x) {
    NDArray a = NumpySupport.promoteArgs("signbit", x).get(0);
    DType d = a.dtype();
    if (d.isInteger()) {
      return Lax.lt(a, NumpySupport.constLike(a, 0));
    }
    if (d == DType.BOOL) {
      return NumpySupport.fullLike(a, false, DType.BOOL);
    }
    FInfo info = FInfo.of(d);
    DType intType = switch (info.bits()) {
      case 16 -> DType.INT16;
      case 32 -> DType.INT32;
      default -> DType.INT64;
    };
    NDArray bits = Lax.bitcastConvertType(a, intType);
    NDArray shifted = rightShift(bits, info.nexp() + info.nmant());
    return Lax.convertElementType(shifted, DType.BOOL);
  }

  // ---- comparisons ----

  /**
   * {@code x == y}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x == y}
   */
  public static NDArray equal(Object x, Object y) {
    return binary("equal", x, y, Lax::eq);
  }

  /**
   * {@code x != y}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x != y}
   */
  public static NDArray notEqual(Object x, Object y) {
    return binary("not_equal", x, y, Lax::ne);
  }

  /**
   * {@code x < y}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x < y}
   */
  public static NDArray less(Object x, Object y) {
    return binary("less", x, y, Lax::lt);
  }

  /**
   * {@code x <= y}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x <= y}
   */
  public static NDArray lessEqual(Object x, Object y) {
    return binary("less_equal", x, y, Lax::le);
  }

  /**
   * {@code x > y}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x > y}
   */
  public static NDArray greater(Object x, Object y) {
    return binary("greater", x, y, Lax::gt);
  }

  /**
   * {@code x >= y}.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x >= y}
   */
  public static NDArray greaterEqual(Object x, Object y) {
    return binary("greater_equal", x, y, Lax::ge);
  }

  /**
   * Whether {@code |a - b| <= atol + rtol * |b|} elementwise (rtol 1e-05, atol 1e-08), or a and
   * b are equal; computed in the promoted float type.
   *
   * @param a the input: an array or a Java scalar
   * @param b the second input: an array or a Java scalar
   * @return whether {@code |a - b| <= atol + rtol * |b|} elementwise (rtol 1e-05, atol 1e-08), or a
   *     and b are equal
   */
  public static NDArray isclose(Object a, Object b) {
    return isclose(a, b, 1e-05, 1e-08, false);
  }

  /**
   * {@link #isclose(Object, Object)} with the given tolerances.
   *
   * @param a the input: an array or a Java scalar
   * @param b the second input: an array or a Java scalar
   * @param rtol the relative tolerance
   * @param atol the absolute tolerance
   * @return {@link #isclose(Object, Object)} with the given tolerances
   */
  public static NDArray isclose(Object a, Object b, double rtol, double atol) {
    return isclose(a, b, rtol, atol, false);
  }

  /**
   * {@link #isclose(Object, Object, double, double)}; with {@code equalNan}, two NaNs count
   * as close.
   *
   * @param a the input: an array or a Java scalar
   * @param b the second input: an array or a Java scalar
   * @param rtol the relative tolerance
   * @param atol the absolute tolerance
   * @param equalNan whether NaNs compare equal
   * @return {@link #isclose(Object, Object, double, double)}; with {@code equalNan}, two NaNs count
   *     as close
   */
  public static NDArray isclose(Object a, Object b, double rtol, double atol, boolean equalNan) {
    List<NDArray> p = NumpySupport.promoteArgs("isclose", a, b);
    List<NDArray> f = NumpySupport.promoteArgsInexact("isclose", p.get(0), p.get(1));
    NDArray x = f.get(0);
    NDArray y = f.get(1);
    NDArray r = NumpySupport.constLike(x, rtol);
    NDArray t = NumpySupport.constLike(x, atol);
    NDArray bothNan = logicalAnd(isnan(x), isnan(y));
    NDArray checkFin = isfinite(y);
    NDArray inRange = Lax.le(Lax.abs(Lax.sub(x, y)), Lax.add(t, Lax.mul(r, Lax.abs(y))));
    NDArray out = logicalOr(Lax.eq(x, y), logicalAnd(checkFin, inRange));
    return equalNan ? logicalOr(out, bothNan) : out;
  }

  /**
   * Whether {@link #isclose(Object, Object)} holds everywhere: a 0-d bool array.
   *
   * @param a the input: an array or a Java scalar
   * @param b the second input: an array or a Java scalar
   * @return whether {@link #isclose(Object, Object)} holds everywhere: a 0-d bool array
   */
  public static NDArray allclose(Object a, Object b) {
    return allclose(a, b, 1e-05, 1e-08, false);
  }

  /**
   * {@link #allclose(Object, Object)} with the given tolerances.
   *
   * @param a the input: an array or a Java scalar
   * @param b the second input: an array or a Java scalar
   * @param rtol the relative tolerance
   * @param atol the absolute tolerance
   * @return {@link #allclose(Object, Object)} with the given tolerances
   */
  public static NDArray allclose(Object a, Object b, double rtol, double atol) {
    return allclose(a, b, rtol, atol, false);
  }

  /**
   * {@link #allclose(Object, Object, double, double)}; NaNs equal when {@code equalNan}.
   *
   * @param a the input: an array or a Java scalar
   * @param b the second input: an array or a Java scalar
   * @param rtol the relative tolerance
   * @param atol the absolute tolerance
   * @param equalNan whether NaNs compare equal
   * @return {@link #allclose(Object, Object, double, double)}; NaNs equal when {@code equalNan}
   */
  public static NDArray allclose(Object a, Object b, double rtol, double atol,
      boolean equalNan) {
    return allOf(isclose(a, b, rtol, atol, equalNan));
  }

  /**
   * Whether a and b have the same shape and elements: a 0-d bool array ({@code False} right
   * away when the shapes differ).
   *
   * @param a the input: an array or a Java scalar
   * @param b the second input: an array or a Java scalar
   * @return whether a and b have the same shape and elements
   */
  public static NDArray arrayEqual(Object a, Object b) {
    return arrayEqual(a, b, false);
  }

  /**
   * {@link #arrayEqual(Object, Object)}; NaNs at the same places equal when {@code equalNan}.
   *
   * @param a the input: an array or a Java scalar
   * @param b the second input: an array or a Java scalar
   * @param equalNan whether NaNs compare equal
   * @return {@link #arrayEqual(Object, Object)}; NaNs at the same places equal when {@code
   *     equalNan}
   */
  public static NDArray arrayEqual(Object a, Object b, boolean equalNan) {
    NDArray x = NumpySupport.canonical(a);
    NDArray y = NumpySupport.canonical(b);
    if (!Arrays.equals(x.shape(), y.shape())) {
      return Array.scalar(false);
    }
    NDArray eq = equal(x, y);
    if (equalNan) {
      eq = logicalOr(eq, logicalAnd(isnan(x), isnan(y)));
    }
    return allOf(eq);
  }

  private static NDArray allOf(NDArray x) {
    int[] axes = new int[x.ndim()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return Lax.reduceAnd(x, axes);
  }

  // ---- logic ----

  private static NDArray toBool(NDArray x) {
    return x.dtype() == DType.BOOL ? x : Lax.ne(x, NumpySupport.constLike(x, 0));
  }

  /**
   * {@code x && y} elementwise (non-bools compared with 0).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x && y} elementwise (non-bools compared with 0)
   */
  public static NDArray logicalAnd(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgs("logical_and", x, y);
    return Lax.bitwiseAnd(toBool(a.get(0)), toBool(a.get(1)));
  }

  /**
   * {@code x || y} elementwise.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x || y} elementwise
   */
  public static NDArray logicalOr(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgs("logical_or", x, y);
    return Lax.bitwiseOr(toBool(a.get(0)), toBool(a.get(1)));
  }

  /**
   * {@code x ^ y} elementwise, as booleans.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x ^ y} elementwise, as booleans
   */
  public static NDArray logicalXor(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgs("logical_xor", x, y);
    return Lax.bitwiseXor(toBool(a.get(0)), toBool(a.get(1)));
  }

  /**
   * {@code !x} elementwise.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code !x} elementwise
   */
  public static NDArray logicalNot(Object x) {
    return Lax.bitwiseNot(toBool(NumpySupport.promoteArgs("logical_not", x).get(0)));
  }

  // ---- bitwise ----

  /**
   * {@code x & y} (bools or integers).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x & y} (bools or integers)
   */
  public static NDArray bitwiseAnd(Object x, Object y) {
    return binary("bitwise_and", x, y, Lax::bitwiseAnd);
  }

  /**
   * {@code x | y} (bools or integers).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x | y} (bools or integers)
   */
  public static NDArray bitwiseOr(Object x, Object y) {
    return binary("bitwise_or", x, y, Lax::bitwiseOr);
  }

  /**
   * {@code x ^ y} (bools or integers).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x ^ y} (bools or integers)
   */
  public static NDArray bitwiseXor(Object x, Object y) {
    return binary("bitwise_xor", x, y, Lax::bitwiseXor);
  }

  /**
   * {@code ~x} (bools or integers; {@code not}).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code ~x} (bools or integers; {@code not})
   */
  public static NDArray invert(Object x) {
    return Lax.bitwiseNot(NumpySupport.promoteArgs("invert", x).get(0));
  }

  /**
   * {@code x << y} ({@code shift_left}; bools become int32).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x << y} ({@code shift_left}; bools become int32)
   */
  public static NDArray leftShift(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgsNumeric("left_shift", x, y);
    return Lax.shiftLeft(a.get(0), a.get(1));
  }

  /**
   * {@code x >> y}: logical for unsigned integers, arithmetic (sign-filling) otherwise.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code x >> y}: logical for unsigned integers, arithmetic (sign-filling) otherwise
   */
  public static NDArray rightShift(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgsNumeric("right_shift", x, y);
    return a.get(0).dtype().isUnsigned()
        ? Lax.shiftRightLogical(a.get(0), a.get(1))
        : Lax.shiftRightArithmetic(a.get(0), a.get(1));
  }

  // ---- selection ----

  /**
   * {@code condition ? x : y} elementwise, broadcasting all three; lowers to
   * {@code select_n(condition, y, x)} (false case first), as {@code jnp.where}: {@code
   * where(x.gt(0), x, 0)}. A non-bool condition means {@code condition != 0}.
   *
   * @param condition the boolean condition
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code condition ? x : y} elementwise, broadcasting all three
   * @throws JaxValueError if x or y is null (JAX's message)
   */
  public static NDArray where(Object condition, Object x, Object y) {
    if (x == null || y == null) {
      throw new JaxValueError("Either both or neither of the x and y arguments should be "
          + "provided to jax.numpy.where, got " + (x == null ? "None" : x) + " and "
          + (y == null ? "None" : y) + ".");
    }
    return WHERE.apply(jitOperand(condition), jitOperand(x), jitOperand(y));
  }

  /** JAX's {@code _where}, a jitted function, so that jaxprs show {@code jit[name=_where ...]}. */
  private static final org.jaxpresso.Function3<Object, Object, Object, NDArray> WHERE =
      org.jaxpresso.Jax.jit((Object c, Object x, Object y) -> NumpySupport.where(c, x, y),
          org.jaxpresso.Jax.name("_where"));

  /** An operand as a jit argument: arrays and Java scalars as they are, Java data as an array. */
  static Object jitOperand(Object x) {
    return x instanceof NDArray || NumpySupport.isJavaScalar(x) ? x : NumpySupport.asArray(x);
  }

  // ---- dtypes ----

  /**
   * {@code x} converted to {@code dtype} ({@code convert_element_type[weak_type=False]}; a
   * 64-bit request becomes 32-bit with x64 off). Floats to integers truncate toward zero;
   * integers wrap: {@code astype(array(-1, 300), DType.UINT8)} is {@code [255, 44]}. A null
   * dtype means the default float type.
   *
   * @param x the operand: an array or a Java scalar
   * @param dtype the element type of the result
   * @return {@code x} converted to {@code dtype} ({@code convert_element_type[weak_type=False]}
   */
  public static NDArray astype(Object x, DType dtype) {
    DType to = dtype == null ? DType.defaultFloat() : NumpySupport.requestedDtype(dtype, "astype");
    NDArray a = NumpySupport.canonical(x);
    return Lax.convertElementType(a, to, false);
  }

  /**
   * The dtype JAX gives the combination of the operands ({@code jnp.result_type}): arrays by
   * their dtype and weak type, {@link DType}s as strong types, Java scalars (and the classes
   * {@code Integer.class}, {@code Double.class}, ...) as weak types; canonicalized.
   *
   * @param operands the operand arrays
   * @return the dtype JAX gives the combination of the operands ({@code jnp.result_type})
   * @throws JaxValueError if no operand is given
   */
  public static DType resultType(Object... operands) {
    if (operands.length == 0) {
      throw new JaxValueError("at least one array or dtype is required");
    }
    List<Promotion.Typed> ts = new ArrayList<>(operands.length);
    for (Object o : operands) {
      ts.add(switch (o) {
        case DType d -> Promotion.strong(d);
        case Class<?> c -> Promotion.weak(javaScalarDtype(c));
        case null -> Promotion.strong(DType.defaultFloat());
        default -> Promotion.of(NumpySupport.asArray(o).aval());
      });
    }
    return Promotion.resultType(ts).dtype();
  }

  private static DType javaScalarDtype(Class<?> c) {
    if (c == Integer.class || c == Long.class || c == Short.class || c == Byte.class
        || c == int.class || c == long.class || c == short.class || c == byte.class) {
      return DType.defaultInt();
    }
    if (c == Double.class || c == Float.class || c == double.class || c == float.class) {
      return DType.defaultFloat();
    }
    if (c == Boolean.class || c == boolean.class) {
      return DType.BOOL;
    }
    throw new JaxTypeError("Cannot determine dtype of " + c.getName());
  }

  /**
   * The smallest dtype both promote to ({@code jnp.promote_types}), not canonicalized:
   * {@code promoteTypes(DType.INT8, DType.UINT64)} is float64 even with x64 off.
   *
   * @param a the input array
   * @param b the second input array
   * @return the smallest dtype both promote to ({@code jnp.promote_types}), not canonicalized
   */
  public static DType promoteTypes(DType a, DType b) {
    return Promotion.promoteTypes(a, b);
  }

  /**
   * Machine limits of a floating dtype ({@code jnp.finfo}): {@code finfo(DType.FLOAT32).eps()}.
   *
   * @param dtype the element type of the result
   * @return the machine limits of a floating dtype ({@code jnp.finfo}): {@code
   *     finfo(DType.FLOAT32).eps()}
   * @throws JaxValueError for a non-floating dtype
   */
  public static FInfo finfo(DType dtype) {
    return FInfo.of(dtype);
  }

  /**
   * Limits of an integer dtype ({@code jnp.iinfo}): {@code iinfo(DType.INT8).min()} is -128.
   *
   * @param dtype the element type of the result
   * @return the limits of an integer dtype ({@code jnp.iinfo}): {@code iinfo(DType.INT8).min()} is
   *     -128
   * @throws JaxValueError for a non-integer dtype
   */
  public static IInfo iinfo(DType dtype) {
    return IInfo.of(dtype);
  }
}
