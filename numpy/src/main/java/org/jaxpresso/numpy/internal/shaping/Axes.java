package org.jaxpresso.numpy.internal.shaping;

import java.util.Arrays;
import org.jaxpresso.core.errors.JaxValueError;

/**
 * Axis arguments as JAX's {@code jnp} functions check them: {@code _canonicalize_axis} for one
 * axis and {@code _reduction_dims} for a tuple (out-of-range and repeated axes are errors in
 * JAX's words).
 */
public final class Axes {
  private Axes() {}

  /**
   * A possibly negative axis as an index in {@code [0, ndim)}.
   *
   * @param axis the axis to operate along; negative values count from the end
   * @param ndim the number of dimensions
   * @return a possibly negative axis as an index in {@code [0, ndim)}
   * @throws JaxValueError {@code axis 2 is out of bounds for array of dimension 2}
   */
  public static int canonicalize(int axis, int ndim) {
    if (axis < -ndim || axis >= ndim) {
      throw new JaxValueError("axis " + axis + " is out of bounds for array of dimension " + ndim);
    }
    return axis < 0 ? axis + ndim : axis;
  }

  /**
   * The reduction axes of an array of rank {@code ndim}: null means all; otherwise each is
   * canonicalized and the result sorted.
   *
   * @param axes the axes to operate along; negative values count from the end
   * @param ndim the number of dimensions
   * @return the reduction axes of an array of rank {@code ndim}
   * @throws JaxValueError on an out-of-range axis, or {@code duplicate value in 'axis': (0, 0)}
   */
  public static int[] reduction(int[] axes, int ndim) {
    if (axes == null) {
      int[] all = new int[ndim];
      for (int i = 0; i < ndim; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] out = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      out[i] = canonicalize(axes[i], ndim);
    }
    int[] sorted = out.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw new JaxValueError("duplicate value in 'axis': " + tuple(axes));
      }
    }
    return sorted;
  }

  /**
   * Python's tuple text of ints: {@code (1,)}, {@code (0, 1)}.
   *
   * @param values the integers
   * @return python's tuple text of ints: {@code (1,)}, {@code (0, 1)}
   */
  public static String tuple(int[] values) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      sb.append(i > 0 ? ", " : "").append(values[i]);
    }
    return sb.append(values.length == 1 ? ",)" : ")").toString();
  }
}
