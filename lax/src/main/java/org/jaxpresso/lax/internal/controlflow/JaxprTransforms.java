package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.ad.JaxprEval;
import org.jaxpresso.core.ad.JvpTrace;
import org.jaxpresso.core.ad.JvpTracer;
import org.jaxpresso.core.batching.BatchTrace;
import org.jaxpresso.core.batching.BatchTracer;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.lax.Lax;

/**
 * What the control-flow transformation rules do to their sub-jaxprs (JAX's {@code jvp_jaxpr},
 * {@code batch_jaxpr} and the tracing around them): re-trace a jaxpr under forward mode or
 * batching into a new jaxpr whose closed-over constants are leading inputs.
 */
public final class JaxprTransforms {
  private JaxprTransforms() {}

  /**
   * A traced jaxpr without constvars: its first {@code consts.size()} invars take {@code consts}.
   *
   * @param jaxpr the program
   * @param consts the values of its leading invars
   */
  public record Hoisted(Jaxpr jaxpr, List<NDArray> consts) {
    /** Copies the list. */
    public Hoisted {
      consts = List.copyOf(consts);
    }

    /**
     * The number of leading const invars.
     *
     * @return the number of leading const invars
     */
    public int nconsts() {
      return consts.size();
    }

    /**
     * The jaxpr as a closed jaxpr without consts.
     *
     * @return the jaxpr as a closed jaxpr without consts
     */
    public ClosedJaxpr closed() {
      return ClosedJaxpr.of(jaxpr);
    }
  }

  /**
   * Traces {@code fn} on tracers of {@code avals}; constants it closes over become leading
   * invars.
   *
   * @param fn the function to trace
   * @param avals the abstract values (shape and dtype) of the inputs
   * @param name the function's name, as jaxprs and dumps show it
   * @param transformation the transformation name used in error messages
   * @return the output
   */
  public static Hoisted trace(Function<List<NDArray>, List<NDArray>> fn,
      List<ShapedArray> avals, String name, String transformation) {
    JaxprTrace t = new JaxprTrace(name, transformation);
    List<NDArray> in = new ArrayList<>(avals.size());
    for (int i = 0; i < avals.size(); i++) {
      in.add(t.newArg(avals.get(i), "argument " + i));
    }
    List<NDArray> out = Trace.with(t, () -> fn.apply(in));
    ClosedJaxpr c = t.finish(out);
    Jaxpr j = c.jaxpr();
    List<Var> invars = new ArrayList<>(j.constvars());
    invars.addAll(j.invars());
    return new Hoisted(new Jaxpr(List.of(), invars, j.eqns(), j.outvars()), c.consts());
  }

  /**
   * {@code h} without the equations whose results are unused (every input kept).
   *
   * @param h the hoisted jaxpr
   * @return {@code h} without the equations whose results are unused (every input kept)
   */
  public static Hoisted dce(Hoisted h) {
    boolean[] keep = new boolean[h.jaxpr().invars().size()];
    java.util.Arrays.fill(keep, true);
    return new Hoisted(JaxprEdits.dce(h.jaxpr(), keep).jaxpr(), h.consts());
  }

  /**
   * Runs {@code j} (a jaxpr without constvars) on {@code args} under the current trace.
   *
   * @param j the jaxpr
   * @param args the inputs: arrays or tracers of the current trace
   * @return the outputs
   */
  public static List<NDArray> eval(Jaxpr j, List<? extends NDArray> args) {
    return JaxprEval.eval(ClosedJaxpr.of(j), args);
  }

  /**
   * Runs a hoisted jaxpr on its consts then {@code args} under the current trace.
   *
   * @param h the hoisted jaxpr
   * @param args the inputs: arrays or tracers of the current trace
   * @return the outputs
   */
  public static List<NDArray> eval(Hoisted h, List<? extends NDArray> args) {
    List<NDArray> all = new ArrayList<>(h.consts());
    all.addAll(args);
    return eval(h.jaxpr(), all);
  }

