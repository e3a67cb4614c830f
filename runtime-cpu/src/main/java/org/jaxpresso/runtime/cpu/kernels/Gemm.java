package org.jaxpresso.runtime.cpu.kernels;

import org.jaxpresso.runtime.cpu.CpuBackend;

/**
 * Batched matrix products on the CPU, the kernel API that {@code dot_general}, the convolution
 * and the fusing compiler call: {@code C[b] = A[b] B[b]} (or {@code +=}) for {@code b < batch},
 * with A m x k, B k x n and C m x n.
 *
 * <p>Operands are addressed BLAS-style in plain Java arrays, with strides in elements:
 * {@code A[b][i][p] = a[aOff + b*aBatch + i*aRow + p*aCol]},
 * {@code B[b][p][j] = b[bOff + b*bBatch + p*bRow + j*bCol]} and
 * {@code C[b][i][j] = c[cOff + b*cBatch + i*ldc + j]}. Any strides work, so a transposed operand
 * is just swapped strides (the packing absorbs it); a batch stride of 0 broadcasts an operand.
 * C must not overlap A or B.
 *
 * <p>With {@code jdk.incubator.vector} present ({@link CpuBackend#simdAvailable()}) the products
 * run {@code GemmDriver} on the register-tiled SIMD {@code MicroKernel} of their type (packed and
 * cache-blocked when large; a B within L1 and a small A are read in place); otherwise scalar
 * loops. Products of at least {@link #PARALLEL_FLOPS} flops use every thread of {@link CpuPool}:
 * contiguous runs of products as tasks when the batch is large enough, else (row block, column
 * range) tasks of each product over a packed B shared by the threads. Accumulation is in the
 * element type (float32 here, float64 for {@link #dgemm}), so each element's error is within the
 * usual {@code (k + 2) u sum_p |A[i][p] B[p][j]|} bound, u the unit roundoff.
 */
public final class Gemm {
  /** Products with fewer flops (2 m n k per batch element) run on the calling thread. */
  public static final long PARALLEL_FLOPS = 1L << 22;

  /** A large batch is cut into this many contiguous runs of products per thread. */
  private static final int CHUNKS_PER_THREAD = 4;

  private Gemm() {}

  /** The product of batch element {@code bi} on {@code threads} threads. */
  private interface Part {
    void run(int bi, int threads);
  }

  /**
   * Float32 batched product, multithreaded when large.
   *
   * @param batch number of products
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff offset of {@code A[0][0][0]} in {@code a}
   * @param aBatch stride between A's batch elements (0 broadcasts A)
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B
   * @param bOff offset of {@code B[0][0][0]} in {@code b}
   * @param bBatch stride between B's batch elements (0 broadcasts B)
   * @param bRow stride between B's rows
   * @param bCol stride between B's columns
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0][0]} in {@code c}
   * @param cBatch stride between C's batch elements
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @throws IllegalArgumentException for negative sizes or strides, or operands that do not
   *     hold every addressed element
   */
  public static void sgemm(int batch, int m, int n, int k,
      float[] a, int aOff, int aBatch, int aRow, int aCol,
      float[] b, int bOff, int bBatch, int bRow, int bCol,
      float[] c, int cOff, int cBatch, int ldc, boolean accumulate) {
    check(batch, m, n, k, a.length, aOff, aBatch, aRow, aCol, b.length, bOff, bBatch, bRow,
        bCol, c.length, cOff, cBatch, ldc);
    split(batch, m, n, k, (bi, threads) -> sgemm1(m, n, k, a, aOff + bi * aBatch, aRow, aCol,
        b, bOff + bi * bBatch, bRow, null, bCol, null, c, cOff + bi * cBatch, ldc, accumulate,
        threads));
  }

