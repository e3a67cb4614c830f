package org.jaxpresso.runtime.cpu.codegen;

import java.util.List;
import org.jaxpresso.jit.compiler.kir.IndexExpr;

/**
 * An element offset that is affine in the loop indices: {@code c0 + sum(coef[a] * i_a)}.
 *
 * @param coef the coefficient of each loop index
 * @param c0 the constant term
 */
record Affine(long[] coef, long c0) {
  /**
   * The offset of a load with index expressions {@code index} into an array with element
   * strides {@code strides}, or null when an expression is not affine ({@code //}, {@code %},
   * clamps).
   */
  static Affine of(List<IndexExpr> index, long[] strides, int rank) {
    long[] coef = new long[rank];
    long[] c0 = new long[1];
    for (int d = 0; d < index.size(); d++) {
      if (!accumulate(index.get(d), strides[d], coef, c0)) {
        return null;
      }
    }
    return new Affine(coef, c0[0]);
  }

  /** Row-major element offsets over a space of {@code dims}: the identity map. */
  static Affine rowMajor(int[] dims, boolean[] zeroed) {
    long[] coef = new long[dims.length];
    long m = 1;
    for (int d = dims.length - 1; d >= 0; d--) {
      boolean z = zeroed != null && zeroed[d];
      coef[d] = z ? 0 : m;
      m *= z ? 1 : dims[d];
    }
    return new Affine(coef, 0);
  }

  private static boolean accumulate(IndexExpr e, long scale, long[] coef, long[] c0) {
    return switch (e) {
      case IndexExpr.Axis a -> {
        coef[a.axis()] += scale;
        yield true;
      }
      case IndexExpr.Const c -> {
        c0[0] += scale * c.value();
        yield true;
      }
      case IndexExpr.Add add -> accumulate(add.a(), scale, coef, c0)
          && accumulate(add.b(), scale, coef, c0);
      case IndexExpr.Scale s -> accumulate(s.a(), scale * s.factor(), coef, c0);
      case IndexExpr.FloorDiv f -> false;
      case IndexExpr.Mod m -> false;
      case IndexExpr.Clamp c -> false;
    };
  }
}
