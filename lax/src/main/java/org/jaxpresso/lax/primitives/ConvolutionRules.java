package org.jaxpresso.lax.primitives;

import static org.jaxpresso.lax.primitives.RuleSupport.NM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.lax.ConvDimensionNumbers;
import org.jaxpresso.lax.Lax;

/**
 * Rules of {@code conv_general_dilated}, following JAX's {@code convolution.py}: bilinear JVP;
 * the lhs transpose is a convolution of the cotangent with the spatially reversed kernel
 * (strides and lhs dilation swapped), the rhs transpose a convolution of the lhs with the
 * cotangent, feature groups becoming batch groups; batching folds the batch dimension into the
 * batch, feature or output-feature dimension.
 */
final class ConvolutionRules {
  private ConvolutionRules() {}

  private static boolean done;

  private static final Primitive CONV = Convolution.CONV_GENERAL_DILATED;

  /** Attaches every rule (once). */
  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    CONV.defineJvp((p, ts, q) -> {
      NDArray out = CONV.bind(p, q).get(0);
      NDArray t = null;
      if (ts.get(0) != null) {
        t = CONV.bind(List.of(ts.get(0), p.get(1)), q).get(0);
      }
      if (ts.get(1) != null) {
        t = RuleSupport.addT(t, CONV.bind(List.of(p.get(0), ts.get(1)), q).get(0));
      }
      return Primitive.JvpResult.of(out, t);
    }).defineTranspose((ct, args, avals, q) -> {
      if (args.get(0) == null && args.get(1) == null) {
        throw new IllegalArgumentException("conv_general_dilated: transpose of a product of"
            + " two linear values (the jaxpr is not linear)");
      }
      return args.get(0) == null
          ? Arrays.asList(transposeLhs(ct.get(0), avals.get(0), args.get(1), q), null)
          : Arrays.asList(null, transposeRhs(ct.get(0), args.get(0), avals.get(1), q));
    }).defineBatch(ConvolutionRules::batch);
  }

  private static int[] take(int[] shape, int[] idx) {
    int[] r = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      r[i] = shape[idx[i]];
    }
    return r;
  }

  private static int[] sdims(int[] spec) {
    return Arrays.copyOfRange(spec, 2, spec.length);
  }

  private static int[] specTranspose(int[] spec) {
    int[] r = spec.clone();
    r[0] = spec[1];
    r[1] = spec[0];
    return r;
  }

  private static int[] dilate(int[] shape, int[] dilation) {
    int[] r = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      r[i] = shape[i] == 0 ? 0 : 1 + dilation[i] * (shape[i] - 1);
    }
    return r;
  }

  private static int[][] vjpLhsPadding(int[] in, int[] window, int[] strides, int[] out,
      int[][] padding, int[] lhsDil, int[] rhsDil) {
    int[] l = dilate(in, lhsDil);
    int[] r = dilate(window, rhsDil);
    int[] o = dilate(out, strides);
    int[][] pads = new int[in.length][];
    for (int i = 0; i < in.length; i++) {
      int before = r[i] - padding[i][0] - 1;
      int after = l[i] + r[i] - 1 - o[i] - before;
      pads[i] = new int[] {before, after};
    }
    return pads;
  }

  private static int[][] vjpRhsPadding(int[] in, int[] window, int[] strides, int[] out,
      int[][] padding, int[] lhsDil, int[] rhsDil) {
    int[] l = dilate(in, lhsDil);
    int[] r = dilate(window, rhsDil);
    int[] o = dilate(out, strides);
    int[][] pads = new int[in.length][];
    for (int i = 0; i < in.length; i++) {
      int lo = padding[i][0];
      pads[i] = new int[] {lo, (o[i] - l[i]) + (r[i] - lo - 1)};
    }
    return pads;
  }

  private static NDArray conv(NDArray lhs, NDArray rhs, Params q, int[] strides, int[][] pad,
      int[] lhsDil, int[] rhsDil, ConvDimensionNumbers dn, int fgc, int bgc) {
    return CONV.bind(List.of(lhs, rhs), q.with("window_strides", strides).with("padding", pad)
        .with("lhs_dilation", lhsDil).with("rhs_dilation", rhsDil)
        .with("dimension_numbers", dn).with("feature_group_count", fgc)
        .with("batch_group_count", bgc)).get(0);
  }

  private static NDArray transposeLhs(NDArray g, ShapedArray lhsAval, NDArray rhs, Params q) {
    ConvDimensionNumbers dn = q.get("dimension_numbers", ConvDimensionNumbers.class);
    int fgc = q.getInt("feature_group_count");
    int bgc = q.getInt("batch_group_count");
    int[] lhsSpec = dn.lhsSpec();
    int[] rhsSpec = dn.rhsSpec();
    int[] outSpec = dn.outSpec();
    int[] rhsShape = rhs.aval().shape().dims();
    int[] lhsShape = lhsAval.shape().dims();
    if (fgc > 1) {
      rhs = reshapeAxisOutOf(rhsSpec[0], fgc, rhs);
      rhs = reshapeAxisInto(rhsSpec[0], rhsSpec[1], rhs);
    } else if (bgc > 1) {
      rhs = reshapeAxisOutOf(rhsSpec[0], bgc, rhs);
      rhs = reshapeAxisInto(rhsSpec[0], rhsSpec[1], rhs);
      fgc = bgc;
    }
    ConvDimensionNumbers tdn = new ConvDimensionNumbers(outSpec, specTranspose(rhsSpec),
        lhsSpec);
    int[][] pad = vjpLhsPadding(take(lhsShape, sdims(lhsSpec)), take(rhsShape, sdims(rhsSpec)),
        q.ints("window_strides"), take(g.aval().shape().dims(), sdims(outSpec)),
        q.intPairs("padding"), q.ints("lhs_dilation"), q.ints("rhs_dilation"));
    NDArray revd = Lax.rev(rhs, sdims(rhsSpec));
    NDArray out = conv(g, revd, q, q.ints("lhs_dilation"), pad, q.ints("window_strides"),
        q.ints("rhs_dilation"), tdn, fgc, 1);
    if (bgc > 1) {
      out = reshapeAxisOutOf(lhsSpec[1], bgc, out);
      out = reshapeAxisInto(lhsSpec[1], lhsSpec[0], out);
    }
    return castTo(out, lhsAval);
  }

  private static NDArray transposeRhs(NDArray g, NDArray lhs, ShapedArray rhsAval, Params q) {
    if (g.aval().size() == 0) {
      return null;
    }
    ConvDimensionNumbers dn = q.get("dimension_numbers", ConvDimensionNumbers.class);
    int fgc = q.getInt("feature_group_count");
    int bgc = q.getInt("batch_group_count");
    if (bgc > 1) {
      fgc = bgc;
      bgc = 1;
    } else if (fgc > 1) {
      bgc = fgc;
      fgc = 1;
    }
    ConvDimensionNumbers tdn = new ConvDimensionNumbers(specTranspose(dn.lhsSpec()),
        specTranspose(dn.outSpec()), specTranspose(dn.rhsSpec()));
    int[][] pad = vjpRhsPadding(take(lhs.aval().shape().dims(), sdims(dn.lhsSpec())),
        take(rhsAval.shape().dims(), sdims(dn.rhsSpec())), q.ints("window_strides"),
        take(g.aval().shape().dims(), sdims(dn.outSpec())), q.intPairs("padding"),
        q.ints("lhs_dilation"), q.ints("rhs_dilation"));
    NDArray out = conv(lhs, g, q, q.ints("rhs_dilation"), pad, q.ints("lhs_dilation"),
        q.ints("window_strides"), tdn, fgc, bgc);
    return castTo(out, rhsAval);
  }

  private static NDArray castTo(NDArray x, ShapedArray aval) {
    return x.aval().dtype() == aval.dtype() ? x : RuleSupport.convert(x, aval.dtype());
  }

  /** JAX's {@code _reshape_axis_into}: merges axis {@code src} into {@code dst} (major). */
  static NDArray reshapeAxisInto(int src, int dst, NDArray x) {
    int[] shape = x.aval().shape().dims();
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < shape.length; i++) {
      if (i != src) {
        perm.add(i);
      }
    }
    perm.add(dst, src);
    int[] newShape = RuleSupport.removeAt(shape, src);
    newShape[dst] *= shape[src];
    return Lax.reshape(x, newShape, perm.stream().mapToInt(Integer::intValue).toArray());
  }

  /** JAX's {@code _reshape_axis_out_of}: splits axis {@code src} into (size1, rest). */
  static NDArray reshapeAxisOutOf(int src, int size1, NDArray x) {
    int[] shape = x.aval().shape().dims();
    int[] r = new int[shape.length + 1];
    for (int i = 0, k = 0; i < shape.length; i++) {
      if (i == src) {
        r[k++] = size1;
        r[k++] = shape[i] / size1;
      } else {
        r[k++] = shape[i];
      }
    }
    return Lax.reshape(x, r);
  }

  private static Primitive.BatchResult batch(List<NDArray> vals, int[] dims, Params q) {
    NDArray lhs = vals.get(0);
    NDArray rhs = vals.get(1);
    int lb = dims[0];
    int rb = dims[1];
    ConvDimensionNumbers dn = q.get("dimension_numbers", ConvDimensionNumbers.class);
    int fgc = q.getInt("feature_group_count");
    int bgc = q.getInt("batch_group_count");
    int[] ls = dn.lhsSpec();
    int[] rs = dn.rhsSpec();
    int[] os = dn.outSpec();
    int size = RuleSupport.batchSize(vals, dims);
    if (size == 0) {
      return RuleSupport.unrolled(CONV).apply(vals, dims, q);
    }
    Params p = q;
    if (lb != NM && rb != NM) {
      NDArray newLhs;
      if (bgc > 1) {
        newLhs = reshapeAxisInto(lb, ls[0], lhs);
        p = p.with("batch_group_count", bgc * size);
      } else {
        newLhs = reshapeAxisInto(lb, ls[1], lhs);
        p = p.with("feature_group_count", fgc * size);
      }
      NDArray newRhs = reshapeAxisInto(rb, rs[0], rhs);
      NDArray out = CONV.bind(List.of(newLhs, newRhs), p).get(0);
      return Primitive.BatchResult.of(reshapeAxisOutOf(os[1], size, out), os[1]);
    }
    if (lb != NM) {
      NDArray newLhs;
      if (bgc == 1) {
        newLhs = reshapeAxisInto(lb, ls[0], lhs);
      } else {
        newLhs = reshapeAxisOutOf(ls[0] + (lb <= ls[0] ? 1 : 0), bgc, lhs);
        newLhs = reshapeAxisInto(lb + (ls[0] < lb ? 1 : 0), ls[0] + 1, newLhs);
        newLhs = reshapeAxisInto(ls[0], ls[0], newLhs);
      }
      NDArray out = CONV.bind(List.of(newLhs, rhs), p).get(0);
      return Primitive.BatchResult.of(reshapeAxisOutOf(os[0], size, out), os[0]);
    }
    if (fgc == 1 && bgc == 1) {
      NDArray newRhs = reshapeAxisInto(rb, rs[0], rhs);
      NDArray out = CONV.bind(List.of(lhs, newRhs), p).get(0);
      return Primitive.BatchResult.of(reshapeAxisOutOf(os[1], size, out), os[1]);
    }
    int groups = fgc > 1 ? fgc : bgc;
    NDArray newRhs = reshapeAxisOutOf(rs[0] + (rb <= rs[0] ? 1 : 0), groups, rhs);
    newRhs = reshapeAxisInto(rb + (rs[0] < rb ? 1 : 0), rs[0] + 1, newRhs);
    newRhs = reshapeAxisInto(rs[0], rs[0], newRhs);
    NDArray out = CONV.bind(List.of(lhs, newRhs), p).get(0);
    out = reshapeAxisOutOf(os[1], groups, out);
    out = reshapeAxisOutOf(os[1] + 1, size, out);
    out = reshapeAxisInto(os[1], os[1] + 1, out);
    return Primitive.BatchResult.of(out, os[1]);
  }
}
