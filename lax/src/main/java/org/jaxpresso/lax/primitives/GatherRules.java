package org.jaxpresso.lax.primitives;

import static org.jaxpresso.lax.primitives.RuleSupport.NM;
import static org.jaxpresso.lax.primitives.RuleSupport.batchFirst;
import static org.jaxpresso.lax.primitives.RuleSupport.batchSize;
import static org.jaxpresso.lax.primitives.RuleSupport.prepend;
import static org.jaxpresso.lax.primitives.RuleSupport.zeros;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.GatherDimensionNumbers;
import org.jaxpresso.lax.ScatterDimensionNumbers;

/**
 * Rules of the indexed families: {@code dynamic_slice} and {@code dynamic_update_slice}
 * (linear; transposed into each other), {@code gather} (linear in the operand; transposed to a
 * {@code scatter-add} into zeros, JAX's {@code _gather_transpose_rule}), {@code scatter-add}
 * and {@code scatter-sub} (linear; the updates' cotangent is a gather), {@code scatter}
 * (overwrite), {@code scatter-mul} and {@code scatter-min/max}. Gather and scatter batch as
 * JAX's rules do, with operand/indices batching dimension pairs; dynamic slices with unbatched
 * start indices batch by prepending a full dimension, with batched starts as a batched
 * gather (or overwrite scatter) in clipping mode, as JAX does.
 */
final class GatherRules {
  private GatherRules() {}

  private static boolean done;

