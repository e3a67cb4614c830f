package org.jaxpresso.jit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.RoundingMethod;

/**
 * Cases of the elementwise primitives. Each (primitive, dtype) program applies the primitive to
 * arguments of several shapes at once, one output each: 0-d, empty ({@code [0]} or {@code
 * [0,3]}), a matrix of edge values ({@code [3,5]}), a vector longer than a SIMD register with a
 * tail ({@code [37]}), and the broadcast edges: {@code [4,1]} and {@code [1,6]} brought up to
 * {@code [4,6]} with {@code broadcast_in_dim}, and a 0-d operand broadcast to a matrix.
 */
final class ElementwiseCases {
  /** Parameter-free unary elementwise primitives. */
  static final Set<String> UNARY = Set.of("neg", "sign", "abs", "floor", "ceil", "is_finite",
      "square", "copy", "stop_gradient", "exp", "exp2", "expm1", "log", "log1p", "tanh",
      "logistic", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh",
      "atanh", "sqrt", "rsqrt", "cbrt", "erf", "erfc", "erf_inv", "lgamma", "digamma", "not",
      "population_count", "clz");
  /** Parameter-free binary elementwise primitives. */
  static final Set<String> BINARY = Set.of("add", "sub", "mul", "div", "rem", "max", "min",
      "atan2", "nextafter", "pow", "and", "or", "xor", "shift_left", "shift_right_arithmetic",
      "shift_right_logical", "eq", "ne", "lt", "le", "gt", "ge");
  /** Elementwise primitives with their own builders. */
  static final Set<String> SPECIAL = Set.of("round", "integer_pow", "reduce_precision",
      "convert_element_type", "bitcast_convert_type", "clamp", "select_n");

  private ElementwiseCases() {}

  private static NDArray bcast(NDArray x, int... shape) {
    int[] dims = new int[x.shape().length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = i;
    }
    return Lax.broadcastInDim(x, shape, dims);
  }

  /** Unary arguments: 0-d, empty, edges, long vector, [4,1] to broadcast. */
  static List<Array> unaryArgs(DType d) {
    return List.of(Values.general(d, 1), Values.general(d, 2, 0), Values.general(d, 3, 3, 5),
        Values.general(d, 4, 37), Values.general(d, 5, 4, 1));
  }

  /** {@code op} applied to each argument of {@link #unaryArgs}, one output each. */
  static List<NDArray> unaryOutputs(List<NDArray> x, Function<NDArray, NDArray> op) {
    return List.of(op.apply(x.get(0)), op.apply(x.get(1)), op.apply(x.get(2)),
        op.apply(x.get(3)), op.apply(bcast(x.get(4), 4, 6)));
  }

  /** Binary arguments, in pairs. */
  static List<Array> binaryArgs(DType da, DType db) {
    return List.of(Values.general(da, 11), Values.general(db, 12),
        Values.general(da, 13, 0, 3), Values.general(db, 14, 0, 3),
        Values.general(da, 15, 3, 5), Values.general(db, 16, 3, 5),
        Values.general(da, 17, 37), Values.general(db, 18, 37),
        Values.general(da, 19, 4, 1), Values.general(db, 20, 1, 6),
        Values.general(da, 21), Values.general(db, 22, 3, 5));
  }

  /** {@code op} applied to each pair of {@link #binaryArgs}, broadcasting the edge pairs. */
  static List<NDArray> binaryOutputs(List<NDArray> x, BiFunction<NDArray, NDArray, NDArray> op) {
    return List.of(op.apply(x.get(0), x.get(1)), op.apply(x.get(2), x.get(3)),
        op.apply(x.get(4), x.get(5)), op.apply(x.get(6), x.get(7)),
        op.apply(bcast(x.get(8), 4, 6), Lax.broadcastInDim(x.get(9), new int[] {4, 6},
            new int[] {0, 1})),
        op.apply(Lax.broadcastInDim(x.get(10), new int[] {3, 5}, new int[0]), x.get(11)),
        op.apply(x.get(11), Lax.broadcastInDim(x.get(10), new int[] {3, 5}, new int[0])));
  }

  /** The cases of elementwise primitive {@code name}, or null if it is not elementwise. */
  static List<ConformanceCase> of(String name) {
    CaseSet s = new CaseSet(name);
    if (UNARY.contains(name)) {
      Primitive p = Primitive.lookup(name);
      s.forEachDtype("shapes", ElementwiseCases::unaryArgs,
          x -> unaryOutputs(x, a -> p.bind1(Params.EMPTY, a)));
    } else if (BINARY.contains(name)) {
      Primitive p = Primitive.lookup(name);
      s.forEachDtype("shapes", d -> binaryArgs(d, d),
          x -> binaryOutputs(x, (a, b) -> p.bind1(Params.EMPTY, a, b)));
    } else if (!SPECIAL.contains(name)) {
      return null;
    } else {
      special(name, s);
    }
    return s.cases();
  }

