package org.jaxpresso.lax.internal;

import org.jaxpresso.core.Shape;

/**
 * Index arithmetic for reference kernels: row-major walks over an output shape that read
 * operands through broadcast strides (stride 0 on size-1 or missing dimensions).
 */
public final class Broadcast {
  private Broadcast() {}

  /**
   * Element strides to read an operand of shape {@code in} (rank equal to {@code out}'s, or 0)
   * at each index of {@code out}: 0 where the operand has size 1 (or is 0-d).
   *
   * @param in the operand's shape
   * @param out the result shape
   * @return the element strides to read an operand of shape {@code in} (rank equal to {@code
   *     out}'s, or 0) at each index of {@code out}
   */
  public static long[] strides(Shape in, Shape out) {
    long[] s = new long[out.rank()];
    if (in.rank() == 0) {
      return s;
    }
    long[] inStrides = in.strides();
    for (int d = 0; d < out.rank(); d++) {
      s[d] = in.dim(d) == 1 ? 0 : inStrides[d];
    }
    return s;
  }

  /**
   * For each flat output index, the flat index into each operand: {@code result[k][i]} is the
   * index into operand {@code k} for output element {@code i}.
   *
   * @param out the result shape
   * @param ins the operands' shapes
   * @return for each flat output index, the flat index into each operand
   */
  public static int[][] indexMaps(Shape out, Shape... ins) {
    int n = Math.toIntExact(out.size());
    int rank = out.rank();
    int[][] maps = new int[ins.length][n];
    long[][] strides = new long[ins.length][];
    for (int k = 0; k < ins.length; k++) {
      strides[k] = strides(ins[k], out);
    }
    int[] idx = new int[rank];
    long[] pos = new long[ins.length];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < ins.length; k++) {
        maps[k][i] = (int) pos[k];
      }
      // increment the multi-index, updating operand positions
      for (int d = rank - 1; d >= 0; d--) {
        idx[d]++;
        for (int k = 0; k < ins.length; k++) {
          pos[k] += strides[k][d];
        }
        if (idx[d] < out.dim(d)) {
          break;
        }
        for (int k = 0; k < ins.length; k++) {
          pos[k] -= strides[k][d] * out.dim(d);
        }
        idx[d] = 0;
      }
    }
    return maps;
  }
}
