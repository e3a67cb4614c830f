package org.jaxpresso.lax;

import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.primitives.Elementwise;

/**
 * Reductions, scans, sorting, {@code dot_general} and convolution of {@link Lax}. Use through {@link Lax}; the strict layer is split by family so that each file stays
 * small, and a static import of {@code Lax.*} (or {@code Lax.add(...)}) reaches every method.
 */
public abstract class LaxReductions extends LaxShaping {
  /** Not instantiable; extended by the next family of the facade. */
  protected LaxReductions() {}

  // ==== reductions ====

  /** Padding {@code 'SAME'}: output size {@code ceil(in / stride)}, extra padding at the end. */
  public static final Padding.Mode SAME = Padding.SAME;

  /** Padding {@code 'SAME_LOWER'}: like {@link #SAME}, extra padding at the start. */
  public static final Padding.Mode SAME_LOWER = Padding.SAME_LOWER;

  /** Padding {@code 'VALID'}: no padding. */
  public static final Padding.Mode VALID = Padding.VALID;

  /**
   * Explicit convolution padding: one {@code {low, high}} pair per spatial dimension.
   *
   * @param pairs one {@code {low, high}} pair per spatial dimension
   * @return explicit convolution padding: one {@code {low, high}} pair per spatial dimension
   */
  public static Padding padding(int[][] pairs) {
    return Padding.of(pairs);
  }

