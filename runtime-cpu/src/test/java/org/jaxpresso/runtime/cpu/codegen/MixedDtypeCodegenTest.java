package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
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
 * Kernels that mix dtypes (bool logic inside integer kernels, a float16 value summed as float32,
 * compares counted as ints, int intermediates in float kernels) run generated scalar code with
 * each node in its own dtype's Java type, and match the interpreter exactly: the scalar code
 * follows the reference's rounding and wrapping after every op and {@code convert_element_type}'s
 * saturating, NaN-to-zero conversions.
 */
class MixedDtypeCodegenTest {
  /** The dtypes mixed scalar code holds. */
  private static final List<DType> DTYPES = List.of(DType.BOOL, DType.INT8, DType.UINT8,
      DType.INT16, DType.UINT16, DType.INT32, DType.UINT32, DType.BFLOAT16, DType.FLOAT16,
      DType.FLOAT32, DType.FLOAT64);

  /** Values of {@code d} with the edges conversions care about (n of them, cycled). */
  static Array data(DType d, int n, int seed, int... shape) {
    if (d.isFloating()) {
      double[] edge = {0.0, -0.0, 0.5, -1.5, 2.5, 0.99, 1e30, -1e30, Double.NaN,
          Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 65504.0, 70000.5, -129.7, 255.9,
          4294967295.0, -2147483649.0, 3.14159, 1e-8, 40000.25};
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = i < edge.length ? edge[(i + seed) % edge.length]
            : Math.sin(i * 0.37 + seed) * Math.pow(10, (i + seed) % 7 - 2);
      }
      return Array.fromDoubles(d, v, shape.length == 0 && n != 1 ? new int[] {n} : shape);
    }
    long lo = d == DType.BOOL ? 0 : d.isUnsigned() ? 0 : -(1L << (d.bits() - 1));
    long span = d == DType.BOOL ? 2 : 1L << d.bits();
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + Math.floorMod((long) i * 2654435761L * (seed + 3) + seed + (i < 3 ? -i : 0),
          span);
    }
    return Array.fromLongs(d, v, shape.length == 0 && n != 1 ? new int[] {n} : shape);
  }

  private static CpuProgram check(Function<NDArray, NDArray> fn, Array x) {
    ClosedJaxpr p = Jax.makeJaxpr(fn).apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 0);
    assertFalse(c.report().contains("reference"), () -> p + "\n" + c.kernels() + c.report());
    return c;
  }

  private static CpuProgram check2(BiFunction<NDArray, NDArray, NDArray> fn, Array x, Array y) {
    ClosedJaxpr p = Jax.makeJaxpr(fn).apply(x, y);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x, y), 0);
    assertFalse(c.report().contains("reference"), () -> p + "\n" + c.kernels() + c.report());
    return c;
  }

  /** Every pair of dtypes: {@code convert(x, to) + convert(x, to)} and back to the source. */
  @ParameterizedTest
  @EnumSource(names = {"BOOL", "INT8", "UINT8", "INT16", "UINT16", "INT32", "UINT32",
      "BFLOAT16", "FLOAT16", "FLOAT32", "FLOAT64"})
  void conversionsBetweenEveryPairMatchTheReference(DType from) {
    for (DType to : DTYPES) {
      if (to == from) {
        continue;
      }
      for (int n : new int[] {1, 37}) {
        Array x = data(from, n, 1);
        if (to == DType.BOOL) {
          check(a -> Lax.selectN(Lax.convertElementType(a, to), a, a), x);
        } else {
          check(a -> {
            NDArray c = Lax.convertElementType(a, to);
            return Lax.convertElementType(Lax.mul(c, c), from);
          }, x);
          check(a -> Lax.add(Lax.convertElementType(a, to), Lax.convertElementType(a, to)), x);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"INT8", "UINT8", "INT16", "UINT16", "INT32", "UINT32"})
  void intKernelsWithBoolLogic(DType d) {
    Array x = data(d, 301, 0);
    Array y = data(d, 301, 5);
    Array zero = Array.fromLongs(d, new long[] {0});
    check2((a, b) -> Lax.selectN(Lax.bitwiseOr(Lax.gt(a, zero), Lax.lt(b, zero)),
        Lax.add(a, b), Lax.sub(a, b)), x, y);
    check2((a, b) -> Lax.bitwiseAnd(Lax.ne(a, b), Lax.bitwiseNot(Lax.eq(a, zero))), x, y);
  }

  /** (float64 requests canonicalize to float32 with x64 off, so float64 is left out here.) */
  @ParameterizedTest
  @EnumSource(names = {"BFLOAT16", "FLOAT16", "FLOAT32"})
  void floatKernelsWithIntIntermediates(DType d) {
    Array x = data(d, 257, 2);
    check(a -> Lax.add(a, Lax.convertElementType(Lax.mul(Lax.convertElementType(a,
        DType.INT32), Array.fromLongs(DType.INT32, new long[] {3})), d)), x);
    check(a -> Lax.mul(a, Lax.convertElementType(Lax.isFinite(a), d)), x);
  }

  @ParameterizedTest
  @EnumSource(names = {"BFLOAT16", "FLOAT16", "FLOAT32", "INT8", "UINT16"})
  void reductionsOfConvertedValues(DType d) {
    for (int[] shape : new int[][] {{}, {0}, {1000}, {7, 33}, {0, 5}}) {
      int n = 1;
      for (int s : shape) {
        n *= s;
      }
      Array x = data(d, n, 3, shape);
      int[] all = new int[shape.length];
      for (int k = 0; k < all.length; k++) {
        all[k] = k;
      }
      // jnp.sum of a 16-bit float: sum in float32, round back.
      check(a -> Lax.convertElementType(Lax.reduceSum(Lax.convertElementType(a,
          DType.FLOAT32), all), d), x);
      // (x > 0.99).astype(int32).sum()
      check(a -> Lax.reduceSum(Lax.convertElementType(Lax.gt(a, Lax.convertElementType(
          Array.fromDoubles(DType.FLOAT32, new double[] {0.99}), d)), DType.INT32), all), x);
      if (shape.length == 2) {
        check(a -> Lax.reduceMax(Lax.convertElementType(a, DType.FLOAT64), 1), x);
        // The mean of ints along an axis: an epilogue mixing int32 and float32.
        check(a -> Lax.div(Lax.convertElementType(Lax.reduceSum(Lax.convertElementType(a,
            DType.INT32), 0), DType.FLOAT32), Array.fromDoubles(DType.FLOAT32,
            new double[] {7})), x);
      }
    }
  }

  @Test
  void zeroDAndEmptyLoops() {
    List<Array> xs = new ArrayList<>();
    xs.add(data(DType.FLOAT16, 1, 0, new int[0]));
    xs.add(data(DType.FLOAT16, 0, 0, 0, 4));
    for (Array x : xs) {
      check(a -> Lax.convertElementType(Lax.add(Lax.convertElementType(a, DType.INT8),
          Lax.convertElementType(Lax.gt(a, Lax.convertElementType(Array.fromDoubles(
              DType.FLOAT32, new double[] {0}), DType.FLOAT16)), DType.INT8)),
          DType.FLOAT32), x);
    }
  }

  /**
   * Index-dependent values and non-affine loads in mixed graphs: a one-hot encoding (int32
   * labels compared with an iota, as float32), a float16 pad counted as int32, a reshape that
   * splits an axis feeding a convert.
   */
  @Test
  void indexDependentMixedKernels() {
    Array labels = data(DType.INT32, 64, 4);
    long[] l = new long[64];
    for (int i = 0; i < l.length; i++) {
      l[i] = Math.floorMod(labels.host().getLong(i), 13) - 1;
    }
    Array y = Array.fromLongs(DType.INT32, l, 64);
    check(a -> Lax.convertElementType(Lax.eq(Lax.broadcastInDim(a, new int[] {64, 10},
        new int[] {0}), Lax.broadcastedIota(DType.INT32, new int[] {64, 10}, 1)),
        DType.FLOAT32), y);
    Array h = data(DType.FLOAT16, 30, 6);
    check(a -> Lax.reduceSum(Lax.convertElementType(Lax.pad(a, Array.fromDoubles(
        DType.FLOAT16, new double[] {-2.5}), new int[][] {{2, 3, 1}}), DType.INT32), 0), h);
    check(a -> Lax.add(Lax.convertElementType(Lax.reshape(a, new int[] {5, 6}), DType.INT16),
        Lax.convertElementType(Lax.broadcastedIota(DType.INT8, new int[] {5, 6}, 0),
            DType.INT16)), h);
  }
}
