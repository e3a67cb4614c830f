package org.jaxpresso.numpy.internal.shaping;

import java.util.Arrays;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.ReduceOptions;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * {@code jnp.median}: JAX's {@code _quantile} at q = 0.5 with the midpoint method and NaN
 * propagation. The quantile is static, so the two middle positions are static slices instead
 * of JAX's gathers; the primitives otherwise follow JAX (reduce_or of {@code ne x x}, select_n,
 * sort, add, mul by 0.5).
 */
public final class Median {
  private Median() {}

  /**
   * The median of the inexact array {@code a} with options.
   *
   * @param a the input array
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the median of the inexact array {@code a} with options
   * @throws org.jaxpresso.core.errors.JaxValueError for a bad or repeated axis
   */
  public static NDArray median(NDArray a, ReduceOptions o) {
    int nd = a.ndim();
    int[] axes = Axes.reduction(o.axes(), nd);
    int[] keepShape = a.shape();
    for (int ax : axes) {
      keepShape[ax] = 1;
    }
    int axis;
    if (o.axes() == null) {
      a = a.ndim() == 1 ? a : Lax.reshape(a, new int[] {a.size()});
      axis = 0;
    } else if (axes.length == 1) {
      axis = axes[0];
    } else {
      // Move the reduced axes last (as JAX's reshape with dimensions) and merge them.
      int[] perm = new int[nd];
      int[] shape = new int[nd - axes.length + 1];
      int k = 0;
      long merged = 1;
      for (int i = 0; i < nd; i++) {
        if (Arrays.binarySearch(axes, i) < 0) {
          shape[k] = a.shape()[i];
          perm[k++] = i;
        }
      }
      for (int ax : axes) {
        perm[k++] = ax;
        merged *= a.shape()[ax];
      }
      shape[shape.length - 1] = (int) merged;
      a = Lax.reshape(a, shape, perm);
      axis = shape.length - 1;
    }
    int n = a.shape()[axis];
    NDArray result;
    if (n == 0) {
      int[] out = a.shape();
      int[] rest = new int[out.length - 1];
      for (int i = 0, j = 0; i < out.length; i++) {
        if (i != axis) {
          rest[j++] = out[i];
        }
      }
      result = Lax.broadcastInDim(Array.scalar(Double.NaN, a.dtype()), rest, new int[0]);
    } else {
      NDArray anyNan = Lax.reduceOr(Lax.ne(a, a), axis);
      anyNan = Lax.expandDims(anyNan, axis);
      NDArray nan = Lax.broadcastInDim(Array.scalar(Double.NaN, a.dtype()), a.shape(), new int[0]);
      NDArray masked = Lax.selectN(Lax.broadcastInDim(anyNan, a.shape(), allBut(a.ndim())), a, nan);
      NDArray sorted = Lax.sort(masked, axis, true);
      int low = (int) Math.floor(0.5 * (n - 1));
      int high = (int) Math.ceil(0.5 * (n - 1));
      NDArray lo = Lax.squeeze(Lax.sliceInDim(sorted, low, low + 1, 1, axis), axis);
      NDArray hi = Lax.squeeze(Lax.sliceInDim(sorted, high, high + 1, 1, axis), axis);
      result = Lax.mul(Lax.add(lo, hi), Array.scalar(0.5, a.dtype()).withWeakType(false));
    }
    if (o.keepsDims()) {
      result = Lax.reshape(result, keepShape);
    }
    return NumpySupport.convert(result, a.dtype(), false);
  }

  private static int[] allBut(int rank) {
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = i;
    }
    return dims;
  }
}
