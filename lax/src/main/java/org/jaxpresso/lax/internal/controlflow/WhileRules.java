package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.ad.PartialEvalTrace;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.While;

/**
 * The transformation rules of {@code while} (JAX's {@code _while_loop_jvp}, {@code
 * _while_transpose_error}, {@code _while_loop_batching_rule}): the JVP carries the tangents as
 * extra loop state with the predicate on the primals; there is no transpose (reverse mode
 * needs a trip count known before the loop runs); batching batches the body, and with a batched
 * predicate loops while any element's predicate holds, each element keeping its carry once its
 * own predicate fails.
 */
public final class WhileRules {
  private WhileRules() {}

  /** JAX's message for reverse-mode differentiation of a {@code while}. */
  public static final String TRANSPOSE_ERROR = "Reverse-mode differentiation does not work for"
      + " lax.while_loop or lax.fori_loop with dynamic start/stop values. Try using lax.scan,"
      + " or using fori_loop with static start/stop.";

  /**
   * The JVP: tangents of the body consts and of the carry join the carry.
   *
   * @param primals the primal input values
   * @param tangents the tangent values, one per primal
   * @param params the primitive's parameters
   * @return the JVP: tangents of the body consts and of the carry join the carry
   */
  public static Primitive.JvpResult jvp(List<NDArray> primals, List<NDArray> tangents,
      Params params) {
    ClosedJaxpr cond = SubJaxprs.jaxprParam("while", params, "cond_jaxpr");
    ClosedJaxpr body = SubJaxprs.jaxprParam("while", params, "body_jaxpr");
    int cn = params.getInt("cond_nconsts");
    int bn = params.getInt("body_nconsts");
    int n = primals.size() - cn - bn;
    boolean[] nzB = new boolean[bn];
    boolean[] nzC = new boolean[n];
    for (int i = 0; i < bn; i++) {
      nzB[i] = tangents.get(cn + i) != null
          && primals.get(cn + i).aval().dtype().isFloating();
    }
    for (int i = 0; i < n; i++) {
      nzC[i] = tangents.get(cn + bn + i) != null
          && primals.get(cn + bn + i).aval().dtype().isFloating();
    }
    Jaxpr b = JaxprTransforms.open(body);
    JaxprTransforms.JvpJaxpr jb;
    while (true) {
      jb = JaxprTransforms.jvp(b, JaxprTransforms.concat(nzB, nzC), nzC,
          InliningTrace.wanted());
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        if (jb.nonzeroOut()[i] && !nzC[i]) {
          nzC[i] = true;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    // jb invars: H, bconsts, carry, tangents of bconsts (nzB), tangents of carry (nzC).
    int h = jb.jaxpr().nconsts();
    int ntb = JaxprTransforms.count(nzB);
    int ntc = JaxprTransforms.count(nzC);
    int[] order = new int[h + bn + n + ntb + ntc];
    int k = 0;
    for (int i = 0; i < h + bn; i++) {
      order[k++] = i;
    }
    for (int i = 0; i < ntb; i++) {
      order[k++] = h + bn + n + i;
    }
    for (int i = 0; i < n; i++) {
      order[k++] = h + bn + i;
    }
    for (int i = 0; i < ntc; i++) {
      order[k++] = h + bn + n + ntb + i;
    }
    Jaxpr jbj = jb.jaxpr().jaxpr();
    int[] outOrder = new int[jbj.outvars().size()];
    for (int i = 0; i < outOrder.length; i++) {
      outOrder[i] = i;
    }
    Jaxpr newBody = JaxprTransforms.permute(jbj, order, outOrder);
    Jaxpr c = JaxprTransforms.open(cond);
    List<org.jaxpresso.core.jaxpr.Var> condIn = new ArrayList<>(c.invars());
    List<ShapedArray> carryAvals = JaxprTransforms.inAvals(c).subList(cn, cn + n);
    for (int i = 0; i < n; i++) {
      if (nzC[i]) {
        condIn.add(org.jaxpresso.core.jaxpr.Var.of(carryAvals.get(i)));
      }
    }
    Jaxpr newCond = new Jaxpr(List.of(), condIn, c.eqns(), c.outvars());
    List<NDArray> args = new ArrayList<>(primals.subList(0, cn));
    args.addAll(jb.jaxpr().consts());
    args.addAll(primals.subList(cn, cn + bn));
    for (int i = 0; i < bn; i++) {
      if (nzB[i]) {
        args.add(tangents.get(cn + i));
      }
    }
    args.addAll(primals.subList(cn + bn, primals.size()));
    for (int i = 0; i < n; i++) {
      if (nzC[i]) {
        NDArray t = tangents.get(cn + bn + i);
        args.add(t != null ? t : JaxprTransforms.zeros(primals.get(cn + bn + i).aval()));
      }
    }
    List<NDArray> outs = While.WHILE.bind(args, While.params(ClosedJaxpr.of(newCond), cn,
        ClosedJaxpr.of(newBody), h + bn + ntb));
    List<NDArray> primalOut = outs.subList(0, n);
    if (Trace.current() instanceof PartialEvalTrace) {
      primalOut = While.WHILE.bind(primals, params);
    }
    List<NDArray> tOut = new ArrayList<>();
    k = n;
    for (int i = 0; i < n; i++) {
      tOut.add(nzC[i] ? outs.get(k++) : null);
    }
    return new Primitive.JvpResult(primalOut, tOut);
  }

  /**
   * Reverse mode through {@code while}: JAX's error.
   *
   * @param cts the cotangents of the outputs
   * @param args the operands
   * @param avals the abstract values (shape and dtype) of the inputs
   * @param params the primitive's parameters
   * @return never: this always throws
   */
  public static List<NDArray> transpose(List<NDArray> cts, List<NDArray> args,
      List<ShapedArray> avals, Params params) {
    throw new JaxValueError(TRANSPOSE_ERROR);
  }

  /**
   * Batching: the carries batched where the inputs or the body make them so (a fixpoint); a
   * batched predicate batches every carry and turns the loop into "while any", the body
   * selecting the new carry only where the element's predicate holds.
   *
   * @param args the operands, batched or not
   * @param dims the batched dimension of each argument ({@code -1} where not batched)
   * @param params the primitive's parameters
   * @return the batched outputs and the dimension of each that carries the batch
   */
  public static Primitive.BatchResult batch(List<NDArray> args, int[] dims, Params params) {
    ClosedJaxpr condJ = SubJaxprs.jaxprParam("while", params, "cond_jaxpr");
    ClosedJaxpr bodyJ = SubJaxprs.jaxprParam("while", params, "body_jaxpr");
    Jaxpr cond = JaxprTransforms.open(condJ);
    Jaxpr body = JaxprTransforms.open(bodyJ);
    int cn = params.getInt("cond_nconsts");
    int bn = params.getInt("body_nconsts");
    int n = args.size() - cn - bn;
    int size = -1;
    boolean[] b = new boolean[args.size()];
    for (int i = 0; i < args.size(); i++) {
      b[i] = dims[i] >= 0;
      if (b[i]) {
        size = args.get(i).aval().shape().dim(dims[i]);
      }
    }
    boolean[] bc = JaxprTransforms.slice(b, 0, cn);
    boolean[] bb = JaxprTransforms.slice(b, cn, cn + bn);
    boolean[] carry = JaxprTransforms.slice(b, cn + bn, b.length);
    boolean predBatched;
    while (true) {
      boolean[] o = JaxprTransforms.batch(body, size, JaxprTransforms.concat(bb, carry), carry)
          .batchedOut();
      predBatched = JaxprTransforms.batch(cond, size, JaxprTransforms.concat(bc, carry),
          new boolean[1]).batchedOut()[0];
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        if ((o[i] || predBatched) && !carry[i]) {
          carry[i] = true;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    List<NDArray> in = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      boolean want = i < cn + bn ? b[i] : carry[i - cn - bn];
      in.add(want ? JaxprTransforms.atFront(args.get(i), dims[i], size) : args.get(i));
    }
    List<NDArray> cc = in.subList(0, cn);
    List<NDArray> bcs = in.subList(cn, cn + bn);
    List<NDArray> init = in.subList(cn + bn, in.size());
    JaxprTransforms.Batched condB =
        JaxprTransforms.batch(cond, size, JaxprTransforms.concat(bc, carry), new boolean[1]);
    JaxprTransforms.Batched bodyB =
        JaxprTransforms.batch(body, size, JaxprTransforms.concat(bb, carry), carry);
    int[] od = new int[n];
    Arrays.fill(od, 0);
    List<NDArray> outs;
    if (!predBatched) {
      List<NDArray> a = new ArrayList<>(condB.jaxpr().consts());
      a.addAll(cc);
      a.addAll(bodyB.jaxpr().consts());
      a.addAll(bcs);
      a.addAll(init);
      outs = While.WHILE.bind(a, While.params(condB.jaxpr().closed(),
          condB.jaxpr().nconsts() + cn, bodyB.jaxpr().closed(), bodyB.jaxpr().nconsts() + bn));
      for (int i = 0; i < n; i++) {
        od[i] = carry[i] ? 0 : Primitive.NOT_MAPPED;
      }
      return new Primitive.BatchResult(outs, od);
    }
    List<ShapedArray> ccAvals = avals(cc);
    List<ShapedArray> bcAvals = avals(bcs);
    List<ShapedArray> carryAvals = avals(init);
    List<ShapedArray> condAvals = new ArrayList<>(ccAvals);
    condAvals.addAll(carryAvals);
    JaxprTransforms.Hoisted anyCond = JaxprTransforms.trace(xs -> {
      NDArray pred = JaxprTransforms.eval(condB.jaxpr(), xs).get(0);
      return List.of(Lax.reduceOr(pred, 0));
    }, condAvals, "while_cond", "vmap");
    List<ShapedArray> bodyAvals = new ArrayList<>(ccAvals);
    bodyAvals.addAll(bcAvals);
    bodyAvals.addAll(carryAvals);
    JaxprTransforms.Hoisted selBody = JaxprTransforms.trace(xs -> {
      List<NDArray> c = xs.subList(cn + bn, xs.size());
      List<NDArray> ci = new ArrayList<>(xs.subList(0, cn));
      ci.addAll(c);
      NDArray pred = JaxprTransforms.eval(condB.jaxpr(), ci).get(0);
      List<NDArray> next = JaxprTransforms.eval(bodyB.jaxpr(), xs.subList(cn, xs.size()));
      List<NDArray> r = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int[] shape = c.get(i).aval().shape().dims();
        NDArray which = shape.length == 1 ? pred
            : Lax.broadcastInDim(pred, shape, new int[] {0});
        r.add(Lax.selectN(which, c.get(i), next.get(i)));
      }
      return r;
    }, bodyAvals, "while_body", "vmap");
    List<NDArray> a = new ArrayList<>(anyCond.consts());
    a.addAll(cc);
    a.addAll(selBody.consts());
    a.addAll(cc);
    a.addAll(bcs);
    a.addAll(init);
    outs = While.WHILE.bind(a, While.params(anyCond.closed(), anyCond.nconsts() + cn,
        selBody.closed(), selBody.nconsts() + cn + bn));
    return new Primitive.BatchResult(outs, od);
  }

  private static List<ShapedArray> avals(List<NDArray> xs) {
    List<ShapedArray> out = new ArrayList<>();
    for (NDArray x : xs) {
      out.add(x.aval());
    }
    return out;
  }
}