  private static void special(String name, CaseSet s) {
    switch (name) {
      case "round" -> {
        for (RoundingMethod m : RoundingMethod.values()) {
          s.forEachDtype(m.name(), ElementwiseCases::unaryArgs,
              x -> unaryOutputs(x, a -> Lax.round(a, m)));
        }
      }
      case "integer_pow" -> {
        for (int y : new int[] {0, 1, 2, 3, -1, -2, 7}) {
          s.forEachDtype("y=" + y, ElementwiseCases::unaryArgs,
              x -> unaryOutputs(x, a -> Lax.integerPow(a, y)));
        }
      }
      case "reduce_precision" -> {
        for (int[] em : new int[][] {{5, 2}, {8, 7}, {5, 10}, {4, 3}, {11, 52}}) {
          s.forEachDtype("e" + em[0] + "m" + em[1], ElementwiseCases::unaryArgs,
              x -> unaryOutputs(x, a -> Lax.reducePrecision(a, em[0], em[1])));
        }
      }
      case "convert_element_type" -> {
        for (DType from : DType.values()) {
          s.add("to every dtype", from, unaryArgs(from), x -> {
            List<NDArray> out = new ArrayList<>();
            for (DType to : DType.values()) {
              out.addAll(unaryOutputs(x, a -> Lax.convertElementType(a, to)));
            }
            return out;
          });
        }
      }
      case "bitcast_convert_type" -> {
        for (DType from : DType.values()) {
          for (DType to : DType.values()) {
            if (from.isBool() || to.isBool()) {
              continue;
            }
            int ratio = Math.max(from.itemSize(), to.itemSize()) / Math.min(from.itemSize(),
                to.itemSize());
            List<Array> args = from.itemSize() < to.itemSize()
                ? List.of(Values.general(from, 31, ratio), Values.general(from, 32, 5, ratio),
                    Values.general(from, 33, 0, ratio))
                : List.of(Values.general(from, 31), Values.general(from, 32, 3, 5),
                    Values.general(from, 33, 0));
            s.add("to " + to.shortName(), from, args, x -> List.of(
                Lax.bitcastConvertType(x.get(0), to), Lax.bitcastConvertType(x.get(1), to),
                Lax.bitcastConvertType(x.get(2), to)));
          }
        }
      }
      case "clamp" -> s.forEachDtype("arrays and 0-d bounds", d -> List.of(
          Values.general(d, 41, 3, 5), Values.general(d, 42, 3, 5), Values.general(d, 43, 3, 5),
          Values.general(d, 44), Values.general(d, 45, 37), Values.general(d, 46),
          Values.general(d, 47, 0)), x -> List.of(
          Lax.clamp(Lax.min(x.get(0), x.get(2)), x.get(1), Lax.max(x.get(0), x.get(2))),
          Lax.clamp(x.get(3), x.get(4), x.get(5)), Lax.clamp(x.get(3), x.get(6), x.get(5)),
          Lax.clamp(x.get(3), x.get(1), x.get(2))));
      case "select_n" -> {
        s.forEachDtype("bool predicate", d -> List.of(Values.general(DType.BOOL, 51, 3, 5),
            Values.general(d, 52, 3, 5), Values.general(d, 53, 3, 5),
            Values.general(DType.BOOL, 54), Values.general(d, 55, 37),
            Values.general(d, 56, 37), Values.general(DType.BOOL, 57, 0)), x -> List.of(
            Lax.selectN(x.get(0), x.get(1), x.get(2)),
            Lax.selectN(x.get(3), x.get(4), x.get(5)),
            Lax.selectN(x.get(6), Lax.slice(x.get(4), new int[] {0}, new int[] {0}),
                Lax.slice(x.get(5), new int[] {3}, new int[] {3}))));
        s.forEachDtype("int32 index, three cases", d -> List.of(
            Values.of(Values.Kind.INDEX, DType.INT32, 61, 3, 5),
            Values.general(d, 62, 3, 5), Values.general(d, 63, 3, 5),
            Values.general(d, 64, 3, 5)), x -> Lax.selectN(x.get(0), x.get(1), x.get(2),
            x.get(3)));
      }
      default -> throw new IllegalArgumentException(name);
    }
  }
}
