package org.jaxpresso.runtime.gpu;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.jit.compiler.passes.InlinePass;
import org.jaxpresso.lax.ConvDimensionNumbers;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.lax.internal.controlflow.SubJaxprs;
import org.jaxpresso.lax.primitives.Cond;

/**
 * The GPU backend's rewrite of a program before the shared compiler sees it: every floating
 * {@code dot_general} not already in cuBLAS's form ({@link GpuDot#direct}) becomes transposes
 * and reshapes to {@code [B, M, K] x [B, K, N]}, one batched product and a reshape back
 * (float16 and bfloat16 computed in float32, exact under TF32 too, and rounded once), and
 * every floating {@code conv_general_dilated} becomes an im2col (a pad that also applies the
 * lhs dilation, one strided slice per kernel position, stacked by zero-padding and adding:
 * the compiler fuses them into loop kernels) followed by one batched product over the feature
 * groups. The layout changes
 * run as generated PTX kernels, the products through cuBLAS, so neither runs on the host.
 *
 * <p>The sub-jaxprs of {@code while}, {@code cond} and {@code scan} are rewritten the same
 * way (recursively), so products inside loop bodies and branches run through cuBLAS too.
 *
 * <p>Left as they are, and run on the host by the executable (logged): integer products and
 * convolutions, and convolutions with {@code batch_group_count > 1}.
 * The rewrite is checked against the original program by the tests (both run by the
 * reference interpreter).
 */
public final class GpuLowering {
  private GpuLowering() {}

  /**
   * The program with products and convolutions in cuBLAS's form; the program itself when
   * there is nothing to rewrite.
   *
   * @param program a closed jaxpr
   * @return an equivalent closed jaxpr
   */
  public static ClosedJaxpr lower(ClosedJaxpr program) {
    ClosedJaxpr flat = new InlinePass().apply(program);
    boolean any = false;
    Map<Eqn, Params> inside = new IdentityHashMap<>();
    for (Eqn e : flat.jaxpr().eqns()) {
      any |= rewrites(e);
      Params sub = lowerInside(e);
      if (sub != null) {
        inside.put(e, sub);
        any = true;
      }
    }
    if (!any) {
      return program;
    }
    Jaxpr j = flat.jaxpr();
    JaxprTrace t = new JaxprTrace("gpu", "jit");
    Map<Var, NDArray> env = new IdentityHashMap<>();
    for (int i = 0; i < j.constvars().size(); i++) {
      env.put(j.constvars().get(i), flat.consts().get(i));
    }
    for (int i = 0; i < j.invars().size(); i++) {
      env.put(j.invars().get(i), t.newArg(j.invars().get(i).aval(), "argument " + i));
    }
    List<NDArray> outs = Trace.with(t, () -> {
      for (Eqn e : j.eqns()) {
        List<NDArray> in = new ArrayList<>(e.inputs().size());
        for (Atom a : e.inputs()) {
          in.add(read(env, a));
        }
        List<NDArray> res = rewrites(e) ? List.of(rewrite(e, in)) : e.primitive().bind(in,
            inside.getOrDefault(e, e.params()));
        for (int k = 0; k < e.outputs().size(); k++) {
          env.put(e.outputs().get(k), res.get(k));
        }
      }
      List<NDArray> r = new ArrayList<>();
      for (Atom a : j.outvars()) {
        r.add(read(env, a));
      }
      return r;
    });
    return t.finish(outs);
  }

  private static NDArray read(Map<Var, NDArray> env, Atom a) {
    return switch (a) {
      case Literal l -> l.value();
      case Var v -> env.get(v);
    };
  }

  /**
   * The params of a {@code while}, {@code cond} or {@code scan} equation with its sub-jaxprs
   * lowered (recursively), or null when it is none of those or nothing inside changes.
   */
  private static Params lowerInside(Eqn e) {
    Params p = e.params();
    switch (e.primitive().name()) {
      case "while" -> {
        ClosedJaxpr c = SubJaxprs.jaxprParam("while", p, "cond_jaxpr");
        ClosedJaxpr b = SubJaxprs.jaxprParam("while", p, "body_jaxpr");
        ClosedJaxpr lc = lower(c);
        ClosedJaxpr lb = lower(b);
        return lc == c && lb == b ? null : p.with("cond_jaxpr", lc).with("body_jaxpr", lb);
      }
      case "scan" -> {
        ClosedJaxpr b = SubJaxprs.jaxprParam("scan", p, "jaxpr");
        ClosedJaxpr lb = lower(b);
        return lb == b ? null : p.with("jaxpr", lb);
      }
      case "cond" -> {
        List<ClosedJaxpr> bs = Cond.branches(p);
        List<ClosedJaxpr> lowered = new ArrayList<>(bs.size());
        boolean changed = false;
        for (ClosedJaxpr b : bs) {
          ClosedJaxpr lb = lower(b);
          changed |= lb != b;
          lowered.add(lb);
        }
        return changed ? p.with("branches", List.copyOf(lowered)) : null;
      }
      default -> {
        return null;
      }
    }
  }

