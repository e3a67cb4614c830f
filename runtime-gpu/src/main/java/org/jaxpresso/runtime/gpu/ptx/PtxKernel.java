package org.jaxpresso.runtime.gpu.ptx;

/**
 * One generated kernel: a PTX module with a single entry point.
 *
 * @param entry the entry point's name (the kernel IR name)
 * @param ptx the module text
 * @param blockSize threads per block the kernel is written for
 * @param gridLimit the number of work items its grid-stride loop covers (elements for loops,
 *     output elements for reductions): launch {@code min(ceil(gridLimit / blockSize), cap)}
 *     blocks for loops, {@code min(gridLimit, cap)} for reductions
 * @param reduction whether it is a reduction kernel (one block per output element)
 * @param splits for a two-pass reduction, the number of slices of the reduced space (the module
 *     then also has entry {@code entry + "_partial"}, launched first on {@code gridLimit *
 *     splits} work items); 1 otherwise
 * @param scratchBytes the size of the scratch buffer both passes take as their last parameter
 *     (0 for one-pass kernels, which take none)
 */
public record PtxKernel(String entry, String ptx, int blockSize, long gridLimit,
    boolean reduction, int splits, long scratchBytes) {
  /**
   * The number of blocks to launch given a cap (e.g. 32 per multiprocessor).
   *
   * @param cap the most blocks to launch
   * @return the grid size of the (second, for two-pass reductions) launch, at least 1
   */
  public int blocks(int cap) {
    long b = reduction ? gridLimit : (gridLimit + blockSize - 1) / blockSize;
    return (int) Math.max(1, Math.min(b, cap));
  }

  /**
   * The number of blocks of the first pass of a two-pass reduction.
   *
   * @param cap the most blocks to launch
   * @return the grid size of the first pass, at least 1
   */
  public int partialBlocks(int cap) {
    return (int) Math.max(1, Math.min(gridLimit * splits, cap));
  }

  /**
   * The name of the first pass's entry point.
   *
   * @return {@code entry + "_partial"}
   */
  public String partialEntry() {
    return entry + "_partial";
  }
}
