package org.jaxpresso.core.ad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.core.tracing.Pytree;

/**
 * Partial evaluation and transposition of call primitives (family {@code call}, param {@code
 * jaxpr}: {@code jit}), as JAX's {@code partial_eval_jaxpr_nounits} and {@code
 * _pjit_transpose} do. A call with some unknown inputs splits its body in two: the known
 * equations (those reading no unknown value) become a call run now on the enclosing trace, one
 * compiled program, returning the known outputs and the residuals (known values the rest
 * reads); the others become a call recorded in the staging jaxpr, taking the residuals and the
 * unknown inputs. Transposing that call traces the body's backward pass into a third call.
 * Each split and transposed body is traced once per (body, pattern, signature) and cached, so
 * repeated {@code grad(jit(f))} neither re-traces nor recompiles.
 */
public final class CallPartialEval {
  private CallPartialEval() {}

  /** A body split by partial evaluation. */
  private record Split(ClosedJaxpr known, ClosedJaxpr unknown, boolean[] outUnknown,
      int numKnownOut, int numRes) {}

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

  private static final int MAX_ENTRIES = 1024;

  private static final Map<List<Object>, Object> CACHE = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Object> eldest) {
          return size() > MAX_ENTRIES;
        }
      });

  private static final java.util.concurrent.atomic.AtomicInteger TRACES =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * How many bodies have been split or transposed so far (each once per body, pattern and
   * signature; tests use it to see that repeated calls hit the cache).
   *
   * @return the number of splits and transposed traces
   */
  public static int traceCount() {
    return TRACES.get();
  }

  /**
   * Whether {@code primitive} is a call this class handles.
   *
   * @param primitive the primitive
   * @param params its params
   * @return whether it is a call with a {@code jaxpr} param
   */
  static boolean isCall(Primitive primitive, Params params) {
    return "call".equals(primitive.family()) && params.get("jaxpr") instanceof ClosedJaxpr;
  }

  /**
   * The call under partial evaluation: the known part bound on {@code parent}, the unknown part
   * recorded in {@code staging}.
   */
  static List<NDArray> process(org.jaxpresso.core.Trace parent, JaxprTrace staging,
      Primitive primitive, List<NDArray> args, Params params) {
    ClosedJaxpr body = params.get("jaxpr", ClosedJaxpr.class);
    boolean[] unknown = new boolean[args.size()];
    List<Boolean> mask = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      unknown[i] = args.get(i) instanceof org.jaxpresso.core.tracing.JitTracer t
          && t.trace() == staging;
      mask.add(unknown[i]);
    }
    List<Object> key = List.of(new Ident(body), "partial_eval", mask);
    Split split = (Split) CACHE.get(key);
    if (split == null) {
      split = split(body, unknown);
      TRACES.incrementAndGet();
      CACHE.put(key, split);
    }
    List<NDArray> knownArgs = new ArrayList<>();
    List<NDArray> unknownArgs = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      (unknown[i] ? unknownArgs : knownArgs).add(args.get(i));
    }
    Split s = split;
    // a part without outputs computes nothing anyone reads: it is not bound at all
    List<NDArray> knownOuts = s.numKnownOut() + s.numRes() == 0 ? List.of()
        : org.jaxpresso.core.Trace.with(parent,
            () -> primitive.bind(knownArgs, params.with("jaxpr", s.known())));
    List<NDArray> stagedArgs = new ArrayList<>(
        knownOuts.subList(s.numKnownOut(), s.numKnownOut() + s.numRes()));
    stagedArgs.addAll(unknownArgs);
    List<NDArray> unknownOuts = s.unknown().jaxpr().outvars().isEmpty() ? List.of()
        : staging.processPrimitive(primitive, stagedArgs, params.with("jaxpr", s.unknown()));
    List<NDArray> outs = new ArrayList<>();
    int k = 0;
    int u = 0;
    for (boolean isUnknown : s.outUnknown()) {
      outs.add(isUnknown ? unknownOuts.get(u++) : knownOuts.get(k++));
    }
    return outs;
  }

  /** JAX's {@code partial_eval_jaxpr_nounits} at equation granularity. */
  private static Split split(ClosedJaxpr body, boolean[] unknownIn) {
    Jaxpr j = body.jaxpr();
    Set<Var> unknown = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Var> knownInvars = new ArrayList<>();
    List<Var> unknownInvars = new ArrayList<>();
    for (int i = 0; i < j.invars().size(); i++) {
      Var v = j.invars().get(i);
      if (unknownIn[i]) {
        unknown.add(v);
        unknownInvars.add(v);
      } else {
        knownInvars.add(v);
      }
    }
    List<Eqn> knownEqns = new ArrayList<>();
    List<Eqn> unknownEqns = new ArrayList<>();
    for (Eqn e : j.eqns()) {
      boolean anyUnknown = false;
      for (Atom a : e.inputs()) {
        anyUnknown |= a instanceof Var v && unknown.contains(v);
      }
      if (anyUnknown) {
        unknown.addAll(e.outputs());
        unknownEqns.add(e);
      } else {
        knownEqns.add(e);
      }
    }
    // residuals: known variables the unknown equations (or outputs) read, in first-use order
    Set<Var> residualSet = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Var> residuals = new ArrayList<>();
    for (Eqn e : unknownEqns) {
      for (Atom a : e.inputs()) {
        if (a instanceof Var v && !unknown.contains(v) && residualSet.add(v)) {
          residuals.add(v);
        }
      }
    }
    boolean[] outUnknown = new boolean[j.outvars().size()];
    List<Atom> knownOut = new ArrayList<>();
    List<Atom> unknownOut = new ArrayList<>();
    for (int i = 0; i < j.outvars().size(); i++) {
      Atom a = j.outvars().get(i);
      outUnknown[i] = a instanceof Var v && unknown.contains(v);
      (outUnknown[i] ? unknownOut : knownOut).add(a);
    }
    List<Atom> knownOutvars = new ArrayList<>(knownOut);
    knownOutvars.addAll(residuals);
    ClosedJaxpr known = new ClosedJaxpr(
        new Jaxpr(j.constvars(), knownInvars, knownEqns, knownOutvars), body.consts());
    // residual variables are fresh in the unknown jaxpr (a variable belongs to one jaxpr)
    Map<Var, Var> fresh = new IdentityHashMap<>();
    List<Var> unknownInvarsAll = new ArrayList<>();
    for (Var r : residuals) {
      Var v = Var.of(r.aval());
      fresh.put(r, v);
      unknownInvarsAll.add(v);
    }
    unknownInvarsAll.addAll(unknownInvars);
    List<Eqn> renamed = new ArrayList<>(unknownEqns.size());
    for (Eqn e : unknownEqns) {
      List<Atom> ins = new ArrayList<>(e.inputs().size());
      for (Atom a : e.inputs()) {
        ins.add(a instanceof Var v && fresh.containsKey(v) ? fresh.get(v) : a);
      }
      renamed.add(new Eqn(e.primitive(), ins, e.params(), e.outputs()));
    }
    ClosedJaxpr unknownJaxpr = ClosedJaxpr.of(
        new Jaxpr(List.of(), unknownInvarsAll, renamed, unknownOut));
    return new Split(known, unknownJaxpr, outUnknown, knownOut.size(), residuals.size());
  }

  /**
   * The transpose of a call linear in its undefined ({@code null}) arguments: the body's
   * backward pass traced into a new body (cached per pattern and signature) and called with
   * the same primitive.
   *
   * @param primitive the call primitive
   * @param cts the output cotangents (zeros instantiated)
   * @param args the arguments, null for the linear (undefined) ones
   * @param avals every argument's aval
   * @param params the call's params
   * @return the cotangents of the linear arguments (null elsewhere)
   */
  public static List<NDArray> transpose(Primitive primitive, List<NDArray> cts,
      List<NDArray> args, List<ShapedArray> avals, Params params) {
    ClosedJaxpr body = params.get("jaxpr", ClosedJaxpr.class);
    List<Boolean> linear = new ArrayList<>();
    List<NDArray> known = new ArrayList<>();
    List<ShapedArray> tracedAvals = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      linear.add(args.get(i) == null);
      if (args.get(i) != null) {
        known.add(args.get(i));
        tracedAvals.add(args.get(i).aval());
      }
    }
    List<ShapedArray> ctAvals = new ArrayList<>();
    for (NDArray c : cts) {
      ctAvals.add(c.aval());
      tracedAvals.add(c.aval());
    }
    List<Object> key = List.of(new Ident(body), "transpose", linear, tracedAvals,
        Flags.x64Enabled());
    ClosedJaxpr transposed = (ClosedJaxpr) CACHE.get(key);
    if (transposed == null) {
      transposed = traceTranspose(body, linear, avals, tracedAvals, known.size(),
          String.valueOf(params.get("name")));
      TRACES.incrementAndGet();
      if (!closesOverTracers(transposed)) {
        CACHE.put(key, transposed);
      }
    }
    List<NDArray> callArgs = new ArrayList<>(known);
    callArgs.addAll(cts);
    List<NDArray> outs = primitive.bind(callArgs, params.with("jaxpr", transposed));
    List<NDArray> result = new ArrayList<>(args.size());
    int k = 0;
    for (boolean isLinear : linear) {
      result.add(isLinear ? outs.get(k++) : null);
    }
    return result;
  }

  private static ClosedJaxpr traceTranspose(ClosedJaxpr body, List<Boolean> linear,
      List<ShapedArray> avals, List<ShapedArray> tracedAvals, int numKnown, String name) {
    Jaxpr j = body.jaxpr();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < tracedAvals.size(); i++) {
      labels.add("argument " + i);
    }
    Pytree.TreeDef inTree = Pytree.flatten(Collections.nCopies(tracedAvals.size(), 0))
        .treedef();
    return JaxprTrace.traceAvals(xs -> {
      List<Var> constvars = new ArrayList<>(j.constvars());
      List<NDArray> consts = new ArrayList<>(body.consts());
      List<Var> invars = new ArrayList<>();
      int k = 0;
      for (int i = 0; i < linear.size(); i++) {
        if (linear.get(i)) {
          invars.add(j.invars().get(i));
        } else {
          constvars.add(j.invars().get(i));
          consts.add((NDArray) xs[k++]);
        }
      }
      ClosedJaxpr lin = new ClosedJaxpr(new Jaxpr(constvars, invars, j.eqns(), j.outvars()),
          consts);
      List<NDArray> cts = new ArrayList<>();
      for (int i = numKnown; i < xs.length; i++) {
        cts.add((NDArray) xs[i]);
      }
      List<NDArray> in = Transpose.backwardPass(lin, cts);
      List<NDArray> out = new ArrayList<>(in.size());
      int li = 0;
      for (int i = 0; i < linear.size(); i++) {
        if (linear.get(i)) {
          NDArray c = in.get(li++);
          out.add(c != null ? c : LinearOps.get().zeros(avals.get(i)));
        }
      }
      return out;
    }, inTree, tracedAvals, labels, name, "transpose").jaxpr();
  }

  private static boolean closesOverTracers(ClosedJaxpr j) {
    for (NDArray c : j.consts()) {
      if (c instanceof Tracer) {
        return true;
      }
    }
    return false;
  }
}
