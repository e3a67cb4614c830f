package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.ad.PartialEvalTrace;
import org.jaxpresso.core.ad.Transpose;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.tracing.JitTracer;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.Scan;

/**
 * The transformation rules of {@code scan} (JAX's {@code _scan_jvp}, {@code _scan_transpose},
 * {@code _scan_batching_rule}). The JVP scans the body's JVP with the tangents as extra consts,
 * carries and xs. The transpose partially evaluates the body into its known part (run forwards
 * first, as a scan returning the per-step residuals) and its linear part, then scans the
 * transposed linear part in the opposite direction, carrying the carries' cotangents and
 * summing the consts' cotangents. Batching batches the body, the xs' batch dimension after the
 * scanned one.
 */
public final class ScanRules {
  private ScanRules() {}

  private static boolean[] trues(int n) {
    boolean[] a = new boolean[n];
    Arrays.fill(a, true);
    return a;
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  private static int[] join(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int k = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  private static Params with(Params p, ClosedJaxpr body, boolean reverse, int nc, int ncarry,
      int nxs) {
    int nys = body.jaxpr().outvars().size() - ncarry;
    return Scan.params(body, p.getInt("length"), reverse, p.getInt("unroll"), nc, ncarry, nxs,
        trues(nys));
  }

  /**
   * The JVP.
   *
   * @param primals the primal input values
   * @param tangents the tangent values, one per primal
   * @param params the primitive's parameters
   * @return the JVP
   */
  public static Primitive.JvpResult jvp(List<NDArray> primals, List<NDArray> tangents,
      Params params) {
    Jaxpr body = JaxprTransforms.open(SubJaxprs.jaxprParam("scan", params, "jaxpr"));
    int nc = Scan.numConsts(params);
    int ncarry = Scan.numCarry(params);
    int nxs = Scan.numXs(params);
    int n = primals.size();
    int nys = body.outvars().size() - ncarry;
    boolean[] nz = new boolean[n];
    for (int i = 0; i < n; i++) {
      nz[i] = tangents.get(i) != null && primals.get(i).aval().dtype().isFloating();
    }
    JaxprTransforms.JvpJaxpr jb;
    while (true) {
      boolean[] inst = new boolean[ncarry + nys];
      System.arraycopy(nz, nc, inst, 0, ncarry);
      jb = JaxprTransforms.jvp(body, nz, inst, InliningTrace.wanted());
      boolean changed = false;
      for (int i = 0; i < ncarry; i++) {
        if (jb.nonzeroOut()[i] && !nz[nc + i]) {
          nz[nc + i] = true;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    int h = jb.jaxpr().nconsts();
    int ntc = JaxprTransforms.count(JaxprTransforms.slice(nz, 0, nc));
    int ntcarry = JaxprTransforms.count(JaxprTransforms.slice(nz, nc, nc + ncarry));
    int ntx = JaxprTransforms.count(JaxprTransforms.slice(nz, nc + ncarry, n));
    int t0 = h + n;
    int[] inOrder = join(range(0, h + nc), range(t0, t0 + ntc), range(h + nc, h + nc + ncarry),
        range(t0 + ntc, t0 + ntc + ntcarry), range(h + nc + ncarry, h + n),
        range(t0 + ntc + ntcarry, t0 + ntc + ntcarry + ntx));
    boolean[] nzYs = JaxprTransforms.slice(jb.nonzeroOut(), ncarry, ncarry + nys);
    int ntys = JaxprTransforms.count(nzYs);
    int o0 = ncarry + nys;
    int[] outOrder = join(range(0, ncarry), range(o0, o0 + ntcarry), range(ncarry, o0),
        range(o0 + ntcarry, o0 + ntcarry + ntys));
    Jaxpr newBody = JaxprTransforms.permute(jb.jaxpr().jaxpr(), inOrder, outOrder);
    List<NDArray> args = new ArrayList<>(jb.jaxpr().consts());
    int[][] groups = {{0, nc}, {nc, nc + ncarry}, {nc + ncarry, n}};
    for (int[] g : groups) {
      args.addAll(primals.subList(g[0], g[1]));
      for (int i = g[0]; i < g[1]; i++) {
        if (nz[i]) {
          NDArray t = tangents.get(i);
          args.add(t != null ? t : JaxprTransforms.zeros(primals.get(i).aval()));
        }
      }
    }
    Params jointParams = with(params, ClosedJaxpr.of(newBody), params.getBoolean("reverse"),
        h + nc + ntc, ncarry + ntcarry, nxs + ntx);
    List<NDArray> outs = Trace.current() instanceof PartialEvalTrace pe
        ? partialEval(newBody, jointParams, args, pe)
        : Scan.SCAN.bind(args, jointParams);
    List<NDArray> primalOut = new ArrayList<>(outs.subList(0, ncarry));
    primalOut.addAll(outs.subList(ncarry + ntcarry, ncarry + ntcarry + nys));
    List<NDArray> tOut = new ArrayList<>();
    int k = ncarry;
    for (int i = 0; i < ncarry; i++) {
      tOut.add(nz[nc + i] ? outs.get(k++) : null);
    }
    k = ncarry + ntcarry + nys;
    for (int i = 0; i < nys; i++) {
      tOut.add(nzYs[i] ? outs.get(k++) : null);
    }
    return new Primitive.JvpResult(primalOut, tOut);
  }

  /**
   * The JVP scan under reverse mode (JAX's {@code _scan_partial_eval}): its known part runs now
   * and returns the primal outputs and the residuals; the unknown part, a scan of the tangents
   * reading the residuals, is staged into the linear jaxpr.
   */
  private static List<NDArray> partialEval(Jaxpr body, Params params, List<NDArray> args,
      PartialEvalTrace pe) {
    int n = args.size();
    boolean[] unknown = new boolean[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      unknown[i] = args.get(i) instanceof JitTracer t && t.trace() == pe.staging();
      any |= unknown[i];
    }
    if (!any) {
      return Scan.SCAN.bind(args, params);
    }
    int nc = Scan.numConsts(params);
    int ncarry = Scan.numCarry(params);
    ScanSplit sp = ScanSplit.run(body, params, args, unknown, true);
    boolean[] unk = sp.unknown;
    List<NDArray> in = new ArrayList<>();
    for (int r : sp.inv) {
      in.add(sp.invariant[r]);
    }
    in.addAll(JaxprTransforms.select(args.subList(0, nc), JaxprTransforms.slice(unk, 0, nc),
        true));
    in.addAll(JaxprTransforms.select(args.subList(nc, nc + ncarry),
        JaxprTransforms.slice(unk, nc, nc + ncarry), true));
    for (int r : sp.stk) {
      in.add(sp.stacked[r]);
    }
    List<NDArray> ux = JaxprTransforms.select(args.subList(nc + ncarry, n),
        JaxprTransforms.slice(unk, nc + ncarry, n), true);
    in.addAll(ux);
    int nuc = JaxprTransforms.count(JaxprTransforms.slice(unk, 0, nc));
    int nucarry = JaxprTransforms.count(JaxprTransforms.slice(unk, nc, nc + ncarry));
    List<NDArray> uOuts = Scan.SCAN.bind(in, with(params,
        ClosedJaxpr.of(sp.unknownBody(nc, ncarry)), params.getBoolean("reverse"),
        sp.inv.size() + nuc, nucarry, sp.stk.size() + ux.size()));
    List<NDArray> outs = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < sp.knownOuts.length; i++) {
      outs.add(sp.split.unknownOut()[i] ? uOuts.get(k++) : sp.knownOuts[i]);
    }
    return outs;
  }

  /**
   * The transpose, linear in the operands given as null.
   *
   * @param cts the cotangents of the outputs
   * @param args the operands; the linear ones are given as {@code null}
   * @param avals the abstract values (shape and dtype) of the inputs
   * @param params the primitive's parameters
   * @return the transpose, linear in the operands given as null
   */
  public static List<NDArray> transpose(List<NDArray> cts, List<NDArray> args,
      List<ShapedArray> avals, Params params) {
    Jaxpr body = JaxprTransforms.open(SubJaxprs.jaxprParam("scan", params, "jaxpr"));
    int nc = Scan.numConsts(params);
    int ncarry = Scan.numCarry(params);
    int n = args.size();
    int nys = body.outvars().size() - ncarry;
    int length = params.getInt("length");
    boolean reverse = params.getBoolean("reverse");
    boolean[] given = new boolean[n];
    for (int i = 0; i < n; i++) {
      given[i] = args.get(i) == null;
    }
    // A carry whose initial value is known (e.g. instantiated zero tangents) but which the body
    // makes linear is transposed as linear; its cotangent is dropped, as in JAX.
    ScanSplit sp = ScanSplit.run(body, params, args, given, false);
    PartialEval.Split s = sp.split;
    boolean[] lin = sp.unknown;
    boolean[] linC = JaxprTransforms.slice(lin, 0, nc);
    boolean[] linCarry = JaxprTransforms.slice(lin, nc, nc + ncarry);
    int nr = s.numResiduals();
    NDArray[] invariant = sp.invariant;
    NDArray[] stacked = sp.stacked;
    Jaxpr u = s.unknown();
    List<ShapedArray> linAvals = JaxprTransforms.select(avals, lin, true);
    int nlc = JaxprTransforms.count(linC);
    int nlcarry = JaxprTransforms.count(linCarry);
    List<ShapedArray> linCAvals = linAvals.subList(0, nlc);
    List<ShapedArray> linXAvals = linAvals.subList(nlc + nlcarry, linAvals.size());
    List<Integer> inv = sp.inv;
    List<Integer> stk = sp.stk;
    boolean[] unkYs = JaxprTransforms.slice(s.unknownOut(), ncarry, ncarry + nys);
    List<ShapedArray> bodyOutAvals = JaxprTransforms.outAvals(body);
    List<ShapedArray> tAvals = new ArrayList<>();
    for (int r : inv) {
      tAvals.add(invariant[r].aval());
    }
    tAvals.addAll(linCAvals);
    tAvals.addAll(JaxprTransforms.select(bodyOutAvals.subList(0, ncarry), linCarry, true));
    for (int r : stk) {
      tAvals.add(JaxprTransforms.unstacked(stacked[r].aval()));
    }
    tAvals.addAll(JaxprTransforms.select(bodyOutAvals.subList(ncarry, ncarry + nys), unkYs,
        true));
    int ni = inv.size();
    int ns = stk.size();
    JaxprTransforms.Hoisted tb = JaxprTransforms.dce(JaxprTransforms.trace(in -> {
      NDArray[] resVals = new NDArray[nr];
      for (int i = 0; i < ni; i++) {
        resVals[inv.get(i)] = in.get(i);
      }
      int p = ni + nlc + nlcarry;
      for (int i = 0; i < ns; i++) {
        resVals[stk.get(i)] = in.get(p + i);
      }
      List<NDArray> acc = in.subList(ni, ni + nlc);
      List<NDArray> outCts = new ArrayList<>(in.subList(ni + nlc, ni + nlc + nlcarry));
      outCts.addAll(in.subList(p + ns, in.size()));
      Jaxpr linear = new Jaxpr(u.invars().subList(0, nr), u.invars().subList(nr,
          u.invars().size()), u.eqns(), u.outvars());
      List<NDArray> ct = Transpose.backwardPass(new ClosedJaxpr(linear, Arrays.asList(resVals)),
          outCts);
      List<NDArray> out = new ArrayList<>();
      for (int i = 0; i < ct.size(); i++) {
        NDArray c = ct.get(i) != null ? ct.get(i) : JaxprTransforms.zeros(linAvals.get(i));
        out.add(i < nlc ? Lax.add(acc.get(i), c) : c);
      }
      return out;
    }, tAvals, "scan_transpose", "transpose"));
    List<NDArray> in = new ArrayList<>(tb.consts());
    for (int r : inv) {
      in.add(invariant[r]);
    }
    for (ShapedArray a : linCAvals) {
      in.add(JaxprTransforms.zeros(a));
    }
    for (int i = 0; i < ncarry; i++) {
      if (linCarry[i]) {
        in.add(cts.get(i));
      }
    }
    for (int r : stk) {
      in.add(stacked[r]);
    }
    for (int i = 0; i < nys; i++) {
      if (unkYs[i]) {
        in.add(cts.get(ncarry + i));
      }
    }
    List<NDArray> outs = Scan.SCAN.bind(in, with(params, tb.closed(), !reverse,
        tb.nconsts() + ni, nlc + nlcarry, ns + JaxprTransforms.count(unkYs)));
    List<NDArray> result = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < n; i++) {
      NDArray c = lin[i] ? outs.get(k++) : null;
      result.add(given[i] ? c : null);
    }
    if (linXAvals.size() + nlc + nlcarry != k) {
      throw new IllegalStateException("scan transpose produced " + k + " cotangents");
    }
    return result;
  }

  /**
   * Batching.
   *
   * @param args the operands, batched or not
   * @param dims the batched dimension of each argument ({@code -1} where not batched)
   * @param params the primitive's parameters
   * @return the batched outputs and the dimension of each that carries the batch
   */
  public static Primitive.BatchResult batch(List<NDArray> args, int[] dims, Params params) {
    Jaxpr body = JaxprTransforms.open(SubJaxprs.jaxprParam("scan", params, "jaxpr"));
    int nc = Scan.numConsts(params);
    int ncarry = Scan.numCarry(params);
    int nxs = Scan.numXs(params);
    int n = args.size();
    int nys = body.outvars().size() - ncarry;
    int size = -1;
    boolean[] b = new boolean[n];
    for (int i = 0; i < n; i++) {
      b[i] = dims[i] >= 0;
      if (b[i]) {
        size = args.get(i).aval().shape().dim(dims[i]);
      }
    }
    JaxprTransforms.Batched bb;
    while (true) {
      boolean[] force = new boolean[ncarry + nys];
      System.arraycopy(b, nc, force, 0, ncarry);
      bb = JaxprTransforms.batch(body, size, b, force);
      boolean changed = false;
      for (int i = 0; i < ncarry; i++) {
        if (bb.batchedOut()[i] && !b[nc + i]) {
          b[nc + i] = true;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    List<NDArray> in = new ArrayList<>(bb.jaxpr().consts());
    for (int i = 0; i < n; i++) {
      NDArray x = args.get(i);
      if (i >= nc + ncarry) {
        in.add(b[i] ? JaxprTransforms.moveAxis(x, dims[i], 1) : x);
      } else {
        in.add(b[i] ? JaxprTransforms.atFront(x, dims[i], size) : x);
      }
    }
    List<NDArray> outs = Scan.SCAN.bind(in, with(params, bb.jaxpr().closed(),
        params.getBoolean("reverse"), bb.jaxpr().nconsts() + nc, ncarry, nxs));
    int[] od = new int[ncarry + nys];
    for (int i = 0; i < od.length; i++) {
      od[i] = !bb.batchedOut()[i] ? Primitive.NOT_MAPPED : i < ncarry ? 0 : 1;
    }
    return new Primitive.BatchResult(outs, od);
  }
}
