package org.jaxpresso.lax;

import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.primitives.Elementwise;

/**
 * The strict primitive layer, as {@code jax.lax}: one method per primitive, no dtype promotion
 * (operands must share a dtype), rank-0 and size-1 broadcasting only, explicit parameters.
 * Operands are {@link NDArray}s or Java scalars ({@code Integer}, {@code Double},
 * {@code Boolean}, ...), which become weakly typed 0-d arrays as Python scalars do in JAX.
 *
 * <pre>{@code
 * Lax.add(1, 1.0);              // throws: lax.add requires arguments to have the same dtypes,
 *                               //   got int32, float32. (Tip: jnp.add is a similar function ...)
 * Lax.add(Array.scalar(1, DType.FLOAT32), 1.0);   // Array(2., dtype=float32)
 * }</pre>
 */
public final class Lax {
  private Lax() {}

  // ==== elementwise ====
  // (Names outside this file's imports are written in full so that this region needs none.)

  /** The params of the ops that take JAX's {@code accuracy}: {@code accuracy=None}. */
  private static final Params ACCURACY_NONE =
      org.jaxpresso.lax.internal.elementwise.Rules.ACCURACY_NONE;

  /** {@code x + y} elementwise; same dtypes required (integers wrap). */
  public static NDArray add(Object x, Object y) {
    return Elementwise.ADD.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x - y} elementwise; same dtypes required. */
  public static NDArray sub(Object x, Object y) {
    return Elementwise.SUB.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x * y} elementwise; same dtypes required ({@code mul}, {@code out_dtype=None}). */
  public static NDArray mul(Object x, Object y) {
    return Elementwise.MUL.bind1(Params.of("out_dtype", null), LaxSupport.asArray(x),
        LaxSupport.asArray(y));
  }

  /** {@code x / y}; integers truncate toward zero ({@code x / 0 == -1}, as XLA). */
  public static NDArray div(Object x, Object y) {
    return Elementwise.DIV.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x % y} with the sign of x (C fmod; {@code x % 0 == x} for integers). */
  public static NDArray rem(Object x, Object y) {
    return Elementwise.REM.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x ** y}: x float; y an integer or of x's float dtype. */
  public static NDArray pow(Object x, Object y) {
    return Elementwise.POW.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x ** y} for a static integer {@code y} (negative only for floats). */
  public static NDArray integerPow(Object x, int y) {
    return Elementwise.INTEGER_POW.bind1(Params.of("y", y), LaxSupport.asArray(x));
  }

