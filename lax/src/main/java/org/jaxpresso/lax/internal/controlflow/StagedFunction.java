package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.core.tracing.Pytree;

/**
 * A Java function traced to a jaxpr whose closed-over values are leading inputs (JAX's
 * {@code trace_to_jaxpr} followed by {@code separate_consts}): tracers of an enclosing trace and
 * non-scalar concrete arrays it reads become the first {@code consts.size()} invars, and the
 * caller passes {@code consts} as the first operands of the control-flow primitive.
 *
 * @param jaxpr the program, without constvars; its invars are the consts, then the arguments
 * @param consts the closed-over values, one per leading invar
 * @param outTree the structure of the function's result
 */
public record StagedFunction(Jaxpr jaxpr, List<NDArray> consts, Pytree.TreeDef outTree) {
  /** Copies the list. */
  public StagedFunction {
    consts = List.copyOf(consts);
  }

  /**
   * Traces {@code fn} on tracers of {@code avals}, arranged as {@code inTree} (a list with one
   * entry per argument).
   *
   * @param fn the function to trace, taking its arguments as an array
   * @param inTree the pytree structure of the inputs
   * @param avals the abstract values (shape and dtype) of the inputs
   * @return the output
   * @param name the function's role in error messages ({@code true_fun}, {@code body_fun}, ...)
   * @param transformation what traces it ({@code cond}, {@code while_loop}, {@code scan})
   */
  public static StagedFunction trace(Function<Object[], Object> fn, Pytree.TreeDef inTree,
      List<ShapedArray> avals, String name, String transformation) {
    List<String> labels = new ArrayList<>(avals.size());
    if (inTree instanceof Pytree.Seq s) {
      for (int i = 0; i < s.children().size(); i++) {
        for (int k = 0; k < s.children().get(i).leafCount(); k++) {
          labels.add("argument " + i);
        }
      }
    }
    while (labels.size() < avals.size()) {
      labels.add("an argument");
    }
    JaxprTrace.Traced t = JaxprTrace.traceAvals(fn, inTree, avals, labels, name, transformation);
    ClosedJaxpr c = t.jaxpr();
    Jaxpr j = c.jaxpr();
    List<Var> invars = new ArrayList<>(j.constvars());
    invars.addAll(j.invars());
    return new StagedFunction(new Jaxpr(List.of(), invars, j.eqns(), j.outvars()), c.consts(),
        t.outTree());
  }

  /**
   * The number of leading const invars.
   *
   * @return the number of leading const invars
   */
  public int nconsts() {
    return consts.size();
  }

  /**
   * The avals of the outputs.
   *
   * @return the avals of the outputs
   */
  public List<ShapedArray> outAvals() {
    return outAvals(jaxpr);
  }

  /**
   * The avals of a jaxpr's outputs.
   *
   * @param j the jaxpr
   * @return the avals of a jaxpr's outputs
   */
  public static List<ShapedArray> outAvals(Jaxpr j) {
    List<ShapedArray> out = new ArrayList<>(j.outvars().size());
    for (Atom a : j.outvars()) {
      out.add(a.aval());
    }
    return out;
  }

  /**
   * The avals of a jaxpr's inputs.
   *
   * @param j the jaxpr
   * @return the avals of a jaxpr's inputs
   */
  public static List<ShapedArray> inAvals(Jaxpr j) {
    List<ShapedArray> out = new ArrayList<>(j.invars().size());
    for (Var v : j.invars()) {
      out.add(v.aval());
    }
    return out;
  }
}
