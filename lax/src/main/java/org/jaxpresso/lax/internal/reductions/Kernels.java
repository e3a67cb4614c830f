package org.jaxpresso.lax.internal.reductions;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.internal.HalfFloats;

/** Index maps, value orderings and rounding used by the reference kernels. */
public final class Kernels {
  private Kernels() {}

  /**
   * For each row-major flat index of {@code in}, the flat index of the element it reduces into
   * once the dimensions marked in {@code reduced} are removed.
   *
   * @param in the input shape
   * @param reduced which dimensions are reduced
   * @return for each row-major flat index of {@code in}, the flat index of the element it reduces
   *     into once the dimensions marked in {@code reduced} are removed
   */
  public static int[] reducedIndexMap(Shape in, boolean[] reduced) {
    int n = Math.toIntExact(in.size());
    int rank = in.rank();
    long[] outStrides = new long[rank];
    long s = 1;
    for (int d = rank - 1; d >= 0; d--) {
      outStrides[d] = reduced[d] ? 0 : s;
      s *= reduced[d] ? 1 : in.dim(d);
    }
    int[] map = new int[n];
    int[] idx = new int[rank];
    long pos = 0;
    for (int i = 0; i < n; i++) {
      map[i] = (int) pos;
      for (int d = rank - 1; d >= 0; d--) {
        idx[d]++;
        pos += outStrides[d];
        if (idx[d] < in.dim(d)) {
          break;
        }
        pos -= outStrides[d] * in.dim(d);
        idx[d] = 0;
      }
    }
    return map;
  }

  /**
   * The row-major flat offsets of every index of the sub-array spanned by {@code dims} of an
   * array with element strides {@code strides}, in row-major order of those dimensions.
   *
   * @param shape the array's dimensions
   * @param strides the step in each dimension
   * @param dims the dimensions the sub-array spans
   * @return the row-major flat offsets of every index of the sub-array spanned by {@code dims} of
   *     an array with element strides {@code strides}, in row-major order of those dimensions
   */
  public static int[] offsets(int[] shape, long[] strides, int[] dims) {
    int count = 1;
    for (int d : dims) {
      count = Math.multiplyExact(count, shape[d]);
    }
    int[] out = new int[count];
    int[] idx = new int[dims.length];
    long pos = 0;
    for (int i = 0; i < count; i++) {
      out[i] = (int) pos;
      for (int k = dims.length - 1; k >= 0; k--) {
        idx[k]++;
        pos += strides[dims[k]];
        if (idx[k] < shape[dims[k]]) {
          break;
        }
        pos -= strides[dims[k]] * shape[dims[k]];
        idx[k] = 0;
      }
    }
    return out;
  }

