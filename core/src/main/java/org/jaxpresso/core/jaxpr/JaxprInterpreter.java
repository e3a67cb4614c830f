package org.jaxpresso.core.jaxpr;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;

/**
 * Evaluates a jaxpr equation by equation with each primitive's reference implementation. This
 * is the reference backend's executor and the oracle that compiled backends are tested against.
 */
public final class JaxprInterpreter {
  private JaxprInterpreter() {}

  /**
   * Runs {@code program} on {@code args}.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @param args the concrete inputs, one per jaxpr input
   * @return the outputs
   * @throws IllegalArgumentException if the number of arguments is wrong
   */
  public static List<Array> eval(ClosedJaxpr program, List<Array> args) {
    Jaxpr j = program.jaxpr();
    if (args.size() != j.invars().size()) {
      throw new IllegalArgumentException(
          "jaxpr takes " + j.invars().size() + " arguments, got " + args.size());
    }
    Map<Var, Array> env = new IdentityHashMap<>();
    for (int i = 0; i < j.constvars().size(); i++) {
      NDArray c = program.consts().get(i);
      if (!(c instanceof Array a)) {
        throw new IllegalArgumentException("cannot evaluate a jaxpr whose constant " + i + " is traced");
      }
      env.put(j.constvars().get(i), a);
    }
    for (int i = 0; i < args.size(); i++) {
      env.put(j.invars().get(i), args.get(i));
    }
    for (Eqn e : j.eqns()) {
      List<Array> in = new ArrayList<>(e.inputs().size());
      for (Atom a : e.inputs()) {
        in.add(read(env, a));
      }
      List<Array> out = e.primitive().impl(in, e.params());
      for (int k = 0; k < e.outputs().size(); k++) {
        Var v = e.outputs().get(k);
        if (!v.isDropVar()) {
          env.put(v, out.get(k));
        }
      }
    }
    List<Array> result = new ArrayList<>(j.outvars().size());
    for (Atom a : j.outvars()) {
      result.add(read(env, a));
    }
    return result;
  }

  private static Array read(Map<Var, Array> env, Atom a) {
    return switch (a) {
      case Literal l -> l.value();
      case Var v -> {
        Array x = env.get(v);
        if (x == null) {
          throw new IllegalStateException("jaxpr reads variable " + v + " before it is defined");
        }
        yield x;
      }
    };
  }
}
