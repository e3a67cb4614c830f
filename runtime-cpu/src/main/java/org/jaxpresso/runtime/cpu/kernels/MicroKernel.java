package org.jaxpresso.runtime.cpu.kernels;

/**
 * What {@link GemmDriver} needs from one element type: packing, the register tile, the lean
 * path for small products and the scratch buffers. Everything else (the loop nest, cache
 * blocking, edge tiles, threading, the choice of path) lives once in the driver, which handles
 * operands as {@code Object} (a {@code float[]} or {@code double[]}); an implementation casts
 * them once per call. The two implementations ({@link FloatMicroKernel}, {@link
 * DoubleMicroKernel}) differ only in their vector type.
 *
 * <p>The register tile is {@link #mr} rows by {@link #nr} = two vectors of the preferred
 * species, generated for both row counts ({@code tools/codegen/microkernel_tiles.py}): 8 x 32
 * floats or 8 x 16 doubles on AVX-512 (16 accumulators of its 32 registers; products of 64 or
 * 128 rows fill whole tiles), 6 rows elsewhere (12 accumulators, two B vectors and one
 * broadcast within AVX2's 16 registers). With the data in L1 either runs at 97-99% of the FMA
 * peak; taller and wider tiles (12 or 14 rows, 3 or 4 vectors) measured no faster (ADR 0016).
 */
abstract sealed class MicroKernel permits FloatMicroKernel, DoubleMicroKernel {
  /** Rows of the register tile: 6 or 8. */
  final int mr;

  /** Columns of the register tile: two vectors of the preferred species. */
  final int nr;
  /** Bytes per element. */
  final int size;
  private final ThreadLocal<Object[]> buffers = ThreadLocal.withInitial(() -> new Object[4]);

  MicroKernel(int mr, int lanes, int size) {
    this.mr = mr;
    this.nr = 2 * lanes;
    this.size = size;
  }

  /** A zeroed array of this element type. */
  abstract Object allocate(int n);

  /** The length of an array of this element type. */
  abstract int length(Object array);

  /** Sets {@code c[from, to)} to zero. */
  abstract void zero(Object c, int from, int to);

  /**
   * The register tile, {@code C (+)= A B} over k steps for an {@link #mr} x {@link #nr} block:
   * {@code A[i][p] = a[ao + i*rs + p*cs]}, {@code B[p][j] = b[bo + p*bRow + j]},
   * {@code C[i][j] = c[co + i*ldc + j]}. Packed operands are the case rs = 1, cs = mr,
   * bRow = nr; operands read in place pass their own strides.
   */
  abstract void tile(int k, Object a, int ao, int rs, int cs, Object b, int bo, int bRow,
      Object c, int co, int ldc, boolean load);

  /**
   * {@link #tile} on packed operands (rs = 1, cs = mr, bRow = nr): the same sums, with the
   * strides as constants so that the compiler drops the bounds checks from the loop.
   */
  abstract void tilePacked(int k, Object a, int ao, Object b, int bo, Object c, int co, int ldc,
      boolean load);

  /**
   * {@link #tile} on a packed B (bRow = nr) and an A packed as rows ({@link #packRows}: rs =
   * {@code lda}, cs = 1), the strides constant or loop-invariant so that the compiler drops the
   * bounds checks from the loop.
   */
  abstract void tileRows(int k, Object a, int ao, int lda, Object b, int bo, Object c, int co,
      int ldc, boolean load);

  /**
   * Adds (or, unless {@code load}, copies) the top-left {@code mr} x {@code nr} corner of a
   * tile held row-major with row stride {@link #nr} in {@code tile} to C.
   */
  abstract void addCorner(Object tile, int mr, int nr, Object c, int co, int ldc, boolean load);

  /**
   * Packs an mc x kc block of A ({@code A[i][p] = a[off + i*rs + p*cs]}) into {@link #mr}-row
   * panels from {@code dst[0]} on, each kc steps of mr values, zero-filling the last panel.
   */
  abstract void packA(Object a, int off, int rs, int cs, int mc, int kc, Object dst);

