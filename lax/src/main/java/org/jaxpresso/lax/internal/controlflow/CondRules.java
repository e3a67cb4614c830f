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
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.core.tracing.JitTracer;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.Cond;

/**
 * The transformation rules of {@code cond} (JAX's {@code _cond_jvp}, {@code _cond_transpose},
 * {@code _cond_batching_rule}): the JVP and the transpose apply to every branch and bind
 * {@code cond} again with the same index; batching batches the branches, or, when the index is
 * batched, runs every batched branch and picks each element's result with {@code select_n}.
 */
public final class CondRules {
  private CondRules() {}

  /**
   * Branch jaxprs that share their leading consts (JAX's {@code _merge_common_consts} for
   * traced branches): each branch takes every branch's consts and reads its own.
   *
   * @param branches the branches
   * @param consts the leading operands they share
   */
  record Merged(List<ClosedJaxpr> branches, List<NDArray> consts) {}

  static Merged merge(List<JaxprTransforms.Hoisted> hs) {
    List<NDArray> consts = new ArrayList<>();
    for (JaxprTransforms.Hoisted h : hs) {
      consts.addAll(h.consts());
    }
    List<ClosedJaxpr> out = new ArrayList<>();
    int before = 0;
    for (JaxprTransforms.Hoisted h : hs) {
      List<Var> invars = new ArrayList<>();
      for (int i = 0; i < consts.size(); i++) {
        boolean own = i >= before && i < before + h.nconsts();
        invars.add(own ? h.jaxpr().invars().get(i - before) : Var.of(consts.get(i).aval()));
      }
      invars.addAll(h.jaxpr().invars().subList(h.nconsts(), h.jaxpr().invars().size()));
      out.add(ClosedJaxpr.of(new Jaxpr(List.of(), invars, h.jaxpr().eqns(),
          h.jaxpr().outvars())));
      before += h.nconsts();
    }
    return new Merged(out, consts);
  }

  /**
   * The JVP: every branch's JVP, tangents of the outputs non-zero in some branch.
   *
   * @param primals the primal input values
   * @param tangents the tangent values, one per primal
   * @param params the primitive's parameters
   * @return the JVP: every branch's JVP, tangents of the outputs non-zero in some branch
   */
  public static Primitive.JvpResult jvp(List<NDArray> primals, List<NDArray> tangents,
      Params params) {
    List<ClosedJaxpr> branches = Cond.branches(params);
    int nOps = primals.size() - 1;
    boolean[] nz = new boolean[nOps];
    List<NDArray> nzTangents = new ArrayList<>();
    for (int i = 0; i < nOps; i++) {
      NDArray t = tangents.get(i + 1);
      nz[i] = t != null && primals.get(i + 1).aval().dtype().isFloating();
      if (nz[i]) {
        nzTangents.add(t);
      }
    }
    int nOut = branches.get(0).jaxpr().outvars().size();
    boolean[] nzOut = new boolean[nOut];
    boolean inline = InliningTrace.wanted();
    for (ClosedJaxpr b : branches) {
      boolean[] o = JaxprTransforms.jvp(JaxprTransforms.open(b), nz, new boolean[nOut], inline)
          .nonzeroOut();
      for (int i = 0; i < nOut; i++) {
        nzOut[i] |= o[i];
      }
    }
    List<JaxprTransforms.Hoisted> hs = new ArrayList<>();
    for (ClosedJaxpr b : branches) {
      hs.add(JaxprTransforms.jvp(JaxprTransforms.open(b), nz, nzOut, inline).jaxpr());
    }
    Merged m = merge(hs);
    List<NDArray> args = new ArrayList<>();
    args.add(primals.get(0));
    args.addAll(m.consts());
    args.addAll(primals.subList(1, primals.size()));
    args.addAll(nzTangents);
    List<NDArray> outs = Trace.current() instanceof PartialEvalTrace pe
        ? partialEval(m.branches(), args, pe)
        : Cond.COND.bind(args, Cond.params(m.branches()));
    List<NDArray> primalOut = outs.subList(0, nOut);
    List<NDArray> tOut = new ArrayList<>();
    int k = nOut;
    for (int i = 0; i < nOut; i++) {
      tOut.add(nzOut[i] ? outs.get(k++) : null);
    }
    return new Primitive.JvpResult(primalOut, tOut);
  }

