package org.jaxpresso.lax.primitives;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.internal.PyFormat;
import org.jaxpresso.lax.internal.reductions.Kernels;

/**
 * Reductions over axes ({@code reduce_sum reduce_max reduce_min reduce_prod reduce_and
 * reduce_or reduce_xor}) and index reductions ({@code argmax argmin}): one declaration each,
 * with JAX's shape/dtype rules and messages and a reference implementation for every dtype.
 *
 * <p>Floats accumulate in double and round once; integers wrap in their width. Empty
 * reductions give the identity: 0, 1, -inf (or the integer minimum), +inf (or the maximum),
 * True for and, False for or/xor.
 */
public final class Reductions {
  private Reductions() {}

  /** {@code reduce_sum[axes out_sharding]}: numbers only. */
  public static final Primitive REDUCE_SUM = reduction("reduce_sum", Op.SUM, true);

  /** {@code reduce_max[axes out_sharding]}: any dtype; NaN propagates. */
  public static final Primitive REDUCE_MAX = reduction("reduce_max", Op.MAX, true);

  /** {@code reduce_min[axes out_sharding]}: any dtype; NaN propagates. */
  public static final Primitive REDUCE_MIN = reduction("reduce_min", Op.MIN, true);

  /** {@code reduce_prod[axes]}: numbers only. */
  public static final Primitive REDUCE_PROD = reduction("reduce_prod", Op.PROD, false);

  /** {@code reduce_and[axes]}: bool or integers (bitwise). */
  public static final Primitive REDUCE_AND = reduction("reduce_and", Op.AND, false);

  /** {@code reduce_or[axes]}: bool or integers (bitwise). */
  public static final Primitive REDUCE_OR = reduction("reduce_or", Op.OR, false);

  /** {@code reduce_xor[axes]}: bool or integers (bitwise). */
  public static final Primitive REDUCE_XOR = reduction("reduce_xor", Op.XOR, false);

  /** {@code argmax[axes index_dtype]}: one axis; ties give the first index; the first NaN wins. */
  public static final Primitive ARGMAX = argMinMax("argmax", true);

  /** {@code argmin[axes index_dtype]}: one axis; ties give the first index; the first NaN wins. */
  public static final Primitive ARGMIN = argMinMax("argmin", false);

  /** The combining operation of a reduction. */
  private enum Op {
    SUM, PROD, MAX, MIN, AND, OR, XOR;

    boolean logical() {
      return this == AND || this == OR || this == XOR;
    }
  }

  /**
   * The params of a reduction: {@code axes}, plus {@code out_sharding=None} for the three
   * reductions that carry it in JAX 0.11 (sum, max, min).
   *
   * @param p the reduction primitive
   * @param axes the axes to operate along; negative values count from the end
   * @return the params of a reduction
   */
  public static Params params(Primitive p, int... axes) {
    boolean sharded = p == REDUCE_SUM || p == REDUCE_MAX || p == REDUCE_MIN;
    return sharded ? Params.of("axes", axes, "out_sharding", null) : Params.of("axes", axes);
  }

  private static Primitive reduction(String name, Op op, boolean outSharding) {
    return Primitive.builder(name)
        .family("reductions")
        .abstractEval((avals, params) -> List.of(reduceAval(name, op, avals.get(0), params)))
        .impl((args, params) -> {
          Array x = args.get(0);
          ShapedArray out = reduceAval(name, op, x.aval(), params);
          return List.of(reduce(op, x, params.ints("axes"), out));
        })
        .build();
  }

  private static ShapedArray reduceAval(String name, Op op, ShapedArray x, Params params) {
    int[] axes = params.ints("axes");
    DType d = x.dtype();
    if (op.logical()) {
      // JAX checks the dtype inside the shape rule of the logical reductions.
      if (!d.isBool() && !d.isInteger()) {
        throw new JaxTypeError(
            "logical reduction requires operand dtype bool or int, got " + d + ".");
      }
    }
    Shape shape = reducedShape(x, axes);
    if ((op == Op.SUM || op == Op.PROD) && d.isBool()) {
      throw new JaxTypeError(name + " does not accept dtype " + d
          + ". Accepted dtypes are subtypes of number.");
    }
    boolean weak = !op.logical() && x.weakType();
    return new ShapedArray(shape, d, weak);
  }

  /**
   * JAX's {@code _reduce_op_shape_rule}: axes unique ({@code duplicate value in 'axes' of
   * reduction: (0, 0)}) and in {@code [0, rank)} ({@code reduction axes (2,) contains
   * out-of-bounds indices for float32[3].}); the result drops those axes.
   */
  static Shape reducedShape(ShapedArray x, int[] axes) {
    Set<Integer> seen = new HashSet<>();
    for (int a : axes) {
      if (!seen.add(a)) {
        throw new JaxValueError("duplicate value in 'axes' of reduction: " + PyFormat.str(axes));
      }
    }
    for (int a : axes) {
      if (a < 0 || a >= x.rank()) {
        throw new JaxValueError("reduction axes " + PyFormat.str(axes)
            + " contains out-of-bounds indices for " + x.str() + ".");
      }
    }
    int[] dims = new int[x.rank() - axes.length];
    int k = 0;
    for (int d = 0; d < x.rank(); d++) {
      if (!seen.contains(d)) {
        dims[k++] = x.shape().dim(d);
      }
    }
    return Shape.of(dims);
  }

