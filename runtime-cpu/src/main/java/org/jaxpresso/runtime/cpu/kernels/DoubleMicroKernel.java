package org.jaxpresso.runtime.cpu.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The float64 {@link MicroKernel} on {@code DoubleVector.SPECIES_PREFERRED}. */
final class DoubleMicroKernel extends MicroKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int NR = 2 * L;
  /** The one instance (after S and L, which its constructor reads). */
  static final DoubleMicroKernel INSTANCE = new DoubleMicroKernel();

  private DoubleMicroKernel() {
    super(L, Double.BYTES);
  }

  @Override
  Object allocate(int n) {
    return new double[n];
  }

  @Override
  int length(Object array) {
    return ((double[]) array).length;
  }

  @Override
  void zero(Object c, int from, int to) {
    Arrays.fill((double[]) c, from, to, 0.0);
  }

  // BEGIN GENERATED TILES (tools/codegen/microkernel_tiles.py)
  @Override
  void tile(int k, Object a, int ao, int rs, int cs, Object b, int bo, int bRow, Object c, int co,
      int ldc, boolean load) {
    tile0(k, (double[]) a, ao, rs, cs, (double[]) b, bo, bRow, (double[]) c, co, ldc, load);
  }

  private static void tile0(int k, double[] a, int ao, int rs, int cs, double[] b, int bo, int bRow,
      double[] c, int co, int ldc, boolean load) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    int a0 = ao;
    int a1 = ao + rs;
    int a2 = ao + 2 * rs;
    int a3 = ao + 3 * rs;
    int a4 = ao + 4 * rs;
    int a5 = ao + 5 * rs;
    for (int p = 0, s = 0; p < k; p++, s += cs, bo += bRow) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
      DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + s]);
      c00 = b0.fma(x0, c00);
      c01 = b1.fma(x0, c01);
      DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + s]);
      c10 = b0.fma(x1, c10);
      c11 = b1.fma(x1, c11);
      DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + s]);
      c20 = b0.fma(x2, c20);
      c21 = b1.fma(x2, c21);
      DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + s]);
      c30 = b0.fma(x3, c30);
      c31 = b1.fma(x3, c31);
      DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + s]);
      c40 = b0.fma(x4, c40);
      c41 = b1.fma(x4, c41);
      DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + s]);
      c50 = b0.fma(x5, c50);
      c51 = b1.fma(x5, c51);
    }
    int o;
    o = co;
    if (load) {
      c00 = c00.add(DoubleVector.fromArray(S, c, o));
    }
    c00.intoArray(c, o);
    o = co + L;
    if (load) {
      c01 = c01.add(DoubleVector.fromArray(S, c, o));
    }
    c01.intoArray(c, o);
    o = co + ldc;
    if (load) {
      c10 = c10.add(DoubleVector.fromArray(S, c, o));
    }
    c10.intoArray(c, o);
    o = co + ldc + L;
    if (load) {
      c11 = c11.add(DoubleVector.fromArray(S, c, o));
    }
    c11.intoArray(c, o);
    o = co + 2 * ldc;
    if (load) {
      c20 = c20.add(DoubleVector.fromArray(S, c, o));
    }
    c20.intoArray(c, o);
    o = co + 2 * ldc + L;
    if (load) {
      c21 = c21.add(DoubleVector.fromArray(S, c, o));
    }
    c21.intoArray(c, o);
    o = co + 3 * ldc;
    if (load) {
      c30 = c30.add(DoubleVector.fromArray(S, c, o));
    }
    c30.intoArray(c, o);
    o = co + 3 * ldc + L;
    if (load) {
      c31 = c31.add(DoubleVector.fromArray(S, c, o));
    }
    c31.intoArray(c, o);
    o = co + 4 * ldc;
    if (load) {
      c40 = c40.add(DoubleVector.fromArray(S, c, o));
    }
    c40.intoArray(c, o);
    o = co + 4 * ldc + L;
    if (load) {
      c41 = c41.add(DoubleVector.fromArray(S, c, o));
    }
    c41.intoArray(c, o);
    o = co + 5 * ldc;
    if (load) {
      c50 = c50.add(DoubleVector.fromArray(S, c, o));
    }
    c50.intoArray(c, o);
    o = co + 5 * ldc + L;
    if (load) {
      c51 = c51.add(DoubleVector.fromArray(S, c, o));
    }
    c51.intoArray(c, o);
  }

  @Override
  void tilePacked(int k, Object a, int ao, Object b, int bo, Object c, int co, int ldc,
      boolean load) {
    tilePacked0(k, (double[]) a, ao, (double[]) b, bo, (double[]) c, co, ldc, load);
  }

  private static void tilePacked0(int k, double[] a, int ao, double[] b, int bo, double[] c, int co,
      int ldc, boolean load) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    for (int p = 0; p < k; p++, ao += MR, bo += NR) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
      DoubleVector x0 = DoubleVector.broadcast(S, a[ao]);
      c00 = b0.fma(x0, c00);
      c01 = b1.fma(x0, c01);
      DoubleVector x1 = DoubleVector.broadcast(S, a[ao + 1]);
      c10 = b0.fma(x1, c10);
      c11 = b1.fma(x1, c11);
      DoubleVector x2 = DoubleVector.broadcast(S, a[ao + 2]);
      c20 = b0.fma(x2, c20);
      c21 = b1.fma(x2, c21);
      DoubleVector x3 = DoubleVector.broadcast(S, a[ao + 3]);
      c30 = b0.fma(x3, c30);
      c31 = b1.fma(x3, c31);
      DoubleVector x4 = DoubleVector.broadcast(S, a[ao + 4]);
      c40 = b0.fma(x4, c40);
      c41 = b1.fma(x4, c41);
      DoubleVector x5 = DoubleVector.broadcast(S, a[ao + 5]);
      c50 = b0.fma(x5, c50);
      c51 = b1.fma(x5, c51);
    }
    int o;
    o = co;
    if (load) {
      c00 = c00.add(DoubleVector.fromArray(S, c, o));
    }
    c00.intoArray(c, o);
    o = co + L;
    if (load) {
      c01 = c01.add(DoubleVector.fromArray(S, c, o));
    }
    c01.intoArray(c, o);
    o = co + ldc;
    if (load) {
      c10 = c10.add(DoubleVector.fromArray(S, c, o));
    }
    c10.intoArray(c, o);
    o = co + ldc + L;
    if (load) {
      c11 = c11.add(DoubleVector.fromArray(S, c, o));
    }
    c11.intoArray(c, o);
    o = co + 2 * ldc;
    if (load) {
      c20 = c20.add(DoubleVector.fromArray(S, c, o));
    }
    c20.intoArray(c, o);
    o = co + 2 * ldc + L;
    if (load) {
      c21 = c21.add(DoubleVector.fromArray(S, c, o));
    }
    c21.intoArray(c, o);
    o = co + 3 * ldc;
    if (load) {
      c30 = c30.add(DoubleVector.fromArray(S, c, o));
    }
    c30.intoArray(c, o);
    o = co + 3 * ldc + L;
    if (load) {
      c31 = c31.add(DoubleVector.fromArray(S, c, o));
    }
    c31.intoArray(c, o);
    o = co + 4 * ldc;
    if (load) {
      c40 = c40.add(DoubleVector.fromArray(S, c, o));
    }
    c40.intoArray(c, o);
    o = co + 4 * ldc + L;
    if (load) {
      c41 = c41.add(DoubleVector.fromArray(S, c, o));
    }
    c41.intoArray(c, o);
    o = co + 5 * ldc;
    if (load) {
      c50 = c50.add(DoubleVector.fromArray(S, c, o));
    }
    c50.intoArray(c, o);
    o = co + 5 * ldc + L;
    if (load) {
      c51 = c51.add(DoubleVector.fromArray(S, c, o));
    }
    c51.intoArray(c, o);
  }

  @Override
  void tileRows(int k, Object a, int ao, int lda, Object b, int bo, Object c, int co, int ldc,
      boolean load) {
    tileRows0(k, (double[]) a, ao, lda, (double[]) b, bo, (double[]) c, co, ldc, load);
  }

  private static void tileRows0(int k, double[] a, int ao, int lda, double[] b, int bo, double[] c,
      int co, int ldc, boolean load) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    int a0 = ao;
    int a1 = ao + lda;
    int a2 = ao + 2 * lda;
    int a3 = ao + 3 * lda;
    int a4 = ao + 4 * lda;
    int a5 = ao + 5 * lda;
    for (int p = 0; p < k; p++, bo += NR) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
      DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
      c00 = b0.fma(x0, c00);
      c01 = b1.fma(x0, c01);
      DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
      c10 = b0.fma(x1, c10);
      c11 = b1.fma(x1, c11);
      DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
      c20 = b0.fma(x2, c20);
      c21 = b1.fma(x2, c21);
      DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
      c30 = b0.fma(x3, c30);
      c31 = b1.fma(x3, c31);
      DoubleVector x4 = DoubleVector.broadcast(S, a[a4 + p]);
      c40 = b0.fma(x4, c40);
      c41 = b1.fma(x4, c41);
      DoubleVector x5 = DoubleVector.broadcast(S, a[a5 + p]);
      c50 = b0.fma(x5, c50);
      c51 = b1.fma(x5, c51);
    }
    int o;
    o = co;
    if (load) {
      c00 = c00.add(DoubleVector.fromArray(S, c, o));
    }
    c00.intoArray(c, o);
    o = co + L;
    if (load) {
      c01 = c01.add(DoubleVector.fromArray(S, c, o));
    }
    c01.intoArray(c, o);
    o = co + ldc;
    if (load) {
      c10 = c10.add(DoubleVector.fromArray(S, c, o));
    }
    c10.intoArray(c, o);
    o = co + ldc + L;
    if (load) {
      c11 = c11.add(DoubleVector.fromArray(S, c, o));
    }
    c11.intoArray(c, o);
    o = co + 2 * ldc;
    if (load) {
      c20 = c20.add(DoubleVector.fromArray(S, c, o));
    }
    c20.intoArray(c, o);
    o = co + 2 * ldc + L;
    if (load) {
      c21 = c21.add(DoubleVector.fromArray(S, c, o));
    }
    c21.intoArray(c, o);
    o = co + 3 * ldc;
    if (load) {
      c30 = c30.add(DoubleVector.fromArray(S, c, o));
    }
    c30.intoArray(c, o);
    o = co + 3 * ldc + L;
    if (load) {
      c31 = c31.add(DoubleVector.fromArray(S, c, o));
    }
    c31.intoArray(c, o);
    o = co + 4 * ldc;
    if (load) {
      c40 = c40.add(DoubleVector.fromArray(S, c, o));
    }
    c40.intoArray(c, o);
    o = co + 4 * ldc + L;
    if (load) {
      c41 = c41.add(DoubleVector.fromArray(S, c, o));
    }
    c41.intoArray(c, o);
    o = co + 5 * ldc;
    if (load) {
      c50 = c50.add(DoubleVector.fromArray(S, c, o));
    }
    c50.intoArray(c, o);
    o = co + 5 * ldc + L;
    if (load) {
      c51 = c51.add(DoubleVector.fromArray(S, c, o));
    }
    c51.intoArray(c, o);
  }
  // END GENERATED TILES

  @Override
  void addCorner(Object tile, int mr, int nr, Object co_, int co, int ldc, boolean load) {
    double[] t = (double[]) tile;
    double[] c = (double[]) co_;
    for (int i = 0; i < mr; i++) {
      for (int j = 0; j < nr; j++) {
        double v = t[i * this.nr + j];
        c[co + i * ldc + j] = load ? c[co + i * ldc + j] + v : v;
      }
    }
  }

  @Override
  void packA(Object src, int off, int rs, int cs, int mc, int kc, Object dst_) {
    double[] a = (double[]) src;
    double[] dst = (double[]) dst_;
    int d = 0;
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      int r0 = off + ir * rs;
      if (mr == MR) {
        int r1 = r0 + rs;
        int r2 = r1 + rs;
        int r3 = r2 + rs;
        int r4 = r3 + rs;
        int r5 = r4 + rs;
        for (int p = 0, s = 0; p < kc; p++, s += cs, d += MR) {
          dst[d] = a[r0 + s];
          dst[d + 1] = a[r1 + s];
          dst[d + 2] = a[r2 + s];
          dst[d + 3] = a[r3 + s];
          dst[d + 4] = a[r4 + s];
          dst[d + 5] = a[r5 + s];
        }
      } else {
        for (int p = 0; p < kc; p++, d += MR) {
          for (int i = 0; i < MR; i++) {
            dst[d + i] = i < mr ? a[r0 + i * rs + p * cs] : 0.0;
          }
        }
      }
    }
  }

  @Override
  void packB(Object src, int off, int rs, int[] rows, int pc, int cs, int kc, int nc,
      Object dst_, int d0) {
    double[] b = (double[]) src;
    double[] dst = (double[]) dst_;
    if (cs == 1) {
      // Row by row, so that each row of B is read in one contiguous run across the panels.
      int panels = (nc + nr - 1) / nr;
      for (int p = 0; p < kc; p++) {
        int s = off + (rows == null ? (pc + p) * rs : rows[pc + p]);
        for (int q = 0, jr = 0; q < panels; q++, jr += nr) {
          int w = Math.min(nr, nc - jr);
          int d = d0 + q * kc * nr + p * nr;
          if (w == NR) {
            DoubleVector.fromArray(S, b, s + jr).intoArray(dst, d);
            DoubleVector.fromArray(S, b, s + jr + L).intoArray(dst, d + L);
          } else {
            System.arraycopy(b, s + jr, dst, d, w);
            Arrays.fill(dst, d + w, d + nr, 0.0);
          }
        }
      }
      return;
    }
    int d = d0;
    for (int jr = 0; jr < nc; jr += nr) {
      int w = Math.min(nr, nc - jr);
      int base = off + jr * cs;
      for (int p = 0; p < kc; p++, d += nr) {
        int s = base + (rows == null ? (pc + p) * rs : rows[pc + p]);
        for (int j = 0; j < nr; j++) {
          dst[d + j] = j < w ? b[s + j * cs] : 0.0;
        }
      }
    }
  }

  @Override
  void lean(int m, int n, int k, Object ao_, int aOff, int aRow, int aCol, Object bo_, int bOff,
      int bRow, int bCol, Object co_, int cOff, int ldc, boolean acc) {
    double[] a = (double[]) ao_;
    double[] b = (double[]) bo_;
    double[] c = (double[]) co_;
    if (bCol == 1 && n >= L) {
      // C[i, j:j+L] = sum_p A[i, p] * B[p, j:j+L], vectors along the rows of B.
      int nv = n - n % L;
      for (int i = 0; i < m; i++) {
        int ai = aOff + i * aRow;
        int ci = cOff + i * ldc;
        for (int j = 0; j < nv; j += L) {
          DoubleVector s = acc ? DoubleVector.fromArray(S, c, ci + j) : DoubleVector.zero(S);
          for (int p = 0, bj = bOff + j; p < k; p++, bj += bRow) {
            s = DoubleVector.fromArray(S, b, bj)
                .fma(DoubleVector.broadcast(S, a[ai + p * aCol]), s);
          }
          s.intoArray(c, ci + j);
        }
        if (nv < n) {
          ScalarGemm.dgemm(1, n - nv, k, a, ai, aRow, aCol, b, bOff + nv, bRow, null, 1, c,
              ci + nv, ldc, acc);
        }
      }
    } else if (aCol == 1 && bRow == 1 && k >= L) {
      // Dot products along k, where both operands are contiguous in k.
      int kv = k - k % L;
      for (int i = 0; i < m; i++) {
        int ai = aOff + i * aRow;
        for (int j = 0; j < n; j++) {
          int bj = bOff + j * bCol;
          DoubleVector s = DoubleVector.zero(S);
          for (int p = 0; p < kv; p += L) {
            s = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bj + p), s);
          }
          double t = s.reduceLanes(VectorOperators.ADD);
          for (int p = kv; p < k; p++) {
            t += a[ai + p] * b[bj + p];
          }
          int ci = cOff + i * ldc + j;
          c[ci] = acc ? c[ci] + t : t;
        }
      }
    } else {
      ScalarGemm.dgemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, null, bCol, c, cOff, ldc,
          acc);
    }
  }

}