  /**
   * The JVP cond under reverse mode (JAX's {@code _cond_partial_eval}): a cond of the branches'
   * known parts runs now, returning the known outputs and the residuals (each branch fills the
   * other branches' residual slots with zeros); a cond of the unknown parts, reading the
   * residuals, is staged. With an unknown index the whole cond is staged.
   */
  private static List<NDArray> partialEval(List<ClosedJaxpr> branches, List<NDArray> args,
      PartialEvalTrace pe) {
    int n = args.size() - 1;
    boolean[] unk = new boolean[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      unk[i] = isUnknown(args.get(i + 1), pe);
      any |= unk[i];
    }
    if (!any || isUnknown(args.get(0), pe)) {
      return Cond.COND.bind(args, Cond.params(branches));
    }
    int nOut = branches.get(0).jaxpr().outvars().size();
    boolean[] outUnk = new boolean[nOut];
    for (ClosedJaxpr b : branches) {
      boolean[] u = PartialEval.split(b.jaxpr(), unk, new boolean[nOut]).unknownOut();
      for (int i = 0; i < nOut; i++) {
        outUnk[i] |= u[i];
      }
    }
    List<PartialEval.Split> splits = new ArrayList<>();
    List<List<ShapedArray>> resAvals = new ArrayList<>();
    for (ClosedJaxpr b : branches) {
      PartialEval.Split sp = PartialEval.split(b.jaxpr(), unk, outUnk);
      splits.add(sp);
      List<ShapedArray> outs = JaxprTransforms.outAvals(sp.known());
      resAvals.add(outs.subList(outs.size() - sp.numResiduals(), outs.size()));
    }
    List<NDArray> knownArgs = JaxprTransforms.select(args.subList(1, args.size()), unk, false);
    List<ShapedArray> knownAvals = new ArrayList<>();
    for (NDArray a : knownArgs) {
      knownAvals.add(a.aval());
    }
    List<JaxprTransforms.Hoisted> known = new ArrayList<>();
    for (int j = 0; j < branches.size(); j++) {
      int jj = j;
      known.add(JaxprTransforms.trace(in -> {
        Jaxpr kj = splits.get(jj).known();
        List<NDArray> o = JaxprTransforms.eval(kj, in);
        int nk = o.size() - splits.get(jj).numResiduals();
        List<NDArray> r = new ArrayList<>(o.subList(0, nk));
        for (int i = 0; i < branches.size(); i++) {
          if (i == jj) {
            r.addAll(o.subList(nk, o.size()));
          } else {
            for (ShapedArray a : resAvals.get(i)) {
              r.add(JaxprTransforms.zeros(a));
            }
          }
        }
        return r;
      }, knownAvals, "cond_known", "partial_eval"));
    }
    Merged mk = merge(known);
    List<NDArray> kin = new ArrayList<>();
    kin.add(args.get(0));
    kin.addAll(mk.consts());
    kin.addAll(knownArgs);
    List<NDArray> kout = Cond.COND.bind(kin, Cond.params(mk.branches()));
    int nKnownOut = nOut - JaxprTransforms.count(outUnk);
    List<ClosedJaxpr> unknown = new ArrayList<>();
    for (int j = 0; j < branches.size(); j++) {
      Jaxpr u = splits.get(j).unknown();
      int nr = splits.get(j).numResiduals();
      List<Var> in = new ArrayList<>();
      for (int i = 0; i < branches.size(); i++) {
        if (i == j) {
          in.addAll(u.invars().subList(0, nr));
        } else {
          for (ShapedArray a : resAvals.get(i)) {
            in.add(Var.of(a));
          }
        }
      }
      in.addAll(u.invars().subList(nr, u.invars().size()));
      unknown.add(ClosedJaxpr.of(new Jaxpr(List.of(), in, u.eqns(), u.outvars())));
    }
    List<NDArray> uin = new ArrayList<>();
    uin.add(args.get(0));
    uin.addAll(kout.subList(nKnownOut, kout.size()));
    uin.addAll(JaxprTransforms.select(args.subList(1, args.size()), unk, true));
    List<NDArray> uout = Cond.COND.bind(uin, Cond.params(unknown));
    List<NDArray> outs = new ArrayList<>();
    int k = 0;
    int ku = 0;
    for (int i = 0; i < nOut; i++) {
      outs.add(outUnk[i] ? uout.get(ku++) : kout.get(k++));
    }
    return outs;
  }