  /** Attaches every rule (once). */
  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    dynamicSlice();
    dynamicUpdateSlice();
    gather();
    scatter();
  }

  private static List<NDArray> tail(List<NDArray> a, int from) {
    return a.subList(from, a.size());
  }

  private static void dynamicSlice() {
    Primitive ds = Slicing.DYNAMIC_SLICE;
    ds.defineJvp((p, ts, q) -> {
      NDArray out = ds.bind(p, q).get(0);
      List<NDArray> args = new ArrayList<>();
      args.add(ts.get(0));
      args.addAll(tail(p, 1));
      return Primitive.JvpResult.of(out, ds.bind(args, q).get(0));
    }).defineTranspose((ct, args, avals, q) -> {
      List<NDArray> a = new ArrayList<>();
      a.add(zeros(avals.get(0)));
      a.add(ct.get(0));
      a.addAll(tail(args, 1));
      List<NDArray> res = new ArrayList<>();
      res.add(Slicing.DYNAMIC_UPDATE_SLICE.bind(a, Params.EMPTY).get(0));
      for (int i = 1; i < args.size(); i++) {
        res.add(null);
      }
      return res;
    }).defineBatch((vals, dims, q) -> {
      if (!startsMapped(dims, 1)) {
        NDArray x = RuleSupport.moveAxis(vals.get(0), dims[0], 0);
        List<NDArray> a = new ArrayList<>();
        a.add(x);
        a.add(zeroIndex(vals, 1));
        a.addAll(tail(vals, 1));
        return Primitive.BatchResult.of(ds.bind(a, q.with("slice_sizes",
            prepend(x.aval().shape().dim(0), q.ints("slice_sizes")))).get(0), 0);
      }
      int[] sizes = q.ints("slice_sizes");
      int r = sizes.length;
      GatherDimensionNumbers dn = new GatherDimensionNumbers(RuleSupport.range(0, r),
          new int[0], RuleSupport.range(0, r));
      Params gp = Params.of("dimension_numbers", dn, "slice_sizes", sizes, "mode",
          org.jaxpresso.lax.GatherScatterMode.CLIP, "fill_value", null,
          "indices_are_sorted", true, "unique_indices", true);
      return batchGather(List.of(vals.get(0), stackStarts(vals, dims, 1)),
          new int[] {dims[0], 0}, gp);
    });
  }

  /** The start indices from {@code from} on as one batched int32 index vector, (B, r). */
  private static NDArray stackStarts(List<NDArray> vals, int[] dims, int from) {
    int size = batchSize(vals, dims);
    List<NDArray> cols = new ArrayList<>();
    for (int i = from; i < vals.size(); i++) {
      NDArray s = RuleSupport.convert(vals.get(i), DType.INT32);
      NDArray b = dims[i] == NM ? RuleSupport.broadcastAxis(s, size, 0) : s;
      cols.add(Lax.reshape(b, new int[] {size, 1}));
    }
    return Lax.concatenate(cols, 1);
  }

  private static boolean startsMapped(int[] dims, int from) {
    for (int i = from; i < dims.length; i++) {
      if (dims[i] != NM) {
        return true;
      }
    }
    return false;
  }

  private static NDArray zeroIndex(List<NDArray> vals, int firstStart) {
    DType d = vals.size() > firstStart ? vals.get(firstStart).aval().dtype() : DType.INT32;
    return Array.scalar(0, d);
  }

  private static void dynamicUpdateSlice() {
    Primitive dus = Slicing.DYNAMIC_UPDATE_SLICE;
    dus.defineJvp((p, ts, q) -> {
      NDArray out = dus.bind(p, q).get(0);
      List<NDArray> args = new ArrayList<>();
      args.add(ts.get(0) != null ? ts.get(0) : zeros(p.get(0).aval()));
      args.add(ts.get(1) != null ? ts.get(1) : zeros(p.get(1).aval()));
      args.addAll(tail(p, 2));
      return Primitive.JvpResult.of(out, dus.bind(args, q).get(0));
    }).defineTranspose((ct, args, avals, q) -> {
      List<NDArray> starts = tail(args, 2);
      NDArray c = ct.get(0);
      List<NDArray> res = new ArrayList<>();
      if (args.get(0) == null) {
        List<NDArray> a = new ArrayList<>();
        a.add(c);
        a.add(zeros(avals.get(1)));
        a.addAll(starts);
        res.add(dus.bind(a, q).get(0));
      } else {
        res.add(null);
      }
      if (args.get(1) == null) {
        List<NDArray> a = new ArrayList<>();
        a.add(c);
        a.addAll(starts);
        res.add(Slicing.DYNAMIC_SLICE.bind(a, Params.of("slice_sizes",
            avals.get(1).shape().dims())).get(0));
      } else {
        res.add(null);
      }
      for (int i = 2; i < args.size(); i++) {
        res.add(null);
      }
      return res;
    }).defineBatch((vals, dims, q) -> {
      if (!startsMapped(dims, 2)) {
        int size = batchSize(vals, dims);
        List<NDArray> a = new ArrayList<>();
        a.add(batchFirst(vals.get(0), dims[0], size));
        a.add(batchFirst(vals.get(1), dims[1], size));
        a.add(zeroIndex(vals, 2));
        a.addAll(tail(vals, 2));
        return Primitive.BatchResult.of(dus.bind(a, q).get(0), 0);
      }
      int r = vals.get(0).aval().rank() - (dims[0] == NM ? 0 : 1);
      ScatterDimensionNumbers dn = new ScatterDimensionNumbers(RuleSupport.range(0, r),
          new int[0], RuleSupport.range(0, r));
      Params sp = Params.of("dimension_numbers", dn, "mode",
          org.jaxpresso.lax.GatherScatterMode.CLIP, "indices_are_sorted", true,
          "unique_indices", true, "update_consts", List.of(), "update_jaxpr", null);
      return batchScatter(Scatter.SCATTER).apply(List.of(vals.get(0),
          stackStarts(vals, dims, 2), vals.get(1)), new int[] {dims[0], 0, dims[1]}, sp);
    });
  }

  private static void gather() {
    Primitive g = Gather.GATHER;
    g.defineJvp((p, ts, q) -> {
      NDArray out = g.bind(p, q).get(0);
      Params tq = q.get("mode") == org.jaxpresso.lax.GatherScatterMode.FILL_OR_DROP
          ? q.with("fill_value", 0L) : q;
      return Primitive.JvpResult.of(out, g.bind(List.of(ts.get(0), p.get(1)), tq).get(0));
    }).defineTranspose((ct, args, avals, q) -> {
      if (args.get(1) == null) {
        throw new IllegalArgumentException("gather: indices cannot be linear");
      }
      GatherDimensionNumbers dn = q.get("dimension_numbers", GatherDimensionNumbers.class);
      ScatterDimensionNumbers sdn = new ScatterDimensionNumbers(dn.offsetDims(),
          dn.collapsedSliceDims(), dn.startIndexMap(), dn.operandBatchingDims(),
          dn.startIndicesBatchingDims());
      NDArray z = zeros(avals.get(0));
      NDArray r = org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-add", z,
          args.get(1), ct.get(0), sdn, q.get("mode", org.jaxpresso.lax.GatherScatterMode.class),
          q.getBoolean("indices_are_sorted"), q.getBoolean("unique_indices"));
      return Arrays.asList(r, null);
    }).defineBatch(GatherRules::batchGather);
  }

  /** JAX's {@code _gather_batching_rule}, with operand/indices batching dimension pairs. */
  private static Primitive.BatchResult batchGather(List<NDArray> vals, int[] dims, Params q) {
    GatherDimensionNumbers dn = q.get("dimension_numbers", GatherDimensionNumbers.class);
    int[] sizes = q.ints("slice_sizes");
    NDArray operand = vals.get(0);
    NDArray indices = vals.get(1);
    GatherDimensionNumbers nd;
    Params p = q;
    if (dims[1] == NM) {
      operand = RuleSupport.moveAxis(operand, dims[0], 0);
      nd = new GatherDimensionNumbers(prepend(0, shift(dn.offsetDims())),
          shift(dn.collapsedSliceDims()), shift(dn.startIndexMap()),
          shift(dn.operandBatchingDims()), dn.startIndicesBatchingDims());
      p = p.with("slice_sizes", prepend(operand.aval().shape().dim(0), sizes));
    } else if (dims[0] == NM) {
      indices = RuleSupport.moveAxis(indices, dims[1], 0);
      nd = new GatherDimensionNumbers(shift(dn.offsetDims()), dn.collapsedSliceDims(),
          dn.startIndexMap(), dn.operandBatchingDims(), shift(dn.startIndicesBatchingDims()));
      p = p.with("unique_indices", false).with("indices_are_sorted", false);
    } else {
      operand = RuleSupport.moveAxis(operand, dims[0], 0);
      indices = RuleSupport.moveAxis(indices, dims[1], 0);
      nd = new GatherDimensionNumbers(shift(dn.offsetDims()), shift(dn.collapsedSliceDims()),
          shift(dn.startIndexMap()), prepend(0, shift(dn.operandBatchingDims())),
          prepend(0, shift(dn.startIndicesBatchingDims())));
      p = p.with("slice_sizes", prepend(1, sizes));
    }
    return Primitive.BatchResult.of(Gather.GATHER.bind(List.of(operand, indices),
        p.with("dimension_numbers", nd)).get(0), 0);
  }

  private static int[] shift(int[] a) {
    return RuleSupport.shift(a, 1);
  }

  /** JAX's {@code _scatter_batching_rule}: operand and updates get the batch in front. */
  private static Primitive.BatchRule batchScatter(Primitive s) {
    return (vals, dims, q) -> {
      ScatterDimensionNumbers dn = q.get("dimension_numbers", ScatterDimensionNumbers.class);
      int size = batchSize(vals, dims);
      NDArray operand = batchFirst(vals.get(0), dims[0], size);
      NDArray updates = batchFirst(vals.get(2), dims[2], size);
      NDArray indices = vals.get(1);
      ScatterDimensionNumbers nd;
      if (dims[1] == NM) {
        nd = new ScatterDimensionNumbers(prepend(0, shift(dn.updateWindowDims())),
            shift(dn.insertedWindowDims()), shift(dn.scatterDimsToOperandDims()),
            shift(dn.operandBatchingDims()), dn.scatterIndicesBatchingDims());
      } else {
        indices = batchFirst(indices, dims[1], size);
        nd = new ScatterDimensionNumbers(shift(dn.updateWindowDims()),
            shift(dn.insertedWindowDims()), shift(dn.scatterDimsToOperandDims()),
            prepend(0, shift(dn.operandBatchingDims())),
            prepend(0, shift(dn.scatterIndicesBatchingDims())));
      }
      return Primitive.BatchResult.of(s.bind(List.of(operand, indices, updates),
          q.with("dimension_numbers", nd)).get(0), 0);
    };
  }

  private static void scatter() {
    for (Primitive s : List.of(Scatter.SCATTER_ADD, Scatter.SCATTER_SUB)) {
      boolean sub = s == Scatter.SCATTER_SUB;
      s.defineJvp((p, ts, q) -> {
        NDArray out = s.bind(p, q).get(0);
        NDArray to = ts.get(0) != null ? ts.get(0) : zeros(p.get(0).aval());
        NDArray tu = ts.get(2) != null ? ts.get(2) : zeros(p.get(2).aval());
        return Primitive.JvpResult.of(out, s.bind(List.of(to, p.get(1), tu), q).get(0));
      }).defineTranspose((ct, args, avals, q) -> {
        if (args.get(1) == null) {
          throw new IllegalArgumentException(s.name() + ": indices cannot be linear");
        }
        NDArray c = ct.get(0);
        NDArray opCt = args.get(0) == null ? c : null;
        NDArray updCt = null;
        if (args.get(2) == null) {
          ScatterDimensionNumbers dn = q.get("dimension_numbers", ScatterDimensionNumbers.class);
          GatherDimensionNumbers gdn = new GatherDimensionNumbers(dn.updateWindowDims(),
              dn.insertedWindowDims(), dn.scatterDimsToOperandDims(), dn.operandBatchingDims(),
              dn.scatterIndicesBatchingDims());
          int[] upd = avals.get(2).shape().dims();
          int rank = c.aval().rank();
          int[] sizes = new int[rank];
          int pos = 0;
          for (int i = 0; i < rank; i++) {
            if (ShapingRules.indexOf(dn.insertedWindowDims(), i) >= 0
                || ShapingRules.indexOf(dn.operandBatchingDims(), i) >= 0) {
              sizes[i] = 1;
            } else {
              sizes[i] = upd[dn.updateWindowDims()[pos++]];
            }
          }
          updCt = org.jaxpresso.lax.internal.shaping.ShapingOps.gather(c, args.get(1), gdn,
              sizes, q.get("mode", org.jaxpresso.lax.GatherScatterMode.class), 0,
              q.getBoolean("indices_are_sorted"), q.getBoolean("unique_indices"));
          if (sub) {
            updCt = Lax.neg(updCt);
          }
        }
        return Arrays.asList(opCt, null, updCt);
      });
    }
    overwriteScatter();
    scatterMul();
    extremalScatter(Scatter.SCATTER_MIN);
    extremalScatter(Scatter.SCATTER_MAX);
    for (Primitive s : List.of(Scatter.SCATTER, Scatter.SCATTER_ADD, Scatter.SCATTER_SUB,
        Scatter.SCATTER_MUL, Scatter.SCATTER_MIN, Scatter.SCATTER_MAX)) {
      s.defineBatch(batchScatter(s));
    }
  }

  /** The gather that reads back, for each update element, the operand element it lands on. */
  private static NDArray gatherBack(NDArray x, NDArray indices, ShapedArray updates,
      Params q) {
    ScatterDimensionNumbers dn = q.get("dimension_numbers", ScatterDimensionNumbers.class);
    GatherDimensionNumbers gdn = new GatherDimensionNumbers(dn.updateWindowDims(),
        dn.insertedWindowDims(), dn.scatterDimsToOperandDims(), dn.operandBatchingDims(),
        dn.scatterIndicesBatchingDims());
    int[] upd = updates.shape().dims();
    int rank = x.aval().rank();
    int[] sizes = new int[rank];
    int pos = 0;
    for (int i = 0; i < rank; i++) {
      if (ShapingRules.indexOf(dn.insertedWindowDims(), i) >= 0
          || ShapingRules.indexOf(dn.operandBatchingDims(), i) >= 0) {
        sizes[i] = 1;
      } else {
        sizes[i] = upd[dn.updateWindowDims()[pos++]];
      }
    }
    return org.jaxpresso.lax.internal.shaping.ShapingOps.gather(x, indices, gdn, sizes,
        q.get("mode", org.jaxpresso.lax.GatherScatterMode.class), 0,
        q.getBoolean("indices_are_sorted"), q.getBoolean("unique_indices"));
  }

  /**
   * {@code scatter} (overwrite). The reference scatter is deterministic (the last of duplicate
   * updates wins), so the tangent is the same scatter of the tangents; its transpose gives each
   * update the cotangent of the element it won (found by scattering update ids and gathering
   * them back, as JAX's {@code _scatter_jvp} does) and the operand the cotangent of the
   * elements no update overwrote.
   */
  private static void overwriteScatter() {
    Primitive s = Scatter.SCATTER;
    s.defineJvp((p, ts, q) -> {
      NDArray out = s.bind(p, q).get(0);
      NDArray to = ts.get(0) != null ? ts.get(0) : zeros(p.get(0).aval());
      NDArray tu = ts.get(2) != null ? ts.get(2) : zeros(p.get(2).aval());
      return Primitive.JvpResult.of(out, s.bind(List.of(to, p.get(1), tu), q).get(0));
    }).defineTranspose((ct, args, avals, q) -> {
      if (args.get(1) == null) {
        throw new IllegalArgumentException("scatter: indices cannot be linear");
      }
      NDArray c = ct.get(0);
      NDArray opCt = null;
      if (args.get(0) == null) {
        opCt = s.bind(List.of(c, args.get(1), zeros(avals.get(2).withWeakType(
            c.aval().weakType()))), q).get(0);
      }
      NDArray updCt = null;
      if (args.get(2) == null) {
        ShapedArray ua = avals.get(2);
        int n = Math.toIntExact(ua.size());
        NDArray ids = Lax.add(Lax.reshape(Lax.iota(DType.INT32, n), ua.shape().dims()),
            Array.scalar(1, DType.INT32));
        NDArray slots = RuleSupport.zeros(avals.get(0).withDType(DType.INT32)
            .withWeakType(false));
        Params iq = q.with("update_jaxpr", null);
        NDArray won = gatherBack(s.bind(List.of(slots, args.get(1), ids), iq).get(0),
            args.get(1), ua, q);
        NDArray back = gatherBack(c, args.get(1), ua, q);
        updCt = Lax.selectN(Lax.eq(won, ids), zeros(back.aval()), back);
      }
      return Arrays.asList(opCt, null, updCt);
    });
  }

  /**
   * {@code scatter-mul}: linear in the operand (a scaling by the scattered products); the
   * updates' derivative is JAX's, defined for unique indices only.
   */
  private static void scatterMul() {
    Primitive s = Scatter.SCATTER_MUL;
    s.defineJvp((p, ts, q) -> {
      NDArray out = s.bind(p, q).get(0);
      NDArray t = null;
      if (ts.get(0) != null) {
        t = s.bind(List.of(ts.get(0), p.get(1), p.get(2)), q).get(0);
      }
      if (ts.get(2) != null) {
        if (!q.getBoolean("unique_indices")) {
          throw new UnsupportedOperationException(
              "scatter_mul gradients are only implemented if `unique_indices=True`");
        }
        NDArray z = zeros(p.get(0).aval());
        NDArray spread = org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-add",
            z, p.get(1), ts.get(2), q.get("dimension_numbers", ScatterDimensionNumbers.class),
            q.get("mode", org.jaxpresso.lax.GatherScatterMode.class),
            q.getBoolean("indices_are_sorted"), true);
        t = RuleSupport.addT(t, Lax.mul(p.get(0), spread));
      }
      return Primitive.JvpResult.of(out, t);
    }).defineTranspose((ct, args, avals, q) -> {
      if (args.get(0) != null || args.get(2) == null || args.get(1) == null) {
        throw new IllegalArgumentException("scatter-mul: only the operand can be linear");
      }
      return Arrays.asList(s.bind(List.of(ct.get(0), args.get(1), args.get(2)), q).get(0),
          null, null);
    });
  }

  /**
   * {@code scatter-min/max}: each output element's tangent is the average of the tangents of
   * the values that tie for the extremum there (the operand's and the updates' that landed on
   * it), consistent with {@code max}'s balanced rule.
   */
  private static void extremalScatter(Primitive s) {
    s.defineJvp((p, ts, q) -> {
      NDArray x = p.get(0);
      NDArray idx = p.get(1);
      NDArray y = p.get(2);
      NDArray out = s.bind(p, q).get(0);
      DType d = out.aval().dtype();
      ScatterDimensionNumbers dn = q.get("dimension_numbers", ScatterDimensionNumbers.class);
      org.jaxpresso.lax.GatherScatterMode mode =
          q.get("mode", org.jaxpresso.lax.GatherScatterMode.class);
      NDArray xw = RuleSupport.convert(Lax.eq(x, out), d);
      NDArray yw = RuleSupport.convert(Lax.eq(y, gatherBack(out, idx, y.aval(), q)), d);
      NDArray z = zeros(x.aval().withWeakType(false));
      NDArray n = Lax.add(xw, org.jaxpresso.lax.internal.shaping.ShapingOps.scatter(
          "scatter-add", z, idx, yw, dn, mode, false, false));
      NDArray num = null;
      if (ts.get(0) != null) {
        num = Lax.mul(xw, ts.get(0));
      }
      if (ts.get(2) != null) {
        num = RuleSupport.addT(num, org.jaxpresso.lax.internal.shaping.ShapingOps.scatter(
            "scatter-add", z, idx, Lax.mul(yw, ts.get(2)), dn, mode, false, false));
      }
      return Primitive.JvpResult.of(out, Lax.div(num, n));
    });
  }
}
