package org.jaxpresso.jit.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.errors.UnexpectedTracerError;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.jit.JitTracer;

/**
 * The staging trace (JAX's {@code DynamicJaxprTrace}): every bind while it is current records
 * an equation and returns {@link JitTracer}s. Concrete 0-d arrays (Java scalars included) become
 * literals; other concrete arrays, and tracers of enclosing traces, become constvars. A trace
 * is used once: {@link #finish} builds the jaxpr and ends it, after which its tracers are leaks.
 */
public final class JaxprTrace extends Trace {
  private final List<Var> invars = new ArrayList<>();
  private final List<Eqn> eqns = new ArrayList<>();
  private final List<Var> constvars = new ArrayList<>();
  private final List<NDArray> consts = new ArrayList<>();
  private final Map<NDArray, Var> constIndex = new IdentityHashMap<>();
  private final List<String> argLabels = new ArrayList<>();
  private final String functionName;
  private final String transformation;
  private volatile boolean finished;

  /** A fresh trace with no inputs yet, for {@code transformation} (e.g. jit) of {@code functionName}. */
  public JaxprTrace(String functionName, String transformation) {
    this.functionName = functionName;
    this.transformation = transformation;
  }

  /** Adds an input of the given aval and returns its tracer; {@code label} names it in errors. */
  public JitTracer newArg(ShapedArray aval, String label) {
    Var v = Var.of(aval);
    invars.add(v);
    argLabels.add(label);
    return new JitTracer(this, v);
  }

  /**
   * Where {@code v}'s value comes from, in JAX's words: the argument it depends on, or the
   * operation that produced it.
   */
  public String describe(Var v) {
    String head = "The error occurred while tracing the function " + functionName + " for "
        + transformation + ".";
    int i = invars.indexOf(v);
    if (i >= 0) {
      return head + " This concrete value was not available in Java because it depends on the value of "
          + argLabels.get(i) + ".";
    }
    for (Eqn e : eqns) {
      if (e.outputs().contains(v)) {
        String params = e.primitive().printedParams(e.params()).isEmpty() ? ""
            : e.primitive().printedParams(e.params()).toString();
        return head + " This value became a tracer due to JAX operations on these lines:\n\n  operation "
            + v.aval().shortStr() + " = " + e.primitive().name() + params;
      }
    }
    return head;
  }

  /** Whether {@link #finish} has been called. */
  public boolean isFinished() {
    return finished;
  }

  @Override
  public List<NDArray> processPrimitive(Primitive primitive, List<NDArray> args, Params params) {
    if (finished) {
      throw new IllegalStateException("a finished trace cannot record " + primitive.name());
    }
    List<Atom> in = new ArrayList<>(args.size());
    List<ShapedArray> avals = new ArrayList<>(args.size());
    for (NDArray a : args) {
      Atom atom = atomFor(a);
      in.add(atom);
      avals.add(atom.aval());
    }
    List<ShapedArray> outAvals = primitive.abstractEval(avals, params);
    List<Var> outs = new ArrayList<>(outAvals.size());
    List<NDArray> tracers = new ArrayList<>(outAvals.size());
    for (ShapedArray a : outAvals) {
      Var v = Var.of(a);
      outs.add(v);
      tracers.add(new JitTracer(this, v));
    }
    eqns.add(new Eqn(primitive, in, params, outs));
    return tracers;
  }

  private Atom atomFor(NDArray x) {
    if (x instanceof JitTracer t && t.trace() == this) {
      return t.jaxprVar();
    }
    if (x instanceof Tracer t) {
      if (t.trace() instanceof JaxprTrace other && other.isFinished()) {
        throw UnexpectedTracerError.leaked(t);
      }
      return constvar(x);
    }
    if (x instanceof Array a && a.ndim() == 0) {
      return new Literal(a);
    }
    if (x instanceof Array) {
      return constvar(x);
    }
    throw new IllegalArgumentException("cannot trace a value of type " + x.getClass().getName());
  }

  private Var constvar(NDArray x) {
    return constIndex.computeIfAbsent(x, k -> {
      Var v = Var.of(k.aval());
      constvars.add(v);
      consts.add(k);
      return v;
    });
  }

  /**
   * Ends the trace and returns the jaxpr whose outputs are {@code outs} (tracers of this trace,
   * or concrete arrays, which become literals or constvars).
   */
  public ClosedJaxpr finish(List<? extends NDArray> outs) {
    List<Atom> outvars = new ArrayList<>(outs.size());
    for (NDArray o : outs) {
      outvars.add(atomFor(o));
    }
    finished = true;
    return new ClosedJaxpr(new Jaxpr(constvars, invars, eqns, outvars), consts);
  }
}
