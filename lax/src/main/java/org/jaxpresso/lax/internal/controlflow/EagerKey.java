package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.JaxprPrinter;
import org.jaxpresso.core.jaxpr.Var;

/**
 * The eager dispatch cache key of a control-flow equation: its structure rather than its
 * params' identity. Branch and body functions are traced afresh on every eager call, so the
 * sub-jaxprs are new objects each time; two calls share a compiled program when the
 * one-equation program prints the same text (operand types, every sub-jaxpr, literals by value),
 * every variable has the same weak type (the text does not show weak types) and the closed-over
 * constants of the sub-jaxprs, if any, are the same arrays.
 *
 * @param text the one-equation program's jaxpr text
 * @param weakTypes one character per variable, in printing order: {@code w} weak, {@code s} not
 * @param consts the sub-jaxprs' constants, compared by identity
 */
record EagerKey(String text, String weakTypes, List<Identity> consts) {

  /**
   * An object compared by identity.
   *
   * @param value the object
   */
  record Identity(Object value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.value == value;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(value);
    }
  }

  /** The key of {@code p[params]} applied to operands of types {@code avals}. */
  static EagerKey of(Primitive p, Params params, List<ShapedArray> avals) {
    ClosedJaxpr program = Dispatch.singleEquation(p, params, avals);
    StringBuilder weak = new StringBuilder();
    List<Identity> consts = new ArrayList<>();
    walk(program, weak, consts);
    return new EagerKey(JaxprPrinter.print(program), weak.toString(), List.copyOf(consts));
  }

  private static void walk(ClosedJaxpr j, StringBuilder weak, List<Identity> consts) {
    for (NDArray c : j.consts()) {
      consts.add(new Identity(c));
    }
    walk(j.jaxpr(), weak, consts);
  }

  private static void walk(Jaxpr j, StringBuilder weak, List<Identity> consts) {
    for (Var v : j.constvars()) {
      mark(v, weak);
    }
    for (Var v : j.invars()) {
      mark(v, weak);
    }
    for (Eqn e : j.eqns()) {
      for (Atom a : e.inputs()) {
        weak.append(a.aval().weakType() ? 'w' : 's');
      }
      for (Var v : e.outputs()) {
        mark(v, weak);
      }
      for (Map.Entry<String, Object> p : e.params().asMap().entrySet()) {
        param(p.getValue(), weak, consts);
      }
    }
    for (Atom a : j.outvars()) {
      weak.append(a.aval().weakType() ? 'w' : 's');
    }
    weak.append(';');
  }

  private static void param(Object v, StringBuilder weak, List<Identity> consts) {
    switch (v) {
      case ClosedJaxpr c -> walk(c, weak, consts);
      case Jaxpr j -> walk(j, weak, consts);
      case List<?> l -> l.forEach(x -> param(x, weak, consts));
      case Object[] a -> {
        for (Object x : a) {
          param(x, weak, consts);
        }
      }
      case null, default -> { }
    }
  }

  private static void mark(Var v, StringBuilder weak) {
    weak.append(v.aval().weakType() ? 'w' : 's');
  }
}
