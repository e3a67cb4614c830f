package org.jaxpresso.runtime.cpu.kernels;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One packed product {@code C (+)= A B} (the Goto/BLIS loop nest) for {@link GemmDriver}, any
 * element type, on one thread or several. Operands are addressed as in {@link Gemm#sgemm}, B's rows
 * optionally through a row table.
 *
 * <p>k is cut into depth blocks of equal size, at most {@link #KC_BYTES} / element size deep
 * (512 float32, 256 float64), or 5/4 of that where it saves a pass ({@link #depth}). A is
 * handled per task in row blocks of at most {@link #A_BLOCK_BYTES} (in L2): a small A whose rows
 * are contiguous in k is read in place ({@link #IN_PLACE_A_BYTES}), a larger one packed as rows
 * ({@link MicroKernel#packRows}), a strided one as {@link MicroKernel#mr}-row panels. B is packed
 * in {@code kc} x {@code nr} panels, each once, on first use, into one buffer that holds all k
 * rows of a block of up to {@link #B_BLOCK_BYTES} of columns (all of a 1024 x 1024 B; in L3) and
 * that every task reads; with a single row block each panel is used once, so groups of panels
 * ({@link #B_GROUP_BYTES}) are packed together into a private scratch (in L2) just before use.
 * The work is cut into (row block, column range) tasks, several per thread, handed out
 * by {@link CpuPool}; a task that needs a B panel another thread is still packing packs a private
 * copy instead of waiting, so the threads never wait for each other until the end (on a shared
 * machine a barrier waits for whichever thread was descheduled).
 */
final class PackedGemm {
  /**
   * Largest depth of a packed block (the k extent of one rank-kc update) times the element
   * size: 512 float32 or 256 float64. Every pass over k loads and stores all of C, so deeper
   * blocks halve that traffic; float32 at 512 measured 4-8% faster than 256 at 1024 and 2048
   * (ADR 0016). The depth used is k split into equal blocks no deeper than this, or than 5/4
   * of it where that saves a pass ({@link #depth}).
   */
  static final int KC_BYTES = 2048;
  /**
   * Bytes of the group of B panels that a single row block packs at once into a per-thread
   * scratch (in L2): packed row by row, B is read in runs of a whole group's columns, which
   * keeps flat products (64 x 3136 x 576) at their best speed where panel by panel sometimes
   * fell to two thirds of it (ADR 0016).
   */
  static final int B_GROUP_BYTES = 512 * 1024;
  /**
   * Bytes of a block of A (mc rows of kc elements, or of lda when packed as rows), kept in L2
   * (1 MiB per core on the Zen 5 measured; 480 KiB was faster than 120 or 240 KiB at 1024^2 on
   * two threads, ADR 0016).
   */
  static final int A_BLOCK_BYTES = 480 * 1024;
  /**
   * Largest A, in bytes, whose full row tiles are read in place rather than packed, when its
   * rows are contiguous in k and their stride is not a multiple of 4 KiB (eight rows on one
   * cache set): packing such an A copies what the tiles would read from L2 anyway (64 x 128^3
   * batched: 9% of the time in the copies).
   */
  static final long IN_PLACE_A_BYTES = 256 * 1024;
  /** Bytes of the packed B that the tasks share (all k rows of a block of columns). */
  static final long B_BLOCK_BYTES = 4L << 20;
  private static final int PACKING = 1;
  private static final int PACKED = 2;

  private final MicroKernel kn;
  private final int m;
  private final int n;
  private final int k;
  private final Object a;
  private final int aOff;
  private final int aRow;
  private final int aCol;
  private final Object b;
  private final int bOff;
  private final int bRow;
  private final int[] bRows;
  private final int bCol;
  private final int[] bCols;
  private final Object c;
  private final int cOff;
  private final int ldc;
  private final boolean acc;
  private final int mr;
  private final int nr;
  private final int tiles;
  /** Depth of every packed block but possibly the last: see {@link #depth}. */
  private final int kcMax;
  /** Whether A's rows are contiguous in k, so A is packed as rows (see MicroKernel#packRows). */
  private final boolean rowsA;
  /** Stride between packed rows of A: kcMax and one cache line, so rows start in other sets. */
  private final int lda;
  /** Whether full row tiles read A in place (see IN_PLACE_A_BYTES); a partial one is packed. */
  private boolean inPlaceA;
  /** Row and column tables of A ({@link #gatherA}), or null. */
  private int[] aRows;
  private int[] aCols;
  // Set per block of columns by run().
  private Object bp;
  private int blocks;
  private int mcMax;
  private int parts;
  private int jc;
  private int nc;
  private int panels;
  private AtomicIntegerArray state;
  private int threads;

  PackedGemm(MicroKernel kn, int m, int n, int k, Object a, int aOff, int aRow, int aCol,
      Object b, int bOff, int bRow, int[] bRows, int bCol, int[] bCols, Object c, int cOff,
      int ldc, boolean acc) {
    this.kn = kn;
    this.m = m;
    this.n = n;
    this.k = k;
    this.a = a;
    this.aOff = aOff;
    this.aRow = aRow;
    this.aCol = aCol;
    this.b = b;
    this.bOff = bOff;
    this.bRow = bRow;
    this.bRows = bRows;
    this.bCol = bCol;
    this.bCols = bCols;
    this.c = c;
    this.cOff = cOff;
    this.ldc = ldc;
    this.acc = acc;
    this.nr = kn.nr;
    this.mr = kn.mr;
    this.tiles = (m + mr - 1) / mr;
    this.kcMax = depth(k, KC_BYTES / kn.size);
    this.rowsA = aCol == 1;
    this.lda = kcMax + 64 / kn.size;
    this.inPlaceA = rowsA && (long) m * k * kn.size <= IN_PLACE_A_BYTES
        && (long) aRow * kn.size % 4096 != 0;
  }

  /**
   * The depth of k's blocks: k split evenly into the fewest blocks of at most {@code max}, or
   * of at most 5/4 {@code max} where that saves a pass (k = 576, a 3x3x64 convolution, as one
   * pass of 576 measured 6% faster than two of 288; 1024 and 2048 still split at 512).
   */
  static int depth(int k, int max) {
    int passes = Math.max(1, (k + max - 1) / max);
    int stretched = Math.max(1, (k + max * 5 / 4 - 1) / (max * 5 / 4));
    if (stretched < passes) {
      passes = stretched;
    }
    return (k + passes - 1) / passes;
  }

  /**
   * Reads A through tables instead of its strides: {@code A[i][p] = a[aOff + rows[i] +
   * cols[p]]}, packed as rows, each row's runs of consecutive column offsets copied at once (a
   * channels-last convolution: one row per output position, runs of one window offset's
   * channels).
   *
   * @return this product
   */
  PackedGemm gatherA(int[] rows, int[] cols) {
    this.aRows = rows;
    this.aCols = cols;
    this.inPlaceA = false;
    return this;
  }

  /** Runs the product on up to {@code threads} threads (1: the caller alone). */
  void run(int threads) {
    this.threads = threads;
    int tilesPerBlock = Math.max(1, A_BLOCK_BYTES / ((rowsA ? lda : kcMax) * kn.size) / mr);
    long budget = B_BLOCK_BYTES / kn.size / k / nr * nr;
    int ncMax = (int) Math.max(nr, Math.min((long) (n + nr - 1) / nr * nr, budget));
    // Row blocks of whole tiles, balanced, at most mc rows; with threads, at least
    // TASKS_PER_THREAD per thread (a multiple of the thread count) where m allows, and when it
    // does not, the columns are cut into ranges too.
    int want = GemmDriver.TASKS_PER_THREAD * threads;
    blocks = (tiles + tilesPerBlock - 1) / tilesPerBlock;
    if (threads > 1) {
      blocks = Math.min(tiles, (Math.max(blocks, want) + threads - 1) / threads * threads);
    }
    mcMax = (tiles + blocks - 1) / blocks * mr;
    bp = blocks == 1 ? null : kn.buffer(1, ncMax * k);
    for (jc = 0; jc < n; jc += ncMax) {
      nc = Math.min(ncMax, n - jc);
      panels = (nc + nr - 1) / nr;
      if (threads == 1) {
        parts = 1;
        state = null;
        for (int t = 0; t < blocks; t++) {
          task(t);
        }
      } else {
        parts = Math.min(panels, (want + blocks - 1) / blocks);
        state = blocks == 1 ? null : new AtomicIntegerArray(panels * ((k + kcMax - 1) / kcMax));
        CpuPool.parallelFor(blocks * parts, this::task);
      }
    }
  }

  /** Task t: the rows of one row block times the columns of one range, over all of k. */
  private void task(int t) {
    int blk = t / parts;
    int part = t % parts;
    int ic = Math.min(m, blk * tiles / blocks * mr);
    int mc = Math.min(m, (blk + 1) * tiles / blocks * mr) - ic;
    int p0 = part * panels / parts;
    int p1 = (part + 1) * panels / parts;
    if (mc <= 0 || p1 <= p0) {
      return;
    }
    Object ap = kn.buffer(0, inPlaceA ? mr * lda : mcMax * (rowsA ? lda : kcMax));
    for (int pc = 0; pc < k; pc += kcMax) {
      int kc = Math.min(kcMax, k - pc);
      if (inPlaceA) {
        int full = mc - mc % mr;
        if (full < mc) {
          kn.packRows(a, aOff + (ic + full) * aRow + pc, aRow, mc - full, kc, lda, ap);
        }
      } else if (aRows != null) {
        kn.packRowsGather(a, aOff, aRows, ic, mc, aCols, pc, kc, lda, ap);
      } else if (rowsA) {
        kn.packRows(a, aOff + ic * aRow + pc, aRow, mc, kc, lda, ap);
      } else {
        kn.packA(a, aOff + ic * aRow + pc * aCol, aRow, aCol, mc, kc, ap);
      }
      // With a shared B, tasks that run at the same time start at different panels (task t at
      // the (t mod threads)-th part of its range, wrapping around), so that they pack disjoint
      // panels and then read each other's instead of packing private copies in lockstep.
      int count = p1 - p0;
      int rot = state == null ? 0 : t % threads * count / threads;
      for (int i = 0; i < count; i++) {
        int panel = p0 + (i + rot) % count;
        panel(blk == 0, ic, mc, pc, kc, ap, panel, p0, p1);
      }
    }
  }

  /**
   * Rows [ic, ic + mc) times one B panel over rows [pc, pc + kc) of k, packing the panel first
   * if nobody has ({@code first}: this is the first row block, on one thread).
   */
  private void panel(boolean first, int ic, int mc, int pc, int kc, Object ap, int panel,
      int p0, int p1) {
    int jr = panel * nr;
    int w = Math.min(nr, nc - jr);
    Object src = bp;
    int bo = pc * panels * nr + jr * kc;
    if (blocks == 1) {
      // The only row block: each panel is used once, right away, from a private scratch that
      // holds a group of panels, packed together row by row (B read in long contiguous runs).
      int group = Math.max(1, B_GROUP_BYTES / (kcMax * nr * kn.size));
      int g = (panel - p0) % group;
      src = kn.buffer(3, group * kcMax * nr);
      bo = g * kc * nr;
      if (g == 0) {
        int gw = Math.min(Math.min(p1 - panel, group) * nr, nc - jr);
        packB(jc + jr, pc, kc, gw, src, 0);
      }
    } else if (state == null ? first : state.get(pc / kcMax * panels + panel) != PACKED) {
      int i = pc / kcMax * panels + panel;
      if (state == null || state.compareAndSet(i, 0, PACKING)) {
        packB(jc + jr, pc, kc, w, bp, bo);
        if (state != null) {
          state.set(i, PACKED);
        }
      } else if (state.get(i) != PACKED) {
        // Another thread is packing it: pack a private copy rather than wait.
        src = kn.buffer(3, kcMax * nr);
        bo = 0;
        packB(jc + jr, pc, kc, w, src, 0);
      }
    }
    boolean load = acc || pc > 0;
    int co = cOff + ic * ldc + jc + jr;
    for (int ir = 0; ir < mc; ir += mr) {
      boolean full = ir + mr <= mc && w == nr;
      Object dst = full ? c : kn.buffer(2, mr * nr);
      int d = full ? co + ir * ldc : 0;
      int ld = full ? ldc : nr;
      if (inPlaceA) {
        if (ir + mr <= mc) {
          kn.tileRows(kc, a, aOff + (ic + ir) * aRow + pc, aRow, src, bo, dst, d, ld,
              load && full);
        } else {
          kn.tileRows(kc, ap, 0, lda, src, bo, dst, d, ld, load && full);
        }
      } else if (rowsA) {
        kn.tileRows(kc, ap, ir * lda, lda, src, bo, dst, d, ld, load && full);
      } else {
        kn.tilePacked(kc, ap, ir * kc, src, bo, dst, d, ld, load && full);
      }
      if (!full) {
        kn.addCorner(dst, Math.min(mr, mc - ir), w, c, co + ir * ldc, ldc, load);
      }
    }
  }

  /** Packs columns [j, j + w) of B's rows [pc, pc + kc) into panels from {@code dst[d0]} on. */
  private void packB(int j, int pc, int kc, int w, Object dst, int d0) {
    if (bCols == null) {
      kn.packB(b, bOff + j * bCol, bRow, bRows, pc, bCol, kc, w, dst, d0);
    } else {
      kn.packGather(b, bOff, bRow, bRows, pc, kc, bCols, j, w, dst, d0);
    }
  }
}
