package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kernels that used to run on the reference executor now run generated scalar code and match
 * the interpreter bit for bit: the float special functions (calling the reference's own
 * methods), shifts and bit counts on every integer width (XLA's out-of-range shift counts),
 * int64/uint64 arithmetic held in longs, conversions to and from 64-bit integers, and {@code
 * select_n} with integer predicates or more than two cases; on 0-d, empty, one-dimensional and
 * broadcast shapes.
 */
class SpecialOpsCodegenTest {
  private static final int[][] SHAPES = {{}, {0}, {37}, {3, 4}};

  /** Values of {@code d} in {@code shape} with edge cases first (every width, both signs). */
  static Array data(DType d, int seed, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    if (d.isFloating()) {
      double[] edge = {0.0, -0.0, 0.5, -0.5, 0.999, -0.999, 1.0, -1.0, 1.5, 2.0, -2.5, 3.7,
          1e-8, 1e30, -1e30, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
          0.25, 6.5, -7.25, 100.125};
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = i < edge.length ? edge[(i + seed) % edge.length]
            : Math.sin(i * 0.37 + seed) * Math.pow(10, (i + seed) % 5 - 2);
      }
      return Array.fromDoubles(d, v, shape);
    }
    long[] edge = {0, 1, -1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, -64, Long.MIN_VALUE,
        Long.MAX_VALUE, 0x80L, 0xFFL, 0x8000L, 0x7FFFFFFFL, 0x80000000L, 3, 5};
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      long x = i < edge.length ? edge[(i + seed) % edge.length]
          : (long) i * 0x9E3779B97F4A7C15L * (seed + 1);
      v[i] = d == DType.BOOL ? x & 1 : x;
    }
    return Array.fromLongs(d, v, shape);
  }

  private static void assertGenerated(CpuProgram c, ClosedJaxpr p) {
    assertFalse(c.report().contains("reference"), () -> p + "\n" + c.kernels() + c.report());
    assertTrue(c.report().contains("generated"), () -> p + "\n" + c.kernels() + c.report());
  }

  private static void check(Function<NDArray, NDArray> fn, Array x) {
    ClosedJaxpr p = Jax.makeJaxpr(fn).apply(x);
    assertGenerated(CodegenTesting.assertMatches(p, List.of(x), 0), p);
  }

  private static void check2(BiFunction<NDArray, NDArray, NDArray> fn, Array x, Array y) {
    ClosedJaxpr p = Jax.makeJaxpr(fn).apply(x, y);
    assertGenerated(CodegenTesting.assertMatches(p, List.of(x, y), 0), p);
  }

  /** The special functions on every float dtype and shape, alone and fused with arithmetic. */
  @ParameterizedTest
  @EnumSource(names = {"BFLOAT16", "FLOAT16", "FLOAT32", "FLOAT64"})
  void specialFunctionsAreGenerated(DType d) {
    List<Function<NDArray, NDArray>> ops = List.of(Lax::logistic, Lax::asinh, Lax::acosh,
        Lax::atanh, Lax::erf, Lax::erfc, Lax::erfInv, Lax::lgamma, Lax::digamma,
        x -> Lax.reducePrecision(x, 5, 10), x -> Lax.reducePrecision(x, 8, 7),
        x -> Lax.reducePrecision(x, 3, 2), x -> Lax.mul(Lax.logistic(x), Lax.erf(x)));
    for (Function<NDArray, NDArray> op : ops) {
      for (int[] shape : SHAPES) {
        check(op, data(d, 1, shape));
      }
    }
  }

  /** {@code nextafter} with broadcasting operands (toward larger, smaller, equal and NaN). */
  @ParameterizedTest
  @EnumSource(names = {"BFLOAT16", "FLOAT16", "FLOAT32", "FLOAT64"})
  void nextafterIsGenerated(DType d) {
    check2(Lax::nextafter, data(d, 0, 6, 1), data(d, 3, 1, 5));
    check2(Lax::nextafter, data(d, 0), data(d, 2));
    check2(Lax::nextafter, data(d, 0, 0), data(d, 2, 0));
    check2(Lax::nextafter, data(d, 1, 37), data(d, 5, 37));
  }

  /** Shifts (counts past the width, negative) and bit counts on every integer width. */
  @ParameterizedTest
  @EnumSource(names = {"INT8", "UINT8", "INT16", "UINT16", "INT32", "UINT32", "INT64",
      "UINT64"})
  void bitOpsAreGenerated(DType d) {
    List<BiFunction<NDArray, NDArray, NDArray>> shifts = List.of(Lax::shiftLeft,
        Lax::shiftRightLogical, Lax::shiftRightArithmetic);
    for (BiFunction<NDArray, NDArray, NDArray> op : shifts) {
      check2(op, data(d, 0, 37), data(d, 4, 37));
      check2(op, data(d, 0, 6, 1), data(d, 1, 1, 8));
      check2(op, data(d, 0), data(d, 4));
      check2(op, data(d, 0, 0), data(d, 4, 0));
    }
    for (int[] shape : SHAPES) {
      check(Lax::populationCount, data(d, 2, shape));
      check(Lax::clz, data(d, 2, shape));
    }
  }

  /** int64/uint64 arithmetic, compares and corner cases (x/0, MIN/-1, x%0) in longs. */
  @ParameterizedTest
  @EnumSource(names = {"INT64", "UINT64"})
  void longArithmeticIsGenerated(DType d) {
    List<BiFunction<NDArray, NDArray, NDArray>> ops = List.of(Lax::add, Lax::sub, Lax::mul,
        Lax::div, Lax::rem, Lax::max, Lax::min, Lax::bitwiseAnd, Lax::bitwiseOr,
        Lax::bitwiseXor, Lax::lt, Lax::le, Lax::gt, Lax::ge, Lax::eq, Lax::ne);
    for (BiFunction<NDArray, NDArray, NDArray> op : ops) {
      check2(op, data(d, 0, 37), data(d, 5, 37));
      check2(op, data(d, 0, 6, 1), data(d, 1, 1, 8));
      check2(op, data(d, 0), data(d, 3));
      check2(op, data(d, 0, 0), data(d, 3, 0));
    }
    List<BiFunction<NDArray, NDArray, NDArray>> sameShape = List.of(
        (x, y) -> Lax.clamp(y, x, Lax.add(y, y)),
        (x, y) -> Lax.selectN(Lax.lt(x, y), x, Lax.mul(x, y)));
    for (BiFunction<NDArray, NDArray, NDArray> op : sameShape) {
      check2(op, data(d, 0, 37), data(d, 5, 37));
      check2(op, data(d, 0), data(d, 3));
      check2(op, data(d, 0, 0), data(d, 3, 0));
    }
    List<Function<NDArray, NDArray>> unary = List.of(Lax::neg, Lax::sign, Lax::bitwiseNot,
        x -> Lax.integerPow(x, 3), x -> Lax.integerPow(x, 0), x -> Lax.mul(x, x));
    for (Function<NDArray, NDArray> op : unary) {
      for (int[] shape : SHAPES) {
        check(op, data(d, 2, shape));
      }
    }
    if (d == DType.INT64) {
      check(Lax::abs, data(d, 2, 37));
    }
  }

  /**
   * Conversions from int64/uint64 to every other dtype (the other way round canonicalizes to
   * 32 bits while x64 is off).
   */
  @ParameterizedTest
  @EnumSource(names = {"INT64", "UINT64"})
  void longConversionsAreGenerated(DType d) {
    for (DType o : DType.values()) {
      if (o == d) {
        continue;
      }
      check(x -> Lax.convertElementType(x, o), data(d, 1, 37));
      check(x -> Lax.convertElementType(x, o), data(d, 1));
    }
  }

  /** {@code select_n} with an int32 or uint8 predicate and three cases, and with bool cases. */
  @Test
  void selectNWithIntegerPredicatesIsGenerated() {
    for (DType p : List.of(DType.INT32, DType.UINT8, DType.INT64)) {
      for (DType v : List.of(DType.FLOAT32, DType.INT8, DType.INT64, DType.BOOL)) {
        Array w = Array.fromLongs(p, new long[] {-1, 0, 1, 2, 3, 200, 1, 0}, 8);
        check2((which, x) -> Lax.selectN(which, x, Lax.max(x, x), Lax.min(x, x)),
            w, data(v, 2, 8));
      }
    }
    Array w = Array.fromLongs(DType.INT32, new long[] {2}, new int[0]);
    check2((which, x) -> Lax.selectN(which, x, x, x), w, data(DType.FLOAT16, 2));
  }

  /** Arg-reductions with 8- and 16-bit and uint32 indices (an int32 scratch, then narrowed). */
  @Test
  void narrowArgReductionIndicesAreGenerated() {
    for (DType index : List.of(DType.INT8, DType.UINT8, DType.INT16, DType.UINT32)) {
      for (DType v : List.of(DType.FLOAT32, DType.INT32, DType.INT8)) {
        check(x -> Lax.argmax(x, 1, index), data(v, 2, 3, 7));
        check(x -> Lax.argmin(x, 1, index), data(v, 3, 5, 37));
      }
    }
  }

  /** int64/uint64 reductions over every axis set, with long accumulators. */
  @ParameterizedTest
  @EnumSource(names = {"INT64", "UINT64"})
  void longReductionsAreGenerated(DType d) {
    List<BiFunction<NDArray, int[], NDArray>> ops = List.of(Lax::reduceSum, Lax::reduceProd,
        Lax::reduceMax, Lax::reduceMin, Lax::reduceAnd, Lax::reduceOr, Lax::reduceXor);
    for (BiFunction<NDArray, int[], NDArray> op : ops) {
      for (int[] axes : new int[][] {{0}, {1}, {0, 1}}) {
        check(x -> op.apply(x, axes), data(d, 1, 5, 7));
        check(x -> op.apply(x, axes), data(d, 2, 0, 3));
      }
      check(x -> op.apply(x, new int[] {0}), data(d, 3, 3000));
      check(x -> op.apply(Lax.add(x, x), new int[] {1}), data(d, 3, 300, 40));
    }
  }

  /** Arg-reductions over every axis, 64-bit values included (ties, NaN, empty outputs). */
  @Test
  void columnArgReductionsAreGenerated() {
    for (DType index : List.of(DType.INT32, DType.INT8, DType.INT64)) {
      for (DType v : List.of(DType.FLOAT32, DType.FLOAT64, DType.BFLOAT16, DType.INT32,
          DType.UINT32, DType.INT8, DType.UINT16, DType.BOOL, DType.INT64, DType.UINT64)) {
        check(x -> Lax.argmax(x, 1, index), data(v, 7, 4, 9));
        check(x -> Lax.argmin(x, 1, index), data(v, 8, 4, 9));
        check(x -> Lax.argmax(x, 0, index), data(v, 2, 9, 7));
        check(x -> Lax.argmin(x, 0, index), data(v, 3, 9, 7));
        check(x -> Lax.argmax(x, 1, index), data(v, 4, 2, 11, 3));
        check(x -> Lax.argmin(Lax.max(x, x), 1, index), data(v, 5, 2, 11, 3));
        check(x -> Lax.argmax(x, 0, index), data(v, 2, 3, 0));
        check(x -> Lax.argmax(x, 0, index), data(v, 6, 600, 5));
      }
    }
  }

  /** {@code clamp} on bools. */
  @Test
  void boolClampIsGenerated() {
    check2((x, y) -> Lax.clamp(x, y, Lax.bitwiseNot(x)), data(DType.BOOL, 0, 37),
        data(DType.BOOL, 3, 37));
  }
}
