package org.jaxpresso.jit.compiler.kir;

/**
 * The range of values an {@link IndexExpr} takes over a kernel's index space (interval
 * arithmetic, exact for the affine maps the lowering builds), so that the {@link KirVerifier}
 * can check every load stays within its input.
 */
final class IndexRanges {
  private IndexRanges() {}

  /**
   * The smallest and largest value of {@code e} when each loop index {@code i_k} ranges over
   * {@code [0, extents[k])} (every extent positive), as {@code {lo, hi}}.
   */
  static long[] of(IndexExpr e, int[] extents) {
    return switch (e) {
      case IndexExpr.Axis a -> new long[] {0, extents[a.axis()] - 1L};
      case IndexExpr.Const c -> new long[] {c.value(), c.value()};
      case IndexExpr.Add s -> {
        long[] x = of(s.a(), extents);
        long[] y = of(s.b(), extents);
        yield new long[] {x[0] + y[0], x[1] + y[1]};
      }
      case IndexExpr.Scale s -> {
        long[] x = of(s.a(), extents);
        long lo = x[0] * s.factor();
        long hi = x[1] * s.factor();
        yield new long[] {Math.min(lo, hi), Math.max(lo, hi)};
      }
      case IndexExpr.FloorDiv d -> {
        long[] x = of(d.a(), extents);
        long lo = Math.floorDiv(x[0], d.divisor());
        long hi = Math.floorDiv(x[1], d.divisor());
        yield new long[] {Math.min(lo, hi), Math.max(lo, hi)};
      }
      case IndexExpr.Mod m -> {
        long[] x = of(m.a(), extents);
        yield x[0] >= 0 && x[1] < m.divisor() ? x : new long[] {0, m.divisor() - 1};
      }
      case IndexExpr.Clamp c -> {
        long[] x = of(c.a(), extents);
        yield new long[] {Math.min(c.hi(), Math.max(c.lo(), x[0])),
            Math.min(c.hi(), Math.max(c.lo(), x[1]))};
      }
    };
  }
}