  private static boolean isUnknown(NDArray x, PartialEvalTrace pe) {
    return x instanceof JitTracer t && t.trace() == pe.staging();
  }

  /**
   * The transpose: each branch transposed with respect to its linear operands (the known ones,
   * e.g. the primal values of a JVP, become the transposed branches' inputs), bound as a cond
   * on the same index.
   *
   * @param cts the cotangents of the outputs
   * @param args the operands; the linear ones are given as {@code null}
   * @param avals the abstract values (shape and dtype) of the inputs
   * @param params the primitive's parameters
   * @return the transpose: each branch transposed with respect to its linear operands (the known
   *     ones, e.g. the primal values of a JVP, become the transposed branches' inputs), bound as a
   *     cond on the same index
   */
  public static List<NDArray> transpose(List<NDArray> cts, List<NDArray> args,
      List<ShapedArray> avals, Params params) {
    if (args.get(0) == null) {
      throw new IllegalArgumentException("cond: transpose with respect to the index");
    }
    List<ClosedJaxpr> branches = Cond.branches(params);
    int nOps = args.size() - 1;
    boolean[] lin = new boolean[nOps];
    List<NDArray> known = new ArrayList<>();
    List<ShapedArray> inAvals = new ArrayList<>();
    for (int i = 0; i < nOps; i++) {
      lin[i] = args.get(i + 1) == null;
      if (!lin[i]) {
        known.add(args.get(i + 1));
        inAvals.add(avals.get(i + 1));
      }
    }
    for (NDArray c : cts) {
      inAvals.add(c.aval());
    }
    List<ShapedArray> opAvals = avals.subList(1, avals.size());
    int nKnown = known.size();
    List<JaxprTransforms.Hoisted> hs = new ArrayList<>();
    for (ClosedJaxpr b : branches) {
      Jaxpr j = JaxprTransforms.open(b);
      hs.add(JaxprTransforms.dce(JaxprTransforms.trace(in -> {
        Jaxpr linear = new Jaxpr(JaxprTransforms.select(j.invars(), lin, false),
            JaxprTransforms.select(j.invars(), lin, true), j.eqns(), j.outvars());
        List<NDArray> res = Transpose.backwardPass(
            new ClosedJaxpr(linear, in.subList(0, nKnown)), in.subList(nKnown, in.size()));
        List<NDArray> out = new ArrayList<>();
        List<ShapedArray> linAvals = JaxprTransforms.select(opAvals, lin, true);
        for (int i = 0; i < res.size(); i++) {
          out.add(res.get(i) != null ? res.get(i) : JaxprTransforms.zeros(linAvals.get(i)));
        }
        return out;
      }, inAvals, "cond_transpose", "transpose")));
    }
    Merged m = merge(hs);
    List<NDArray> in = new ArrayList<>();
    in.add(args.get(0));
    in.addAll(m.consts());
    in.addAll(known);
    in.addAll(cts);
    List<NDArray> outs = Cond.COND.bind(in, Cond.params(m.branches()));
    List<NDArray> result = new ArrayList<>();
    result.add(null);
    int k = 0;
    for (int i = 0; i < nOps; i++) {
      result.add(lin[i] ? outs.get(k++) : null);
    }
    return result;
  }

