package org.jaxpresso.core;

import java.util.List;
import java.util.function.Supplier;

/**
 * An interpreter of primitives. Every {@link Primitive#bind} goes to the current trace, which
 * either computes the result ({@link EvalTrace}) or stages it (jit's trace, later JVP and
 * batching traces). Traces nest; the current one is held per thread in a {@link ScopedValue},
 * so tracing on one thread never disturbs another.
 */
public abstract class Trace {
  /** For subclasses: a trace starts with no state of its own here. */
  protected Trace() {}

  private static final ScopedValue<Trace> CURRENT = ScopedValue.newInstance();

  /**
   * Interprets one primitive application and returns its results.
   *
   * @param primitive the primitive applied
   * @param args the inputs: arrays or tracers
   * @param params the primitive's parameters
   * @return its results
   */
  public abstract List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params params);

  /**
   * The trace that handles binds on this thread now: the eval trace unless one is installed.
   *
   * @return the trace that handles binds on this thread now: the eval trace unless one is installed
   */
  public static Trace current() {
    return CURRENT.orElse(EvalTrace.INSTANCE);
  }

  /**
   * Runs {@code body} with {@code trace} as the current trace, then restores the previous one.
   *
   * @param <T> the type of the values
   * @param trace the trace to make current
   * @param body the code to run
   * @return the output
   */
  public static <T> T with(Trace trace, Supplier<T> body) {
    return ScopedValue.where(CURRENT, trace).call(body::get);
  }
}
