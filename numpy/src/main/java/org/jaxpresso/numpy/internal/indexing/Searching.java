package org.jaxpresso.numpy.internal.indexing;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.errors.ConcretizationTypeError;
import org.jaxpresso.core.errors.JaxIndexError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.GatherDimensionNumbers;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.Jnp;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * The sorting, searching and set functions of {@code jnp} ({@code take}, {@code sort},
 * {@code argsort}, {@code searchsorted}, {@code nonzero}, {@code unique}, {@code isin}), each
 * lowered as JAX lowers it.
 */
public final class Searching {
  private static final DType INDEX = DType.INT32;

  private Searching() {}

  /**
   * JAX's {@code _take}: one gather along {@code axis} (null: the flattened array).
   *
   * @param x the operand: an array or a Java scalar
   * @param indices the integer index array
   * @param axis the axis to operate along; negative values count from the end
   * @param mode how out-of-bounds indices are handled
   * @param fillValue the value used where no input element applies
   * @return JAX's {@code _take}: one gather along {@code axis} (null: the flattened array)
   */
  public static NDArray take(Object x, Object indices, Integer axis, String mode,
      Object fillValue) {
    NDArray a = NumpySupport.asArray(x);
    NDArray idx = NumpySupport.asArray(indices);
    if (!idx.dtype().isInteger()) {
      throw new org.jaxpresso.core.errors.JaxTypeError(
          "take: indices must be an integer array; got " + idx.dtype());
    }
    int ax;
    if (axis == null) {
      a = Jnp.ravel(a);
      ax = 0;
    } else {
      ax = NumpySupport.normalizeAxis(axis, a.ndim());
    }
    GatherScatterMode gmode;
    String m = mode == null ? "fill" : mode;
    switch (m) {
      case "fill", "drop" -> {
        gmode = GatherScatterMode.FILL_OR_DROP;
        idx = NdIndexer.wrapNegative(idx, a.shape()[ax]);
      }
      case "clip" -> gmode = GatherScatterMode.CLIP;
      case "wrap" -> {
        gmode = GatherScatterMode.CLIP;
        idx = wrapMod(idx, a.shape()[ax]);
      }
      case "raise" -> throw new UnsupportedOperationException(
          "The 'raise' mode to jnp.take is not supported.");
      default -> throw new JaxValueError("Invalid mode '" + mode + "' for np.take");
    }
    int[] shape = a.shape();
    int indexDims = idx.ndim();
    if (shape[ax] == 0) {
      if (idx.size() != 0) {
        throw new JaxIndexError("Cannot do a non-empty jnp.take() from an empty axis.");
      }
      return a;
    }
    if (idx.size() == 0) {
      int[] out = new int[shape.length - 1 + indexDims];
      int k = 0;
      for (int d = 0; d < ax; d++) {
        out[k++] = shape[d];
      }
      for (int s : idx.shape()) {
        out[k++] = s;
      }
      for (int d = ax + 1; d < shape.length; d++) {
        out[k++] = shape[d];
      }
      return Lax.broadcastInDim(NumpySupport.scalarOf(0, a.dtype()), out, new int[0]);
    }
    int[] sliceSizes = shape.clone();
    sliceSizes[ax] = 1;
    int[] offsetDims = new int[shape.length - 1];
    int k = 0;
    for (int d = 0; d < ax; d++) {
      offsetDims[k++] = d;
    }
    for (int d = ax + indexDims; d < shape.length + indexDims - 1; d++) {
      offsetDims[k++] = d;
    }
    GatherDimensionNumbers dn = new GatherDimensionNumbers(offsetDims, new int[] {ax},
        new int[] {ax});
    return Lax.gather(a, Lax.expandDims(idx, idx.ndim()), dn, sliceSizes, gmode, fillValue);
  }

