package org.jaxpresso.lax.primitives;

import org.jaxpresso.lax.internal.DTypeSet;
import java.util.List;
import java.util.Set;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.ScatterDimensionNumbers;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.internal.shaping.Layout;

/**
 * The scatter family: {@code scatter} (last write wins), {@code scatter-add},
 * {@code scatter-mul}, {@code scatter-min}, {@code scatter-max} and {@code scatter-sub}
 * (duplicates combine in row-major update order). Params {@code dimension_numbers
 * indices_are_sorted mode unique_indices update_consts update_jaxpr}. Mode CLIP clamps each
 * window into bounds; FILL_OR_DROP and PROMISE_IN_BOUNDS drop windows that are partly out of
 * bounds, as XLA does.
 */
public final class Scatter {
  private Scatter() {}

  /** How an update combines with the operand element it lands on. */
  enum Combiner {
    REPLACE(null, DTypeSet.ANY),
    ADD("add", DTypeSet.NUM),
    MUL("mul", DTypeSet.NUM),
    MIN("min", DTypeSet.ANY),
    MAX("max", DTypeSet.ANY),
    SUB("sub", DTypeSet.NUM);

    final String laxName;
    final DTypeSet accepted;

    Combiner(String laxName, DTypeSet accepted) {
      this.laxName = laxName;
      this.accepted = accepted;
    }
  }

  /** {@code scatter}: overwrites; for duplicate indices the last update wins. */
  public static final Primitive SCATTER = declare("scatter", Combiner.REPLACE);

  /** {@code scatter-add}. */
  public static final Primitive SCATTER_ADD = declare("scatter-add", Combiner.ADD);

  /** {@code scatter-mul}. */
  public static final Primitive SCATTER_MUL = declare("scatter-mul", Combiner.MUL);

  /** {@code scatter-min} (NaN-propagating on floats). */
  public static final Primitive SCATTER_MIN = declare("scatter-min", Combiner.MIN);

  /** {@code scatter-max} (NaN-propagating on floats). */
  public static final Primitive SCATTER_MAX = declare("scatter-max", Combiner.MAX);

  /** {@code scatter-sub}: {@code operand - update}. */
  public static final Primitive SCATTER_SUB = declare("scatter-sub", Combiner.SUB);

  static Primitive declare(String name, Combiner c) {
    return Primitive.builder(name)
        .family("shaping")
        .abstractEval((avals, p) -> List.of(rule(name, c, avals, p)))
        .impl((args, p) -> List.of(impl(name, c, args, p)))
        .build();
  }

  static String t(int[] a) {
    return Gather.t(a);
  }

