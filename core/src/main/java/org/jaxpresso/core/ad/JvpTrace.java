package org.jaxpresso.core.ad;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Trace;

/**
 * The forward-mode interpreter (JAX's {@code JVPTrace}). A bind with at least one non-zero
 * tangent runs the primitive's {@link Primitive.JvpRule} with the parent trace current, so the
 * rule's own binds go to the enclosing interpreter; values that are not this trace's tracers
 * (constants, tracers of enclosing traces) are lifted with a zero tangent.
 */
public final class JvpTrace extends Trace {
  private final Trace parent;
  private final boolean forGrad;

  /**
   * A forward-mode trace whose primal and tangent operations go to {@code parent}.
   *
   * @param parent the trace this one nests in
   */
  public JvpTrace(Trace parent) {
    this(parent, false);
  }

  /**
   * A forward-mode trace; {@code forGrad} marks the one reverse mode linearizes with, whose
   * tracers print as JAX's {@code GradTracer}.
   *
   * @param parent the trace this one nests in
   * @param forGrad whether this trace is the one reverse mode linearizes with
   */
  public JvpTrace(Trace parent, boolean forGrad) {
    this.parent = parent;
    this.forGrad = forGrad;
  }

  /**
   * Whether this trace linearizes for reverse mode.
   *
   * @return whether this trace linearizes for reverse mode
   */
  public boolean forGrad() {
    return forGrad;
  }

  /**
   * The enclosing trace.
   *
   * @return the enclosing trace
   */
  public Trace parent() {
    return parent;
  }

  @Override
  public List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params params) {
    List<NDArray> primals = new ArrayList<>(args.size());
    List<NDArray> tangents = new ArrayList<>(args.size());
    boolean anyTangent = false;
    for (NDArray a : args) {
      if (a instanceof JvpTracer t && t.trace() == this) {
        primals.add(t.primal());
        tangents.add(t.tangent());
        anyTangent |= t.tangent() != null;
      } else {
        primals.add(a);
        tangents.add(null);
      }
    }
    if (!anyTangent) {
      return wrap(parent.processPrimitive(primitive, primals, params), null);
    }
    Primitive.JvpRule rule = primitive.jvpRule();
    if (rule == null) {
      throw new org.jaxpresso.core.errors.NotImplementedError(
          "Differentiation rule for '" + primitive.name() + "' not implemented");
    }
    Primitive.JvpResult r = Trace.with(parent, () -> rule.apply(primals, tangents, params));
    return wrap(r.primals(), r.tangents());
  }

  private List<NDArray> wrap(List<NDArray> primals, List<NDArray> tangents) {
    List<NDArray> out = new ArrayList<>(primals.size());
    for (int i = 0; i < primals.size(); i++) {
      NDArray t = tangents == null ? null : tangents.get(i);
      if (t != null && !primals.get(i).aval().dtype().isFloating()) {
        t = null;
      }
      out.add(new JvpTracer(this, primals.get(i), t));
    }
    return out;
  }

  @Override
  public String toString() {
    return "JvpTrace";
  }
}
