package org.jaxpresso.numpy.internal.indexing;

import java.util.List;
import java.util.logging.Logger;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Promotion;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.ScatterDimensionNumbers;
import org.jaxpresso.numpy.Jnp;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * {@code x[idx]} and {@code x.at[idx].op(y)}, as JAX's {@code rewriting_take} and
 * {@code _scatter_update}: static slicing first, then {@code dynamic_slice}, then
 * {@code gather}; updates through the scatter primitives.
 */
public final class Indexing {
  private static final Logger LOG = Logger.getLogger("org.jaxpresso.numpy");

  private Indexing() {}

  /**
   * {@code arr[idx]}.
   *
   * @param arr the array to index
   * @param idx the index: ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @param indicesAreSorted whether the caller promises that the indices are sorted
   * @param uniqueIndices whether the caller promises that no index repeats
   * @return {@code arr[idx]}
   * @param mode null for JAX's default (PROMISE_IN_BOUNDS: reads clamp), or a mode
   * @param fillValue the fill value under FILL_OR_DROP (null: NaN / int min / uint max / True)
   * @param normalize whether negative indices wrap once
   */
  public static NDArray take(NDArray arr, Object[] idx, GatherScatterMode mode, Object fillValue,
      boolean normalize, boolean indicesAreSorted, boolean uniqueIndices) {
    NdIndexer indexer = NdIndexer.parse(idx, arr.shape());
    GatherScatterMode sliceMode = mode == null ? GatherScatterMode.PROMISE_IN_BOUNDS : mode;
    NDArray r = SliceLowering.staticSlice(arr, indexer, sliceMode, normalize);
    if (r != null) {
      return r;
    }
    if (sliceMode == GatherScatterMode.PROMISE_IN_BOUNDS || sliceMode == GatherScatterMode.CLIP) {
      r = SliceLowering.dynamicSlice(arr, indexer, normalize);
      if (r != null) {
        return r;
      }
    }
    indexer = indexer.expandBoolIndices();
    return gather(arr, indexer, mode, fillValue, normalize, indicesAreSorted, uniqueIndices);
  }

  private static NDArray gather(NDArray arr, NdIndexer indexer, GatherScatterMode mode,
      Object fillValue, boolean normalize, boolean indicesAreSorted, boolean uniqueIndices) {
    GatherIndexer g = GatherIndexer.of(indexer, normalize);
    if (fillValue != null) {
      if (fillValue instanceof Tracer t) {
        throw new org.jaxpresso.core.errors.ConcretizationTypeError(t.aval().str(),
            "The problem arose with the `fill_value argument to indexed get()` function.");
      }
      if (fillValue instanceof NDArray a) {
        if (a.ndim() != 0) {
          throw new JaxValueError("fill_value argument to indexed get() must be a scalar");
        }
        fillValue = a.item();
      }
    }
    NDArray y = arr;
    if (g.scalarBoolDims().length > 0) {
      y = Lax.expandDims(y, g.scalarBoolDims());
    }
    if (GatherIndexer.isEmpty(g.sliceShape())) {
      return Lax.broadcastInDim(NumpySupport.scalarOf(0, y.dtype()), g.sliceShape(), new int[0]);
    }
    if (!GatherIndexer.isEmpty(g.gatherIndices().shape())) {
      GatherScatterMode m = mode == null ? GatherScatterMode.PROMISE_IN_BOUNDS : mode;
      y = Lax.gather(y, g.gatherIndices(), g.dnums(), g.gatherSliceShape(), m, fillValue,
          indicesAreSorted || g.indicesAreSorted(), uniqueIndices || g.uniqueIndices());
    }
    if (g.reversedYDims().length > 0) {
      y = Lax.rev(y, g.reversedYDims());
    }
    return g.newaxisDims().length > 0 ? Lax.expandDims(y, g.newaxisDims()) : y;
  }

