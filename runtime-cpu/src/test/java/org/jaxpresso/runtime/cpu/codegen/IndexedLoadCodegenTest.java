package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loop kernels with non-affine loads (pads through clamped indices and in-bounds masks, reshapes
 * that split or merge axes through {@code //} and {@code %}) run generated code and match the
 * interpreter exactly (the rewrite only moves loads; the arithmetic is the scalar code's).
 */
class IndexedLoadCodegenTest {
  private static Array data(DType d, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = d == DType.INT32 ? (i * 7) % 23 - 11 : Math.sin(i * 0.37) * 3;
    }
    return Array.fromDoubles(d, v, shape);
  }

  private static Array scalar(DType d, double v) {
    return Array.fromDoubles(d, new double[] {v});
  }

  private static CpuProgram check(Function<NDArray, NDArray> fn, Array x, double tol) {
    ClosedJaxpr p = Jax.makeJaxpr(fn).apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), tol);
    assertFalse(c.report().contains("reference"), () -> p + "\n" + c.kernels() + c.report());
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(), c::report);
    return c;
  }

  private static double tol(DType d) {
    return d == DType.FLOAT32 ? 1e-5 : d == DType.FLOAT64 ? 1e-12 : 0;
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT32", "FLOAT64", "FLOAT16", "BFLOAT16", "INT32"})
  void heatStepWithPadFusesIntoGeneratedCode(DType d) {
    for (int n : new int[] {3, 6, 1000, 70001}) {
      check(u -> {
        NDArray mid = Lax.slice(u, new int[] {1}, new int[] {n - 1});
        NDArray lap = Lax.sub(Lax.add(Lax.slice(u, new int[] {0}, new int[] {n - 2}),
            Lax.slice(u, new int[] {2}, new int[] {n})), Lax.mul(scalarLike(mid, 2), mid));
        return Lax.add(u, Lax.pad(Lax.mul(scalarLike(lap, 3), lap), scalar(d, 0),
            new int[][] {{1, 1, 0}}));
      }, data(d, n), tol(d));
    }
  }

  private static NDArray scalarLike(NDArray like, double v) {
    return Lax.broadcastInDim(scalar(like.dtype(), v), like.shape(), new int[0]);
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT32", "FLOAT64", "FLOAT16", "INT32"})
  void twoDimensionalPadWithInteriorAndNegativePadding(DType d) {
    int[][] cfg = {{2, 1, 1}, {-1, 3, 2}};
    check(x -> {
      NDArray y = Lax.pad(Lax.neg(x), scalar(d, 5), cfg);
      return Lax.add(Lax.mul(y, y), Lax.pad(x, scalar(d, -1), cfg));
    }, data(d, 4, 5), tol(d));
    check(x -> Lax.sub(Lax.pad(Lax.mul(x, x), scalar(d, 2), new int[][] {{0, 0, 0}, {3, 0, 0}}),
        scalarLike(Lax.pad(x, scalar(d, 2), new int[][] {{0, 0, 0}, {3, 0, 0}}), 1)),
        data(d, 300, 257), tol(d));
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT32", "FLOAT64", "BFLOAT16", "INT32"})
  void reshapesThatSplitAndMergeAxesFuseWithElementwiseOps(DType d) {
    check(x -> Lax.mul(Lax.reshape(Lax.neg(x), new int[] {3, 8}), scalarLike(
        Lax.reshape(x, new int[] {3, 8}), 3)), data(d, 4, 6), tol(d));
    check(x -> Lax.add(Lax.reshape(Lax.transpose(Lax.mul(x, x), new int[] {1, 0}),
        new int[] {5, 2, 60}), scalarLike(Lax.reshape(x, new int[] {5, 2, 60}), 1)),
        data(d, 40, 15), tol(d));
    check(x -> Lax.sub(Lax.reshape(Lax.abs(x), new int[] {6, 2, 10}), Lax.reshape(x,
        new int[] {6, 2, 10})), data(d, 120), tol(d));
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT32", "FLOAT64", "INT32"})
  void reductionsOverPadsAndReshapesRunGeneratedCode(DType d) {
    double t = d == DType.FLOAT32 ? 1e-4 : tol(d);
    check(x -> Lax.reduceSum(Lax.pad(Lax.mul(x, x), scalar(d, 1), new int[][] {{1, 2, 1},
        {0, 1, 0}}), 1), data(d, 30, 17), t);
    check(x -> Lax.reduceMax(Lax.reshape(Lax.transpose(Lax.neg(x), new int[] {1, 0}),
        new int[] {10, 60}), 0), data(d, 40, 15), t);
    check(x -> Lax.reduceSum(Lax.pad(Lax.abs(x), scalar(d, 2), new int[][] {{3, 4, 2}}), 0),
        data(d, 5000), t);
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT32", "INT32"})
  void padsOfEmptyOperandsAndEmptyResults(DType d) {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.pad(Lax.neg(x), scalar(d, 4),
        new int[][] {{2, 1, 0}})).apply(data(d, 0));
    CodegenTesting.assertMatches(p, List.of(data(d, 0)), 0);
    ClosedJaxpr q = Jax.makeJaxpr((NDArray x) -> Lax.pad(Lax.neg(x), scalar(d, 4),
        new int[][] {{-2, -1, 0}})).apply(data(d, 3));
    CodegenTesting.assertMatches(q, List.of(data(d, 3)), 0);
  }
}
