package org.jaxpresso.jit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.ad.Ad;
import org.jaxpresso.core.ad.JaxprEval;
import org.jaxpresso.core.ad.LinearOps;
import org.jaxpresso.core.batching.Batching;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.core.tracing.Pytree;

/**
 * The {@code jit} call primitive (JAX's {@code pjit}, printed {@code jit} since 0.7): a call of a
 * closed sub-jaxpr, with params {@code name} and {@code jaxpr}. A jitted function called while
 * another function is being traced becomes one such equation rather than being inlined.
 */
public final class JitPrimitive {
  private JitPrimitive() {}

  /** {@code outs = jit[name=... jaxpr=...] ins}. */
  public static final Primitive JIT = Primitive.builder("jit")
      .family("call")
      .multipleResults()
      .abstractEval((avals, params) -> {
        ClosedJaxpr j = params.get("jaxpr", ClosedJaxpr.class);
        List<Var> invars = j.jaxpr().invars();
        if (avals.size() != invars.size()) {
          throw new JaxTypeError("jit " + params.get("name") + " takes " + invars.size()
              + " arguments, got " + avals.size());
        }
        for (int i = 0; i < avals.size(); i++) {
          ShapedArray want = invars.get(i).aval();
          ShapedArray got = avals.get(i);
          if (!want.shape().equals(got.shape()) || want.dtype() != got.dtype()) {
            throw new JaxTypeError("jit " + params.get("name") + " argument " + i + " has type "
                + got.str() + " but the jaxpr expects " + want.str());
          }
        }
        List<ShapedArray> out = new ArrayList<>();
        for (Atom a : j.jaxpr().outvars()) {
          out.add(a.aval());
        }
        return out;
      })
      .impl((args, params) -> JaxprInterpreter.eval(params.get("jaxpr", ClosedJaxpr.class), args))
      .build();

  static {
    JIT.defineJvp(JitPrimitive::jvp).defineBatch(JitPrimitive::batch)
        .defineTranspose((cts, args, avals, params) ->
            org.jaxpresso.core.ad.CallPartialEval.transpose(JIT, cts, args, avals, params));
  }

  /** A key comparing its object by identity (jaxprs are cached per body object). */
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

  /** A transformed body: the body, the transformation, and the signature it was traced for. */
  private record CacheKey(Ident body, String kind, List<Object> signature) {}

  /** The most transformed bodies kept; past it the least recently used is dropped. */
  static final int MAX_TRANSFORMED = 1024;

  private static final Map<CacheKey, ClosedJaxpr> TRANSFORMED = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, ClosedJaxpr> eldest) {
          return size() > MAX_TRANSFORMED;
        }
      });

  private static final AtomicInteger TRANSFORM_TRACES = new AtomicInteger();

  /**
   * How many times a {@code jit} body has been traced under a transformation (its JVP or its
   * batched version). Each (body, transformation, signature) is traced once and cached, so
   * {@code grad(jit(f))} and {@code vmap(jit(f))} called repeatedly with one signature trace
   * once, and the cached jaxpr keeps the eager dispatch cache (keyed by the jaxpr) warm.
   *
   * @return the number of transformed traces so far
   */
  public static int transformTraceCount() {
    return TRANSFORM_TRACES.get();
  }

  /** The cached transformed body, else {@code trace}'s (cached unless it closes over tracers). */
  private static ClosedJaxpr transformed(ClosedJaxpr body, String kind, List<Object> signature,
      Supplier<ClosedJaxpr> trace) {
    CacheKey key = new CacheKey(new Ident(body), kind,
        List.of(signature, org.jaxpresso.core.Flags.x64Enabled()));
    ClosedJaxpr hit = TRANSFORMED.get(key);
    if (hit != null) {
      return hit;
    }
    ClosedJaxpr j = trace.get();
    TRANSFORM_TRACES.incrementAndGet();
    boolean closes = false;
    for (NDArray c : j.consts()) {
      closes |= c instanceof org.jaxpresso.core.Tracer;
    }
    if (!closes) {
      TRANSFORMED.put(key, j);
    }
    return j;
  }

  private static List<ShapedArray> avalsOf(List<NDArray> xs) {
    List<ShapedArray> r = new ArrayList<>(xs.size());
    for (NDArray x : xs) {
      r.add(x.aval());
    }
    return r;
  }

  /**
   * The JVP of a call: the body's JVP traced into a new jaxpr (primals and the non-zero
   * tangents in, primals and tangents out) and called with {@code jit} again, so the call stays
   * one equation. Under reverse mode partial evaluation splits that call into a known one, run
   * now, and an unknown one, recorded and later transposed (core's CallPartialEval).
   */
  private static Primitive.JvpResult jvp(List<NDArray> primals, List<NDArray> tangents,
      Params params) {
    ClosedJaxpr body = params.get("jaxpr", ClosedJaxpr.class);
    int n = primals.size();
    List<NDArray> args = new ArrayList<>(primals);
    List<Integer> nz = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (tangents.get(i) != null) {
        nz.add(i);
        args.add(tangents.get(i));
      }
    }
    List<ShapedArray> avals = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      avals.add(args.get(i).aval());
      labels.add("argument " + i);
    }
    Pytree.TreeDef inTree = Pytree.flatten(new ArrayList<>(args)).treedef();
    ClosedJaxpr jvpBody = transformed(body, "jvp", List.of(avalsOf(args), nz),
        () -> JaxprTrace.traceAvals(xs -> {
          List<NDArray> ps = new ArrayList<>();
          List<NDArray> ts = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            ps.add((NDArray) xs[i]);
            ts.add(LinearOps.get().zeros(((NDArray) xs[i]).aval()));
          }
          for (int k = 0; k < nz.size(); k++) {
            ts.set(nz.get(k), (NDArray) xs[n + k]);
          }
          Ad.JvpOutput o = Ad.jvp(ys -> JaxprEval.eval(body, ys), ps, ts);
          List<NDArray> out = new ArrayList<>(o.primals());
          out.addAll(o.tangents());
          return out;
        }, inTree, avals, labels, String.valueOf(params.get("name")), "jvp").jaxpr());
    List<NDArray> outs = JIT.bind(args, params.with("jaxpr", jvpBody));
    int m = outs.size() / 2;
    return new Primitive.JvpResult(outs.subList(0, m), outs.subList(m, 2 * m));
  }

  /** The batched call: the body batched (every output along dimension 0) and called again. */
  private static Primitive.BatchResult batch(List<NDArray> vals, int[] dims, Params params) {
    ClosedJaxpr body = params.get("jaxpr", ClosedJaxpr.class);
    List<ShapedArray> avals = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < vals.size(); i++) {
      avals.add(vals.get(i).aval());
      labels.add("argument " + i);
    }
    Pytree.TreeDef inTree = Pytree.flatten(new ArrayList<>(vals)).treedef();
    List<Integer> dimList = new ArrayList<>();
    for (int d : dims) {
      dimList.add(d);
    }
    ClosedJaxpr batched = transformed(body, "vmap", List.of(avalsOf(vals), dimList),
        () -> JaxprTrace.traceAvals(xs -> {
          List<NDArray> in = new ArrayList<>();
          for (Object x : xs) {
            in.add((NDArray) x);
          }
          return Batching.vmap(ys -> JaxprEval.eval(body, ys), in, dims, j -> 0);
        }, inTree, avals, labels, String.valueOf(params.get("name")), "vmap").jaxpr());
    List<NDArray> outs = JIT.bind(vals, params.with("jaxpr", batched));
    int[] outDims = new int[outs.size()];
    return new Primitive.BatchResult(outs, outDims);
  }
}
