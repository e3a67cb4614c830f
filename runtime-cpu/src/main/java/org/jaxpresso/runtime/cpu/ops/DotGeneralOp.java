package org.jaxpresso.runtime.cpu.ops;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.runtime.cpu.kernels.Gemm;

/**
 * {@code dot_general} on the GEMM kernels. Any dimension numbers map to one batched row-major
 * product {@code C[b] = A[b] B[b]}: the lhs is viewed as [batch, free, contracting], the rhs as
 * [batch, contracting, free], each group of dimensions (in the order the dimension numbers give)
 * collapsed into one stride when its dimensions are adjacent in memory and in order, so most
 * layouts, transposed ones included, are read in place by the packing. An operand whose group
 * cannot collapse is first copied into that canonical order. The output of dot_general,
 * [batch, lhs free, rhs free], is exactly the row-major C.
 *
 * <p>Floating results: float32 and float64 accumulate in their own type; bfloat16 and
 * float16 (and float results of integer operands via {@code preferred_element_type}) are
 * computed in float32 and rounded once. Integer results of integer or bool operands run
 * {@link IntegerDot}. Other results return {@code null} (the caller falls back to the
 * reference implementation).
 *
 * <p>Accuracy: unlike the reference (float64 accumulation, one rounding), each element is
 * within {@code (K + 2) u sum|a b|} of the exact sum of its K products, u being 2^-24 for the
 * float32 working type and 2^-53 for float64, plus one rounding (2^-8 or 2^-11 relative) of a
 * bfloat16 or float16 result.
 */
public final class DotGeneralOp {
  private DotGeneralOp() {}

  /**
   * {@code dot_general(lhs, rhs)} with {@code params} into a result of {@code out}, or
   * {@code null} when the result dtype is not floating.
   *
   * @param lhs the left operand
   * @param rhs the right operand
   * @param params the {@code dot_general} parameters
   * @param out the result's abstract value (shape and dtype)
   * @return the product, or {@code null} when this path does not handle the dtype
   */
  public static Array apply(Array lhs, Array rhs, Params params, ShapedArray out) {
    if (IntegerDot.applies(lhs, rhs, out)) {
      return IntegerDot.apply(lhs, rhs, params, out);
    }
    if (!HostArrays.supported(out.dtype())) {
      return null;
    }
    Problem pr = Problem.of(lhs, rhs, params);
    Object c = HostArrays.allocate(out.dtype(), Math.toIntExact(out.size()));
    if (pr.batch() == 0 || pr.m() == 0 || pr.n() == 0) {
      return HostArrays.wrap(out, c);
    }
    View a = pr.lhs(HostArrays.working(lhs, out.dtype()));
    View b = pr.rhs(HostArrays.working(rhs, out.dtype()));
    int m = pr.m();
    int n = pr.n();
    if (c instanceof float[] cf) {
      Gemm.sgemm(pr.batch(), m, n, pr.k(), (float[]) a.data, 0, a.s0, a.s1, a.s2,
          (float[]) b.data, 0, b.s0, b.s1, b.s2, cf, 0, m * n, n, false);
    } else {
      Gemm.dgemm(pr.batch(), m, n, pr.k(), (double[]) a.data, 0, a.s0, a.s1, a.s2,
          (double[]) b.data, 0, b.s0, b.s1, b.s2, (double[]) c, 0, m * n, n, false);
    }
    return HostArrays.wrap(out, c);
  }

  /**
   * A dot_general as one batched product: the operands' dims, the batch, free and contracting
   * dimension groups of each, and the sizes {@code batch}, {@code m}, {@code k}, {@code n}.
   */
  record Problem(int[] ls, int[] rs, int[] lb, int[] rb, int[] lc, int[] rc, int[] lf,
      int[] rf, int batch, int m, int k, int n) {
    static Problem of(Array lhs, Array rhs, Params params) {
      DotDimensionNumbers dn = params.get("dimension_numbers", DotDimensionNumbers.class);
      int[] ls = lhs.aval().shape().dims();
      int[] rs = rhs.aval().shape().dims();
      int[] lb = dn.lhsBatch();
      int[] rb = dn.rhsBatch();
      int[] lc = dn.lhsContracting();
      int[] rc = dn.rhsContracting();
      int[] lf = free(ls.length, lb, lc);
      int[] rf = free(rs.length, rb, rc);
      return new Problem(ls, rs, lb, rb, lc, rc, lf, rf, product(ls, lb), product(ls, lf),
          product(ls, lc), product(rs, rf));
    }

    /** The lhs data (row-major over ls) as [batch, m, k]. */
    View lhs(Object data) {
      return View.of(data, ls, lb, lf, lc);
    }

    /** The rhs data (row-major over rs) as [batch, k, n]. */
    View rhs(Object data) {
      return View.of(data, rs, rb, rc, rf);
    }
  }

  /** A row-major array seen as a 3-d [g0, g1, g2] array with one stride per group. */
  record View(Object data, int s0, int s1, int s2) {
    static View of(Object data, int[] dims, int[] g0, int[] g1, int[] g2) {
      long[] strides = rowMajor(dims);
      int s0 = collapse(dims, strides, g0);
      int s1 = collapse(dims, strides, g1);
      int s2 = collapse(dims, strides, g2);
      if (s0 >= 0 && s1 >= 0 && s2 >= 0) {
        return new View(data, s0, s1, s2);
      }
      int[] order = new int[dims.length];
      int i = 0;
      for (int[] g : new int[][] {g0, g1, g2}) {
        for (int d : g) {
          order[i++] = d;
        }
      }
      Object copy = HostArrays.permute(data, dims, order);
      int n1 = product(dims, g1);
      int n2 = product(dims, g2);
      return new View(copy, n1 * n2, n2, 1);
    }
  }

  /**
   * The one stride that walks the dimensions {@code group} (in that order, row-major over
   * them), or -1 when they are not adjacent in memory in that order. Size-1 dimensions are
   * ignored; an empty group has stride 0.
   */
  static int collapse(int[] dims, long[] strides, int[] group) {
    long stride = -1;
    long expect = -1;
    for (int gi = group.length - 1; gi >= 0; gi--) {
      int d = group[gi];
      if (dims[d] == 1) {
        continue;
      }
      if (stride < 0) {
        stride = strides[d];
      } else if (strides[d] != expect) {
        return -1;
      }
      expect = strides[d] * dims[d];
    }
    return stride < 0 ? 0 : (int) stride;
  }

  static long[] rowMajor(int[] dims) {
    long[] s = new long[dims.length];
    long acc = 1;
    for (int d = dims.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc *= dims[d];
    }
    return s;
  }

  static int product(int[] dims, int[] group) {
    long p = 1;
    for (int d : group) {
      p *= dims[d];
    }
    return Math.toIntExact(p);
  }

  private static int[] free(int rank, int[] batch, int[] contracting) {
    boolean[] used = new boolean[rank];
    for (int d : batch) {
      used[d] = true;
    }
    for (int d : contracting) {
      used[d] = true;
    }
    int[] r = new int[rank - batch.length - contracting.length];
    int i = 0;
    for (int d = 0; d < rank; d++) {
      if (!used[d]) {
        r[i++] = d;
      }
    }
    return r;
  }
}
