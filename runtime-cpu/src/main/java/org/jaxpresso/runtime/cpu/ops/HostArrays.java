package org.jaxpresso.runtime.cpu.ops;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.internal.HalfFloats;
import org.jaxpresso.runtime.cpu.kernels.CpuPool;

/**
 * Moving operands between arrays and the float32/float64 working arrays of the heavy kernels:
 * reading an array's elements as {@code float[]} or {@code double[]} (its own storage when the
 * dtype already matches, never written), permuting dimensions into a contiguous copy, and
 * wrapping a result, rounded once to the result dtype (bfloat16 and float16 from float32).
 */
final class HostArrays {
  private HostArrays() {}

  /** The working type for a result dtype: float32 for every float up to 32 bits, else float64. */
  static boolean isDouble(DType result) {
    return result == DType.FLOAT64;
  }

  /** Whether the heavy kernels handle this result dtype (floating ones only). */
  static boolean supported(DType result) {
    return result.isFloating();
  }

  /** The elements of {@code x} as floats, in its row-major order; read only. */
  static float[] floats(Array x) {
    HostBuffer h = x.host();
    if (h.dtype() == DType.FLOAT32) {
      return (float[]) h.data();
    }
    int n = h.length();
    float[] r = new float[n];
    switch (h.dtype()) {
      case BFLOAT16 -> {
        short[] s = (short[]) h.data();
        for (int i = 0; i < n; i++) {
          r[i] = HalfFloats.bf16ToFloat(s[i]);
        }
      }
      case FLOAT16 -> {
        short[] s = (short[]) h.data();
        for (int i = 0; i < n; i++) {
          r[i] = HalfFloats.f16ToFloat(s[i]);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          r[i] = (float) h.getDouble(i);
        }
      }
    }
    return r;
  }

  /** The elements of {@code x} as doubles, in its row-major order; read only. */
  static double[] doubles(Array x) {
    HostBuffer h = x.host();
    if (h.dtype() == DType.FLOAT64) {
      return (double[]) h.data();
    }
    int n = h.length();
    double[] r = new double[n];
    if (h.dtype() == DType.FLOAT32) {
      float[] f = (float[]) h.data();
      for (int i = 0; i < n; i++) {
        r[i] = f[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        r[i] = h.getDouble(i);
      }
    }
    return r;
  }

  /** The elements of {@code x} in the working type for {@code result}. */
  static Object working(Array x, DType result) {
    return isDouble(result) ? doubles(x) : floats(x);
  }

  /** A zeroed working array of {@code n} elements. */
  static Object allocate(DType result, int n) {
    return isDouble(result) ? new double[n] : new float[n];
  }

  /**
   * A contiguous copy of the row-major array {@code src} ({@code float[]}, {@code double[]},
   * {@code int[]} or {@code long[]}) of dims {@code dims}, with dimension {@code i} of the copy
   * being dimension {@code order[i]} of the source.
   */
  static Object permute(Object src, int[] dims, int[] order) {
    int rank = dims.length;
    long[] stride = new long[rank];
    long s = 1;
    for (int d = rank - 1; d >= 0; d--) {
      stride[d] = s;
      s *= dims[d];
    }
    int total = Math.toIntExact(s);
    Object dst = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(), total);
    if (total == 0) {
      return dst;
    }
    if (rank == 0) {
      System.arraycopy(src, 0, dst, 0, 1);
      return dst;
    }
    int[] outDims = new int[rank];
    int[] srcStride = new int[rank];
    for (int i = 0; i < rank; i++) {
      outDims[i] = dims[order[i]];
      srcStride[i] = (int) stride[order[i]];
    }
    int last = rank - 1;
    int inner = outDims[last];
    int rows = total / inner;
    int tasks = total < PARALLEL_PERMUTE ? 1 : Math.min(rows, 4 * CpuPool.threads());
    CpuPool.parallelFor(tasks, t -> permuteRows(src, dst, outDims, srcStride,
        (int) ((long) t * rows / tasks), (int) ((long) (t + 1) * rows / tasks)));
    return dst;
  }

  /** Elements from which {@link #permute} splits its rows over the pool. */
  private static final int PARALLEL_PERMUTE = 1 << 18;

  /** Rows [r0, r1) of {@link #permute} (a row: all of the copy's last dimension). */
  private static void permuteRows(Object src, Object dst, int[] outDims, int[] srcStride,
      int r0, int r1) {
    int rank = outDims.length;
    int last = rank - 1;
    int inner = outDims[last];
    int innerStride = srcStride[last];
    int[] idx = new int[rank];
    int base = 0;
    for (int ax = last - 1, rem = r0; ax >= 0; ax--) {
      idx[ax] = rem % outDims[ax];
      rem /= outDims[ax];
      base += idx[ax] * srcStride[ax];
    }
    for (int r = r0, d = r0 * inner; r < r1; r++, d += inner) {
      if (src instanceof float[] f) {
        float[] o = (float[]) dst;
        for (int j = 0; j < inner; j++) {
          o[d + j] = f[base + j * innerStride];
        }
      } else if (src instanceof double[] f) {
        double[] o = (double[]) dst;
        for (int j = 0; j < inner; j++) {
          o[d + j] = f[base + j * innerStride];
        }
      } else if (src instanceof int[] f) {
        int[] o = (int[]) dst;
        for (int j = 0; j < inner; j++) {
          o[d + j] = f[base + j * innerStride];
        }
      } else {
        long[] f = (long[]) src;
        long[] o = (long[]) dst;
        for (int j = 0; j < inner; j++) {
          o[d + j] = f[base + j * innerStride];
        }
      }
      for (int ax = last - 1; ax >= 0; ax--) {
        idx[ax]++;
        base += srcStride[ax];
        if (idx[ax] < outDims[ax]) {
          break;
        }
        base -= idx[ax] * srcStride[ax];
        idx[ax] = 0;
      }
    }
  }

  /** Wraps a working array as a result of {@code aval}, rounding it to a narrower dtype. */
  static Array wrap(ShapedArray aval, Object data) {
    DType d = aval.dtype();
    return switch (d) {
      case FLOAT32 -> Array.wrap(aval, HostBuffer.wrap(d, (float[]) data));
      case FLOAT64 -> Array.wrap(aval, HostBuffer.wrap(d, (double[]) data));
      case BFLOAT16, FLOAT16 -> {
        float[] f = (float[]) data;
        short[] s = new short[f.length];
        for (int i = 0; i < f.length; i++) {
          s[i] = d == DType.BFLOAT16 ? HalfFloats.floatToBf16(f[i]) : HalfFloats.floatToF16(f[i]);
        }
        yield Array.wrap(aval, HostBuffer.wrap(d, s));
      }
      default -> throw new IllegalArgumentException("no float kernel result for " + d);
    };
  }
}
