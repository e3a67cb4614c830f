package org.jaxpresso.runtime.cpu.ops;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.lax.ConvDimensionNumbers;
import org.jaxpresso.runtime.cpu.kernels.CpuPool;
import org.jaxpresso.runtime.cpu.kernels.Gemm;

/**
 * {@code conv_general_dilated} through the GEMM. The operands are brought to the canonical
 * layouts (lhs [N, C, spatial...], rhs [O, I, window...], out [N', O, spatial...]; no copy when
 * they already are and the dtype matches), except channels-last ones (NHWC, HWIO: {@link
 * ChannelsLastConv}), which run as they are. Without lhs dilation or negative padding, and with
 * a padded image not much larger than the input or output (the common case), they run as an
 * implicit GEMM on the padded image ({@link ShiftedConv}).
 * Otherwise, for each output image, group and tile of output
 * positions, an im2col tile [I * window, positions] is gathered ({@link Im2col}: strides,
 * padding, lhs and rhs dilation) and one product {@code out[group rows, tile] = W[group rows,
 * I * window] x tile} runs on the GEMM. Tiles hold at most {@link #TILE_ELEMENTS} elements, so a
 * tile stays in L2 while the GEMM packs it. Feature groups select input channels, batch groups
 * select input images, per group of output features, as XLA defines them. A 1x1 window with
 * unit strides, no padding and no dilation reads the image in place.
 *
 * <p>Floating results only (others return {@code null}); bfloat16 and float16 are computed in
 * float32 and rounded once, float64 in float64. Accuracy as {@link DotGeneralOp}, with K the
 * input features per group times the window size.
 */
public final class ConvOp {
  /** The largest im2col tile, in elements. */
  static final int TILE_ELEMENTS = 1 << 17;

  private ConvOp() {}