  /**
   * {@code reduce_sum}: the sum over {@code axes} (unique, in {@code [0, rank)}).
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code reduce_sum}: the sum over {@code axes} (unique, in {@code [0, rank)})
   */
  public static NDArray reduceSum(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_SUM, x, axes);
  }

  /**
   * {@code reduce_max}: the maximum over {@code axes}; NaN propagates; empty gives -inf.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code reduce_max}: the maximum over {@code axes}; NaN propagates; empty gives -inf
   */
  public static NDArray reduceMax(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_MAX, x, axes);
  }

  /**
   * {@code reduce_min}: the minimum over {@code axes}; NaN propagates; empty gives +inf.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code reduce_min}: the minimum over {@code axes}; NaN propagates; empty gives +inf
   */
  public static NDArray reduceMin(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_MIN, x, axes);
  }

  /**
   * {@code reduce_prod}: the product over {@code axes}; integers wrap.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code reduce_prod}: the product over {@code axes}; integers wrap
   */
  public static NDArray reduceProd(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_PROD, x, axes);
  }

  /**
   * {@code reduce_and}: logical (bool) or bitwise (integers) AND over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code reduce_and}: logical (bool) or bitwise (integers) AND over {@code axes}
   */
  public static NDArray reduceAnd(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_AND, x, axes);
  }

  /**
   * {@code reduce_or}: logical or bitwise OR over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code reduce_or}: logical or bitwise OR over {@code axes}
   */
  public static NDArray reduceOr(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_OR, x, axes);
  }

  /**
   * {@code reduce_xor}: logical or bitwise XOR over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code reduce_xor}: logical or bitwise XOR over {@code axes}
   */
  public static NDArray reduceXor(Object x, int... axes) {
    return reduceBind(org.jaxpresso.lax.primitives.Reductions.REDUCE_XOR, x, axes);
  }

  private static NDArray reduceBind(org.jaxpresso.core.Primitive p, Object x, int[] axes) {
    return p.bind1(org.jaxpresso.lax.primitives.Reductions.params(p, axes),
        LaxSupport.asArray(x));
  }

  /**
   * {@code argmax}: index of the first maximum along {@code axis} (the first NaN wins).
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @param indexDtype the integer dtype of the result
   * @return {@code argmax}: index of the first maximum along {@code axis} (the first NaN wins)
   */
  public static NDArray argmax(Object x, int axis, org.jaxpresso.core.DType indexDtype) {
    return org.jaxpresso.lax.primitives.Reductions.ARGMAX.bind1(
        Params.of("axes", new int[] {axis}, "index_dtype", indexDtype.canonical()),
        LaxSupport.asArray(x));
  }

  /**
   * {@code argmin}: index of the first minimum along {@code axis} (the first NaN wins).
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @param indexDtype the integer dtype of the result
   * @return {@code argmin}: index of the first minimum along {@code axis} (the first NaN wins)
   */
  public static NDArray argmin(Object x, int axis, org.jaxpresso.core.DType indexDtype) {
    return org.jaxpresso.lax.primitives.Reductions.ARGMIN.bind1(
        Params.of("axes", new int[] {axis}, "index_dtype", indexDtype.canonical()),
        LaxSupport.asArray(x));
  }

  /**
   * {@code cumsum}: running sums along {@code axis}, from the end if {@code reverse}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @param reverse whether to run from the last element to the first
   * @return {@code cumsum}: running sums along {@code axis}, from the end if {@code reverse}
   */
  public static NDArray cumsum(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMSUM, x, axis, reverse);
  }

  /**
   * {@code cumsum} forward along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code cumsum} forward along {@code axis}
   */
  public static NDArray cumsum(Object x, int axis) {
    return cumsum(x, axis, false);
  }

  /**
   * {@code cumprod}: running products along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @param reverse whether to run from the last element to the first
   * @return {@code cumprod}: running products along {@code axis}
   */
  public static NDArray cumprod(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMPROD, x, axis, reverse);
  }

  /**
   * {@code cumprod} forward along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code cumprod} forward along {@code axis}
   */
  public static NDArray cumprod(Object x, int axis) {
    return cumprod(x, axis, false);
  }

  /**
   * {@code cummax}: running maxima along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @param reverse whether to run from the last element to the first
   * @return {@code cummax}: running maxima along {@code axis}
   */
  public static NDArray cummax(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMMAX, x, axis, reverse);
  }

  /**
   * {@code cummax} forward along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code cummax} forward along {@code axis}
   */
  public static NDArray cummax(Object x, int axis) {
    return cummax(x, axis, false);
  }

  /**
   * {@code cummin}: running minima along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @param reverse whether to run from the last element to the first
   * @return {@code cummin}: running minima along {@code axis}
   */
  public static NDArray cummin(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMMIN, x, axis, reverse);
  }

  /**
   * {@code cummin} forward along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code cummin} forward along {@code axis}
   */
  public static NDArray cummin(Object x, int axis) {
    return cummin(x, axis, false);
  }

  /**
   * {@code cumlogsumexp}: running {@code log(sum(exp(x)))} along {@code axis} (floats).
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @param reverse whether to run from the last element to the first
   * @return {@code cumlogsumexp}: running {@code log(sum(exp(x)))} along {@code axis} (floats)
   */
  public static NDArray cumlogsumexp(Object x, int axis, boolean reverse) {
    return cumBind(org.jaxpresso.lax.primitives.Cumulative.CUMLOGSUMEXP, x, axis, reverse);
  }

  /**
   * {@code cumlogsumexp} forward along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code cumlogsumexp} forward along {@code axis}
   */
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
   *
   * @param x the operand: an array or a Java scalar
   * @param dimension the dimension to sort along; negative counts from the end
   * @param isStable whether equal keys keep their input order
   * @return {@code sort} of one operand along {@code dimension} (negative counts from the end, as
   *     in {@code lax.sort})
   */
  public static NDArray sort(Object x, int dimension, boolean isStable) {
    return sort(java.util.List.of(x), dimension, isStable, 1).get(0);
  }

  /**
   * Variadic {@code sort}: sorts along {@code dimension} lexicographically by the first
   * {@code numKeys} operands and applies the same permutation to the others.
   *
   * @param operands the operand arrays
   * @param dimension the dimension to sort along; negative counts from the end
   * @param isStable whether equal keys keep their input order
   * @param numKeys how many leading operands are sort keys
   * @return the operands, each permuted into the keys' sorted order
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
   *
   * @param x the operand: an array or a Java scalar
   * @param k how many of the largest values to keep
   * @return {@code top_k} along the last axis
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
   *
   * @param lhs the left-hand operand
   * @param rhs the right-hand operand
   * @param dims the contracting and batch dimensions of each operand
   * @param precision the precision, or {@code null} for the default
   * @param preferredElementType the result dtype, or {@code null} for the operands'
   * @return {@code dot_general}: contracts {@code dims}' paired dimensions over shared batch
   *     dimensions
   */
  public static NDArray dotGeneral(Object lhs, Object rhs, DotDimensionNumbers dims,
      Precision precision, org.jaxpresso.core.DType preferredElementType) {
    return org.jaxpresso.lax.primitives.Dot.DOT_GENERAL.bind1(
        org.jaxpresso.lax.primitives.Dot.params(dims,
            precision == null ? null : java.util.List.of(precision, precision),
            preferredElementType == null ? null : preferredElementType.canonical()),
        LaxSupport.asArray(lhs), LaxSupport.asArray(rhs));
  }

  /**
   * {@code dot_general} with default precision and result type.
   *
   * @param lhs the left-hand operand
   * @param rhs the right-hand operand
   * @param dims the contracting and batch dimensions of each operand
   * @return {@code dot_general} with default precision and result type
   */
  public static NDArray dotGeneral(Object lhs, Object rhs, DotDimensionNumbers dims) {
    return dotGeneral(lhs, rhs, dims, null, null);
  }

  /**
   * {@code jax.lax.dot}: matrix-matrix, matrix-vector or vector-vector product (operands of
   * rank 1 or 2, last dim of x against first of y).
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@code jax.lax.dot}
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
   *
   * @param lhs the left-hand operand
   * @param rhs the right-hand operand
   * @param windowStrides the stride of the window in each spatial dimension
   * @param padding the padding of each spatial dimension
   * @return {@code conv_general_dilated} with default options (no dilation, NCHW/OIHW/NCHW, no
   *     grouping)
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
   *
   * @param lhs the left-hand operand
   * @param rhs the right-hand operand
   * @param windowStrides the stride of the window in each spatial dimension
   * @param padding the padding of each spatial dimension
   * @param options the convolution's options, e.g. {@code
   *     ConvOptions.defaults().padding(Padding.SAME)}
   * @return {@code conv_general_dilated} with every option
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
}
