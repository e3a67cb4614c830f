package org.jaxpresso.core.tracing;

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

  /**
   * A fresh trace with no inputs yet, for {@code transformation} (e.g. jit) of {@code
   * functionName}.
   *
   * @param functionName the traced function's name, for error messages
   * @param transformation the transformation name used in error messages
   */
  public JaxprTrace(String functionName, String transformation) {
    this.functionName = functionName;
    this.transformation = transformation;
  }

  /**
   * Adds an input of the given aval and returns its tracer; {@code label} names it in errors.
   *
   * @param aval the abstract value (shape and dtype)
   * @param label the input's name in error messages
   * @return the new input's tracer
   */
  public JitTracer newArg(ShapedArray aval, String label) {
    Var v = Var.of(aval);
    invars.add(v);
    argLabels.add(label);
    return new JitTracer(this, v);
  }

  /**
   * Where {@code v}'s value comes from, in JAX's words: the argument it depends on, or the
   * operation that produced it.
   *
   * @param v the variable
   * @return where {@code v}'s value comes from, in JAX's words
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

  /**
   * The result of tracing a Java function: its closed jaxpr and the pytree structures of its
   * arguments and results.
   *
   * @param jaxpr the traced program (one invar per argument leaf)
   * @param inTree the structure of the arguments (a list, one entry per argument)
   * @param outTree the structure of the result
   */
  public record Traced(ClosedJaxpr jaxpr, Pytree.TreeDef inTree, Pytree.TreeDef outTree) {}

  /**
   * Traces {@code fn} on abstract values shaped like {@code args} (pytrees of arrays and Java
   * scalars, every leaf traced), as {@code make_jaxpr} and control-flow primitives do.
   *
   * @return the output
   * @param fn the function, taking its arguments as an array
   * @param args example arguments: only their structure, shapes, dtypes and weak types matter
   * @param name the function's name for error messages
   * @param transformation what is tracing it, for error messages ({@code jit}, {@code cond}, ...)
   */
  public static Traced trace(java.util.function.Function<Object[], Object> fn, Object[] args,
      String name, String transformation) {
    List<ShapedArray> avals = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      for (Object leaf : Pytree.flatten(args[i]).leaves()) {
        avals.add(leaf instanceof NDArray x ? x.aval() : Array.fromJavaScalar(leaf).aval());
        labels.add("argument " + i);
      }
    }
    return traceAvals(fn, Pytree.flatten(java.util.Arrays.asList(args)).treedef(), avals, labels, name,
        transformation);
  }

  /**
   * Traces {@code fn} on tracers of the given avals, arranged as {@code inTree} (a list
   * structure, one entry per argument).
   *
   * @param fn the function to trace, taking its arguments as an array
   * @param inTree the pytree structure of the inputs
   * @param avals the abstract values (shape and dtype) of the inputs
   * @param labels each input's name in error messages
   * @param name the function's name, as jaxprs and dumps show it
   * @param transformation the transformation name used in error messages
   * @return the output
   */
  public static Traced traceAvals(java.util.function.Function<Object[], Object> fn,
      Pytree.TreeDef inTree, List<ShapedArray> avals, List<String> labels, String name,
      String transformation) {
    JaxprTrace t = new JaxprTrace(name, transformation);
    List<NDArray> tracers = new ArrayList<>(avals.size());
    for (int i = 0; i < avals.size(); i++) {
      tracers.add(t.newArg(avals.get(i), labels.get(i)));
    }
    List<?> rebuilt = (List<?>) Pytree.unflatten(inTree, tracers);
    Object out = Trace.with(t, () -> fn.apply(rebuilt.toArray()));
    Pytree.Flat of = Pytree.flatten(out);
    List<NDArray> outs = new ArrayList<>(of.leaves().size());
    for (Object leaf : of.leaves()) {
      outs.add(leaf instanceof NDArray x ? x : Array.fromJavaScalar(leaf));
    }
    return new Traced(t.finish(outs), inTree, of.treedef());
  }

  /**
   * Whether {@link #finish} has been called.
   *
   * @return whether {@link #finish} has been called
   */
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
   *
   * @param outs the output tracers (or constants)
   * @return the jaxpr whose outputs are {@code outs} (tracers of this trace, or concrete arrays,
   *     which become literals or constvars)
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
