package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;

/** Shared helpers of the indexing tests: the NumPy references and exact comparisons. */
final class IndexingRefs {
  static final Map<String, Array> REF = Reference.npz("/ref/numpy_indexing.npz");

  static final String[] DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
      "uint32", "uint64", "bfloat16", "float16", "float32", "float64"};

  private IndexingRefs() {}

  static Array ref(String name) {
    Array a = REF.get(name);
    if (a == null) {
      throw new IllegalStateException("no reference " + name);
    }
    return a;
  }

  /** arange(n) of the shape in {@code dtype} (bool: odd elements true), as the script's base. */
  static Array base(String dtype, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = dtype.equals("bool") ? i % 2 : i;
    }
    return Array.fromDoubles(DType.fromName(dtype), v, shape);
  }

  /** A reference array as {@code dtype} (bfloat16 references are stored as float32). */
  static Array as(Array a, String dtype) {
    return Array.fromDoubles(DType.fromName(dtype), a.toDoubleArray(), a.shape());
  }

  /** Same shape, and the same values (NaN equal to NaN); the dtype is checked by the caller. */
  static void assertValues(Array expected, NDArray actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      boolean same = Double.isNaN(e[i]) ? Double.isNaN(a[i]) : e[i] == a[i];
      assertTrue(same, what + ": element " + i + " expected " + e[i] + " got " + a[i]);
    }
  }

  /** Values as {@link #assertValues} and the dtype {@code dtype}. */
  static void assertArray(Array expected, NDArray actual, String dtype, String what) {
    assertEquals(DType.fromName(dtype), actual.dtype(), what + ": dtype");
    assertValues(expected, actual, what);
  }
}
