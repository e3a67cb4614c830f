package org.jaxpresso.jit.compiler.passes;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;

/** A substitution of atoms for variables, applied to the operands of the equations a pass keeps. */
final class Renaming {
  private final Map<Var, Atom> map = new IdentityHashMap<>();

  /** From now on, reads of {@code v} read {@code replacement}. */
  void put(Var v, Atom replacement) {
    map.put(v, replacement);
  }

  /** What {@code a} stands for now. */
  Atom apply(Atom a) {
    return switch (a) {
      case Literal l -> l;
      case Var v -> {
        Atom r = v;
        // Follow chains: a call inlined inside an inlined body renames a renamed variable.
        while (r instanceof Var w && map.containsKey(w)) {
          r = map.get(w);
        }
        yield r;
      }
    };
  }

  /** {@link #apply} on each atom. */
  List<Atom> apply(List<? extends Atom> atoms) {
    List<Atom> out = new ArrayList<>(atoms.size());
    for (Atom a : atoms) {
      out.add(apply(a));
    }
    return out;
  }

  /** {@code e} with its operands renamed (itself when nothing changes). */
  Eqn apply(Eqn e) {
    List<Atom> in = apply(e.inputs());
    return in.equals(e.inputs()) ? e : new Eqn(e.primitive(), in, e.params(), e.outputs());
  }
}
