package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.EvalTrace;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;

/**
 * What the control-flow primitives' rules share: reading jaxpr-valued params, evaluating
 * sub-jaxprs on concrete arrays, the avals checks, and applying a control-flow primitive
 * eagerly or under the current trace.
 */
public final class SubJaxprs {
  private SubJaxprs() {}

  /**
   * A param that must hold a closed jaxpr.
   *
   * @param prim the primitive's name, for error messages
   * @param params the primitive's parameters
   * @param name the parameter's name
   * @return a param that must hold a closed jaxpr
   */
  public static ClosedJaxpr jaxprParam(String prim, Params params, String name) {
    Object v = params.get(name);
    if (!(v instanceof ClosedJaxpr c)) {
      throw new JaxTypeError("invalid " + prim + " param " + name + " of type "
          + (v == null ? "NoneType" : v.getClass().getSimpleName())
          + ", closed Jaxpr required: " + v);
    }
    return c;
  }

  /**
   * Runs {@code j} on {@code args}, giving each result the weak type of the jaxpr's output
   * (an input forwarded to an output keeps its value but takes the output's type).
   *
   * @param j the closed jaxpr (a jaxpr with its constant values)
   * @param args the concrete inputs, one per jaxpr input
   * @return the outputs
   */
  public static List<Array> eval(ClosedJaxpr j, List<Array> args) {
    List<Array> out = JaxprInterpreter.eval(j, args);
    List<ShapedArray> avals = StagedFunction.outAvals(j.jaxpr());
    List<Array> fixed = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      fixed.add(withAval(out.get(i), avals.get(i)));
    }
    return fixed;
  }

  /**
   * {@code a} with the weak type of {@code aval} (same shape and dtype).
   *
   * @param a the input array
   * @param aval the abstract value (shape and dtype)
   * @return {@code a} with the weak type of {@code aval} (same shape and dtype)
   */
  public static Array withAval(Array a, ShapedArray aval) {
    return a.weakType() == aval.weakType() ? a : a.withWeakType(aval.weakType());
  }

  /**
   * {@code float32[] int32[3]}: JAX's {@code _avals_short}.
   *
   * @param avals the abstract values (shape and dtype) of the inputs
   * @return {@code float32[] int32[3]}: JAX's {@code _avals_short}
   */
  public static String avalsShort(List<ShapedArray> avals) {
    return avals.stream().map(TreeDiff::strShort).collect(Collectors.joining(" "));
  }

  /**
   * Whether the avals match pairwise, weak types ignored.
   *
   * @param a the input array
   * @param b the second input array
   * @return whether the avals match pairwise, weak types ignored
   */
  public static boolean typematch(List<ShapedArray> a, List<ShapedArray> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!TreeDiff.typematch(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Applies a control-flow primitive: on concrete arrays outside any trace, its shape rule runs
   * and the equation goes through {@link Dispatch} like any primitive, compiled once by the
   * default backend per structure ({@link EagerKey}: the sub-jaxprs are traced afresh on every
   * call, so their identity cannot be the key); otherwise it is bound to the current trace.
   *
   * @param p the control-flow primitive
   * @param args the operands, arrays or tracers
   * @param params the primitive's parameters
   * @return the outputs
   */
  public static List<NDArray> apply(Primitive p, List<NDArray> args, Params params) {
    if (Trace.current() instanceof EvalTrace) {
      List<Array> arrays = new ArrayList<>(args.size());
      for (NDArray a : args) {
        if (!(a instanceof Array x)) {
          return p.bind(args, params);
        }
        arrays.add(x);
      }
      List<ShapedArray> avals = new ArrayList<>(arrays.size());
      for (Array a : arrays) {
        avals.add(a.aval());
      }
      // EagerKey.of runs the shape rule first (building the one-equation program).
      return List.copyOf(Dispatch.apply(p, params, arrays, EagerKey.of(p, params, avals)));
    }
    return p.bind(args, params);
  }
}
