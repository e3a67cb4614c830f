package org.jaxpresso.core.ad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.batching.Batching;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.core.tracing.Pytree;

/**
 * A function with a custom JVP rule (JAX's {@code jax.custom_jvp}), over flat lists of arrays.
 * Calling it binds the {@code custom_jvp_call} primitive, printed as JAX prints it:
 *
 * <pre>
 * b:f32[3] = custom_jvp_call[
 *   name=relu
 *   call_jaxpr={ lambda ; c:f32[3]. let ... in (d,) }
 *   jvp=jvp
 *   symbolic_zeros=False
 * ] a
 * </pre>
 *
 * <p>Evaluated, staged and batched it is the function itself ({@code call_jaxpr}, traced once
 * per signature and reused, as {@code jit} does: values it closes over are captured when it is
 * traced); differentiated, its rule replaces it: the rule runs with the enclosing trace
 * current, on the primals and the tangents (zeros instantiated, as with JAX's {@code
 * symbolic_zeros=False}), and returns the primal and tangent outputs. Batching batches both the
 * function and the rule. Values the function closes over that are being traced become leading
 * operands of the call; differentiating with respect to one of them is JAX's error (the rule
 * only says how to differentiate with respect to the explicit arguments).
 */
public final class CustomJvp {
  /**
   * The user's rule over flat lists: from the primal inputs and their tangents to the primal
   * outputs and their tangents.
   */
  @FunctionalInterface
  public interface Rule {
    /**
     * Applies the rule.
     *
     * @param primals the primal inputs
     * @param tangents their tangents, one per primal (zeros, never null)
     * @return the primal outputs and their tangents
     */
    Ad.JvpOutput apply(List<NDArray> primals, List<NDArray> tangents);
  }

