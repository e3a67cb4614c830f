package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.lax.primitives.Scan;

/**
 * A {@code scan} partially evaluated (JAX's {@code _scan_partial_eval}): its body split into a
 * known and an unknown part, the carries unknown wherever the body makes them so, and the
 * known part run as a scan of its own that also returns the residuals the unknown part reads.
 * A residual that is a known const is passed as a const (loop-invariant), one that is a known
 * xs slice as those xs, and any other is stacked by the known scan.
 */
final class ScanSplit {
  /** Per input of the scan, whether it is unknown (after the carry fixpoint). */
  final boolean[] unknown;
  /** The split body. */
  final PartialEval.Split split;
  /** Per output of the scan, its value when known (null when unknown or not computed). */
  final NDArray[] knownOuts;
  /** Per residual, its value when loop-invariant, else null. */
  final NDArray[] invariant;
  /** Per residual, its stacked per-step values when not loop-invariant, else null. */
  final NDArray[] stacked;
  /** The loop-invariant residuals' indices, then the stacked ones', in order. */
  final List<Integer> inv = new ArrayList<>();
  final List<Integer> stk = new ArrayList<>();

  private ScanSplit(boolean[] unknown, PartialEval.Split split, int nOut) {
    this.unknown = unknown;
    this.split = split;
    this.knownOuts = new NDArray[nOut];
    this.invariant = new NDArray[split.numResiduals()];
    this.stacked = new NDArray[split.numResiduals()];
  }

  /**
   * Splits the scan {@code body} (params {@code params}) given which inputs are unknown and
   * runs its known part on the known {@code args} (unknown entries are ignored) under the
   * current trace.
   *
   * @param knownOutputs whether the known outputs are wanted (otherwise the known scan runs only
   *     when residuals need computing)
   */
  static ScanSplit run(Jaxpr body, Params params, List<NDArray> args, boolean[] unknownIn,
      boolean knownOutputs) {
    int nc = Scan.numConsts(params);
    int ncarry = Scan.numCarry(params);
    int n = args.size();
    int nys = body.outvars().size() - ncarry;
    boolean[] unk = unknownIn.clone();
    PartialEval.Split s;
    while (true) {
      boolean[] inst = new boolean[ncarry + nys];
      System.arraycopy(unk, nc, inst, 0, ncarry);
      s = PartialEval.split(body, unk, inst);
      boolean changed = false;
      for (int i = 0; i < ncarry; i++) {
        if (s.unknownOut()[i] && !unk[nc + i]) {
          unk[nc + i] = true;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    ScanSplit r = new ScanSplit(unk, s, ncarry + nys);
    List<NDArray> knownC = JaxprTransforms.select(args.subList(0, nc),
        JaxprTransforms.slice(unk, 0, nc), false);
    List<NDArray> knownCarry = JaxprTransforms.select(args.subList(nc, nc + ncarry),
        JaxprTransforms.slice(unk, nc, nc + ncarry), false);
    List<NDArray> knownX = JaxprTransforms.select(args.subList(nc + ncarry, n),
        JaxprTransforms.slice(unk, nc + ncarry, n), false);
    int kc = knownC.size();
    int kcarry = knownCarry.size();
    Jaxpr known = s.known();
    int nr = s.numResiduals();
    int nKnownOut = known.outvars().size() - nr;
    List<Integer> computed = new ArrayList<>();
    for (int i = 0; i < nr; i++) {
      Atom a = known.outvars().get(nKnownOut + i);
      int idx = a instanceof Var v ? known.invars().indexOf(v) : -1;
      if (idx >= 0 && idx < kc) {
        r.invariant[i] = knownC.get(idx);
      } else if (idx >= kc + kcarry) {
        r.stacked[i] = knownX.get(idx - kc - kcarry);
      } else {
        computed.add(i);
      }
    }
    for (int i = 0; i < nr; i++) {
      (r.invariant[i] != null ? r.inv : r.stk).add(i);
    }
    if (computed.isEmpty() && (!knownOutputs || nKnownOut == 0)) {
      return r;
    }
    List<Atom> outs = new ArrayList<>(known.outvars().subList(0, nKnownOut));
    for (int i : computed) {
      outs.add(known.outvars().get(nKnownOut + i));
    }
    boolean[] keep = new boolean[known.invars().size()];
    Arrays.fill(keep, true);
    Jaxpr fwd = JaxprEdits.dce(new Jaxpr(List.of(), known.invars(), known.eqns(), outs), keep)
        .jaxpr();
    List<NDArray> in = new ArrayList<>(knownC);
    in.addAll(knownCarry);
    in.addAll(knownX);
    List<NDArray> res = Scan.SCAN.bind(in, params(params, ClosedJaxpr.of(fwd),
        params.getBoolean("reverse"), kc, kcarry, knownX.size()));
    int k = 0;
    for (int i = 0; i < ncarry + nys; i++) {
      if (!s.unknownOut()[i]) {
        r.knownOuts[i] = res.get(k++);
      }
    }
    for (int i = 0; i < computed.size(); i++) {
      r.stacked[computed.get(i)] = res.get(nKnownOut + i);
    }
    return r;
  }

  /** Scan params for {@code body} with every y an output. */
  static Params params(Params p, ClosedJaxpr body, boolean reverse, int nc, int ncarry,
      int nxs) {
    int nys = body.jaxpr().outvars().size() - ncarry;
    boolean[] kept = new boolean[nys];
    Arrays.fill(kept, true);
    return Scan.params(body, p.getInt("length"), reverse, p.getInt("unroll"), nc, ncarry, nxs,
        kept);
  }

  /**
   * The unknown part as a scan body: invars the loop-invariant residuals, the unknown consts,
   * the unknown carries, the stacked residuals (one step's slice), the unknown xs.
   */
  Jaxpr unknownBody(int nc, int ncarry) {
    Jaxpr u = split.unknown();
    int nr = split.numResiduals();
    List<Var> in = new ArrayList<>();
    for (int i : inv) {
      in.add(u.invars().get(i));
    }
    int nuc = JaxprTransforms.count(JaxprTransforms.slice(unknown, 0, nc));
    int nucarry = JaxprTransforms.count(JaxprTransforms.slice(unknown, nc, nc + ncarry));
    in.addAll(u.invars().subList(nr, nr + nuc + nucarry));
    for (int i : stk) {
      in.add(u.invars().get(i));
    }
    in.addAll(u.invars().subList(nr + nuc + nucarry, u.invars().size()));
    return new Jaxpr(List.of(), in, u.eqns(), u.outvars());
  }
}
