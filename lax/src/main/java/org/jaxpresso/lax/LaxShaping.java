package org.jaxpresso.lax;

import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.primitives.Elementwise;

/**
 * Shaping, slicing, gather and scatter primitives of {@link Lax}. Use through {@link Lax}; the strict layer is split by family so that each file stays
 * small, and a static import of {@code Lax.*} (or {@code Lax.add(...)}) reaches every method.
 */
public abstract class LaxShaping extends LaxElementwise {
  /** Not instantiable; extended by the next family of the facade. */
  protected LaxShaping() {}

  // ==== shaping ====

  /**
   * Broadcasts {@code x} to {@code shape}: operand dimension {@code i} becomes output dimension
   * {@code broadcastDimensions[i]} (strictly increasing); operand sizes must be 1 or equal.
   *
   * @param x the operand: an array or a Java scalar
   * @param shape the dimensions of the result
   * @param broadcastDimensions for each operand dimension, the result dimension it maps to
   * @return {@code x} broadcast to {@code shape}
   */
  public static NDArray broadcastInDim(Object x, int[] shape, int[] broadcastDimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.broadcastInDim(x, shape,
        broadcastDimensions);
  }

  /**
   * Prepends the dimensions {@code sizes} to {@code x}'s shape, as {@code jax.lax.broadcast}.
   *
   * @param x the operand: an array or a Java scalar
   * @param sizes the sizes of the new leading dimensions
   * @return {@code x} with the new leading dimensions
   */
  public static NDArray broadcast(Object x, int[] sizes) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.broadcast(x, sizes);
  }

  /**
   * Row-major reshape to {@code newSizes} (same number of elements).
   *
   * @param x the operand: an array or a Java scalar
   * @param newSizes the sizes of the new leading dimensions
   * @return {@code x} with shape {@code newSizes}
   */
  public static NDArray reshape(Object x, int[] newSizes) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.reshape(x, newSizes, null);
  }

  /**
   * Transposes {@code x} by the permutation {@code dimensions}, then reshapes row-major.
   *
   * @param x the operand: an array or a Java scalar
   * @param newSizes the sizes of the new leading dimensions
   * @param dimensions the permutation applied before reshaping, or {@code null} for none
   * @return the output
   */
  public static NDArray reshape(Object x, int[] newSizes, int[] dimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.reshape(x, newSizes, dimensions);
  }

  /**
   * Permutes dimensions: {@code out.shape[i] = x.shape[permutation[i]]}.
   *
   * @param x the operand: an array or a Java scalar
   * @param permutation the permutation of the axes
   * @return the transposed array
   */
  public static NDArray transpose(Object x, int... permutation) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.transpose(x, permutation);
  }

  /**
   * Removes the listed size-1 dimensions (negative ones count from the end).
   *
   * @param x the operand: an array or a Java scalar
   * @param dimensions the size-1 dimensions to remove
   * @return {@code x} without those dimensions
   */
  public static NDArray squeeze(Object x, int... dimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.squeeze(x, dimensions);
  }

  /**
   * Inserts size-1 dimensions at the listed output positions (a {@code broadcast_in_dim}).
   *
   * @param x the operand: an array or a Java scalar
   * @param dimensions the positions of the new size-1 dimensions in the result
   * @return {@code x} with the new size-1 dimensions
   */
  public static NDArray expandDims(Object x, int... dimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.expandDims(x, dimensions);
  }

  /**
   * Reverses the listed dimensions.
   *
   * @param x the operand: an array or a Java scalar
   * @param dimensions the dimensions to reverse
   * @return {@code x} with those dimensions reversed
   */
  public static NDArray rev(Object x, int... dimensions) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.rev(x, dimensions);
  }

  /**
   * The static slice {@code [start, limit)} in every dimension.
   *
   * @param x the operand: an array or a Java scalar
   * @param startIndices the start index in each dimension
   * @param limitIndices the end index (exclusive) in each dimension
   * @return the static slice {@code [start, limit)} in every dimension
   */
  public static NDArray slice(Object x, int[] startIndices, int[] limitIndices) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.slice(x, startIndices, limitIndices,
        null);
  }

  /**
   * The static slice {@code [start, limit)} with positive {@code strides}.
   *
   * @param x the operand: an array or a Java scalar
   * @param startIndices the start index in each dimension
   * @param limitIndices the end index (exclusive) in each dimension
   * @param strides the step in each dimension
   * @return the static slice {@code [start, limit)} with positive {@code strides}
   */
  public static NDArray slice(Object x, int[] startIndices, int[] limitIndices, int[] strides) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.slice(x, startIndices, limitIndices,
        strides);
  }

  /**
   * A static slice along one axis, as {@code lax.slice_in_dim}.
   *
   * @param x the operand: an array or a Java scalar
   * @param start the first value (inclusive)
   * @param limit the end index (exclusive)
   * @param stride the step between elements
   * @param axis the axis to operate along; negative values count from the end
   * @return a static slice along one axis, as {@code lax.slice_in_dim}
   */
  public static NDArray sliceInDim(Object x, int start, int limit, int stride, int axis) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.sliceInDim(x, start, limit, stride,
        axis);
  }

  /**
   * The slice of {@code sizes} at {@code starts} (Java integers or scalar integer arrays; one per
   * dimension), each start clamped to {@code [0, dim - size]}.
   *
   * @param x the operand: an array or a Java scalar
   * @param starts the start index in each dimension
   * @param sizes the size of the slice in each dimension
   * @return the slice of {@code sizes} at {@code starts} (Java integers or scalar integer arrays
   */
  public static NDArray dynamicSlice(Object x, Object[] starts, int[] sizes) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.dynamicSlice(x, starts, sizes);
  }

  /**
   * {@code x} with {@code update} written at {@code starts} (clamped as in dynamicSlice).
   *
   * @param x the operand: an array or a Java scalar
   * @param update the values to write; the same dtype and rank as {@code x}
   * @param starts the start index in each dimension
   * @return {@code x} with {@code update} written at {@code starts} (clamped as in dynamicSlice)
   */
  public static NDArray dynamicUpdateSlice(Object x, Object update, Object... starts) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.dynamicUpdateSlice(x, update, starts);
  }

  /**
   * XLA gather with the index vector in the last dimension of {@code indices}; under
   * FILL_OR_DROP a null {@code fillValue} means NaN / int min / uint max / True.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param dimensionNumbers which dimensions play which role
   * @param sliceSizes the size of the slice in each operand dimension
   * @param mode how out-of-bounds indices are handled
   * @param fillValue the value used where no input element applies
   * @return the gathered slices
   */
  public static NDArray gather(Object operand, Object indices,
      GatherDimensionNumbers dimensionNumbers, int[] sliceSizes, GatherScatterMode mode,
      Object fillValue) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.gather(operand, indices,
        dimensionNumbers, sliceSizes, mode, fillValue, false, false);
  }

  /**
   * Gather with the default fill value.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param dimensionNumbers which dimensions play which role
   * @param sliceSizes the size of the slice in each operand dimension
   * @param mode how out-of-bounds indices are handled
   * @return the gathered slices
   */
  public static NDArray gather(Object operand, Object indices,
      GatherDimensionNumbers dimensionNumbers, int[] sliceSizes, GatherScatterMode mode) {
    return gather(operand, indices, dimensionNumbers, sliceSizes, mode, null);
  }

  /**
   * Gather with every parameter, as {@code lax.gather}.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param dimensionNumbers which dimensions play which role
   * @param sliceSizes the size of the slice in each operand dimension
   * @param mode how out-of-bounds indices are handled
   * @param fillValue the value used where no input element applies
   * @param indicesAreSorted whether the caller promises that the indices are sorted
   * @param uniqueIndices whether the caller promises that no index repeats
   * @return the gathered slices
   */
  public static NDArray gather(Object operand, Object indices,
      GatherDimensionNumbers dimensionNumbers, int[] sliceSizes, GatherScatterMode mode,
      Object fillValue, boolean indicesAreSorted, boolean uniqueIndices) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.gather(operand, indices,
        dimensionNumbers, sliceSizes, mode, fillValue, indicesAreSorted, uniqueIndices);
  }

  /**
   * Scatter (overwrite; last duplicate wins); a null mode means FILL_OR_DROP.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param updates the values to write at the indexed positions
   * @param dimensionNumbers which dimensions play which role
   * @param mode how out-of-bounds indices are handled
   * @return {@code operand} with the updates written
   */
  public static NDArray scatter(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter", operand, indices,
        updates, dimensionNumbers, mode, false, false);
  }

  /**
   * Scatter-add (duplicates accumulate); a null mode means FILL_OR_DROP.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param updates the values to write at the indexed positions
   * @param dimensionNumbers which dimensions play which role
   * @param mode how out-of-bounds indices are handled
   * @return {@code operand} with the updates added
   */
  public static NDArray scatterAdd(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-add", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /**
   * Scatter-mul (duplicates multiply); a null mode means FILL_OR_DROP.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param updates the values to write at the indexed positions
   * @param dimensionNumbers which dimensions play which role
   * @param mode how out-of-bounds indices are handled
   * @return {@code operand} with the updates multiplied in
   */
  public static NDArray scatterMul(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-mul", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /**
   * Scatter-min; a null mode means FILL_OR_DROP.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param updates the values to write at the indexed positions
   * @param dimensionNumbers which dimensions play which role
   * @param mode how out-of-bounds indices are handled
   * @return {@code operand} with the elementwise minimum of each update
   */
  public static NDArray scatterMin(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-min", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /**
   * Scatter-max; a null mode means FILL_OR_DROP.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param updates the values to write at the indexed positions
   * @param dimensionNumbers which dimensions play which role
   * @param mode how out-of-bounds indices are handled
   * @return {@code operand} with the elementwise maximum of each update
   */
  public static NDArray scatterMax(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-max", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /**
   * Scatter-sub ({@code operand - update}); a null mode means FILL_OR_DROP.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param updates the values to write at the indexed positions
   * @param dimensionNumbers which dimensions play which role
   * @param mode how out-of-bounds indices are handled
   * @return {@code operand} with the updates subtracted
   */
  public static NDArray scatterSub(Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dimensionNumbers, GatherScatterMode mode) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-sub", operand,
        indices, updates, dimensionNumbers, mode, false, false);
  }

  /**
   * Joins same-dtype operands along {@code dimension}.
   *
   * @param operands the operand arrays
   * @param dimension the dimension to join along
   * @return the operands joined along {@code dimension}
   */
  public static NDArray concatenate(java.util.List<?> operands, int dimension) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.concatenate(operands, dimension);
  }

  /**
   * Joins same-dtype operands along {@code dimension}.
   *
   * @param dimension the dimension to join along
   * @param operands the operand arrays
   * @return the operands joined along {@code dimension}
   */
  public static NDArray concatenate(int dimension, Object... operands) {
    return concatenate(java.util.Arrays.asList(operands), dimension);
  }

  /**
   * Pads with the scalar {@code paddingValue}; {@code config[d] = {lo, hi, interior}} (negative
   * lo/hi crop).
   *
   * @param x the operand: an array or a Java scalar
   * @param paddingValue the scalar to pad with, of {@code x}'s dtype
   * @param config per dimension {@code {lo, hi, interior}}; negative lo and hi crop
   * @return the padded array
   */
  public static NDArray pad(Object x, Object paddingValue, int[][] config) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.pad(x, paddingValue, config);
  }

  /**
   * {@code [0, 1, ..., size - 1]} of {@code dtype} (canonicalized).
   *
   * @param dtype the element type of the result
   * @param size the number of values
   * @return {@code [0, 1, ..., size - 1]} of {@code dtype} (canonicalized)
   */
  public static NDArray iota(org.jaxpresso.core.DType dtype, int size) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.iota(dtype, new int[] {size}, 0);
  }

  /**
   * An array of {@code shape} whose values count along {@code dimension}.
   *
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @param dimension the dimension along which the values count
   * @return an array of {@code shape} whose values count along {@code dimension}
   */
  public static NDArray broadcastedIota(org.jaxpresso.core.DType dtype, int[] shape,
      int dimension) {
    return org.jaxpresso.lax.internal.shaping.ShapingOps.iota(dtype, shape, dimension);
  }

  // ==== end shaping ====
}
