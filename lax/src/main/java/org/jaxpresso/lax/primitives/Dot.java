package org.jaxpresso.lax.primitives;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.internal.PyFormat;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.lax.internal.reductions.Kernels;

/**
 * {@code dot_general}: a contraction over paired dimensions with shared batch dimensions.
 * Output shape = batch dims + lhs free dims + rhs free dims, each in order.
 *
 * <p>Mixed input dtypes are allowed: the result is the operand dtype ranked higher by
 * (max exponent, mantissa bits, bit width, is signed), as XLA's {@code HigherPrecisionType};
 * {@code preferred_element_type} may widen it. The reference converts both operands to the
 * result dtype, multiplies and accumulates in double (floats) or in wrapping 64-bit integers,
 * and rounds once; bool results are the OR of ANDs.
 *
 * <p>Printed params: {@code dimension_numbers} always (as lists), {@code precision} and
 * {@code preferred_element_type} only when not None, {@code out_sharding} never.
 */
public final class Dot {
  private Dot() {}

  /** {@code dot_general[dimension_numbers precision preferred_element_type]}. */
  public static final Primitive DOT_GENERAL = Primitive.builder("dot_general")
      .family("dot")
      .abstractEval((avals, params) -> List.of(aval(avals.get(0), avals.get(1), params)))
      .impl((args, params) -> {
        ShapedArray out = aval(args.get(0).aval(), args.get(1).aval(), params);
        return List.of(dot(args.get(0), args.get(1), dims(params), out));
      })
      .printedParams(Dot::printed)
      .build();

  /**
   * The params of {@code dot_general}; {@code precision} null or a pair, {@code preferred}
   * null or a dtype.
   *
   * @param dims the contracting and batch dimensions of each operand
   * @param precision the requested matmul precision, or {@code null} for the default
   * @param preferred the requested result dtype, or {@code null}
   * @return the params of {@code dot_general}; {@code precision} null or a pair, {@code preferred}
   *     null or a dtype
   */
  public static Params params(DotDimensionNumbers dims, List<Precision> precision,
      DType preferred) {
    return Params.of("dimension_numbers", dims, "precision", precision == null ? null
        : List.copyOf(precision), "preferred_element_type", preferred, "out_sharding", null);
  }