  /**
   * The product of {@code shape[from..to)}.
   *
   * @param shape the array's dimensions
   * @param from the first position (inclusive)
   * @param to the end position (exclusive)
   * @return the product of {@code shape[from..to)}
   */
  public static int product(int[] shape, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p = Math.multiplyExact(p, shape[i]);
    }
    return p;
  }

  /**
   * Compares elements {@code i} and {@code j} of integer or bool buffer {@code b} by value
   * (uint64 unsigned).
   *
   * @param b the buffer
   * @param i the flat (row-major) index of the element
   * @param j the flat (row-major) index of the other element
   * @return negative, zero or positive as the first is less than, equal to or greater than the
   *     second
   */
  public static int compareIntegral(HostBuffer b, int i, int j) {
    long x = b.getLong(i);
    long y = b.getLong(j);
    return b.dtype() == DType.UINT64 ? Long.compareUnsigned(x, y) : Long.compare(x, y);
  }

  /**
   * Compares two integral values of {@code dtype} (uint64 unsigned, others signed).
   *
   * @param dtype the element type of the result
   * @param x the value
   * @param y the second value
   * @return negative, zero or positive as the first is less than, equal to or greater than the
   *     second
   */
  public static int compareIntegral(DType dtype, long x, long y) {
    return dtype == DType.UINT64 ? Long.compareUnsigned(x, y) : Long.compare(x, y);
  }

  /**
   * The total order of {@code sort}: -0.0 equals 0.0, every NaN equals every NaN and sorts after
   * +inf.
   *
   * @param x the value
   * @param y the second value
   * @return negative, zero or positive as the first is less than, equal to or greater than the
   *     second
   */
  public static int compareForSort(double x, double y) {
    boolean xn = Double.isNaN(x);
    boolean yn = Double.isNaN(y);
    if (xn || yn) {
      return Boolean.compare(xn, yn);
    }
    return x < y ? -1 : (x > y ? 1 : 0);
  }

  /**
   * Compares elements {@code i} and {@code j} of {@code b} in sort order.
   *
   * @param b the buffer
   * @param i the flat (row-major) index of the element
   * @param j the flat (row-major) index of the other element
   * @return negative, zero or positive as the first is less than, equal to or greater than the
   *     second
   */
  public static int compareForSort(HostBuffer b, int i, int j) {
    return b.dtype().isFloating()
        ? compareForSort(b.getDouble(i), b.getDouble(j))
        : compareIntegral(b, i, j);
  }

  /**
   * {@code v} rounded to the nearest value of float dtype {@code d} (round half to even).
   *
   * @param d the dtype
   * @param v the value
   * @return {@code v} rounded to the nearest value of float dtype {@code d} (round half to even)
   */
  public static double roundTo(DType d, double v) {
    return switch (d) {
      case FLOAT64 -> v;
      case FLOAT32 -> (float) v;
      case FLOAT16 -> HalfFloats.f16ToFloat(HalfFloats.doubleToF16(v));
      case BFLOAT16 -> HalfFloats.bf16ToFloat(HalfFloats.doubleToBf16(v));
      default -> throw new IllegalArgumentException("not a float dtype: " + d);
    };
  }

  /**
   * Element {@code i} of {@code b} converted to float dtype {@code target} (rounded).
   *
   * @param b the buffer
   * @param i the flat (row-major) index of the element
   * @param target the dtype to convert to
   * @return the element {@code i} of {@code b} converted to float dtype {@code target} (rounded)
   */
  public static double asFloat(HostBuffer b, int i, DType target) {
    return roundTo(target, b.getDouble(i));
  }

  /**
   * Element {@code i} of {@code b} converted to integral dtype {@code target}: floats truncate
   * toward zero, integers wrap, bool targets are 0/1.
   *
   * @param b the buffer
   * @param i the flat (row-major) index of the element
   * @param target the dtype to convert to
   * @return the element {@code i} of {@code b} converted to integral dtype {@code target}
   */
  public static long asIntegral(HostBuffer b, int i, DType target) {
    long v = b.dtype().isFloating() ? (long) b.getDouble(i) : b.getLong(i);
    return wrap(target, v);
  }

  /**
   * {@code v} wrapped to the width (and signedness) of integral dtype {@code d}; bool is 0/1.
   *
   * @param d the dtype
   * @param v the value
   * @return {@code v} wrapped to the width (and signedness) of integral dtype {@code d}; bool is
   *     0/1
   */
  public static long wrap(DType d, long v) {
    return switch (d) {
      case BOOL -> v != 0 ? 1 : 0;
      case INT8 -> (byte) v;
      case UINT8 -> v & 0xFF;
      case INT16 -> (short) v;
      case UINT16 -> v & 0xFFFF;
      case INT32 -> (int) v;
      case UINT32 -> v & 0xFFFFFFFFL;
      default -> v;
    };
  }

  /**
   * The smallest value of integral dtype {@code d} (0 for unsigned and bool).
   *
   * @param d the dtype
   * @return the smallest value of integral dtype {@code d} (0 for unsigned and bool)
   */
  public static long minValue(DType d) {
    return switch (d) {
      case INT8 -> Byte.MIN_VALUE;
      case INT16 -> Short.MIN_VALUE;
      case INT32 -> Integer.MIN_VALUE;
      case INT64 -> Long.MIN_VALUE;
      default -> 0;
    };
  }

  /**
   * The largest value of integral dtype {@code d} (uint64 max is -1 as a bit pattern).
   *
   * @param d the dtype
   * @return the largest value of integral dtype {@code d} (uint64 max is -1 as a bit pattern)
   */
  public static long maxValue(DType d) {
    return switch (d) {
      case BOOL -> 1;
      case INT8 -> Byte.MAX_VALUE;
      case INT16 -> Short.MAX_VALUE;
      case INT32 -> Integer.MAX_VALUE;
      case INT64 -> Long.MAX_VALUE;
      case UINT8 -> 0xFF;
      case UINT16 -> 0xFFFF;
      case UINT32 -> 0xFFFFFFFFL;
      default -> -1L;
    };
  }

  /**
   * Every element of {@code b} converted to float dtype {@code target} (rounded), as doubles.
   *
   * @param b the buffer
   * @param target the dtype to convert to
   * @return every element of {@code b} converted to float dtype {@code target} (rounded), as
   *     doubles
   */
  public static double[] toDoubles(HostBuffer b, DType target) {
    double[] r = new double[b.length()];
    for (int i = 0; i < r.length; i++) {
      r[i] = asFloat(b, i, target);
    }
    return r;
  }

  /**
   * Every element of {@code b} converted to integral dtype {@code target} (wrapped).
   *
   * @param b the buffer
   * @param target the dtype to convert to
   * @return every element of {@code b} converted to integral dtype {@code target} (wrapped)
   */
  public static long[] toLongs(HostBuffer b, DType target) {
    long[] r = new long[b.length()];
    for (int i = 0; i < r.length; i++) {
      r[i] = asIntegral(b, i, target);
    }
    return r;
  }
}
