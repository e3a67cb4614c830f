package org.jaxpresso.runtime.cpu.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ChannelStencil} on vectors of channels of the preferred species, then the scalar tail.
 * Each lane sums over the window offsets in order, like the scalar loop.
 */
final class VectorChannelStencil {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  private VectorChannelStencil() {}

  static void apply(Object x, int xo, int[] rows, int taps, Object w, Object y, int yo,
      int channels) {
    if (x instanceof float[] xf) {
      float[] wf = (float[]) w;
      float[] yf = (float[]) y;
      int c = 0;
      for (; c + F.length() <= channels; c += F.length()) {
        FloatVector acc = FloatVector.zero(F);
        for (int p = 0; p < taps; p++) {
          acc = FloatVector.fromArray(F, wf, p * channels + c)
              .fma(FloatVector.fromArray(F, xf, xo + rows[p] + c), acc);
        }
        acc.intoArray(yf, yo + c);
      }
      ChannelStencil.scalar(xf, xo, rows, taps, wf, yf, yo, c, channels);
    } else {
      double[] xd = (double[]) x;
      double[] wd = (double[]) w;
      double[] yd = (double[]) y;
      int c = 0;
      for (; c + D.length() <= channels; c += D.length()) {
        DoubleVector acc = DoubleVector.zero(D);
        for (int p = 0; p < taps; p++) {
          acc = DoubleVector.fromArray(D, wd, p * channels + c)
              .fma(DoubleVector.fromArray(D, xd, xo + rows[p] + c), acc);
        }
        acc.intoArray(yd, yo + c);
      }
      ChannelStencil.scalar(xd, xo, rows, taps, wd, yd, yo, c, channels);
    }
  }
}