  private static Params printed(Params p) {
    Params out = Params.EMPTY;
    for (Map.Entry<String, Object> e : p.asMap().entrySet()) {
      if (e.getValue() != null && !e.getKey().equals("out_sharding")) {
        out = out.with(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static DotDimensionNumbers dims(Params p) {
    return p.get("dimension_numbers", DotDimensionNumbers.class);
  }

  private static ShapedArray aval(ShapedArray lhs, ShapedArray rhs, Params params) {
    DotDimensionNumbers dn = dims(params);
    Shape shape = shape(lhs, rhs, dn);
    DType dtype = resultDtype(lhs.dtype(), rhs.dtype(), params.dtype("preferred_element_type"));
    return new ShapedArray(shape, dtype, lhs.weakType() && rhs.weakType());
  }

  /** JAX's {@code _dot_general_shape_rule}, with its messages. */
  static Shape shape(ShapedArray lhs, ShapedArray rhs, DotDimensionNumbers dn) {
    int[] lc = dn.lhsContracting();
    int[] rc = dn.rhsContracting();
    int[] lb = dn.lhsBatch();
    int[] rb = dn.rhsBatch();
    if (!inRange(lc, lhs.rank()) || !inRange(lb, lhs.rank())) {
      throw new JaxTypeError("dot_general requires lhs dimension numbers to be nonnegative and"
          + " less than the number of axes of the lhs value, got lhs_batch of " + PyFormat.str(lb)
          + " and lhs_contracting of " + PyFormat.str(lc) + " for lhs of rank " + lhs.rank());
    }
    if (!inRange(rc, rhs.rank()) || !inRange(rb, rhs.rank())) {
      throw new JaxTypeError("dot_general requires rhs dimension numbers to be nonnegative and"
          + " less than the number of axes of the rhs value, got rhs_batch of " + PyFormat.str(rb)
          + " and rhs_contracting of " + PyFormat.str(rc) + " for rhs of rank " + rhs.rank());
    }
    if (lb.length != rb.length) {
      throw new JaxTypeError("dot_general requires equal numbers of lhs_batch and rhs_batch"
          + " dimensions, got lhs_batch " + PyFormat.str(lb) + " and rhs_batch "
          + PyFormat.str(rb) + ".");
    }
    if (!distinct(lb)) {
      throw new JaxTypeError("dot_general requires lhs batch dimensions to be distinct, got"
          + " lhs_batch " + PyFormat.str(lb) + ".");
    }
    if (!distinct(rb)) {
      throw new JaxTypeError("dot_general requires rhs batch dimensions to be distinct, got"
          + " rhs_batch " + PyFormat.str(rb) + ".");
    }
    if (!distinct(lc)) {
      throw new JaxTypeError("dot_general requires lhs contracting dimensions to be distinct,"
          + " got lhs_contracting " + PyFormat.str(lc) + ".");
    }
    if (!distinct(rc)) {
      throw new JaxTypeError("dot_general requires rhs contracting dimensions to be distinct,"
          + " got rhs_contracting " + PyFormat.str(rc) + ".");
    }
    if (intersects(lc, lb)) {
      throw new JaxTypeError("dot_general requires lhs batch dimensions to be disjoint from"
          + " contracting dimensions, got lhs_batch " + PyFormat.str(lb) + " and lhs_contracting "
          + PyFormat.str(lc) + ".");
    }
    if (intersects(rc, rb)) {
      throw new JaxTypeError("dot_general requires rhs batch dimensions to be disjoint from"
          + " contracting dimensions, got rhs_batch " + PyFormat.str(rb) + " and rhs_contracting "
          + PyFormat.str(rc) + ".");
    }
    int[] lbs = take(lhs.shape().dims(), lb);
    int[] rbs = take(rhs.shape().dims(), rb);
    if (!java.util.Arrays.equals(lbs, rbs)) {
      throw new JaxTypeError("dot_general requires lhs batch dimensions and rhs batch dimensions"
          + " to have the same shape, got " + PyFormat.str(lbs) + " and " + PyFormat.str(rbs)
          + ".");
    }
    int[] lcs = take(lhs.shape().dims(), lc);
    int[] rcs = take(rhs.shape().dims(), rc);
    if (!java.util.Arrays.equals(lcs, rcs)) {
      throw new JaxTypeError("dot_general requires contracting dimensions to have the same"
          + " shape, got " + PyFormat.str(lcs) + " and " + PyFormat.str(rcs) + ".");
    }
    int[] lf = free(lhs.rank(), lc, lb);
    int[] rf = free(rhs.rank(), rc, rb);
    int[] out = new int[lb.length + lf.length + rf.length];
    int k = 0;
    for (int d : lbs) {
      out[k++] = d;
    }
    for (int d : lf) {
      out[k++] = lhs.shape().dim(d);
    }
    for (int d : rf) {
      out[k++] = rhs.shape().dim(d);
    }
    return Shape.of(out);
  }

  /**
   * JAX's {@code _dot_general_dtype_rule}: the operand dtype with the larger (max exponent,
   * mantissa bits, bit width, is signed); a tie of distinct dtypes raises {@code
   * lax.dot_general argument type error: <lhs>, <rhs>}; then {@code _maybe_upcast} applies
   * {@code preferred}.
   *
   * @param lhs the left-hand operand
   * @param rhs the right-hand operand
   * @param preferred the requested result dtype, or {@code null}
   * @return JAX's {@code _dot_general_dtype_rule}
   */
  public static DType resultDtype(DType lhs, DType rhs, DType preferred) {
    int c = compareRank(lhs, rhs);
    DType result;
    if (c > 0) {
      result = lhs;
    } else if (c < 0) {
      result = rhs;
    } else {
      if (lhs != rhs) {
        throw new JaxTypeError("lax.dot_general argument type error: " + lhs + ", " + rhs);
      }
      result = lhs;
    }
    if (preferred == null || preferred == result) {
      return result;
    }
    if (!result.isFloating() && bitWidth(preferred) < bitWidth(result)) {
      throw new JaxTypeError("`preferred_element_type` must not be narrower than the original"
          + " type, got preferred_element_type of " + preferred + " for result type of " + result
          + ".");
    }
    return preferred;
  }

  private static int compareRank(DType a, DType b) {
    int[] pa = properties(a);
    int[] pb = properties(b);
    return java.util.Arrays.compare(pa, pb);
  }

  private static int[] properties(DType d) {
    int maxexp = switch (d) {
      case FLOAT16 -> 16;
      case BFLOAT16, FLOAT32 -> 128;
      case FLOAT64 -> 1024;
      default -> -1;
    };
    int nmant = switch (d) {
      case FLOAT16 -> 10;
      case BFLOAT16 -> 7;
      case FLOAT32 -> 23;
      case FLOAT64 -> 52;
      default -> -1;
    };
    return new int[] {0, maxexp, nmant, bitWidth(d), d.isUnsigned() ? 0 : 1};
  }

  private static int bitWidth(DType d) {
    return d.isBool() ? 1 : d.bits();
  }

  private static boolean inRange(int[] dims, int rank) {
    for (int d : dims) {
      if (d < 0 || d >= rank) {
        return false;
      }
    }
    return true;
  }

  private static boolean distinct(int[] dims) {
    Set<Integer> s = new HashSet<>();
    for (int d : dims) {
      if (!s.add(d)) {
        return false;
      }
    }
    return true;
  }

  private static boolean intersects(int[] a, int[] b) {
    for (int x : a) {
      for (int y : b) {
        if (x == y) {
          return true;
        }
      }
    }
    return false;
  }

  private static int[] take(int[] shape, int[] dims) {
    int[] r = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      r[i] = shape[dims[i]];
    }
    return r;
  }

  private static int[] free(int rank, int[] contracting, int[] batch) {
    Set<Integer> used = new HashSet<>();
    for (int d : contracting) {
      used.add(d);
    }
    for (int d : batch) {
      used.add(d);
    }
    return java.util.stream.IntStream.range(0, rank).filter(d -> !used.contains(d)).toArray();
  }

  private static Array dot(Array lhs, Array rhs, DotDimensionNumbers dn, ShapedArray out) {
    int[] ls = lhs.aval().shape().dims();
    int[] rs = rhs.aval().shape().dims();
    long[] lst = lhs.aval().shape().strides();
    long[] rst = rhs.aval().shape().strides();
    int[] lf = free(ls.length, dn.lhsContracting(), dn.lhsBatch());
    int[] rf = free(rs.length, dn.rhsContracting(), dn.rhsBatch());
    int[] lB = Kernels.offsets(ls, lst, dn.lhsBatch());
    int[] rB = Kernels.offsets(rs, rst, dn.rhsBatch());
    int[] lM = Kernels.offsets(ls, lst, lf);
    int[] rN = Kernels.offsets(rs, rst, rf);
    int[] lK = Kernels.offsets(ls, lst, dn.lhsContracting());
    int[] rK = Kernels.offsets(rs, rst, dn.rhsContracting());
    DType d = out.dtype();
    HostBuffer r = HostBuffer.allocate(d, Math.toIntExact(out.size()));
    int idx = 0;
    if (d.isFloating()) {
      double[] a = Kernels.toDoubles(lhs.host(), d);
      double[] b = Kernels.toDoubles(rhs.host(), d);
      for (int bi = 0; bi < lB.length; bi++) {
        for (int m : lM) {
          for (int n : rN) {
            double acc = 0;
            for (int k = 0; k < lK.length; k++) {
              acc += a[lB[bi] + m + lK[k]] * b[rB[bi] + n + rK[k]];
            }
            r.setDouble(idx++, acc);
          }
        }
      }
    } else {
      long[] a = Kernels.toLongs(lhs.host(), d);
      long[] b = Kernels.toLongs(rhs.host(), d);
      for (int bi = 0; bi < lB.length; bi++) {
        for (int m : lM) {
          for (int n : rN) {
            long acc = 0;
            for (int k = 0; k < lK.length; k++) {
              acc += a[lB[bi] + m + lK[k]] * b[rB[bi] + n + rK[k]];
            }
            r.setLong(idx++, acc);
          }
        }
      }
    }
    return Array.wrap(out, r);
  }

  static {
    Primitive.addRuleLoader(DotRules::register);
  }
}