  private static Array reduce(Op op, Array x, int[] axes, ShapedArray out) {
    boolean[] reduced = new boolean[x.aval().rank()];
    for (int a : axes) {
      reduced[a] = true;
    }
    int[] map = Kernels.reducedIndexMap(x.aval().shape(), reduced);
    int m = Math.toIntExact(out.size());
    HostBuffer in = x.host();
    HostBuffer r = HostBuffer.allocate(out.dtype(), m);
    DType d = x.dtype();
    if (d.isFloating()) {
      double[] acc = new double[m];
      java.util.Arrays.fill(acc, switch (op) {
        case SUM -> 0.0;
        case PROD -> 1.0;
        case MAX -> Double.NEGATIVE_INFINITY;
        case MIN -> Double.POSITIVE_INFINITY;
        default -> throw new IllegalStateException(op.name());
      });
      for (int i = 0; i < map.length; i++) {
        double v = in.getDouble(i);
        int o = map[i];
        acc[o] = switch (op) {
          case SUM -> acc[o] + v;
          case PROD -> acc[o] * v;
          case MAX -> Math.max(acc[o], v);
          case MIN -> Math.min(acc[o], v);
          default -> throw new IllegalStateException(op.name());
        };
      }
      for (int o = 0; o < m; o++) {
        r.setDouble(o, acc[o]);
      }
    } else {
      long[] acc = new long[m];
      java.util.Arrays.fill(acc, switch (op) {
        case SUM, OR, XOR -> 0L;
        case PROD -> 1L;
        case AND -> -1L;
        case MAX -> Kernels.minValue(d);
        case MIN -> Kernels.maxValue(d);
      });
      for (int i = 0; i < map.length; i++) {
        long v = in.getLong(i);
        int o = map[i];
        acc[o] = switch (op) {
          case SUM -> acc[o] + v;
          case PROD -> acc[o] * v;
          case AND -> acc[o] & v;
          case OR -> acc[o] | v;
          case XOR -> acc[o] ^ v;
          case MAX -> Kernels.compareIntegral(d, v, acc[o]) > 0 ? v : acc[o];
          case MIN -> Kernels.compareIntegral(d, v, acc[o]) < 0 ? v : acc[o];
        };
      }
      for (int o = 0; o < m; o++) {
        r.setLong(o, d.isBool() ? acc[o] & 1 : acc[o]);
      }
    }
    return Array.wrap(out, r);
  }

  private static Primitive argMinMax(String name, boolean max) {
    return Primitive.builder(name)
        .family("reductions")
        .abstractEval((avals, params) -> List.of(argAval(avals.get(0), params)))
        .impl((args, params) -> {
          Array x = args.get(0);
          ShapedArray out = argAval(x.aval(), params);
          return List.of(argReduce(x, params.ints("axes")[0], max, out));
        })
        .build();
  }

  /**
   * JAX's {@code _argminmax_shape_rule} and dtype rule: exactly one axis, in range
   * ({@code Invalid axis 2 for operand shape (3,)}), non-empty ({@code argmin and argmax
   * require non-empty reduced dimension. operand.shape=(0,) axis=0}), integer
   * {@code index_dtype}; the result is never weak.
   */
  private static ShapedArray argAval(ShapedArray x, Params params) {
    int[] axes = params.ints("axes");
    if (axes.length != 1) {
      throw new JaxValueError("argmin and argmax take exactly one axis, got axes="
          + PyFormat.str(axes));
    }
    int axis = axes[0];
    if (axis < 0 || axis >= x.rank()) {
      throw new JaxValueError("Invalid axis " + axis + " for operand shape " + x.shape());
    }
    if (x.shape().dim(axis) < 1) {
      throw new JaxValueError("argmin and argmax require non-empty reduced dimension."
          + " operand.shape=" + x.shape() + " axis=" + axis);
    }
    DType index = params.dtype("index_dtype");
    if (!index.isInteger()) {
      throw new JaxTypeError("index_dtype must be an integer type, but got " + index);
    }
    int[] dims = new int[x.rank() - 1];
    for (int d = 0, k = 0; d < x.rank(); d++) {
      if (d != axis) {
        dims[k++] = x.shape().dim(d);
      }
    }
    return new ShapedArray(Shape.of(dims), index, false);
  }

  private static Array argReduce(Array x, int axis, boolean max, ShapedArray out) {
    int[] shape = x.aval().shape().dims();
    int outer = Kernels.product(shape, 0, axis);
    int n = shape[axis];
    int inner = Kernels.product(shape, axis + 1, shape.length);
    HostBuffer in = x.host();
    HostBuffer r = HostBuffer.allocate(out.dtype(), outer * inner);
    boolean floating = x.dtype().isFloating();
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        int base = o * n * inner + j;
        int best = 0;
        for (int k = 1; k < n; k++) {
          int i = base + k * inner;
          int b = base + best * inner;
          boolean pick;
          if (floating) {
            double v = in.getDouble(i);
            double bv = in.getDouble(b);
            pick = !Double.isNaN(bv) && (Double.isNaN(v) || (max ? v > bv : v < bv));
          } else {
            int c = Kernels.compareIntegral(in, i, b);
            pick = max ? c > 0 : c < 0;
          }
          if (pick) {
            best = k;
          }
        }
        r.setLong(o * inner + j, best);
      }
    }
    return Array.wrap(out, r);
  }

  static {
    Primitive.addRuleLoader(ReductionRules::register);
  }
}
