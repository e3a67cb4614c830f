package org.jaxpresso.runtime.cpu.ops;

import org.jaxpresso.runtime.cpu.kernels.CpuPool;
import org.jaxpresso.runtime.cpu.kernels.Gemm;
import org.jaxpresso.runtime.cpu.kernels.RowStencil;

/**
 * The convolution without lhs dilation (strides, padding and rhs dilation allowed) as an
 * implicit GEMM, without im2col: each task's planes are zero-padded and split into their
 * stride phases in a per-thread scratch that the GEMM then reads from cache (no copy with unit
 * strides and no padding). There, window offset {@code w} of channel {@code c} reads the image
 * shifted by a constant, and output position {@code q} sits at a fixed offset: so B is the
 * scratch itself, one row per (channel, window offset) at that shift and one column per output
 * position at its offset, packed by the GEMM through a row and a column table ({@link
 * Gemm#sgemmGather}) and written straight into the output. Groups with one or two output
 * features run a {@link RowStencil} instead.
 */
final class ShiftedConv {
  /**
   * Groups of at most this many output features run {@link #stencil} instead of the GEMM (a
   * depthwise 3x3 over 8 x 64 x 56^2 took 5.3 ms through the GEMM, one tile row in eight used).
   */
  static final int STENCIL_FEATURES = 2;
  /** Fewest multiply-adds per block when one task's stencil splits over the pool. */
  static final long STENCIL_BLOCK_MACS = 1L << 21;

  private ShiftedConv() {}

  /**
   * Whether this geometry takes the shifted path: no lhs dilation, no negative padding, and a
   * padded image (its stride phases included) at most {@link #MAX_PAD_GROWTH} times the larger
   * of the input and the output, so that the per-task copy stays small next to the product (a
   * stride of 1100 with padding of 1100 would pad a 4 x 4 image to 2204 x 2204).
   */
  static boolean applies(int[] in, int[] out, int[] strides, int[] lhsDil, int[][] padding) {
    if (strides.length == 0) {
      return false;
    }
    long cells = 1;
    long inCells = 1;
    long outCells = 1;
    for (int d = 0; d < strides.length; d++) {
      if (lhsDil[d] != 1 || padding[d][0] < 0 || padding[d][1] < 0) {
        return false;
      }
      long grid = (long) in[d] + padding[d][0] + padding[d][1];
      cells *= (grid + strides[d] - 1) / strides[d] * strides[d];
      inCells *= in[d];
      outCells *= out[d];
    }
    return cells <= MAX_PAD_GROWTH * Math.max(inCells, outCells);
  }

  /** See {@link #applies}: how much larger than its input or output the padded image may be. */
  static final int MAX_PAD_GROWTH = 4;

