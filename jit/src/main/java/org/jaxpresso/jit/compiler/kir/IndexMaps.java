package org.jaxpresso.jit.compiler.kir;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.jaxpr.Eqn;

/**
 * The operand index of each index-map primitive as a function of its output index (see {@link
 * KernelEmitter} for the rules).
 */
final class IndexMaps {
  private IndexMaps() {}

  /**
   * The index of an elementwise operand of shape {@code in} (same rank as the result, shape
   * {@code out}) read at the result's index {@code idx}: the constant 0 along each dimension where
   * the operand has size 1 and the result does not (lax's size-1 broadcasting), {@code idx}
   * elsewhere. Index expressions compose, so the 0 reaches the loads through fused producers.
   */
  static List<IndexExpr> elementwiseOperand(int[] in, int[] out, List<IndexExpr> idx) {
    List<IndexExpr> src = null;
    for (int d = 0; d < in.length; d++) {
      if (in[d] == 1 && out[d] != 1) {
        if (src == null) {
          src = new ArrayList<>(idx);
        }
        src.set(d, IndexExpr.constant(0));
      }
    }
    return src == null ? idx : src;
  }

  static List<IndexExpr> broadcast(Eqn e, List<IndexExpr> idx) {
    int[] in = e.inputs().get(0).aval().shape().dims();
    int[] bd = e.params().ints("broadcast_dimensions");
    List<IndexExpr> src = new ArrayList<>(in.length);
    for (int d = 0; d < in.length; d++) {
      src.add(in[d] == 1 ? IndexExpr.constant(0) : idx.get(bd[d]));
    }
    return src;
  }

  static List<IndexExpr> transpose(Eqn e, List<IndexExpr> idx) {
    int[] perm = e.params().ints("permutation");
    IndexExpr[] src = new IndexExpr[perm.length];
    for (int k = 0; k < perm.length; k++) {
      src[perm[k]] = idx.get(k);
    }
    return List.of(src);
  }

  static List<IndexExpr> squeeze(Eqn e, List<IndexExpr> idx) {
    int rank = e.inputs().get(0).aval().rank();
    boolean[] removed = new boolean[rank];
    for (int d : e.params().ints("dimensions")) {
      removed[d] = true;
    }
    List<IndexExpr> src = new ArrayList<>(rank);
    int k = 0;
    for (int d = 0; d < rank; d++) {
      src.add(removed[d] ? IndexExpr.constant(0) : idx.get(k++));
    }
    return src;
  }

  static List<IndexExpr> rev(Eqn e, List<IndexExpr> idx) {
    int[] in = e.inputs().get(0).aval().shape().dims();
    List<IndexExpr> src = new ArrayList<>(idx);
    for (int d : e.params().ints("dimensions")) {
      src.set(d, IndexExpr.add(IndexExpr.scale(idx.get(d), -1), in[d] - 1));
    }
    return src;
  }

  static List<IndexExpr> slice(Eqn e, List<IndexExpr> idx) {
    int[] start = e.params().ints("start_indices");
    int[] strides = e.params().has("strides") ? e.params().ints("strides") : null;
    List<IndexExpr> src = new ArrayList<>(start.length);
    for (int d = 0; d < start.length; d++) {
      int s = strides == null ? 1 : strides[d];
      src.add(IndexExpr.add(IndexExpr.scale(idx.get(d), s), start[d]));
    }
    return src;
  }

  static List<IndexExpr> reshape(Eqn e, List<IndexExpr> idx) {
    int[] in = e.inputs().get(0).aval().shape().dims();
    int[] out = e.outputs().get(0).aval().shape().dims();
    List<Integer> inBig = nonUnit(in);
    List<Integer> outBig = nonUnit(out);
    List<IndexExpr> src = new ArrayList<>(in.length);
    if (dimsOf(in, inBig).equals(dimsOf(out, outBig))) {
      int k = 0;
      for (int d = 0; d < in.length; d++) {
        src.add(in[d] == 1 ? IndexExpr.constant(0) : idx.get(outBig.get(k++)));
      }
      return src;
    }
    IndexExpr flat = IndexExpr.constant(0);
    long stride = 1;
    for (int k = out.length - 1; k >= 0; k--) {
      flat = IndexExpr.add(IndexExpr.scale(idx.get(k), stride), flat);
      stride *= out[k];
    }
    long total = stride;
    long inStride = total;
    for (int d = 0; d < in.length; d++) {
      long outer = inStride;
      inStride = in[d] == 0 ? 0 : inStride / in[d];
      IndexExpr q = inStride == 0 ? IndexExpr.constant(0) : IndexExpr.floorDiv(flat, inStride);
      // flat < outer, so flat // inStride < in[d] for the first dimension (and the rest
      // need the mod only when the quotient can exceed the dimension).
      long bound = d == 0 ? in[d] : (outer == total ? in[d] : Long.MAX_VALUE);
      src.add(in[d] <= 1 ? IndexExpr.constant(0) : IndexExpr.mod(q, in[d], bound));
    }
    return src;
  }

  private static List<Integer> nonUnit(int[] dims) {
    List<Integer> out = new ArrayList<>();
    for (int d = 0; d < dims.length; d++) {
      if (dims[d] != 1) {
        out.add(d);
      }
    }
    return out;
  }

  private static List<Integer> dimsOf(int[] dims, List<Integer> axes) {
    List<Integer> out = new ArrayList<>();
    for (int a : axes) {
      out.add(dims[a]);
    }
    return out;
  }
}
