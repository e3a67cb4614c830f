package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark workloads compiled and compared with the interpreter, at several sizes. */
class WorkloadCodegenTest {
  static Array f32(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (((i * 7919L) % 400) / 100.0 - 2.0);
    }
    return Array.of(v, shape);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 16, 17, 1000, 100_003})
  void w1(int n) {
    Array x = f32(n);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> Lax.mul(Lax.mul(2.0f, Lax.sin(v)), Lax.cos(v)))
        .apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 1e-5);
    assertEquals(1, c.generatedKernels());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 33, 70_001})
  void w7(int n) {
    Array a = f32(n);
    Array b = (Array) Lax.mul(f32(n), 0.5f);
    Array cc = (Array) Lax.add(f32(n), 0.25f);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray y, NDArray z) -> {
      NDArray t = Lax.add(Lax.mul(x, y), z);
      t = Lax.sub(Lax.mul(Lax.exp(Lax.tanh(t)), 0.5f), x);
      return Lax.max(Lax.mul(Lax.sqrt(Lax.abs(t)), y), 0.0f);
    }).apply(a, b, cc);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(a, b, cc), 1e-5);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 10, 1000, 20_000})
  void w2Norm(int rows) {
    Array x = f32(rows, 10);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> {
      int n = v.shape()[0];
      int m = v.shape()[1];
      NDArray mean = Lax.div(Lax.reduceSum(v, 0), (float) n);
      NDArray centered = Lax.sub(v, Lax.broadcastInDim(mean, new int[] {n, m}, new int[] {1}));
      NDArray var = Lax.div(Lax.reduceSum(Lax.mul(centered, centered), 0), (float) n);
      return Lax.div(centered, Lax.broadcastInDim(Lax.sqrt(var), new int[] {n, m},
          new int[] {1}));
    }).apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 1e-4);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(), c.report());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 64, 1030})
  void softmax(int cols) {
    Array x = f32(37, cols);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> {
      int n = v.shape()[0];
      int m = v.shape()[1];
      NDArray max = Lax.reduceMax(v, 1);
      NDArray e = Lax.exp(Lax.sub(v, Lax.broadcastInDim(max, new int[] {n, m}, new int[] {0})));
      NDArray s = Lax.reduceSum(e, 1);
      return Lax.div(e, Lax.broadcastInDim(s, new int[] {n, m}, new int[] {0}));
    }).apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 1e-5);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(), c.report());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 100, 1 << 20})
  void sums(int n) {
    Array x = f32(n);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> Lax.reduceSum(v, 0)).apply(x);
    CodegenTesting.assertMatches(p, List.of(x), 1e-6 * Math.sqrt(n) + 1e-6);
    Array m = f32(300, n > 1000 ? 4096 : n);
    for (int axis = 0; axis < 2; axis++) {
      int ax = axis;
      ClosedJaxpr q = Jax.makeJaxpr((NDArray v) -> Lax.div(Lax.reduceSum(v, ax), 3.0f)).apply(m);
      CodegenTesting.assertMatches(q, List.of(m), 1e-4);
      ClosedJaxpr r = Jax.makeJaxpr((NDArray v) -> Lax.reduceMax(v, ax)).apply(m);
      CodegenTesting.assertMatches(r, List.of(m), 0);
    }
  }

  /** logsumexp's guard: is_finite and a select whose predicate is a constant (from std's ddof). */
  @ParameterizedTest
  @ValueSource(ints = {1, 9, 1030})
  void finiteGuardsAndConstantSelects(int cols) {
    Array x = f32(5, cols);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> {
      NDArray max = Lax.reduceMax(v, 1);
      NDArray safe = Lax.selectN(Lax.isFinite(max), Lax.mul(max, 0.0f), max);
      NDArray guarded = Lax.selectN(Array.fromDoubles(org.jaxpresso.core.DType.BOOL,
          new double[] {1}), Lax.mul(safe, 2.0f), safe);
      return Lax.sub(v, Lax.broadcastInDim(guarded, new int[] {5, cols}, new int[] {0}));
    }).apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 1e-6);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(), c.report());
  }

  /** float16 and bfloat16 loops are generated (scalar) and agree exactly with the reference. */
  @ParameterizedTest
  @ValueSource(strings = {"float16", "bfloat16"})
  void halfFloatLoops(String name) {
    org.jaxpresso.core.DType d = org.jaxpresso.core.DType.valueOf(name.toUpperCase());
    Array x = (Array) Lax.convertElementType(f32(37), d);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> Lax.integerPow(Lax.add(Lax.mul(Lax.sin(v),
        Lax.cos(v)), v), 3)).apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 0);
    assertEquals(1, c.generatedKernels(), c.report());
  }

  /** int32 loops and reductions are generated (IntVector) and agree exactly, wrapping. */
  @ParameterizedTest
  @ValueSource(ints = {1, 15, 100, 70_001})
  void int32Kernels(int n) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = (int) ((i * 2654435761L) % 100_000) - 50_000;
    }
    Array x = Array.of(v, n);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
      NDArray sq = Lax.mul(a, a);
      NDArray c = Lax.clamp(Array.scalar(-7, org.jaxpresso.core.DType.INT32),
          Lax.sub(sq, a), Array.scalar(1 << 30, org.jaxpresso.core.DType.INT32));
      NDArray s = Lax.selectN(Lax.lt(a, Lax.neg(a)), c, Lax.max(a, Lax.abs(sq)));
      return Lax.add(Lax.broadcastInDim(Lax.reduceSum(s, 0), new int[] {n}, new int[0]), s);
    }).apply(x);
    CpuProgram c = CodegenTesting.assertMatches(p, List.of(x), 0);
    assertEquals(c.kernels().kernels().size(), c.generatedKernels(), c.report());
  }
}
