package org.jaxpresso.core.ad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.tracing.JaxprTrace;

/**
 * Forward and reverse mode over functions of flat lists of arrays: {@link #jvp}, {@link
 * #linearize} (JVP with the tangents staged into a linear jaxpr by {@link PartialEvalTrace})
 * and, from the latter, the VJP by {@link Transpose#backwardPass}. Only floating-point values
 * carry tangents; integer and bool inputs and outputs have zero tangents and cotangents.
 */
public final class Ad {
  private Ad() {}

  /**
   * The outputs of {@link #jvp}.
   *
   * @param primals the function's outputs
   * @param tangents their tangents (zeros instantiated)
   */
  public record JvpOutput(List<NDArray> primals, List<NDArray> tangents) {}

  /**
   * Evaluates {@code f} at {@code primals} and its directional derivative along {@code
   * tangents}.
   *
   * @param f the function, from primal inputs to outputs
   * @param primals the primal input values
   * @param tangents the tangent values, one per primal
   * @return the output
   * @throws JaxTypeError if the lists differ in length or a floating primal's tangent has
   *     another dtype (integer and bool primals take any tangent: theirs is zero)
   * @throws JaxValueError if a tangent's shape differs from its primal's (JAX's messages)
   */
  public static JvpOutput jvp(Function<List<NDArray>, List<NDArray>> f, List<NDArray> primals,
      List<NDArray> tangents) {
    if (primals.size() != tangents.size()) {
      throw new JaxTypeError("primal and tangent arguments to jax.jvp must have the same tree"
          + " structure; got " + primals.size() + " primal leaves and " + tangents.size()
          + " tangent leaves.");
    }
    for (int i = 0; i < primals.size(); i++) {
      ShapedArray p = primals.get(i).aval();
      ShapedArray t = tangents.get(i).aval();
      if (p.dtype().isFloating() && p.dtype() != t.dtype()) {
        throw new JaxTypeError("primal and tangent arguments to jax.jvp do not match; dtypes"
            + " must be equal, or in case of int/bool primal dtype the tangent dtype must be"
            + " float0.Got primal dtype " + p.dtype() + " and so expected tangent dtype "
            + p.dtype() + ", but got tangent dtype " + t.dtype() + " instead.");
      }
      if (!p.shape().equals(t.shape())) {
        throw new JaxValueError("jvp called with different primal and tangent shapes;Got"
            + " primal shape " + Shape.tupleString(p.shape().dims()) + " and tangent shape as "
            + Shape.tupleString(t.shape().dims()));
      }
    }
    JvpTrace trace = new JvpTrace(Trace.current());
    List<NDArray> in = new ArrayList<>();
    for (int i = 0; i < primals.size(); i++) {
      NDArray p = primals.get(i);
      in.add(new JvpTracer(trace, p, p.aval().dtype().isFloating() ? tangents.get(i) : null));
    }
    List<NDArray> out = Trace.with(trace, () -> f.apply(in));
    List<NDArray> ps = new ArrayList<>();
    List<NDArray> ts = new ArrayList<>();
    for (NDArray o : out) {
      NDArray p = o;
      NDArray t = null;
      if (o instanceof JvpTracer jt && jt.trace() == trace) {
        p = jt.primal();
        t = jt.tangent();
      }
      ps.add(p);
      ts.add(t != null ? t : LinearOps.get().zeros(p.aval()));
    }
    return new JvpOutput(ps, ts);
  }

  /**
   * A function linearized at a point: its outputs there and the linear map of its derivative,
   * as a jaxpr over the floating-point inputs' tangents.
   */
  public static final class Linearized {
    private final List<NDArray> primalsOut;
    private final ClosedJaxpr linear;
    private final List<ShapedArray> inAvals;
    private final boolean[] inDiff;
    private final List<ShapedArray> outAvals;
    private final boolean[] outNonZero;

    private Linearized(List<NDArray> primalsOut, ClosedJaxpr linear, List<ShapedArray> inAvals,
        boolean[] inDiff, boolean[] outNonZero) {
      this.primalsOut = List.copyOf(primalsOut);
      this.linear = linear;
      this.inAvals = List.copyOf(inAvals);
      this.inDiff = inDiff;
      this.outNonZero = outNonZero;
      List<ShapedArray> oa = new ArrayList<>();
      for (NDArray p : primalsOut) {
        oa.add(p.aval());
      }
      this.outAvals = List.copyOf(oa);
    }

    /**
     * The function's outputs at the linearization point.
     *
     * @return the function's outputs at the linearization point
     */
    public List<NDArray> primalsOut() {
      return primalsOut;
    }

