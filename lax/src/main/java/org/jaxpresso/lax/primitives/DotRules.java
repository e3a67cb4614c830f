package org.jaxpresso.lax.primitives;

import static org.jaxpresso.lax.primitives.RuleSupport.NM;
import static org.jaxpresso.lax.primitives.RuleSupport.moveAxis;
import static org.jaxpresso.lax.primitives.RuleSupport.prepend;
import static org.jaxpresso.lax.primitives.RuleSupport.shift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;

/**
 * Rules of {@code dot_general}: bilinear JVP, JAX's {@code _dot_general_transpose_lhs/rhs}
 * (a dot_general of the cotangent with the other operand, then a transpose), and batching that
 * adds a batch dimension pair when both operands are batched, or treats the batch dimension as
 * a free dimension of the one batched operand.
 */
final class DotRules {
  private DotRules() {}

  private static boolean done;

  /** Attaches every rule (once). */
  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    Primitive dot = Dot.DOT_GENERAL;
    dot.defineJvp((p, ts, q) -> {
      NDArray out = dot.bind(p, q).get(0);
      NDArray t = null;
      if (ts.get(0) != null) {
        t = dot.bind(List.of(ts.get(0), p.get(1)), q).get(0);
      }
      if (ts.get(1) != null) {
        t = RuleSupport.addT(t, dot.bind(List.of(p.get(0), ts.get(1)), q).get(0));
      }
      return Primitive.JvpResult.of(out, t);
    }).defineTranspose((ct, args, avals, q) -> {
      DotDimensionNumbers dn = q.get("dimension_numbers", DotDimensionNumbers.class);
      if (args.get(0) == null && args.get(1) == null) {
        throw new IllegalArgumentException("dot_general: transpose of a product of two linear"
            + " values (the jaxpr is not linear)");
      }
      if (args.get(0) == null) {
        return Arrays.asList(transposeLhs(ct.get(0), avals.get(0), args.get(1), dn, q, false),
            null);
      }
      DotDimensionNumbers swapped = new DotDimensionNumbers(dn.rhsContracting(),
          dn.lhsContracting(), dn.rhsBatch(), dn.lhsBatch());
      return Arrays.asList(null,
          transposeLhs(ct.get(0), avals.get(1), args.get(0), swapped, q, true));
    }).defineBatch(DotRules::batch);
  }

  private static NDArray transposeLhs(NDArray g, ShapedArray x, NDArray y,
      DotDimensionNumbers dn, Params q, boolean swapAns) {
    int xNdim = x.rank();
    int yNdim = y.aval().rank();
    int[] xContract = dn.lhsContracting();
    int[] yContract = dn.rhsContracting();
    int[] xBatch = dn.lhsBatch();
    int[] yBatch = dn.rhsBatch();
    int[] xKept = remaining(xNdim, xContract, xBatch);
    int[] yKept = remaining(yNdim, yContract, yBatch);
    int[] ansBatch = RuleSupport.range(0, xBatch.length);
    int[] ansY = swapAns ? RuleSupport.range(xBatch.length, xBatch.length + yKept.length)
        : RuleSupport.range(xBatch.length + xKept.length,
            xBatch.length + xKept.length + yKept.length);
    DotDimensionNumbers dims = new DotDimensionNumbers(ansY, yKept, ansBatch, yBatch);
    Integer[] order = new Integer[yContract.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(yContract[a], yContract[b]));
    int[] pre = new int[xNdim];
    int k = 0;
    for (int d : xBatch) {
      pre[k++] = d;
    }
    for (int d : xKept) {
      pre[k++] = d;
    }
    for (Integer i : order) {
      pre[k++] = xContract[i];
    }
    int[] outAxes = ShapingRules.inverse(pre);
    NDArray r = Dot.DOT_GENERAL.bind(List.of(g, y),
        q.with("dimension_numbers", dims)).get(0);
    r = Lax.transpose(r, outAxes);
    if (r.aval().dtype() != x.dtype()) {
      r = RuleSupport.convert(r, x.dtype());
    }
    return r;
  }

  private static int[] remaining(int n, int[] a, int[] b) {
    List<Integer> r = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      if (ShapingRules.indexOf(a, d) < 0 && ShapingRules.indexOf(b, d) < 0) {
        r.add(d);
      }
    }
    return r.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Primitive.BatchResult batch(List<NDArray> vals, int[] dims, Params q) {
    DotDimensionNumbers dn = q.get("dimension_numbers", DotDimensionNumbers.class);
    NDArray lhs = vals.get(0);
    NDArray rhs = vals.get(1);
    int nb = dn.lhsBatch().length;
    DotDimensionNumbers nd;
    int outDim;
    if (dims[0] != NM && dims[1] != NM) {
      lhs = moveAxis(lhs, dims[0], 0);
      rhs = moveAxis(rhs, dims[1], 0);
      nd = new DotDimensionNumbers(shift(dn.lhsContracting(), 1), shift(dn.rhsContracting(), 1),
          prepend(0, shift(dn.lhsBatch(), 1)), prepend(0, shift(dn.rhsBatch(), 1)));
      outDim = 0;
    } else if (dims[0] != NM) {
      lhs = moveAxis(lhs, dims[0], 0);
      nd = new DotDimensionNumbers(shift(dn.lhsContracting(), 1), dn.rhsContracting(),
          shift(dn.lhsBatch(), 1), dn.rhsBatch());
      outDim = nb;
    } else {
      rhs = moveAxis(rhs, dims[1], 0);
      int lhsFree = lhs.aval().rank() - nb - dn.lhsContracting().length;
      nd = new DotDimensionNumbers(dn.lhsContracting(), shift(dn.rhsContracting(), 1),
          dn.lhsBatch(), shift(dn.rhsBatch(), 1));
      outDim = nb + lhsFree;
    }
    return Primitive.BatchResult.of(Dot.DOT_GENERAL.bind(List.of(lhs, rhs),
        q.with("dimension_numbers", nd)).get(0), outDim);
  }
}
