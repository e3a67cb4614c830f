package org.jaxpresso.core.ad;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.jaxpresso.core.batching.Batching;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;

/**
 * A function with a custom reverse-mode rule (JAX's {@code jax.custom_vjp}), over flat lists
 * of arrays. Calling it binds {@code custom_vjp_call}; evaluated, staged, compiled and batched
 * it is the function itself. Under differentiation the forward rule runs instead (its
 * operations are ordinary ones of the enclosing trace) and yields the outputs and residuals;
 * the tangents go through {@code custom_lin}, a linear primitive whose transpose is the
 * backward rule applied to the residuals and the output cotangents. As in JAX, forward mode
 * cannot see through it: evaluating {@code custom_lin} (jvp, jacfwd) raises {@code TypeError:
 * can't apply forward-mode autodiff (jvp) to a custom_vjp function.}
 */
public final class CustomVjp {
  /** The backward rule, bound to one call's residuals' structure. */
  @FunctionalInterface
  public interface Bwd {
    /**
     * The input cotangents.
     *
     * @param residuals the residuals the forward rule saved
     * @param cts one cotangent per output (zeros, never null)
     * @return one cotangent per input (null: zero)
     */
    List<NDArray> apply(List<NDArray> residuals, List<NDArray> cts);
  }

  /**
   * What the forward rule returns.
   *
   * @param outputs the function's outputs
   * @param residuals the values the backward rule needs
   * @param bwd the backward rule for these residuals
   */
  public record FwdOutput(List<NDArray> outputs, List<NDArray> residuals, Bwd bwd) {}

  /** The forward rule. */
  @FunctionalInterface
  public interface Fwd {
    /**
     * Runs the forward rule.
     *
     * @param primals the inputs
     * @return the outputs, the residuals and the backward rule
     */
    FwdOutput apply(List<NDArray> primals);
  }

