package org.jaxpresso.runtime.cpu.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.lax.ConvDimensionNumbers;
import org.jaxpresso.lax.ConvOptions;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.Padding;
import org.jaxpresso.lax.primitives.Convolution;
import org.junit.jupiter.api.Test;

/** {@code conv_general_dilated} on the CPU backend's GEMM against the reference. */
class ConvOpTest {
  private static final DType[] FLOATS = {
    DType.FLOAT32, DType.FLOAT64, DType.BFLOAT16, DType.FLOAT16
  };

  private record Case(Array lhs, Array rhs, Params params, long terms) {
    @Override
    public String toString() {
      return "conv " + lhs.aval().str() + " * " + rhs.aval().str() + " " + params;
    }
  }

  @Test
  void randomGeometriesLayoutsAndGroupsMatchTheReference() {
    Random rnd = new Random(21);
    for (int trial = 0; trial < 400; trial++) {
      DType dt = FLOATS[trial % FLOATS.length];
      Case c = randomCase(rnd, dt, null);
      run(c);
    }
  }

  @Test
  void preferredElementTypesAndIntegerFallback() {
    Random rnd = new Random(22);
    Object[][] combos = {
      {DType.BFLOAT16, DType.FLOAT32}, {DType.FLOAT16, DType.FLOAT32},
      {DType.FLOAT32, DType.FLOAT64}, {DType.INT8, DType.FLOAT32}, {DType.INT32, null},
      {DType.INT16, DType.INT32},
    };
    for (int trial = 0; trial < 60; trial++) {
      Object[] combo = combos[trial % combos.length];
      Case c = randomCase(rnd, (DType) combo[0], (DType) combo[1]);
      Array got = run(c);
      if (!got.dtype().isFloating()) {
        assertNull(ConvOp.apply(c.lhs(), c.rhs(), c.params(), got.aval()));
      }
    }
  }