  /** Whether the rewrite changes {@code e}. */
  static boolean rewrites(Eqn e) {
    String name = e.primitive().name();
    if (name.equals("dot_general")) {
      ShapedArray l = e.inputs().get(0).aval();
      ShapedArray r = e.inputs().get(1).aval();
      ShapedArray o = e.outputs().get(0).aval();
      return l.dtype().isFloating() && r.dtype().isFloating()
          && GpuDot.direct(l, r, o, dims(e.params())) == null;
    }
    if (name.equals("conv_general_dilated")) {
      return e.inputs().get(0).aval().dtype().isFloating()
          && e.params().getInt("batch_group_count") == 1;
    }
    return false;
  }

  private static DotDimensionNumbers dims(Params p) {
    return p.get("dimension_numbers", DotDimensionNumbers.class);
  }

  private static NDArray rewrite(Eqn e, List<NDArray> in) {
    ShapedArray out = e.outputs().get(0).aval();
    NDArray r = e.primitive().name().equals("dot_general")
        ? dot(in.get(0), in.get(1), dims(e.params()), precision(e.params()), out)
        : conv(in.get(0), in.get(1), e.params(), out);
    if (r.aval().dtype() != out.dtype() || r.aval().weakType() != out.weakType()) {
      r = Lax.convertElementType(r, out.dtype(), out.weakType());
    }
    return r;
  }

  /** The single precision both operands get: HIGHEST if either asks for it. */
  private static Precision precision(Params p) {
    Object v = p.has("precision") ? p.get("precision", Object.class) : null;
    return GpuDot.tf32Allowed(p) ? (v == null ? null : Precision.DEFAULT) : Precision.HIGHEST;
  }

  /** The dtype the product is computed in: float64 if the result is, else float32. */
  private static DType computeType(DType out) {
    return out == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
  }

  private static NDArray convert(NDArray x, DType d) {
    return x.aval().dtype() == d ? x : Lax.convertElementType(x, d);
  }