  /**
   * The {@code jvp} param: the rule, the name jaxprs print for it, and how many leading operands
   * of the call are closed-over values rather than arguments (the rule does not see those).
   *
   * @param name the name printed for the rule
   * @param rule the rule over all operands (closed-over ones included)
   * @param numConsts the number of leading operands that are closed-over values
   */
  public record JvpFunction(String name, Rule rule, int numConsts) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code outs = custom_jvp_call[name call_jaxpr jvp symbolic_zeros] ins}. */
  public static final Primitive CUSTOM_JVP_CALL = Primitive.builder("custom_jvp_call")
      .family("custom_jvp")
      .multipleResults()
      .abstractEval((avals, params) -> {
        ClosedJaxpr j = params.get("call_jaxpr", ClosedJaxpr.class);
        checkArgs(j, avals);
        List<ShapedArray> out = new ArrayList<>();
        for (Atom a : j.jaxpr().outvars()) {
          out.add(a.aval());
        }
        return out;
      })
      .impl((args, params) -> executable(params.get("call_jaxpr", ClosedJaxpr.class))
          .execute(args))
      .jvp(CustomJvp::jvp)
      .batch(CustomJvp::batch)
      .build();

  private final String name;
  private final String jvpName;
  private final Function<List<NDArray>, List<NDArray>> fn;
  private final Rule rule;
  private final Map<List<Object>, Prepared> traced =
      Collections.synchronizedMap(new LinkedHashMap<>());

  /** A traced body and its rule, and the params of a call carrying them. */
  private record Prepared(ClosedJaxpr body, JvpFunction jvp, Params params) {
    Prepared(ClosedJaxpr body, JvpFunction jvp, String name) {
      this(body, jvp, Params.of("name", name, "call_jaxpr", body, "jvp", jvp,
          "symbolic_zeros", false));
    }
  }

  /** A key comparing its object by identity. */
  private record Ident(Object o) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Ident i && i.o == o;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(o);
    }
  }

  /** Batched bodies and rules, by (body, rule, batch dims, avals), the most recent kept. */
  private static final Map<List<Object>, Prepared> BATCHED = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Prepared> eldest) {
          return size() > 256;
        }
      });

  /**
   * A function {@code fn} whose derivative is given by {@code rule}.
   *
   * @param name the function's name, printed as the {@code name} param
   * @param fn the function
   * @param jvpName the rule's name, printed as the {@code jvp} param
   * @param rule the rule
   */
  public CustomJvp(String name, Function<List<NDArray>, List<NDArray>> fn, String jvpName,
      Rule rule) {
    this.name = name;
    this.fn = fn;
    this.jvpName = jvpName;
    this.rule = rule;
  }

  /**
   * Calls the function: binds {@code custom_jvp_call} on the current trace.
   *
   * @param args the arguments
   * @return the outputs
   */
  public List<NDArray> call(List<? extends NDArray> args) {
    List<ShapedArray> avals = new ArrayList<>(args.size());
    for (NDArray a : args) {
      avals.add(a.aval());
    }
    List<Object> key = List.of(avals, Flags.x64Enabled());
    Prepared prepared = traced.get(key);
    List<NDArray> operands = new ArrayList<>();
    if (prepared == null) {
      TracedBody t = traceClosed(name, fn, avals);
      ClosedJaxpr body = t.body();
      int numConsts = t.lifted().size();
      boolean closes = numConsts > 0;
      operands.addAll(t.lifted());
      int k = numConsts;
      Rule full = (ps, ts) -> rule.apply(ps.subList(k, ps.size()), ts.subList(k, ts.size()));
      prepared = new Prepared(body, new JvpFunction(jvpName, full, numConsts), name);
      if (!closes) {
        traced.put(key, prepared);
      }
    }
    operands.addAll(args);
    return CUSTOM_JVP_CALL.bind(operands, prepared.params());
  }

  /**
   * A custom function's body and the values of enclosing traces it closes over, lifted to
   * leading operands (closure conversion; empty when it closes over no tracer).
   */
  record TracedBody(ClosedJaxpr body, List<NDArray> lifted) {}

  /**
   * {@code fn} traced on the avals; if it closes over tracers of enclosing traces, its constvars
   * become leading invars and their values are returned to be passed as operands.
   */
  static TracedBody traceClosed(String name, Function<List<NDArray>, List<NDArray>> fn,
      List<ShapedArray> avals) {
    ClosedJaxpr body = traceFlat(name, fn, avals);
    if (!hasTracerConsts(body)) {
      return new TracedBody(body, List.of());
    }
    Jaxpr j = body.jaxpr();
    List<Var> invars = new ArrayList<>(j.constvars());
    invars.addAll(j.invars());
    return new TracedBody(ClosedJaxpr.of(new Jaxpr(List.of(), invars, j.eqns(), j.outvars())),
        new ArrayList<>(body.consts()));
  }

  /** {@code fn} traced on the avals into a closed jaxpr (closing over any tracers it uses). */
  static ClosedJaxpr traceFlat(String name, Function<List<NDArray>, List<NDArray>> fn,
      List<ShapedArray> avals) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < avals.size(); i++) {
      labels.add("argument " + i);
    }
    Pytree.TreeDef inTree = Pytree.flatten(Collections.nCopies(avals.size(), 0)).treedef();
    return JaxprTrace.traceAvals(xs -> {
      List<NDArray> in = new ArrayList<>();
      for (Object x : xs) {
        in.add((NDArray) x);
      }
      return fn.apply(in);
    }, inTree, avals, labels, name, "custom_jvp").jaxpr();
  }

  static boolean hasTracerConsts(ClosedJaxpr j) {
    for (NDArray c : j.consts()) {
      if (c instanceof Tracer) {
        return true;
      }
    }
    return false;
  }

  private static void checkArgs(ClosedJaxpr j, List<ShapedArray> avals) {
    List<Var> invars = j.jaxpr().invars();
    if (avals.size() != invars.size()) {
      throw new JaxTypeError("custom_jvp_call takes " + invars.size() + " arguments, got "
          + avals.size());
    }
    for (int i = 0; i < avals.size(); i++) {
      ShapedArray want = invars.get(i).aval();
      ShapedArray got = avals.get(i);
      if (!want.shape().equals(got.shape()) || want.dtype() != got.dtype()) {
        throw new JaxTypeError("custom_jvp_call argument " + i + " has type " + got.str()
            + " but the call_jaxpr expects " + want.str());
      }
    }
  }

  /** Compiled bodies, by identity of the call_jaxpr, the most recent few hundred kept. */
  private static final Map<ClosedJaxpr, Executable> COMPILED = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ClosedJaxpr, Executable> eldest) {
          return size() > 256;
        }
      });

  /** The body compiled by the default backend (a call inside compiled code runs compiled). */
  static Executable executable(ClosedJaxpr body) {
    Executable e = COMPILED.get(body);
    if (e == null) {
      e = Backends.defaultBackend().compile(body);
      COMPILED.put(body, e);
    }
    return e;
  }

  /**
   * The JVP: JAX's {@code process_custom_jvp_call}. Zero tangents are instantiated; a
   * closed-over value with a tangent is JAX's error.
   */
  private static Primitive.JvpResult jvp(List<NDArray> primals, List<NDArray> tangents,
      Params params) {
    JvpFunction f = params.get("jvp", JvpFunction.class);
    for (int i = 0; i < f.numConsts(); i++) {
      if (tangents.get(i) != null) {
        throw new JaxTypeError("Detected differentiation of a custom_jvp function with respect"
            + " to a closed-over value. That isn't supported because the custom JVP rule only"
            + " specifies how to differentiate the custom_jvp function with respect to explicit"
            + " input parameters. Try passing the closed-over value into the custom_jvp"
            + " function as an argument, and adapting the custom_jvp rule.");
      }
    }
    List<NDArray> ts = new ArrayList<>(tangents.size());
    for (int i = 0; i < tangents.size(); i++) {
      NDArray t = tangents.get(i);
      ts.add(t != null ? t : LinearOps.get().zeros(primals.get(i).aval()));
    }
    Ad.JvpOutput out = f.rule().apply(primals, ts);
    List<ShapedArray> want = CUSTOM_JVP_CALL.abstractEval(avals(primals), params);
    if (out.primals().size() != want.size() || out.tangents().size() != want.size()) {
      throw new JaxTypeError("Custom JVP rule " + f.name() + " for function "
          + params.get("name") + " must produce primal and tangent outputs with equal"
          + " container (pytree) structures, but got " + out.primals().size() + " primal and "
          + out.tangents().size() + " tangent outputs for a function of " + want.size()
          + " outputs.");
    }
    for (int i = 0; i < want.size(); i++) {
      ShapedArray p = out.primals().get(i).aval();
      ShapedArray t = out.tangents().get(i).aval();
      if (!p.shape().equals(want.get(i).shape()) || p.dtype() != want.get(i).dtype()) {
        throw new JaxTypeError("Custom JVP rule must produce primal outputs with the same"
            + " shapes and dtypes as the function: output " + i + " of " + params.get("name")
            + " is " + want.get(i).str() + " but the rule " + f.name() + " gave " + p.str()
            + ".");
      }
      if (!t.shape().equals(p.shape())) {
        throw new JaxTypeError("Custom JVP rule must produce primal and tangent outputs with"
            + " corresponding shapes and dtypes. Expected " + p.str() + " (tangent type of "
            + p.str() + ") but got " + t.str() + ".");
      }
    }
    return new Primitive.JvpResult(out.primals(), out.tangents());
  }

  private static List<ShapedArray> avals(List<NDArray> xs) {
    List<ShapedArray> r = new ArrayList<>(xs.size());
    for (NDArray x : xs) {
      r.add(x.aval());
    }
    return r;
  }

  /**
   * The batched call: the body batched (every output along dimension 0, mapped operands moved
   * to dimension 0 first) and the rule batched likewise, then bound again.
   */
  private static Primitive.BatchResult batch(List<NDArray> vals, int[] dims, Params params) {
    ClosedJaxpr body = params.get("call_jaxpr", ClosedJaxpr.class);
    JvpFunction f = params.get("jvp", JvpFunction.class);
    List<NDArray> moved = new ArrayList<>(vals.size());
    int[] dims0 = new int[dims.length];
    for (int i = 0; i < vals.size(); i++) {
      if (dims[i] == Primitive.NOT_MAPPED) {
        moved.add(vals.get(i));
        dims0[i] = Primitive.NOT_MAPPED;
      } else {
        moved.add(dims[i] == 0 ? vals.get(i) : LinearOps.get().moveAxis(vals.get(i), dims[i],
            0));
        dims0[i] = 0;
      }
    }
    List<ShapedArray> avals = avals(moved);
    List<Integer> dimList = new ArrayList<>();
    for (int d : dims0) {
      dimList.add(d);
    }
    List<Object> key = List.of(new Ident(body), new Ident(f), dimList, avals,
        Flags.x64Enabled());
    Prepared prepared = BATCHED.get(key);
    if (prepared == null) {
      prepared = batchedCall(body, f, dims0, avals, String.valueOf(params.get("name")));
      BATCHED.put(key, prepared);
    }
    List<NDArray> outs = CUSTOM_JVP_CALL.bind(moved, prepared.params());
    return new Primitive.BatchResult(outs, new int[outs.size()]);
  }

  /** {@code body} batched along {@code dims0} (0 or not mapped), every output along 0. */
  static ClosedJaxpr batchedBody(ClosedJaxpr body, int[] dims0, List<ShapedArray> avals,
      String name) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < avals.size(); i++) {
      labels.add("argument " + i);
    }
    Pytree.TreeDef inTree = Pytree.flatten(Collections.nCopies(avals.size(), 0)).treedef();
    return JaxprTrace.traceAvals(xs -> {
      List<NDArray> in = new ArrayList<>();
      for (Object x : xs) {
        in.add((NDArray) x);
      }
      return Batching.vmap(ys -> JaxprEval.eval(body, ys), in, dims0, j -> 0);
    }, inTree, avals, labels, name, "vmap").jaxpr();
  }

  private static Prepared batchedCall(ClosedJaxpr body, JvpFunction f, int[] dims0,
      List<ShapedArray> avals, String name) {
    ClosedJaxpr batchedBody = batchedBody(body, dims0, avals, name);
    int n = avals.size();
    Rule batchedRule = (ps, ts) -> {
      List<NDArray> in = new ArrayList<>(ps);
      in.addAll(ts);
      int[] d = new int[2 * n];
      System.arraycopy(dims0, 0, d, 0, n);
      System.arraycopy(dims0, 0, d, n, n);
      int[] outCount = new int[1];
      List<NDArray> outs = Batching.vmap(xs -> {
        Ad.JvpOutput o = f.rule().apply(xs.subList(0, n), xs.subList(n, 2 * n));
        outCount[0] = o.primals().size();
        List<NDArray> all = new ArrayList<>(o.primals());
        all.addAll(o.tangents());
        return all;
      }, in, d, j -> 0);
      int m = outCount[0];
      return new Ad.JvpOutput(outs.subList(0, m), outs.subList(m, outs.size()));
    };
    return new Prepared(batchedBody, new JvpFunction(f.name(), batchedRule, f.numConsts()),
        name);
  }
}
