package org.jaxpresso.jit.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.jit.compiler.fusion.OpClass;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.LaxPrimitives;
import org.jaxpresso.lax.primitives.Elementwise;
import org.jaxpresso.lax.primitives.RoundingMethod;
import org.junit.jupiter.api.Test;

/**
 * Every fusible elementwise primitive, on every dtype it accepts, with edge values (zeros of
 * both signs, NaN, infinities, integer extremes), compiled into a kernel and compared with the
 * interpreter bit for bit.
 */
class ElementwiseConformanceTest {
  private static final int N = 16;
  private static final double[] FLOATS = {0.0, -0.0, 1.0, -1.5, 2.5, 0.5, -3.0, 100.0,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-3, 0.75, -0.25, 7.0,
      -100.5};
  private static final long[] INTS = {0, 1, -1, 7, -8, Long.MAX_VALUE, Long.MIN_VALUE, 3, 100,
      -100, 2, 5, 31, 64, -2, 255};

  private static Array values(DType d, int rotate) {
    if (d.isFloating()) {
      double[] v = new double[N];
      for (int i = 0; i < N; i++) {
        v[i] = FLOATS[(i + rotate) % N];
      }
      return Array.fromDoubles(d, v, N);
    }
    long[] v = new long[N];
    for (int i = 0; i < N; i++) {
      v[i] = d.isBool() ? (i + rotate) % 3 & 1 : INTS[(i + rotate) % N];
    }
    return Array.fromLongs(d, v, N);
  }

  private static Map<String, Function<List<NDArray>, NDArray>> table() {
    LaxPrimitives.all();
    Map<String, Function<List<NDArray>, NDArray>> t = new LinkedHashMap<>();
    t.put("neg", a -> Lax.neg(a.get(0)));
    t.put("sign", a -> Lax.sign(a.get(0)));
    t.put("abs", a -> Lax.abs(a.get(0)));
    t.put("floor", a -> Lax.floor(a.get(0)));
    t.put("ceil", a -> Lax.ceil(a.get(0)));
    t.put("round", a -> Lax.add(Lax.round(a.get(0), RoundingMethod.TO_NEAREST_EVEN),
        Lax.round(a.get(0), RoundingMethod.AWAY_FROM_ZERO)));
    t.put("is_finite", a -> Lax.isFinite(a.get(0)));
    t.put("square", a -> Lax.square(a.get(0)));
    t.put("integer_pow", a -> Lax.integerPow(a.get(0), 3));
    t.put("integer_pow negative", a -> Lax.integerPow(a.get(0), -3));
    t.put("copy", a -> Elementwise.COPY.bind1(Params.EMPTY, a.get(0)));
    t.put("stop_gradient", a -> Lax.neg(Lax.stopGradient(a.get(0))));
    for (String f : List.of("exp", "exp2", "expm1", "log", "log1p", "tanh", "logistic", "sin",
        "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh", "atanh", "sqrt",
        "rsqrt", "cbrt", "erf", "erfc", "erf_inv", "lgamma", "digamma", "not",
        "population_count", "clz")) {
      t.put(f, a -> Primitive.lookup(f).bind1(Params.EMPTY, a.get(0)));
    }
    t.put("reduce_precision", a -> Lax.reducePrecision(a.get(0), 5, 2));
    t.put("add", a -> Lax.add(a.get(0), a.get(1)));
    t.put("sub", a -> Lax.sub(a.get(0), a.get(1)));
    t.put("mul", a -> Lax.mul(a.get(0), a.get(1)));
    t.put("div", a -> Lax.div(a.get(0), a.get(1)));
    t.put("rem", a -> Lax.rem(a.get(0), a.get(1)));
    t.put("max", a -> Lax.max(a.get(0), a.get(1)));
    t.put("min", a -> Lax.min(a.get(0), a.get(1)));
    t.put("atan2", a -> Lax.atan2(a.get(0), a.get(1)));
    t.put("nextafter", a -> Lax.nextafter(a.get(0), a.get(1)));
    t.put("pow", a -> Lax.pow(a.get(0), a.get(1)));
    t.put("and", a -> Lax.bitwiseAnd(a.get(0), a.get(1)));
    t.put("or", a -> Lax.bitwiseOr(a.get(0), a.get(1)));
    t.put("xor", a -> Lax.bitwiseXor(a.get(0), a.get(1)));
    t.put("shift_left", a -> Lax.shiftLeft(a.get(0), a.get(1)));
    t.put("shift_right_arithmetic", a -> Lax.shiftRightArithmetic(a.get(0), a.get(1)));
    t.put("shift_right_logical", a -> Lax.shiftRightLogical(a.get(0), a.get(1)));
    t.put("eq", a -> Lax.eq(a.get(0), a.get(1)));
    t.put("ne", a -> Lax.ne(a.get(0), a.get(1)));
    t.put("lt", a -> Lax.lt(a.get(0), a.get(1)));
    t.put("le", a -> Lax.le(a.get(0), a.get(1)));
    t.put("gt", a -> Lax.gt(a.get(0), a.get(1)));
    t.put("ge", a -> Lax.ge(a.get(0), a.get(1)));
    t.put("select_n", a -> Lax.selectN(Lax.lt(a.get(0), a.get(1)), a.get(0), a.get(1)));
    t.put("select_n int", a -> Lax.selectN(Lax.convertElementType(Lax.lt(a.get(0), a.get(1)),
        DType.INT32), a.get(1), a.get(0), a.get(1)));
    t.put("clamp", a -> Lax.clamp(a.get(1), a.get(0), a.get(1)));
    t.put("clamp scalar", a -> Lax.clamp(Lax.reduceMin(a.get(1), 0), a.get(0),
        Lax.reduceMax(a.get(1), 0)));
    return t;
  }

