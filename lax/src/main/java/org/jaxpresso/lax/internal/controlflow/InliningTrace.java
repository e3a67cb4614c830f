package org.jaxpresso.lax.internal.controlflow;

import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.ad.JaxprEval;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;

/**
 * A trace that inlines call primitives (family {@code call}, e.g. {@code jit}): their body is
 * interpreted in place, every other bind going to the parent. Reverse mode through a loop body
 * traces the body's JVP under it, as {@link org.jaxpresso.core.ad.PartialEvalTrace} inlines
 * calls at the top level, so that the body's known and linear parts can be separated.
 */
final class InliningTrace extends Trace {
  private final Trace parent;

  /** Binds that are not calls go to {@code parent}. */
  InliningTrace(Trace parent) {
    this.parent = parent;
  }

  @Override
  public List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params params) {
    if ("call".equals(primitive.family()) && params.get("jaxpr") instanceof ClosedJaxpr body) {
      return Trace.with(this, () -> JaxprEval.eval(body, args));
    }
    return parent.processPrimitive(primitive, args, params);
  }

  /**
   * Whether sub-jaxprs traced now should have their calls inlined: under reverse mode, or
   * inside a body being traced for it.
   */
  static boolean wanted() {
    Trace t = Trace.current();
    return t instanceof org.jaxpresso.core.ad.PartialEvalTrace || t instanceof InliningTrace;
  }

  @Override
  public String toString() {
    return "InliningTrace";
  }
}
