package org.jaxpresso.numpy.internal.shaping;

import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.Jnp;
import org.jaxpresso.numpy.PadMode;
import org.jaxpresso.numpy.internal.NumpySupport;

/** The modes of {@code jnp.pad}, following JAX's {@code _pad_*} helpers. */
public final class Padder {
  private Padder() {}

  /**
   * JAX's {@code _broadcast_to_pairs} for Java widths: {@code {{b, a}}} or {@code {{p}}} for
   * every axis, or one row of one or two values per axis; then the negative-width check.
   *
   * @param widths the padding widths per axis
   * @param nd the number of dimensions
   * @return JAX's {@code _broadcast_to_pairs} for Java widths
   * @throws JaxValueError {@code jnp.pad: pad_width with nd=2 has unsupported shape (3, 2). ...}
   *     or {@code index can't contain negative values}
   */
  public static int[][] pairs(int[][] widths, int nd) {
    int rows = widths.length;
    int cols = rows == 0 ? 0 : widths[0].length;
    for (int[] w : widths) {
      if (w.length != cols) {
        throw new JaxValueError("`pad_width` entries must be the same shape.");
      }
    }
    if (!(rows == nd || rows == 1) || !(cols == 1 || cols == 2)) {
      throw new JaxValueError("jnp.pad: pad_width with nd=" + nd + " has unsupported shape ("
          + rows + ", " + cols + "). Valid shapes are (" + nd + ", 2), (1, 2), (2,), (1,), or ().");
    }
    int[][] out = new int[nd][2];
    for (int i = 0; i < nd; i++) {
      int[] w = widths[rows == 1 ? 0 : i];
      out[i][0] = w[0];
      out[i][1] = w[cols == 1 ? 0 : 1];
      if (out[i][0] < 0 || out[i][1] < 0) {
        throw new JaxValueError("index can't contain negative values");
      }
    }
    return out;
  }

  /**
   * One {@code pad} with the scalar {@code value} as x's dtype (and weak type).
   *
   * @param x the input array
   * @param pw the {@code {before, after}} widths of each axis
   * @param value the padding value
   * @return one {@code pad} with the scalar {@code value} as x's dtype (and weak type)
   */
  public static NDArray constant(NDArray x, int[][] pw, Object value) {
    if (x.ndim() == 0) {
      return x;
    }
    NDArray v = NumpySupport.asArray(value);
    if (v.ndim() != 0) {
      throw new JaxValueError("jnp.pad: constant_values must be a scalar here, got shape "
          + org.jaxpresso.core.Shape.tupleString(v.shape()));
    }
    NDArray c = NumpySupport.convert(value, x.dtype(), x.weakType());
    int[][] config = new int[pw.length][];
    for (int i = 0; i < pw.length; i++) {
      config[i] = new int[] {pw[i][0], pw[i][1], 0};
    }
    return Lax.pad(x, c, config);
  }

  private static void checkNoPadding(int[] p, PadMode mode) {
    if (p[0] > 0 || p[1] > 0) {
      throw new JaxValueError("Cannot apply '" + mode.numpyName() + "' padding to empty axis");
    }
  }

  /**
   * Edge values repeated ({@code _pad_edge}).
   *
   * @param x the input array
   * @param pw the {@code {before, after}} widths of each axis
   * @return edge values repeated ({@code _pad_edge})
   */
  public static NDArray edge(NDArray x, int[][] pw) {
    NDArray a = x;
    for (int i = 0; i < a.ndim(); i++) {
      int n = a.shape()[i];
      if (n == 0) {
        checkNoPadding(pw[i], PadMode.EDGE);
        continue;
      }
      NDArray before = Jnp.repeat(Lax.sliceInDim(a, 0, 1, 1, i), pw[i][0], i);
      NDArray after = Jnp.repeat(Lax.sliceInDim(a, n - 1, n, 1, i), pw[i][1], i);
      a = Lax.concatenate(List.of(before, a, after), i);
    }
    return a;
  }

  /**
   * Whole copies plus remainders ({@code _pad_wrap}).
   *
   * @param x the input array
   * @param pw the {@code {before, after}} widths of each axis
   * @return whole copies plus remainders ({@code _pad_wrap})
   */
  public static NDArray wrap(NDArray x, int[][] pw) {
    NDArray a = x;
    for (int i = 0; i < a.ndim(); i++) {
      int size = a.shape()[i];
      if (size == 0) {
        checkNoPadding(pw[i], PadMode.WRAP);
        continue;
      }
      int left = pw[i][0] % size;
      int right = pw[i][1] % size;
      int total = pw[i][0] / size + pw[i][1] / size + 1;
      java.util.ArrayList<NDArray> parts = new java.util.ArrayList<>();
      if (left > 0) {
        parts.add(Lax.sliceInDim(a, size - left, size, 1, i));
      }
      for (int k = 0; k < total; k++) {
        parts.add(a);
      }
      if (right > 0) {
        parts.add(Lax.sliceInDim(a, 0, right, 1, i));
      }
      a = Lax.concatenate(parts, i);
    }
    return a;
  }

  /**
   * Mirror images, with or without the edge ({@code _pad_symmetric_or_reflect}, even type).
   *
   * @param x the input array
   * @param pw the {@code {before, after}} widths of each axis
   * @param mode how out-of-bounds indices are handled
   * @return mirror images, with or without the edge ({@code _pad_symmetric_or_reflect}, even type)
   */
  public static NDArray reflect(NDArray x, int[][] pw, PadMode mode) {
    NDArray a = x;
    for (int i = 0; i < a.ndim(); i++) {
      int n = a.shape()[i];
      if (n == 0) {
        checkNoPadding(pw[i], mode);
        continue;
      }
      int offset = mode == PadMode.REFLECT && n > 1 ? 1 : 0;
      a = build(a, i, n, offset, pw[i][0], true, mode);
      a = build(a, i, n, offset, pw[i][1], false, mode);
    }
    return a;
  }

  private static NDArray build(NDArray a, int axis, int n, int offset, int padding,
      boolean before, PadMode mode) {
    while (padding > 0) {
      int cur = Math.min(padding, n - offset);
      padding -= cur;
      int size = a.shape()[axis];
      int start;
      int stop;
      if (before) {
        start = offset;
        stop = offset + cur;
      } else {
        start = size - (cur + offset);
        stop = mode == PadMode.SYMMETRIC || n == 1 ? size : size - 1;
      }
      NDArray piece = Lax.rev(Lax.sliceInDim(a, start, stop, 1, axis), axis);
      a = Lax.concatenate(before ? List.of(piece, a) : List.of(a, piece), axis);
    }
    return a;
  }
}
