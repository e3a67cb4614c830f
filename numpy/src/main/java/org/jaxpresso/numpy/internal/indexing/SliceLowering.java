package org.jaxpresso.numpy.internal.indexing;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.Slicing;
import org.jaxpresso.numpy.Index;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * The two slicing strategies JAX tries before gather (its {@code to_static_slice} /
 * {@code _static_slice} and {@code to_dynamic_slice} / {@code _dynamic_slice}): each returns
 * null when the indices do not fit it.
 */
final class SliceLowering {
  private SliceLowering() {}

  /**
   * Static ints, static slices, newaxis and ellipsis as {@code slice} (+ {@code rev},
   * {@code squeeze}, {@code broadcast_in_dim}); null if any index is not of those kinds or,
   * under PROMISE_IN_BOUNDS, a static int is out of bounds.
   */
  static NDArray staticSlice(NDArray arr, NdIndexer indexer, GatherScatterMode mode,
      boolean normalize) {
    if (mode != GatherScatterMode.PROMISE_IN_BOUNDS && mode != GatherScatterMode.CLIP) {
      return null;
    }
    int[] shape = indexer.shape();
    for (ParsedIndex p : indexer.indices()) {
      switch (p.typ()) {
        case INTEGER -> {
          long i = (Long) p.index();
          long size = shape[p.axis()];
          long normed = normalize && i < 0 ? i + size : i;
          if (mode == GatherScatterMode.PROMISE_IN_BOUNDS && (normed < 0 || normed >= size)) {
            return null;
          }
        }
        case ARRAY, BOOLEAN, DYNAMIC_SLICE -> {
          return null;
        }
        default -> { }
      }
    }
    if (!indexer.slicesAreStatic()) {
      return null;
    }
    List<Integer> starts = new ArrayList<>();
    List<Integer> limits = new ArrayList<>();
    List<Integer> strides = new ArrayList<>();
    List<Integer> rev = new ArrayList<>();
    List<Integer> squeeze = new ArrayList<>();
    List<Integer> newaxis = new ArrayList<>();
    for (ParsedIndex p : indexer.expandEllipses().indices()) {
      switch (p.typ()) {
        case NONE -> newaxis.add(starts.size() - squeeze.size() + newaxis.size());
        case INTEGER -> {
          int axis = p.axis();
          if (shape[axis] == 0) {
            return null;
          }
          long start = (Long) p.index();
          if (normalize && start < 0) {
            start += shape[axis];
          }
          start = Math.min(Math.max(start, 0), shape[axis] - 1);
          starts.add((int) start);
          limits.add((int) start + 1);
          strides.add(1);
          squeeze.add(axis);
        }
        case SLICE -> {
          int axis = p.axis();
          long size = shape[axis];
          long[] ssl = NdIndexer.sliceIndices((Index.Slice) p.index(), size);
          long start = ssl[0];
          long stop = ssl[1];
          long stride = ssl[2];
          if (stride < 0) {
            long newStart = Math.min(size, stop + 1 + Math.abs(start - stop - 1) % -stride);
            starts.add((int) newStart);
            limits.add((int) Math.max(newStart, start + 1));
            strides.add((int) -stride);
            rev.add(axis);
          } else {
            starts.add((int) start);
            limits.add((int) Math.max(start, stop));
            strides.add((int) stride);
          }
        }
        default -> throw new IllegalStateException("unexpected index " + p);
      }
    }
    boolean unit = strides.stream().allMatch(s -> s == 1);
    boolean trivial = unit && starts.size() == shape.length;
    for (int d = 0; trivial && d < shape.length; d++) {
      trivial = starts.get(d) == 0 && limits.get(d) == shape[d];
    }
    NDArray result = arr;
    if (!trivial) {
      result = Lax.slice(arr, ints(starts), ints(limits), unit ? null : ints(strides));
    }
    return finish(result, rev, squeeze, newaxis);
  }

