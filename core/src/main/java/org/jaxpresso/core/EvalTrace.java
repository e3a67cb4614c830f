package org.jaxpresso.core;

import java.util.List;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.core.errors.UnexpectedTracerError;

/**
 * The bottom of the trace stack: computes primitives on concrete arrays right away, through
 * the default backend (a one-equation program compiled once per signature and cached).
 */
public final class EvalTrace extends Trace {
  /** The one eval trace. */
  public static final EvalTrace INSTANCE = new EvalTrace();

  private EvalTrace() {}

  @Override
  public List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params params) {
    Array[] arrays = new Array[args.size()];
    for (int i = 0; i < arrays.length; i++) {
      NDArray a = args.get(i);
      switch (a) {
        case Array arr -> arrays[i] = arr;
        case Tracer t -> throw UnexpectedTracerError.leaked(t);
        default ->
            throw new IllegalArgumentException(
                primitive.name() + ": cannot evaluate an argument of type " + a.getClass().getName());
      }
    }
    return List.copyOf(Dispatch.apply(primitive, params, java.util.Arrays.asList(arrays)));
  }

  @Override
  public String toString() {
    return "EvalTrace";
  }
}