    /**
     * The linear jaxpr: one invar per floating-point input, one outvar per output whose
     * tangent is not identically zero; its constvars are the residuals.
     *
     * @return the linear jaxpr
     */
    public ClosedJaxpr linearJaxpr() {
      return linear;
    }

    /**
     * The avals of the function's outputs.
     *
     * @return the avals of the function's outputs
     */
    public List<ShapedArray> outAvals() {
      return outAvals;
    }

    /**
     * The derivative applied to {@code tangents} (one per input).
     *
     * @param tangents the tangent values, one per primal
     * @return the derivative applied to {@code tangents} (one per input)
     */
    public List<NDArray> jvp(List<NDArray> tangents) {
      if (tangents.size() != inAvals.size()) {
        throw new IllegalArgumentException("linearized function takes " + inAvals.size()
            + " tangents, got " + tangents.size());
      }
      List<NDArray> in = new ArrayList<>();
      for (int i = 0; i < tangents.size(); i++) {
        if (inDiff[i]) {
          in.add(tangents.get(i));
        }
      }
      List<NDArray> out = JaxprEval.eval(linear, in);
      List<NDArray> result = new ArrayList<>();
      int k = 0;
      for (int i = 0; i < outNonZero.length; i++) {
        result.add(outNonZero[i] ? out.get(k++) : LinearOps.get().zeros(outAvals.get(i)));
      }
      return result;
    }

    /**
     * The transposed derivative applied to {@code cts} (one cotangent per output).
     *
     * @param cts the cotangents of the outputs
     * @return the transposed derivative applied to {@code cts} (one cotangent per output)
     */
    public List<NDArray> vjp(List<NDArray> cts) {
      if (cts.size() != outAvals.size()) {
        throw new IllegalArgumentException("vjp function takes " + outAvals.size()
            + " cotangents, got " + cts.size());
      }
      List<NDArray> linCts = new ArrayList<>();
      for (int i = 0; i < cts.size(); i++) {
        if (outNonZero[i]) {
          linCts.add(cts.get(i));
        }
      }
      List<NDArray> in = Transpose.backwardPass(linear, linCts);
      List<NDArray> result = new ArrayList<>();
      int k = 0;
      for (int i = 0; i < inAvals.size(); i++) {
        NDArray c = inDiff[i] ? in.get(k++) : null;
        result.add(c != null ? c : LinearOps.get().zeros(inAvals.get(i)));
      }
      return result;
    }
  }

  /**
   * Linearizes {@code f} at {@code primals}: runs it once, computing the primal outputs with
   * the current trace and staging the tangent computation into a linear jaxpr.
   *
   * @param f the function, from primal inputs to outputs
   * @param primals the primal input values
   * @return the output
   */
  public static Linearized linearize(Function<List<NDArray>, List<NDArray>> f,
      List<NDArray> primals) {
    Trace parent = Trace.current();
    JaxprTrace staging = new JaxprTrace("linearize", "linearize");
    PartialEvalTrace pe = new PartialEvalTrace(parent, staging);
    JvpTrace jvp = new JvpTrace(pe, true);
    List<NDArray> in = new ArrayList<>();
    List<ShapedArray> inAvals = new ArrayList<>();
    boolean[] inDiff = new boolean[primals.size()];
    for (int i = 0; i < primals.size(); i++) {
      NDArray p = primals.get(i);
      inAvals.add(p.aval());
      inDiff[i] = p.aval().dtype().isFloating();
      in.add(new JvpTracer(jvp, p, inDiff[i] ? staging.newArg(p.aval(), "argument " + i) : null));
    }
    List<NDArray> out = Trace.with(jvp, () -> f.apply(in));
    List<NDArray> ps = new ArrayList<>();
    List<NDArray> ts = new ArrayList<>();
    boolean[] nonZero = new boolean[out.size()];
    for (int i = 0; i < out.size(); i++) {
      NDArray o = out.get(i);
      if (o instanceof JvpTracer jt && jt.trace() == jvp) {
        ps.add(jt.primal());
        if (jt.tangent() != null) {
          ts.add(jt.tangent());
          nonZero[i] = true;
        }
      } else {
        ps.add(o);
      }
    }
    ClosedJaxpr linear = staging.finish(ts);
    return new Linearized(ps, linear, inAvals, inDiff, nonZero);
  }

  /**
   * Same as {@link #linearize}: the VJP is {@link Linearized#vjp}.
   *
   * @param f the function, from primal inputs to outputs
   * @param primals the primal input values
   * @return same as {@link #linearize}: the VJP is {@link Linearized#vjp}
   */
  public static Linearized vjp(Function<List<NDArray>, List<NDArray>> f, NDArray... primals) {
    return linearize(f, Arrays.asList(primals));
  }
}
