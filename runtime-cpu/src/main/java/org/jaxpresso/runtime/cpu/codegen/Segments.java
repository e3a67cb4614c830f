package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * How a kernel walks its index space: axes of extent 1 are dropped and trailing axes merge
 * into one contiguous inner segment as long as every affine map (each load slot, then the
 * output or accumulator map last) steps through them with one stride. The remaining outer axes
 * are walked in row-major order: the last of them (the row axis) inside the generated body,
 * with {@link #rowStrides} per map, the others (planes) here; each run of segments is handed to
 * a {@link Sink} with the offsets of its first point.
 */
final class Segments {
  /** Receives a run of segments. */
  interface Sink {
    /**
     * {@code rows} segments of {@code n} points; the first starts at {@code base}/{@code out},
     * segment {@code r} {@code r * rowStride[k]} elements later.
     */
    void segment(int[] base, int out, int n, int rows);
  }

  final int[] outerDims;
  /** [map][outer axis] coefficients. */
  final long[][] outerCoef;
  final long[] c0;
  /** The stride of each map along the inner segment. */
  final long[] innerStride;
  /** The inner segment's length. */
  final int inner;
  /** The number of segments (rows). */
  final long rows;
  /** The number of points. */
  final long total;
  /** The number of segments in a plane (the extent of the row axis, or 1). */
  final int rowCount;
  /** The element stride of each map along the row axis (read-only, passed to bodies). */
  final int[] rowStrides;
  /** The load offsets of a space that is a single plane (read-only, shared); else null. */
  final int[] singleBase;
  /** The output offset of a single-segment space. */
  final int singleOut;

  Segments(int[] dims, List<Affine> maps) {
    int m = maps.size();
    List<Integer> axes = new ArrayList<>();
    for (int d = 0; d < dims.length; d++) {
      if (dims[d] != 1) {
        axes.add(d);
      }
    }
    long size = 1;
    for (int d : dims) {
      size *= d;
    }
    total = size;
    c0 = new long[m];
    innerStride = new long[m];
    for (int k = 0; k < m; k++) {
      c0[k] = maps.get(k).c0();
    }
    int last = axes.size() - 1;
    long len = 1;
    if (last >= 0 && size > 0) {
      int a = axes.get(last);
      for (int k = 0; k < m; k++) {
        innerStride[k] = maps.get(k).coef()[a];
      }
      len = dims[a];
      last--;
      while (last >= 0) {
        int b = axes.get(last);
        boolean ok = true;
        for (int k = 0; k < m && ok; k++) {
          ok = maps.get(k).coef()[b] == innerStride[k] * len;
        }
        if (!ok) {
          break;
        }
        len *= dims[b];
        last--;
      }
    }
    if (size == 0) {
      len = 0;
    }
    inner = Math.toIntExact(len);
    outerDims = new int[last + 1];
    outerCoef = new long[m][last + 1];
    for (int i = 0; i <= last; i++) {
      int a = axes.get(i);
      outerDims[i] = dims[a];
      for (int k = 0; k < m; k++) {
        outerCoef[k][i] = maps.get(k).coef()[a];
      }
    }
    rows = inner == 0 ? 0 : size / inner;
    int no = outerDims.length;
    rowCount = no > 0 ? outerDims[no - 1] : 1;
    rowStrides = new int[m];
    for (int k = 0; k < m; k++) {
      rowStrides[k] = no > 0 ? Math.toIntExact(outerCoef[k][no - 1]) : 0;
    }
    if (no <= 1) {
      singleBase = new int[m - 1];
      for (int k = 0; k < m - 1; k++) {
        singleBase[k] = Math.toIntExact(c0[k]);
      }
      singleOut = Math.toIntExact(c0[m - 1]);
    } else {
      singleBase = null;
      singleOut = 0;
    }
  }

  /** Whether every outer axis moves map {@code k} (for an accumulator map: no reduced outer axis). */
  boolean outerAllMove(int k) {
    for (long c : outerCoef[k]) {
      if (c == 0) {
        return false;
      }
    }
    return true;
  }

  /** Visits the points {@code [p0, p1)} in row-major order, whole rows at a time. */
  void forRange(long p0, long p1, Sink sink) {
    int[] base = new int[c0.length - 1];
    long planeSize = (long) inner * rowCount;
    long p = p0;
    while (p < p1) {
      long plane = p / planeSize;
      long q = p - plane * planeSize;
      int row = (int) (q / inner);
      int j = (int) (q - (long) row * inner);
      if (j == 0 && p1 - p >= inner) {
        int rows = (int) Math.min(rowCount - row, (p1 - p) / inner);
        sink.segment(base, offsets(plane, row, 0, base), inner, rows);
        p += (long) rows * inner;
      } else {
        int n = (int) Math.min(inner - j, p1 - p);
        sink.segment(base, offsets(plane, row, j, base), n, 1);
        p += n;
      }
    }
  }

  /** Visits columns {@code [j0, j1)} of every segment. */
  void forColumns(int j0, int j1, Sink sink) {
    int[] base = new int[c0.length - 1];
    long planes = rows / rowCount;
    for (long plane = 0; plane < planes; plane++) {
      sink.segment(base, offsets(plane, 0, j0, base), j1 - j0, rowCount);
    }
  }

  /** Fills {@code base} for point {@code j} of row {@code row} of plane {@code plane}. */
  private int offsets(long plane, int row, int j, int[] base) {
    int m = c0.length;
    int out = 0;
    int planeAxes = outerDims.length - 1;
    for (int k = 0; k < m; k++) {
      long off = c0[k] + innerStride[k] * j + (long) rowStrides[k] * row;
      long r = plane;
      for (int a = planeAxes - 1; a >= 0 && r != 0; a--) {
        long ia = r % outerDims[a];
        r /= outerDims[a];
        off += outerCoef[k][a] * ia;
      }
      if (k < m - 1) {
        base[k] = (int) off;
      } else {
        out = (int) off;
      }
    }
    return out;
  }
}
