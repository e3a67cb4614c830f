package org.jaxpresso.jit.compiler.passes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;

/**
 * Common-subexpression elimination: an equation with the same primitive, params, operands
 * (variables by identity, literals by dtype, weak type and printed value) and result types as
 * an earlier one is dropped, and its results read the earlier equation's. Every lax primitive
 * is a pure function of its operands and params, so this is always sound here.
 */
public final class CsePass implements Pass {
  /** Creates the pass; it holds no state, so one instance can serve every program. */
  public CsePass() {}

  @Override
  public String name() {
    return "cse";
  }

  /** The identity of an equation's computation. */
  private record Key(Primitive primitive, Params params, List<Object> inputs,
      List<ShapedArray> outputs) {}

  /** A literal operand compared by value. */
  private record LiteralKey(ShapedArray aval, String text) {}

  /** A variable operand compared by identity. */
  private record VarKey(Var v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof VarKey k && k.v == v;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(v);
    }
  }

  @Override
  public ClosedJaxpr apply(ClosedJaxpr program) {
    Jaxpr j = program.jaxpr();
    Renaming renaming = new Renaming();
    Map<Key, Eqn> seen = new HashMap<>();
    List<Eqn> eqns = new ArrayList<>();
    for (Eqn original : j.eqns()) {
      Eqn e = renaming.apply(original);
      Key key = key(e);
      Eqn prev = seen.get(key);
      if (prev == null) {
        seen.put(key, e);
        eqns.add(e);
        continue;
      }
      for (int k = 0; k < e.outputs().size(); k++) {
        Var mine = e.outputs().get(k);
        Var theirs = prev.outputs().get(k);
        if (!mine.isDropVar() && theirs.isDropVar()) {
          // The earlier equation drops this result: keep the equation rather than lose it.
          seen.put(key, e);
          eqns.add(e);
          prev = null;
          break;
        }
      }
      if (prev != null) {
        for (int k = 0; k < e.outputs().size(); k++) {
          renaming.put(e.outputs().get(k), prev.outputs().get(k));
        }
      }
    }
    Jaxpr out = new Jaxpr(j.constvars(), j.invars(), eqns, renaming.apply(j.outvars()));
    return new ClosedJaxpr(out, program.consts());
  }

  private static Key key(Eqn e) {
    List<Object> in = new ArrayList<>(e.inputs().size());
    for (Atom a : e.inputs()) {
      in.add(switch (a) {
        case Var v -> new VarKey(v);
        case Literal l -> new LiteralKey(l.aval(), l.toString());
      });
    }
    List<ShapedArray> out = new ArrayList<>(e.outputs().size());
    for (Var v : e.outputs()) {
      out.add(v.aval());
    }
    return new Key(e.primitive(), e.params(), in, out);
  }
}