  /**
   * Packs an mc x kc block of A whose rows are contiguous in k ({@code A[i][p] = a[off + i*rs +
   * p]}) as rows: row i at {@code dst[i * lda]}, rows from mc up to the next multiple of
   * {@link #mr} zero-filled. Each row is one array copy, where {@link #packA}'s interleaving
   * moves element by element; the tile then reads mr sequential streams ({@link #tileRows}).
   */
  final void packRows(Object a, int off, int rs, int mc, int kc, int lda, Object dst) {
    for (int i = 0; i < mc; i++) {
      System.arraycopy(a, off + i * rs, dst, i * lda, kc);
    }
    int padded = (mc + mr - 1) / mr * mr;
    for (int i = mc; i < padded; i++) {
      zero(dst, i * lda, i * lda + kc);
    }
  }

  /**
   * {@link #packRows} through tables: rows [i0, i0 + mc) of A, columns [pc, pc + kc), element
   * (i, p) at {@code a[off + rows[i] + cols[p]]}; each row is copied as the runs of consecutive
   * offsets in {@code cols}, one array copy per run.
   */
  final void packRowsGather(Object a, int off, int[] rows, int i0, int mc, int[] cols, int pc,
      int kc, int lda, Object dst) {
    int[] runs = runs(cols, pc, kc, kc);
    for (int i = 0; i < mc; i++) {
      int src = off + rows[i0 + i];
      for (int r = 0; r < runs.length; r += 3) {
        System.arraycopy(a, src + runs[r + 1], dst, i * lda + runs[r], runs[r + 2]);
      }
    }
    int padded = (mc + mr - 1) / mr * mr;
    for (int i = mc; i < padded; i++) {
      zero(dst, i * lda, i * lda + kc);
    }
  }

  /**
   * Packs rows [pc, pc + kc) of a kc x nc block of B into {@link #nr}-column panels, each kc
   * rows of nr values, from {@code dst[d0]} on, zero-filling the last panel; column j of row p
   * is {@code b[off + rows[p] + j*cs]}, or {@code b[off + p*rs + j*cs]} without a table.
   */
  abstract void packB(Object b, int off, int rs, int[] rows, int pc, int cs, int kc, int nc,
      Object dst, int d0);

  /**
   * {@link #packB} through a column table: columns [j0, j0 + nc) of rows [pc, pc + kc), column
   * j of row p at {@code b[off + rows[p] + cols[j]]} (p * rs without a row table), into
   * nr-column panels from {@code dst[d0]} on, zero-filling the last panel. Each panel row is
   * copied as the runs of consecutive offsets it holds ({@link #runs}), with vector copies.
   */
  abstract void packGather(Object b, int off, int rs, int[] rows, int pc, int kc, int[] cols,
      int j0, int nc, Object dst, int d0);

  /**
   * The runs of consecutive offsets in {@code cols[j0, j0 + nc)}, cut at panel boundaries, as
   * triples (column within the block, source offset, length); consecutive means each offset is
   * the previous one plus 1.
   */
  final int[] runs(int[] cols, int j0, int nc) {
    return runs(cols, j0, nc, nr);
  }

  /** {@link #runs(int[], int, int)}, cut every {@code cut} columns instead of every panel. */
  static int[] runs(int[] cols, int j0, int nc, int cut) {
    int[] out = new int[12];
    int count = 0;
    int j = 0;
    while (j < nc) {
      int end = Math.min(nc, (j / cut + 1) * cut);
      int len = 1;
      while (j + len < end && cols[j0 + j + len] == cols[j0 + j] + len) {
        len++;
      }
      if (count + 3 > out.length) {
        out = java.util.Arrays.copyOf(out, out.length * 2);
      }
      out[count] = j;
      out[count + 1] = cols[j0 + j];
      out[count + 2] = len;
      count += 3;
      j += len;
    }
    return java.util.Arrays.copyOf(out, count);
  }

  /** A small or matrix-vector product without packing; see {@link Gemm#sgemm}. */
  abstract void lean(int m, int n, int k, Object a, int aOff, int aRow, int aCol, Object b,
      int bOff, int bRow, int bCol, Object c, int cOff, int ldc, boolean acc);


  /**
   * This thread's scratch array number {@code slot} (0: packed A, 1: the shared packed B, 2: a
   * tile, 3: B panels packed for this thread alone: a group of panels, a private copy, or the
   * direct path's zero-padded edge panel), grown to at least {@code n} elements; its contents
   * are left over from earlier calls.
   */
  final Object buffer(int slot, int n) {
    Object[] b = buffers.get();
    if (b[slot] == null || length(b[slot]) < n) {
      b[slot] = allocate(n);
    }
    return b[slot];
  }
}