  /**
   * {@link #sgemm} on the calling thread only, for callers that parallelize themselves.
   *
   * @param batch number of products
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff offset of {@code A[0][0][0]} in {@code a}
   * @param aBatch stride between A's batch elements (0 broadcasts A)
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B
   * @param bOff offset of {@code B[0][0][0]} in {@code b}
   * @param bBatch stride between B's batch elements (0 broadcasts B)
   * @param bRow stride between B's rows
   * @param bCol stride between B's columns
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0][0]} in {@code c}
   * @param cBatch stride between C's batch elements
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @throws IllegalArgumentException for negative sizes or strides, or operands that do not
   *     hold every addressed element
   */
  public static void sgemmSequential(int batch, int m, int n, int k,
      float[] a, int aOff, int aBatch, int aRow, int aCol,
      float[] b, int bOff, int bBatch, int bRow, int bCol,
      float[] c, int cOff, int cBatch, int ldc, boolean accumulate) {
    check(batch, m, n, k, a.length, aOff, aBatch, aRow, aCol, b.length, bOff, bBatch, bRow,
        bCol, c.length, cOff, cBatch, ldc);
    for (int bi = 0; bi < batch; bi++) {
      sgemm1(m, n, k, a, aOff + bi * aBatch, aRow, aCol, b, bOff + bi * bBatch, bRow, bCol,
          c, cOff + bi * cBatch, ldc, accumulate);
    }
  }

  /**
   * Float64 batched product, multithreaded when large; as {@link #sgemm}.
   *
   * @param batch number of products
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff offset of {@code A[0][0][0]} in {@code a}
   * @param aBatch stride between A's batch elements (0 broadcasts A)
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B
   * @param bOff offset of {@code B[0][0][0]} in {@code b}
   * @param bBatch stride between B's batch elements (0 broadcasts B)
   * @param bRow stride between B's rows
   * @param bCol stride between B's columns
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0][0]} in {@code c}
   * @param cBatch stride between C's batch elements
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @throws IllegalArgumentException for negative sizes or strides, or operands that do not
   *     hold every addressed element
   */
  public static void dgemm(int batch, int m, int n, int k,
      double[] a, int aOff, int aBatch, int aRow, int aCol,
      double[] b, int bOff, int bBatch, int bRow, int bCol,
      double[] c, int cOff, int cBatch, int ldc, boolean accumulate) {
    check(batch, m, n, k, a.length, aOff, aBatch, aRow, aCol, b.length, bOff, bBatch, bRow,
        bCol, c.length, cOff, cBatch, ldc);
    split(batch, m, n, k, (bi, threads) -> dgemm1(m, n, k, a, aOff + bi * aBatch, aRow, aCol,
        b, bOff + bi * bBatch, bRow, null, bCol, null, c, cOff + bi * cBatch, ldc, accumulate,
        threads));
  }

  /**
   * {@link #dgemm} on the calling thread only, for callers that parallelize themselves.
   *
   * @param batch number of products
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff offset of {@code A[0][0][0]} in {@code a}
   * @param aBatch stride between A's batch elements (0 broadcasts A)
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B
   * @param bOff offset of {@code B[0][0][0]} in {@code b}
   * @param bBatch stride between B's batch elements (0 broadcasts B)
   * @param bRow stride between B's rows
   * @param bCol stride between B's columns
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0][0]} in {@code c}
   * @param cBatch stride between C's batch elements
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @throws IllegalArgumentException for negative sizes or strides, or operands that do not
   *     hold every addressed element
   */
  public static void dgemmSequential(int batch, int m, int n, int k,
      double[] a, int aOff, int aBatch, int aRow, int aCol,
      double[] b, int bOff, int bBatch, int bRow, int bCol,
      double[] c, int cOff, int cBatch, int ldc, boolean accumulate) {
    check(batch, m, n, k, a.length, aOff, aBatch, aRow, aCol, b.length, bOff, bBatch, bRow,
        bCol, c.length, cOff, cBatch, ldc);
    for (int bi = 0; bi < batch; bi++) {
      dgemm1(m, n, k, a, aOff + bi * aBatch, aRow, aCol, b, bOff + bi * bBatch, bRow, bCol,
          c, cOff + bi * cBatch, ldc, accumulate);
    }
  }

  /**
   * Float32 product whose B rows start at arbitrary offsets: {@code B[p][j] = b[bOff +
   * bRows[p] + j*bCol]}, so a gather of rows (an implicit im2col: one row per channel and
   * window offset, each reading a shifted image) is packed straight from its source. One
   * matrix, no batch; split over the pool when {@code parallel} and large.
   *
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff offset of {@code A[0][0]} in {@code a}
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B's rows
   * @param bOff base offset added to every entry of {@code bRows}
   * @param bRows offset of each of B's k rows, relative to {@code bOff}
   * @param bCol stride between B's columns
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0]} in {@code c}
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @param parallel whether a large product may use every thread of {@link CpuPool}
   * @throws IllegalArgumentException for negative sizes, strides or offsets, or operands that
   *     do not hold every addressed element
   */
  public static void sgemmRows(int m, int n, int k, float[] a, int aOff, int aRow, int aCol,
      float[] b, int bOff, int[] bRows, int bCol, float[] c, int cOff, int ldc,
      boolean accumulate, boolean parallel) {
    checkRows(m, n, k, a.length, aOff, aRow, aCol, b.length, bOff, bRows, bCol, null, c.length,
        cOff, ldc);
    split(1, m, n, k, (bi, threads) -> sgemm1(m, n, k, a, aOff, aRow, aCol, b, bOff, 0, bRows,
        bCol, null, c, cOff, ldc, accumulate, parallel ? threads : 1));
  }

