package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The op table: every jnp math function over every dtype (and broadcasting, 0-d and empty
 * shapes for float32 and int32) against NumPy's results from tools/refgen/gen_numpy_math.py,
 * checking JAX's result dtype (x64 off), the shape and the values.
 */
class MathTableTest {
  private static final Map<String, Array> REF = Reference.npz("/ref/numpy_math.npz");

  private static final Map<String, BinaryOperator<NDArray>> BINARY = Map.ofEntries(
      Map.entry("add", Jnp::add), Map.entry("subtract", Jnp::subtract),
      Map.entry("multiply", Jnp::multiply), Map.entry("divide", Jnp::divide),
      Map.entry("floor_divide", Jnp::floorDivide), Map.entry("remainder", Jnp::remainder),
      Map.entry("maximum", Jnp::maximum), Map.entry("minimum", Jnp::minimum),
      Map.entry("arctan2", Jnp::arctan2), Map.entry("power", Jnp::power),
      Map.entry("power_bool", Jnp::power), Map.entry("equal", Jnp::equal),
      Map.entry("not_equal", Jnp::notEqual), Map.entry("less", Jnp::less),
      Map.entry("less_equal", Jnp::lessEqual), Map.entry("greater", Jnp::greater),
      Map.entry("greater_equal", Jnp::greaterEqual), Map.entry("logical_and", Jnp::logicalAnd),
      Map.entry("logical_or", Jnp::logicalOr), Map.entry("logical_xor", Jnp::logicalXor),
      Map.entry("isclose", Jnp::isclose), Map.entry("bitwise_and", Jnp::bitwiseAnd),
      Map.entry("bitwise_or", Jnp::bitwiseOr), Map.entry("bitwise_xor", Jnp::bitwiseXor),
      Map.entry("left_shift", Jnp::leftShift), Map.entry("right_shift", Jnp::rightShift));

  private static final Map<String, UnaryOperator<NDArray>> UNARY = Map.ofEntries(
      Map.entry("negative", Jnp::negative), Map.entry("positive", Jnp::positive),
      Map.entry("abs", Jnp::abs), Map.entry("sign", Jnp::sign), Map.entry("square", Jnp::square),
      Map.entry("reciprocal", Jnp::reciprocal), Map.entry("sqrt", Jnp::sqrt),
      Map.entry("cbrt", Jnp::cbrt), Map.entry("exp", Jnp::exp), Map.entry("exp2", Jnp::exp2),
      Map.entry("expm1", Jnp::expm1), Map.entry("log", Jnp::log), Map.entry("log2", Jnp::log2),
      Map.entry("log10", Jnp::log10), Map.entry("log1p", Jnp::log1p), Map.entry("sin", Jnp::sin),
      Map.entry("cos", Jnp::cos), Map.entry("tan", Jnp::tan), Map.entry("arcsin", Jnp::arcsin),
      Map.entry("arccos", Jnp::arccos), Map.entry("arctan", Jnp::arctan),
      Map.entry("sinh", Jnp::sinh), Map.entry("cosh", Jnp::cosh), Map.entry("tanh", Jnp::tanh),
      Map.entry("arcsinh", Jnp::arcsinh), Map.entry("arccosh", Jnp::arccosh),
      Map.entry("arctanh", Jnp::arctanh), Map.entry("round", x -> Jnp.round(x)),
      Map.entry("round1", x -> Jnp.round(x, 1)), Map.entry("floor", Jnp::floor),
      Map.entry("ceil", Jnp::ceil), Map.entry("trunc", Jnp::trunc), Map.entry("isnan", Jnp::isnan),
      Map.entry("isinf", Jnp::isinf), Map.entry("isfinite", Jnp::isfinite),
      Map.entry("signbit", Jnp::signbit), Map.entry("logical_not", Jnp::logicalNot),
      Map.entry("invert", Jnp::invert), Map.entry("nan_to_num", x -> Jnp.nanToNum(x)));

  @TestFactory
  Stream<DynamicTest> table() {
    Map<String, List<String>> cases = new TreeMap<>();
    for (String key : REF.keySet()) {
      String c = key.substring(0, key.lastIndexOf('.'));
      cases.computeIfAbsent(c, k -> new ArrayList<>()).add(key);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (String c : cases.keySet()) {
      tests.add(DynamicTest.dynamicTest(c, () -> check(c)));
    }
    assertEquals(true, tests.size() > 600, "cases: " + tests.size());
    return tests.stream();
  }

  private static void check(String c) {
    String[] parts = c.split("\\.");
    String fn = parts[0];
    DType in = DType.fromName(parts[1]);
    DType outDtype = DType.fromName(parts[2]);
    NDArray x = input(REF.get(c + ".x"), in);
    Array y0 = REF.get(c + ".y");
    NDArray result;
    if (y0 != null) {
      BinaryOperator<NDArray> op = BINARY.get(fn);
      assertNotNull(op, fn);
      result = op.apply(x, input(y0, in));
    } else {
      UnaryOperator<NDArray> op = UNARY.get(fn);
      assertNotNull(op, fn);
      result = op.apply(x);
    }
    Array expected = REF.get(c + ".out");
    assertEquals(outDtype, result.dtype(), c + " dtype");
    assertArrayEquals(expected.shape(), result.shape(), c + " shape");
    assertEquals(false, result.weakType(), c + " weak type");
    compare(c, expected, (Array) result, tolerance(fn, outDtype));
  }

  /** The npz array as the case's input dtype (bfloat16 is stored as float32 values). */
  static NDArray input(Array stored, DType in) {
    return in == DType.BFLOAT16 ? Lax.convertElementType(stored, DType.BFLOAT16) : stored;
  }

  private static double tolerance(String fn, DType d) {
    double base = switch (d) {
      case BFLOAT16 -> 1.6e-2;
      case FLOAT16 -> 2e-3;
      default -> 2e-6;
    };
    // functions that JAX computes by a different formula than NumPy (or near a singularity)
    return switch (fn) {
      case "log2", "log10", "tan", "arctanh", "arccosh", "expm1", "round1" -> 4 * base;
      default -> base;
    };
  }

  /** Values equal (NaN = NaN) within {@code rtol} relative (and absolute) tolerance for floats. */
  static void compare(String what, Array expected, Array actual, double rtol) {
    HostBuffer e = expected.host();
    HostBuffer a = actual.host();
    assertEquals(e.length(), a.length(), what + " size");
    for (int i = 0; i < e.length(); i++) {
      if (actual.dtype().isFloating()) {
        double ev = e.getDouble(i);
        double av = a.getDouble(i);
        boolean ok = Double.isNaN(ev) ? Double.isNaN(av)
            : ev == av || Math.abs(ev - av) <= rtol * Math.max(1.0, Math.abs(ev));
        if (!ok) {
          fail(what + "[" + i + "]: expected " + ev + " but was " + av);
        }
      } else if (e.getLong(i) != a.getLong(i)) {
        fail(what + "[" + i + "]: expected " + e.getLong(i) + " but was " + a.getLong(i));
      }
    }
  }
}