  /** The elementwise maximum (NaN if either is NaN). */
  public static NDArray max(Object x, Object y) {
    return Elementwise.MAX.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** The elementwise minimum (NaN if either is NaN). */
  public static NDArray min(Object x, Object y) {
    return Elementwise.MIN.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** The elementwise arc tangent of {@code x / y}, in [-pi, pi]. */
  public static NDArray atan2(Object x, Object y) {
    return Elementwise.ATAN2.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** The next value of x's dtype after x in the direction of y. */
  public static NDArray nextafter(Object x, Object y) {
    return Elementwise.NEXTAFTER.bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code -x} elementwise. */
  public static NDArray neg(Object x) {
    return Elementwise.NEG.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** -1, 0 or 1 by the sign of x (NaN stays NaN). */
  public static NDArray sign(Object x) {
    return Elementwise.SIGN.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** {@code |x|}: signed integers and floats. */
  public static NDArray abs(Object x) {
    return Elementwise.ABS.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The largest integer value not above x (floats). */
  public static NDArray floor(Object x) {
    return Elementwise.FLOOR.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The smallest integer value not below x (floats). */
  public static NDArray ceil(Object x) {
    return Elementwise.CEIL.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** x rounded to an integer value, halfway values away from zero (lax.round's default). */
  public static NDArray round(Object x) {
    return round(x, org.jaxpresso.lax.primitives.RoundingMethod.AWAY_FROM_ZERO);
  }

  /** x rounded to an integer value, halfway values as {@code method} says. */
  public static NDArray round(Object x, org.jaxpresso.lax.primitives.RoundingMethod method) {
    java.util.Objects.requireNonNull(method, "method");
    return Elementwise.ROUND.bind1(Params.of("rounding_method", method), LaxSupport.asArray(x));
  }

  /** Whether x is neither infinite nor NaN (floats; a bool array). */
  public static NDArray isFinite(Object x) {
    return Elementwise.IS_FINITE.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** {@code x * x}. */
  public static NDArray square(Object x) {
    return Elementwise.SQUARE.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** e to the x (floats). */
  public static NDArray exp(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.EXP
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** 2 to the x (floats). */
  public static NDArray exp2(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.EXP2
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** {@code exp(x) - 1}, accurate near 0 (floats). */
  public static NDArray expm1(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.EXPM1
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The natural logarithm (floats). */
  public static NDArray log(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.LOG
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** {@code log(1 + x)}, accurate near 0 (floats). */
  public static NDArray log1p(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.LOG1P
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The hyperbolic tangent (floats). */
  public static NDArray tanh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.TANH
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The logistic sigmoid {@code 1 / (1 + exp(-x))} (floats). */
  public static NDArray logistic(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.LOGISTIC
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The sine (floats). */
  public static NDArray sin(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.SIN
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The cosine (floats). */
  public static NDArray cos(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.COS
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The tangent (floats). */
  public static NDArray tan(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.TAN
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The arc sine (floats). */
  public static NDArray asin(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ASIN
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The arc cosine (floats). */
  public static NDArray acos(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ACOS
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The arc tangent (floats). */
  public static NDArray atan(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ATAN
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The hyperbolic sine (floats). */
  public static NDArray sinh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.SINH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The hyperbolic cosine (floats). */
  public static NDArray cosh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.COSH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The inverse hyperbolic sine (floats). */
  public static NDArray asinh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ASINH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The inverse hyperbolic cosine (floats). */
  public static NDArray acosh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ACOSH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The inverse hyperbolic tangent (floats). */
  public static NDArray atanh(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ATANH
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The square root (floats). */
  public static NDArray sqrt(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.SQRT
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** {@code 1 / sqrt(x)} (floats). */
  public static NDArray rsqrt(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.RSQRT
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The real cube root (floats). */
  public static NDArray cbrt(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.CBRT
        .bind1(ACCURACY_NONE, LaxSupport.asArray(x));
  }

  /** The error function (floats). */
  public static NDArray erf(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ERF
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The complementary error function {@code 1 - erf(x)} (floats). */
  public static NDArray erfc(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ERFC
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The inverse error function (floats). */
  public static NDArray erfInv(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.ERF_INV
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** {@code log|Gamma(x)|} (floats). */
  public static NDArray lgamma(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.LGAMMA
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The digamma function {@code Gamma'(x) / Gamma(x)} (floats). */
  public static NDArray digamma(Object x) {
    return org.jaxpresso.lax.primitives.Transcendental.DIGAMMA
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** Bitwise not (primitive {@code not}); logical not for bool. */
  public static NDArray bitwiseNot(Object x) {
    return org.jaxpresso.lax.primitives.Bitwise.NOT.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** Bitwise and (primitive {@code and}); logical for bool. */
  public static NDArray bitwiseAnd(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.AND
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** Bitwise or (primitive {@code or}); logical for bool. */
  public static NDArray bitwiseOr(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.OR
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** Bitwise exclusive or (primitive {@code xor}); logical for bool. */
  public static NDArray bitwiseXor(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.XOR
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x << y}; 0 when y is at least the bit width. */
  public static NDArray shiftLeft(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.SHIFT_LEFT
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x >> y}, filling with the sign bit. */
  public static NDArray shiftRightArithmetic(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.SHIFT_RIGHT_ARITHMETIC
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x >>> y}, filling with zeros. */
  public static NDArray shiftRightLogical(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Bitwise.SHIFT_RIGHT_LOGICAL
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** The number of set bits of each element (integers). */
  public static NDArray populationCount(Object x) {
    return org.jaxpresso.lax.primitives.Bitwise.POPULATION_COUNT
        .bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** The number of leading zero bits of each element (integers). */
  public static NDArray clz(Object x) {
    return org.jaxpresso.lax.primitives.Bitwise.CLZ.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  /** {@code x == y} elementwise, as a bool array; same dtypes required. */
  public static NDArray eq(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.EQ
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x != y} elementwise, as a bool array; same dtypes required. */
  public static NDArray ne(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.NE
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x < y} elementwise, as a bool array; same dtypes required. */
  public static NDArray lt(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.LT
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x <= y} elementwise, as a bool array; same dtypes required. */
  public static NDArray le(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.LE
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x > y} elementwise, as a bool array; same dtypes required. */
  public static NDArray gt(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.GT
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /** {@code x >= y} elementwise, as a bool array; same dtypes required. */
  public static NDArray ge(Object x, Object y) {
    return org.jaxpresso.lax.primitives.Comparisons.GE
        .bind1(Params.EMPTY, LaxSupport.asArray(x), LaxSupport.asArray(y));
  }

  /**
   * {@code cases[which]} elementwise: {@code which} is bool (at most two cases, False picks the
   * first) or an integer, scalar or of the cases' shape; cases share shape and dtype.
   */
  public static NDArray selectN(Object which, Object... cases) {
    java.util.List<NDArray> args = new java.util.ArrayList<>();
    args.add(LaxSupport.asArray(which));
    args.addAll(LaxSupport.asArrays(cases));
    return org.jaxpresso.lax.primitives.Selection.SELECT_N.bind(args, Params.EMPTY).get(0);
  }

  /** x limited to [min, max] elementwise; min and max are scalars or of x's shape. */
  public static NDArray clamp(Object min, Object x, Object max) {
    return org.jaxpresso.lax.primitives.Selection.CLAMP.bind1(Params.EMPTY,
        LaxSupport.asArray(min), LaxSupport.asArray(x), LaxSupport.asArray(max));
  }

  /**
   * x converted to {@code newDtype} (canonicalized: 64-bit types need x64), strongly typed.
   * An array already of that dtype and strong comes back as is; a Java scalar is converted
   * right away, as JAX converts Python scalars without recording an equation.
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

  /** x's bits reinterpreted as {@code newDtype} (see {@code bitcast_convert_type}). */
  public static NDArray bitcastConvertType(Object x, org.jaxpresso.core.DType newDtype) {
    return org.jaxpresso.lax.primitives.Conversions.BITCAST_CONVERT_TYPE.bind1(
        Params.of("new_dtype", newDtype.canonical()), LaxSupport.asArray(x));
  }

  /** x rounded to a float format with the given exponent and mantissa widths. */
  public static NDArray reducePrecision(Object x, int exponentBits, int mantissaBits) {
    return org.jaxpresso.lax.primitives.Conversions.REDUCE_PRECISION.bind1(
        Params.of("exponent_bits", exponentBits, "mantissa_bits", mantissaBits),
        LaxSupport.asArray(x));
  }

  /** {@code x} unchanged, but a constant to differentiation ({@code jax.lax.stop_gradient}). */
  public static NDArray stopGradient(Object x) {
    return org.jaxpresso.lax.primitives.Elementwise.STOP_GRADIENT.bind1(Params.EMPTY, LaxSupport.asArray(x));
  }

  // ==== end elementwise ====

  // ==== shaping ====

  /**
   * Broadcasts {@code x} to {@code shape}: operand dimension {@code i} becomes output dimension
   * {@code broadcastDimensions[i]} (strictly increasing); operand sizes must be 1 or equal.
   */
  public static NDArray broadcastInDim(Object x, int[] shape, int[] broadcastDimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.broadcastInDim(x, shape,
        broadcastDimensions);
  }

  /** Prepends the dimensions {@code sizes} to {@code x}'s shape, as {@code jax.lax.broadcast}. */
  public static NDArray broadcast(Object x, int[] sizes) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.broadcast(x, sizes);
  }

  /** Row-major reshape to {@code newSizes} (same number of elements). */
  public static NDArray reshape(Object x, int[] newSizes) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.reshape(x, newSizes, null);
  }

  /** Transposes {@code x} by the permutation {@code dimensions}, then reshapes row-major. */
  public static NDArray reshape(Object x, int[] newSizes, int[] dimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.reshape(x, newSizes, dimensions);
  }

  /** Permutes dimensions: {@code out.shape[i] = x.shape[permutation[i]]}. */
  public static NDArray transpose(Object x, int... permutation) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.transpose(x, permutation);
  }

  /** Removes the listed size-1 dimensions (negative ones count from the end). */
  public static NDArray squeeze(Object x, int... dimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.squeeze(x, dimensions);
  }

  /** Inserts size-1 dimensions at the listed output positions (a {@code broadcast_in_dim}). */
  public static NDArray expandDims(Object x, int... dimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.expandDims(x, dimensions);
  }

  /** Reverses the listed dimensions. */
  public static NDArray rev(Object x, int... dimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.rev(x, dimensions);
  }

  /** The static slice {@code [start, limit)} in every dimension. */
  public static NDArray slice(Object x, int[] startIndices, int[] limitIndices) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.slice(x, startIndices, limitIndices,
        null);
  }

  /** The static slice {@code [start, limit)} with positive {@code strides}. */
  public static NDArray slice(Object x, int[] startIndices, int[] limitIndices, int[] strides) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.slice(x, startIndices, limitIndices,
        strides);
  }

  /** A static slice along one axis, as {@code lax.slice_in_dim}. */
  public static NDArray sliceInDim(Object x, int start, int limit, int stride, int axis) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.sliceInDim(x, start, limit, stride,
        axis);
  }

  /**
   * The slice of {@code sizes} at {@code starts} (Java integers or scalar integer arrays; one per
   * dimension), each start clamped to {@code [0, dim - size]}.
   */
  public static NDArray dynamicSlice(Object x, Object[] starts, int[] sizes) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.dynamicSlice(x, starts, sizes);
  }

  /** {@code x} with {@code update} written at {@code starts} (clamped as in dynamicSlice). */
  public static NDArray dynamicUpdateSlice(Object x, Object update, Object... starts) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.dynamicUpdateSlice(x, update, starts);
  }

  /**
   * XLA gather with the index vector in the last dimension of {@code indices}; under
   * FILL_OR_DROP a null {@code fillValue} means NaN / int min / uint max / True.
   */
  public static NDArray gather(Object operand, Object indices,
      GatherDimensionNumbers dimensionNumbers, int[] sliceSizes, GatherScatterMode mode,
      Object fillValue) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.gather(operand, indices,
        dimensionNumbers, sliceSizes, mode, fillValue, false, false);
  }

  /** Gather with the default fill value. */
  public static NDArray gather(Object operand, Object indices,
      GatherDimensionNumbers dimensionNumbers, int[] sliceSizes, GatherScatterMode mode) {
    return gather(operand, indices, dimensionNumbers, sliceSizes, mode, null);
  }

  /** Gather with every parameter, as {@code lax.gather}. */
  public static NDArray gather(Object operand, Object indices,
      GatherDimensionNumbers dimensionNumbers, int[] sliceSizes, GatherScatterMode mode,
      Object fillValue, boolean indicesAreSorted, boolean uniqueIndices) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.gather(operand, indices,
        dimensionNumbers, sliceSizes, mode, fillValue, indicesAreSorted, uniqueIndices);
  }

  /** Scatter (overwrite; last duplicate wins); a null mode means FILL_OR_DROP. */
  public static NDArray scatter(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter", operand, indices,
        updates, dimensionNumbers, mode, false, false);
  }

  /** Scatter-add (duplicates accumulate); a null mode means FILL_OR_DROP. */
  public static NDArray scatterAdd(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-add", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /** Scatter-mul (duplicates multiply); a null mode means FILL_OR_DROP. */
  public static NDArray scatterMul(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-mul", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /** Scatter-min; a null mode means FILL_OR_DROP. */
  public static NDArray scatterMin(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-min", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /** Scatter-max; a null mode means FILL_OR_DROP. */
  public static NDArray scatterMax(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-max", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /** Scatter-sub ({@code operand - update}); a null mode means FILL_OR_DROP. */
  public static NDArray scatterSub(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-sub", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /** Joins same-dtype operands along {@code dimension}. */
  public static NDArray concatenate(java.util.List<?> operands, int dimension) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.concatenate(operands, dimension);
  }

  /** Joins same-dtype operands along {@code dimension}. */
  public static NDArray concatenate(int dimension, Object... operands) {
    return concatenate(java.util.Arrays.asList(operands), dimension);
  }

  /**
   * Pads with the scalar {@code paddingValue}; {@code config[d] = {lo, hi, interior}} (negative
   * lo/hi crop).
   */
  public static NDArray pad(Object x, Object paddingValue, int[][] config) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.pad(x, paddingValue, config);
  }

  /** {@code [0, 1, ..., size - 1]} of {@code dtype} (canonicalized). */
  public static NDArray iota(org.jaxpresso.core.DType dtype, int size) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.iota(dtype, new int[] {size}, 0);
  }

  /** An array of {@code shape} whose values count along {@code dimension}. */
  public static NDArray broadcastedIota(org.jaxpresso.core.DType dtype, int[] shape,
      int dimension) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.iota(dtype, shape, dimension);
  }

  // ==== end shaping ====

  // ==== reductions ====

  /** Padding {@code 'SAME'}: output size {@code ceil(in / stride)}, extra padding at the end. */
  public static final Padding.Mode SAME = Padding.SAME;

  /** Padding {@code 'SAME_LOWER'}: like {@link #SAME}, extra padding at the start. */
  public static final Padding.Mode SAME_LOWER = Padding.SAME_LOWER;

  /** Padding {@code 'VALID'}: no padding. */
  public static final Padding.Mode VALID = Padding.VALID;

  /** Explicit convolution padding: one {@code {low, high}} pair per spatial dimension. */
  public static Padding padding(int[][] pairs) {
    return Padding.of(pairs);
  }

  /** {@code reduce_sum}: the sum over {@code axes} (unique, in {@code [0, rank)}). */
  public static NDArray reduceSum(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_SUM, x, axes);
  }

  /** {@code reduce_max}: the maximum over {@code axes}; NaN propagates; empty gives -inf. */
  public static NDArray reduceMax(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_MAX, x, axes);
  }

  /** {@code reduce_min}: the minimum over {@code axes}; NaN propagates; empty gives +inf. */
  public static NDArray reduceMin(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_MIN, x, axes);
  }

  /** {@code reduce_prod}: the product over {@code axes}; integers wrap. */
  public static NDArray reduceProd(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_PROD, x, axes);
  }

  /** {@code reduce_and}: logical (bool) or bitwise (integers) AND over {@code axes}. */
  public static NDArray reduceAnd(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_AND, x, axes);
  }

  /** {@code reduce_or}: logical or bitwise OR over {@code axes}. */
  public static NDArray reduceOr(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_OR, x, axes);
  }

  /** {@code reduce_xor}: logical or bitwise XOR over {@code axes}. */
  public static NDArray reduceXor(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_XOR, x, axes);
  }

  private static NDArray reduceBind(org.jaxpresso.core.Primitive p, Object x, int[] axes) {
    return p.bind1(org.jaxpresso.lax.primitives.Reductions.params(p, axes),
        LaxSupport.asArray(x));
  }

  /** {@code argmax}: index of the first maximum along {@code axis} (the first NaN wins). */
  public static NDArray argmax(Object x, int axis, org.jaxpresso.core.DType indexDtype) {
    return org.jaxpresso.lax.primitives.Reductions.ARGMAX.bind1(
        Params.of("axes", new int[] {axis}, "index_dtype", indexDtype.canonical()),
        LaxSupport.asArray(x));
  }

  /** {@code argmin}: index of the first minimum along {@code axis} (the first NaN wins). */
  public static NDArray argmin(Object x, int axis, org.jaxpresso.core.DType indexDtype) {
    return org.jaxpresso.lax.primitives.Reductions.ARGMIN.bind1(
        Params.of("axes", new int[] {axis}, "index_dtype", indexDtype.canonical()),
        LaxSupport.asArray(x));
  }

  /** {@code cumsum}: running sums along {@code axis}, from the end if {@code reverse}. */
  public static NDArray cumsum(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMSUM, x, axis, reverse);
  }

  /** {@code cumsum} forward along {@code axis}. */
  public static NDArray cumsum(Object x, int axis) {
    return cumsum(x, axis, false);
  }

  /** {@code cumprod}: running products along {@code axis}. */
  public static NDArray cumprod(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMPROD, x, axis, reverse);
  }

  /** {@code cumprod} forward along {@code axis}. */
  public static NDArray cumprod(Object x, int axis) {
    return cumprod(x, axis, false);
  }

  /** {@code cummax}: running maxima along {@code axis}. */
  public static NDArray cummax(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMMAX, x, axis, reverse);
  }

  /** {@code cummax} forward along {@code axis}. */
  public static NDArray cummax(Object x, int axis) {
    return cummax(x, axis, false);
  }

  /** {@code cummin}: running minima along {@code axis}. */
  public static NDArray cummin(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMMIN, x, axis, reverse);
  }

  /** {@code cummin} forward along {@code axis}. */
  public static NDArray cummin(Object x, int axis) {
    return cummin(x, axis, false);
  }

  /** {@code cumlogsumexp}: running {@code log(sum(exp(x)))} along {@code axis} (floats). */
  public static NDArray cumlogsumexp(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMLOGSUMEXP, x, axis, reverse);
  }

  /** {@code cumlogsumexp} forward along {@code axis}. */
  public static NDArray cumlogsumexp(Object x, int axis) {
    return cumlogsumexp(x, axis, false);
  }

  private static NDArray cumBind(org.jaxpresso.core.Primitive p, Object x, int axis,
      boolean reverse) {
    return p.bind1(org.jaxpresso.lax.primitives.Cumulative.params(axis, reverse),
        LaxSupport.asArray(x));
  }

  /**
   * {@code sort} of one operand along {@code dimension} (negative counts from the end, as in
   * {@code lax.sort}); NaNs last, -0.0 equal to 0.0.
   */
  public static NDArray sort(Object x, int dimension, boolean isStable) {
    return sort(java.util.List.of(x), dimension, isStable, 1).get(0);
  }

  /**
   * Variadic {@code sort}: sorts along {@code dimension} lexicographically by the first
   * {@code numKeys} operands and applies the same permutation to the others.
   *
   * @throws org.jaxpresso.core.errors.JaxTypeError for no operands or unequal shapes
   * @throws org.jaxpresso.core.errors.JaxValueError for a bad {@code numKeys} or dimension
   */
  public static java.util.List<NDArray> sort(java.util.List<?> operands, int dimension,
      boolean isStable, int numKeys) {
    if (operands.isEmpty()) {
      throw new org.jaxpresso.core.errors.JaxTypeError("Sort requires at least one operand");
    }
    java.util.List<NDArray> args = LaxSupport.asArrays(operands.toArray());
    int rank = args.get(0).aval().rank();
    if (dimension < -rank || dimension >= rank) {
      throw new org.jaxpresso.core.errors.JaxValueError(
          "axis " + dimension + " is out of bounds for array of dimension " + rank);
    }
    int dim = dimension < 0 ? dimension + rank : dimension;
    return org.jaxpresso.lax.primitives.Sorting.SORT.bind(args,
        org.jaxpresso.lax.primitives.Sorting.sortParams(dim, isStable, numKeys));
  }

  /**
   * {@code top_k} along the last axis: the {@code k} largest values (NaN counts as largest)
   * and their int32 indices, ties in index order.
   */
  public static java.util.List<NDArray> topK(Object x, int k) {
    NDArray a = LaxSupport.asArray(x);
    if (k < 0) {
      throw new org.jaxpresso.core.errors.JaxValueError(
          "k argument to top_k must be nonnegative, got " + k);
    }
    int rank = a.aval().rank();
    return org.jaxpresso.lax.primitives.Sorting.TOP_K.bind(java.util.List.of(a),
        org.jaxpresso.lax.primitives.Sorting.topKParams(k, Math.max(rank - 1, 0), true));
  }

  /**
   * {@code dot_general}: contracts {@code dims}' paired dimensions over shared batch
   * dimensions. Mixed operand dtypes are allowed (the higher-precision one is the result);
   * {@code precision} and {@code preferredElementType} may be null.
   */
  public static NDArray dotGeneral(Object lhs, Object rhs, DotDimensionNumbers dims,
      Precision precision, org.jaxpresso.core.DType preferredElementType) {
    return org.jaxpresso.lax.primitives.Dot.DOT_GENERAL.bind1(
        org.jaxpresso.lax.primitives.Dot.params(dims,
            precision == null ? null : java.util.List.of(precision, precision),
            preferredElementType == null ? null : preferredElementType.canonical()),
        LaxSupport.asArray(lhs), LaxSupport.asArray(rhs));
  }

  /** {@code dot_general} with default precision and result type. */
  public static NDArray dotGeneral(Object lhs, Object rhs, DotDimensionNumbers dims) {
    return dotGeneral(lhs, rhs, dims, null, null);
  }

  /**
   * {@code jax.lax.dot}: matrix-matrix, matrix-vector or vector-vector product (operands of
   * rank 1 or 2, last dim of x against first of y).
   *
   * @throws org.jaxpresso.core.errors.JaxValueError for other ranks or mismatched sizes
   */
  public static NDArray dot(Object x, Object y) {
    NDArray a = LaxSupport.asArray(x);
    NDArray b = LaxSupport.asArray(y);
    int ra = a.aval().rank();
    int rb = b.aval().rank();
    if (ra < 1 || ra > 2 || rb < 1 || rb > 2
        || a.aval().shape().dim(ra - 1) != b.aval().shape().dim(0)) {
      throw new org.jaxpresso.core.errors.JaxValueError("jax.lax.dot: dimension_numbers must be"
          + " specified when not performing simple un-batched matrix-matrix, matrix-vector, or"
          + " vector-vector products; got lhs_shape=" + a.aval().shape() + " rhs_shape="
          + b.aval().shape());
    }
    return dotGeneral(a, b, DotDimensionNumbers.of(new int[] {ra - 1}, new int[] {0}));
  }

  /**
   * {@code conv_general_dilated} with default options (no dilation, NCHW/OIHW/NCHW, no
   * grouping): a cross-correlation of {@code lhs} (rank n+2) with {@code rhs} (rank n+2).
   */
  public static NDArray convGeneralDilated(Object lhs, Object rhs, int[] windowStrides,
      Padding padding) {
    return convGeneralDilated(lhs, rhs, windowStrides, padding, ConvOptions.defaults());
  }

  /**
   * {@code conv_general_dilated} with every option: lhs/rhs dilation, dimension numbers, group
   * counts, precision and preferred element type (see {@link ConvOptions}). String padding
   * modes are resolved against the dilated kernel, as JAX does, and are an error with lhs
   * dilation.
   */
  public static NDArray convGeneralDilated(Object lhs, Object rhs, int[] windowStrides,
      Padding padding, ConvOptions options) {
    NDArray a = LaxSupport.asArray(lhs);
    NDArray b = LaxSupport.asArray(rhs);
    return org.jaxpresso.lax.primitives.Convolution.CONV_GENERAL_DILATED.bind1(
        org.jaxpresso.lax.internal.conv.ConvParams.resolve(a.aval(), b.aval(), windowStrides,
            padding, options), a, b);
  }

  // ==== end reductions ====

  // ==== control flow ====
  // (Names outside this file's imports are written in full so that this region needs none.)
  // Branch and loop functions are traced to jaxprs on their operands' types (the cond, while
  // and scan primitives), so Java `if` and `for` inside them run once, at trace time. Operands
  // and carries are pytrees (NDArrays and Java scalars in Lists, Maps, arrays and records);
  // a Java scalar leaf becomes a weakly typed 0-d array, so declare carry types that admit
  // NDArray (NDArray, Object, List<Object>...). Values a function closes over (tracers of an
  // enclosing jit, constant arrays) become leading operands of the primitive, as in JAX.

  /**
   * One step of a {@link #scan} body, and the result of a scan: the carry and {@code y} (for
   * the result, the final carry and the stacked ys).
   *
   * @param carry the carry (same structure and types as the initial carry)
   * @param y the per-step output, or for the result of a scan the outputs stacked along a new
   *     leading axis
   */
  public record Step<C, Y>(C carry, Y y) {}

  /**
   * {@code jax.lax.cond(pred, true_fun, false_fun, operand)}: {@code trueFn(operand)} if
   * {@code pred} else {@code falseFn(operand)}, as the {@code cond} primitive (branches traced,
   * false branch first, the predicate converted to an int32 index). {@code pred} is a scalar
   * bool, or a number compared with 0. Both branches must return the same structure and types.
   */
  public static <T, R> R cond(Object pred,
      java.util.function.Function<? super T, ? extends R> trueFn,
      java.util.function.Function<? super T, ? extends R> falseFn, T operand) {
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.cond(pred,
        trueFn == null ? null : ops -> trueFn.apply(cast(ops[0])),
        falseFn == null ? null : ops -> falseFn.apply(cast(ops[0])), trueFn, falseFn,
        new Object[] {operand}));
  }

  /** {@code jax.lax.cond} without operands: the branches read what they close over. */
  public static <R> R cond(Object pred, java.util.function.Supplier<? extends R> trueFn,
      java.util.function.Supplier<? extends R> falseFn) {
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.cond(pred,
        trueFn == null ? null : ops -> trueFn.get(),
        falseFn == null ? null : ops -> falseFn.get(), trueFn, falseFn, new Object[0]));
  }

  /**
   * {@code jax.lax.cond(pred, true_fun, false_fun, *operands)} with any number of operands,
   * which the branches receive as an array.
   */
  public static <R> R cond(Object pred,
      java.util.function.Function<Object[], ? extends R> trueFn,
      java.util.function.Function<Object[], ? extends R> falseFn, Object... operands) {
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.cond(pred,
        trueFn == null ? null : trueFn::apply, falseFn == null ? null : falseFn::apply, trueFn,
        falseFn, operands.clone()));
  }

  /**
   * {@code jax.lax.switch(index, branches, operand)} (named so because {@code switch} is a
   * Java keyword): {@code branches.get(index)(operand)} with the index (an integer scalar)
   * clamped to the branches, as the {@code cond} primitive with every branch in order.
   */
  public static <T, R> R switchCase(Object index,
      java.util.List<? extends java.util.function.Function<? super T, ? extends R>> branches,
      T operand) {
    java.util.List<java.util.function.Function<Object[], Object>> fns = null;
    if (branches != null) {
      fns = new java.util.ArrayList<>();
      for (java.util.function.Function<? super T, ? extends R> b : branches) {
        fns.add(b == null ? null : ops -> b.apply(cast(ops[0])));
      }
    }
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.switchCase(index, fns, branches,
        new Object[] {operand}));
  }

  /** {@code jax.lax.switch(index, branches, *operands)}, the branches taking the operands. */
  public static <R> R switchCase(Object index,
      java.util.List<? extends java.util.function.Function<Object[], ? extends R>> branches,
      Object... operands) {
    java.util.List<java.util.function.Function<Object[], Object>> fns = null;
    if (branches != null) {
      fns = new java.util.ArrayList<>();
      for (java.util.function.Function<Object[], ? extends R> b : branches) {
        fns.add(b == null ? null : b::apply);
      }
    }
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.switchCase(index, fns, branches,
        operands.clone()));
  }

  /**
   * {@code jax.lax.while_loop(cond_fun, body_fun, init_val)}: {@code val = bodyFn(val)} while
   * {@code condFn(val)} (a scalar bool), as the {@code while} primitive. The carry must keep its
   * structure, shapes and dtypes; a weakly typed initial leaf is promoted to what the body
   * returns. The loop may run zero times.
   */
  public static <T> T whileLoop(java.util.function.Function<? super T, ?> condFn,
      java.util.function.Function<? super T, ? extends T> bodyFn, T init) {
    return cast(org.jaxpresso.lax.internal.controlflow.LoopApi.whileLoop(
        condFn == null ? null : c -> condFn.apply(cast(c)),
        bodyFn == null ? null : c -> bodyFn.apply(cast(c)), init));
  }

  /**
   * {@code jax.lax.fori_loop(lower, upper, body_fun, init_val)}: {@code val = bodyFn(i, val)}
   * for {@code i} from {@code lower} to {@code upper - 1}. Concrete bounds (Java ints, concrete
   * arrays) give a {@code scan} of {@code max(upper - lower, 0)} steps whose carry is
   * {@code (i, val)}; traced bounds a {@code while} over {@code (i, upper, val)}. {@code i} is
   * an integer scalar array.
   */
  public static <T> T foriLoop(Object lower, Object upper,
      java.util.function.BiFunction<? super NDArray, ? super T, ? extends T> bodyFn, T init) {
    return foriLoop(lower, upper, bodyFn, init, null);
  }

  /**
   * {@link #foriLoop(Object, Object, java.util.function.BiFunction, Object)} with scan's
   * {@code unroll} hint (null for the default; only concrete bounds allow a value other than 1).
   */
  public static <T> T foriLoop(Object lower, Object upper,
      java.util.function.BiFunction<? super NDArray, ? super T, ? extends T> bodyFn, T init,
      Integer unroll) {
    return cast(org.jaxpresso.lax.internal.controlflow.LoopApi.foriLoop(lower, upper,
        bodyFn == null ? null : (i, x) -> bodyFn.apply((NDArray) i, cast(x)), init, unroll));
  }

  /**
   * {@code jax.lax.scan(f, init, xs)}: runs {@code f(carry, x)} over the leading axis of
   * {@code xs} (a pytree of arrays sharing that axis), threading the carry, and stacks the
   * per-step {@code y}s, as the {@code scan} primitive. Returns the final carry and the stacked
   * ys.
   */
  public static <C, X, Y> Step<C, Y> scan(
      java.util.function.BiFunction<? super C, ? super X, Step<C, Y>> f, C init, X xs) {
    return scan(f, init, xs, null, false, 1);
  }

  /**
   * {@code jax.lax.scan(f, init, xs, length, reverse, unroll)}.
   *
   * @param xs the scanned pytree, or null to scan over nothing for {@code length} steps
   * @param length the number of steps, null to take it from {@code xs}
   * @param reverse run from the last index to the first (ys stay in index order)
   * @param unroll how many steps a compiled loop body should hold (a hint; 0 unrolls fully)
   */
  public static <C, X, Y> Step<C, Y> scan(
      java.util.function.BiFunction<? super C, ? super X, Step<C, Y>> f, C init, X xs,
      Integer length, boolean reverse, int unroll) {
    Object[] out = org.jaxpresso.lax.internal.controlflow.ScanApi.scan(
        f == null ? null : (c, x) -> {
          Step<C, Y> s = f.apply(cast(c), cast(x));
          return s == null ? null : new Object[] {s.carry(), s.y()};
        }, init, xs, length, reverse, unroll);
    return new Step<>(cast(out[0]), cast(out[1]));
  }

  /**
   * {@code jax.lax.map(f, xs)}: {@code f} applied to each slice of {@code xs} along its leading
   * axis, results stacked (a {@code scan} with an empty carry).
   */
  public static <X, Y> Y map(java.util.function.Function<? super X, ? extends Y> f, X xs) {
    return cast(org.jaxpresso.lax.internal.controlflow.ScanApi.map(
        f == null ? null : x -> f.apply(cast(x)), xs));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
  // ==== end control flow ====
}
