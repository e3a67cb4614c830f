package org.jaxpresso.runtime.cpu.kernels;

import org.jaxpresso.runtime.cpu.CpuBackend;

/**
 * One output row of a narrow convolution without the GEMM: {@code y[yo + j] = sum_p w[wo + p] *
 * x[xo + rows[p] + j]} for {@code j < len}, each row of x a shifted image row (see {@code
 * ShiftedConv}). With {@code jdk.incubator.vector} the sums run on vectors of output positions
 * ({@link VectorRowStencil}), otherwise in scalar loops; each output is one fused multiply-add
 * chain over p, in order, so both give the same result.
 */
public final class RowStencil {
  private RowStencil() {}

  /**
   * Computes one output row; the operands are {@code float[]} or {@code double[]}, all alike.
   *
   * @param x the image (any element read is {@code x[xo + rows[p] + j]})
   * @param xo offset added to every row offset
   * @param rows offset of each of the kdim image rows
   * @param kdim the number of terms per output
   * @param w the weights, {@code w[wo + p]} for row p
   * @param wo offset of the first weight
   * @param y the output
   * @param yo offset of the row's first output
   * @param len the number of outputs
   */
  public static void apply(Object x, int xo, int[] rows, int kdim, Object w, int wo, Object y,
      int yo, int len) {
    if (CpuBackend.simdAvailable()) {
      VectorRowStencil.apply(x, xo, rows, kdim, w, wo, y, yo, len);
    } else if (x instanceof float[] xf) {
      scalar(xf, xo, rows, kdim, (float[]) w, wo, (float[]) y, yo, 0, len);
    } else {
      scalar((double[]) x, xo, rows, kdim, (double[]) w, wo, (double[]) y, yo, 0, len);
    }
  }

  /** Outputs [from, len) of {@link #apply} in scalar loops. */
  static void scalar(float[] x, int xo, int[] rows, int kdim, float[] w, int wo, float[] y,
      int yo, int from, int len) {
    for (int j = from; j < len; j++) {
      float acc = 0f;
      for (int p = 0; p < kdim; p++) {
        acc = Math.fma(w[wo + p], x[xo + rows[p] + j], acc);
      }
      y[yo + j] = acc;
    }
  }

  /** Outputs [from, len) of {@link #apply} in scalar loops. */
  static void scalar(double[] x, int xo, int[] rows, int kdim, double[] w, int wo, double[] y,
      int yo, int from, int len) {
    for (int j = from; j < len; j++) {
      double acc = 0.0;
      for (int p = 0; p < kdim; p++) {
        acc = Math.fma(w[wo + p], x[xo + rows[p] + j], acc);
      }
      y[yo + j] = acc;
    }
  }
}
