package org.jaxpresso.runtime.cpu.kernels;

import org.jaxpresso.runtime.cpu.CpuBackend;

/**
 * Integer matrix products {@code C[b] = A[b] B[b]} in int32 ({@link #igemm}) or int64 ({@link
 * #lgemm}) arithmetic, wrapping on overflow as JAX's integer {@code dot_general} does (the same
 * bits serve the unsigned types). Operands are addressed as in {@link Gemm#sgemm}; C is
 * row-major and contiguous, {@code C[b][i][j] = c[(b*m + i)*n + j]}, and overwritten.
 *
 * <p>With {@code jdk.incubator.vector} the products run register tiles of 4 rows by two
 * vectors ({@link VectorIntGemm}), reading the operands in place (a B whose columns are not
 * contiguous is first copied row-major, once per call); otherwise scalar loops. Large batches
 * or products are split over {@link CpuPool} by (batch element, block of rows). There is no
 * packing or cache blocking beyond the tile's panel of B: integer products are rare next to
 * floating ones, and this already takes an int32 512^3 product from 235 ms (the reference
 * loops; NumPy: 144 ms) to 1.3 ms (ADR 0016).
 */
public final class IntGemm {
  /** Rows per task when a product is split over the pool. */
  private static final int ROWS_PER_TASK = 64;

  private IntGemm() {}

  /**
   * Int32 batched product.
   *
   * @param batch number of products
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B
   * @param a array holding A
   * @param aBatch stride between A's batch elements (0 broadcasts A)
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B
   * @param bBatch stride between B's batch elements (0 broadcasts B)
   * @param bRow stride between B's rows
   * @param bCol stride between B's columns
   * @param c array receiving C, {@code batch * m * n} elements
   */
  public static void igemm(int batch, int m, int n, int k, int[] a, int aBatch, int aRow,
      int aCol, int[] b, int bBatch, int bRow, int bCol, int[] c) {
    int[] bb = b;
    int bs = bBatch;
    int br = bRow;
    if (bCol != 1 && n > 1 && batch > 0) {
      // B's columns are not contiguous: copy it row-major once, every batch element it has.
      int copies = bBatch == 0 ? 1 : batch;
      bb = new int[Math.multiplyExact(copies, k * n)];
      for (int bi = 0; bi < copies; bi++) {
        for (int p = 0; p < k; p++) {
          for (int j = 0; j < n; j++) {
            bb[(bi * k + p) * n + j] = b[bi * bBatch + p * bRow + j * bCol];
          }
        }
      }
      bs = bBatch == 0 ? 0 : k * n;
      br = n;
    }
    int[] bf = bb;
    int bsF = bs;
    int brF = br;
    split(batch, m, n, k, (bi, i0, i1) -> {
      int bo = bi * bsF;
      int ao = bi * aBatch + i0 * aRow;
      int co = (bi * m + i0) * n;
      if (CpuBackend.simdAvailable()) {
        VectorIntGemm.igemm(i1 - i0, n, k, a, ao, aRow, aCol, bf, bo, brF, c, co);
      } else {
        scalar(i1 - i0, n, k, a, ao, aRow, aCol, bf, bo, brF, c, co);
      }
    });
  }

  /**
   * Int64 batched product; as {@link #igemm}.
   *
   * @param batch number of products
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B
   * @param a array holding A
   * @param aBatch stride between A's batch elements (0 broadcasts A)
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B
   * @param bBatch stride between B's batch elements (0 broadcasts B)
   * @param bRow stride between B's rows
   * @param bCol stride between B's columns
   * @param c array receiving C, {@code batch * m * n} elements
   */
  public static void lgemm(int batch, int m, int n, int k, long[] a, int aBatch, int aRow,
      int aCol, long[] b, int bBatch, int bRow, int bCol, long[] c) {
    long[] bb = b;
    int bs = bBatch;
    int br = bRow;
    if (bCol != 1 && n > 1 && batch > 0) {
      // B's columns are not contiguous: copy it row-major once, every batch element it has.
      int copies = bBatch == 0 ? 1 : batch;
      bb = new long[Math.multiplyExact(copies, k * n)];
      for (int bi = 0; bi < copies; bi++) {
        for (int p = 0; p < k; p++) {
          for (int j = 0; j < n; j++) {
            bb[(bi * k + p) * n + j] = b[bi * bBatch + p * bRow + j * bCol];
          }
        }
      }
      bs = bBatch == 0 ? 0 : k * n;
      br = n;
    }
    long[] bf = bb;
    int bsF = bs;
    int brF = br;
    split(batch, m, n, k, (bi, i0, i1) -> {
      int bo = bi * bsF;
      int ao = bi * aBatch + i0 * aRow;
      int co = (bi * m + i0) * n;
      if (CpuBackend.simdAvailable()) {
        VectorIntGemm.lgemm(i1 - i0, n, k, a, ao, aRow, aCol, bf, bo, brF, c, co);
      } else {
        scalar(i1 - i0, n, k, a, ao, aRow, aCol, bf, bo, brF, c, co);
      }
    });
  }

  /** One piece of a batched product: rows [i0, i1) of batch element bi. */
  private interface Piece {
    void run(int bi, int i0, int i1);
  }

  private static void split(int batch, int m, int n, int k, Piece piece) {
    if (batch == 0 || m == 0 || n == 0) {
      return;
    }
    int blocks = (m + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
    long ops = 2L * batch * m * n * Math.max(k, 1);
    int tasks = batch * blocks;
    if (ops < Gemm.PARALLEL_FLOPS || CpuPool.threads() == 1 || tasks == 1) {
      for (int bi = 0; bi < batch; bi++) {
        piece.run(bi, 0, m);
      }
      return;
    }
    CpuPool.parallelFor(tasks, t -> {
      int bi = t / blocks;
      int i0 = t % blocks * ROWS_PER_TASK;
      piece.run(bi, i0, Math.min(m, i0 + ROWS_PER_TASK));
    });
  }

  /** C = A B for one product in scalar loops, B's rows contiguous (stride 1 along j). */
  static void scalar(int m, int n, int k, int[] a, int ao, int aRow, int aCol, int[] b, int bo,
      int bRow, int[] c, int co) {
    for (int i = 0; i < m; i++) {
      int ci = co + i * n;
      java.util.Arrays.fill(c, ci, ci + n, 0);
      for (int p = 0; p < k; p++) {
        int x = a[ao + i * aRow + p * aCol];
        int bp = bo + p * bRow;
        for (int j = 0; j < n; j++) {
          c[ci + j] += x * b[bp + j];
        }
      }
    }
  }

  /** The int64 {@link #scalar}. */
  static void scalar(int m, int n, int k, long[] a, int ao, int aRow, int aCol, long[] b,
      int bo, int bRow, long[] c, int co) {
    for (int i = 0; i < m; i++) {
      int ci = co + i * n;
      java.util.Arrays.fill(c, ci, ci + n, 0L);
      for (int p = 0; p < k; p++) {
        long x = a[ao + i * aRow + p * aCol];
        int bp = bo + p * bRow;
        for (int j = 0; j < n; j++) {
          c[ci + j] += x * b[bp + j];
        }
      }
    }
  }
}
