package org.jaxpresso.runtime.cpu.codegen;

/**
 * A step that can run a band of rows of its index space at a time, so that {@link RowBlocks}
 * can interleave several steps over the same rows while those rows are still in cache. A row is
 * one index of every axis but the last; the points of rows {@code [r0, r1)} are {@code [r0 *
 * C, r1 * C)} in row-major order, where {@code C} is the extent of the last axis.
 */
interface RowSplittable {
  /** Whether this step, as compiled, can run by rows (no index rewrite, no row tiling). */
  boolean rowSplittable();

  /**
   * Gathers the step's arrays for one program run and records its outputs in {@code env},
   * returning what runs its rows.
   */
  Rows prepare(Object[] env, Buffers buffers);

  /** The rows of one prepared run. */
  interface Rows {
    /** Computes rows {@code [r0, r1)} of {@code perRow} points each, on the calling thread. */
    void run(long r0, long r1, int perRow);
  }
}