  /**
   * Float32 product whose B rows and columns both start at arbitrary offsets: {@code B[p][j] =
   * b[bOff + bRows[p] + bCols[j]]}. A convolution's implicit im2col takes one row per (channel,
   * window offset) and one column per output position, so the product writes the output
   * directly, with no columns computed for the padding margin. Runs of consecutive offsets in
   * {@code bCols} are packed with vector copies. One matrix, no batch; split over the pool when
   * {@code parallel} and large.
   *
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff offset of {@code A[0][0]} in {@code a}
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B
   * @param bOff base offset added to every row and column offset
   * @param bRows offset of each of B's k rows, relative to {@code bOff}
   * @param bCols offset of each of B's n columns, relative to a row's start
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0]} in {@code c}
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @param parallel whether a large product may use every thread of {@link CpuPool}
   * @throws IllegalArgumentException for negative sizes, strides or offsets, tables shorter
   *     than k or n, or operands that do not hold every addressed element
   */
  public static void sgemmGather(int m, int n, int k, float[] a, int aOff, int aRow, int aCol,
      float[] b, int bOff, int[] bRows, int[] bCols, float[] c, int cOff, int ldc,
      boolean accumulate, boolean parallel) {
    checkRows(m, n, k, a.length, aOff, aRow, aCol, b.length, bOff, bRows, 1,
        java.util.Objects.requireNonNull(bCols, "bCols"), c.length, cOff, ldc);
    split(1, m, n, k, (bi, threads) -> sgemm1(m, n, k, a, aOff, aRow, aCol, b, bOff, 0, bRows, 1,
        bCols, c, cOff, ldc, accumulate, parallel ? threads : 1));
  }

  /**
   * Float64 {@link #sgemmRows}: B's rows start at arbitrary offsets.
   *
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff offset of {@code A[0][0]} in {@code a}
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B's rows
   * @param bOff base offset added to every entry of {@code bRows}
   * @param bRows offset of each of B's k rows, relative to {@code bOff}
   * @param bCol stride between B's columns
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0]} in {@code c}
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @param parallel whether a large product may use every thread of {@link CpuPool}
   * @throws IllegalArgumentException for negative sizes, strides or offsets, or operands that
   *     do not hold every addressed element
   */
  public static void dgemmRows(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int[] bRows, int bCol, double[] c, int cOff, int ldc,
      boolean accumulate, boolean parallel) {
    checkRows(m, n, k, a.length, aOff, aRow, aCol, b.length, bOff, bRows, bCol, null, c.length,
        cOff, ldc);
    split(1, m, n, k, (bi, threads) -> dgemm1(m, n, k, a, aOff, aRow, aCol, b, bOff, 0, bRows,
        bCol, null, c, cOff, ldc, accumulate, parallel ? threads : 1));
  }

  /**
   * Float64 product whose B rows and columns both start at arbitrary offsets: {@code B[p][j] =
   * b[bOff + bRows[p] + bCols[j]]}. A convolution's implicit im2col takes one row per (channel,
   * window offset) and one column per output position, so the product writes the output
   * directly, with no columns computed for the padding margin. Runs of consecutive offsets in
   * {@code bCols} are packed with vector copies. One matrix, no batch; split over the pool when
   * {@code parallel} and large.
   *
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff offset of {@code A[0][0]} in {@code a}
   * @param aRow stride between A's rows
   * @param aCol stride between A's columns
   * @param b array holding B
   * @param bOff base offset added to every row and column offset
   * @param bRows offset of each of B's k rows, relative to {@code bOff}
   * @param bCols offset of each of B's n columns, relative to a row's start
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0]} in {@code c}
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @param parallel whether a large product may use every thread of {@link CpuPool}
   * @throws IllegalArgumentException for negative sizes, strides or offsets, tables shorter
   *     than k or n, or operands that do not hold every addressed element
   */
  public static void dgemmGather(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int[] bRows, int[] bCols, double[] c, int cOff, int ldc,
      boolean accumulate, boolean parallel) {
    checkRows(m, n, k, a.length, aOff, aRow, aCol, b.length, bOff, bRows, 1,
        java.util.Objects.requireNonNull(bCols, "bCols"), c.length, cOff, ldc);
    split(1, m, n, k, (bi, threads) -> dgemm1(m, n, k, a, aOff, aRow, aCol, b, bOff, 0, bRows, 1,
        bCols, c, cOff, ldc, accumulate, parallel ? threads : 1));
  }

