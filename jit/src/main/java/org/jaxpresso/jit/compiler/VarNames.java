package org.jaxpresso.jit.compiler;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;

/**
 * Names for a jaxpr's variables in binding order (constvars, invars, then each equation's
 * results): {@code a}..{@code z}, {@code ba}, ... For a jaxpr without sub-jaxprs these are the
 * names {@link org.jaxpresso.core.jaxpr.JaxprPrinter} prints, so fusion plans read alongside the
 * dumped jaxpr.
 */
public final class VarNames {
  private final Map<Var, String> names = new IdentityHashMap<>();

  /**
   * Names for {@code j}'s variables.
   *
   * @param j the jaxpr
   */
  public VarNames(Jaxpr j) {
    for (Var v : j.constvars()) {
      bind(v);
    }
    for (Var v : j.invars()) {
      bind(v);
    }
    for (Eqn e : j.eqns()) {
      for (Var v : e.outputs()) {
        bind(v);
      }
    }
  }

  private void bind(Var v) {
    if (!v.isDropVar()) {
      names.put(v, encode(names.size()));
    }
  }

  /**
   * The name of {@code a} (a literal's text for literals, {@code _} for drop vars).
   *
   * @param a the input array
   * @return the name of {@code a} (a literal's text for literals, {@code _} for drop vars)
   */
  public String name(Atom a) {
    return switch (a) {
      case Literal l -> l.toString();
      case Var v -> v.isDropVar() ? "_" : names.getOrDefault(v, "?");
    };
  }

  /**
   * {@code name:type}, e.g. {@code b:f32[3]}.
   *
   * @param v the variable
   * @return {@code name:type}, e.g. {@code b:f32[3]}
   */
  public String binder(Var v) {
    return name(v) + ":" + v.aval().shortStr();
  }

  /** JAX's name for variable number {@code n}: base 26 with digits a..z. */
  static String encode(int n) {
    StringBuilder sb = new StringBuilder();
    int i = n;
    do {
      sb.append((char) ('a' + i % 26));
      i /= 26;
    } while (i > 0);
    return sb.reverse().toString();
  }
}