  /** JAX's {@code _scatter_shape_rule} and dtype rule; weak type from the operand. */
  static ShapedArray rule(String name, Combiner c, List<ShapedArray> avals, Params p) {
    Shaping.checkArity(name, avals.size(), 3);
    ShapedArray operand = avals.get(0);
    ShapedArray indices = avals.get(1);
    ShapedArray updates = avals.get(2);
    ScatterDimensionNumbers dn = p.get("dimension_numbers", ScatterDimensionNumbers.class);
    int[] uwd = dn.updateWindowDims();
    int[] iwd = dn.insertedWindowDims();
    int[] obd = dn.operandBatchingDims();
    int[] sibd = dn.scatterIndicesBatchingDims();
    int[] sdod = dn.scatterDimsToOperandDims();
    int rankI = indices.rank();
    int rankO = operand.rank();
    int ivd = rankI - 1;
    if (ivd < 0) {
      throw new JaxTypeError("Scatter index leaf dimension must be within [0, rank(indices) + 1)."
          + " rank(indices) is " + rankI + " and scatter index leaf dimension is " + ivd + ".");
    }
    int expectedRank = rankI - 1 + uwd.length;
    if (updates.rank() != expectedRank) {
      throw new JaxTypeError("Updates tensor must be of rank " + expectedRank + "; got "
          + updates.rank() + ".");
    }
    Gather.isSorted(uwd, "scatter", "update_window_dims");
    Gather.noDuplicateDims(uwd, "scatter", "update_window_dims");
    Gather.sortedDimsInRange(uwd, updates.rank(), "scatter", "update_window_dims");
    Gather.isSorted(iwd, "scatter", "inserted_window_dims");
    Gather.noDuplicateDims(iwd, "scatter", "inserted_window_dims");
    Gather.sortedDimsInRange(iwd, rankO, "scatter", "inserted_window_dims");
    Gather.isSorted(obd, "scatter", "operand_batching_dims");
    Gather.noDuplicateDims(obd, "scatter", "operand_batching_dims");
    Gather.sortedDimsInRange(obd, rankO, "scatter", "operand_batching_dims");
    Gather.disjointDims(iwd, obd, "scatter", "inserted_window_dims", "operand_batching_dims");
    Gather.disjointDims(sdod, obd, "scatter", "scatter_dims_to_operand_dims",
        "operand_batching_dims");
    Gather.noDuplicateDims(sibd, "scatter", "scatter_indices_batching_dims");
    Gather.dimsInRange(sibd, rankI, "scatter", "scatter_indices_batching_dims");
    if (Layout.contains(sibd, ivd)) {
      throw new JaxTypeError("Scatter op cannot have the index vector dimension as a batching "
          + "dimension; got " + t(sibd) + ".");
    }
    if (obd.length != sibd.length) {
      throw new JaxTypeError("Scatter op requires equal numbers of operand_batching_dims and "
          + "scatter_indices_batching_dims, got " + t(obd) + " and " + t(sibd) + ".");
    }
    Gather.checkBatchShapes("Scatter", "indices", operand, indices, obd, sibd);
    int windowSize = uwd.length + iwd.length + obd.length;
    if (rankO != windowSize) {
      throw new JaxTypeError("Scatter op has window of size " + windowSize + "; doesn't match "
          + "operand of rank " + rankO + ".");
    }
    if (sdod.length != indices.shape().dim(ivd)) {
      throw new JaxTypeError("Scatter op has " + sdod.length + " elements in "
          + "scatter_dims_to_operand_dims and the bound of dimension index_vector_dim=" + ivd
          + " of indices is " + indices.shape().dim(ivd) + ". These two numbers must be equal");
    }
    for (int i = 0; i < sdod.length; i++) {
      if (sdod[i] < 0 || sdod[i] >= rankO) {
        throw new JaxTypeError("Invalid scatter_dims_to_operand_dims mapping; domain is [0, "
            + rankO + "), got: " + i + "->" + sdod[i] + ".");
      }
    }
    Gather.noDuplicateDims(sdod, "scatter", "scatter_dims_to_operand_dims");
    int[] window = Layout.complement(rankO, iwd, obd);
    for (int i = 0; i < uwd.length; i++) {
      int ub = updates.shape().dim(uwd[i]);
      int ob = operand.shape().dim(window[i]);
      if (ob < ub) {
        throw new JaxTypeError("Bounds of the window dimensions of updates must not exceed the "
            + "bounds of the corresponding dimensions of operand. For dimension " + uwd[i]
            + ", updates bound is " + ub + ", operand bound is " + ob + ".");
      }
    }
    int seen = 0;
    for (int i = 0; i < updates.rank(); i++) {
      if (Layout.contains(uwd, i)) {
        continue;
      }
      int ub = updates.shape().dim(i);
      int ib = indices.shape().dim(seen);
      if (ub != ib) {
        throw new JaxTypeError("Bounds of the scatter dimensions of updates must be the same as "
            + "the bounds of the corresponding dimensions of scatter indices. For scatter "
            + "dimension " + i + ", updates bound is " + ub + ", indices bound is " + ib + ".");
      }
      seen++;
    }
    Gather.checkIndicesDtype(indices);
    LaxSupport.checkSameDtypes("scatter", List.of(operand, updates));
    if (c.laxName != null) {
      c.accepted.check(c.laxName, operand);
    }
    return operand;
  }