  @Test
  void largeImagesAreTiledAndSplitOverThePool() {
    Random rnd = new Random(23);
    // 16 channels x 9 window = 144 rows x 1600 positions: several im2col tiles, parallel tasks.
    for (String[] layout : new String[][] {{"NCHW", "OIHW", "NCHW"}, {"NHWC", "HWIO", "NHWC"}}) {
      ConvDimensionNumbers dn = ConvDimensionNumbers.of(layout[0], layout[1], layout[2]);
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        Array x = layout[0].equals("NCHW") ? Tolerance.random(rnd, dt, 2, 16, 40, 40)
            : Tolerance.random(rnd, dt, 2, 40, 40, 16);
        Array w = layout[1].equals("OIHW") ? Tolerance.random(rnd, dt, 24, 16, 3, 3)
            : Tolerance.random(rnd, dt, 3, 3, 16, 24);
        ConvOptions opts = ConvOptions.defaults().dimensionNumbers(dn);
        Array got = (Array) Lax.convGeneralDilated(x, w, new int[] {1, 1}, Padding.SAME, opts);
        Params p = Convolution.params(new int[] {1, 1}, new int[][] {{1, 1}, {1, 1}},
            new int[] {1, 1}, new int[] {1, 1}, dn, 1, 1, null, null);
        Tolerance.check(Convolution.CONV_GENERAL_DILATED, p, x, w, got, 144,
            "large " + layout[0] + " " + dt);
      }
    }
    // Strided: the im2col path, in several tiles of output positions.
    ConvDimensionNumbers nchw = ConvDimensionNumbers.defaults(4);
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Array x = Tolerance.random(rnd, dt, 2, 16, 80, 80);
      Array w = Tolerance.random(rnd, dt, 8, 16, 3, 3);
      Array got = (Array) Lax.convGeneralDilated(x, w, new int[] {2, 2}, Padding.SAME);
      Params p = Convolution.params(new int[] {2, 2}, new int[][] {{0, 1}, {0, 1}},
          new int[] {1, 1}, new int[] {1, 1}, nchw, 1, 1, null, null);
      Tolerance.check(Convolution.CONV_GENERAL_DILATED, p, x, w, got, 144, "strided " + dt);
    }
    // A single large image: one task, the GEMM itself goes parallel.
    Array x = Tolerance.random(rnd, DType.FLOAT32, 1, 64, 30, 30);
    Array w = Tolerance.random(rnd, DType.FLOAT32, 64, 64, 1, 1);
    Array got = (Array) Lax.convGeneralDilated(x, w, new int[] {1, 1}, Padding.VALID);
    Params p = Convolution.params(new int[] {1, 1}, new int[][] {{0, 0}, {0, 0}},
        new int[] {1, 1}, new int[] {1, 1}, ConvDimensionNumbers.defaults(4), 1, 1, null, null);
    Tolerance.check(Convolution.CONV_GENERAL_DILATED, p, x, w, got, 64, "pointwise 64x30x30");
  }

  @Test
  void narrowGroupsRunTheRowStencil() {
    Random rnd = new Random(25);
    // Depthwise (one output feature per group) and a channel multiplier of 2: the row stencil
    // instead of the GEMM, rows of 40 and 70 positions (whole vectors, one vector, a scalar
    // tail), 1-D, 2-D (padded and not) and 3-D, float32 and float64, parallel tasks.
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int mult : new int[] {1, 2}) {
        Array x = Tolerance.random(rnd, dt, 2, 32, 40, 40);
        Array w = Tolerance.random(rnd, dt, 32 * mult, 1, 3, 3);
        for (Padding pad : new Padding[] {Padding.SAME, Padding.VALID}) {
          ConvOptions opts = ConvOptions.defaults().featureGroupCount(32);
          Array got = (Array) Lax.convGeneralDilated(x, w, new int[] {1, 1}, pad, opts);
          int lo = pad == Padding.SAME ? 1 : 0;
          Params p = Convolution.params(new int[] {1, 1}, new int[][] {{lo, lo}, {lo, lo}},
              new int[] {1, 1}, new int[] {1, 1}, ConvDimensionNumbers.defaults(4), 32, 1,
              null, null);
          Tolerance.check(Convolution.CONV_GENERAL_DILATED, p, x, w, got, 9,
              "depthwise x" + mult + " " + pad + " " + dt);
        }
      }
      Array x1 = Tolerance.random(rnd, dt, 3, 8, 70);
      Array w1 = Tolerance.random(rnd, dt, 8, 1, 5);
      Array got1 = (Array) Lax.convGeneralDilated(x1, w1, new int[] {1}, Padding.SAME,
          ConvOptions.defaults().featureGroupCount(8));
      Params p1 = Convolution.params(new int[] {1}, new int[][] {{2, 2}}, new int[] {1},
          new int[] {1}, ConvDimensionNumbers.defaults(3), 8, 1, null, null);
      Tolerance.check(Convolution.CONV_GENERAL_DILATED, p1, x1, w1, got1, 5, "1-D " + dt);
      Array x3 = Tolerance.random(rnd, dt, 1, 4, 6, 7, 37);
      Array w3 = Tolerance.random(rnd, dt, 4, 1, 2, 3, 3);
      Array got3 = (Array) Lax.convGeneralDilated(x3, w3, new int[] {1, 1, 1}, Padding.SAME,
          ConvOptions.defaults().featureGroupCount(4));
      Params p3 = Convolution.params(new int[] {1, 1, 1}, new int[][] {{0, 1}, {1, 1}, {1, 1}},
          new int[] {1, 1, 1}, new int[] {1, 1, 1}, ConvDimensionNumbers.defaults(5), 4, 1,
          null, null);
      Tolerance.check(Convolution.CONV_GENERAL_DILATED, p3, x3, w3, got3, 18, "3-D " + dt);
    }
  }

  @Test
  void channelsLastLayoutsRunWithoutTransposes() {
    Random rnd = new Random(26);
    // NWC/WIO, NHWC/HWIO and NDHWC/DHWIO with strides, rhs dilation and asymmetric padding:
    // the channels-last path (rows per output position, runs of channels) and its depthwise
    // stencil, several dtypes.
    String[][] layouts = {{"NWC", "WIO", "NWC"}, {"NHWC", "HWIO", "NHWC"},
        {"NDHWC", "DHWIO", "NDHWC"}};
    for (String[] layout : layouts) {
      int n = layout[0].length() - 2;
      ConvDimensionNumbers dn = ConvDimensionNumbers.of(layout[0], layout[1], layout[2]);
      for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.BFLOAT16}) {
        for (int variant = 0; variant < 3; variant++) {
          int[] xs = new int[n + 2];
          int[] ws = new int[n + 2];
          int[] strides = new int[n];
          int[] rhsDil = new int[n];
          int[][] pads = new int[n][2];
          xs[0] = 2;
          xs[n + 1] = 5 + variant * 16;
          ws[n] = xs[n + 1];
          ws[n + 1] = 9 + variant * 7;
          for (int d = 0; d < n; d++) {
            xs[1 + d] = n == 3 ? 6 + d : 13 + 4 * d;
            ws[d] = 1 + (d + variant) % 3;
            strides[d] = 1 + (variant + d) % 2;
            rhsDil[d] = variant == 2 ? 2 : 1;
            pads[d][0] = variant;
            pads[d][1] = (d + 1) % 2;
          }
          Array x = Tolerance.random(rnd, dt, xs);
          Array w = Tolerance.random(rnd, dt, ws);
          Params p = Convolution.params(strides, pads, ones(n), rhsDil, dn, 1, 1, null, null);
          long terms = ws[n];
          for (int d = 0; d < n; d++) {
            terms *= ws[d];
          }
          run(new Case(x, w, p, terms));
          // Depthwise: a group per channel, one output feature each (the channel stencil;
          // 5, 21 and 37 channels: several vectors and a scalar tail).
          int[] dws = ws.clone();
          dws[n] = 1;
          dws[n + 1] = xs[n + 1];
          Array dw = Tolerance.random(rnd, dt, dws);
          Params dp = Convolution.params(strides, pads, ones(n), rhsDil, dn, xs[n + 1], 1, null,
              null);
          run(new Case(x, dw, dp, terms / ws[n]));
        }
      }
    }
  }

  @Test
  void oneLargeNarrowTaskSplitsItsPositionsOverThePool() {
    Random rnd = new Random(29);
    // One image, one group of one or two output features, past STENCIL_BLOCK_MACS: the
    // stencil's positions in blocks over the pool, blocks starting mid-row (1-D: a single row
    // of 600,000; 2-D: 700 x 700 with two output features).
    ConvDimensionNumbers ncw = ConvDimensionNumbers.defaults(3);
    Array x1 = Tolerance.random(rnd, DType.FLOAT32, 1, 1, 600_000);
    Array w1 = Tolerance.random(rnd, DType.FLOAT32, 1, 1, 7);
    run(new Case(x1, w1, Convolution.params(new int[] {1}, new int[][] {{3, 3}}, new int[] {1},
        new int[] {1}, ncw, 1, 1, null, null), 7));
    Array x2 = Tolerance.random(rnd, DType.FLOAT64, 1, 1, 700, 700);
    Array w2 = Tolerance.random(rnd, DType.FLOAT64, 2, 1, 3, 3);
    run(new Case(x2, w2, Convolution.params(new int[] {1, 1}, new int[][] {{1, 1}, {1, 1}},
        new int[] {1, 1}, new int[] {1, 1}, ConvDimensionNumbers.defaults(4), 1, 1, null, null),
        9));
  }

  @Test
  void channelsLastUnpaddedParallelAndSingleImageDepthwise() {
    Random rnd = new Random(27);
    ConvDimensionNumbers dn = ConvDimensionNumbers.of("NHWC", "HWIO", "NHWC");
    int images = 2 * org.jaxpresso.runtime.cpu.kernels.CpuPool.threads();
    for (DType dt : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      // No padding: the image read in place; a 1x1 window; more images than threads (each
      // thread pads into its own scratch); one large image, depthwise (positions split over
      // the pool).
      Array x = Tolerance.random(rnd, dt, images, 9, 11, 21);
      Array w = Tolerance.random(rnd, dt, 2, 3, 21, 7);
      Params p = Convolution.params(new int[] {1, 1}, new int[][] {{0, 0}, {0, 0}},
          new int[] {1, 1}, new int[] {1, 1}, dn, 1, 1, null, null);
      run(new Case(x, w, p, 126));
      Array dw = Tolerance.random(rnd, dt, 2, 3, 1, 21);
      Params dp = Convolution.params(new int[] {1, 1}, new int[][] {{0, 0}, {0, 0}},
          new int[] {1, 1}, new int[] {1, 1}, dn, 21, 1, null, null);
      run(new Case(x, dw, dp, 6));
      Array w1 = Tolerance.random(rnd, dt, 1, 1, 21, 5);
      run(new Case(x, w1, p, 21));
      Params padded = Convolution.params(new int[] {1, 1}, new int[][] {{1, 1}, {1, 1}},
          new int[] {1, 1}, new int[] {1, 1}, dn, 1, 1, null, null);
      run(new Case(x, Tolerance.random(rnd, dt, 3, 3, 21, 7), padded, 189));
      Array big = Tolerance.random(rnd, dt, 1, 64, 64, 64);
      Params bigp = Convolution.params(new int[] {1, 1}, new int[][] {{1, 1}, {1, 1}},
          new int[] {1, 1}, new int[] {1, 1}, dn, 64, 1, null, null);
      run(new Case(big, Tolerance.random(rnd, dt, 3, 3, 1, 64), bigp, 9));
    }
  }

  @Test
  void hugePaddingFallsBackToIm2colInsteadOfPaddingTheImage() {
    Random rnd = new Random(28);
    // Strides and padding of 1100 around a 4 x 4 image: the padded image would be 2204^2 per
    // channel; both layouts must take the tiled im2col path (and agree with the reference).
    int[] s = {1100, 1100};
    int[][] pad = {{1100, 1100}, {1100, 1100}};
    Array xc = Tolerance.random(rnd, DType.FLOAT32, 1, 4, 4, 64);
    Array wc = Tolerance.random(rnd, DType.FLOAT32, 1, 1, 64, 8);
    run(new Case(xc, wc, Convolution.params(s, pad, new int[] {1, 1}, new int[] {1, 1},
        ConvDimensionNumbers.of("NHWC", "HWIO", "NHWC"), 1, 1, null, null), 64));
    Array xn = Tolerance.random(rnd, DType.FLOAT32, 1, 64, 4, 4);
    Array wn = Tolerance.random(rnd, DType.FLOAT32, 8, 64, 1, 1);
    run(new Case(xn, wn, Convolution.params(s, pad, new int[] {1, 1}, new int[] {1, 1},
        ConvDimensionNumbers.defaults(4), 1, 1, null, null), 64));
  }

  private static int[] ones(int n) {
    int[] r = new int[n];
    java.util.Arrays.fill(r, 1);
    return r;
  }

  @Test
  void emptyOperandsAndNoSpatialDims() {
    Random rnd = new Random(24);
    Params p2 = Convolution.params(new int[] {1, 1}, new int[][] {{0, 0}, {0, 0}},
        new int[] {1, 1}, new int[] {1, 1}, ConvDimensionNumbers.defaults(4), 1, 1, null, null);
    // No images, no input channels (all-zero result), no output channels.
    int[][][] shapes = {
      {{0, 2, 4, 4}, {3, 2, 2, 2}}, {{2, 0, 4, 4}, {3, 0, 2, 2}}, {{2, 2, 4, 4}, {0, 2, 2, 2}},
    };
    for (int[][] s : shapes) {
      Case c = new Case(Tolerance.random(rnd, DType.FLOAT32, s[0]),
          Tolerance.random(rnd, DType.FLOAT32, s[1]), p2, 8);
      Array got = run(c);
      for (int i = 0; i < got.aval().size(); i++) {
        assertEquals(s[0][1] == 0 ? 0.0 : got.getDouble(i), got.getDouble(i));
      }
    }
    // Rank-2 operands: a convolution with no spatial dims is a matrix product.
    Params p0 = Convolution.params(new int[0], new int[0][], new int[0], new int[0],
        ConvDimensionNumbers.defaults(2), 1, 1, null, null);
    run(new Case(Tolerance.random(rnd, DType.FLOAT32, 3, 5),
        Tolerance.random(rnd, DType.FLOAT32, 4, 5), p0, 5));
    // A window wider than the padded input: empty spatial output.
    run(new Case(Tolerance.random(rnd, DType.FLOAT64, 1, 2, 3, 3),
        Tolerance.random(rnd, DType.FLOAT64, 2, 2, 5, 2), p2, 20));
  }

  private static Array run(Case c) {
    Array got = (Array) Dispatch.apply(Convolution.CONV_GENERAL_DILATED, c.params(),
        List.of(c.lhs(), c.rhs())).get(0);
    Tolerance.check(Convolution.CONV_GENERAL_DILATED, c.params(), c.lhs(), c.rhs(), got,
        c.terms(), c.toString());
    return got;
  }

  /** A random convolution: 1-3 spatial dims, any layout, strides, padding, dilation, groups. */
  private static Case randomCase(Random rnd, DType dt, DType preferred) {
    int n = 1 + rnd.nextInt(3);
    int mode = rnd.nextInt(3);
    int g = mode == 1 ? 2 + rnd.nextInt(2) : 1;
    int bg = mode == 2 ? 2 + rnd.nextInt(2) : 1;
    int groups = Math.max(g, bg);
    int inPerGroup = new int[] {1, 2, 3, 5}[rnd.nextInt(4)];
    int outPerGroup = new int[] {1, 2, 4}[rnd.nextInt(3)];
    int batch = bg * (1 + rnd.nextInt(2));
    int[] l = new int[n + 2];
    int[] r = new int[n + 2];
    l[0] = batch;
    l[1] = inPerGroup * g;
    r[0] = outPerGroup * groups;
    r[1] = inPerGroup;
    int[] strides = new int[n];
    int[][] pads = new int[n][2];
    int[] lhsDil = new int[n];
    int[] rhsDil = new int[n];
    long terms = inPerGroup;
    for (int d = 0; d < n; d++) {
      l[2 + d] = 1 + rnd.nextInt(n == 3 ? 5 : 9);
      r[2 + d] = 1 + rnd.nextInt(3);
      strides[d] = 1 + (rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0);
      lhsDil[d] = rnd.nextInt(4) == 0 ? 2 : 1;
      rhsDil[d] = rnd.nextInt(4) == 0 ? 2 : 1;
      int dilated = Convolution.dilate(l[2 + d], lhsDil[d]);
      pads[d][0] = rnd.nextInt(4) - 1;
      pads[d][1] = rnd.nextInt(4) - 1;
      if (dilated + pads[d][0] + pads[d][1] < 0) {
        pads[d][0] = 0;
        pads[d][1] = 0;
      }
      terms *= r[2 + d];
    }
    int[] ls = perm(rnd, n + 2);
    int[] rs = perm(rnd, n + 2);
    int[] os = perm(rnd, n + 2);
    ConvDimensionNumbers dn = new ConvDimensionNumbers(ls, rs, os);
    int[] lshape = new int[n + 2];
    int[] rshape = new int[n + 2];
    for (int i = 0; i < n + 2; i++) {
      lshape[ls[i]] = l[i];
      rshape[rs[i]] = r[i];
    }
    Params p = Convolution.params(strides, pads, lhsDil, rhsDil, dn, g, bg, null, preferred);
    return new Case(Tolerance.random(rnd, dt, lshape), Tolerance.random(rnd, dt, rshape), p,
        terms);
  }

  private static int[] perm(Random rnd, int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    if (rnd.nextBoolean()) {
      Collections.shuffle(l, rnd);
    }
    return l.stream().mapToInt(Integer::intValue).toArray();
  }
}
