package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.lax.primitives.Cond;
import org.jaxpresso.lax.primitives.Scan;
import org.jaxpresso.lax.primitives.While;

/**
 * Partial evaluation of a jaxpr with known and unknown inputs (JAX's {@code
 * partial_eval_jaxpr_nounits}), as reverse mode through loops needs it: the known part runs
 * first and also returns the residuals, the known values the unknown part reads; the unknown
 * part takes the residuals and the unknown inputs.
 *
 * <p>An equation with an unknown input is unknown, except that a control-flow equation with
 * some known inputs also gets a known copy computing the outputs that depend on known inputs
 * only (its sub-jaxprs partially evaluated in turn); the unknown equation then recomputes them,
 * as JAX's rematerializing {@code while} rule does.
 */
public final class PartialEval {
  private PartialEval() {}

  /**
   * A jaxpr split in two.
   *
   * @param known invars: the known inputs in order; outvars: the known outputs in order, then
   *     the residuals
   * @param unknown invars: the residuals, then the unknown inputs in order; outvars: the
   *     unknown outputs in order
   * @param unknownOut per output, whether it is an output of {@code unknown}
   * @param numResiduals the number of residuals
   */
  public record Split(Jaxpr known, Jaxpr unknown, boolean[] unknownOut, int numResiduals) {
    /**
     * The known part without the residual outputs.
     *
     * @return the known part without the residual outputs
     */
    public Jaxpr knownOutputsOnly() {
      int n = known.outvars().size() - numResiduals;
      return new Jaxpr(known.constvars(), known.invars(), known.eqns(),
          known.outvars().subList(0, n));
    }
  }

