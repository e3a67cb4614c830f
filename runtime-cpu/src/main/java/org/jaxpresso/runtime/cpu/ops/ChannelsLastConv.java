package org.jaxpresso.runtime.cpu.ops;

import org.jaxpresso.lax.ConvDimensionNumbers;
import org.jaxpresso.runtime.cpu.kernels.ChannelStencil;
import org.jaxpresso.runtime.cpu.kernels.CpuPool;
import org.jaxpresso.runtime.cpu.kernels.Gemm;

/**
 * The convolution in channels-last layouts (input and output [N, spatial..., C] as NHWC, kernel
 * [window..., I, O] as HWIO: Flax's defaults) as an implicit GEMM that needs no transposes:
 * {@code y[image][position][o] = sum over (window offset, c) of x[...][c] w[offset][c][o]}. A
 * row of A is an output position, read through a row table at its window's origin in the
 * (zero-padded, per task) image, and a column of A a (window offset, input channel) pair, read
 * through a column table whose runs are the C contiguous channels of one offset; B is the kernel
 * itself, [window x I, O] row-major; C is the output, row-major [positions, O]. Strides and rhs
 * dilation are offsets in the tables. A depthwise convolution (a group per channel) runs a
 * {@link ChannelStencil} per output position instead, its channels on vectors.
 */
final class ChannelsLastConv {

  private ChannelsLastConv() {}