  /**
   * Float32 product whose A is read through a row and a column table: {@code A[i][p] = a[aOff +
   * aRows[i] + aCols[p]]}, B and C row-major with strides {@code bRow} and {@code ldc}. A
   * channels-last convolution takes one row per output position and one column per (window
   * offset, input channel), so the product reads the padded image in place of an im2col and
   * writes a channels-last output. Runs of consecutive offsets in {@code aCols} are copied at
   * once. One matrix, no batch; split over the pool when {@code parallel} and large.
   *
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff base offset added to every row and column offset
   * @param aRows offset of each of A's m rows, relative to {@code aOff}
   * @param aCols offset of each of A's k columns, relative to a row's start
   * @param b array holding B
   * @param bOff offset of {@code B[0][0]} in {@code b}
   * @param bRow stride between B's rows (its columns are contiguous)
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0]} in {@code c}
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @param parallel whether a large product may use every thread of {@link CpuPool}
   * @throws IllegalArgumentException for negative sizes, strides or offsets, tables shorter
   *     than m or k, or operands that do not hold every addressed element
   */
  public static void sgemmGatherA(int m, int n, int k, float[] a, int aOff, int[] aRows,
      int[] aCols, float[] b, int bOff, int bRow, float[] c, int cOff, int ldc, boolean accumulate,
      boolean parallel) {
    checkGatherA(m, n, k, a.length, aOff, aRows, aCols);
    check(1, m, n, k, Integer.MAX_VALUE, 0, 0, 0, 0, b.length, bOff, 0, bRow, 1, c.length, cOff,
        0, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (!CpuBackend.simdAvailable() || k == 0) {
      for (int i = 0; i < m; i++) {
        int ci = cOff + i * ldc;
        if (!accumulate) {
          java.util.Arrays.fill(c, ci, ci + n, 0f);
        }
        for (int p = 0; p < k; p++) {
          float x = a[aOff + aRows[i] + aCols[p]];
          int bp = bOff + p * bRow;
          for (int j = 0; j < n; j++) {
            c[ci + j] += x * b[bp + j];
          }
        }
      }
      return;
    }
    int threads = parallel && 2L * m * n * k >= PARALLEL_FLOPS ? CpuPool.threads() : 1;
    new PackedGemm(FloatMicroKernel.INSTANCE, m, n, k, a, aOff, 0, 1, b, bOff, bRow, null, 1, null,
        c, cOff, ldc, accumulate).gatherA(aRows, aCols).run(threads);
  }

  /**
   * Float64 product whose A is read through a row and a column table: {@code A[i][p] = a[aOff +
   * aRows[i] + aCols[p]]}, B and C row-major with strides {@code bRow} and {@code ldc}. A
   * channels-last convolution takes one row per output position and one column per (window
   * offset, input channel), so the product reads the padded image in place of an im2col and
   * writes a channels-last output. Runs of consecutive offsets in {@code aCols} are copied at
   * once. One matrix, no batch; split over the pool when {@code parallel} and large.
   *
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B (the contracted size)
   * @param a array holding A
   * @param aOff base offset added to every row and column offset
   * @param aRows offset of each of A's m rows, relative to {@code aOff}
   * @param aCols offset of each of A's k columns, relative to a row's start
   * @param b array holding B
   * @param bOff offset of {@code B[0][0]} in {@code b}
   * @param bRow stride between B's rows (its columns are contiguous)
   * @param c array receiving C
   * @param cOff offset of {@code C[0][0]} in {@code c}
   * @param ldc stride between C's rows
   * @param accumulate {@code true} adds to C, {@code false} overwrites it
   * @param parallel whether a large product may use every thread of {@link CpuPool}
   * @throws IllegalArgumentException for negative sizes, strides or offsets, tables shorter
   *     than m or k, or operands that do not hold every addressed element
   */
  public static void dgemmGatherA(int m, int n, int k, double[] a, int aOff, int[] aRows,
      int[] aCols, double[] b, int bOff, int bRow, double[] c, int cOff, int ldc,
      boolean accumulate, boolean parallel) {
    checkGatherA(m, n, k, a.length, aOff, aRows, aCols);
    check(1, m, n, k, Integer.MAX_VALUE, 0, 0, 0, 0, b.length, bOff, 0, bRow, 1, c.length, cOff,
        0, ldc);
    if (m == 0 || n == 0) {
      return;
    }
    if (!CpuBackend.simdAvailable() || k == 0) {
      for (int i = 0; i < m; i++) {
        int ci = cOff + i * ldc;
        if (!accumulate) {
          java.util.Arrays.fill(c, ci, ci + n, 0.0);
        }
        for (int p = 0; p < k; p++) {
          double x = a[aOff + aRows[i] + aCols[p]];
          int bp = bOff + p * bRow;
          for (int j = 0; j < n; j++) {
            c[ci + j] += x * b[bp + j];
          }
        }
      }
      return;
    }
    int threads = parallel && 2L * m * n * k >= PARALLEL_FLOPS ? CpuPool.threads() : 1;
    new PackedGemm(DoubleMicroKernel.INSTANCE, m, n, k, a, aOff, 0, 1, b, bOff, bRow, null, 1, null,
        c, cOff, ldc, accumulate).gatherA(aRows, aCols).run(threads);
  }

  private static void checkGatherA(int m, int n, int k, int aLen, int aOff, int[] aRows,
      int[] aCols) {
    if (m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm sizes must be nonnegative, got m=" + m + " n=" + n
          + " k=" + k);
    }
    if (aRows.length < m) {
      throw new IllegalArgumentException("gemm row table for A has " + aRows.length
          + " entries, needs m=" + m);
    }
    if (aCols.length < k) {
      throw new IllegalArgumentException("gemm column table for A has " + aCols.length
          + " entries, needs k=" + k);
    }
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int p = 0; p < k; p++) {
      lo = Math.min(lo, aCols[p]);
      hi = Math.max(hi, aCols[p]);
    }
    for (int i = 0; i < m; i++) {
      long row = (long) aOff + aRows[i];
      if (row + lo < 0 || row + hi >= aLen) {
        throw new IllegalArgumentException("gemm operand A addresses elements " + (row + lo)
            + " to " + (row + hi) + " in row " + i + " but its array holds " + aLen);
      }
    }
  }

  private static void checkRows(int m, int n, int k, int aLen, int aOff, int aRow, int aCol,
      int bLen, int bOff, int[] bRows, int bCol, int[] bCols, int cLen, int cOff, int ldc) {
    check(1, m, n, k, aLen, aOff, 0, aRow, aCol, Integer.MAX_VALUE, 0, 0, 0, 0, cLen, cOff, 0,
        ldc);
    if (bRows.length < k) {
      throw new IllegalArgumentException("gemm row table for B has " + bRows.length
          + " entries, needs k=" + k);
    }
    if (bCols != null && bCols.length < n) {
      throw new IllegalArgumentException("gemm column table for B has " + bCols.length
          + " entries, needs n=" + n);
    }
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    if (bCols == null) {
      for (int p = 0; p < k; p++) {
        checkOperand("B", bLen, bOff + bRows[p], 1, 0, 1, 0, n, bCol);
      }
      return;
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int j = 0; j < n; j++) {
      lo = Math.min(lo, bCols[j]);
      hi = Math.max(hi, bCols[j]);
    }
    for (int p = 0; p < k; p++) {
      long row = (long) bOff + bRows[p];
      if (row + lo < 0 || row + hi >= bLen) {
        throw new IllegalArgumentException("gemm operand B addresses elements " + (row + lo)
            + " to " + (row + hi) + " in row " + p + " but its array holds " + bLen);
      }
    }
  }

  private static void sgemm1(int m, int n, int k, float[] a, int aOff, int aRow, int aCol,
      float[] b, int bOff, int bRow, int bCol, float[] c, int cOff, int ldc, boolean acc) {
    sgemm1(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, null, bCol, null, c, cOff, ldc, acc, 1);
  }

  private static void sgemm1(int m, int n, int k, float[] a, int aOff, int aRow, int aCol,
      float[] b, int bOff, int bRow, int[] bRows, int bCol, int[] bCols, float[] c, int cOff,
      int ldc, boolean acc, int threads) {
    if (!CpuBackend.simdAvailable()) {
      ScalarGemm.sgemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bRows, bCol, bCols, c, cOff,
          ldc, acc);
    } else {
      GemmDriver.gemm(FloatMicroKernel.INSTANCE, m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bRows,
          bCol, bCols, c, cOff, ldc, acc, m == 1 || n == 1 ? 1 : threads);
    }
  }

  private static void dgemm1(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int bRow, int bCol, double[] c, int cOff, int ldc, boolean acc) {
    dgemm1(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, null, bCol, null, c, cOff, ldc, acc, 1);
  }

  private static void dgemm1(int m, int n, int k, double[] a, int aOff, int aRow, int aCol,
      double[] b, int bOff, int bRow, int[] bRows, int bCol, int[] bCols, double[] c, int cOff,
      int ldc, boolean acc, int threads) {
    if (!CpuBackend.simdAvailable()) {
      ScalarGemm.dgemm(m, n, k, a, aOff, aRow, aCol, b, bOff, bRow, bRows, bCol, bCols, c, cOff,
          ldc, acc);
    } else {
      GemmDriver.gemm(DoubleMicroKernel.INSTANCE, m, n, k, a, aOff, aRow, aCol, b, bOff, bRow,
          bRows, bCol, bCols, c, cOff, ldc, acc, m == 1 || n == 1 ? 1 : threads);
    }
  }

  /**
   * Runs the batch: on the caller alone when small; contiguous runs of products as tasks
   * when the batch keeps the pool busy; else each product in turn on every thread (shared
   * packed B, A blocks spread).
   */
  private static void split(int batch, int m, int n, int k, Part part) {
    long flops = 2L * batch * m * n * k;
    int threads = CpuPool.threads();
    if (flops < PARALLEL_FLOPS || threads == 1) {
      for (int bi = 0; bi < batch; bi++) {
        part.run(bi, 1);
      }
    } else if (batch >= 2 * threads) {
      // Contiguous runs of products, a few per thread, so each task streams through adjacent
      // memory and a thread slowed by other load still hands its last runs to the others.
      int tasks = Math.min(batch, CHUNKS_PER_THREAD * threads);
      CpuPool.parallelFor(tasks, t -> {
        int end = (int) ((long) (t + 1) * batch / tasks);
        for (int bi = (int) ((long) t * batch / tasks); bi < end; bi++) {
          part.run(bi, 1);
        }
      });
    } else {
      for (int bi = 0; bi < batch; bi++) {
        part.run(bi, threads);
      }
    }
  }

  private static void check(int batch, int m, int n, int k, int aLen, int aOff, int aBatch,
      int aRow, int aCol, int bLen, int bOff, int bBatch, int bRow, int bCol, int cLen,
      int cOff, int cBatch, int ldc) {
    if (batch < 0 || m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("gemm sizes must be nonnegative, got batch=" + batch
          + " m=" + m + " n=" + n + " k=" + k);
    }
    if (batch == 0 || m == 0 || n == 0) {
      return;
    }
    checkOperand("C", cLen, cOff, batch, cBatch, m, ldc, n, 1);
    if (k == 0) {
      return;
    }
    checkOperand("A", aLen, aOff, batch, aBatch, m, aRow, k, aCol);
    checkOperand("B", bLen, bOff, batch, bBatch, k, bRow, n, bCol);
  }

  private static void checkOperand(String name, int len, int off, int batch, int bs, int rows,
      int rs, int cols, int cs) {
    if (off < 0 || bs < 0 || rs < 0 || cs < 0) {
      throw new IllegalArgumentException("gemm operand " + name + " needs a nonnegative offset"
          + " and strides, got offset " + off + ", strides (" + bs + ", " + rs + ", " + cs + ")");
    }
    long last = off + (long) (batch - 1) * bs + (long) (rows - 1) * rs + (long) (cols - 1) * cs;
    if (last >= len) {
      throw new IllegalArgumentException("gemm operand " + name + " addresses element " + last
          + " but its array holds " + len);
    }
  }
}
