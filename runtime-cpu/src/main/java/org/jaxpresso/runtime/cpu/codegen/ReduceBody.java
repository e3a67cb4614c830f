package org.jaxpresso.runtime.cpu.codegen;

/**
 * A generated reduction kernel body: folds one contiguous segment of {@code n} points of its
 * index space into accumulator arrays (one per reduction, of the value's storage type). In row
 * mode every point of the segment folds into element {@code accBase}; in column mode point
 * {@code j} folds into element {@code accBase + j}.
 */
public interface ReduceBody {
  /**
   * Folds points {@code 0..n-1} of a segment.
   *
   * @param in the input arrays
   * @param base for each load slot, the element offset of the segment's first point
   * @param n the segment's length
   * @param acc the accumulators, one array per reduction
   * @param accBase the accumulators' element offset of the segment's first point
   * @param rows how many segments: segment {@code r} starts {@code r * rowStride[k]} elements
   *     after the first (per load slot, then for the accumulators)
   * @param rowStride the element stride between segments
   */
  void reduce(Object[] in, int[] base, int n, Object[] acc, int accBase, int rows,
      int[] rowStride);
}