  /**
   * Whether this convolution takes the channels-last path: channels-last input, output and
   * kernel, spatial dimensions in order, one batch group, one feature group or a depthwise one
   * (a group per input channel, one output feature each), no lhs dilation, no negative
   * padding, and a padded image within {@link ShiftedConv#MAX_PAD_GROWTH} times the input or
   * output.
   */
  static boolean applies(ConvDimensionNumbers dn, int g, int bg, int[] lhsDil,
      int[][] padding, int inPerGroup, int outFeat, int[] in, int[] out) {
    int n = lhsDil.length;
    if (n == 0 || bg != 1 || (g != 1 && (inPerGroup != 1 || outFeat != g))) {
      return false;
    }
    long cells = 1;
    long inCells = 1;
    long outCells = 1;
    for (int d = 0; d < n; d++) {
      cells *= (long) in[d] + Math.max(0, padding[d][0]) + Math.max(0, padding[d][1]);
      inCells *= in[d];
      outCells *= out[d];
    }
    if (cells > ShiftedConv.MAX_PAD_GROWTH * Math.max(inCells, outCells)) {
      return false;
    }
    int[] ls = dn.lhsSpec();
    int[] rs = dn.rhsSpec();
    int[] os = dn.outSpec();
    if (ls[0] != 0 || ls[1] != n + 1 || os[0] != 0 || os[1] != n + 1 || rs[0] != n + 1
        || rs[1] != n) {
      return false;
    }
    for (int d = 0; d < n; d++) {
      if (ls[2 + d] != 1 + d || os[2 + d] != 1 + d || rs[2 + d] != d || lhsDil[d] != 1
          || padding[d][0] < 0 || padding[d][1] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Computes {@code y} [images, out..., outFeat] from {@code x} [images, in..., channels] and
   * {@code w} [window..., channels, outFeat], all row-major.
   */
  static void run(Object x, Object w, Object y, int images, int channels, int[] in,
      int[] window, int[] out, int[] strides, int[][] padding, int[] rhsDil, int outFeat,
      boolean depthwise) {
    int n = in.length;
    int[] grid = new int[n];
    boolean padded = false;
    for (int d = 0; d < n; d++) {
      grid[d] = in[d] + padding[d][0] + padding[d][1];
      padded |= padding[d][0] != 0 || padding[d][1] != 0;
    }
    int[] gs = new int[n];
    int cells = 1;
    for (int d = n - 1; d >= 0; d--) {
      gs[d] = cells;
      cells = Math.multiplyExact(cells, grid[d]);
    }
    int imageSize = Math.multiplyExact(cells, channels);
    int positions = 1;
    for (int o : out) {
      positions *= o;
    }
    // Row q: output position q's window origin on the padded grid.
    int[] rows = new int[positions];
    int[] o = new int[n];
    for (int q = 0; q < positions; q++) {
      int off = 0;
      for (int d = 0; d < n; d++) {
        off += o[d] * strides[d] * gs[d];
      }
      rows[q] = off * channels;
      for (int d = n - 1; d >= 0; d--) {
        if (++o[d] < out[d]) {
          break;
        }
        o[d] = 0;
      }
    }
    int wsize = 1;
    for (int k : window) {
      wsize *= k;
    }
    int kdim = wsize * channels;
    // Column (offset, c): the window offset's shift on the grid, then the channel.
    int[] cols = new int[kdim];
    for (int wi = 0; wi < wsize; wi++) {
      int rem = wi;
      int shift = 0;
      for (int d = n - 1; d >= 0; d--) {
        shift += rem % window[d] * rhsDil[d] * gs[d];
        rem /= window[d];
      }
      for (int c = 0; c < channels; c++) {
        cols[wi * channels + c] = shift * channels + c;
      }
    }
    // Depthwise: window offset wi's shift, for all channels at once.
    int[] taps = new int[wsize];
    for (int wi = 0; wi < wsize; wi++) {
      taps[wi] = cols[wi * channels];
    }
    int wsizeF = wsize;
    int inSize = channels;
    for (int i : in) {
      inSize *= i;
    }
    long flops = 2L * images * positions * kdim * (depthwise ? 1 : outFeat);
    boolean parallelTasks = flops >= Gemm.PARALLEL_FLOPS && images >= CpuPool.threads();
    // Depthwise with fewer images than threads: each image's positions in blocks over the pool
    // (the padded image is the caller's, read by all until the blocks are done).
    boolean splitPositions = depthwise && !parallelTasks && flops >= Gemm.PARALLEL_FLOPS;
    int inImage = inSize;
    boolean pads = padded;
    int positionsF = positions;
    java.util.function.IntConsumer task = img -> {
      Object xp = x;
      int xBase = img * inImage;
      if (pads) {
        xp = PaddedScratch.zeroed(x, imageSize);
        pad(x, img * inImage, in, channels, grid, gs, padding, xp);
        xBase = 0;
      }
      int yOff = img * positionsF * outFeat;
      if (depthwise) {
        Object src = xp;
        int base = xBase;
        int blocks = splitPositions ? Math.min(positionsF, 4 * CpuPool.threads()) : 1;
        CpuPool.parallelFor(blocks, blk -> {
          int q1 = (int) ((long) (blk + 1) * positionsF / blocks);
          for (int q = (int) ((long) blk * positionsF / blocks); q < q1; q++) {
            ChannelStencil.apply(src, base + rows[q], taps, wsizeF, w, y, yOff + q * channels,
                channels);
          }
        });
      } else if (y instanceof float[] yf) {
        Gemm.sgemmGatherA(positionsF, outFeat, kdim, (float[]) xp, xBase, rows, cols,
            (float[]) w, 0, outFeat, yf, yOff, outFeat, false, !parallelTasks);
      } else {
        Gemm.dgemmGatherA(positionsF, outFeat, kdim, (double[]) xp, xBase, rows, cols,
            (double[]) w, 0, outFeat, (double[]) y, yOff, outFeat, false, !parallelTasks);
      }
    };
    if (parallelTasks) {
      CpuPool.parallelFor(images, task);
    } else {
      for (int img = 0; img < images; img++) {
        task.accept(img);
      }
    }
  }

  /**
   * Copies one channels-last image of spatial shape in, from {@code x[src]} on, into the
   * interior of the zeroed padded image at the start of {@code xp}: one array copy per row of
   * the last spatial dimension (its channels included).
   */
  private static void pad(Object x, int src, int[] in, int channels, int[] grid, int[] gs,
      int[][] padding, Object xp) {
    int n = in.length;
    int last = n - 1;
    int run = in[last] * channels;
    int rowsCount = 1;
    for (int d = 0; d < last; d++) {
      rowsCount *= in[d];
    }
    if (run == 0 || rowsCount == 0) {
      return;
    }
    int[] i = new int[n];
    for (int r = 0; r < rowsCount; r++) {
      int cell = padding[last][0];
      for (int d = 0; d < last; d++) {
        cell += (i[d] + padding[d][0]) * gs[d];
      }
      System.arraycopy(x, src + r * run, xp, cell * channels, run);
      for (int d = last - 1; d >= 0; d--) {
        if (++i[d] < in[d]) {
          break;
        }
        i[d] = 0;
      }
    }
  }
}
