package org.jaxpresso.runtime.cpu.codegen;

/**
 * Runs a kernel whose inner segment is short ({@code f32[1000000,10]}: ten points a row, fewer
 * than one vector) over tiles of {@code k} whole rows instead, one segment of {@code k * inner}
 * points per tile, so the generated vector loop runs. A load slot may take part when it steps
 * through consecutive rows contiguously (its row stride is {@code inner} times its stride along
 * the segment, which is 0 or 1), or when it reads the same row in every row (row stride 0,
 * stride 1: a broadcast such as the column means of {@code x - x.mean(0)}), in which case its
 * input is replaced by {@code k} copies of that row. The output map must be contiguous over
 * rows (a loop's stores), or a column accumulator (stride 1, row stride 0), which then folds
 * into a scratch of {@code k * inner} elements that is folded back into the {@code inner}
 * accumulators at the end. Only spaces of one plane (a single outer axis) are tiled; the rows
 * left over after the last whole tile run as before.
 */
final class RowTiling {
  /** Segments shorter than this are tiled. */
  static final int MAX_INNER = 64;

  /** Tiles hold a multiple of this many points (a multiple of every vector length). */
  private static final int QUANTUM = 64;

  /** Rows per tile. */
  final int k;
  /** Points per tile. */
  final int tileLen;
  /** How many whole tiles. */
  final int tiles;
  /** The first point after the last whole tile. */
  final long tailStart;
  /** The row strides of the tiled walk, per map (load slots, then the output). */
  final int[] rowStrides;
  /** The base offsets of the first tile, per load slot. */
  final int[] base;
  /** The output (or scratch accumulator) offset of the first tile. */
  final int outBase;
  /** Per input argument: the element offset of the row to replicate, or -1. */
  private final int[] replicateFrom;
  private final int inner;

  private RowTiling(int k, int tiles, long tailStart, int[] rowStrides, int[] base, int outBase,
      int[] replicateFrom, int inner) {
    this.k = k;
    this.tileLen = k * inner;
    this.tiles = tiles;
    this.tailStart = tailStart;
    this.rowStrides = rowStrides;
    this.base = base;
    this.outBase = outBase;
    this.replicateFrom = replicateFrom;
    this.inner = inner;
  }

  /**
   * The tiling of a walk, or null when it does not apply or would not pay.
   *
   * @param seg the walk
   * @param slotArg for each load slot, its argument in {@code in}
   * @param args how many arguments {@code in} has
   * @param accumulate whether the output map is a column accumulator (reductions) rather than
   *     stores
   */
  static RowTiling of(Segments seg, int[] slotArg, int args, boolean accumulate) {
    int inner = seg.inner;
    if (seg.outerDims.length != 1 || inner <= 0 || inner >= MAX_INNER) {
      return null;
    }
    int k = lcm(inner, QUANTUM) / inner;
    long rows = seg.rows;
    if (rows < 2L * k) {
      return null;
    }
    int slots = slotArg.length;
    int[] replicateFrom = new int[args];
    java.util.Arrays.fill(replicateFrom, -1);
    boolean[] contiguousArg = new boolean[args];
    int[] rowStrides = new int[slots + 1];
    int[] base = new int[slots];
    for (int l = 0; l < slots; l++) {
      long s = seg.innerStride[l];
      long r = seg.rowStrides[l];
      int a = slotArg[l];
      if ((s == 0 || s == 1) && r == inner * s) {
        contiguousArg[a] = true;
        rowStrides[l] = Math.toIntExact(r * k);
        base[l] = Math.toIntExact(seg.c0[l]);
      } else if (s == 1 && r == 0) {
        int from = Math.toIntExact(seg.c0[l]);
        if (replicateFrom[a] >= 0 && replicateFrom[a] != from) {
          return null;
        }
        replicateFrom[a] = from;
        rowStrides[l] = 0;
        base[l] = 0;
      } else {
        return null;
      }
    }
    for (int a = 0; a < args; a++) {
      if (contiguousArg[a] && replicateFrom[a] >= 0) {
        return null;
      }
    }
    int out = slots;
    long os = seg.innerStride[out];
    long or = seg.rowStrides[out];
    int outBase;
    if (accumulate) {
      if (os != 1 || or != 0) {
        return null;
      }
      rowStrides[out] = 0;
      outBase = 0;
    } else {
      if (os != 1 || or != inner) {
        return null;
      }
      rowStrides[out] = Math.toIntExact(or * k);
      outBase = Math.toIntExact(seg.c0[out]);
    }
    if ((long) k * inner * 4 > Integer.MAX_VALUE) {
      return null;
    }
    int tiles = (int) (rows / k);
    return new RowTiling(k, tiles, (long) tiles * k * inner, rowStrides, base, outBase,
        replicateFrom, inner);
  }

  private static int lcm(int a, int b) {
    int x = a;
    int y = b;
    while (y != 0) {
      int t = x % y;
      x = y;
      y = t;
    }
    return a / x * b;
  }

  /** {@code in} with each replicated argument replaced by {@code k} copies of its row. */
  Object[] inputs(Object[] in) {
    Object[] t = in.clone();
    for (int a = 0; a < replicateFrom.length; a++) {
      if (replicateFrom[a] >= 0) {
        Object src = in[a];
        Object rep = java.lang.reflect.Array.newInstance(src.getClass().getComponentType(),
            tileLen);
        for (int q = 0; q < k; q++) {
          System.arraycopy(src, replicateFrom[a], rep, q * inner, inner);
        }
        t[a] = rep;
      }
    }
    return t;
  }

  /** The load offsets of tile {@code t}'s first point (a fresh array). */
  int[] baseOf(int t) {
    int[] b = base.clone();
    for (int l = 0; l < b.length; l++) {
      b[l] += t * rowStrides[l];
    }
    return b;
  }

  /** The output offset of tile {@code t}'s first point. */
  int outOf(int t) {
    return outBase + t * rowStrides[rowStrides.length - 1];
  }

  /** The tiles of task {@code task} of {@code tasks}: {@code [from, to)}. */
  int[] range(int task, int tasks) {
    long per = (tiles + tasks - 1L) / tasks;
    return new int[] {(int) Math.min(tiles, task * per), (int) Math.min(tiles, (task + 1) * per)};
  }
}
