package org.jaxpresso.core.ad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;

/**
 * Transposition of a jaxpr linear in its inputs (JAX's {@code backward_pass}): equations that
 * do not depend on the inputs are evaluated forwards first; then the linear ones are walked in
 * reverse, each primitive's {@link Primitive.TransposeRule} turning output cotangents into
 * input cotangents, which are summed where a variable is used more than once. Every bind goes
 * to the current trace, so transposition composes with {@code jit} and {@code vmap}.
 */
public final class Transpose {
  private Transpose() {}

  /**
   * The cotangents of {@code linear}'s inputs given those of its outputs.
   *
   * @param linear a jaxpr linear in its invars; its constvars are known values
   * @param cts one cotangent per outvar, null for a zero
   * @return one cotangent per invar, null where it is zero
   */
  public static List<NDArray> backwardPass(ClosedJaxpr linear, List<NDArray> cts) {
    Jaxpr j = linear.jaxpr();
    Map<Var, NDArray> env = new IdentityHashMap<>();
    for (int i = 0; i < j.constvars().size(); i++) {
      env.put(j.constvars().get(i), linear.consts().get(i));
    }
    Set<Var> lin = Collections.newSetFromMap(new IdentityHashMap<>());
    lin.addAll(j.invars());
    List<Eqn> linearEqns = new ArrayList<>();
    for (Eqn e : j.eqns()) {
      boolean isLinear = false;
      for (Atom a : e.inputs()) {
        isLinear |= a instanceof Var v && lin.contains(v);
      }
      if (isLinear) {
        lin.addAll(e.outputs());
        linearEqns.add(e);
      } else {
        List<NDArray> in = new ArrayList<>();
        for (Atom a : e.inputs()) {
          in.add(JaxprEval.read(env, a));
        }
        List<NDArray> out = e.primitive().bind(in, e.params());
        for (int k = 0; k < out.size(); k++) {
          env.put(e.outputs().get(k), out.get(k));
        }
      }
    }
    Map<Var, NDArray> ct = new IdentityHashMap<>();
    for (int i = 0; i < j.outvars().size(); i++) {
      if (j.outvars().get(i) instanceof Var v && lin.contains(v) && cts.get(i) != null) {
        accumulate(ct, v, cts.get(i));
      }
    }
    for (int k = linearEqns.size() - 1; k >= 0; k--) {
      Eqn e = linearEqns.get(k);
      List<NDArray> outCts = new ArrayList<>();
      boolean any = false;
      for (Var v : e.outputs()) {
        NDArray c = ct.remove(v);
        any |= c != null;
        outCts.add(c);
      }
      if (!any) {
        continue;
      }
      for (int i = 0; i < outCts.size(); i++) {
        if (outCts.get(i) == null) {
          outCts.set(i, LinearOps.get().zeros(e.outputs().get(i).aval()));
        }
      }
      List<NDArray> args = new ArrayList<>();
      List<ShapedArray> avals = new ArrayList<>();
      for (Atom a : e.inputs()) {
        avals.add(a.aval());
        args.add(a instanceof Var v && lin.contains(v) ? null : JaxprEval.read(env, a));
      }
      Primitive.TransposeRule rule = e.primitive().transposeRule();
      if (rule == null) {
        throw new org.jaxpresso.core.errors.NotImplementedError(
            "Transpose rule (for reverse-mode differentiation) for '" + e.primitive().name()
                + "' not implemented");
      }
      List<NDArray> inCts = rule.apply(outCts, Collections.unmodifiableList(args), avals,
          e.params());
      for (int i = 0; i < e.inputs().size(); i++) {
        if (e.inputs().get(i) instanceof Var v && lin.contains(v) && inCts.get(i) != null) {
          accumulate(ct, v, inCts.get(i));
        }
      }
    }
    List<NDArray> result = new ArrayList<>();
    for (Var v : j.invars()) {
      result.add(ct.get(v));
    }
    return result;
  }

  private static void accumulate(Map<Var, NDArray> ct, Var v, NDArray c) {
    NDArray prev = ct.get(v);
    ct.put(v, prev == null ? c : LinearOps.get().add(prev, c));
  }
}
