// Generated from FloatMicroKernel.java by tools/codegen/microkernel_tiles.py: edit that file.
package org.jaxpresso.runtime.cpu.kernels;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The float64 {@link MicroKernel} on {@code DoubleVector.SPECIES_PREFERRED}. */
final class DoubleMicroKernel extends MicroKernel {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int NR = 2 * L;
  /** Rows of the register tile: 8 with AVX-512's 32 vector registers, else 6 (see MicroKernel). */
  private static final int MR = S.vectorBitSize() >= 512 ? 8 : 6;
  /** The one instance (after S and L, which its constructor reads). */
  static final DoubleMicroKernel INSTANCE = new DoubleMicroKernel();

  private DoubleMicroKernel() {
    super(MR, L, Double.BYTES);
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

  @Override
  void tile(int k, Object a, int ao, int rs, int cs, Object b, int bo, int bRow, Object c, int co,
      int ldc, boolean load) {
    if (MR == 8) {
      DoubleTiles.tile8(k, (double[]) a, ao, rs, cs, (double[]) b, bo, bRow, (double[]) c, co, ldc,
          load);
    } else {
      DoubleTiles.tile6(k, (double[]) a, ao, rs, cs, (double[]) b, bo, bRow, (double[]) c, co, ldc,
          load);
    }
  }

  @Override
  void tilePacked(int k, Object a, int ao, Object b, int bo, Object c, int co, int ldc,
      boolean load) {
    if (MR == 8) {
      DoubleTiles.packed8(k, (double[]) a, ao, (double[]) b, bo, (double[]) c, co, ldc, load);
    } else {
      DoubleTiles.packed6(k, (double[]) a, ao, (double[]) b, bo, (double[]) c, co, ldc, load);
    }
  }

  @Override
  void tileRows(int k, Object a, int ao, int lda, Object b, int bo, Object c, int co, int ldc,
      boolean load) {
    if (MR == 8) {
      DoubleTiles.rows8(k, (double[]) a, ao, lda, (double[]) b, bo, (double[]) c, co, ldc, load);
    } else {
      DoubleTiles.rows6(k, (double[]) a, ao, lda, (double[]) b, bo, (double[]) c, co, ldc, load);
    }
  }

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
      for (int p = 0, s = 0; p < kc; p++, s += cs, d += MR) {
        for (int i = 0, r = r0 + s; i < mr; i++, r += rs) {
          dst[d + i] = a[r];
        }
        for (int i = mr; i < MR; i++) {
          dst[d + i] = 0.0;
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
    if (rows == null && rs == 1) {
      packColumns(b, off + pc, cs, kc, nc, dst, d0);
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

  /**
   * {@link #packB} for a B whose columns are contiguous ({@code B[p][j] = b[off + p + j*cs]},
   * a transposed operand): four columns at a time, each read as a sequential stream, written
   * four adjacent values per step.
   */
  private void packColumns(double[] b, int off, int cs, int kc, int nc, double[] dst, int d0) {
    for (int jr = 0, q = 0; jr < nc; jr += nr, q++) {
      int w = Math.min(nr, nc - jr);
      int d = d0 + q * kc * nr;
      int j = 0;
      for (; j + 4 <= w; j += 4) {
        int s0 = off + (jr + j) * cs;
        int s1 = s0 + cs;
        int s2 = s1 + cs;
        int s3 = s2 + cs;
        for (int p = 0, e = d + j; p < kc; p++, e += nr) {
          dst[e] = b[s0 + p];
          dst[e + 1] = b[s1 + p];
          dst[e + 2] = b[s2 + p];
          dst[e + 3] = b[s3 + p];
        }
      }
      for (; j < nr; j++) {
        int s = off + (jr + j) * cs;
        for (int p = 0, e = d + j; p < kc; p++, e += nr) {
          dst[e] = j < w ? b[s + p] : 0.0;
        }
      }
    }
  }

  @Override
  void packGather(Object src, int off, int rs, int[] rows, int pc, int kc, int[] cols, int j0,
      int nc, Object dst_, int d0) {
    double[] b = (double[]) src;
    double[] dst = (double[]) dst_;
    int[] runs = runs(cols, j0, nc);
    // Each run's first column becomes its place in row 0 of its panel; whether a whole vector
    // for the run's last partial vector stays within its row is kept as the sign of the length.
    for (int r = 0; r < runs.length; r += 3) {
      int j = runs[r];
      int len = runs[r + 2];
      runs[r] = d0 + j / nr * kc * nr + j % nr;
      int v = len - len % L;
      runs[r + 2] = v < len && j % nr + v + L > nr ? -len : len;
    }
    int tail = nc % nr;
    int last = d0 + nc / nr * kc * nr;
    for (int p = 0; p < kc; p++) {
      int s = off + (rows == null ? (pc + p) * rs : rows[pc + p]);
      boolean lastRow = p == kc - 1;
      for (int r = 0; r < runs.length; r += 3) {
        int d = runs[r] + p * nr;
        int from = s + runs[r + 1];
        int len = Math.abs(runs[r + 2]);
        int v = 0;
        for (; v + L <= len; v += L) {
          DoubleVector.fromArray(S, b, from + v).intoArray(dst, d + v);
        }
        if (v < len) {
          if ((runs[r + 2] > 0 || !lastRow) && from + v + L <= b.length) {
            // A whole vector: the lanes past the run land on columns of this row that a later
            // run writes, on the tail zeroed below, or past the row's end on the next row,
            // written at step p + 1 (hence not on the last row, where they would reach a
            // panel already packed).
            DoubleVector.fromArray(S, b, from + v).intoArray(dst, d + v);
          } else {
            VectorMask<Double> m = S.indexInRange(v, len);
            DoubleVector.fromArray(S, b, from + v, m).intoArray(dst, d + v, m);
          }
        }
      }
      if (tail > 0) {
        Arrays.fill(dst, last + p * nr + tail, last + p * nr + nr, 0.0);
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
          ScalarGemm.dgemm(1, n - nv, k, a, ai, aRow, aCol, b, bOff + nv, bRow, null, 1, null, c,
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
      ScalarGemm.dgemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, null, bCol, null, c, cOff, ldc,
          acc);
    }
  }

}
