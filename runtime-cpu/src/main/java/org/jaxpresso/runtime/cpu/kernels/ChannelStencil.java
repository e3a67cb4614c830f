package org.jaxpresso.runtime.cpu.kernels;

import org.jaxpresso.runtime.cpu.CpuBackend;

/**
 * One output position of a channels-last depthwise convolution: {@code y[yo + c] = sum_p
 * w[p * channels + c] * x[xo + rows[p] + c]} for {@code c < channels}, each channel with its own
 * weight per window offset p. With {@code jdk.incubator.vector} the channels run on vectors
 * ({@link VectorChannelStencil}), otherwise in scalar loops; each output is one fused
 * multiply-add chain over p, in order, so both give the same result.
 */
public final class ChannelStencil {
  private ChannelStencil() {}

  /**
   * Computes one position's channels; the operands are {@code float[]} or {@code double[]},
   * all alike.
   *
   * @param x the padded channels-last image
   * @param xo offset of the position's window origin
   * @param rows offset of each window offset relative to the origin
   * @param taps the number of window offsets
   * @param w the weights, [taps, channels] row-major
   * @param y the output
   * @param yo offset of the position's first channel
   * @param channels the number of channels
   */
  public static void apply(Object x, int xo, int[] rows, int taps, Object w, Object y, int yo,
      int channels) {
    if (CpuBackend.simdAvailable()) {
      VectorChannelStencil.apply(x, xo, rows, taps, w, y, yo, channels);
    } else if (x instanceof float[] xf) {
      scalar(xf, xo, rows, taps, (float[]) w, (float[]) y, yo, 0, channels);
    } else {
      scalar((double[]) x, xo, rows, taps, (double[]) w, (double[]) y, yo, 0, channels);
    }
  }

  /** Channels [from, channels) of {@link #apply} in scalar loops. */
  static void scalar(float[] x, int xo, int[] rows, int taps, float[] w, float[] y, int yo,
      int from, int channels) {
    for (int c = from; c < channels; c++) {
      float acc = 0f;
      for (int p = 0; p < taps; p++) {
        acc = Math.fma(w[p * channels + c], x[xo + rows[p] + c], acc);
      }
      y[yo + c] = acc;
    }
  }

  /** Channels [from, channels) of {@link #apply} in scalar loops. */
  static void scalar(double[] x, int xo, int[] rows, int taps, double[] w, double[] y, int yo,
      int from, int channels) {
    for (int c = from; c < channels; c++) {
      double acc = 0.0;
      for (int p = 0; p < taps; p++) {
        acc = Math.fma(w[p * channels + c], x[xo + rows[p] + c], acc);
      }
      y[yo + c] = acc;
    }
  }
}