  /**
   * Batching: with a batched index, every branch runs batched and {@code select_n} picks each
   * element's outputs (the index clamped as {@code cond} clamps it); otherwise the branches are
   * batched and {@code cond} bound again, every output batched along dimension 0 when some
   * branch batches it.
   *
   * @param args the operands, batched or not
   * @param dims the batched dimension of each argument ({@code -1} where not batched)
   * @param params the primitive's parameters
   * @return the batched outputs and the dimension of each that carries the batch
   */
  public static Primitive.BatchResult batch(List<NDArray> args, int[] dims, Params params) {
    List<ClosedJaxpr> branches = Cond.branches(params);
    int size = -1;
    for (int i = 0; i < args.size(); i++) {
      if (dims[i] >= 0) {
        size = args.get(i).aval().shape().dim(dims[i]);
      }
    }
    int nOps = args.size() - 1;
    boolean[] bIn = new boolean[nOps];
    List<NDArray> ops = new ArrayList<>();
    for (int i = 0; i < nOps; i++) {
      bIn[i] = dims[i + 1] >= 0;
      ops.add(bIn[i] ? JaxprTransforms.moveAxis(args.get(i + 1), dims[i + 1], 0)
          : args.get(i + 1));
    }
    int nOut = branches.get(0).jaxpr().outvars().size();
    boolean[] all = new boolean[nOut];
    Arrays.fill(all, true);
    if (dims[0] >= 0) {
      NDArray index = JaxprTransforms.moveAxis(args.get(0), dims[0], 0);
      index = Lax.clamp(Lax.convertElementType(0, index.aval().dtype()), index,
          Lax.convertElementType(branches.size() - 1, index.aval().dtype()));
      // As JAX: every operand batched, and each branch sees an operand whose gradient is cut
      // where the branch is not taken, so that an unselected branch's non-finite derivatives
      // cannot leak into reverse mode.
      List<NDArray> front = new ArrayList<>();
      for (int i = 0; i < nOps; i++) {
        front.add(JaxprTransforms.atFront(args.get(i + 1), dims[i + 1], size));
      }
      boolean[] allIn = new boolean[nOps];
      Arrays.fill(allIn, true);
      List<List<NDArray>> outs = new ArrayList<>();
      for (int k = 0; k < branches.size(); k++) {
        NDArray taken = Lax.eq(index, Lax.convertElementType(k, index.aval().dtype()));
        List<NDArray> safe = new ArrayList<>();
        for (NDArray x : front) {
          NDArray off = x.aval().dtype().isFloating() ? Lax.stopGradient(x) : x;
          int[] shape = x.aval().shape().dims();
          NDArray p = shape.length == 1 ? taken
              : Lax.broadcastInDim(taken, shape, new int[] {0});
          safe.add(Lax.selectN(p, off, x));
        }
        JaxprTransforms.Batched bb =
            JaxprTransforms.batch(JaxprTransforms.open(branches.get(k)), size, allIn, all);
        outs.add(JaxprTransforms.eval(bb.jaxpr(), safe));
      }
      List<NDArray> result = new ArrayList<>();
      for (int i = 0; i < nOut; i++) {
        List<NDArray> cases = new ArrayList<>();
        for (List<NDArray> o : outs) {
          cases.add(o.get(i));
        }
        int[] shape = cases.get(0).aval().shape().dims();
        NDArray which = shape.length == 1 ? index
            : Lax.broadcastInDim(index, shape, new int[] {0});
        result.add(Lax.selectN(which, cases.toArray()));
      }
      int[] od = new int[nOut];
      return new Primitive.BatchResult(result, od);
    }
    boolean[] bOut = new boolean[nOut];
    for (ClosedJaxpr b : branches) {
      boolean[] o = JaxprTransforms.batch(JaxprTransforms.open(b), size, bIn, new boolean[nOut])
          .batchedOut();
      for (int i = 0; i < nOut; i++) {
        bOut[i] |= o[i];
      }
    }
    List<JaxprTransforms.Hoisted> hs = new ArrayList<>();
    for (ClosedJaxpr b : branches) {
      hs.add(JaxprTransforms.batch(JaxprTransforms.open(b), size, bIn, bOut).jaxpr());
    }
    Merged m = merge(hs);
    List<NDArray> in = new ArrayList<>();
    in.add(args.get(0));
    in.addAll(m.consts());
    in.addAll(ops);
    List<NDArray> outs = Cond.COND.bind(in, Cond.params(m.branches()));
    int[] od = new int[nOut];
    for (int i = 0; i < nOut; i++) {
      od[i] = bOut[i] ? 0 : Primitive.NOT_MAPPED;
    }
    return new Primitive.BatchResult(outs, od);
  }
}