  static Array impl(String name, Combiner c, List<Array> args, Params p) {
    ShapedArray out = rule(name, c, LaxSupport.avals(args), p);
    Array operand = args.get(0);
    Array indices = args.get(1);
    Array updates = args.get(2);
    ScatterDimensionNumbers dn = p.get("dimension_numbers", ScatterDimensionNumbers.class);
    GatherScatterMode mode = p.get("mode", GatherScatterMode.class);
    int[] uwd = dn.updateWindowDims();
    int[] sdod = dn.scatterDimsToOperandDims();
    int[] obd = dn.operandBatchingDims();
    int[] sibd = dn.scatterIndicesBatchingDims();
    int[] opShape = operand.aval().shape().dims();
    int[] idxShape = indices.aval().shape().dims();
    int[] upShape = updates.aval().shape().dims();
    int[] opStrides = Layout.strides(opShape);
    int[] idxStrides = Layout.strides(idxShape);
    int[] window = Layout.complement(opShape.length, dn.insertedWindowDims(), obd);
    int[] scatterDims = Layout.complement(upShape.length, uwd, new int[0]);
    int[] windowSize = new int[opShape.length];
    java.util.Arrays.fill(windowSize, 1);
    for (int k = 0; k < uwd.length; k++) {
      windowSize[window[k]] = upShape[uwd[k]];
    }
    HostBuffer res = operand.host().copy();
    HostBuffer upd = updates.host();
    HostBuffer idx = indices.host();
    int vecStride = idxStrides[idxShape.length - 1];
    int n = Layout.size(upShape);
    int[] u = new int[upShape.length];
    int[] start = new int[opShape.length];
    for (int i = 0; i < n; i++) {
      int idxBase = 0;
      for (int j = 0; j < scatterDims.length; j++) {
        idxBase += u[scatterDims[j]] * idxStrides[j];
      }
      java.util.Arrays.fill(start, 0);
      boolean valid = true;
      for (int k = 0; k < sdod.length; k++) {
        int d = sdod[k];
        long v = Layout.index(idx, idxBase + k * vecStride);
        long hi = opShape[d] - windowSize[d];
        if (mode == GatherScatterMode.CLIP) {
          v = Layout.clamp(v, 0, hi);
        } else if (v < 0 || v > hi) {
          valid = false;
        }
        start[d] = (int) Layout.clamp(v, 0, hi);
      }
      if (valid) {
        for (int k = 0; k < obd.length; k++) {
          start[obd[k]] = u[scatterDims[sibd[k]]];
        }
        int dst = 0;
        for (int d = 0; d < opShape.length; d++) {
          dst += start[d] * opStrides[d];
        }
        for (int k = 0; k < uwd.length; k++) {
          dst += u[uwd[k]] * opStrides[window[k]];
        }
        combine(c, res, dst, upd, i);
      }
      Layout.next(u, upShape);
    }
    return Array.wrap(out, res);
  }

  /** {@code res[dst] = res[dst] (op) upd[src]}, in the dtype's arithmetic. */
  static void combine(Combiner c, HostBuffer res, int dst, HostBuffer upd, int src) {
    DType d = res.dtype();
    if (c == Combiner.REPLACE) {
      res.copyElement(upd, src, dst);
      return;
    }
    if (d.isFloating()) {
      double a = res.getDouble(dst);
      double b = upd.getDouble(src);
      double r = switch (c) {
        case ADD -> a + b;
        case MUL -> a * b;
        case SUB -> a - b;
        case MIN -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
        case MAX -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
        case REPLACE -> b;
      };
      res.setDouble(dst, r);
    } else {
      long a = res.getLong(dst);
      long b = upd.getLong(src);
      boolean u64 = d == DType.UINT64;
      long r = switch (c) {
        case ADD -> a + b;
        case MUL -> a * b;
        case SUB -> a - b;
        case MIN -> (u64 ? Long.compareUnsigned(a, b) : Long.compare(a, b)) <= 0 ? a : b;
        case MAX -> (u64 ? Long.compareUnsigned(a, b) : Long.compare(a, b)) >= 0 ? a : b;
        case REPLACE -> b;
      };
      res.setLong(dst, r);
    }
  }

  static {
    Primitive.addRuleLoader(GatherRules::register);
  }
}