  /**
   * Computes the canonical output {@code y} [outImages, outFeat, out...] from the canonical
   * image {@code x} [images, channels, in...] and weights {@code w} [outFeat, inFeat,
   * window...].
   *
   * <p>With window strides s, the padded image is split into its s-phases (the elements whose
   * padded coordinates are a mod s, for each a), each a dense grid of ceil(grid / s) per
   * dimension. Window offset t then reads phase t mod s shifted by t / s, and output position o
   * sits at o on every phase grid: unit strides again, so the same row and column tables serve
   * (one phase, the padded image itself, when s = 1).
   */
  static void run(Object x, Object w, Object y, int images, int channels, int[] in,
      int[] window, int[] out, int[] strides, int[][] padding, int[] rhsDil, int outImages,
      int outFeat, int inFeat, int g, int bg) {
    int n = in.length;
    int[] phaseDims = new int[n];
    boolean copy = false;
    for (int d = 0; d < n; d++) {
      int grid = in[d] + padding[d][0] + padding[d][1];
      phaseDims[d] = (grid + strides[d] - 1) / strides[d];
      copy |= padding[d][0] != 0 || padding[d][1] != 0 || strides[d] != 1;
    }
    int[] pstride = new int[n];
    int size = 1;
    int phases = 1;
    for (int d = n - 1; d >= 0; d--) {
      pstride[d] = size;
      size = Math.multiplyExact(size, phaseDims[d]);
      phases = Math.multiplyExact(phases, strides[d]);
    }
    int phaseSize = size;
    int chanSize = Math.multiplyExact(phaseSize, phases);
    int positions = 1;
    for (int d = 0; d < n; d++) {
      positions *= out[d];
    }
    int run = n == 0 ? 1 : out[n - 1];
    // Output row r (a run of positions along the last dimension) starts at rowStarts[r] on the
    // phase grid; column q of B, output position q, at rowStarts[q / run] + q % run.
    int rowCount = run == 0 ? 0 : positions / run;
    int[] rowStarts = new int[rowCount];
    int[] o = new int[n];
    for (int r = 0, off = 0; r < rowCount; r++) {
      rowStarts[r] = off;
      for (int d = n - 2; d >= 0; d--) {
        o[d]++;
        off += pstride[d];
        if (o[d] < out[d]) {
          break;
        }
        off -= o[d] * pstride[d];
        o[d] = 0;
      }
    }
    int wsize = 1;
    for (int k : window) {
      wsize *= k;
    }
    int kdim = inFeat * wsize;
    int[] rows = new int[kdim];
    for (int c = 0; c < inFeat; c++) {
      for (int wi = 0; wi < wsize; wi++) {
        int rem = wi;
        int shift = 0;
        int phase = 0;
        int scale = 1;
        for (int d = n - 1; d >= 0; d--) {
          int t = (rem % window[d]) * rhsDil[d];
          shift += t / strides[d] * pstride[d];
          phase += t % strides[d] * scale;
          scale *= strides[d];
          rem /= window[d];
        }
        rows[c * wsize + wi] = c * chanSize + phase * phaseSize + shift;
      }
    }
    int groups = Math.max(g, bg);
    int og = outFeat / groups;
    int[] cols = null;
    if (og > STENCIL_FEATURES) {
      cols = new int[positions];
      for (int q = 0; q < positions; q++) {
        cols[q] = rowStarts[q / run] + q % run;
      }
    }
    int[] colsF = cols;
    int imagesPerGroup = images / bg;
    int tasks = outImages * groups;
    long flops = 2L * outImages * outFeat * (long) positions * kdim;
    boolean parallelTasks = flops >= Gemm.PARALLEL_FLOPS && tasks >= CpuPool.threads();
    int positionsF = positions;
    int inPlane = Math.max(0, (int) java.util.Arrays.stream(in).asLongStream()
        .reduce(1, (p, q) -> p * q));
    boolean copies = copy;
    java.util.function.IntConsumer task = t -> {
      int grp = t % groups;
      int ob = t / groups;
      int img = bg > 1 ? grp * imagesPerGroup + ob : ob;
      int chan0 = g > 1 ? grp * inFeat : 0;
      int xBase = (img * channels + chan0) * chanSize;
      Object xp = x;
      if (copies) {
        // This task's planes, zero-padded and split into phases in a scratch that the GEMM
        // then reads from cache.
        xp = PaddedScratch.zeroed(x, Math.multiplyExact(inFeat, chanSize));
        pad(x, (img * channels + chan0) * inPlane, inFeat, in, strides, padding, pstride,
            phaseSize, chanSize, xp);
        xBase = 0;
      }
      int wOff = grp * og * kdim;
      int yOff = (ob * outFeat + grp * og) * positionsF;
      if (og <= STENCIL_FEATURES) {
        // With fewer tasks than threads, a large task's positions in blocks over the pool (a
        // block of 2M multiply-adds or more: below that, waking a worker cost more than it
        // saved, e.g. np.convolve of 1e6 by 3 taps 1.01 -> 1.29 ms split in two).
        int blocks = parallelTasks ? 1
            : (int) Math.max(1, Math.min(4L * CpuPool.threads(),
                (long) og * positionsF * kdim / STENCIL_BLOCK_MACS));
        Object src = xp;
        int base = xBase;
        CpuPool.parallelFor(blocks, blk -> stencil(src, base, rows, rowStarts, positionsF, run,
            w, wOff, kdim, og, y, yOff, (int) ((long) blk * positionsF / blocks),
            (int) ((long) (blk + 1) * positionsF / blocks)));
      } else if (y instanceof float[] yf) {
        Gemm.sgemmGather(og, positionsF, kdim, (float[]) w, wOff, kdim, 1, (float[]) xp, xBase,
            rows, colsF, yf, yOff, positionsF, false, !parallelTasks);
      } else {
        Gemm.dgemmGather(og, positionsF, kdim, (double[]) w, wOff, kdim, 1, (double[]) xp,
            xBase, rows, colsF, (double[]) y, yOff, positionsF, false, !parallelTasks);
      }
    };
    if (parallelTasks) {
      CpuPool.parallelFor(tasks, task);
    } else {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
    }
  }

