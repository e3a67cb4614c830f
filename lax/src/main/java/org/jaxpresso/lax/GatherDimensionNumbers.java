package org.jaxpresso.lax;

import java.util.Arrays;
import org.jaxpresso.core.Shape;

/**
 * The dimension numbers of a gather, as JAX's {@code GatherDimensionNumbers}; the index vector
 * is always the last dimension of the indices. Prints as JAX's NamedTuple repr:
 * {@code GatherDimensionNumbers(offset_dims=(1,), collapsed_slice_dims=(0,),
 * start_index_map=(0,), operand_batching_dims=(), start_indices_batching_dims=())}.
 *
 * @param offsetDims output dimensions that hold the slice's (non-collapsed) dimensions
 * @param collapsedSliceDims operand dimensions of size-1 slices that do not appear in the output
 * @param startIndexMap for each index-vector component, the operand dimension it indexes
 * @param operandBatchingDims operand dimensions indexed by the batch position
 * @param startIndicesBatchingDims the matching indices dimensions
 */
public record GatherDimensionNumbers(
    int[] offsetDims,
    int[] collapsedSliceDims,
    int[] startIndexMap,
    int[] operandBatchingDims,
    int[] startIndicesBatchingDims) {

  /** Copies the arrays. */
  public GatherDimensionNumbers {
    offsetDims = offsetDims.clone();
    collapsedSliceDims = collapsedSliceDims.clone();
    startIndexMap = startIndexMap.clone();
    operandBatchingDims = operandBatchingDims.clone();
    startIndicesBatchingDims = startIndicesBatchingDims.clone();
  }

  /**
   * Dimension numbers without batching dimensions (JAX's defaults).
   *
   * @param offsetDims JAX's {@code offset_dims}: the output dimensions that index into a slice
   * @param collapsedSliceDims JAX's {@code collapsed_slice_dims}: slice dimensions of size 1 that
   *     are dropped
   * @param startIndexMap JAX's {@code start_index_map}: the operand dimension each index column
   *     addresses
   */
  public GatherDimensionNumbers(int[] offsetDims, int[] collapsedSliceDims, int[] startIndexMap) {
    this(offsetDims, collapsedSliceDims, startIndexMap, new int[0], new int[0]);
  }

  /**
   * A copy of the offset dims.
   *
   * @return a copy of the offset dims
   */
  @Override
  public int[] offsetDims() {
    return offsetDims.clone();
  }

  /**
   * A copy of the collapsed slice dims.
   *
   * @return a copy of the collapsed slice dims
   */
  @Override
  public int[] collapsedSliceDims() {
    return collapsedSliceDims.clone();
  }

  /**
   * A copy of the start index map.
   *
   * @return a copy of the start index map
   */
  @Override
  public int[] startIndexMap() {
    return startIndexMap.clone();
  }

  /**
   * A copy of the operand batching dims.
   *
   * @return a copy of the operand batching dims
   */
  @Override
  public int[] operandBatchingDims() {
    return operandBatchingDims.clone();
  }

  /**
   * A copy of the start indices batching dims.
   *
   * @return a copy of the start indices batching dims
   */
  @Override
  public int[] startIndicesBatchingDims() {
    return startIndicesBatchingDims.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatherDimensionNumbers g
        && Arrays.equals(offsetDims, g.offsetDims)
        && Arrays.equals(collapsedSliceDims, g.collapsedSliceDims)
        && Arrays.equals(startIndexMap, g.startIndexMap)
        && Arrays.equals(operandBatchingDims, g.operandBatchingDims)
        && Arrays.equals(startIndicesBatchingDims, g.startIndicesBatchingDims);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {offsetDims, collapsedSliceDims, startIndexMap,
        operandBatchingDims, startIndicesBatchingDims});
  }

  /** JAX's repr. */
  @Override
  public String toString() {
    return "GatherDimensionNumbers(offset_dims=" + Shape.tupleString(offsetDims)
        + ", collapsed_slice_dims=" + Shape.tupleString(collapsedSliceDims)
        + ", start_index_map=" + Shape.tupleString(startIndexMap)
        + ", operand_batching_dims=" + Shape.tupleString(operandBatchingDims)
        + ", start_indices_batching_dims=" + Shape.tupleString(startIndicesBatchingDims) + ")";
  }
}
