package org.jaxpresso.runtime.cpu.kernels;

/**
 * One matrix product {@code C (+)= A B} for any element type, on the {@link MicroKernel} of
 * that type: the choice of path, the Goto/BLIS loop nest, cache blocking, edge tiles and
 * threading, written once. See {@link Gemm#sgemm} for the operand addressing; with a
 * {@code bRows} table, row p of B starts at {@code bOff + bRows[p]} instead of
 * {@code bOff + p * bRow}; with a {@code bCols} table, column j of a row is at offset
 * {@code bCols[j]} instead of {@code j * bCol} ({@link Gemm#sgemmGather}).
 *
 * <p>Paths: small and matrix-vector products run the kernel's lean loops; products whose A fits in
 * {@link #DIRECT_A_BYTES} (in L2) and B in {@link #DIRECT_B_BYTES} (in L1), B's rows contiguous,
 * run the register tile on the operands in place ({@link #direct}); larger ones are packed
 * ({@link PackedGemm}).
 */
final class GemmDriver {
  /** Products of at most this many multiply-adds skip packing. */
  static final long LEAN_LIMIT = 32 * 32 * 32;
  /** Largest A, in bytes, that the {@link #direct} path reads in place (in L2). */
  static final long DIRECT_A_BYTES = 256 * 1024;
  /**
   * Largest B, in bytes, that the {@link #direct} path reads in place: within L1, where its
   * rows' power-of-two strides cost nothing; a larger B read in place thrashes a few cache sets
   * (128 x 128 float32 ran at 178 GFLOP/s in place, 216 packed).
   */
  static final long DIRECT_B_BYTES = 40 * 1024;
  /** Tasks per thread for one product: spare ones let a thread slowed by load be covered. */
  static final int TASKS_PER_THREAD = 4;

  private GemmDriver() {}

  /** One product on up to {@code threads} threads of {@link CpuPool} (1: the caller alone). */
  static void gemm(MicroKernel kn, int m, int n, int k, Object a, int aOff, int aRow, int aCol,
      Object b, int bOff, int bRow, int[] bRows, int bCol, int[] bCols, Object c, int cOff,
      int ldc, boolean acc, int threads) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      if (!acc) {
        for (int i = 0; i < m; i++) {
          kn.zero(c, cOff + i * ldc, cOff + i * ldc + n);
        }
      }
      return;
    }
    if (bRows == null && bCols == null
        && ((long) m * n * k <= LEAN_LIMIT || m == 1 || n == 1)) {
      kn.lean(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bCol, c, cOff, ldc, acc);
    } else if (bRows == null && bCols == null && bCol == 1
        && (long) m * k * kn.size <= DIRECT_A_BYTES
        && (long) k * n * kn.size <= DIRECT_B_BYTES) {
      if (threads == 1) {
        direct(kn, m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, c, cOff, ldc, acc);
      } else {
        directThreads(kn, m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, c, cOff, ldc, acc,
            threads);
      }
    } else {
      new PackedGemm(kn, m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bRows, bCol, bCols, c,
          cOff, ldc, acc).run(threads);
    }
  }

  /**
   * The unpacked product for small operands, B's rows contiguous: full tiles read A and B in
   * place; the last m % mr rows are packed into one zero-padded panel, the last n % nr columns
   * of B into one zero-padded panel, and the edge tiles run the same register tile into a
   * scratch tile whose corner is added to C. Each element is one sum over the whole k, within
   * the same error bound as the packed path.
   */
  static void direct(MicroKernel kn, int m, int n, int k, Object a, int aOff, int aRow, int aCol,
      Object b, int bOff, int bRow, Object c, int cOff, int ldc, boolean acc) {
    int mr = kn.mr;
    int nr = kn.nr;
    int mf = m - m % mr;
    int nf = n - n % nr;
    for (int jr = 0; jr < nf; jr += nr) {
      for (int ir = 0; ir < mf; ir += mr) {
        kn.tile(k, a, aOff + ir * aRow, aRow, aCol, b, bOff + jr, bRow, c, cOff + ir * ldc + jr,
            ldc, acc);
      }
    }
    if (mf == m && nf == n) {
      return;
    }
    Object tile = kn.buffer(2, mr * nr);
    Object ap = null;
    if (mf < m) {
      ap = kn.buffer(0, mr * k);
      kn.packA(a, aOff + mf * aRow, aRow, aCol, m - mf, k, ap);
      for (int jr = 0; jr < nf; jr += nr) {
        kn.tile(k, ap, 0, 1, mr, b, bOff + jr, bRow, tile, 0, nr, false);
        kn.addCorner(tile, m - mf, nr, c, cOff + mf * ldc + jr, ldc, acc);
      }
    }
    if (nf < n) {
      Object bp = kn.buffer(3, k * nr);
      kn.packB(b, bOff + nf, bRow, null, 0, 1, k, n - nf, bp, 0);
      for (int ir = 0; ir < m; ir += mr) {
        if (ir < mf) {
          kn.tile(k, a, aOff + ir * aRow, aRow, aCol, bp, 0, nr, tile, 0, nr, false);
        } else {
          kn.tilePacked(k, ap, 0, bp, 0, tile, 0, nr, false);
        }
        int rows = Math.min(mr, m - ir);
        kn.addCorner(tile, rows, n - nf, c, cOff + ir * ldc + nf, ldc, acc);
      }
    }
  }

  /**
   * {@link #direct} split by blocks of whole row tiles, a few per thread, so that a thread
   * slowed by other load leaves its last blocks to the others.
   */
  private static void directThreads(MicroKernel kn, int m, int n, int k, Object a, int aOff,
      int aRow, int aCol, Object b, int bOff, int bRow, Object c, int cOff, int ldc, boolean acc,
      int threads) {
    int mr = kn.mr;
    int tiles = (m + mr - 1) / mr;
    int blocks = Math.min(tiles, TASKS_PER_THREAD * threads);
    CpuPool.parallelFor(blocks, t -> {
      int i0 = Math.min(m, t * tiles / blocks * mr);
      int i1 = Math.min(m, (t + 1) * tiles / blocks * mr);
      if (i1 > i0) {
        gemm(kn, i1 - i0, n, k, a, aOff + i0 * aRow, aRow, aCol, b, bOff, bRow, null, 1, null,
            c, cOff + i0 * ldc, ldc, acc, 1);
      }
    });
  }
}