  /**
   * Splits {@code j} (without constvars) given which inputs are unknown; outputs marked {@code
   * instantiate} are unknown outputs even when known (they are then forwarded residuals).
   *
   * @param j the jaxpr
   * @param unknownIn which inputs are unknown
   * @param instantiate whether zero tangents are materialized as arrays
   * @return {@code j} (without constvars) given which inputs are unknown
   */
  public static Split split(Jaxpr j, boolean[] unknownIn, boolean[] instantiate) {
    if (!j.constvars().isEmpty()) {
      throw new IllegalArgumentException("partial evaluation needs a jaxpr without constvars");
    }
    Set<Var> unknown = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < unknownIn.length; i++) {
      if (unknownIn[i]) {
        unknown.add(j.invars().get(i));
      }
    }
    List<Eqn> knownEqns = new ArrayList<>();
    List<Eqn> unknownEqns = new ArrayList<>();
    for (Eqn e : j.eqns()) {
      boolean[] inUnk = new boolean[e.inputs().size()];
      boolean any = false;
      for (int i = 0; i < inUnk.length; i++) {
        inUnk[i] = e.inputs().get(i) instanceof Var v && unknown.contains(v);
        any |= inUnk[i];
      }
      if (!any) {
        knownEqns.add(e);
        continue;
      }
      Rule r = switch (e.primitive().name()) {
        case "scan" -> scan(e, inUnk);
        case "cond" -> cond(e, inUnk);
        case "while" -> whileLoop(e, inUnk);
        default -> null;
      };
      boolean[] outUnk = new boolean[e.outputs().size()];
      if (r == null) {
        Arrays.fill(outUnk, true);
      } else {
        outUnk = r.unknownOut();
        knownEqns.add(r.knownCopy());
      }
      List<Var> outs = new ArrayList<>();
      for (int i = 0; i < outUnk.length; i++) {
        Var v = e.outputs().get(i);
        if (outUnk[i]) {
          unknown.add(v);
          outs.add(v);
        } else {
          outs.add(Var.of(v.aval()));
        }
      }
      Eqn copy = new Eqn(e.primitive(), e.inputs(), e.params(), outs);
      unknown.addAll(outs);
      unknownEqns.add(copy);
    }
    Set<Var> residuals = new LinkedHashSet<>();
    for (Eqn e : unknownEqns) {
      for (Atom a : e.inputs()) {
        if (a instanceof Var v && !unknown.contains(v)) {
          residuals.add(v);
        }
      }
    }
    boolean[] outUnk = new boolean[j.outvars().size()];
    List<Atom> knownOuts = new ArrayList<>();
    List<Atom> unknownOuts = new ArrayList<>();
    for (int i = 0; i < outUnk.length; i++) {
      Atom a = j.outvars().get(i);
      boolean u = a instanceof Var v && unknown.contains(v);
      outUnk[i] = u || instantiate[i];
      if (outUnk[i]) {
        unknownOuts.add(a);
        if (!u && a instanceof Var v) {
          residuals.add(v);
        }
      } else {
        knownOuts.add(a);
      }
    }
    List<Var> res = new ArrayList<>(residuals);
    List<Atom> kOuts = new ArrayList<>(knownOuts);
    kOuts.addAll(res);
    Jaxpr known = new Jaxpr(List.of(), JaxprTransforms.select(j.invars(), unknownIn, false),
        knownEqns, kOuts);
    List<Var> uIn = new ArrayList<>(res);
    uIn.addAll(JaxprTransforms.select(j.invars(), unknownIn, true));
    Jaxpr unk = new Jaxpr(List.of(), uIn, unknownEqns, unknownOuts);
    return new Split(known, unk, outUnk, res.size());
  }

  /** A control-flow equation's partial-evaluation rule result. */
  private record Rule(boolean[] unknownOut, Eqn knownCopy) {}

  private static boolean allTrue(boolean[] a) {
    for (boolean b : a) {
      if (!b) {
        return false;
      }
    }
    return true;
  }

  private static <T> List<T> knownOnly(List<T> xs, boolean[] unk) {
    return JaxprTransforms.select(xs, unk, false);
  }

  private static List<Var> knownOuts(Eqn e, boolean[] outUnk) {
    return knownOnly(e.outputs(), outUnk);
  }

  /** scan: the carries' known-ness reaches a fixpoint; the known copy scans the known body. */
  private static Rule scan(Eqn e, boolean[] inUnk) {
    Params p = e.params();
    ClosedJaxpr body = SubJaxprs.jaxprParam("scan", p, "jaxpr");
    if (!body.consts().isEmpty()) {
      return null;
    }
    int nc = Scan.numConsts(p);
    int ncarry = Scan.numCarry(p);
    int nxs = Scan.numXs(p);
    boolean[] unk = inUnk.clone();
    int nOut = body.jaxpr().outvars().size();
    Split s;
    while (true) {
      boolean[] inst = new boolean[nOut];
      System.arraycopy(unk, nc, inst, 0, ncarry);
      s = split(body.jaxpr(), unk, inst);
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
    if (allTrue(s.unknownOut())) {
      return null;
    }
    int kc = nc - JaxprTransforms.count(JaxprTransforms.slice(unk, 0, nc));
    int kcarry = ncarry - JaxprTransforms.count(JaxprTransforms.slice(unk, nc, nc + ncarry));
    int kxs = nxs - JaxprTransforms.count(JaxprTransforms.slice(unk, nc + ncarry, unk.length));
    int kys = s.knownOutputsOnly().outvars().size() - kcarry;
    boolean[] kept = new boolean[kys];
    Arrays.fill(kept, true);
    Params kp = Scan.params(ClosedJaxpr.of(s.knownOutputsOnly()), p.getInt("length"),
        p.getBoolean("reverse"), p.getInt("unroll"), kc, kcarry, kxs, kept);
    Eqn copy = new Eqn(Scan.SCAN, knownOnly(e.inputs(), unk), kp, knownOuts(e, s.unknownOut()));
    return new Rule(s.unknownOut(), copy);
  }

  /** cond: the outputs known in every branch, from a cond over the branches' known parts. */
  private static Rule cond(Eqn e, boolean[] inUnk) {
    if (inUnk[0]) {
      return null;
    }
    List<ClosedJaxpr> branches = Cond.branches(e.params());
    boolean[] ops = JaxprTransforms.slice(inUnk, 1, inUnk.length);
    int nOut = e.outputs().size();
    boolean[] outUnk = new boolean[nOut];
    for (ClosedJaxpr b : branches) {
      if (!b.consts().isEmpty()) {
        return null;
      }
      boolean[] u = split(b.jaxpr(), ops, new boolean[nOut]).unknownOut();
      for (int i = 0; i < nOut; i++) {
        outUnk[i] |= u[i];
      }
    }
    if (allTrue(outUnk)) {
      return null;
    }
    List<ClosedJaxpr> known = new ArrayList<>();
    for (ClosedJaxpr b : branches) {
      known.add(ClosedJaxpr.of(split(b.jaxpr(), ops, outUnk).knownOutputsOnly()));
    }
    List<Atom> in = new ArrayList<>();
    in.add(e.inputs().get(0));
    in.addAll(knownOnly(e.inputs().subList(1, e.inputs().size()), ops));
    return new Rule(outUnk, new Eqn(Cond.COND, in, Cond.params(known), knownOuts(e, outUnk)));
  }

  /** while: known carries from a loop over the known parts, when the predicate is known. */
  private static Rule whileLoop(Eqn e, boolean[] inUnk) {
    Params p = e.params();
    ClosedJaxpr cond = SubJaxprs.jaxprParam("while", p, "cond_jaxpr");
    ClosedJaxpr body = SubJaxprs.jaxprParam("while", p, "body_jaxpr");
    if (!cond.consts().isEmpty() || !body.consts().isEmpty()) {
      return null;
    }
    int cn = p.getInt("cond_nconsts");
    int bn = p.getInt("body_nconsts");
    int ncarry = inUnk.length - cn - bn;
    boolean[] cc = JaxprTransforms.slice(inUnk, 0, cn);
    boolean[] bc = JaxprTransforms.slice(inUnk, cn, cn + bn);
    boolean[] carry = JaxprTransforms.slice(inUnk, cn + bn, inUnk.length);
    Split sb;
    while (true) {
      sb = split(body.jaxpr(), JaxprTransforms.concat(bc, carry), carry.clone());
      boolean changed = false;
      for (int i = 0; i < ncarry; i++) {
        if (sb.unknownOut()[i] && !carry[i]) {
          carry[i] = true;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    Split sc = split(cond.jaxpr(), JaxprTransforms.concat(cc, carry), new boolean[1]);
    if (sc.unknownOut()[0] || allTrue(carry)) {
      return null;
    }
    List<Atom> in = new ArrayList<>(knownOnly(e.inputs().subList(0, cn), cc));
    List<Atom> kb = knownOnly(e.inputs().subList(cn, cn + bn), bc);
    in.addAll(kb);
    in.addAll(knownOnly(e.inputs().subList(cn + bn, e.inputs().size()), carry));
    Params kp = While.params(ClosedJaxpr.of(sc.knownOutputsOnly()),
        cn - JaxprTransforms.count(cc), ClosedJaxpr.of(sb.knownOutputsOnly()), kb.size());
    return new Rule(carry, new Eqn(While.WHILE, in, kp, knownOuts(e, carry)));
  }
}
