package org.jaxpresso.lax;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jaxpresso.core.EvalTrace;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Trace;

/** A test trace that evaluates eagerly and records each bind as {@code name[printed params]}. */
final class ShapingRecordingTrace extends Trace {
  final List<String> binds = new ArrayList<>();

  @Override
  public List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params params) {
    binds.add(primitive.name() + primitive.printedParams(params));
    return EvalTrace.INSTANCE.processPrimitive(primitive, args, params);
  }

  /** The binds {@code body} makes. */
  static List<String> record(Supplier<?> body) {
    ShapingRecordingTrace t = new ShapingRecordingTrace();
    Trace.with(t, body);
    return t.binds;
  }
}
