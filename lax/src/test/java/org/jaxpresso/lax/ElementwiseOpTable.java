package org.jaxpresso.lax;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.lax.primitives.Conversions;
import org.jaxpresso.lax.primitives.RoundingMethod;

/**
 * The op table that drives the elementwise reference tests: for each case prefix of
 * {@code ref/elementwise.npz} (written by tools/refgen/gen_elementwise.py, which also generates
 * the inputs), the operation to call, the input names in order, the dtypes JAX accepts, and the
 * tolerance in ulps of the result dtype (float32 and narrower; float64).
 */
final class ElementwiseOpTable {
  private ElementwiseOpTable() {}

  /** One row. */
  record Op(String name, List<String> inputs, Set<DType> dtypes, int ulps, int ulps64,
      Function<List<NDArray>, NDArray> call) {}

  static final Set<DType> FLOATS =
      EnumSet.of(DType.BFLOAT16, DType.FLOAT16, DType.FLOAT32, DType.FLOAT64);
  static final Set<DType> SINTS = EnumSet.of(DType.INT8, DType.INT16, DType.INT32, DType.INT64);
  static final Set<DType> INTS = union(SINTS,
      EnumSet.of(DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64));
  static final Set<DType> NUM = union(INTS, FLOATS);
  static final Set<DType> ALL = union(NUM, EnumSet.of(DType.BOOL));
  static final Set<DType> BOOL_OR_INT = union(INTS, EnumSet.of(DType.BOOL));

  static final Map<String, Op> OPS = new TreeMap<>();

  private static Set<DType> union(Set<DType> a, Set<DType> b) {
    EnumSet<DType> s = EnumSet.noneOf(DType.class);
    s.addAll(a);
    s.addAll(b);
    return s;
  }

  private static void add(String name, List<String> inputs, Set<DType> dtypes, int ulps,
      int ulps64, Function<List<NDArray>, NDArray> call) {
    OPS.put(name, new Op(name, inputs, dtypes, ulps, ulps64, call));
  }

  private static void unary(String name, Set<DType> dtypes, int ulps, int ulps64,
      Function<NDArray, NDArray> f) {
    add(name, List.of("x"), dtypes, ulps, ulps64, a -> f.apply(a.get(0)));
  }

  private static void binary(String name, Set<DType> dtypes, int ulps, int ulps64,
      java.util.function.BiFunction<NDArray, NDArray, NDArray> f) {
    add(name, List.of("x", "y"), dtypes, ulps, ulps64, a -> f.apply(a.get(0), a.get(1)));
  }

