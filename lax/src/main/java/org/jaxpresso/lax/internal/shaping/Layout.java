package org.jaxpresso.lax.internal.shaping;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;

/** Row-major index arithmetic for the reference kernels: strides, odometers, index reads. */
public final class Layout {
  private Layout() {}

  /**
   * Row-major element strides of {@code shape} (the last dimension has stride 1).
   *
   * @param shape the array's dimensions
   * @return the row-major element strides of {@code shape} (the last dimension has stride 1)
   */
  public static int[] strides(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc = Math.multiplyExact(acc, shape[i]);
    }
    return s;
  }

  /**
   * The number of elements of {@code shape}.
   *
   * @param shape the array's dimensions
   * @return the number of elements of {@code shape}
   */
  public static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /**
   * Advances the multi-index {@code idx} over {@code shape} in row-major order.
   *
   * @param idx the multi-index, advanced in place
   * @param shape the array's dimensions
   * @return false when it wrapped around (the iteration is over)
   */
  public static boolean next(int[] idx, int[] shape) {
    for (int d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) {
        return true;
      }
      idx[d] = 0;
    }
    return false;
  }

  /**
   * Whether {@code dims} contains {@code d}.
   *
   * @param dims the dimensions to search
   * @param d the dimension
   * @return whether {@code dims} contains {@code d}
   */
  public static boolean contains(int[] dims, int d) {
    for (int x : dims) {
      if (x == d) {
        return true;
      }
    }
    return false;
  }

  /**
   * The numbers in {@code [0, n)} not in {@code a} nor {@code b}, ascending.
   *
   * @param n the bound: the numbers are in {@code [0, n)}
   * @param a the input array
   * @param b the second input array
   * @return the numbers in {@code [0, n)} not in {@code a} nor {@code b}, ascending
   */
  public static int[] complement(int n, int[] a, int[] b) {
    int[] out = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!contains(a, i) && !contains(b, i)) {
        out[k++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  /**
   * Element {@code i} of an integer index buffer as a long, with uint64 values past
   * {@code Long.MAX_VALUE} saturated there (they are out of bounds for any array).
   *
   * @param b the buffer
   * @param i the flat (row-major) index of the element
   * @return the element {@code i} of an integer index buffer as a long, with uint64 values past
   *     {@code Long.MAX_VALUE} saturated there (they are out of bounds for any array)
   */
  public static long index(HostBuffer b, int i) {
    long v = b.getLong(i);
    return b.dtype() == DType.UINT64 && v < 0 ? Long.MAX_VALUE : v;
  }

  /**
   * {@code v} clamped to {@code [lo, hi]}.
   *
   * @param v the value
   * @param lo the lower bound
   * @param hi the upper bound
   * @return {@code v} clamped to {@code [lo, hi]}
   */
  public static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /**
   * A one-element buffer of {@code dtype} holding {@code value}: a Boolean as true/false, a
   * floating Number by value (rounded), an integral Number by value (wrapped).
   *
   * @param dtype the element type of the result
   * @param value the value: a Java scalar or a 0-d array
   * @return a one-element buffer of {@code dtype} holding {@code value}
   */
  public static HostBuffer scalarBuffer(DType dtype, Object value) {
    HostBuffer b = HostBuffer.allocate(dtype, 1);
    switch (value) {
      case Boolean v -> b.setBoolean(0, v);
      case Double v -> b.setDouble(0, v);
      case Float v -> b.setDouble(0, v);
      case Number v -> b.setLong(0, v.longValue());
      case Array a -> b.copyElement(a.host(), 0, 0);
      default -> throw new IllegalArgumentException("not a scalar: " + value);
    }
    return b;
  }
}
