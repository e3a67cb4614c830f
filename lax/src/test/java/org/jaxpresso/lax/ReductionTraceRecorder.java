package org.jaxpresso.lax;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jaxpresso.core.EvalTrace;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Trace;

/**
 * A test trace that evaluates every bind eagerly and records it as a jaxpr prints an equation's
 * head: {@code name[k=v ...]} with the primitive's printed params.
 */
final class ReductionTraceRecorder extends Trace {
  private final List<String> eqns = new ArrayList<>();
  private final List<Params> params = new ArrayList<>();

  @Override
  public List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params p) {
    Params printed = primitive.printedParams(p);
    eqns.add(primitive.name() + (printed.isEmpty() ? "" : printed.toString()));
    params.add(p);
    return EvalTrace.INSTANCE.processPrimitive(primitive, args, p);
  }

  /** Runs {@code body} under a fresh recorder and returns the recorded equation heads. */
  static List<String> record(Supplier<?> body) {
    ReductionTraceRecorder r = new ReductionTraceRecorder();
    Trace.with(r, body);
    return r.eqns;
  }

  /** Runs {@code body} under a fresh recorder and returns the raw params of each bind. */
  static List<Params> recordParams(Supplier<?> body) {
    ReductionTraceRecorder r = new ReductionTraceRecorder();
    Trace.with(r, body);
    return r.params;
  }

  /**
   * A reference jaxpr with every bracketed param list folded onto one line, so that
   * {@code dot_general[\n  dimension_numbers=...\n]} reads
   * {@code dot_general[dimension_numbers=...]}.
   */
  static String flatten(String jaxpr) {
    return jaxpr.replaceAll("\\[\\n\\s+", "[").replaceAll("\\n\\s+\\]", "]")
        .replaceAll("\\n\\s+(?=[a-z_]+=)", " ");
  }
}
