package org.jaxpresso.lax.primitives;

import static org.jaxpresso.lax.primitives.RuleSupport.moveAxis;
import static org.jaxpresso.lax.primitives.RuleSupport.shift;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.Lax;

/**
 * JVP, transpose and batching rules of {@link Reductions} and {@link Cumulative}: {@code
 * reduce_sum} and {@code cumsum} are linear; {@code reduce_max}/{@code reduce_min} spread the
 * tangent evenly over tied maxima (JAX's {@code _reduce_chooser_jvp_rule}); {@code reduce_prod}
 * multiplies each tangent by the product of the other elements (exclusive products, exact with
 * zeros); the logical reductions and arg-reductions have zero tangents. Batching shifts the
 * reduced axes past a leading batch dimension (JAX's {@code defreducer}).
 */
final class ReductionRules {
  private ReductionRules() {}

  private static boolean done;

  /** Attaches every rule (once). */
  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    Primitive sum = Reductions.REDUCE_SUM;
    sum.defineJvp(RuleSupport.linearJvp(sum)).defineTranspose((ct, args, avals, q) -> {
      int[] shape = avals.get(0).shape().dims();
      int[] axes = q.ints("axes");
      List<Integer> kept = new ArrayList<>();
      for (int d = 0; d < shape.length; d++) {
        if (ShapingRules.indexOf(axes, d) < 0) {
          kept.add(d);
        }
      }
      return List.of(Lax.broadcastInDim(ct.get(0), shape,
          kept.stream().mapToInt(Integer::intValue).toArray()));
    });
    for (Primitive p : List.of(Reductions.REDUCE_MAX, Reductions.REDUCE_MIN)) {
      p.defineJvp((primals, ts, q) -> {
        NDArray x = primals.get(0);
        NDArray out = p.bind(primals, q).get(0);
        int[] shape = x.aval().shape().dims();
        int[] kept = keptDims(shape.length, q.ints("axes"));
        NDArray ansB = Lax.broadcastInDim(out, shape, kept);
        NDArray loc = RuleSupport.convert(Lax.eq(x, ansB), x.aval().dtype(),
            x.aval().weakType());
        NDArray counts = Lax.reduceSum(loc, q.ints("axes"));
        NDArray t = Lax.reduceSum(Lax.mul(ts.get(0), loc), q.ints("axes"));
        return Primitive.JvpResult.of(out, Lax.div(t, counts));
      });
    }
    Reductions.REDUCE_PROD.defineJvp((primals, ts, q) -> {
      NDArray x = primals.get(0);
      NDArray out = Reductions.REDUCE_PROD.bind(primals, q).get(0);
      int[] shape = x.aval().shape().dims();
      int[] axes = q.ints("axes");
      int[] kept = keptDims(shape.length, axes);
      int[] perm = new int[shape.length];
      int[] flat = new int[kept.length + 1];
      int n = 1;
      for (int i = 0; i < kept.length; i++) {
        perm[i] = kept[i];
        flat[i] = shape[kept[i]];
      }
      for (int i = 0; i < axes.length; i++) {
        perm[kept.length + i] = axes[i];
        n *= shape[axes[i]];
      }
      flat[kept.length] = n;
      NDArray xf = Lax.reshape(Lax.transpose(x, perm), flat);
      NDArray tf = Lax.reshape(Lax.transpose(ts.get(0), perm), flat);
      NDArray others = Lax.mul(exclusiveProd(xf, false), exclusiveProd(xf, true));
      return Primitive.JvpResult.of(out, Lax.reduceSum(Lax.mul(tf, others), kept.length));
    });
    for (Primitive p : List.of(Reductions.REDUCE_AND, Reductions.REDUCE_OR,
        Reductions.REDUCE_XOR, Reductions.ARGMAX, Reductions.ARGMIN)) {
      p.defineJvp(RuleSupport.zeroJvp(p));
    }
    for (Primitive p : List.of(sum, Reductions.REDUCE_MAX, Reductions.REDUCE_MIN,
        Reductions.REDUCE_PROD, Reductions.REDUCE_AND, Reductions.REDUCE_OR,
        Reductions.REDUCE_XOR, Reductions.ARGMAX, Reductions.ARGMIN)) {
      p.defineBatch((vals, dims, q) -> Primitive.BatchResult.of(p.bind(
          List.of(moveAxis(vals.get(0), dims[0], 0)),
          q.with("axes", shift(q.ints("axes"), 1))).get(0), 0));
    }
    cumulative();
  }

  /** Along the last axis: the product of the elements before (or after) each one. */
  private static NDArray exclusiveProd(NDArray x, boolean reverse) {
    int r = x.aval().rank();
    int n = x.aval().shape().dim(r - 1);
    NDArray cp = Lax.cumprod(x, r - 1, reverse);
    int[][] cfg = new int[r][];
    for (int d = 0; d < r - 1; d++) {
      cfg[d] = new int[] {0, 0, 0};
    }
    cfg[r - 1] = reverse ? new int[] {-1, 1, 0} : new int[] {1, -1, 0};
    if (n == 0) {
      return x;
    }
    return Lax.pad(cp, RuleSupport.c(x, 1), cfg);
  }

  private static int[] keptDims(int rank, int[] axes) {
    List<Integer> kept = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      if (ShapingRules.indexOf(axes, d) < 0) {
        kept.add(d);
      }
    }
    return kept.stream().mapToInt(Integer::intValue).toArray();
  }

  private static void cumulative() {
    Primitive cs = Cumulative.CUMSUM;
    cs.defineJvp(RuleSupport.linearJvp(cs)).defineTranspose((ct, args, avals, q) ->
        cs.bind(ct, q.with("reverse", !q.getBoolean("reverse"))));
    cumulativeJvp(Cumulative.CUMPROD, Double.NaN, Lax::mul);
    cumulativeJvp(Cumulative.CUMMAX, Double.NEGATIVE_INFINITY, Lax::max);
    cumulativeJvp(Cumulative.CUMMIN, Double.POSITIVE_INFINITY, Lax::min);
    cumulativeJvp(Cumulative.CUMLOGSUMEXP, Double.NEGATIVE_INFINITY, ReductionRules::logAddExp);
    for (Primitive p : List.of(cs, Cumulative.CUMPROD, Cumulative.CUMMAX, Cumulative.CUMMIN,
        Cumulative.CUMLOGSUMEXP)) {
      p.defineBatch((vals, dims, q) -> Primitive.BatchResult.of(p.bind(
          List.of(moveAxis(vals.get(0), dims[0], 0)),
          q.with("axis", q.getInt("axis") + 1)).get(0), 0));
    }
  }

  /**
   * JAX's {@code _cumulative_jvp_rule}: the primal from the primitive, the tangent from the JVP
   * of the same running reduction written as a prefix scan of lax operations
   * ({@link #prefixScan}), whose rules give the derivative (ties of max/min shared evenly).
   *
   * @param identity the combiner's identity for padding (NaN: one, for products)
   */
  private static void cumulativeJvp(Primitive p, double identity,
      java.util.function.BinaryOperator<NDArray> combine) {
    p.defineJvp((primals, ts, q) -> {
      NDArray out = p.bind(primals, q).get(0);
      int axis = q.getInt("axis");
      boolean reverse = q.getBoolean("reverse");
      NDArray t = org.jaxpresso.core.ad.Ad.jvp(
          xs -> List.of(prefixScan(xs.get(0), axis, reverse, identity, combine)),
          List.of(primals.get(0)), List.of(ts.get(0))).tangents().get(0);
      return Primitive.JvpResult.of(out, t);
    });
  }

  /** A Hillis-Steele inclusive scan along {@code axis}: log2(n) shifted combines. */
  static NDArray prefixScan(NDArray x, int axis, boolean reverse, double identity,
      java.util.function.BinaryOperator<NDArray> combine) {
    NDArray y = reverse ? Lax.rev(x, axis) : x;
    int r = y.aval().rank();
    int n = y.aval().shape().dim(axis);
    NDArray id = RuleSupport.c(y, Double.isNaN(identity) ? 1 : identity);
    for (int s = 1; s < n; s *= 2) {
      int[][] cfg = new int[r][];
      for (int d = 0; d < r; d++) {
        cfg[d] = d == axis ? new int[] {s, -s, 0} : new int[] {0, 0, 0};
      }
      y = combine.apply(y, Lax.pad(y, id, cfg));
    }
    return reverse ? Lax.rev(y, axis) : y;
  }

  private static NDArray logAddExp(NDArray a, NDArray b) {
    NDArray m = Lax.max(a, b);
    NDArray d = Lax.neg(Lax.abs(Lax.sub(a, b)));
    NDArray safe = Lax.selectN(Lax.isFinite(d), RuleSupport.bcast(
        RuleSupport.c(d, Double.NEGATIVE_INFINITY), d.aval().shape()), d);
    return Lax.add(m, Lax.log1p(Lax.exp(safe)));
  }
}