  private static NDArray transpose(NDArray x, int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] != i) {
        return Lax.transpose(x, perm);
      }
    }
    return x;
  }

  private static NDArray reshape(NDArray x, int... dims) {
    return java.util.Arrays.equals(x.aval().shape().dims(), dims) ? x : Lax.reshape(x, dims);
  }

  private static int product(int[] dims, int[] axes) {
    int p = 1;
    for (int a : axes) {
      p = Math.multiplyExact(p, dims[a]);
    }
    return p;
  }

  private static int[] free(int rank, int[] contracting, int[] batch) {
    boolean[] used = new boolean[rank];
    for (int a : contracting) {
      used[a] = true;
    }
    for (int a : batch) {
      used[a] = true;
    }
    int[] f = new int[rank];
    int n = 0;
    for (int a = 0; a < rank; a++) {
      if (!used[a]) {
        f[n++] = a;
      }
    }
    return java.util.Arrays.copyOf(f, n);
  }

  private static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] r = new int[n];
    int k = 0;
    for (int[] p : parts) {
      for (int v : p) {
        r[k++] = v;
      }
    }
    return r;
  }

  /** {@code dot_general} as {@code [B, M, K] x [B, K, N]} (or without B), then reshaped. */
  static NDArray dot(NDArray lhs, NDArray rhs, DotDimensionNumbers dn, Precision precision,
      ShapedArray out) {
    DType c = computeType(out.dtype());
    int[] ls = lhs.aval().shape().dims();
    int[] rs = rhs.aval().shape().dims();
    int[] lf = free(ls.length, dn.lhsContracting(), dn.lhsBatch());
    int[] rf = free(rs.length, dn.rhsContracting(), dn.rhsBatch());
    int b = product(ls, dn.lhsBatch());
    int m = product(ls, lf);
    int n = product(rs, rf);
    int k = product(ls, dn.lhsContracting());
    int[] outDims = out.shape().dims();
    if (k == 0 || b == 0 || m == 0 || n == 0) {
      return Lax.broadcastInDim(Array.scalar(0.0, out.dtype()), outDims, new int[0]);
    }
    boolean batched = dn.lhsBatch().length > 0;
    NDArray a = transpose(convert(lhs, c), concat(dn.lhsBatch(), lf, dn.lhsContracting()));
    NDArray w = transpose(convert(rhs, c), concat(dn.rhsBatch(), dn.rhsContracting(), rf));
    a = batched ? reshape(a, b, m, k) : reshape(a, m, k);
    w = batched ? reshape(w, b, k, n) : reshape(w, k, n);
    DotDimensionNumbers canonical = batched
        ? new DotDimensionNumbers(new int[] {2}, new int[] {1}, new int[] {0}, new int[] {0})
        : DotDimensionNumbers.of(new int[] {1}, new int[] {0});
    NDArray r = Lax.dotGeneral(a, w, canonical, precision, null);
    return reshape(r, outDims);
  }

  /**
   * {@code conv_general_dilated} (with {@code batch_group_count == 1}) as im2col and one
   * batched product over the feature groups.
   */
  static NDArray conv(NDArray lhs, NDArray rhs, Params p, ShapedArray out) {
    ConvDimensionNumbers dn = p.get("dimension_numbers", ConvDimensionNumbers.class);
    int[] strides = p.ints("window_strides");
    int[][] padding = p.intPairs("padding");
    int[] lhsDil = p.ints("lhs_dilation");
    int[] rhsDil = p.ints("rhs_dilation");
    int groups = p.getInt("feature_group_count");
    Precision precision = precision(p);
    DType c = computeType(out.dtype());
    int d = strides.length;
    // Logical layouts: lhs (N, C, S...), rhs (O, I, K...).
    NDArray x = transpose(convert(lhs, c), dn.lhsSpec());
    NDArray w = transpose(convert(rhs, c), dn.rhsSpec());
    int[] xs = x.aval().shape().dims();
    int[] ws = w.aval().shape().dims();
    int batch = xs[0];
    int channels = xs[1];
    int outFeatures = ws[0];
    int[] outSpatial = new int[d];
    int[][] pad = new int[d + 2][3];
    for (int i = 0; i < d; i++) {
      pad[i + 2] = new int[] {padding[i][0], padding[i][1], lhsDil[i] - 1};
    }
    int[] logicalOut = new int[d + 2];
    logicalOut[0] = batch;
    logicalOut[1] = outFeatures;
    int positions = 1;
    int spatial = 1;
    for (int i = 0; i < d; i++) {
      outSpatial[i] = out.shape().dim(dn.outSpec()[i + 2]);
      logicalOut[i + 2] = outSpatial[i];
      positions = Math.multiplyExact(positions, ws[i + 2]);
      spatial = Math.multiplyExact(spatial, outSpatial[i]);
    }
    int[] toOut = new int[d + 2];
    for (int j = 0; j < d + 2; j++) {
      toOut[dn.outSpec()[j]] = j;
    }
    if (batch == 0 || outFeatures == 0 || spatial == 0 || channels == 0 || positions == 0) {
      return Lax.broadcastInDim(Array.scalar(0.0, out.dtype()), out.shape().dims(),
          new int[0]);
    }
    NDArray padded = Lax.pad(x, Array.scalar(0.0, c), pad);
    // One strided slice per kernel position q: (N, C, 1, out...), padded with zeros to
    // (N, C, P, out...) at q along axis 2 and summed (a stack the compiler fuses into one
    // loop kernel; concatenate would be a library kernel).
    NDArray patches = null;
    Array zero = Array.scalar(0.0, c);
    int[] pos = new int[d];
    for (int q = 0; q < positions; q++) {
      int[] start = new int[d + 2];
      int[] limit = padded.aval().shape().dims().clone();
      int[] step = new int[d + 2];
      step[0] = 1;
      step[1] = 1;
      for (int i = 0; i < d; i++) {
        start[i + 2] = pos[i] * rhsDil[i];
        limit[i + 2] = start[i + 2] + (outSpatial[i] - 1) * strides[i] + 1;
        step[i + 2] = strides[i];
      }
      NDArray s = Lax.slice(padded, start, limit, step);
      int[] withAxis = new int[d + 3];
      withAxis[0] = batch;
      withAxis[1] = channels;
      withAxis[2] = 1;
      System.arraycopy(outSpatial, 0, withAxis, 3, d);
      NDArray slot = Lax.reshape(s, withAxis);
      if (positions > 1) {
        int[][] at = new int[d + 3][3];
        at[2] = new int[] {q, positions - 1 - q, 0};
        slot = Lax.pad(slot, zero, at);
      }
      patches = patches == null ? slot : Lax.add(patches, slot);
      for (int i = d - 1; i >= 0; i--) {
        if (++pos[i] < ws[i + 2]) {
          break;
        }
        pos[i] = 0;
      }
    }
    int cg = channels / groups;
    int og = outFeatures / groups;
    // patches (N, G, Cg*P, L) -> (G, Cg*P, N*L); weights (G, Og, Cg*P).
    patches = Lax.reshape(patches, new int[] {batch, groups, cg * positions, spatial});
    patches = Lax.reshape(Lax.transpose(patches, 1, 2, 0, 3),
        new int[] {groups, cg * positions, batch * spatial});
    NDArray weights = Lax.reshape(w, new int[] {groups, og, cg * positions});
    NDArray prod = Lax.dotGeneral(weights, patches, new DotDimensionNumbers(new int[] {2},
        new int[] {1}, new int[] {0}, new int[] {0}), precision, null);
    // (G, Og, N, L) -> (N, G, Og, L) -> (N, O, out...) -> the output layout.
    NDArray r = Lax.transpose(Lax.reshape(prod, new int[] {groups, og, batch, spatial}),
        2, 0, 1, 3);
    r = Lax.reshape(r, logicalOut);
    return transpose(r, toOut);
  }
}
