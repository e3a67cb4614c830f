package org.jaxpresso.lax.primitives;

import static org.jaxpresso.lax.primitives.RuleSupport.NM;
import static org.jaxpresso.lax.primitives.RuleSupport.batchFirst;
import static org.jaxpresso.lax.primitives.RuleSupport.batchSize;
import static org.jaxpresso.lax.primitives.RuleSupport.linearJvp;
import static org.jaxpresso.lax.primitives.RuleSupport.moveAxis;
import static org.jaxpresso.lax.primitives.RuleSupport.prepend;
import static org.jaxpresso.lax.primitives.RuleSupport.shift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.Lax;

/**
 * JVP, transpose and batching rules of {@link Shaping} and the static {@code slice} of {@link
 * Slicing}: every one of them is linear, so the JVP applies the primitive to the tangent and
 * the transpose moves the cotangent back (reduce_sum for broadcasts, the inverse permutation,
 * slices for concatenate, pad and slice swapped).
 */
final class ShapingRules {
  private ShapingRules() {}

  private static boolean done;

  /** Attaches every rule (once). */
  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    for (Primitive p : List.of(Shaping.BROADCAST_IN_DIM, Shaping.RESHAPE, Shaping.TRANSPOSE,
        Shaping.SQUEEZE, Shaping.REV, Shaping.CONCATENATE, Shaping.PAD, Slicing.SLICE)) {
      p.defineJvp(linearJvp(p));
    }
    Shaping.BROADCAST_IN_DIM.defineTranspose((ct, args, avals, q) -> {
      int[] s = avals.get(0).shape().dims();
      int[] bd = q.ints("broadcast_dimensions");
      int[] out = ct.get(0).aval().shape().dims();
      List<Integer> sum = new ArrayList<>();
      for (int d = 0; d < out.length; d++) {
        int k = indexOf(bd, d);
        if (k < 0 || (s[k] == 1 && out[d] != 1)) {
          sum.add(d);
        }
      }
      NDArray r = Lax.reduceSum(ct.get(0), sum.stream().mapToInt(Integer::intValue).toArray());
      return List.of(Lax.reshape(r, s));
    }).defineBatch((vals, dims, q) -> {
      NDArray x = moveAxis(vals.get(0), dims[0], 0);
      int b = x.aval().shape().dim(0);
      return Primitive.BatchResult.of(Lax.broadcastInDim(x, prepend(b, q.ints("shape")),
          prepend(0, shift(q.ints("broadcast_dimensions"), 1))), 0);
    });
    Shaping.RESHAPE.defineTranspose((ct, args, avals, q) -> {
      int[] dimensions = q.ints("dimensions");
      if (dimensions == null) {
        return List.of(Lax.reshape(ct.get(0), avals.get(0).shape().dims()));
      }
      int[] permuted = new int[dimensions.length];
      for (int i = 0; i < dimensions.length; i++) {
        permuted[i] = avals.get(0).shape().dim(dimensions[i]);
      }
      return List.of(Lax.transpose(Lax.reshape(ct.get(0), permuted), inverse(dimensions)));
    }).defineBatch((vals, dims, q) -> {
      NDArray x = moveAxis(vals.get(0), dims[0], 0);
      int[] dimensions = q.ints("dimensions");
      if (dimensions != null) {
        x = Lax.transpose(x, prepend(0, shift(dimensions, 1)));
      }
      return Primitive.BatchResult.of(
          Lax.reshape(x, prepend(x.aval().shape().dim(0), q.ints("new_sizes"))), 0);
    });
    Shaping.TRANSPOSE.defineTranspose((ct, args, avals, q) ->
        List.of(Lax.transpose(ct.get(0), inverse(q.ints("permutation")))))
        .defineBatch((vals, dims, q) -> Primitive.BatchResult.of(
            Lax.transpose(moveAxis(vals.get(0), dims[0], 0),
                prepend(0, shift(q.ints("permutation"), 1))), 0));
    Shaping.SQUEEZE.defineTranspose((ct, args, avals, q) ->
        List.of(Lax.reshape(ct.get(0), avals.get(0).shape().dims())))
        .defineBatch((vals, dims, q) -> {
          NDArray x = moveAxis(vals.get(0), dims[0], 0);
          int r = x.aval().rank() - 1;
          int[] d = q.ints("dimensions").clone();
          for (int i = 0; i < d.length; i++) {
            d[i] = (d[i] < 0 ? d[i] + r : d[i]) + 1;
          }
          return Primitive.BatchResult.of(Lax.squeeze(x, d), 0);
        });
    Shaping.REV.defineTranspose((ct, args, avals, q) ->
        List.of(Lax.rev(ct.get(0), q.ints("dimensions"))))
        .defineBatch((vals, dims, q) -> Primitive.BatchResult.of(
            Lax.rev(moveAxis(vals.get(0), dims[0], 0), shift(q.ints("dimensions"), 1)), 0));
    concatenate();
    pad();
    slice();
  }

  private static void concatenate() {
    Shaping.CONCATENATE.defineTranspose((ct, args, avals, q) -> {
      int dim = q.getInt("dimension");
      int[] shape = ct.get(0).aval().shape().dims();
      List<NDArray> res = new ArrayList<>();
      int offset = 0;
      for (int i = 0; i < avals.size(); i++) {
        int n = avals.get(i).shape().dim(dim);
        if (args.get(i) == null) {
          int[] start = new int[shape.length];
          int[] limit = shape.clone();
          start[dim] = offset;
          limit[dim] = offset + n;
          res.add(Lax.slice(ct.get(0), start, limit));
        } else {
          res.add(null);
        }
        offset += n;
      }
      return res;
    }).defineBatch((vals, dims, q) -> {
      int size = batchSize(vals, dims);
      List<NDArray> xs = new ArrayList<>();
      for (int i = 0; i < vals.size(); i++) {
        xs.add(batchFirst(vals.get(i), dims[i], size));
      }
      return Primitive.BatchResult.of(Lax.concatenate(xs, q.getInt("dimension") + 1), 0);
    });
  }

  private static void pad() {
    Shaping.PAD.defineTranspose((ct, args, avals, q) -> {
      int[][] cfg = q.intPairs("padding_config");
      NDArray t = ct.get(0);
      int r = t.aval().rank();
      NDArray operandCt = null;
      if (args.get(0) == null) {
        int[][] unpad = new int[r][];
        int[] strides = new int[r];
        for (int d = 0; d < r; d++) {
          unpad[d] = new int[] {-cfg[d][0], -cfg[d][1], 0};
          strides[d] = cfg[d][2] + 1;
        }
        NDArray unpadded = Lax.pad(t, Array.scalar(0, t.aval().dtype()), unpad);
        operandCt = Lax.slice(unpadded, new int[r], unpadded.aval().shape().dims(), strides);
      }
      NDArray padCt = null;
      if (args.get(1) == null) {
        NDArray total = Lax.reduceSum(t, RuleSupport.range(0, r));
        padCt = operandCt == null ? total
            : Lax.sub(total, Lax.reduceSum(operandCt, RuleSupport.range(0, r)));
      }
      return Arrays.asList(operandCt, padCt);
    }).defineBatch((vals, dims, q) -> {
      int[][] cfg = q.intPairs("padding_config");
      int[][] full = new int[cfg.length + 1][];
      full[0] = new int[] {0, 0, 0};
      System.arraycopy(cfg, 0, full, 1, cfg.length);
      int size = batchSize(vals, dims);
      NDArray x = batchFirst(vals.get(0), dims[0], size);
      if (dims[1] == NM) {
        return Primitive.BatchResult.of(Lax.pad(x, vals.get(1), full), 0);
      }
      // A batched padding value: pad with any value, then select the padding value where a
      // padded mask of the operand's (unbatched) shape is false.
      NDArray v = vals.get(1);
      NDArray padded = Lax.pad(x, Array.scalar(0, x.aval().dtype()), full);
      int[] outShape = padded.aval().shape().dims();
      int[] inShape = RuleSupport.removeAt(x.aval().shape().dims(), 0);
      NDArray mask = Lax.pad(Lax.broadcastInDim(Array.scalar(true), inShape, new int[0]),
          Array.scalar(false), cfg);
      mask = Lax.broadcastInDim(mask, outShape, RuleSupport.range(1, outShape.length));
      NDArray vb = Lax.broadcastInDim(RuleSupport.moveAxis(v, dims[1], 0), outShape,
          new int[] {0});
      return Primitive.BatchResult.of(Lax.selectN(mask, vb, padded), 0);
    });
  }

  private static void slice() {
    Slicing.SLICE.defineTranspose((ct, args, avals, q) -> {
      int[] start = q.ints("start_indices");
      int[] strides = q.ints("strides");
      int[] in = avals.get(0).shape().dims();
      int[] out = ct.get(0).aval().shape().dims();
      int[][] pads = new int[in.length][];
      for (int d = 0; d < in.length; d++) {
        int s = strides == null ? 1 : strides[d];
        int realLimit = start[d] + (out[d] == 0 ? 0 : 1 + (out[d] - 1) * s);
        pads[d] = new int[] {start[d], in[d] - realLimit, s - 1};
      }
      NDArray t = ct.get(0);
      return List.of(Lax.pad(t, Array.scalar(0, t.aval().dtype()), pads));
    }).defineBatch((vals, dims, q) -> {
      NDArray x = moveAxis(vals.get(0), dims[0], 0);
      int b = x.aval().shape().dim(0);
      int[] strides = q.ints("strides");
      return Primitive.BatchResult.of(Lax.slice(x, prepend(0, q.ints("start_indices")),
          prepend(b, q.ints("limit_indices")), strides == null ? null : prepend(1, strides)), 0);
    });
  }

  static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }

  static int[] inverse(int[] perm) {
    int[] inv = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inv[perm[i]] = i;
    }
    return inv;
  }
}