  /**
   * The convolution of {@code lhs} with {@code rhs} under {@code params} into a result of
   * {@code out}, or {@code null} when the result dtype is not floating.
   *
   * @param lhs the input, laid out as {@code params}' dimension numbers say
   * @param rhs the kernel
   * @param params the {@code conv_general_dilated} parameters
   * @param out the result's abstract value (shape and dtype)
   * @return the convolution, or {@code null} when this path does not handle the dtype
   */
  public static Array apply(Array lhs, Array rhs, Params params, ShapedArray out) {
    if (!HostArrays.supported(out.dtype())) {
      return null;
    }
    ConvDimensionNumbers dn = params.get("dimension_numbers", ConvDimensionNumbers.class);
    int g = params.getInt("feature_group_count");
    int bg = params.getInt("batch_group_count");
    int[] lhsDims = lhs.aval().shape().dims();
    int[] rhsDims = rhs.aval().shape().dims();
    int[] outDims = out.shape().dims();
    int[] l = take(lhsDims, dn.lhsSpec());
    int[] r = take(rhsDims, dn.rhsSpec());
    int[] o = take(outDims, dn.outSpec());
    Im2col geo = new Im2col(slice(l), slice(r), slice(o), params.ints("window_strides"),
        params.intPairs("padding"), params.ints("lhs_dilation"), params.ints("rhs_dilation"));
    int total = Math.toIntExact(out.size());
    Object y = HostArrays.allocate(out.dtype(), total);
    if (total == 0) {
      return HostArrays.wrap(out, y);
    }
    if (ChannelsLastConv.applies(dn, g, bg, params.ints("lhs_dilation"),
        params.intPairs("padding"), r[1], r[0], slice(l), slice(o))
        && r[1] * geo.windowSize() > 0) {
      ChannelsLastConv.run(HostArrays.working(lhs, out.dtype()),
          HostArrays.working(rhs, out.dtype()), y, l[0], l[1], slice(l), slice(r), slice(o),
          params.ints("window_strides"), params.intPairs("padding"), params.ints("rhs_dilation"),
          r[0], g > 1);
      return HostArrays.wrap(out, y);
    }
    Object x = canonical(HostArrays.working(lhs, out.dtype()), lhsDims, dn.lhsSpec());
    Object w = canonical(HostArrays.working(rhs, out.dtype()), rhsDims, dn.rhsSpec());
    int[][] padding = params.intPairs("padding");
    if (!geo.isPointwise() && r[1] * geo.windowSize() > 0
        && ShiftedConv.applies(slice(l), slice(o), params.ints("window_strides"),
            params.ints("lhs_dilation"), padding)) {
      ShiftedConv.run(x, w, y, l[0], l[1], slice(l), slice(r), slice(o),
          params.ints("window_strides"), padding, params.ints("rhs_dilation"), o[0], r[0], r[1],
          g, bg);
      return finish(out, dn, o, y);
    }
    int groups = Math.max(g, bg);
    int outImages = o[0];
    int outFeat = r[0];
    int og = outFeat / groups;
    int inFeat = r[1];
    int kdim = inFeat * geo.windowSize();
    int positions = geo.outSize();
    int inPositions = geo.inSize();
    int imagesPerGroup = l[0] / bg;
    boolean direct = geo.isPointwise();
    int tile = positions;
    if (!direct && (long) kdim * positions > TILE_ELEMENTS) {
      tile = Math.max(64, TILE_ELEMENTS / Math.max(kdim, 1) / 64 * 64);
    }
    int tiles = (positions + tile - 1) / tile;
    int tileSize = tile;
    int tasks = outImages * groups * tiles;
    long flops = 2L * outImages * outFeat * positions * kdim;
    boolean parallelTasks = flops >= Gemm.PARALLEL_FLOPS && tasks >= CpuPool.threads();
    Object yy = y;
    java.util.function.IntConsumer task = t -> {
      int ti = t % tiles;
      int grp = (t / tiles) % groups;
      int ob = t / tiles / groups;
      int img = bg > 1 ? grp * imagesPerGroup + ob : ob;
      int chan0 = g > 1 ? grp * inFeat : 0;
      int xBase = (img * l[1] + chan0) * inPositions;
      int p0 = ti * tileSize;
      int pt = Math.min(tileSize, positions - p0);
      int wOff = grp * og * kdim;
      int yOff = (ob * outFeat + grp * og) * positions + p0;
      Object b;
      int bOff;
      int bRow;
      if (direct) {
        b = x;
        bOff = xBase + p0;
        bRow = inPositions;
      } else {
        b = Im2col.buffer(x, kdim * pt);
        geo.gather(x, xBase, inPositions, inFeat, p0, pt, b);
        bOff = 0;
        bRow = pt;
      }
      if (yy instanceof float[] yf) {
        if (parallelTasks) {
          Gemm.sgemmSequential(1, og, pt, kdim, (float[]) w, wOff, 0, kdim, 1,
              (float[]) b, bOff, 0, bRow, 1, yf, yOff, 0, positions, false);
        } else {
          Gemm.sgemm(1, og, pt, kdim, (float[]) w, wOff, 0, kdim, 1,
              (float[]) b, bOff, 0, bRow, 1, yf, yOff, 0, positions, false);
        }
      } else {
        double[] yd = (double[]) yy;
        if (parallelTasks) {
          Gemm.dgemmSequential(1, og, pt, kdim, (double[]) w, wOff, 0, kdim, 1,
              (double[]) b, bOff, 0, bRow, 1, yd, yOff, 0, positions, false);
        } else {
          Gemm.dgemm(1, og, pt, kdim, (double[]) w, wOff, 0, kdim, 1,
              (double[]) b, bOff, 0, bRow, 1, yd, yOff, 0, positions, false);
        }
      }
    };
    if (parallelTasks) {
      CpuPool.parallelFor(tasks, task);
    } else {
      for (int t = 0; t < tasks; t++) {
        task.accept(t);
      }
    }
    return finish(out, dn, o, y);
  }

  /** The canonical output y moved to the output layout and wrapped. */
  private static Array finish(ShapedArray out, ConvDimensionNumbers dn, int[] o, Object y) {
    if (!identity(dn.outSpec())) {
      y = HostArrays.permute(y, o, inverse(dn.outSpec()));
    }
    return HostArrays.wrap(out, y);
  }

  /** The operand in canonical (spec) order: itself when the spec is the identity. */
  private static Object canonical(Object data, int[] dims, int[] spec) {
    return identity(spec) ? data : HostArrays.permute(data, dims, spec);
  }

  private static boolean identity(int[] spec) {
    for (int i = 0; i < spec.length; i++) {
      if (spec[i] != i) {
        return false;
      }
    }
    return true;
  }

  private static int[] inverse(int[] spec) {
    int[] inv = new int[spec.length];
    for (int i = 0; i < spec.length; i++) {
      inv[spec[i]] = i;
    }
    return inv;
  }

  private static int[] take(int[] dims, int[] spec) {
    int[] r = new int[spec.length];
    for (int i = 0; i < spec.length; i++) {
      r[i] = dims[spec[i]];
    }
    return r;
  }

  private static int[] slice(int[] canonical) {
    return java.util.Arrays.copyOfRange(canonical, 2, canonical.length);
  }
}