  static {
    binary("add", NUM, 0, 0, Lax::add);
    binary("sub", NUM, 0, 0, Lax::sub);
    binary("mul", NUM, 0, 0, Lax::mul);
    binary("div", NUM, 0, 0, Lax::div);
    binary("rem", NUM, 0, 0, Lax::rem);
    binary("max", ALL, 0, 0, Lax::max);
    binary("min", ALL, 0, 0, Lax::min);
    binary("pow", FLOATS, 1, 2, Lax::pow);
    binary("pow_int", FLOATS, 1, 2, Lax::pow);
    binary("atan2", FLOATS, 1, 2, Lax::atan2);
    binary("nextafter", FLOATS, 0, 0, Lax::nextafter);
    unary("neg", NUM, 0, 0, Lax::neg);
    unary("sign", NUM, 0, 0, Lax::sign);
    unary("abs", union(SINTS, FLOATS), 0, 0, Lax::abs);
    unary("floor", FLOATS, 0, 0, Lax::floor);
    unary("ceil", FLOATS, 0, 0, Lax::ceil);
    unary("round0", FLOATS, 0, 0, Lax::round);
    unary("round1", FLOATS, 0, 0, x -> Lax.round(x, RoundingMethod.TO_NEAREST_EVEN));
    unary("is_finite", FLOATS, 0, 0, Lax::isFinite);
    unary("square", NUM, 0, 0, Lax::square);
    for (int y : new int[] {0, 1, 2, 3, 5}) {
      unary("integer_pow" + y, NUM, 0, 0, x -> Lax.integerPow(x, y));
    }
    for (int y : new int[] {1, 2, 3}) {
      unary("integer_powm" + y, FLOATS, 0, 0, x -> Lax.integerPow(x, -y));
    }
    unary("exp", FLOATS, 1, 2, Lax::exp);
    unary("exp2", FLOATS, 1, 2, Lax::exp2);
    unary("expm1", FLOATS, 1, 2, Lax::expm1);
    unary("log", FLOATS, 1, 2, Lax::log);
    unary("log1p", FLOATS, 1, 2, Lax::log1p);
    unary("tanh", FLOATS, 1, 2, Lax::tanh);
    unary("logistic", FLOATS, 1, 2, Lax::logistic);
    unary("sin", FLOATS, 1, 2, Lax::sin);
    unary("cos", FLOATS, 1, 2, Lax::cos);
    unary("tan", FLOATS, 1, 2, Lax::tan);
    unary("asin", FLOATS, 1, 2, Lax::asin);
    unary("acos", FLOATS, 1, 2, Lax::acos);
    unary("atan", FLOATS, 1, 2, Lax::atan);
    unary("sinh", FLOATS, 1, 2, Lax::sinh);
    unary("cosh", FLOATS, 1, 2, Lax::cosh);
    unary("asinh", FLOATS, 1, 4, Lax::asinh);
    unary("acosh", FLOATS, 1, 4, Lax::acosh);
    unary("atanh", FLOATS, 1, 4, Lax::atanh);
    unary("sqrt", FLOATS, 0, 0, Lax::sqrt);
    unary("rsqrt", FLOATS, 1, 1, Lax::rsqrt);
    unary("cbrt", FLOATS, 1, 2, Lax::cbrt);
    unary("erf", FLOATS, 1, 16, Lax::erf);
    unary("erfc", FLOATS, 1, 32, Lax::erfc);
    unary("erf_inv", FLOATS, 2, 8, Lax::erfInv);
    unary("lgamma", FLOATS, 1, 64, Lax::lgamma);
    unary("digamma", FLOATS, 1, 64, Lax::digamma);
    unary("not", BOOL_OR_INT, 0, 0, Lax::bitwiseNot);
    binary("and", BOOL_OR_INT, 0, 0, Lax::bitwiseAnd);
    binary("or", BOOL_OR_INT, 0, 0, Lax::bitwiseOr);
    binary("xor", BOOL_OR_INT, 0, 0, Lax::bitwiseXor);
    binary("shift_left", INTS, 0, 0, Lax::shiftLeft);
    binary("shift_right_logical", INTS, 0, 0, Lax::shiftRightLogical);
    binary("shift_right_arithmetic", INTS, 0, 0, Lax::shiftRightArithmetic);
    unary("population_count", INTS, 0, 0, Lax::populationCount);
    unary("clz", INTS, 0, 0, Lax::clz);
    binary("eq", ALL, 0, 0, Lax::eq);
    binary("ne", ALL, 0, 0, Lax::ne);
    binary("lt", ALL, 0, 0, Lax::lt);
    binary("le", ALL, 0, 0, Lax::le);
    binary("gt", ALL, 0, 0, Lax::gt);
    binary("ge", ALL, 0, 0, Lax::ge);
    add("select_n", List.of("which", "c0", "c1"), ALL, 0, 0,
        a -> Lax.selectN(a.get(0), a.get(1), a.get(2)));
    add("select_n3", List.of("which", "c0", "c1", "c2"), ALL, 0, 0,
        a -> Lax.selectN(a.get(0), a.get(1), a.get(2), a.get(3)));
    add("clamp", List.of("min", "x", "max"), FLOATS, 0, 0,
        a -> Lax.clamp(a.get(0), a.get(1), a.get(2)));
    add("clamp_scalar", List.of("min", "x", "max"), ALL, 0, 0,
        a -> Lax.clamp(a.get(0), a.get(1), a.get(2)));
    unary("reduce_precision_8_7", EnumSet.of(DType.FLOAT32), 0, 0,
        x -> Lax.reducePrecision(x, 8, 7));
    unary("reduce_precision_5_10", EnumSet.of(DType.FLOAT32), 0, 0,
        x -> Lax.reducePrecision(x, 5, 10));
    unary("reduce_precision_8_23", EnumSet.of(DType.FLOAT64), 0, 0,
        x -> Lax.reducePrecision(x, 8, 23));
  }

  /**
   * The call for a case: the op's row, or for conversions (whose case names carry the target
   * dtype) the primitive bound directly, since {@code Lax.convertElementType} canonicalizes
   * 64-bit targets away when x64 is off.
   */
  static Function<List<NDArray>, NDArray> callFor(String op, String[] parts) {
    if (op.equals("convert_element_type")) {
      DType to = DType.fromName(parts[2]);
      Params p = Params.of("new_dtype", to, "sharding", null, "weak_type", false);
      return a -> Conversions.CONVERT_ELEMENT_TYPE.bind1(p, a.get(0));
    }
    if (op.equals("bitcast_convert_type")) {
      DType to = DType.fromName(parts[2]);
      return a -> Conversions.BITCAST_CONVERT_TYPE.bind1(Params.of("new_dtype", to), a.get(0));
    }
    Op row = OPS.get(op);
    return row == null ? null : row.call();
  }

  /** The input names of a case's op. */
  static List<String> inputsFor(String op) {
    if (op.equals("convert_element_type") || op.equals("bitcast_convert_type")) {
      return List.of("x");
    }
    return OPS.containsKey(op) ? OPS.get(op).inputs() : new ArrayList<>();
  }
}
