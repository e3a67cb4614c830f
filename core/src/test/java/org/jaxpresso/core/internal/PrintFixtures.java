package org.jaxpresso.core.internal;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;

/** Builds test arrays from element texts (as NumPy prints them) for the printing tests. */
final class PrintFixtures {
  private PrintFixtures() {}

  /**
   * An array of {@code dtype} and {@code shape} whose elements are {@code values}: decimal
   * numbers (rounded to the dtype), {@code nan}, {@code inf}, {@code -inf}, {@code True},
   * {@code False}; integers parse exactly (uint64 unsigned).
   */
  static Array build(DType dtype, int[] shape, List<String> values, boolean weak) {
    int n = values.size();
    Array a;
    if (dtype == DType.BOOL) {
      boolean[] b = new boolean[n];
      for (int i = 0; i < n; i++) {
        String v = values.get(i);
        b[i] = v.equals("True") || v.equals("1");
      }
      a = Array.of(b, shape);
    } else if (dtype.isFloating()) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = parseDouble(values.get(i));
      }
      a = Array.fromDoubles(dtype, d, shape);
    } else {
      long[] l = new long[n];
      for (int i = 0; i < n; i++) {
        String v = values.get(i);
        l[i] = dtype == DType.UINT64 ? Long.parseUnsignedLong(v) : Long.parseLong(v);
      }
      a = Array.fromLongs(dtype, l, shape);
    }
    return a.withWeakType(weak);
  }

  private static double parseDouble(String v) {
    return switch (v) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }
}
