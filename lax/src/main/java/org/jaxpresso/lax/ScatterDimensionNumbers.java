package org.jaxpresso.lax;

import java.util.Arrays;
import org.jaxpresso.core.Shape;

/**
 * The dimension numbers of a scatter, as JAX's {@code ScatterDimensionNumbers}; the index vector
 * is always the last dimension of the indices. Prints as JAX's NamedTuple repr:
 * {@code ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,),
 * scatter_dims_to_operand_dims=(0,), operand_batching_dims=(), scatter_indices_batching_dims=())}.
 *
 * @param updateWindowDims updates dimensions that hold the window
 * @param insertedWindowDims operand dimensions of size-1 windows absent from the updates
 * @param scatterDimsToOperandDims for each index-vector component, the operand dimension it indexes
 * @param operandBatchingDims operand dimensions indexed by the batch position
 * @param scatterIndicesBatchingDims the matching indices dimensions
 */
public record ScatterDimensionNumbers(
    int[] updateWindowDims,
    int[] insertedWindowDims,
    int[] scatterDimsToOperandDims,
    int[] operandBatchingDims,
    int[] scatterIndicesBatchingDims) {

  /** Copies the arrays. */
  public ScatterDimensionNumbers {
    updateWindowDims = updateWindowDims.clone();
    insertedWindowDims = insertedWindowDims.clone();
    scatterDimsToOperandDims = scatterDimsToOperandDims.clone();
    operandBatchingDims = operandBatchingDims.clone();
    scatterIndicesBatchingDims = scatterIndicesBatchingDims.clone();
  }

  /**
   * Dimension numbers without batching dimensions (JAX's defaults).
   *
   * @param updateWindowDims JAX's {@code update_window_dims}: the update dimensions inside a window
   * @param insertedWindowDims JAX's {@code inserted_window_dims}: window dimensions of size 1 that
   *     the update omits
   * @param scatterDimsToOperandDims JAX's {@code scatter_dims_to_operand_dims}: the operand
   *     dimension each index column addresses
   */
  public ScatterDimensionNumbers(
      int[] updateWindowDims, int[] insertedWindowDims, int[] scatterDimsToOperandDims) {
    this(updateWindowDims, insertedWindowDims, scatterDimsToOperandDims, new int[0], new int[0]);
  }

  /**
   * A copy of the update window dims.
   *
   * @return a copy of the update window dims
   */
  @Override
  public int[] updateWindowDims() {
    return updateWindowDims.clone();
  }

  /**
   * A copy of the inserted window dims.
   *
   * @return a copy of the inserted window dims
   */
  @Override
  public int[] insertedWindowDims() {
    return insertedWindowDims.clone();
  }

  /**
   * A copy of the scatter-dims-to-operand-dims map.
   *
   * @return a copy of the scatter-dims-to-operand-dims map
   */
  @Override
  public int[] scatterDimsToOperandDims() {
    return scatterDimsToOperandDims.clone();
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
   * A copy of the scatter indices batching dims.
   *
   * @return a copy of the scatter indices batching dims
   */
  @Override
  public int[] scatterIndicesBatchingDims() {
    return scatterIndicesBatchingDims.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScatterDimensionNumbers s
        && Arrays.equals(updateWindowDims, s.updateWindowDims)
        && Arrays.equals(insertedWindowDims, s.insertedWindowDims)
        && Arrays.equals(scatterDimsToOperandDims, s.scatterDimsToOperandDims)
        && Arrays.equals(operandBatchingDims, s.operandBatchingDims)
        && Arrays.equals(scatterIndicesBatchingDims, s.scatterIndicesBatchingDims);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {updateWindowDims, insertedWindowDims,
        scatterDimsToOperandDims, operandBatchingDims, scatterIndicesBatchingDims});
  }

  /** JAX's repr. */
  @Override
  public String toString() {
    return "ScatterDimensionNumbers(update_window_dims=" + Shape.tupleString(updateWindowDims)
        + ", inserted_window_dims=" + Shape.tupleString(insertedWindowDims)
        + ", scatter_dims_to_operand_dims=" + Shape.tupleString(scatterDimsToOperandDims)
        + ", operand_batching_dims=" + Shape.tupleString(operandBatchingDims)
        + ", scatter_indices_batching_dims=" + Shape.tupleString(scatterIndicesBatchingDims)
        + ")";
  }
}