  /**
   * The avals of a jaxpr's inputs.
   *
   * @param j the jaxpr
   * @return the avals of a jaxpr's inputs
   */
  public static List<ShapedArray> inAvals(Jaxpr j) {
    return StagedFunction.inAvals(j);
  }

  /**
   * The avals of a jaxpr's outputs.
   *
   * @param j the jaxpr
   * @return the avals of a jaxpr's outputs
   */
  public static List<ShapedArray> outAvals(Jaxpr j) {
    return StagedFunction.outAvals(j);
  }

  /**
   * The jaxpr of a closed jaxpr param, which must have no consts (control flow's never do).
   *
   * @param c the closed jaxpr (a jaxpr with its constant values)
   * @return the jaxpr of a closed jaxpr param, which must have no consts (control flow's never do)
   */
  public static Jaxpr open(ClosedJaxpr c) {
    if (!c.consts().isEmpty()) {
      throw new IllegalArgumentException("control-flow sub-jaxpr with " + c.consts().size()
          + " consts: transformation rules expect them hoisted into operands");
    }
    return c.jaxpr();
  }

  /**
   * A forward-mode jaxpr and which of its outputs carry a tangent.
   *
   * @param jaxpr invars: hoisted consts, the primals, then the tangents of the inputs marked
   *     non-zero; outvars: the primal outputs, then the tangents of the outputs marked in
   *     {@code nonzeroOut}
   * @param nonzeroOut per output, whether its tangent is an output
   */
  public record JvpJaxpr(Hoisted jaxpr, boolean[] nonzeroOut) {}

  /**
   * JAX's {@code jvp_jaxpr}: {@code j} under forward mode with tangents for the floating inputs
   * marked {@code nonzeroIn}; a floating output's tangent is an output when it is non-zero or
   * marked {@code instantiate} (then zeros when symbolically zero).
   *
   * @param j the jaxpr
   * @param nonzeroIn which inputs have nonzero tangents
   * @param instantiate whether zero tangents are materialized as arrays
   * @return JAX's {@code jvp_jaxpr}
   */
  public static JvpJaxpr jvp(Jaxpr j, boolean[] nonzeroIn, boolean[] instantiate) {
    return jvp(j, nonzeroIn, instantiate, false);
  }

  /**
   * {@link #jvp(Jaxpr, boolean[], boolean[])}, with the calls ({@code jit}) in {@code j} inlined
   * when {@code inlineCalls} (for reverse mode, which splits the result into known and linear
   * parts).
   *
   * @param j the jaxpr
   * @param nonzeroIn which inputs have nonzero tangents
   * @param instantiate whether zero tangents are materialized as arrays
   * @param inlineCalls whether {@code jit} calls are inlined first
   * @return {@link #jvp(Jaxpr, boolean[], boolean[])}, with the calls ({@code jit}) in {@code j}
   *     inlined when {@code inlineCalls} (for reverse mode, which splits the result into known and
   *     linear parts)
   */
  public static JvpJaxpr jvp(Jaxpr j, boolean[] nonzeroIn, boolean[] instantiate,
      boolean inlineCalls) {
    List<ShapedArray> primalAvals = inAvals(j);
    List<ShapedArray> avals = new ArrayList<>(primalAvals);
    boolean[] nz = new boolean[primalAvals.size()];
    for (int i = 0; i < nz.length; i++) {
      nz[i] = nonzeroIn[i] && primalAvals.get(i).dtype().isFloating();
      if (nz[i]) {
        avals.add(primalAvals.get(i));
      }
    }
    List<ShapedArray> outAvals = outAvals(j);
    boolean[] nzOut = new boolean[outAvals.size()];
    Hoisted h = trace(in -> {
      Trace below = inlineCalls ? new InliningTrace(Trace.current()) : Trace.current();
      JvpTrace jt = new JvpTrace(below);
      List<NDArray> args = new ArrayList<>();
      int k = primalAvals.size();
      for (int i = 0; i < primalAvals.size(); i++) {
        args.add(new JvpTracer(jt, in.get(i), nz[i] ? in.get(k++) : null));
      }
      List<NDArray> outs = Trace.with(jt, () -> eval(j, args));
      List<NDArray> primals = new ArrayList<>();
      List<NDArray> tangents = new ArrayList<>();
      for (int i = 0; i < outs.size(); i++) {
        NDArray o = outs.get(i);
        NDArray p = o;
        NDArray t = null;
        if (o instanceof JvpTracer x && x.trace() == jt) {
          p = x.primal();
          t = x.tangent();
        }
        primals.add(p);
        boolean floating = outAvals.get(i).dtype().isFloating();
        if (floating && (t != null || instantiate[i])) {
          nzOut[i] = true;
          tangents.add(t != null ? t : zeros(outAvals.get(i)));
        }
      }
      primals.addAll(tangents);
      return primals;
    }, avals, "jvp_body", "jvp");
    return new JvpJaxpr(h, nzOut);
  }