  /** {@code i mod n} with Python's sign rule for {@code n > 0} (jnp.remainder's lowering). */
  private static NDArray wrapMod(NDArray i, int n) {
    NDArray r = Lax.rem(i, Array.scalar(n, i.dtype()));
    if (i.dtype().isUnsigned()) {
      return r;
    }
    NDArray negative = Lax.lt(r, Array.scalar(0L, i.dtype()));
    return Lax.selectN(negative, r, Lax.add(r, Array.scalar(n, i.dtype())));
  }

  /**
   * JAX's {@code take_along_axis} (mode fill): one gather whose non-axis dimensions are
   * batching dimensions (or window dimensions where the indices have size 1), so out-of-bounds
   * positions read the fill value.
   *
   * @param x the operand: an array or a Java scalar
   * @param indices the integer index array
   * @param axis the axis to operate along; negative values count from the end
   * @return JAX's {@code take_along_axis} (mode fill)
   */
  public static NDArray takeAlongAxis(Object x, Object indices, int axis) {
    NDArray a = NumpySupport.asArray(x);
    NDArray idx = NumpySupport.asArray(indices);
    if (!idx.dtype().isInteger()) {
      throw new org.jaxpresso.core.errors.JaxTypeError(
          "take_along_axis indices must be of integer type, got " + idx.dtype());
    }
    int rank = a.ndim();
    if (rank != idx.ndim()) {
      throw new JaxValueError("indices and arr must have the same number of dimensions; "
          + idx.ndim() + " vs. " + rank);
    }
    int ax = NumpySupport.normalizeAxis(axis, rank);
    int[] idxShape = idx.shape();
    int axisSize = a.shape()[ax];
    int[] arrShape = a.shape();
    arrShape[ax] = 1;
    int[] outShape = NumpySupport.broadcastShapes(List.of(idxShape, arrShape));
    if (axisSize == 0) {
      return Lax.broadcastInDim(NumpySupport.scalarOf(0, a.dtype()), outShape, new int[0]);
    }
    DType indexDtype = idx.dtype();
    if (indexDtype.bits() < 64 && (indexDtype.isUnsigned() ? 1L << indexDtype.bits()
        : 1L << (indexDtype.bits() - 1)) <= axisSize) {
      indexDtype = INDEX;
    }
    idx = NumpySupport.convert(idx, indexDtype, false);
    idx = NdIndexer.wrapNegative(idx, axisSize);
    List<Integer> indexDims = new ArrayList<>();
    for (int i = 0; i < idxShape.length; i++) {
      if (i == ax || idxShape[i] != 1) {
        indexDims.add(i);
      }
    }
    int[] gatherIndexShape = new int[indexDims.size() + 1];
    for (int k = 0; k < indexDims.size(); k++) {
      gatherIndexShape[k] = outShape[indexDims.get(k)];
    }
    gatherIndexShape[indexDims.size()] = 1;
    NDArray gatherIndices = Lax.reshape(idx, gatherIndexShape);
    List<Integer> sliceSizes = new ArrayList<>();
    List<Integer> offsetDims = new ArrayList<>();
    List<Integer> startIndexMap = new ArrayList<>();
    List<Integer> collapsed = new ArrayList<>();
    List<Integer> operandBatching = new ArrayList<>();
    List<Integer> indicesBatching = new ArrayList<>();
    List<Integer> squeeze = new ArrayList<>();
    int newI = 0;
    int j = 0;
    for (int i = 0; i < rank; i++) {
      if (i == ax) {
        sliceSizes.add(1);
        startIndexMap.add(newI);
        collapsed.add(newI);
        newI++;
        j++;
      } else if (idxShape[i] == 1) {
        offsetDims.add(i);
        sliceSizes.add(arrShape[i]);
        newI++;
      } else if (arrShape[i] == 1) {
        squeeze.add(i);
        j++;
      } else {
        sliceSizes.add(arrShape[i] == 0 ? 0 : 1);
        operandBatching.add(newI);
        indicesBatching.add(j);
        newI++;
        j++;
      }
    }
    if (!squeeze.isEmpty()) {
      a = Lax.squeeze(a, SliceLowering.ints(squeeze));
    }
    GatherDimensionNumbers dn = new GatherDimensionNumbers(SliceLowering.ints(offsetDims),
        SliceLowering.ints(collapsed), SliceLowering.ints(startIndexMap),
        SliceLowering.ints(operandBatching), SliceLowering.ints(indicesBatching));
    return Lax.gather(a, gatherIndices, dn, SliceLowering.ints(sliceSizes),
        GatherScatterMode.FILL_OR_DROP, null);
  }

