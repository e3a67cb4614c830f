package org.jaxpresso.numpy.internal.indexing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxIndexError;
import org.jaxpresso.lax.GatherDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.Index;
import org.jaxpresso.numpy.Jnp;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * An index as one XLA gather (or, transposed, one scatter), as JAX's {@code _GatherIndexer}
 * built by {@code _index_to_gather}: NumPy's advanced indexing with broadcasting of several
 * index arrays, advanced axes moved to the front when they are not contiguous.
 *
 * @param sliceShape the shape of {@code x[idx]} before newaxis dimensions are inserted
 * @param gatherSliceShape the gather's {@code slice_sizes}
 * @param gatherIndices the gather's start indices (index vector last)
 * @param dnums the gather dimension numbers
 * @param uniqueIndices whether no advanced index is present (so indices cannot repeat)
 * @param indicesAreSorted likewise
 * @param reversedYDims result dimensions to reverse (negative strides)
 * @param newaxisDims result dimensions created by newaxis
 * @param scalarBoolDims operand dimensions inserted for scalar boolean indices
 */
record GatherIndexer(int[] sliceShape, int[] gatherSliceShape, NDArray gatherIndices,
    GatherDimensionNumbers dnums, boolean uniqueIndices, boolean indicesAreSorted,
    int[] reversedYDims, int[] newaxisDims, int[] scalarBoolDims) {

  private static final DType INDEX = DType.INT32;

  /** JAX's {@code _index_to_gather}. */
  static GatherIndexer of(NdIndexer indexer, boolean normalize) {
    indexer.validateSlices();
    List<ParsedIndex> raw = indexer.indices();
    List<Integer> isAdvanced = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      IndexType t = raw.get(i).typ();
      if (t == IndexType.ARRAY || t == IndexType.INTEGER) {
        isAdvanced.add(i);
      }
    }
    boolean contiguous = true;
    for (int i = 1; i < isAdvanced.size(); i++) {
      contiguous &= isAdvanced.get(i) - isAdvanced.get(i - 1) == 1;
    }
    indexer = indexer.expandEllipses();
    List<Integer> scalarBoolDims = new ArrayList<>();
    for (int i = 0; i < indexer.indices().size(); i++) {
      if (indexer.indices().get(i).typ() == IndexType.BOOLEAN) {
        scalarBoolDims.add(i);
      }
    }
    indexer = indexer.expandScalarBoolIndices();
    if (normalize) {
      indexer = indexer.normalizeIndices();
    }
    int[] shape = indexer.shape();
    List<ParsedIndex> indices = indexer.indices();

    List<NDArray> advancedIndexes = new ArrayList<>();
    List<Integer> idxAdvancedAxes = new ArrayList<>();
    List<Integer> xAdvancedAxes = new ArrayList<>();
    if (indexer.isAdvancedIntIndexer()) {
      int j = 0;
      for (int i = 0; i < indices.size(); i++) {
        ParsedIndex e = indices.get(i);
        if (e.typ() == IndexType.NONE) {
          continue;
        }
        if (e.typ() == IndexType.ARRAY || e.typ() == IndexType.INTEGER) {
          advancedIndexes.add(NumpySupport.asArray(e.index()));
          idxAdvancedAxes.add(i);
          xAdvancedAxes.add(j);
        }
        j++;
      }
    }

    int xAxis = 0;
    int yAxis = 0;
    int collapsedYAxis = 0;
    List<Integer> offsetDims = new ArrayList<>();
    List<Integer> collapsedSliceDims = new ArrayList<>();
    List<Integer> startIndexMap = new ArrayList<>();
    List<NDArray> gatherIndices = new ArrayList<>();
    List<Integer> gatherStarts = new ArrayList<>();
    List<Integer> gatherIndicesShape = new ArrayList<>();
    List<Integer> sliceShape = new ArrayList<>();
    List<Integer> newaxisDims = new ArrayList<>();
    List<Integer> reversedYDims = new ArrayList<>();
    List<Integer> gatherSliceShape = new ArrayList<>();

    for (int idxPos = 0; idxPos < indices.size(); idxPos++) {
      ParsedIndex index = indices.get(idxPos);
      if (!advancedIndexes.isEmpty()
          && (contiguous && idxPos == idxAdvancedAxes.get(0) || !contiguous && idxPos == 0)) {
        List<NDArray> arrs = broadcastArrays(advancedIndexes);
        int[] bshape = arrs.get(0).shape();
        int startDim = gatherIndicesShape.size();
        for (NDArray a : arrs) {
          gatherIndices.add(NumpySupport.convert(a, INDEX, false));
          gatherStarts.add(startDim);
        }
        for (int s : bshape) {
          gatherIndicesShape.add(s);
          sliceShape.add(s);
        }
        startIndexMap.addAll(xAdvancedAxes);
        collapsedSliceDims.addAll(xAdvancedAxes);
        yAxis += bshape.length;
        collapsedYAxis += bshape.length;
      }
      if (idxAdvancedAxes.contains(idxPos)) {
        xAxis++;
        gatherSliceShape.add(1);
        continue;
      }
      boolean scalarInt = index.typ() == IndexType.INTEGER
          || index.typ() == IndexType.ARRAY && ((NDArray) index.index()).ndim() == 0;
      if (scalarInt) {
        if (shape[xAxis] == 0) {
          throw new JaxIndexError("index is out of bounds for axis " + xAxis + " with size 0");
        }
        gatherIndices.add(NumpySupport.convert(index.index(), INDEX, false));
        gatherStarts.add(gatherIndicesShape.size());
        collapsedSliceDims.add(xAxis);
        gatherSliceShape.add(1);
        startIndexMap.add(xAxis);
        xAxis++;
      } else if (index.typ() == IndexType.NONE) {
        sliceShape.add(1);
        newaxisDims.add(yAxis);
        yAxis++;
      } else if (index.typ() == IndexType.SLICE || index.typ() == IndexType.DYNAMIC_SLICE) {
        Object start;
        long step;
        int sliceSize;
        if (index.index() instanceof Index.DynamicSlice ds) {
          start = ds.start() instanceof Number n ? (Object) n.longValue() : ds.start();
          step = 1;
          sliceSize = ds.size();
        } else {
          long[] ssl = NdIndexer.sliceIndices((Index.Slice) index.index(), shape[xAxis]);
          start = ssl[0];
          step = ssl[2];
          sliceSize = (int) sliceLength(ssl[0], ssl[1], ssl[2]);
        }
        sliceShape.add(sliceSize);
        if (step == 1) {
          if (sliceSize != shape[xAxis]) {
            gatherIndices.add(NumpySupport.convert(start, INDEX, false));
            gatherStarts.add(gatherIndicesShape.size());
            startIndexMap.add(xAxis);
          }
          gatherSliceShape.add(sliceSize);
          offsetDims.add(collapsedYAxis);
        } else {
          NDArray idx = Jnp.add(Array.scalar((Long) start, INDEX),
              Jnp.multiply(Array.scalar(step, INDEX), Lax.iota(INDEX, sliceSize)));
          if (step < 0) {
            reversedYDims.add(collapsedYAxis);
            idx = Lax.rev(idx, 0);
          }
          gatherSliceShape.add(1);
          gatherIndices.add(idx);
          gatherStarts.add(gatherIndicesShape.size());
          startIndexMap.add(xAxis);
          gatherIndicesShape.add(sliceSize);
          collapsedSliceDims.add(xAxis);
        }
        collapsedYAxis++;
        yAxis++;
        xAxis++;
      } else {
        throw new JaxIndexError("Got unsupported indexer at position " + idxPos + ": " + index);
      }
    }

    NDArray gatherIndicesArray;
    if (gatherIndices.isEmpty()) {
      gatherIndicesArray = Array.fromLongs(INDEX, new long[0], 0);
    } else if (gatherIndices.size() == 1) {
      NDArray g = gatherIndices.get(0);
      gatherIndicesArray = Lax.expandDims(g, g.ndim());
    } else {
      int lastDim = gatherIndicesShape.size();
      gatherIndicesShape.add(1);
      int[] target = SliceLowering.ints(gatherIndicesShape);
      List<NDArray> parts = new ArrayList<>();
      for (int k = 0; k < gatherIndices.size(); k++) {
        NDArray g = gatherIndices.get(k);
        parts.add(Lax.broadcastInDim(g, target,
            NdIndexer.range(gatherStarts.get(k), gatherStarts.get(k) + g.ndim())));
      }
      gatherIndicesArray = Lax.concatenate(parts, lastDim);
    }
    int[] collapsed = SliceLowering.ints(collapsedSliceDims);
    Arrays.sort(collapsed);
    GatherDimensionNumbers dnums = new GatherDimensionNumbers(SliceLowering.ints(offsetDims),
        collapsed, SliceLowering.ints(startIndexMap));
    boolean noAdvanced = advancedIndexes.isEmpty();
    return new GatherIndexer(SliceLowering.ints(sliceShape),
        SliceLowering.ints(gatherSliceShape), gatherIndicesArray, dnums, noAdvanced, noAdvanced,
        SliceLowering.ints(reversedYDims), SliceLowering.ints(newaxisDims),
        SliceLowering.ints(scalarBoolDims));
  }

  /** {@code len(range(start, stop, step))}. */
  static long sliceLength(long start, long stop, long step) {
    if (step > 0) {
      return stop > start ? (stop - start + step - 1) / step : 0;
    }
    return start > stop ? (start - stop - step - 1) / -step : 0;
  }

  private static List<NDArray> broadcastArrays(List<NDArray> xs) {
    List<int[]> shapes = new ArrayList<>();
    for (NDArray x : xs) {
      shapes.add(x.shape());
    }
    int[] shape = NumpySupport.broadcastShapes(shapes);
    List<NDArray> out = new ArrayList<>();
    for (NDArray x : xs) {
      out.add(Jnp.broadcastTo(x, shape));
    }
    return out;
  }

  /** Whether any dimension of the shape is 0. */
  static boolean isEmpty(int[] shape) {
    for (int s : shape) {
      if (s == 0) {
        return true;
      }
    }
    return false;
  }
}