  /**
   * Scalar integer indices (static or traced), unit-step slices and {@code ds} windows as one
   * {@code dynamic_slice} of normalized starts; null if any index does not fit.
   */
  static NDArray dynamicSlice(NDArray arr, NdIndexer indexer, boolean normalize) {
    int[] shape = indexer.shape();
    for (ParsedIndex p : indexer.indices()) {
      switch (p.typ()) {
        case SLICE -> {
          Index.Slice s = (Index.Slice) p.index();
          if (!NdIndexer.isStatic(s.start()) || !NdIndexer.isStatic(s.stop())
              || !NdIndexer.isStatic(s.step())) {
            return null;
          }
          if (s.step() != null && Math.abs(NdIndexer.staticLong(s.step())) != 1) {
            return null;
          }
        }
        case ARRAY -> {
          if (((NDArray) p.index()).ndim() != 0) {
            return null;
          }
        }
        case BOOLEAN -> {
          return null;
        }
        default -> { }
      }
    }
    List<Object> starts = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    List<Integer> rev = new ArrayList<>();
    List<Integer> squeeze = new ArrayList<>();
    List<Integer> newaxis = new ArrayList<>();
    boolean trivial = true;
    for (ParsedIndex p : indexer.expandEllipses().indices()) {
      switch (p.typ()) {
        case NONE -> newaxis.add(starts.size() - squeeze.size() + newaxis.size());
        case INTEGER, ARRAY -> {
          trivial = false;
          if (shape[p.axis()] == 0) {
            return null;
          }
          starts.add(p.index());
          sizes.add(1);
          squeeze.add(p.axis());
        }
        case SLICE -> {
          Index.Slice s = (Index.Slice) p.index();
          if (s.start() != null || s.stop() != null || s.step() != null) {
            trivial = false;
          }
          long size = shape[p.axis()];
          long[] ssl = NdIndexer.sliceIndices(s, size);
          if (ssl[2] < 0) {
            long newStart = ssl[1] + 1;
            starts.add(newStart);
            sizes.add((int) Math.max(0, ssl[0] + 1 - newStart));
            rev.add(p.axis());
          } else {
            starts.add(ssl[0]);
            sizes.add((int) Math.max(0, ssl[1] - ssl[0]));
          }
        }
        case DYNAMIC_SLICE -> {
          Index.DynamicSlice d = (Index.DynamicSlice) p.index();
          Object start = d.start() instanceof Number n ? (Object) n.longValue() : d.start();
          starts.add(start);
          sizes.add(d.size());
          trivial = false;
        }
        default -> throw new IllegalStateException("unexpected index " + p);
      }
    }
    if (starts.size() > 1) {
      starts.replaceAll(s -> NumpySupport.convert(s, DType.INT32, false));
    }
    NDArray result = arr;
    if (!trivial) {
      List<NDArray> args = new ArrayList<>();
      args.add(arr);
      for (int d = 0; d < starts.size(); d++) {
        args.add(normalizedStart(starts.get(d), shape[d], normalize));
      }
      result = Slicing.DYNAMIC_SLICE.bind(args, Params.of("slice_sizes", ints(sizes))).get(0);
    }
    return finish(result, rev, squeeze, newaxis);
  }

  /** JAX's {@code _dynamic_slice_indices} for one start. */
  private static NDArray normalizedStart(Object start, int dim, boolean normalize) {
    if (start instanceof Long l) {
      long v = normalize && l < 0 ? l + dim : l;
      return Array.scalar(v, DType.INT32);
    }
    NDArray i = NumpySupport.asArray(start);
    return normalize ? NdIndexer.wrapNegative(i, dim) : i;
  }

  private static NDArray finish(NDArray result, List<Integer> rev, List<Integer> squeeze,
      List<Integer> newaxis) {
    if (!rev.isEmpty()) {
      result = Lax.rev(result, ints(rev));
    }
    if (!squeeze.isEmpty()) {
      result = Lax.squeeze(result, ints(squeeze));
    }
    if (!newaxis.isEmpty()) {
      result = Lax.expandDims(result, ints(newaxis));
    }
    return result;
  }

  static int[] ints(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).toArray();
  }
}
