package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.CompileOptions;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code concatenate} fused with its producers and consumers into one loop kernel, as generated
 * code, against the interpreter bit for bit: every dtype, every axis, empty operands, the 1-d
 * heat step alone and inside a {@code fori_loop}.
 */
class FusedConcatenateTest {

  /** Fused concatenates are off by default on the CPU ({@link CpuProgram#OPTIONS}): ask. */
  private static CpuProgram compile(ClosedJaxpr p, String name) {
    return CpuProgram.compile(p, name, CpuBackend.simdAvailable(), new CompileOptions(true));
  }

  @Test
  void theCpuBackendKeepsConcatenateAsALibraryCopyByDefault() {
    Function<NDArray, NDArray> f = u -> Lax.add(Lax.concatenate(0, Lax.sin(u), u), 1.0f);
    ClosedJaxpr p = Jax.makeJaxpr(f).apply(Array.of(new float[] {1f, 2f, 3f}, 3));
    String report = CpuProgram.compile(p, "default_concat", CpuBackend.simdAvailable())
        .report();
    assertTrue(report.contains("concatenate") && report.contains("library"), report);
    String fused = compile(p, "fused_concat").report();
    assertFalse(fused.contains("library"), fused);
  }

  /** Why {@code got} differs from {@code want} bit for bit (NaNs equal), or null. */
  private static String exactDifference(Array want, Array got) {
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval() + " instead of " + want.aval();
    }
    for (int k = 0; k < want.size(); k++) {
      if (want.dtype().isFloating()) {
        double w = want.host().getDouble(k);
        double g = got.host().getDouble(k);
        if (Double.compare(w, g) != 0 && !(Double.isNaN(w) && Double.isNaN(g))) {
          return "element " + k + " is " + g + " instead of " + w;
        }
      } else if (want.host().getLong(k) != got.host().getLong(k)) {
        return "element " + k + " is " + got.host().getLong(k) + " instead of "
            + want.host().getLong(k);
      }
    }
    return null;
  }

  private static NDArray heatStep(NDArray u) {
    int n = u.shape()[0];
    NDArray mid = Lax.slice(u, new int[] {1}, new int[] {n - 1});
    NDArray right = Lax.slice(u, new int[] {2}, new int[] {n});
    NDArray left = Lax.slice(u, new int[] {0}, new int[] {n - 2});
    NDArray lap = Lax.add(Lax.sub(right, Lax.mul(mid, 2.0f)), left);
    NDArray inner = Lax.add(mid, Lax.mul(lap, 0.25f));
    return Lax.concatenate(0, Lax.slice(u, new int[] {0}, new int[] {1}), inner,
        Lax.slice(u, new int[] {n - 1}, new int[] {n}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
      "uint32", "uint64", "bfloat16", "float16", "float32", "float64"})
  void everyDtypeEveryAxisIsOneGeneratedKernel(String name) {
    DType d = DType.fromName(name);
    for (int axis = 0; axis < 3; axis++) {
      int[] sa = {2, 3, 4};
      int[] sb = {2, 3, 4};
      int[] sc = {2, 3, 4};
      sb[axis] = 1;
      sc[axis] = 0;
      Array a = LibraryConcatenateTest.typed(d, sa);
      Array b = LibraryConcatenateTest.typed(d, sb);
      Array c = LibraryConcatenateTest.typed(d, sc);
      int ax = axis;
      ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray y, NDArray z) -> {
        NDArray cat = Lax.concatenate(ax, Lax.max(x, Lax.rev(x, ax)), z, y, Lax.rev(x, 0));
        return Lax.max(cat, Lax.rev(cat, ax));
      }).apply(a, b, c);
      CpuProgram prog = compile(p, "concat");
      assertEquals(1, prog.kernels().kernels().size(), prog::report);
      // Generated wherever the same consumer of a fused pad (clamped loads and index
      // comparisons too) is: the generator leaves int64/uint64 kernels and bool kernels with
      // index-dependent values to the reference executor.
      ClosedJaxpr padded = Jax.makeJaxpr((NDArray x, NDArray y) -> {
        NDArray pad = Lax.pad(x, y, new int[][] {{1, 2, 0}, {0, 1, 1}, {2, 0, 0}});
        return Lax.max(pad, Lax.rev(pad, ax));
      }).apply(a, Array.scalar(1.0, d));
      String padReport = compile(padded, "pad").report();
      assertEquals(padReport.endsWith(": generated\n"), prog.report().endsWith(": generated\n"),
          prog.report() + padReport);
      List<Array> args = List.of(a, b, c);
      Array want = JaxprInterpreter.eval(p, args).get(0);
      Array got = prog.execute(args).get(0);
      assertNull(exactDifference(want, got), name + " axis " + axis);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 64, 1000})
  void heatStepIsOneGeneratedKernel(int n) {
    Array u = GeneratedControlFlowTest.f32(n);
    ClosedJaxpr p = Jax.makeJaxpr(FusedConcatenateTest::heatStep).apply(u);
    CpuProgram prog = compile(p, "heat");
    assertEquals(1, prog.kernels().kernels().size(), prog::report);
    assertTrue(prog.report().endsWith(": generated\n"), prog.report());
    Array want = JaxprInterpreter.eval(p, List.of(u)).get(0);
    assertNull(exactDifference(want, prog.execute(List.of(u)).get(0)));
  }

  @Test
  void heatLoopBodyIsGenerated() {
    Array u = GeneratedControlFlowTest.f32(257);
    Function<NDArray, NDArray> f =
        v -> Lax.foriLoop(0, 20, (NDArray i, NDArray w) -> heatStep(w), v);
    ClosedJaxpr p = Jax.makeJaxpr(f).apply(u);
    CpuProgram prog = compile(p, "heat_loop");
    String report = prog.report();
    assertFalse(report.contains("library") || report.contains("reference"), report);
    Array want = JaxprInterpreter.eval(p, List.of(u)).get(0);
    assertNull(exactDifference(want, prog.execute(List.of(u)).get(0)));
  }

  @Test
  void concatenateOfEmptyResultIsGenerated() {
    Array a = GeneratedControlFlowTest.f32(3, 0);
    Array b = GeneratedControlFlowTest.f32(2, 0);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray y) ->
        Lax.add(Lax.concatenate(0, x, Lax.neg(y)), 1.0f)).apply(a, b);
    CpuProgram prog = compile(p, "empty");
    Array want = JaxprInterpreter.eval(p, List.of(a, b)).get(0);
    assertNull(exactDifference(want, prog.execute(List.of(a, b)).get(0)), prog.report());
  }
}
