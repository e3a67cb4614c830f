package org.jaxpresso.jit.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;

/**
 * Evaluates equations whose operands are all literals and whose results are all 0-d, with the
 * primitive's reference implementation, and replaces their results by literals (keeping each
 * result variable's weak type). Folding runs forward, so chains of literal-only equations fold
 * in one pass. Equations without operands ({@code iota}) or with non-scalar results are kept:
 * folding them would turn a cheap loop into a large constant.
 */
public final class ConstantFoldPass implements Pass {
  /** Creates the pass; it holds no state, so one instance can serve every program. */
  public ConstantFoldPass() {}

  @Override
  public String name() {
    return "fold";
  }

  @Override
  public ClosedJaxpr apply(ClosedJaxpr program) {
    Jaxpr j = program.jaxpr();
    Renaming renaming = new Renaming();
    List<Eqn> eqns = new ArrayList<>();
    for (Eqn original : j.eqns()) {
      Eqn e = renaming.apply(original);
      if (!foldable(e)) {
        eqns.add(e);
        continue;
      }
      List<Array> args = new ArrayList<>();
      for (Atom a : e.inputs()) {
        args.add(((Literal) a).value());
      }
      List<Array> results = e.primitive().impl(args, e.params());
      for (int k = 0; k < e.outputs().size(); k++) {
        Var v = e.outputs().get(k);
        renaming.put(v, new Literal(results.get(k).withWeakType(v.aval().weakType())));
      }
    }
    Jaxpr out = new Jaxpr(j.constvars(), j.invars(), eqns, renaming.apply(j.outvars()));
    return new ClosedJaxpr(out, program.consts());
  }

  private static boolean foldable(Eqn e) {
    if (e.inputs().isEmpty() || e.primitive().implRule() == null) {
      return false;
    }
    for (Atom a : e.inputs()) {
      if (!(a instanceof Literal)) {
        return false;
      }
    }
    for (Var v : e.outputs()) {
      if (v.aval().rank() != 0) {
        return false;
      }
    }
    return true;
  }
}
