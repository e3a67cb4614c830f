package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loop kernels over one dtype that also write bool outputs (a compare, {@code is_finite}) run
 * generated code, vector (mask lanes stored as bytes, full vectors and masked tails) or scalar,
 * and agree with the interpreter exactly.
 */
class BoolOutputCodegenTest {
  private static Array data(DType d, int n, int seed) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.floorMod(i * 37 + seed * 11, 23) - 11;
    }
    if (d.isFloating() && n > 3) {
      v[1] = Double.NaN;
      v[2] = Double.POSITIVE_INFINITY;
    }
    if (d.isUnsigned()) {
      for (int i = 0; i < n; i++) {
        v[i] = Double.isNaN(v[i]) || Double.isInfinite(v[i]) ? 0 : Math.abs(v[i]);
      }
    }
    return Array.fromDoubles(d, v, n);
  }

  @ParameterizedTest
  @EnumSource(names = {"FLOAT32", "FLOAT64", "FLOAT16", "INT32", "INT8", "UINT16"})
  void comparesStoredAsBools(DType d) {
    for (int n : new int[] {1, 17, 100, 4099}) {
      Array x = data(d, n, 0);
      Array y = data(d, n, 1);
      check(Jax.makeJaxpr((NDArray a, NDArray b) -> Lax.gt(a, b)).apply(x, y), x, y);
      check(Jax.makeJaxpr((NDArray a, NDArray b) -> List.of(Lax.le(Lax.mul(a, b), b),
          Lax.add(a, b), Lax.eq(a, a))).apply(x, y), x, y);
      if (d == DType.FLOAT32 && CpuBackend.simdAvailable()) {
        Step s = new StepCompiler(CpuProgram.compile(Jax.makeJaxpr((NDArray a, NDArray b) ->
            Lax.gt(a, b)).apply(x, y), "t", true).kernels(), "t", true, Dump.none())
            .compileAll().get(0);
        assertTrue(s instanceof LoopStep l && LoopStep.vectorized(l.body()));
      }
      if (d.isFloating()) {
        check(Jax.makeJaxpr((NDArray a, NDArray b) -> List.of(Lax.isFinite(Lax.mul(a, b)),
            Lax.selectN(Lax.isFinite(a), b, a))).apply(x, y), x, y);
      }
    }
  }

  private static void check(ClosedJaxpr p, Array x, Array y) {
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x, y), 0);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(),
        () -> p + "\n" + c.kernels() + c.report());
  }
}
