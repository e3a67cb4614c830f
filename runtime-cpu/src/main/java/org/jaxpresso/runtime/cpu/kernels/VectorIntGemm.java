package org.jaxpresso.runtime.cpu.kernels;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of {@link IntGemm}: register tiles of 4 rows by two vectors of the preferred
 * species, A broadcast from its rows, B's rows read in place (contiguous along j). Lanes wrap
 * on overflow like Java's {@code int} and {@code long}.
 */
final class VectorIntGemm {
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Long> J = LongVector.SPECIES_PREFERRED;

  private VectorIntGemm() {}

  /** C = A B for one product: tiles of 4 rows by two vectors, then single rows, then columns. */
  static void igemm(int m, int n, int k, int[] a, int ao, int aRow, int aCol, int[] b, int bo,
      int bRow, int[] c, int co) {
    int l = I.length();
    int nv = n - n % (2 * l);
    for (int j = 0; j < nv; j += 2 * l) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        IntVector c00 = IntVector.zero(I);
        IntVector c01 = c00;
        IntVector c10 = c00;
        IntVector c11 = c00;
        IntVector c20 = c00;
        IntVector c21 = c00;
        IntVector c30 = c00;
        IntVector c31 = c00;
        int a0 = ao + i * aRow;
        int a1 = a0 + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        for (int p = 0, s = 0, bp = bo + j; p < k; p++, s += aCol, bp += bRow) {
          IntVector b0 = IntVector.fromArray(I, b, bp);
          IntVector b1 = IntVector.fromArray(I, b, bp + l);
          IntVector x = IntVector.broadcast(I, a[a0 + s]);
          c00 = c00.add(x.mul(b0));
          c01 = c01.add(x.mul(b1));
          x = IntVector.broadcast(I, a[a1 + s]);
          c10 = c10.add(x.mul(b0));
          c11 = c11.add(x.mul(b1));
          x = IntVector.broadcast(I, a[a2 + s]);
          c20 = c20.add(x.mul(b0));
          c21 = c21.add(x.mul(b1));
          x = IntVector.broadcast(I, a[a3 + s]);
          c30 = c30.add(x.mul(b0));
          c31 = c31.add(x.mul(b1));
        }
        int o = co + i * n + j;
        c00.intoArray(c, o);
        c01.intoArray(c, o + l);
        c10.intoArray(c, o + n);
        c11.intoArray(c, o + n + l);
        c20.intoArray(c, o + 2 * n);
        c21.intoArray(c, o + 2 * n + l);
        c30.intoArray(c, o + 3 * n);
        c31.intoArray(c, o + 3 * n + l);
      }
      for (; i < m; i++) {
        IntVector c0 = IntVector.zero(I);
        IntVector c1 = c0;
        int ai = ao + i * aRow;
        for (int p = 0, s = 0, bp = bo + j; p < k; p++, s += aCol, bp += bRow) {
          IntVector x = IntVector.broadcast(I, a[ai + s]);
          c0 = c0.add(x.mul(IntVector.fromArray(I, b, bp)));
          c1 = c1.add(x.mul(IntVector.fromArray(I, b, bp + l)));
        }
        c0.intoArray(c, co + i * n + j);
        c1.intoArray(c, co + i * n + j + l);
      }
    }
    for (int i = 0; i < m && nv < n; i++) {
      int ci = co + i * n;
      for (int j = nv; j < n; j++) {
        int sum = 0;
        for (int p = 0; p < k; p++) {
          sum += a[ao + i * aRow + p * aCol] * b[bo + p * bRow + j];
        }
        c[ci + j] = sum;
      }
    }
  }

  /** C = A B for one product: tiles of 4 rows by two vectors, then single rows, then columns. */
  static void lgemm(int m, int n, int k, long[] a, int ao, int aRow, int aCol, long[] b, int bo,
      int bRow, long[] c, int co) {
    int l = J.length();
    int nv = n - n % (2 * l);
    for (int j = 0; j < nv; j += 2 * l) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        LongVector c00 = LongVector.zero(J);
        LongVector c01 = c00;
        LongVector c10 = c00;
        LongVector c11 = c00;
        LongVector c20 = c00;
        LongVector c21 = c00;
        LongVector c30 = c00;
        LongVector c31 = c00;
        int a0 = ao + i * aRow;
        int a1 = a0 + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        for (int p = 0, s = 0, bp = bo + j; p < k; p++, s += aCol, bp += bRow) {
          LongVector b0 = LongVector.fromArray(J, b, bp);
          LongVector b1 = LongVector.fromArray(J, b, bp + l);
          LongVector x = LongVector.broadcast(J, a[a0 + s]);
          c00 = c00.add(x.mul(b0));
          c01 = c01.add(x.mul(b1));
          x = LongVector.broadcast(J, a[a1 + s]);
          c10 = c10.add(x.mul(b0));
          c11 = c11.add(x.mul(b1));
          x = LongVector.broadcast(J, a[a2 + s]);
          c20 = c20.add(x.mul(b0));
          c21 = c21.add(x.mul(b1));
          x = LongVector.broadcast(J, a[a3 + s]);
          c30 = c30.add(x.mul(b0));
          c31 = c31.add(x.mul(b1));
        }
        int o = co + i * n + j;
        c00.intoArray(c, o);
        c01.intoArray(c, o + l);
        c10.intoArray(c, o + n);
        c11.intoArray(c, o + n + l);
        c20.intoArray(c, o + 2 * n);
        c21.intoArray(c, o + 2 * n + l);
        c30.intoArray(c, o + 3 * n);
        c31.intoArray(c, o + 3 * n + l);
      }
      for (; i < m; i++) {
        LongVector c0 = LongVector.zero(J);
        LongVector c1 = c0;
        int ai = ao + i * aRow;
        for (int p = 0, s = 0, bp = bo + j; p < k; p++, s += aCol, bp += bRow) {
          LongVector x = LongVector.broadcast(J, a[ai + s]);
          c0 = c0.add(x.mul(LongVector.fromArray(J, b, bp)));
          c1 = c1.add(x.mul(LongVector.fromArray(J, b, bp + l)));
        }
        c0.intoArray(c, co + i * n + j);
        c1.intoArray(c, co + i * n + j + l);
      }
    }
    for (int i = 0; i < m && nv < n; i++) {
      int ci = co + i * n;
      for (int j = nv; j < n; j++) {
        long sum = 0;
        for (int p = 0; p < k; p++) {
          sum += a[ao + i * aRow + p * aCol] * b[bo + p * bRow + j];
        }
        c[ci + j] = sum;
      }
    }
  }
}
