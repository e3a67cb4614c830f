package org.jaxpresso.jit.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ad.CustomJvp;
import org.jaxpresso.core.ad.CustomVjp;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.jit.JitPrimitive;

/**
 * Replaces every call equation ({@code jit}, and {@code custom_jvp_call} / {@code
 * custom_vjp_call}, whose custom rules only matter to transformations, so compiled code runs
 * their {@code call_jaxpr} as JAX's lowering does) by the equations of its callee, recursively.
 * The
 * callee's variables are copied fresh at each call site (variables are identities, and one
 * callee may be called twice); its constvars become constvars of the caller, with their values
 * appended to the caller's consts.
 */
public final class InlinePass implements Pass {
  /** Creates the pass; it holds no state, so one instance can serve every program. */
  public InlinePass() {}

  @Override
  public String name() {
    return "inline";
  }

  @Override
  public ClosedJaxpr apply(ClosedJaxpr program) {
    Jaxpr j = program.jaxpr();
    List<Var> constvars = new ArrayList<>(j.constvars());
    List<NDArray> consts = new ArrayList<>(program.consts());
    List<Eqn> eqns = new ArrayList<>();
    Renaming renaming = new Renaming();
    for (Eqn e : j.eqns()) {
      inline(renaming.apply(e), renaming, eqns, constvars, consts);
    }
    Jaxpr out = new Jaxpr(constvars, j.invars(), eqns, renaming.apply(j.outvars()));
    return new ClosedJaxpr(out, consts);
  }

  /** Appends {@code e} (operands already renamed) or, for a call, its callee's body. */
  private static void inline(Eqn e, Renaming outer, List<Eqn> eqns, List<Var> constvars,
      List<NDArray> consts) {
    String key = calleeParam(e);
    if (key == null) {
      eqns.add(e);
      return;
    }
    ClosedJaxpr callee = e.params().get(key, ClosedJaxpr.class);
    Jaxpr body = callee.jaxpr();
    Renaming inner = new Renaming();
    for (int i = 0; i < body.constvars().size(); i++) {
      Var fresh = Var.of(body.constvars().get(i).aval());
      constvars.add(fresh);
      consts.add(callee.consts().get(i));
      inner.put(body.constvars().get(i), fresh);
    }
    for (int i = 0; i < body.invars().size(); i++) {
      inner.put(body.invars().get(i), e.inputs().get(i));
    }
    for (Eqn b : body.eqns()) {
      List<Var> outs = new ArrayList<>(b.outputs().size());
      for (Var v : b.outputs()) {
        Var fresh = v.isDropVar() ? Var.drop(v.aval()) : Var.of(v.aval());
        outs.add(fresh);
        inner.put(v, fresh);
      }
      Eqn copy = new Eqn(b.primitive(), inner.apply(b.inputs()), b.params(), outs);
      inline(copy, inner, eqns, constvars, consts);
    }
    for (int k = 0; k < e.outputs().size(); k++) {
      Atom result = inner.apply(body.outvars().get(k));
      outer.put(e.outputs().get(k), result);
    }
  }

  /** The param holding the callee of a call equation to inline, or null for other equations. */
  private static String calleeParam(Eqn e) {
    if (e.primitive() == JitPrimitive.JIT) {
      return "jaxpr";
    }
    if (e.primitive() == CustomJvp.CUSTOM_JVP_CALL || e.primitive() == CustomVjp.CUSTOM_VJP_CALL) {
      return "call_jaxpr";
    }
    return null;
  }
}