  /**
   * {@code og} output features from the padded planes directly, for groups too narrow for the
   * GEMM's register tile (a depthwise convolution has one output feature per group, which a
   * 6- or 8-row tile would compute with the other rows empty, after packing all of B):
   * positions [q0, q1), each piece of an output row (a run of {@code run} positions, contiguous
   * on the grid) one {@link RowStencil} over the kdim (channel, window offset) rows.
   */
  private static void stencil(Object x, int xBase, int[] rows, int[] rowStarts, int positions,
      int run, Object w, int wOff, int kdim, int og, Object y, int yOff, int q0, int q1) {
    for (int f = 0; f < og; f++) {
      for (int q = q0; q < q1; ) {
        int j = q % run;
        int len = Math.min(run - j, q1 - q);
        RowStencil.apply(x, xBase + rowStarts[q / run] + j, rows, kdim, w, wOff + f * kdim, y,
            yOff + f * positions + q, len);
        q += len;
      }
    }
  }

  /**
   * Copies {@code planes} row-major planes of shape in, from {@code x[src0]} on, into the
   * zeroed scratch {@code xp}: plane c at {@code c * chanSize}, padded by {@code padding} and
   * split into its stride phases (phase a at {@code a * phaseSize}, row-major over the phase
   * grid with strides {@code pstride}). Each input row is one copy per phase of its last
   * dimension: a plain array copy with unit stride, every s-th element otherwise.
   */
  private static void pad(Object x, int src0, int planes, int[] in, int[] strides,
      int[][] padding, int[] pstride, int phaseSize, int chanSize, Object xp) {
    int n = in.length;
    int last = n - 1;
    int len = in[last];
    int rowsPerPlane = 1;
    for (int d = 0; d < last; d++) {
      rowsPerPlane *= in[d];
    }
    if (len == 0 || rowsPerPlane == 0) {
      return;
    }
    int sl = strides[last];
    int pl = padding[last][0];
    int[] i = new int[n];
    for (int c = 0; c < planes; c++) {
      java.util.Arrays.fill(i, 0);
      for (int r = 0; r < rowsPerPlane; r++) {
        int phase = 0;
        int pos = 0;
        for (int d = 0; d < last; d++) {
          int gd = i[d] + padding[d][0];
          phase = phase * strides[d] + gd % strides[d];
          pos += gd / strides[d] * pstride[d];
        }
        int src = src0 + (c * rowsPerPlane + r) * len;
        for (int b = 0; b < sl; b++) {
          int i0 = Math.floorMod(b - pl, sl);
          if (i0 >= len) {
            continue;
          }
          int dst = c * chanSize + (phase * sl + b) * phaseSize + pos + (i0 + pl) / sl;
          int count = (len - i0 + sl - 1) / sl;
          if (sl == 1) {
            System.arraycopy(x, src, xp, dst, len);
          } else {
            strided(x, src + i0, sl, xp, dst, count);
          }
        }
        for (int d = last - 1; d >= 0; d--) {
          if (++i[d] < in[d]) {
            break;
          }
          i[d] = 0;
        }
      }
    }
  }

  /** {@code xp[dst + j] = x[src + j * step]} for {@code j < count}. */
  private static void strided(Object x, int src, int step, Object xp, int dst, int count) {
    if (x instanceof float[] xf) {
      float[] pf = (float[]) xp;
      for (int j = 0; j < count; j++) {
        pf[dst + j] = xf[src + j * step];
      }
    } else {
      double[] xd = (double[]) x;
      double[] pd = (double[]) xp;
      for (int j = 0; j < count; j++) {
        pd[dst + j] = xd[src + j * step];
      }
    }
  }
}