  @Test
  void everyOpOnEveryAcceptedDtype() {
    Set<String> ran = new TreeSet<>();
    int cases = 0;
    for (Map.Entry<String, Function<List<NDArray>, NDArray>> e : table().entrySet()) {
      for (DType d : DType.values()) {
        List<Array> args = List.of(values(d, 0), values(d, 5));
        ClosedJaxpr p;
        try {
          p = Jax.makeJaxpr((List<NDArray> xs) -> e.getValue().apply(xs)).apply(
              new ArrayList<NDArray>(args));
        } catch (JaxTypeError rejected) {
          continue;
        }
        try {
          CompilerTesting.assertSameAsInterpreter(p, args);
        } catch (AssertionError | RuntimeException ex) {
          throw new AssertionError(e.getKey() + " on " + d + ": " + ex.getMessage(), ex);
        }
        ran.add(e.getKey());
        cases++;
      }
    }
    assertEquals(table().keySet(), ran, "every op ran on at least one dtype");
    assertTrue(cases > 300, "cases: " + cases);
  }

  @Test
  void everyConversion() {
    for (DType from : DType.values()) {
      for (DType to : DType.values()) {
        Array x = values(from, 3);
        ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> Lax.convertElementType(a, to)).apply(x);
        try {
          CompilerTesting.assertSameAsInterpreter(p, List.of(x));
        } catch (AssertionError ex) {
          throw new AssertionError(from + " -> " + to + ": " + ex.getMessage(), ex);
        }
      }
    }
  }

  @Test
  void everyElementwisePrimitiveIsFusedAndTested() {
    Set<String> tested = new TreeSet<>();
    for (String k : table().keySet()) {
      tested.add(k.split(" ")[0]);
    }
    tested.add("convert_element_type");
    Set<String> missing = new TreeSet<>();
    Set<String> library = new TreeSet<>();
    for (Primitive p : LaxPrimitives.all()) {
      if (!p.family().equals("elementwise")) {
        continue;
      }
      OpClass c = OpClass.of(new Eqn(p, List.of(), Params.EMPTY, List.of()));
      if (c == OpClass.LIBRARY) {
        library.add(p.name());
      } else if (!tested.contains(p.name())) {
        missing.add(p.name());
      }
    }
    assertEquals(Set.of(), missing, "fusible elementwise primitives without a conformance case");
    // bitcast_convert_type changes the shape when the widths differ: a library op.
    assertEquals(Set.of("bitcast_convert_type"), library);
  }
}
