package org.jaxpresso.core.ad;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;

/**
 * Evaluates a jaxpr by binding each equation's primitive on the current trace (JAX's {@code
 * eval_jaxpr}), so a jaxpr can be re-traced under any transformation.
 */
public final class JaxprEval {
  private JaxprEval() {}

  /**
   * Runs {@code program} on {@code args} (arrays or tracers) under the current trace.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @param args the inputs: arrays or tracers of the current trace
   * @return the outputs
   * @throws IllegalArgumentException if the number of arguments is wrong
   */
  public static List<NDArray> eval(ClosedJaxpr program, List<? extends NDArray> args) {
    Jaxpr j = program.jaxpr();
    if (args.size() != j.invars().size()) {
      throw new IllegalArgumentException(
          "jaxpr takes " + j.invars().size() + " arguments, got " + args.size());
    }
    Map<Var, NDArray> env = new IdentityHashMap<>();
    for (int i = 0; i < j.constvars().size(); i++) {
      env.put(j.constvars().get(i), program.consts().get(i));
    }
    for (int i = 0; i < args.size(); i++) {
      env.put(j.invars().get(i), args.get(i));
    }
    for (Eqn e : j.eqns()) {
      List<NDArray> in = new ArrayList<>(e.inputs().size());
      for (Atom a : e.inputs()) {
        in.add(read(env, a));
      }
      List<NDArray> out = e.primitive().bind(in, e.params());
      for (int k = 0; k < e.outputs().size(); k++) {
        env.put(e.outputs().get(k), out.get(k));
      }
    }
    List<NDArray> result = new ArrayList<>(j.outvars().size());
    for (Atom a : j.outvars()) {
      result.add(read(env, a));
    }
    return result;
  }

  static NDArray read(Map<Var, NDArray> env, Atom a) {
    return switch (a) {
      case Literal l -> l.value();
      case Var v -> {
        NDArray x = env.get(v);
        if (x == null) {
          throw new IllegalStateException("jaxpr reads variable " + v + " before it is defined");
        }
        yield x;
      }
    };
  }
}