  /**
   * {@code x.at[idx].<op>(y)} through one scatter primitive ({@code scatter},
   * {@code scatter-add}, {@code scatter-mul}, {@code scatter-min}, {@code scatter-max},
   * {@code scatter-sub}): values broadcast to the indexed shape and cast to x's dtype; the
   * result keeps x's dtype and weak type.
   *
   * @param x the input array
   * @param idx the index: ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @param values the update values
   * @param op the update: {@code set}, {@code add}, {@code mul}, {@code min}, {@code max}, ...
   * @param normalize whether negative indices wrap (count from the end)
   * @param indicesAreSorted whether the caller promises that the indices are sorted
   * @param uniqueIndices whether the caller promises that no index repeats
   * @return {@code x.at[idx].<op>(y)} through one scatter primitive ({@code scatter}, {@code
   *     scatter-add}, {@code scatter-mul}, {@code scatter-min}, {@code scatter-max}, {@code
   *     scatter-sub})
   * @param mode null for FILL_OR_DROP (out-of-bounds updates dropped)
   */
  public static NDArray scatterUpdate(NDArray x, Object[] idx, Object values, String op,
      GatherScatterMode mode, boolean normalize, boolean indicesAreSorted,
      boolean uniqueIndices) {
    DType dtype = x.dtype();
    boolean weak = x.weakType();
    Object y = values;
    if (isJavaInt(values) && dtype.isInteger() && fits(((Number) values).longValue(), dtype)) {
      y = NumpySupport.scalarOf(values, dtype);
    }
    NdIndexer indexer = NdIndexer.parse(idx, x.shape()).expandBoolIndices();
    warnUnsafeCast(y, x);
    GatherIndexer g = GatherIndexer.of(indexer, normalize);
    if (GatherIndexer.isEmpty(g.sliceShape())) {
      return x;
    }
    List<NDArray> promoted = NumpySupport.promoteDtypes(x, y);
    NDArray xs = promoted.get(0);
    NDArray ys = Jnp.broadcastTo(promoted.get(1), g.sliceShape());
    if (g.newaxisDims().length > 0) {
      ys = Lax.squeeze(ys, g.newaxisDims());
    }
    if (g.reversedYDims().length > 0) {
      ys = Lax.rev(ys, g.reversedYDims());
    }
    if (g.scalarBoolDims().length > 0) {
      xs = Lax.expandDims(xs, g.scalarBoolDims());
    }
    ScatterDimensionNumbers dn = new ScatterDimensionNumbers(g.dnums().offsetDims(),
        g.dnums().collapsedSliceDims(), g.dnums().startIndexMap());
    NDArray out = ScatterCombiners.bind(op, xs, g.gatherIndices(), ys, dn,
        mode == null ? GatherScatterMode.FILL_OR_DROP : mode,
        g.indicesAreSorted() || indicesAreSorted, g.uniqueIndices() || uniqueIndices);
    if (g.scalarBoolDims().length > 0) {
      out = Lax.squeeze(out, g.scalarBoolDims());
    }
    return NumpySupport.convert(out, dtype, weak);
  }

  /**
   * A static bound on how often one element of {@code x} can be indexed by {@code idx}: 1 when
   * the index has no advanced (array) part, otherwise the number of index positions.
   *
   * @param x the input array
   * @param idx the index: ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @param normalize whether negative indices wrap (count from the end)
   * @return a static bound on how often one element of {@code x} can be indexed by {@code idx}
   */
  public static long maxOccurrences(NDArray x, Object[] idx, boolean normalize) {
    GatherIndexer g = GatherIndexer.of(NdIndexer.parse(idx, x.shape()).expandBoolIndices(),
        normalize);
    if (g.uniqueIndices()) {
      return 1;
    }
    int[] s = g.gatherIndices().shape();
    long n = 1;
    for (int d = 0; d < s.length - 1; d++) {
      n *= s[d];
    }
    return n;
  }

  private static boolean isJavaInt(Object v) {
    return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte;
  }

  private static boolean fits(long v, DType dtype) {
    int bits = dtype.bits();
    if (dtype.isUnsigned()) {
      return v >= 0 && (bits >= 64 || v < (1L << bits));
    }
    return bits >= 64 || v >= -(1L << (bits - 1)) && v < (1L << (bits - 1));
  }

  /** JAX's FutureWarning when the values cannot be cast safely to x's dtype. */
  private static void warnUnsafeCast(Object y, NDArray x) {
    Promotion.Typed ty = Promotion.of(NumpySupport.aval(y));
    Promotion.Typed tx = Promotion.of(x.aval());
    DType joined = Promotion.resultType(List.of(ty, tx)).dtype();
    if (joined != x.dtype().canonical() && joined != x.dtype()) {
      LOG.warning("scatter inputs have incompatible types: cannot safely cast value from dtype="
          + NumpySupport.aval(y).dtype() + " to dtype=" + x.dtype()
          + " with jax_numpy_dtype_promotion=standard. In future JAX releases this will result"
          + " in an error.");
    }
  }
}
