package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;

/** Shared helpers of the shaping and reduction tests: dtype casts and comparisons. */
final class ShapingTestSupport {
  private ShapingTestSupport() {}

  /** Every dtype jaxpresso has. */
  static final List<DType> ALL_DTYPES = List.of(DType.BOOL, DType.INT8, DType.INT16, DType.INT32,
      DType.INT64, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64, DType.BFLOAT16,
      DType.FLOAT16, DType.FLOAT32, DType.FLOAT64);

  /** The (small, integral) values of {@code a} as a real array of {@code dtype} (not canonical). */
  static Array cast(Array a, DType dtype) {
    long[] v = a.toLongArray();
    if (dtype == DType.BOOL) {
      long[] b = new long[v.length];
      for (int i = 0; i < v.length; i++) {
        b[i] = v[i] != 0 ? 1 : 0;
      }
      return Array.fromLongs(dtype, b, a.shape());
    }
    if (dtype.isFloating()) {
      double[] d = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        d[i] = v[i];
      }
      return Array.fromDoubles(dtype, d, a.shape());
    }
    return Array.fromLongs(dtype, v, a.shape());
  }

  /** Asserts dtype, shape and exact values. */
  static void assertSame(Array expected, NDArray actual, String what) {
    Array got = (Array) actual;
    assertEquals(expected.dtype(), got.dtype(), what + ": dtype");
    assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
    assertArrayEquals(expected.toDoubleArray(), got.toDoubleArray(), what + ": values");
  }

  /** The relative tolerance for comparing results of {@code dtype} with a float64 reference. */
  static double tolerance(DType dtype) {
    return switch (dtype) {
      case BFLOAT16 -> 1.6e-2;
      case FLOAT16 -> 2e-3;
      case FLOAT32 -> 2e-6;
      case FLOAT64 -> 1e-12;
      default -> 0;
    };
  }

  /** Asserts dtype, shape and values within the dtype's tolerance (NaN matches NaN). */
  static void assertClose(Array expected, NDArray actual, String what) {
    Array got = (Array) actual;
    assertEquals(expected.dtype(), got.dtype(), what + ": dtype");
    assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
    double tol = tolerance(expected.dtype());
    double[] e = expected.toDoubleArray();
    double[] g = got.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      if (Double.isNaN(e[i])) {
        assertTrue(Double.isNaN(g[i]), what + ": element " + i + " expected NaN, got " + g[i]);
      } else {
        double diff = Math.abs(e[i] - g[i]);
        assertTrue(diff <= tol * Math.max(1, Math.abs(e[i])),
            what + ": element " + i + " expected " + e[i] + " got " + g[i]);
      }
    }
  }
}