  /**
   * {@code jnp.sort}: a stable {@code sort} along {@code axis} (null: flattened).
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code jnp.sort}: a stable {@code sort} along {@code axis} (null: flattened)
   */
  public static NDArray sort(Object x, Integer axis) {
    NDArray a = NumpySupport.asArray(x);
    if (axis == null) {
      a = Jnp.ravel(a);
      axis = 0;
    }
    int ax = NumpySupport.normalizeAxis(axis, a.ndim());
    return Lax.sort(a, ax, true);
  }

  /**
   * {@code jnp.argsort}: the int32 permutation of a stable sort along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code jnp.argsort}: the int32 permutation of a stable sort along {@code axis}
   */
  public static NDArray argsort(Object x, Integer axis) {
    NDArray a = NumpySupport.asArray(x);
    if (axis == null) {
      a = Jnp.ravel(a);
      axis = 0;
    }
    int ax = NumpySupport.normalizeAxis(axis, a.ndim());
    NDArray iota = Lax.broadcastedIota(INDEX, a.shape(), ax);
    return Lax.sort(List.of(a, iota), ax, true, 1).get(1);
  }

  /**
   * {@code jnp.searchsorted(a, v, side)} by JAX's {@code compare_all} method: for each query,
   * the count of sorted elements before it ({@code <} for left, {@code <=} for right, NaN last).
   *
   * @param sorted the sorted 1-D array
   * @param v the values to find insertion points for
   * @param side {@code "left"} or {@code "right"}: which of equal elements to insert before
   * @return {@code jnp.searchsorted(a, v, side)} by JAX's {@code compare_all} method
   */
  public static NDArray searchsorted(Object sorted, Object v, String side) {
    if (!"left".equals(side) && !"right".equals(side)) {
      throw new JaxValueError(side + " is an invalid value for keyword 'side'. Expected one of"
          + " ['left', 'right'].");
    }
    List<NDArray> p = NumpySupport.promoteDtypes(sorted, v);
    NDArray a = p.get(0);
    NDArray q = p.get(1);
    if (a.ndim() != 1) {
      throw new JaxValueError("a should be 1-dimensional");
    }
    if (a.size() == 0) {
      return Jnp.zeros(q.shape(), INDEX);
    }
    int[] bshape = new int[q.ndim() + 1];
    bshape[0] = a.size();
    System.arraycopy(q.shape(), 0, bshape, 1, q.ndim());
    NDArray ab = Lax.broadcastInDim(a, bshape, new int[] {0});
    NDArray qb = Lax.broadcastInDim(q, bshape, NdIndexer.range(1, bshape.length));
    NDArray cmp = "left".equals(side) ? sortLess(ab, qb) : Lax.bitwiseNot(sortLess(qb, ab));
    return Lax.reduceSum(NumpySupport.convert(cmp, INDEX, false), 0);
  }

  /** The sort order's strict less-than: NaN after every number. */
  private static NDArray sortLess(NDArray x, NDArray y) {
    NDArray lt = Lax.lt(x, y);
    if (!x.dtype().isFloating()) {
      return lt;
    }
    NDArray xNan = Lax.ne(x, x);
    NDArray yNan = Lax.ne(y, y);
    return Lax.bitwiseOr(lt, Lax.bitwiseAnd(yNan, Lax.bitwiseNot(xNan)));
  }

