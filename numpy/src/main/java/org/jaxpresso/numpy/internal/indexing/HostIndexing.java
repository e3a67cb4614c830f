package org.jaxpresso.numpy.internal.indexing;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;

/**
 * Index computations on concrete masks, done on the host as JAX does with {@code np.where}
 * when it expands a concrete boolean mask (the result's size depends on the data).
 */
final class HostIndexing {
  private HostIndexing() {}

  /** The int32 coordinate arrays of the true elements of a concrete array, row-major order. */
  static List<Array> nonzero(Array mask) {
    int[] shape = mask.shape();
    int n = mask.size();
    int count = 0;
    boolean[] truth = new boolean[n];
    for (int i = 0; i < n; i++) {
      truth[i] = mask.dtype().isBool() ? mask.getBoolean(i)
          : mask.dtype().isFloating() ? mask.getDouble(i) != 0 : mask.getLong(i) != 0;
      if (truth[i]) {
        count++;
      }
    }
    long[][] coords = new long[shape.length][count];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!truth[i]) {
        continue;
      }
      int rem = i;
      for (int d = shape.length - 1; d >= 0; d--) {
        coords[d][k] = rem % shape[d];
        rem /= shape[d];
      }
      k++;
    }
    List<Array> out = new ArrayList<>();
    for (long[] c : coords) {
      out.add(Array.fromLongs(DType.INT32, c, count));
    }
    return out;
  }
}
