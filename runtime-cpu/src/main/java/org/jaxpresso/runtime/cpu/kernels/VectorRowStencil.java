package org.jaxpresso.runtime.cpu.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowStencil} on vectors of the preferred species: two vectors of outputs at a time (one
 * broadcast weight feeds two fused multiply-adds), then one, then the scalar tail. Each lane
 * sums over p in order, like the scalar loop.
 */
final class VectorRowStencil {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  private VectorRowStencil() {}

  static void apply(Object x, int xo, int[] rows, int kdim, Object w, int wo, Object y, int yo,
      int len) {
    if (x instanceof float[] xf) {
      apply(xf, xo, rows, kdim, (float[]) w, wo, (float[]) y, yo, len);
    } else {
      apply((double[]) x, xo, rows, kdim, (double[]) w, wo, (double[]) y, yo, len);
    }
  }

  private static void apply(float[] x, int xo, int[] rows, int kdim, float[] w, int wo,
      float[] y, int yo, int len) {
    int l = F.length();
    int j = 0;
    for (; j + 2 * l <= len; j += 2 * l) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = a0;
      for (int p = 0; p < kdim; p++) {
        FloatVector wv = FloatVector.broadcast(F, w[wo + p]);
        int s = xo + rows[p] + j;
        a0 = FloatVector.fromArray(F, x, s).fma(wv, a0);
        a1 = FloatVector.fromArray(F, x, s + l).fma(wv, a1);
      }
      a0.intoArray(y, yo + j);
      a1.intoArray(y, yo + j + l);
    }
    for (; j + l <= len; j += l) {
      FloatVector a0 = FloatVector.zero(F);
      for (int p = 0; p < kdim; p++) {
        a0 = FloatVector.fromArray(F, x, xo + rows[p] + j)
            .fma(FloatVector.broadcast(F, w[wo + p]), a0);
      }
      a0.intoArray(y, yo + j);
    }
    RowStencil.scalar(x, xo, rows, kdim, w, wo, y, yo, j, len);
  }

  private static void apply(double[] x, int xo, int[] rows, int kdim, double[] w, int wo,
      double[] y, int yo, int len) {
    int l = D.length();
    int j = 0;
    for (; j + 2 * l <= len; j += 2 * l) {
      DoubleVector a0 = DoubleVector.zero(D);
      DoubleVector a1 = a0;
      for (int p = 0; p < kdim; p++) {
        DoubleVector wv = DoubleVector.broadcast(D, w[wo + p]);
        int s = xo + rows[p] + j;
        a0 = DoubleVector.fromArray(D, x, s).fma(wv, a0);
        a1 = DoubleVector.fromArray(D, x, s + l).fma(wv, a1);
      }
      a0.intoArray(y, yo + j);
      a1.intoArray(y, yo + j + l);
    }
    for (; j + l <= len; j += l) {
      DoubleVector a0 = DoubleVector.zero(D);
      for (int p = 0; p < kdim; p++) {
        a0 = DoubleVector.fromArray(D, x, xo + rows[p] + j)
            .fma(DoubleVector.broadcast(D, w[wo + p]), a0);
      }
      a0.intoArray(y, yo + j);
    }
    RowStencil.scalar(x, xo, rows, kdim, w, wo, y, yo, j, len);
  }
}