  /**
   * A batched jaxpr.
   *
   * @param jaxpr invars: hoisted consts, then the inputs (batched ones with a leading batch
   *     dimension); outvars: the outputs, batched ones with a leading batch dimension
   * @param batchedOut per output, whether it is batched
   */
  public record Batched(Hoisted jaxpr, boolean[] batchedOut) {}

  /**
   * JAX's {@code batch_jaxpr}: {@code j} mapped over a leading dimension of {@code size} of the
   * inputs marked {@code batchedIn}; outputs marked {@code forceOut} are batched even when they
   * do not depend on the batch.
   *
   * @param j the jaxpr
   * @param size the size of the new (batch) dimension
   * @param batchedIn which inputs are batched
   * @param forceOut which outputs must be batched even if they need not be
   * @return JAX's {@code batch_jaxpr}
   */
  public static Batched batch(Jaxpr j, int size, boolean[] batchedIn, boolean[] forceOut) {
    List<ShapedArray> inAvals = inAvals(j);
    List<ShapedArray> avals = new ArrayList<>();
    for (int i = 0; i < inAvals.size(); i++) {
      avals.add(batchedIn[i] ? stacked(inAvals.get(i), size) : inAvals.get(i));
    }
    boolean[] bOut = new boolean[j.outvars().size()];
    Hoisted h = trace(in -> {
      BatchTrace bt = new BatchTrace(Trace.current(), size);
      List<NDArray> args = new ArrayList<>();
      for (int i = 0; i < in.size(); i++) {
        args.add(batchedIn[i] ? new BatchTracer(bt, in.get(i), 0) : in.get(i));
      }
      List<NDArray> outs = Trace.with(bt, () -> eval(j, args));
      List<NDArray> result = new ArrayList<>();
      for (int i = 0; i < outs.size(); i++) {
        NDArray o = outs.get(i);
        if (o instanceof BatchTracer x && x.trace() == bt) {
          bOut[i] = true;
          result.add(moveAxis(x.value(), x.batchDim(), 0));
        } else if (forceOut[i]) {
          bOut[i] = true;
          result.add(broadcastFront(o, size));
        } else {
          result.add(o);
        }
      }
      return result;
    }, avals, "batched_body", "vmap");
    return new Batched(h, bOut);
  }

  /**
   * {@code aval} with a leading dimension of {@code size}.
   *
   * @param aval the abstract value (shape and dtype)
   * @param size the size of the new (batch) dimension
   * @return {@code aval} with a leading dimension of {@code size}
   */
  public static ShapedArray stacked(ShapedArray aval, int size) {
    int[] d = aval.shape().dims();
    int[] s = new int[d.length + 1];
    s[0] = size;
    System.arraycopy(d, 0, s, 1, d.length);
    return aval.withShape(Shape.of(s));
  }

  /**
   * {@code aval} without its leading dimension.
   *
   * @param aval the abstract value (shape and dtype)
   * @return {@code aval} without its leading dimension
   */
  public static ShapedArray unstacked(ShapedArray aval) {
    int[] d = aval.shape().dims();
    return aval.withShape(Shape.of(java.util.Arrays.copyOfRange(d, 1, d.length)));
  }

