package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The reduction-side code paths of the generator against the interpreter: row-tiled column
 * reductions and loops over short rows ({@link RowTiling}), with contiguous and broadcast
 * operands and leftover rows; bool-to-number conversions ({@link BoolConversions}) generated
 * rather than run by the reference. Tolerances as in {@link CodegenTesting}.
 */
class ReductionCodegenTest {
  private static final DType[] NUMERIC = {DType.FLOAT32, DType.FLOAT64, DType.INT32};

  private static Array data(DType d, int seed, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      long h = (i * 2654435761L + seed * 97L) & 0xFFFF;
      v[i] = d.isFloating() ? 0.5 + h / 65536.0 : (h % 7) - 3;
    }
    return Array.fromDoubles(d, v, shape);
  }

  private static double tol(DType d, int n) {
    return d == DType.FLOAT64 ? 1e-12 : d.isFloating() ? 1e-5 * Math.sqrt(Math.max(1, n)) : 0;
  }

  private static CpuProgram check1(Function<NDArray, NDArray> f, Array x, double tol) {
    ClosedJaxpr p = Jax.makeJaxpr(f).apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), tol);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(),
        () -> p + "\n" + c.kernels() + c.report());
    return c;
  }

  private static CpuProgram check2(BiFunction<NDArray, NDArray, NDArray> f, Array x, Array y,
      double tol) {
    ClosedJaxpr p = Jax.makeJaxpr(f).apply(x, y);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x, y), tol);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(),
        () -> p + "\n" + c.kernels() + c.report());
    return c;
  }

  @Test
  void columnReductionsOfShortRowsMatchForEveryCombinerAndRowCount() {
    for (DType d : NUMERIC) {
      for (int cols : new int[] {1, 3, 10, 16, 33, 63}) {
        for (int rows : new int[] {1, 7, 130, 1000, 4099}) {
          Array x = data(d, cols + rows, rows, cols);
          double t = tol(d, rows);
          check1(v -> Lax.reduceSum(v, 0), x, t);
          check1(v -> Lax.reduceMax(v, 0), x, 0);
          check1(v -> Lax.reduceMin(v, 0), x, 0);
          if (rows < 200) {
            check1(v -> Lax.reduceProd(v, 0), x, t);
          }
        }
      }
    }
  }

  @Test
  void columnReductionsOfWideRowsMatchWithRowsFoldedInFours() {
    for (DType d : NUMERIC) {
      for (int[] shape : new int[][] {{37, 100}, {6, 1029}, {3, 77}, {4, 2, 70}, {9, 3, 65}}) {
        Array x = data(d, shape[0], shape);
        double t = tol(d, shape[0]);
        check1(v -> Lax.reduceSum(Lax.mul(v, v), 0), x, t * 10);
        check1(v -> Lax.reduceMax(v, 0), x, 0);
        check1(v -> Lax.reduceMin(v, 0), x, 0);
        if (shape.length == 3) {
          check1(v -> Lax.reduceSum(v, 1), x, t);
          check1(v -> Lax.reduceSum(v, 0, 1), x, t);
        }
      }
    }
  }

  @Test
  void standardizationOverShortRowsMatches() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] shape : new int[][] {{10000, 10}, {777, 3}, {4096, 1}, {1000, 40}, {5, 10}}) {
        Array x = data(d, shape[0], shape);
        check1(v -> {
          NDArray n = Array.scalar((double) shape[0], d);
          NDArray m = Lax.broadcastInDim(Lax.div(Lax.reduceSum(v, 0), n),
              new int[] {1, shape[1]}, new int[] {1});
          NDArray c = Lax.sub(v, m);
          NDArray s = Lax.sqrt(Lax.div(Lax.reduceSum(Lax.square(c), 0), n));
          return Lax.div(c, Lax.broadcastInDim(s, new int[] {1, shape[1]}, new int[] {1}));
        }, x, tol(d, shape[0]) * 10);
      }
    }
  }

  @Test
  void loopsOverShortRowsWithRowBroadcastsMatch() {
    for (DType d : NUMERIC) {
      for (int[] shape : new int[][] {{1000, 10}, {129, 5}, {2000, 63}, {64, 1}}) {
        Array x = data(d, 1, shape);
        Array y = data(d, 2, 1, shape[1]);
        check2((a, b) -> Lax.add(Lax.mul(a, Lax.broadcastInDim(Lax.reshape(b,
            new int[] {shape[1]}), shape, new int[] {1})), b), x, y, tol(d, 1));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT32", "FLOAT64", "INT32", "FLOAT16", "BFLOAT16", "INT8"})
  void boolToNumberConversionsAreGenerated(DType d) {
    org.jaxpresso.core.Flags.setX64(true);
    try {
      boolToNumber(d);
    } finally {
      org.jaxpresso.core.Flags.resetX64();
    }
  }

  private static void boolToNumber(DType d) {
    for (int n : new int[] {1, 17, 5000}) {
      Array x = data(d, 3, n);
      Array g = data(d, 4, n);
      double t = d == DType.FLOAT16 || d == DType.BFLOAT16 ? 1e-2 : tol(d, 1);
      Array one = Array.fromDoubles(d, new double[] {1.0});
      check2((a, b) -> Lax.mul(b, Lax.add(Lax.convertElementType(Lax.gt(a, one), d),
          Lax.convertElementType(Lax.eq(a, a), d))), x, g, t);
      if (d == DType.FLOAT32 || d == DType.FLOAT64 || d == DType.INT32) {
        check1(a -> Lax.reduceSum(Lax.convertElementType(Lax.le(a, a), d), 0), x, t);
      }
    }
  }

  private static NDArray softmax(NDArray x) {
    int[] dims = x.shape();
    int r = dims.length;
    int[] keep = new int[r - 1];
    for (int d = 0; d < r - 1; d++) {
      keep[d] = d;
    }
    NDArray e = Lax.exp(Lax.sub(x, Lax.broadcastInDim(Lax.reduceMax(x, r - 1), dims, keep)));
    return Lax.div(e, Lax.broadcastInDim(Lax.reduceSum(e, r - 1), dims, keep));
  }

  @Test
  void softmaxRunsBandByBandAndMatches() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (int[] shape : new int[][] {{1, 5}, {3, 1024}, {5000, 7}, {300, 300}, {4, 33, 65}}) {
        Array x = data(d, shape.length, shape);
        CpuProgram c = check1(ReductionCodegenTest::softmax, x, tol(d, 1024));
        assertEquals(1, c.bandGroups().size(), () -> c.kernels() + c.report());
        CpuProgram l = check1(v -> {
          int r = shape.length - 1;
          int[] keep = new int[r];
          for (int k = 0; k < r; k++) {
            keep[k] = k;
          }
          NDArray m = Lax.reduceMax(v, r);
          return Lax.add(Lax.log(Lax.reduceSum(Lax.exp(Lax.sub(v, Lax.broadcastInDim(m,
              shape, keep))), r)), m);
        }, x, tol(d, 1024));
        assertEquals(1, l.bandGroups().size(), () -> l.kernels() + l.report());
      }
    }
  }

  @Test
  void rowReductionsReadAtAnotherRowDoNotGroup() {
    Array x = data(DType.FLOAT32, 9, 700, 130);
    CpuProgram c = check1(v -> Lax.sub(v, Lax.broadcastInDim(Lax.rev(Lax.reduceMax(v, 1), 0),
        new int[] {700, 130}, new int[] {0})), x, 0);
    assertEquals(List.of(), c.bandGroups(), () -> c.kernels() + c.report());
  }

  private static Array mixed(DType d, int seed, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      long h = (i * 2654435761L + seed * 40503L) & 0xFFFF;
      v[i] = d == DType.BOOL ? h % 3 == 0 ? 1 : 0 : d.isFloating() ? (h % 200 - 100) / 16.0
          : d.isUnsigned() ? h % 300 : h % 300 - 150;
    }
    return Array.fromDoubles(d, v, shape);
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT16", "BFLOAT16", "INT8", "UINT8", "INT16", "UINT16", "UINT32",
      "BOOL"})
  void narrowAndHalfReductionsAreGeneratedOverEveryAxis(DType d) {
    for (int[] shape : new int[][] {{3, 5, 33}, {4, 0, 3}, {1000, 3}, {}}) {
      Array x = mixed(d, shape.length, shape);
      for (int mask = 0; mask < (1 << shape.length); mask++) {
        int m = mask;
        int[] ax = java.util.stream.IntStream.range(0, shape.length)
            .filter(a -> (m & (1 << a)) != 0).toArray();
        double t = d.isFloating() ? 1e-2 : 0;
        check1(v -> Lax.reduceMax(v, ax), x, 0);
        check1(v -> Lax.reduceMin(v, ax), x, 0);
        if (d == DType.BOOL || !d.isFloating()) {
          check1(v -> Lax.reduceAnd(v, ax), x, 0);
          check1(v -> Lax.reduceOr(v, ax), x, 0);
          check1(v -> Lax.reduceXor(v, ax), x, 0);
        }
        if (d != DType.BOOL) {
          check1(v -> Lax.reduceSum(v, ax), x, t);
          check1(v -> Lax.reduceProd(Lax.sign(v), ax), x, t);
        }
      }
    }
  }

  @Test
  void boolReductionsOfComparisonsAreGenerated() {
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.FLOAT16}) {
      Array x = mixed(d, 5, 70, 90);
      Array zero = Array.fromDoubles(d, new double[] {0.0});
      for (int axis = 0; axis < 2; axis++) {
        int a = axis;
        check1(v -> Lax.reduceOr(Lax.gt(v, zero), a), x, 0);
        check1(v -> Lax.reduceAnd(Lax.ne(v, zero), a), x, 0);
        check1(v -> Lax.reduceMax(Lax.lt(v, zero), a), x, 0);
      }
    }
  }

  @Test
  void argReductionsOverTheLastAxisAreGeneratedWithFirstWinsAndNaNRules() {
    DType[] dtypes = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.FLOAT16, DType.BFLOAT16,
        DType.INT8, DType.UINT8, DType.UINT32, DType.BOOL};
    for (DType d : dtypes) {
      for (int[] shape : new int[][] {{7}, {5, 9}, {3, 4, 17}, {300, 260}}) {
        Array x = mixed(d, 7, shape);
        int last = shape.length - 1;
        for (DType index : new DType[] {DType.INT32, DType.INT64}) {
          check1(v -> Lax.argmax(v, last, index), x, 0);
          check1(v -> Lax.argmin(v, last, index), x, 0);
        }
      }
    }
    double nan = Double.NaN;
    double inf = Double.POSITIVE_INFINITY;
    Array special = Array.fromDoubles(DType.FLOAT32, new double[] {1, nan, 3, nan, -inf, -inf,
        -inf, -inf, 2, 5, 5, 1, inf, 0, nan, inf}, 4, 4);
    check1(v -> Lax.argmax(v, 1, DType.INT32), special, 0);
    check1(v -> Lax.argmin(v, 1, DType.INT32), special, 0);
    // Rows long enough for the vector walk: NaNs, signed zeros, infinities and ties placed in
    // the vector part and in the tail.
    int n = 70;
    double[] rows = new double[6 * n];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = ((i * 37) % 23) / 8.0 - 1;
    }
    rows[40] = nan;
    rows[3] = 9;
    rows[n + 5] = -0.0;
    rows[n + 50] = 0.0;
    for (int j = 0; j < n; j++) {
      rows[n + j] = Math.min(rows[n + j], 0.0);
      rows[2 * n + j] = -inf;
      rows[5 * n + j] = inf;
    }
    rows[3 * n + 20] = 7;
    rows[3 * n + 60] = 7;
    rows[3 * n + 21] = -7;
    rows[3 * n + 66] = -7;
    rows[4 * n + 65] = inf;
    rows[4 * n + 69] = nan;
    rows[4 * n + 2] = -inf;
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Array r = Array.fromDoubles(d, rows, 6, n);
      check1(v -> Lax.argmax(v, 1, DType.INT32), r, 0);
      check1(v -> Lax.argmin(v, 1, DType.INT32), r, 0);
      if (d == DType.FLOAT32) {
        check1(v -> Lax.add(Lax.reduceMax(v, 1), Lax.convertElementType(Lax.argmin(v, 1,
            DType.INT32), d)), r, 0);
      }
    }
  }

  /** Epilogues mixing dtypes (float max plus int index, int sums as float means): generated. */
  @Test
  void mixedDtypeEpiloguesRunGeneratedBehindAGeneratedReduction() {
    Array x = mixed(DType.FLOAT32, 11, 300, 70);
    CpuProgram c = check1(v -> Lax.add(Lax.reduceMax(v, 1), Lax.convertElementType(
        Lax.argmax(v, 1, DType.INT32), DType.FLOAT32)), x, 0);
    assertEquals(1, c.kernels().kernels().size(), c.kernels()::toString);
    assertEquals("generated", c.report().trim().replaceFirst("^[^:]*: ", ""));
    Array i = mixed(DType.INT32, 12, 40, 1000);
    check1(v -> Lax.div(Lax.convertElementType(Lax.reduceSum(v, 0), DType.FLOAT32),
        Array.scalar(40.0, DType.FLOAT32)), i, 1e-6);
    check1(v -> Lax.div(Lax.convertElementType(Lax.reduceSum(v, 1), DType.FLOAT32),
        Array.scalar(1000.0, DType.FLOAT32)), i, 1e-6);
  }
}