  /**
   * A rule as a param: its name (what jaxprs print), the rule, and the number of leading
   * operands that are closed-over values (the rule does not see them).
   *
   * @param name the printed name
   * @param rule the rule
   * @param numConsts the number of closed-over leading operands
   * @param <T> the rule's type
   */
  public record Named<T>(String name, T rule, int numConsts) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code outs = custom_vjp_call[name call_jaxpr fwd_jaxpr_thunk bwd num_consts ...] ins}. */
  public static final Primitive CUSTOM_VJP_CALL = Primitive.builder("custom_vjp_call")
      .family("custom_vjp")
      .multipleResults()
      .abstractEval((avals, params) -> {
        ClosedJaxpr j = params.get("call_jaxpr", ClosedJaxpr.class);
        if (avals.size() != j.jaxpr().invars().size()) {
          throw new JaxTypeError("custom_vjp_call takes " + j.jaxpr().invars().size()
              + " arguments, got " + avals.size());
        }
        List<ShapedArray> out = new ArrayList<>();
        for (Atom a : j.jaxpr().outvars()) {
          out.add(a.aval());
        }
        return out;
      })
      .impl((args, params) -> CustomJvp.executable(params.get("call_jaxpr", ClosedJaxpr.class))
          .execute(args))
      .jvp(CustomVjp::jvp)
      .batch(CustomVjp::batch)
      .build();

  /** {@code cts_out = custom_lin[num_res bwd out_avals symbolic_zeros] *res *tangents}. */
  public static final Primitive CUSTOM_LIN = Primitive.builder("custom_lin")
      .family("custom_vjp")
      .multipleResults()
      .abstractEval((avals, params) -> outAvals(params))
      .impl((args, params) -> {
        throw forwardModeError();
      })
      .jvp((primals, tangents, params) -> {
        throw forwardModeError();
      })
      .transpose(CustomVjp::transposeLin)
      .batch(CustomVjp::batchLin)
      .build();

  private final String name;
  private final Function<List<NDArray>, List<NDArray>> fn;
  private final String fwdName;
  private final Fwd fwd;
  private final String bwdName;
  private final Map<List<Object>, Params> traced =
      Collections.synchronizedMap(new LinkedHashMap<>());

  /**
   * A function {@code fn} whose VJP is given by {@code fwd} and the backward rule it returns.
   *
   * @param name the function's name, printed as the {@code name} param
   * @param fn the function
   * @param fwdName the forward rule's name
   * @param fwd the forward rule
   * @param bwdName the backward rule's name
   */
  public CustomVjp(String name, Function<List<NDArray>, List<NDArray>> fn, String fwdName,
      Fwd fwd, String bwdName) {
    this.name = name;
    this.fn = fn;
    this.fwdName = fwdName;
    this.fwd = fwd;
    this.bwdName = bwdName;
  }

  /**
   * Calls the function: binds {@code custom_vjp_call} on the current trace.
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
    Params params = traced.get(key);
    List<NDArray> operands = new ArrayList<>();
    if (params == null) {
      CustomJvp.TracedBody t = CustomJvp.traceClosed(name, fn, avals);
      ClosedJaxpr body = t.body();
      int numConsts = t.lifted().size();
      boolean closes = numConsts > 0;
      operands.addAll(t.lifted());
      int k = numConsts;
      Fwd full = ps -> fwd.apply(ps.subList(k, ps.size()));
      params = Params.of("name", name, "call_jaxpr", body,
          "fwd_jaxpr_thunk", new Named<>(fwdName, full, numConsts), "bwd", bwdName,
          "num_consts", numConsts, "symbolic_zeros", false);
      if (!closes) {
        traced.put(key, params);
      }
    }
    operands.addAll(args);
    return CUSTOM_VJP_CALL.bind(operands, params);
  }

  private static JaxTypeError forwardModeError() {
    return new JaxTypeError("can't apply forward-mode autodiff (jvp) to a custom_vjp function.");
  }

  @SuppressWarnings("unchecked")
  private static List<ShapedArray> outAvals(Params params) {
    return (List<ShapedArray>) params.get("out_avals");
  }

  /**
   * JAX's {@code process_custom_vjp_call}: the forward rule gives the outputs and residuals;
   * the tangents go through {@code custom_lin}, whose transpose is the backward rule.
   */
  @SuppressWarnings("unchecked")
  private static Primitive.JvpResult jvp(List<NDArray> primals, List<NDArray> tangents,
      Params params) {
    Named<Fwd> f = (Named<Fwd>) params.get("fwd_jaxpr_thunk");
    for (int i = 0; i < f.numConsts(); i++) {
      if (tangents.get(i) != null) {
        throw new JaxTypeError("Detected differentiation of a custom_vjp function with respect"
            + " to a closed-over value. That isn't supported because the custom VJP rule only"
            + " specifies how to differentiate the custom_vjp function with respect to explicit"
            + " input parameters. Try passing the closed-over value into the custom_vjp"
            + " function as an argument, and adapting the custom_vjp fwd and bwd rules.");
      }
    }
    FwdOutput out = f.rule().apply(primals);
    List<ShapedArray> want = CUSTOM_VJP_CALL.abstractEval(avals(primals), params);
    if (out.outputs().size() != want.size()) {
      throw new JaxTypeError("Custom VJP fwd rule " + f.name() + " for function "
          + params.get("name") + " must produce a pair (list or tuple of length two) where the"
          + " first element represents the primal output (equal to the output of the"
          + " custom_vjp-decorated function " + params.get("name") + ") and the second element"
          + " represents residuals (i.e. values stored from the forward pass for use on the"
          + " backward pass), but got " + out.outputs().size() + " primal outputs for a"
          + " function of " + want.size() + ".");
    }
    for (int i = 0; i < want.size(); i++) {
      ShapedArray got = out.outputs().get(i).aval();
      if (!got.shape().equals(want.get(i).shape()) || got.dtype() != want.get(i).dtype()) {
        throw new JaxTypeError("Custom VJP fwd rule " + f.name() + " for function "
            + params.get("name") + " must produce primal outputs with the same shapes and"
            + " dtypes as the function: output " + i + " is " + want.get(i).str()
            + " but the fwd rule gave " + got.str() + ".");
      }
    }
    List<NDArray> linArgs = new ArrayList<>(out.residuals());
    int numConsts = f.numConsts();
    for (int i = numConsts; i < tangents.size(); i++) {
      NDArray t = tangents.get(i);
      linArgs.add(t != null ? t : LinearOps.get().zeros(primals.get(i).aval()));
    }
    List<ShapedArray> outAvals = new ArrayList<>();
    for (NDArray o : out.outputs()) {
      outAvals.add(o.aval());
    }
    Params lin = Params.of("num_res", out.residuals().size(),
        "bwd", new Named<>(String.valueOf(params.get("bwd")), out.bwd(), 0),
        "out_avals", List.copyOf(outAvals), "symbolic_zeros", false);
    List<NDArray> tangentsOut = CUSTOM_LIN.bind(linArgs, lin);
    return new Primitive.JvpResult(out.outputs(), tangentsOut);
  }

  /** The backward rule on the residuals and the output cotangents. */
  @SuppressWarnings("unchecked")
  private static List<NDArray> transposeLin(List<NDArray> cts, List<NDArray> args,
      List<ShapedArray> avals, Params params) {
    int numRes = params.getInt("num_res");
    List<NDArray> res = args.subList(0, numRes);
    for (NDArray r : res) {
      if (r == null) {
        throw new IllegalArgumentException("custom_lin: a residual cannot be linear");
      }
    }
    List<ShapedArray> outAvals = outAvals(params);
    List<NDArray> ctsOut = new ArrayList<>();
    for (int i = 0; i < cts.size(); i++) {
      NDArray c = cts.get(i);
      ctsOut.add(c != null ? c : LinearOps.get().zeros(outAvals.get(i)));
    }
    Named<Bwd> b = (Named<Bwd>) params.get("bwd");
    List<NDArray> inCts = b.rule().apply(res, ctsOut);
    int numIn = args.size() - numRes;
    if (inCts.size() != numIn) {
      throw new JaxTypeError("Custom VJP bwd rule must produce an output with the same"
          + " container (pytree) structure as the args tuple of the primal function, and in"
          + " particular must produce a tuple of length equal to the number of arguments to"
          + " the primal function, but got " + inCts.size() + " cotangents for "
          + numIn + " arguments.");
    }
    List<NDArray> result = new ArrayList<>(Collections.nCopies(numRes, (NDArray) null));
    for (int i = 0; i < numIn; i++) {
      NDArray c = inCts.get(i);
      ShapedArray want = avals.get(numRes + i);
      if (c != null && !c.aval().shape().equals(want.shape())) {
        throw new JaxTypeError("Custom VJP bwd rule must produce an output with shape/dtypes"
            + " as args tuple of the primal function, but at output[" + i + "] the bwd rule"
            + " produced an output of shape/dtype " + c.aval().str() + " corresponding to an"
            + " input of shape/dtype " + want.str() + ".");
      }
      result.add(c);
    }
    return result;
  }

  private static List<ShapedArray> avals(List<NDArray> xs) {
    List<ShapedArray> r = new ArrayList<>(xs.size());
    for (NDArray x : xs) {
      r.add(x.aval());
    }
    return r;
  }

  /** Mapped operands moved to dimension 0; their dims (0 or NOT_MAPPED) in {@code dims0}. */
  private static List<NDArray> moveToFront(List<NDArray> vals, int[] dims, int[] dims0) {
    List<NDArray> moved = new ArrayList<>(vals.size());
    for (int i = 0; i < vals.size(); i++) {
      if (dims[i] == Primitive.NOT_MAPPED) {
        moved.add(vals.get(i));
        dims0[i] = Primitive.NOT_MAPPED;
      } else {
        moved.add(dims[i] == 0 ? vals.get(i)
            : LinearOps.get().moveAxis(vals.get(i), dims[i], 0));
        dims0[i] = 0;
      }
    }
    return moved;
  }

  /** The batched call: the body, the forward rule and its backward rules all batched. */
  @SuppressWarnings("unchecked")
  private static Primitive.BatchResult batch(List<NDArray> vals, int[] dims, Params params) {
    int[] dims0 = new int[dims.length];
    List<NDArray> moved = moveToFront(vals, dims, dims0);
    List<Integer> dimList = new ArrayList<>();
    for (int d : dims0) {
      dimList.add(d);
    }
    List<Object> key = List.of(new Ident(params.get("call_jaxpr")),
        new Ident(params.get("fwd_jaxpr_thunk")), dimList, avals(moved), Flags.x64Enabled());
    Params batched = BATCHED.get(key);
    if (batched == null) {
      batched = batchedParams(params, dims0, avals(moved));
      BATCHED.put(key, batched);
    }
    List<NDArray> outs = CUSTOM_VJP_CALL.bind(moved, batched);
    return new Primitive.BatchResult(outs, new int[outs.size()]);
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

  /** Batched calls' params, by (body, forward rule, batch dims, avals), the most recent kept. */
  private static final Map<List<Object>, Params> BATCHED = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Params> eldest) {
          return size() > 256;
        }
      });

  @SuppressWarnings("unchecked")
  private static Params batchedParams(Params params, int[] dims0, List<ShapedArray> avals) {
    ClosedJaxpr body = params.get("call_jaxpr", ClosedJaxpr.class);
    ClosedJaxpr batchedBody = CustomJvp.batchedBody(body, dims0, avals,
        String.valueOf(params.get("name")));
    Named<Fwd> f = (Named<Fwd>) params.get("fwd_jaxpr_thunk");
    Fwd batchedFwd = ps -> {
      Bwd[] inner = new Bwd[1];
      int[] counts = new int[2];
      List<NDArray> outs = Batching.vmap(xs -> {
        FwdOutput o = f.rule().apply(xs);
        inner[0] = o.bwd();
        counts[0] = o.outputs().size();
        counts[1] = o.residuals().size();
        List<NDArray> all = new ArrayList<>(o.outputs());
        all.addAll(o.residuals());
        return all;
      }, ps, dims0, j -> 0);
      int nOut = counts[0];
      int nRes = counts[1];
      int nIn = ps.size();
      Bwd batchedBwd = (res, cts) -> {
        List<NDArray> in = new ArrayList<>(res);
        in.addAll(cts);
        int[] d = new int[in.size()];
        return Batching.vmap(xs -> instantiate(inner[0].apply(xs.subList(0, nRes),
            xs.subList(nRes, xs.size())), nIn), in, d, j -> 0);
      };
      return new FwdOutput(outs.subList(0, nOut), outs.subList(nOut, nOut + nRes), batchedBwd);
    };
    return params.with("call_jaxpr", batchedBody)
        .with("fwd_jaxpr_thunk", new Named<>(f.name(), batchedFwd, f.numConsts()));
  }

  /**
   * The cotangents of a batched backward rule, which must all be arrays (vmap's outputs are
   * arrays, and the avals a zero would need are not known here).
   */
  private static List<NDArray> instantiate(List<NDArray> cts, int nIn) {
    for (NDArray c : cts) {
      if (c == null) {
        throw new JaxTypeError("custom_vjp bwd rule under vmap must return a cotangent for"
            + " every argument (got None for one of " + nIn + ")");
      }
    }
    return cts;
  }

  /** {@code custom_lin} batched: the backward rule batched over the residuals' dimensions. */
  @SuppressWarnings("unchecked")
  private static Primitive.BatchResult batchLin(List<NDArray> vals, int[] dims, Params params) {
    int numRes = params.getInt("num_res");
    int[] dims0 = new int[dims.length];
    List<NDArray> moved = new ArrayList<>(moveToFront(vals, dims, dims0));
    int size = -1;
    for (int i = 0; i < moved.size(); i++) {
      if (dims0[i] == 0) {
        size = moved.get(i).aval().shape().dim(0);
      }
    }
    // tangents are batched like the outputs' cotangents will be: all along 0
    for (int i = numRes; i < moved.size(); i++) {
      if (dims0[i] == Primitive.NOT_MAPPED) {
        moved.set(i, LinearOps.get().broadcastAxis(moved.get(i), size, 0));
        dims0[i] = 0;
      }
    }
    Named<Bwd> b = (Named<Bwd>) params.get("bwd");
    int[] resDims = Arrays.copyOf(dims0, numRes);
    Bwd batchedBwd = (res, cts) -> {
      List<NDArray> in = new ArrayList<>(res);
      in.addAll(cts);
      int[] d = new int[in.size()];
      System.arraycopy(resDims, 0, d, 0, numRes);
      return Batching.vmap(xs -> instantiate(b.rule().apply(xs.subList(0, numRes),
          xs.subList(numRes, xs.size())), xs.size() - numRes), in, d, j -> 0);
    };
    List<ShapedArray> outAvals = new ArrayList<>();
    for (ShapedArray a : outAvals(params)) {
      int[] shape = new int[a.rank() + 1];
      shape[0] = size;
      System.arraycopy(a.shape().dims(), 0, shape, 1, a.rank());
      outAvals.add(a.withShape(org.jaxpresso.core.Shape.of(shape)));
    }
    Params batched = params.with("bwd", new Named<>(b.name(), batchedBwd, 0))
        .with("out_avals", List.copyOf(outAvals));
    List<NDArray> outs = CUSTOM_LIN.bind(moved, batched);
    return new Primitive.BatchResult(outs, new int[outs.size()]);
  }
}
