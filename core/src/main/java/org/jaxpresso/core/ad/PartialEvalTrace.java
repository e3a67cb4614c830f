package org.jaxpresso.core.ad;

import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.core.tracing.JitTracer;

/**
 * Online partial evaluation (JAX's {@code pe.JaxprTrace} with known and unknown values): a bind
 * whose inputs are all known goes to the parent trace and is computed now; a bind with an
 * unknown input (a tracer of the staging trace) is recorded in the staging jaxpr, known inputs
 * becoming its constants (the residuals). Under a {@link JvpTrace} whose tangents are unknown,
 * this splits a function into its primal computation and a jaxpr linear in the tangents.
 *
 * <p>Call primitives (family {@code call}, e.g. {@code jit}) with unknown inputs are split by
 * {@link CallPartialEval}: a call of the known part runs now, a call of the unknown part is
 * recorded. {@code custom_jvp_call} with unknown inputs is inlined, as in JAX.
 */
public final class PartialEvalTrace extends Trace {
  private final Trace parent;
  private final JaxprTrace staging;

  /**
   * Known values go to {@code parent}, unknown ones are recorded in {@code staging}.
   *
   * @param parent the trace this one nests in
   * @param staging the trace that records the unknown values
   */
  public PartialEvalTrace(Trace parent, JaxprTrace staging) {
    this.parent = parent;
    this.staging = staging;
  }

  /**
   * The trace that records the unknown part.
   *
   * @return the trace that records the unknown part
   */
  public JaxprTrace staging() {
    return staging;
  }

  @Override
  public List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params params) {
    boolean unknown = false;
    for (NDArray a : args) {
      unknown |= a instanceof JitTracer t && t.trace() == staging;
    }
    if (!unknown) {
      return parent.processPrimitive(primitive, args, params);
    }
    if (CallPartialEval.isCall(primitive, params)) {
      return CallPartialEval.process(parent, staging, primitive, args, params);
    }
    if (primitive == CustomJvp.CUSTOM_JVP_CALL) {
      // as JAX: partial evaluation only builds linear functions, so the rule is not needed
      ClosedJaxpr body = params.get("call_jaxpr", ClosedJaxpr.class);
      return Trace.with(this, () -> JaxprEval.eval(body, args));
    }
    return staging.processPrimitive(primitive, args, params);
  }

  @Override
  public String toString() {
    return "PartialEvalTrace";
  }
}
