package org.jaxpresso.core.ad;

import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.Tracer;

/**
 * A value under forward-mode differentiation (JAX's {@code JVPTracer}): a primal value and its
 * tangent, null when the tangent is a symbolic zero.
 */
public final class JvpTracer extends Tracer {
  private final JvpTrace trace;
  private final NDArray primal;
  private final NDArray tangent;

  /**
   * A tracer of {@code trace} (made by the trace and by {@link Ad}).
   *
   * @param trace the trace it belongs to
   * @param primal the primal value
   * @param tangent the tangent value
   */
  public JvpTracer(JvpTrace trace, NDArray primal, NDArray tangent) {
    this.trace = trace;
    this.primal = primal;
    this.tangent = tangent;
  }

  @Override
  public Trace trace() {
    return trace;
  }

  /**
   * The primal value (a value of the enclosing trace).
   *
   * @return the primal value (a value of the enclosing trace)
   */
  public NDArray primal() {
    return primal;
  }

  /**
   * The tangent, or null for a symbolic zero.
   *
   * @return the tangent, or null for a symbolic zero
   */
  public NDArray tangent() {
    return tangent;
  }

  @Override
  public ShapedArray aval() {
    return primal.aval();
  }

  /**
   * As JAX prints it: {@code GradTracer(primal=1.0, typeof(tangent)=f32[])} under reverse mode,
   * {@code JVPTracer(primal=1.0, typeof(tangent)=f32[])} under forward mode (the primal's str,
   * the tangent's type).
   */
  @Override
  public String repr() {
    String t = (tangent != null ? tangent.aval() : primal.aval()).shortStr();
    return (trace.forGrad() ? "GradTracer" : "JVPTracer") + "(primal=" + primal
        + ", typeof(tangent)=" + t + ")";
  }
}
