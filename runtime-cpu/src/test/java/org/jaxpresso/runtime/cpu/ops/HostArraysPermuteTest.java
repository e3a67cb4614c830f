package org.jaxpresso.runtime.cpu.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HostArrays#permute} against an element-by-element definition, over ranks 1-5, every
 * element type it copies, on the caller and split over the pool.
 */
class HostArraysPermuteTest {
  @Test
  void permutedCopiesMatchTheDefinition() {
    Random rnd = new Random(31);
    for (int trial = 0; trial < 300; trial++) {
      int rank = 1 + rnd.nextInt(5);
      int[] dims = new int[rank];
      long total = 1;
      for (int d = 0; d < rank; d++) {
        dims[d] = rank <= 2 ? rnd.nextInt(40) : 1 + rnd.nextInt(rank == 5 ? 5 : 19);
        total *= dims[d];
      }
      List<Integer> l = new ArrayList<>();
      for (int d = 0; d < rank; d++) {
        l.add(d);
      }
      Collections.shuffle(l, rnd);
      int[] order = l.stream().mapToInt(Integer::intValue).toArray();
      float[] f = new float[(int) total];
      double[] g = new double[(int) total];
      for (int i = 0; i < total; i++) {
        f[i] = i;
        g[i] = -i;
      }
      String what = java.util.Arrays.toString(dims) + " by " + java.util.Arrays.toString(order);
      assertArrayEquals(expected(f, dims, order), (float[]) HostArrays.permute(f, dims, order),
          what);
      float[] e = expected(f, dims, order);
      double[] ed = new double[e.length];
      for (int i = 0; i < e.length; i++) {
        ed[i] = g[(int) e[i]];
      }
      assertArrayEquals(ed, (double[]) HostArrays.permute(g, dims, order), what);
    }
  }

  @Test
  void largeCopiesSplitOverThePoolMatchTheDefinition() {
    // Past PARALLEL_PERMUTE elements: rows split over the pool, tasks starting mid-dimension.
    int[] dims = {3, 70, 41, 37};
    float[] f = new float[3 * 70 * 41 * 37];
    for (int i = 0; i < f.length; i++) {
      f[i] = i;
    }
    int[] ints = new int[f.length];
    long[] longs = new long[f.length];
    for (int i = 0; i < f.length; i++) {
      ints[i] = i;
      longs[i] = -i;
    }
    for (int[] order : new int[][] {{0, 3, 1, 2}, {0, 2, 3, 1}, {3, 2, 1, 0}, {1, 0, 3, 2}}) {
      float[] e = expected(f, dims, order);
      assertArrayEquals(e, (float[]) HostArrays.permute(f, dims, order),
          java.util.Arrays.toString(order));
      int[] ei = new int[e.length];
      long[] el = new long[e.length];
      for (int i = 0; i < e.length; i++) {
        ei[i] = (int) e[i];
        el[i] = -(long) e[i];
      }
      assertArrayEquals(ei, (int[]) HostArrays.permute(ints, dims, order));
      assertArrayEquals(el, (long[]) HostArrays.permute(longs, dims, order));
    }
  }

  /** Element i of the result, by decoding i over the permuted dims. */
  private static float[] expected(float[] src, int[] dims, int[] order) {
    int rank = dims.length;
    int[] stride = new int[rank];
    int s = 1;
    for (int d = rank - 1; d >= 0; d--) {
      stride[d] = s;
      s *= dims[d];
    }
    float[] out = new float[src.length];
    for (int i = 0; i < out.length; i++) {
      int rem = i;
      int at = 0;
      for (int d = rank - 1; d >= 0; d--) {
        int extent = dims[order[d]];
        at += rem % extent * stride[order[d]];
        rem /= extent;
      }
      out[i] = src[at];
    }
    return out;
  }
}