  /**
   * Zeros of {@code aval} (its dtype and weak type).
   *
   * @param aval the abstract value (shape and dtype)
   * @return the zeros of {@code aval} (its dtype and weak type)
   */
  public static NDArray zeros(ShapedArray aval) {
    Array z = Array.scalar(0, aval.dtype());
    if (aval.weakType()) {
      z = z.withWeakType(true);
    }
    return aval.rank() == 0 ? z : Lax.broadcastInDim(z, aval.shape().dims(), new int[0]);
  }

  /**
   * {@code x} with dimension {@code from} moved to {@code to}.
   *
   * @param x the input array
   * @param from the dimension to move
   * @param to its new position
   * @return {@code x} with dimension {@code from} moved to {@code to}
   */
  public static NDArray moveAxis(NDArray x, int from, int to) {
    if (from == to) {
      return x;
    }
    int r = x.aval().rank();
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      if (i != from) {
        perm.add(i);
      }
    }
    perm.add(to, from);
    return Lax.transpose(x, perm.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * {@code x} broadcast along a new leading dimension of {@code size}.
   *
   * @param x the input array
   * @param size the size of the new (batch) dimension
   * @return {@code x} broadcast along a new leading dimension of {@code size}
   */
  public static NDArray broadcastFront(NDArray x, int size) {
    ShapedArray a = x.aval();
    int[] dims = new int[a.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = i + 1;
    }
    return Lax.broadcastInDim(x, stacked(a, size).shape().dims(), dims);
  }

  /**
   * {@code x} batched along dimension 0: moved there, or broadcast when not batched.
   *
   * @param x the input array
   * @param dim the dimension of {@code x} that carries the batch, or {@code -1} when not batched
   * @param size the size of the new (batch) dimension
   * @return {@code x} batched along dimension 0: moved there, or broadcast when not batched
   */
  public static NDArray atFront(NDArray x, int dim, int size) {
    return dim < 0 ? broadcastFront(x, size) : moveAxis(x, dim, 0);
  }

  /**
   * The jaxpr with its invars reordered: new position {@code i} takes old {@code order[i]}.
   *
   * @param j the jaxpr
   * @param inOrder for each new input position, the old position it takes
   * @param outOrder for each new output position, the old position it takes
   * @return the jaxpr with its invars reordered: new position {@code i} takes old {@code order[i]}
   */
  public static Jaxpr permute(Jaxpr j, int[] inOrder, int[] outOrder) {
    List<Var> in = new ArrayList<>();
    for (int i : inOrder) {
      in.add(j.invars().get(i));
    }
    List<Atom> out = new ArrayList<>();
    for (int i : outOrder) {
      out.add(j.outvars().get(i));
    }
    return new Jaxpr(j.constvars(), in, j.eqns(), out);
  }

  /**
   * The entries of {@code xs} whose flag equals {@code which}.
   *
   * @param <T> the type of the values
   * @param xs the input arrays
   * @param flags one flag per entry
   * @param which the flag value to select
   * @return the entries of {@code xs} whose flag equals {@code which}
   */
  public static <T> List<T> select(List<T> xs, boolean[] flags, boolean which) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      if (flags[i] == which) {
        out.add(xs.get(i));
      }
    }
    return out;
  }

  /**
   * The number of true entries.
   *
   * @param flags one flag per entry
   * @return the number of true entries
   */
  public static int count(boolean[] flags) {
    int n = 0;
    for (boolean f : flags) {
      n += f ? 1 : 0;
    }
    return n;
  }

  /**
   * Part of an array.
   *
   * @param a the input array
   * @param from the first position (inclusive)
   * @param to the end position (exclusive)
   * @return the elements from {@code from} (inclusive) to {@code to} (exclusive)
   */
  public static boolean[] slice(boolean[] a, int from, int to) {
    return java.util.Arrays.copyOfRange(a, from, to);
  }

  /**
   * Arrays joined.
   *
   * @param parts the arrays to join
   * @return the arrays joined, in order
   */
  public static boolean[] concat(boolean[]... parts) {
    int n = 0;
    for (boolean[] p : parts) {
      n += p.length;
    }
    boolean[] out = new boolean[n];
    int k = 0;
    for (boolean[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }
}
