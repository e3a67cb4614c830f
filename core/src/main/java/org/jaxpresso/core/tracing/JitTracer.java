package org.jaxpresso.core.tracing;

import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.jaxpr.Var;

/**
 * The stand-in for an array while a function is staged by {@code Jax.jit} or
 * {@code Jax.makeJaxpr}: it knows its shape, dtype and weak type (concrete Java values) but not
 * its elements. It prints as JAX prints it: {@code JitTracer(float32[3,4])},
 * {@code JitTracer(~int32[])}.
 */
public final class JitTracer extends Tracer {
  private final JaxprTrace trace;
  private final Var var;

  /**
   * A tracer of {@code trace} bound to {@code var} (created by the trace).
   *
   * @param trace the trace it belongs to
   * @param var the variable
   */
  public JitTracer(JaxprTrace trace, Var var) {
    this.trace = trace;
    this.var = var;
  }

  @Override
  public Trace trace() {
    return trace;
  }

  /**
   * The jaxpr variable this tracer stands for.
   *
   * @return the jaxpr variable this tracer stands for
   */
  public Var jaxprVar() {
    return var;
  }

  /** The argument or operation this value comes from, for error messages. */
  @Override
  public String origin() {
    return trace.describe(var);
  }

  @Override
  public ShapedArray aval() {
    return var.aval();
  }
}
