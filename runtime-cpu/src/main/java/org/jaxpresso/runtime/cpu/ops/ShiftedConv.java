package org.jaxpresso.runtime.cpu.ops;

import org.jaxpresso.runtime.cpu.kernels.CpuPool;
import org.jaxpresso.runtime.cpu.kernels.Gemm;
import org.jaxpresso.runtime.cpu.kernels.RowStencil;

/**
 * The convolution with unit window strides and no lhs dilation (padding and rhs dilation
 * allowed) as an implicit GEMM, without im2col: each task's planes are zero-padded into a
 * per-thread scratch that the GEMM then reads from cache (no copy without padding). On the
 * padded grid, window offset {@code w} of channel {@code c} reads the image shifted by a
 * constant, and output position {@code q} sits at a fixed offset: so B is the padded image
 * itself, one row per (channel, window offset) at that shift and one column per output
 * position at its grid offset, packed by the GEMM through a row and a column table ({@link
 * Gemm#sgemmGather}) and written straight into the output.
 */
final class ShiftedConv {
  /**
   * Groups of at most this many output features run {@link #stencil} instead of the GEMM (a
   * depthwise 3x3 over 8 x 64 x 56^2 took 5.3 ms through the GEMM, one tile row in eight used).
   */
  static final int STENCIL_FEATURES = 2;
  private static final ThreadLocal<Object[]> SCRATCH =
      ThreadLocal.withInitial(() -> new Object[4]);

  private ShiftedConv() {}

  /**
   * Whether this geometry takes the shifted path: unit strides, no lhs dilation, no negative
   * padding, and a padded grid at most twice the output (the grid's extra columns are wasted
   * work).
   */
  static boolean applies(int[] in, int[] out, int[] strides, int[] lhsDil, int[][] padding) {
    if (strides.length == 0) {
      return false;
    }
    long grid = 1;
    long positions = 1;
    for (int d = 0; d < strides.length; d++) {
      if (strides[d] != 1 || lhsDil[d] != 1 || padding[d][0] < 0 || padding[d][1] < 0) {
        return false;
      }
      grid *= in[d] + padding[d][0] + padding[d][1];
      positions *= out[d];
    }
    return grid <= 2 * positions;
  }

