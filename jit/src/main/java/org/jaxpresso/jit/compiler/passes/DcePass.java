package org.jaxpresso.jit.compiler.passes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;

/**
 * Dead-code elimination: drops equations none of whose results is read (lax primitives have
 * no effects) and constvars nothing reads. Inputs stay, since they are the program's signature.
 */
public final class DcePass implements Pass {
  /** Creates the pass; it holds no state, so one instance can serve every program. */
  public DcePass() {}

  @Override
  public String name() {
    return "dce";
  }

  @Override
  public ClosedJaxpr apply(ClosedJaxpr program) {
    Jaxpr j = program.jaxpr();
    Set<Var> live = Collections.newSetFromMap(new IdentityHashMap<>());
    markVars(j.outvars(), live);
    List<Eqn> kept = new ArrayList<>();
    for (int i = j.eqns().size() - 1; i >= 0; i--) {
      Eqn e = j.eqns().get(i);
      boolean used = false;
      for (Var v : e.outputs()) {
        used |= live.contains(v);
      }
      if (used) {
        kept.add(e);
        markVars(e.inputs(), live);
      }
    }
    Collections.reverse(kept);
    List<Var> constvars = new ArrayList<>();
    List<NDArray> consts = new ArrayList<>();
    for (int i = 0; i < j.constvars().size(); i++) {
      if (live.contains(j.constvars().get(i))) {
        constvars.add(j.constvars().get(i));
        consts.add(program.consts().get(i));
      }
    }
    return new ClosedJaxpr(new Jaxpr(constvars, j.invars(), kept, j.outvars()), consts);
  }

  private static void markVars(List<? extends Atom> atoms, Set<Var> live) {
    for (Atom a : atoms) {
      if (a instanceof Var v) {
        live.add(v);
      }
    }
  }
}
