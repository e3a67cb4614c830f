package org.jaxpresso.lax.primitives;

import static org.jaxpresso.lax.primitives.RuleSupport.batchFirst;
import static org.jaxpresso.lax.primitives.RuleSupport.batchSize;
import static org.jaxpresso.lax.primitives.RuleSupport.moveAxis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.Lax;

/**
 * Rules of {@link Sorting}. The tangents of {@code sort} are the input tangents permuted as
 * the keys are, which is what sorting them as extra operands behind the same keys does; that
 * sort is linear in the extra operands, and its transpose applies the inverse permutation
 * (obtained by sorting the permutation itself, with the cotangent alongside). {@code top_k}'s
 * tangent picks the tangents at the returned indices (a one-hot contraction). Batching shifts
 * the dimension past a leading batch dimension.
 */
final class SortingRules {
  private SortingRules() {}

  private static boolean done;

  /** Attaches every rule (once). */
  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    Primitive sort = Sorting.SORT;
    sort.defineJvp((p, ts, q) -> {
      List<NDArray> out = sort.bind(p, q);
      int numKeys = q.getInt("num_keys");
      List<NDArray> args = new ArrayList<>(p.subList(0, numKeys));
      List<Integer> nz = new ArrayList<>();
      for (int i = 0; i < ts.size(); i++) {
        if (ts.get(i) != null) {
          nz.add(i);
          args.add(ts.get(i));
        }
      }
      List<NDArray> sorted = sort.bind(args, q);
      NDArray[] tangents = new NDArray[p.size()];
      for (int k = 0; k < nz.size(); k++) {
        tangents[nz.get(k)] = sorted.get(numKeys + k);
      }
      return new Primitive.JvpResult(out, Arrays.asList(tangents));
    }).defineTranspose((ct, args, avals, q) -> {
      int numKeys = q.getInt("num_keys");
      int dim = q.getInt("dimension");
      List<NDArray> keys = new ArrayList<>();
      for (int i = 0; i < numKeys; i++) {
        if (args.get(i) == null) {
          throw new IllegalArgumentException("sort: the keys of a linear sort must be known");
        }
        keys.add(args.get(i));
      }
      keys.add(Lax.broadcastedIota(DType.INT32, avals.get(0).shape().dims(), dim));
      NDArray perm = sort.bind(keys, q).get(numKeys);
      List<NDArray> res = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        if (args.get(i) != null) {
          res.add(null);
        } else {
          res.add(sort.bind(List.of(perm, ct.get(i)), q.with("num_keys", 1)).get(1));
        }
      }
      return res;
    }).defineBatch((vals, dims, q) -> {
      int size = batchSize(vals, dims);
      List<NDArray> a = new ArrayList<>();
      for (int i = 0; i < vals.size(); i++) {
        a.add(batchFirst(vals.get(i), dims[i], size));
      }
      List<NDArray> out = sort.bind(a, q.with("dimension", q.getInt("dimension") + 1));
      return new Primitive.BatchResult(out, new int[out.size()]);
    });
    Primitive topK = Sorting.TOP_K;
    topK.defineJvp((p, ts, q) -> {
      List<NDArray> out = topK.bind(p, q);
      NDArray t = ts.get(0);
      int rank = t.aval().rank();
      int axis = axis(q, rank);
      int n = t.aval().shape().dim(axis);
      NDArray idx = moveAxis(out.get(1), axis, rank - 1);
      NDArray tl = moveAxis(t, axis, rank - 1);
      int[] idxShape = idx.aval().shape().dims();
      int[] oh = Arrays.copyOf(idxShape, rank + 1);
      oh[rank] = n;
      NDArray onehot = RuleSupport.convert(Lax.eq(
          Lax.broadcastInDim(idx, oh, RuleSupport.range(0, rank)),
          Lax.broadcastedIota(idx.aval().dtype(), oh, rank)), t.aval().dtype());
      int[] tShape = Arrays.copyOf(tl.aval().shape().dims(), rank + 1);
      tShape[rank] = tShape[rank - 1];
      tShape[rank - 1] = idxShape[rank - 1];
      int[] tDims = RuleSupport.range(0, rank);
      tDims[rank - 1] = rank;
      NDArray tb = Lax.broadcastInDim(tl, tShape, tDims);
      NDArray picked = Lax.reduceSum(Lax.mul(onehot, tb), rank);
      return new Primitive.JvpResult(out, Arrays.asList(moveAxis(picked, rank - 1, axis), null));
    }).defineBatch((vals, dims, q) -> {
      NDArray x = moveAxis(vals.get(0), dims[0], 0);
      int axis = axis(q, x.aval().rank() - 1);
      List<NDArray> out = topK.bind(List.of(x), q.with("axis", axis + 1));
      return new Primitive.BatchResult(out, new int[out.size()]);
    });
  }

  private static int axis(Params q, int rank) {
    int a = q.getInt("axis");
    return a < 0 ? a + rank : a;
  }
}
