package org.jaxpresso.runtime.cpu.kernels;

import java.util.Arrays;

/**
 * The scalar GEMM: plain loops in the (i, p, j) order, so the innermost loop streams a row of
 * B and a row of C. It is the fallback when {@code jdk.incubator.vector} is absent and the
 * lean path of the SIMD kernels for operands whose strides defeat vector loads.
 */
final class ScalarGemm {
  private ScalarGemm() {}

  /**
   * One float32 product; see {@link Gemm#sgemm} for the operand addressing and {@link
   * Gemm#sgemmGather} for the optional B row and column tables.
   */
  static void sgemm(int m, int n, int k, float[] a, int aOff, int aRow, int aCol,
      float[] b, int bOff, int bRow, int[] bRows, int bCol, int[] bCols, float[] c, int cOff,
      int ldc, boolean acc) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (!acc) {
        Arrays.fill(c, ci, ci + n, 0f);
      }
      int ai = aOff + i * aRow;
      for (int p = 0; p < k; p++) {
        float x = a[ai + p * aCol];
        int bp = bOff + (bRows == null ? p * bRow : bRows[p]);
        for (int j = 0; j < n; j++) {
          c[ci + j] += x * b[bp + (bCols == null ? j * bCol : bCols[j])];
        }
      }
    }
  }

  /** One float64 product; as {@link #sgemm}. */
  static void dgemm(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int bRow, int[] bRows, int bCol, int[] bCols, double[] c, int cOff,
      int ldc, boolean acc) {
    for (int i = 0; i < m; i++) {
      int ci = cOff + i * ldc;
      if (!acc) {
        Arrays.fill(c, ci, ci + n, 0.0);
      }
      int ai = aOff + i * aRow;
      for (int p = 0; p < k; p++) {
        double x = a[ai + p * aCol];
        int bp = bOff + (bRows == null ? p * bRow : bRows[p]);
        for (int j = 0; j < n; j++) {
          c[ci + j] += x * b[bp + (bCols == null ? j * bCol : bCols[j])];
        }
      }
    }
  }
}