  /**
   * {@code jnp.nonzero(x, size=, fill_value=)}: one int32 array of coordinates per dimension;
   * without {@code size} the input must be concrete.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results, or {@code null} for a concrete input
   * @param fillValue the value used where no input element applies
   * @return {@code jnp.nonzero(x, size=, fill_value=)}
   * @throws ConcretizationTypeError without size under a trace, in JAX's words
   */
  public static List<NDArray> nonzero(Object x, Integer size, Object fillValue) {
    NDArray arr = NumpySupport.asArray(x);
    if (arr.ndim() == 0) {
      throw new JaxValueError("Calling nonzero on 0d arrays is not allowed. Use"
          + " jnp.atleast_1d(scalar).nonzero() instead.");
    }
    NDArray mask = arr.dtype() == DType.BOOL ? arr : Jnp.notEqual(arr, 0);
    NDArray flat = NumpySupport.convert(Jnp.ravel(mask), INDEX, false);
    int n;
    if (size == null) {
      NDArray count = Lax.reduceSum(flat, 0);
      if (count instanceof Tracer t) {
        throw new ConcretizationTypeError(t.aval().str(), join("The size argument of"
            + " jnp.nonzero must be statically specified to use jnp.nonzero within JAX"
            + " transformations.", t.origin()));
      }
      n = count.intValue();
    } else {
      if (size < 0) {
        throw new JaxValueError("size must be non-negative, got " + size);
      }
      n = size;
    }
    List<NDArray> out = new ArrayList<>();
    int[] shape = arr.shape();
    if (arr.size() == 0 || n == 0) {
      for (int d = 0; d < shape.length; d++) {
        out.add(Jnp.zeros(new int[] {n}, INDEX));
      }
      return out;
    }
    NDArray positions = Lax.cumsum(flat, 0);
    NDArray bins = Indexing.scatterUpdate(Jnp.zeros(new int[] {n}, INDEX),
        new Object[] {positions}, 1, "scatter-add", GatherScatterMode.FILL_OR_DROP, true, false,
        false);
    NDArray flatIndices = Lax.cumsum(bins, 0);
    long stride = 1;
    long[] strides = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= shape[d];
    }
    NDArray fillMask = null;
    if (fillValue != null) {
      fillMask = Lax.ge(Lax.iota(INDEX, n), Lax.reduceSum(flat, 0));
    }
    for (int d = 0; d < shape.length; d++) {
      NDArray c = Lax.rem(Lax.div(flatIndices, Array.scalar(strides[d], INDEX)),
          Array.scalar(shape[d], INDEX));
      if (fillMask != null) {
        c = Jnp.where(fillMask, fillValue, c);
      }
      out.add(c);
    }
    return out;
  }

  /**
   * {@code jnp.argwhere}: the nonzero coordinates as rows of an {@code (n, ndim)} array.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results, or {@code null} for a concrete input
   * @param fillValue the value used where no input element applies
   * @return {@code jnp.argwhere}: the nonzero coordinates as rows of an {@code (n, ndim)} array
   */
  public static NDArray argwhere(Object x, Integer size, Object fillValue) {
    NDArray a = NumpySupport.asArray(x);
    NDArray a1 = a.ndim() == 0 ? Lax.reshape(a, new int[] {1}) : a;
    List<NDArray> nz = nonzero(a1, size, fillValue);
    List<NDArray> cols = new ArrayList<>();
    for (NDArray c : nz) {
      cols.add(Lax.expandDims(c, 1));
    }
    NDArray result = Lax.concatenate(cols, 1);
    if (a.ndim() == 0) {
      return Lax.slice(result, new int[] {0, 0}, new int[] {result.shape()[0], 0});
    }
    return result;
  }

  /**
   * {@code jnp.unique(x, size=, fill_value=)}: the sorted distinct elements of the flattened
   * array (NaNs compare equal); with {@code size} padded with {@code fillValue} (default: the
   * smallest element) or truncated.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results, or {@code null} for a concrete input
   * @param fillValue the value used where no input element applies
   * @return {@code jnp.unique(x, size=, fill_value=)}
   */
  public static NDArray unique(Object x, Integer size, Object fillValue) {
    NDArray ar = Jnp.ravel(NumpySupport.asArray(x));
    int n = ar.size();
    if (n == 0 && size != null && size != 0 && fillValue == null) {
      throw new JaxValueError("jnp.unique: for zero-sized input with nonzero size argument,"
          + " fill_value must be specified");
    }
    NDArray aux = Lax.sort(ar, 0, true);
    NDArray mask;
    if (n > 0) {
      NDArray hi = Lax.slice(aux, new int[] {1}, new int[] {n});
      NDArray lo = Lax.slice(aux, new int[] {0}, new int[] {n - 1});
      NDArray neq = Lax.ne(hi, lo);
      if (aux.dtype().isFloating()) {
        neq = Lax.bitwiseAnd(neq, Lax.bitwiseNot(Lax.bitwiseAnd(Lax.ne(hi, hi), Lax.ne(lo, lo))));
      }
      mask = Lax.concatenate(List.of(Array.fromLongs(DType.BOOL, new long[] {1}, 1), neq), 0);
    } else {
      mask = Array.fromLongs(DType.BOOL, new long[0], 0);
    }
    NDArray result;
    if (size == null) {
      if (mask instanceof Tracer t) {
        throw new ConcretizationTypeError(t.aval().str(), join("The error arose in jnp.unique()."
            + " To make jnp.unique() compatible with JIT and other transforms, you can specify a"
            + " concrete value for the size argument, which will determine the output size.",
            t.origin()));
      }
      return n == 0 ? aux : Indexing.take(aux, new Object[] {mask}, null, null, true, false,
          false);
    }
    NDArray ind = nonzero(mask, size, null).get(0);
    result = n == 0 ? aux : Indexing.take(aux, new Object[] {ind}, null, null, true, false,
        false);
    if (fillValue != null) {
      NDArray fill = NumpySupport.convert(fillValue, result.dtype(), false);
      if (result.shape()[0] > 0) {
        NDArray valid = Lax.lt(Lax.iota(INDEX, size),
            Lax.reduceSum(NumpySupport.convert(mask, INDEX, false), 0));
        result = Jnp.where(valid, result, fill);
      } else {
        result = Lax.broadcastInDim(fill, new int[] {size}, new int[0]);
      }
    }
    return result;
  }

  /**
   * {@code jnp.isin(element, testElements)}: whether each element occurs in the test set.
   *
   * @param element the elements to look up
   * @param testElements the values to look for
   * @return {@code jnp.isin(element, testElements)}: whether each element occurs in the test set
   */
  public static NDArray isin(Object element, Object testElements) {
    NDArray e = NumpySupport.asArray(element);
    NDArray t = NumpySupport.asArray(testElements);
    List<NDArray> p = NumpySupport.promoteDtypes(Jnp.ravel(e), Jnp.ravel(t));
    NDArray a1 = p.get(0);
    NDArray a2 = p.get(1);
    int[] bshape = {a1.size(), a2.size()};
    NDArray eq = Lax.eq(Lax.broadcastInDim(a1, bshape, new int[] {0}),
        Lax.broadcastInDim(a2, bshape, new int[] {1}));
    NDArray any = a2.size() == 0
        ? Lax.broadcastInDim(Array.scalar(false), new int[] {a1.size()}, new int[0])
        : Lax.reduceOr(eq, 1);
    return Lax.reshape(any, e.shape());
  }

  private static String join(String a, String b) {
    return b == null || b.isEmpty() ? a : a + "\n" + b;
  }
}
