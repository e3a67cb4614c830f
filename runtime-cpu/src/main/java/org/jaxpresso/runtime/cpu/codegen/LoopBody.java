package org.jaxpresso.runtime.cpu.codegen;

/**
 * A generated elementwise kernel body: computes one contiguous segment of {@code n} points of
 * its index space. Generated classes implement it (see {@link KernelClasses}).
 */
public interface LoopBody {
  /**
   * Computes points {@code 0..n-1} of a segment.
   *
   * @param in the input arrays (one per input of the kernel, then one per reduction for an
   *     epilogue)
   * @param out the output arrays
   * @param base for each load slot, the element offset of the segment's first point
   * @param outBase the outputs' element offset of the segment's first point
   * @param n the segment's length
   * @param rows how many segments: segment {@code r} starts {@code r * rowStride[k]} elements
   *     after the first (for load slot {@code k}, and for the outputs at {@code k = slots})
   * @param rowStride the element stride between segments, per slot then for the outputs
   */
  void run(Object[] in, Object[] out, int[] base, int outBase, int n, int rows, int[] rowStride);
}
