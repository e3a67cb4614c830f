package org.jaxpresso.jit.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * Every reduction on every dtype it accepts, over single and multiple axes, alone, with an
 * elementwise producer (input fusion) and with an elementwise epilogue, against the interpreter.
 */
class ReductionConformanceTest {
  private static final double[] FLOATS = {0.0, -0.0, 1.0, -1.5, 2.5, 0.5, Double.NaN, 100.0,
      -3.0, Double.POSITIVE_INFINITY, 0.25, -7.0};
  private static final long[] INTS = {0, 1, -1, 7, -8, Long.MAX_VALUE, Long.MIN_VALUE, 3, 100,
      -100, 2, 5};

  private static Array values(DType d, boolean withNaN) {
    int n = 12;
    if (d.isFloating()) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        double x = FLOATS[i];
        v[i] = !withNaN && Double.isNaN(x) ? 4.0 : x;
      }
      return Array.fromDoubles(d, v, 3, 4);
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = d.isBool() ? (i % 3) & 1 : INTS[i];
    }
    return Array.fromLongs(d, v, 3, 4);
  }

  @Test
  void everyReductionOnEveryAcceptedDtype() {
    List<BiFunction<NDArray, int[], NDArray>> reductions = List.of(Lax::reduceSum,
        Lax::reduceMax, Lax::reduceMin, Lax::reduceProd, Lax::reduceAnd, Lax::reduceOr,
        Lax::reduceXor, (x, axes) -> Lax.argmax(x, axes.length == 0 ? 1 : axes[0], DType.INT32),
        (x, axes) -> Lax.argmin(x, axes.length == 0 ? 0 : axes[0], DType.INT8));
    List<int[]> axesList = List.of(new int[] {0}, new int[] {1}, new int[] {0, 1},
        new int[0]);
    int cases = 0;
    for (BiFunction<NDArray, int[], NDArray> r : reductions) {
      for (DType d : DType.values()) {
        for (int[] axes : axesList) {
          for (int variant = 0; variant < 3; variant++) {
            for (boolean nan : new boolean[] {false, true}) {
              Array x = values(d, nan);
              int v = variant;
              ClosedJaxpr p;
              try {
                p = Jax.makeJaxpr((NDArray a) -> {
                  NDArray in = v == 1 ? Lax.max(a, Lax.rev(a, 0)) : a;
                  NDArray out = r.apply(in, axes);
                  return v == 2 ? Lax.max(out, Lax.rev(out, new int[0])) : out;
                }).apply(x);
              } catch (JaxTypeError | org.jaxpresso.core.errors.JaxValueError rejected) {
                continue;
              }
              try {
                CompilerTesting.assertSameAsInterpreter(p, List.of(x));
              } catch (AssertionError e) {
                throw new AssertionError(d + " axes " + java.util.Arrays.toString(axes)
                    + " variant " + v + ": " + e.getMessage(), e);
              }
              cases++;
            }
          }
        }
      }
    }
    assertTrue(cases > 500, "cases: " + cases);
  }
}
