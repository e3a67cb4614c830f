package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reduction over every dtype and every axis subset of a 3-d shape (and of an empty one),
 * compiled for the CPU and compared with the interpreter: exact for integers, bool, max and min;
 * float32/16 sums and products within 1e-5 (lanes and tasks reassociate them), float64 1e-12.
 */
class ReductionConformanceTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    DType[] dtypes = {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16, DType.INT32,
        DType.INT8, DType.UINT32, DType.BOOL};
    for (DType d : dtypes) {
      for (String op : List.of("sum", "max", "min", "prod")) {
        if (d == DType.BOOL && (op.equals("sum") || op.equals("prod"))) {
          continue;
        }
        for (int mask = 1; mask < 8; mask++) {
          out.add(Arguments.of(d, op, mask, new int[] {3, 5, 33}));
        }
        out.add(Arguments.of(d, op, 2, new int[] {4, 0, 3}));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} axes {2}")
  @MethodSource("cases")
  void reductionsAgree(DType dtype, String op, int mask, int[] shape) {
    List<Integer> axes = new ArrayList<>();
    for (int a = 0; a < 3; a++) {
      if ((mask & (1 << a)) != 0) {
        axes.add(a);
      }
    }
    int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
    Array x = random(dtype, shape, new Random(mask * 31L + op.hashCode()));
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> switch (op) {
      case "sum" -> Lax.reduceSum(v, ax);
      case "max" -> Lax.reduceMax(v, ax);
      case "min" -> Lax.reduceMin(v, ax);
      default -> Lax.reduceProd(v, ax);
    }).apply(x);
    boolean exact = !dtype.isFloating() || op.equals("max") || op.equals("min");
    double tol = exact ? 0 : dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
    CodegenTesting.assertMatches(p, List.of(x), tol);
  }

  private static Array random(DType dtype, int[] shape, Random r) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = dtype == DType.BOOL ? r.nextInt(2)
          : dtype.isFloating() ? 0.5 + r.nextDouble() : r.nextInt(7);
    }
    return Array.fromDoubles(dtype, v, shape);
  }
}
