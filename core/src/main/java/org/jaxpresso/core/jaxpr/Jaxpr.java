package org.jaxpresso.core.jaxpr;

import java.util.List;

/**
 * A jaxpr: the typed, first-order program that tracing produces and compilers consume.
 * {@code { lambda constvars ; invars . let eqns in ( outvars ) }}. Its {@link #toString()} is
 * JAX's exact text.
 *
 * @param constvars variables bound to closed-over non-scalar constants
 * @param invars the inputs
 * @param eqns the equations, in order
 * @param outvars the outputs (variables or literals)
 */
public record Jaxpr(List<Var> constvars, List<Var> invars, List<Eqn> eqns, List<Atom> outvars) {
  /** Copies the lists. */
  public Jaxpr {
    constvars = List.copyOf(constvars);
    invars = List.copyOf(invars);
    eqns = List.copyOf(eqns);
    outvars = List.copyOf(outvars);
  }

  /** JAX's text form, e.g. {@code { lambda ; a:f32[3]. let b:f32[3] = sin a in (b,) }}. */
  @Override
  public String toString() {
    return JaxprPrinter.print(this);
  }
}