  /**
   * Computes the canonical output {@code y} [outImages, outFeat, out...] from the canonical
   * image {@code x} [images, channels, in...] and weights {@code w} [outFeat, inFeat,
   * window...].
   */
  static void run(Object x, Object w, Object y, int images, int channels, int[] in,
      int[] window, int[] out, int[][] padding, int[] rhsDil, int outImages, int outFeat,
      int inFeat, int g, int bg) {
    int n = in.length;
    int[] grid = new int[n];
    boolean padded = false;
    for (int d = 0; d < n; d++) {
      grid[d] = in[d] + padding[d][0] + padding[d][1];
      padded |= padding[d][0] != 0 || padding[d][1] != 0;
    }
    int[] gstride = new int[n];
    int gridSize = 1;
    for (int d = n - 1; d >= 0; d--) {
      gstride[d] = gridSize;
      gridSize = Math.multiplyExact(gridSize, grid[d]);
    }
    int positions = 1;
    for (int d = 0; d < n; d++) {
      positions *= out[d];
    }
    int run = n == 0 ? 1 : out[n - 1];
    // Column q of B: output position q's offset on the padded grid.
    int[] cols = new int[positions];
    int[] o = new int[n];
    for (int q = 0, off = 0; q < positions; q++) {
      cols[q] = off;
      for (int d = n - 1; d >= 0; d--) {
        o[d]++;
        off += gstride[d];
        if (o[d] < out[d]) {
          break;
        }
        off -= o[d] * gstride[d];
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
        for (int d = n - 1; d >= 0; d--) {
          shift += (rem % window[d]) * rhsDil[d] * gstride[d];
          rem /= window[d];
        }
        rows[c * wsize + wi] = c * gridSize + shift;
      }
    }
    int groups = Math.max(g, bg);
    int og = outFeat / groups;
    int imagesPerGroup = images / bg;
    int tasks = outImages * groups;
    long flops = 2L * outImages * outFeat * (long) positions * kdim;
    boolean parallelTasks = flops >= Gemm.PARALLEL_FLOPS && tasks >= CpuPool.threads();
    int positionsF = positions;
    int plane = gridSize;
    int inPlane = Math.max(0, (int) java.util.Arrays.stream(in).asLongStream()
        .reduce(1, (p, q) -> p * q));
    boolean pads = padded;
    java.util.function.IntConsumer task = t -> {
      int grp = t % groups;
      int ob = t / groups;
      int img = bg > 1 ? grp * imagesPerGroup + ob : ob;
      int chan0 = g > 1 ? grp * inFeat : 0;
      int xBase = (img * channels + chan0) * plane;
      Object xp = x;
      if (pads) {
        // This task's planes, zero-padded into a scratch that the GEMM then reads from cache.
        xp = scratch(x, 1, inFeat * plane);
        zero(xp, inFeat * plane);
        pad(x, (img * channels + chan0) * inPlane, inFeat, in, grid, gstride, padding, xp);
        xBase = 0;
      }
      int wOff = grp * og * kdim;
      int yOff = (ob * outFeat + grp * og) * positionsF;
      if (og <= STENCIL_FEATURES) {
        stencil(xp, xBase, rows, cols, positionsF, run, w, wOff, kdim, og, y, yOff);
      } else if (y instanceof float[] yf) {
        Gemm.sgemmGather(og, positionsF, kdim, (float[]) w, wOff, kdim, 1, (float[]) xp, xBase,
            rows, cols, yf, yOff, positionsF, false, !parallelTasks);
      } else {
        Gemm.dgemmGather(og, positionsF, kdim, (double[]) w, wOff, kdim, 1, (double[]) xp,
            xBase, rows, cols, (double[]) y, yOff, positionsF, false, !parallelTasks);
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
   * 6- or 8-row tile would compute with the other rows empty, after packing all of B): each
   * output row (a run of {@code run} positions, contiguous on the grid) is one {@link
   * RowStencil} over the kdim (channel, window offset) rows.
   */
  private static void stencil(Object x, int xBase, int[] rows, int[] cols, int positions,
      int run, Object w, int wOff, int kdim, int og, Object y, int yOff) {
    for (int f = 0; f < og; f++) {
      for (int q0 = 0; q0 < positions; q0 += run) {
        RowStencil.apply(x, xBase + cols[q0], rows, kdim, w, wOff + f * kdim, y,
            yOff + f * positions + q0, Math.min(run, positions - q0));
      }
    }
  }

  /**
   * Copies {@code planes} row-major planes of shape in, from {@code x[src]} on, into the
   * interiors of the zeroed planes of shape grid at the start of {@code xp}.
   */
  private static void pad(Object x, int src0, int planes, int[] in, int[] grid, int[] gstride,
      int[][] padding, Object xp) {
    int n = in.length;
    int gridSize = gstride[0] * grid[0];
    int inSize = 1;
    for (int d : in) {
      inSize *= d;
    }
    if (inSize == 0) {
      return;
    }
    int last = n - 1;
    int run = in[last];
    int lead = 0;
    for (int d = 0; d < n; d++) {
      lead += padding[d][0] * gstride[d];
    }
    int[] i = new int[n];
    for (int p = 0; p < planes; p++) {
      java.util.Arrays.fill(i, 0);
      int dst = p * gridSize + lead;
      int base = src0 + p * inSize;
      for (int src = base; src < base + inSize; src += run) {
        System.arraycopy(x, src, xp, dst, run);
        for (int d = last - 1; d >= 0; d--) {
          i[d]++;
          dst += gstride[d];
          if (i[d] < in[d]) {
            break;
          }
          dst -= i[d] * gstride[d];
          i[d] = 0;
        }
      }
    }
  }

  private static void zero(Object a, int n) {
    if (a instanceof float[] f) {
      java.util.Arrays.fill(f, 0, n, 0f);
    } else {
      java.util.Arrays.fill((double[]) a, 0, n, 0.0);
    }
  }

  /** This thread's scratch number {@code slot} (1: padded image) like x. */
  private static Object scratch(Object like, int slot, int size) {
    Object[] s = SCRATCH.get();
    int i = 2 * slot + (like instanceof float[] ? 0 : 1);
    if (s[i] == null || java.lang.reflect.Array.getLength(s[i]) < size) {
      s[i] = like instanceof float[] ? new float[size] : new double[size];
    }
    return s[i];
  }
}
