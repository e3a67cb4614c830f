package org.jaxpresso.runtime.cpu.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-threaded float64 GEMM on {@code jdk.incubator.vector}: {@code C = A B} or
 * {@code C += A B} for one matrix, with A and B addressed through arbitrary (row, column)
 * strides and C row-major.
 *
 * <p>Large products run the Goto/BLIS loop nest: B is packed in {@link #KC} x {@link #NC}
 * blocks of {@link #NR}-column panels (the block stays in L2/L3), A in {@link #KC} x
 * {@link #MC} blocks of {@link #MR}-row panels (in L2), and a {@link #MR} x {@link #NR}
 * register tile of FMA accumulators walks them. Packing reads through the strides, so
 * transposed operands cost nothing extra. The tile is {@link #MR} rows by two vectors of
 * {@code DoubleVector.SPECIES_PREFERRED}: 6 x 8 doubles on AVX2, 6 x 16 on AVX-512. Small
 * products and matrix-vector products take a lean unpacked path, and products whose operands
 * fit in L2 with B's rows contiguous run the same register tile reading A and B in place.
 *
 * <p>The same code as {@link SgemmKernel}, for float64, with blocks sized for 8-byte elements.
 */
final class DgemmKernel {
  static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  static final int L = S.length();
  /**
   * Rows of the register tile, 6 for every vector width: 12 accumulators of two vectors each.
   * A 12-row tile for AVX-512's 32 registers measured about 4x slower on JDK 25 (C2 no longer
   * keeps its 24 accumulators as vectors) and an 8-row one no faster, so the tile widens with
   * the lanes (NR) and keeps its rows.
   */
  static final int MR = 6;
  /** Columns of the register tile: two vectors. */
  static final int NR = 2 * L;
  /** Depth of a packed block (the k extent of one rank-KC update). */
  static final int KC = 256;
  /** Rows of a packed A block: MC x KC doubles, about 120 KiB, stay in L2. */
  static final int MC = 60;
  /** Columns of a packed B block: KC x NC doubles, 3 MiB, stay in L3. */
  static final int NC = 1536;
  /** Products of at most this many multiply-adds skip packing. */
  static final long LEAN_LIMIT = 32 * 32 * 32;
  /**
   * Products whose A (m x k) and B (k x n) each hold at most this many elements, with B's rows
   * contiguous, run the direct path: the register tile reads both operands in place, since
   * they stay in L2 and packing them would cost as much as it saves.
   */
  static final long DIRECT_LIMIT = 32 * 1024;

  private static final ThreadLocal<double[][]> BUFFERS =
      ThreadLocal.withInitial(
          () -> new double[][] {new double[0], new double[0], new double[MR * NR]});

  private DgemmKernel() {}

  /**
   * One product; see {@link Gemm#dgemm} for the operand addressing. With a
   * {@code bRows} table, row p of B starts at {@code bOff + bRows[p]} instead of
   * {@code bOff + p * bRow}.
   */
  static void gemm(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int bRow, int[] bRows, int bCol, double[] c, int cOff, int ldc,
      boolean acc) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!acc) {
        for (int i = 0; i < m; i++) {
          java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
      }
      return;
    }
    if (bRows == null && ((long) m * n * k <= LEAN_LIMIT || m == 1 || n == 1)) {
      lean(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, acc);
      return;
    }
    if (fitsDirect(m, n, k, bRows, bCol)) {
      direct(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, c, cOff, ldc, acc);
      return;
    }
    gemmParallel(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bRows, bCol, c, cOff, ldc, acc,
        1);
  }

  /** Whether a product with k > 0 takes the unpacked {@link #direct} path. */
  private static boolean fitsDirect(int m, int n, int k, int[] bRows, int bCol) {
    return bRows == null && bCol == 1 && m >= MR && n >= NR && (long) m * k <= DIRECT_LIMIT
        && (long) k * n <= DIRECT_LIMIT;
  }

  /**
   * One product on {@code threads} threads of {@link CpuPool}: operands that fit in L2 are
   * split by blocks of rows, each block running the unpacked path over its rows of A and all
   * of B (one round of tasks, no packing); larger ones run {@link #gemmParallel}.
   */
  static void gemmThreads(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int bRow, int[] bRows, int bCol, double[] c, int cOff, int ldc,
      boolean acc, int threads) {
    if (k == 0 || !fitsDirect(m, n, k, bRows, bCol)) {
      gemmParallel(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bRows, bCol, c, cOff, ldc,
          acc, threads);
      return;
    }
    // Row blocks of whole tiles, a few per thread so that a thread slowed by other load
    // leaves its last blocks to the others.
    int tiles = (m + MR - 1) / MR;
    int blocks = Math.min(tiles, 4 * threads);
    CpuPool.parallelFor(blocks, t -> {
      int i0 = Math.min(m, t * tiles / blocks * MR);
      int i1 = Math.min(m, (t + 1) * tiles / blocks * MR);
      if (i1 > i0) {
        gemm(i1 - i0, n, k, a, aOff + i0 * aRow, aRow, aCol, b, bOff, bRow, null, 1, c,
            cOff + i0 * ldc, ldc, acc);
      }
    });
  }

  /**
   * The packed loop nest on {@code threads} threads of {@link CpuPool} (1: the caller alone).
   * Each (jc, pc) block of B is packed once, split by panels, into the caller's buffer and
   * shared; the MC-row blocks of A are then spread over the threads, each packing its own.
   */
  static void gemmParallel(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int bRow, int[] bRows, int bCol, double[] c, int cOff, int ldc,
      boolean acc, int threads) {
    if (m == 0 || n == 0 || k == 0) {
      gemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bRows, bCol, c, cOff, ldc, acc);
      return;
    }
    double[][] buf = BUFFERS.get();
    int kcMax = Math.min(KC, k);
    int ncMax = Math.min(NC, roundUp(n, NR));
    if (buf[1].length < ncMax * kcMax) {
      buf[1] = new double[ncMax * kcMax];
    }
    double[] bp = buf[1];
    // Blocks of A small enough that every thread gets two or more.
    int mcb = threads == 1 ? MC
        : Math.max(MR, Math.min(MC, roundUp((m + 2 * threads - 1) / (2 * threads), MR)));
    int icBlocks = (m + mcb - 1) / mcb;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      int panels = (nc + NR - 1) / NR;
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        boolean load = acc || pc > 0;
        int jcF = jc;
        int pcF = pc;
        if (threads == 1) {
          packB(b, bOff + jc * bCol, bRow, bRows, pc, bCol, kc, nc, bp, 0);
          for (int ic = 0; ic < m; ic += mcb) {
            block(a, aOff, aRow, aCol, ic, Math.min(mcb, m - ic), pc, kc, bp, nc, c,
                cOff + jc, ldc, load);
          }
          continue;
        }
        int parts = Math.min(threads, panels);
        CpuPool.parallelFor(parts, t -> {
          int p0 = t * panels / parts;
          int p1 = (t + 1) * panels / parts;
          int cols = Math.min(nc, p1 * NR) - p0 * NR;
          packB(b, bOff + (jcF + p0 * NR) * bCol, bRow, bRows, pcF, bCol, kc, cols, bp,
              p0 * NR * kc);
        });
        CpuPool.parallelFor(icBlocks, blk -> {
          int ic = blk * mcb;
          block(a, aOff, aRow, aCol, ic, Math.min(mcb, m - ic), pcF, kc, bp, nc, c,
              cOff + jcF, ldc, load);
        });
      }
    }
  }

  /** Rows [ic, ic + mc) of one (jc, pc) block: pack them, run the tiles over the packed B. */
  private static void block(double[] a, int aOff, int aRow, int aCol, int ic, int mc, int pc,
      int kc, double[] bp, int nc, double[] c, int cOff, int ldc, boolean load) {
    double[][] buf = BUFFERS.get();
    if (buf[0].length < MC * KC) {
      buf[0] = new double[MC * KC];
    }
    double[] ap = buf[0];
    double[] tile = buf[2];
    packA(a, aOff + ic * aRow + pc * aCol, aRow, aCol, mc, kc, ap);
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int bo = jr * kc;
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = Math.min(MR, mc - ir);
        int co = cOff + (ic + ir) * ldc + jr;
        if (mr == MR && nr == NR) {
          micro(kc, ap, ir * kc, bp, bo, c, co, ldc, load);
        } else {
          micro(kc, ap, ir * kc, bp, bo, tile, 0, NR, false);
          for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
              double v = tile[i * NR + j];
              c[co + i * ldc + j] = load ? c[co + i * ldc + j] + v : v;
            }
          }
        }
      }
    }
  }

  private static int roundUp(int x, int m) {
    return (x + m - 1) / m * m;
  }

  /** Packs an mc x kc block of A into MR-row panels, each kc columns of MR values. */
  private static void packA(double[] a, int off, int rs, int cs, int mc, int kc, double[] dst) {
    int d = 0;
    for (int ir = 0; ir < mc; ir += MR) {
      int mr = Math.min(MR, mc - ir);
      int base = off + ir * rs;
      if (mr == MR) {
        int r1 = base + rs;
        int r2 = r1 + rs;
        int r3 = r2 + rs;
        int r4 = r3 + rs;
        int r5 = r4 + rs;
        for (int p = 0, s = 0; p < kc; p++, s += cs) {
          dst[d] = a[base + s];
          dst[d + 1] = a[r1 + s];
          dst[d + 2] = a[r2 + s];
          dst[d + 3] = a[r3 + s];
          dst[d + 4] = a[r4 + s];
          dst[d + 5] = a[r5 + s];
          d += MR;
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int s = base + p * cs;
          for (int i = 0; i < MR; i++) {
            dst[d + i] = i < mr ? a[s + i * rs] : 0.0;
          }
          d += MR;
        }
      }
    }
  }

  /**
   * Packs rows [pc, pc + kc) x an nc-column block of B into NR-column panels, each kc rows of
   * NR values, from {@code dst[d0]} on; row p starts at {@code off + rows[p]}, or
   * {@code off + p * rs} without a table.
   */
  private static void packB(double[] b, int off, int rs, int[] rows, int pc, int cs, int kc,
      int nc, double[] dst, int d0) {
    int d = d0;
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = Math.min(NR, nc - jr);
      int base = off + jr * cs;
      if (nr == NR && cs == 1) {
        for (int p = 0; p < kc; p++) {
          int s = base + (rows == null ? (pc + p) * rs : rows[pc + p]);
          System.arraycopy(b, s, dst, d, NR);
          d += NR;
        }
      } else {
        for (int p = 0; p < kc; p++) {
          int s = base + (rows == null ? (pc + p) * rs : rows[pc + p]);
          for (int j = 0; j < NR; j++) {
            dst[d + j] = j < nr ? b[s + j * cs] : 0.0;
          }
          d += NR;
        }
      }
    }
  }

  /** The MR x NR register tile (MR = 6): {@code C (+)= Apanel * Bpanel} over kc steps. */
  private static void micro(int kc, double[] ap, int ao, double[] bp, int bo, double[] c,
      int co, int ldc, boolean load) {
    DoubleVector c0_0 = DoubleVector.zero(S);
    DoubleVector c0_1 = c0_0;
    DoubleVector c1_0 = c0_0;
    DoubleVector c1_1 = c0_0;
    DoubleVector c2_0 = c0_0;
    DoubleVector c2_1 = c0_0;
    DoubleVector c3_0 = c0_0;
    DoubleVector c3_1 = c0_0;
    DoubleVector c4_0 = c0_0;
    DoubleVector c4_1 = c0_0;
    DoubleVector c5_0 = c0_0;
    DoubleVector c5_1 = c0_0;
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + L);
      DoubleVector x = DoubleVector.broadcast(S, ap[ao]);
      c0_0 = b0.fma(x, c0_0);
      c0_1 = b1.fma(x, c0_1);
      x = DoubleVector.broadcast(S, ap[ao + 1]);
      c1_0 = b0.fma(x, c1_0);
      c1_1 = b1.fma(x, c1_1);
      x = DoubleVector.broadcast(S, ap[ao + 2]);
      c2_0 = b0.fma(x, c2_0);
      c2_1 = b1.fma(x, c2_1);
      x = DoubleVector.broadcast(S, ap[ao + 3]);
      c3_0 = b0.fma(x, c3_0);
      c3_1 = b1.fma(x, c3_1);
      x = DoubleVector.broadcast(S, ap[ao + 4]);
      c4_0 = b0.fma(x, c4_0);
      c4_1 = b1.fma(x, c4_1);
      x = DoubleVector.broadcast(S, ap[ao + 5]);
      c5_0 = b0.fma(x, c5_0);
      c5_1 = b1.fma(x, c5_1);
      ao += 6;
      bo += NR;
    }
    store(c0_0, c0_1, c, co, load);
    store(c1_0, c1_1, c, co + ldc, load);
    store(c2_0, c2_1, c, co + 2 * ldc, load);
    store(c3_0, c3_1, c, co + 3 * ldc, load);
    store(c4_0, c4_1, c, co + 4 * ldc, load);
    store(c5_0, c5_1, c, co + 5 * ldc, load);
  }

  private static void store(DoubleVector v0, DoubleVector v1, double[] c, int co, boolean load) {
    if (load) {
      v0 = v0.add(DoubleVector.fromArray(S, c, co));
      v1 = v1.add(DoubleVector.fromArray(S, c, co + L));
    }
    v0.intoArray(c, co);
    v1.intoArray(c, co + L);
  }

  /**
   * The unpacked product for operands that fit in L2, B's rows contiguous: the full
   * {@link #MR} x {@link #NR} tiles read A and B in place, the last rows take 2- and 1-row
   * tiles, and the last columns (fewer than {@link #NR}) go to {@link #lean}. Each element is
   * one sum over the whole k (a single row's is two interleaved partial sums), within the
   * same error bound as the packed path.
   */
  private static void direct(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int bRow, double[] c, int cOff, int ldc, boolean acc) {
    int mf = m - m % MR;
    int nf = n - n % NR;
    for (int jr = 0; jr < nf; jr += NR) {
      for (int ir = 0; ir < mf; ir += MR) {
        microDirect(k, a, aOff + ir * aRow, aRow, aCol, b, bOff + jr, bRow, c,
            cOff + ir * ldc + jr, ldc, acc);
      }
    }
    // The last m % MR rows: two, then one, at a time over the full panels.
    for (int i = mf; i < m; i += 2) {
      boolean two = i + 1 < m;
      for (int jr = 0; jr < nf; jr += NR) {
        microRows(two, k, a, aOff + i * aRow, aRow, aCol, b, bOff + jr, bRow, c,
            cOff + i * ldc + jr, ldc, acc);
      }
    }
    if (nf < n) {
      lean(m, n - nf, k, a, aOff, aRow, aCol, b, bOff + nf, bRow, 1, c, cOff + nf, ldc, acc);
    }
  }

  /** A 2 x NR (or, unless {@code two}, 1 x NR) tile over A and B in place. */
  private static void microRows(boolean two, int k, double[] a, int ao, int rs, int cs,
      double[] b, int bo, int bRow, double[] c, int co, int ldc, boolean load) {
    DoubleVector c0_0 = DoubleVector.zero(S);
    DoubleVector c0_1 = c0_0;
    DoubleVector c1_0 = c0_0;
    DoubleVector c1_1 = c0_0;
    if (two) {
      int a1 = ao + rs;
      for (int p = 0, s = 0; p < k; p++, s += cs) {
        DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
        DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
        DoubleVector x = DoubleVector.broadcast(S, a[ao + s]);
        c0_0 = b0.fma(x, c0_0);
        c0_1 = b1.fma(x, c0_1);
        x = DoubleVector.broadcast(S, a[a1 + s]);
        c1_0 = b0.fma(x, c1_0);
        c1_1 = b1.fma(x, c1_1);
        bo += bRow;
      }
      store(c0_0, c0_1, c, co, load);
      store(c1_0, c1_1, c, co + ldc, load);
      return;
    }
    // One row: even and odd steps in separate accumulators, four independent chains.
    int p = 0;
    int s = 0;
    for (; p + 1 < k; p += 2, s += 2 * cs) {
      DoubleVector x = DoubleVector.broadcast(S, a[ao + s]);
      c0_0 = DoubleVector.fromArray(S, b, bo).fma(x, c0_0);
      c0_1 = DoubleVector.fromArray(S, b, bo + L).fma(x, c0_1);
      x = DoubleVector.broadcast(S, a[ao + s + cs]);
      c1_0 = DoubleVector.fromArray(S, b, bo + bRow).fma(x, c1_0);
      c1_1 = DoubleVector.fromArray(S, b, bo + bRow + L).fma(x, c1_1);
      bo += 2 * bRow;
    }
    if (p < k) {
      DoubleVector x = DoubleVector.broadcast(S, a[ao + s]);
      c0_0 = DoubleVector.fromArray(S, b, bo).fma(x, c0_0);
      c0_1 = DoubleVector.fromArray(S, b, bo + L).fma(x, c0_1);
    }
    store(c0_0.add(c1_0), c0_1.add(c1_1), c, co, load);
  }

  /** The MR x NR register tile (MR = 6) over A and B in place: {@code C (+)= A B}. */
  private static void microDirect(int k, double[] a, int ao, int rs, int cs, double[] b, int bo,
      int bRow, double[] c, int co, int ldc, boolean load) {
    DoubleVector c0_0 = DoubleVector.zero(S);
    DoubleVector c0_1 = c0_0;
    DoubleVector c1_0 = c0_0;
    DoubleVector c1_1 = c0_0;
    DoubleVector c2_0 = c0_0;
    DoubleVector c2_1 = c0_0;
    DoubleVector c3_0 = c0_0;
    DoubleVector c3_1 = c0_0;
    DoubleVector c4_0 = c0_0;
    DoubleVector c4_1 = c0_0;
    DoubleVector c5_0 = c0_0;
    DoubleVector c5_1 = c0_0;
    int a1 = ao + rs;
    int a2 = a1 + rs;
    int a3 = a2 + rs;
    int a4 = a3 + rs;
    int a5 = a4 + rs;
    for (int p = 0, s = 0; p < k; p++, s += cs) {
      DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
      DoubleVector x = DoubleVector.broadcast(S, a[ao + s]);
      c0_0 = b0.fma(x, c0_0);
      c0_1 = b1.fma(x, c0_1);
      x = DoubleVector.broadcast(S, a[a1 + s]);
      c1_0 = b0.fma(x, c1_0);
      c1_1 = b1.fma(x, c1_1);
      x = DoubleVector.broadcast(S, a[a2 + s]);
      c2_0 = b0.fma(x, c2_0);
      c2_1 = b1.fma(x, c2_1);
      x = DoubleVector.broadcast(S, a[a3 + s]);
      c3_0 = b0.fma(x, c3_0);
      c3_1 = b1.fma(x, c3_1);
      x = DoubleVector.broadcast(S, a[a4 + s]);
      c4_0 = b0.fma(x, c4_0);
      c4_1 = b1.fma(x, c4_1);
      x = DoubleVector.broadcast(S, a[a5 + s]);
      c5_0 = b0.fma(x, c5_0);
      c5_1 = b1.fma(x, c5_1);
      bo += bRow;
    }
    store(c0_0, c0_1, c, co, load);
    store(c1_0, c1_1, c, co + ldc, load);
    store(c2_0, c2_1, c, co + 2 * ldc, load);
    store(c3_0, c3_1, c, co + 3 * ldc, load);
    store(c4_0, c4_1, c, co + 4 * ldc, load);
    store(c5_0, c5_1, c, co + 5 * ldc, load);
  }

  /** Small and matrix-vector products, without packing. */
  private static void lean(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int bRow, int bCol, double[] c, int cOff, int ldc, boolean acc) {
    if (bCol == 1 && n >= L) {
      // C[i, j:j+L] = sum_p A[i, p] * B[p, j:j+L], vectors along the rows of B.
      int nv = n - n % L;
      for (int i = 0; i < m; i++) {
        int ai = aOff + i * aRow;
        int ci = cOff + i * ldc;
        for (int j = 0; j < nv; j += L) {
          DoubleVector s = acc ? DoubleVector.fromArray(S, c, ci + j) : DoubleVector.zero(S);
          int bj = bOff + j;
          for (int p = 0; p < k; p++) {
            s = DoubleVector.fromArray(S, b, bj + p * bRow)
                .fma(DoubleVector.broadcast(S, a[ai + p * aCol]), s);
          }
          s.intoArray(c, ci + j);
        }
        for (int j = nv; j < n; j++) {
          double s = 0.0;
          for (int p = 0; p < k; p++) {
            s += a[ai + p * aCol] * b[bOff + p * bRow + j];
          }
          c[ci + j] = acc ? c[ci + j] + s : s;
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
