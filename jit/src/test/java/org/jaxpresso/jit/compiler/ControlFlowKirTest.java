package org.jaxpresso.jit.compiler;

import static org.jaxpresso.jit.compiler.CompilerTesting.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.exec.ControlFlowExecutor;
import org.jaxpresso.jit.compiler.kir.ControlFlow;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.KirVerifier;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control flow in the kernel IR ({@link ControlFlow}): lowered sub-programs, the {@code .kir}
 * text, the verifier's checks, and the reference executor's loops against the interpreter.
 */
class ControlFlowKirTest {
  private static KernelProgram kir(ClosedJaxpr p) {
    return Compiler.compile(p, "t", Dump.none()).kernels();
  }

  private static Array f32(int... shape) {
    return Workloads.f32(shape);
  }

  private static Array i32(int v) {
    return Array.of(new int[] {v}, new int[0]);
  }

  @Test
  void foriLoopIsAScanKernelWithItsBodyNested() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.foriLoop(0, 5,
        (NDArray i, NDArray v) -> Lax.mul(v, 2.0f), x, 2)).apply(f32(3));
    KernelProgram k = kir(p);
    assertEquals(1, k.kernels().size());
    ControlFlow.ScanLoop s = assertInstanceOf(ControlFlow.ScanLoop.class,
        k.kernels().get(0).controlFlow());
    assertEquals(5, s.length());
    assertEquals(2, s.unroll());
    assertEquals(2, s.carries());
    assertEquals("program (v0:f32[3]) -> (v3)\n"
        + "kernel k0_scan_i32 scan []  # eqns [0]\n"
        + "  in0 = v1:i32[]\n"
        + "  in1 = v0:f32[3]\n"
        + "  out0 = v2:i32[]\n"
        + "  out1 = v3:f32[3]\n"
        + "  scan length=5 reverse=false consts=0 carries=2 unroll=2\n"
        + "  body:\n"
        + "    program (v0:i32[], v1:f32[3]) -> (v2, v3)\n"
        + "    kernel k0_add_i32 loop []  # eqns [0]\n"
        + "      in0 = v0:i32[]\n"
        + "      out0 = v2:i32[]\n"
        + "      %0:i32 = load in0[]\n"
        + "      %1:i32 = const 1:i32[]\n"
        + "      %2:i32 = add %0 %1\n"
        + "      store out0 %2\n"
        + "    kernel k1_mul_f32 loop [3]  # eqns [1]\n"
        + "      in0 = v1:f32[3]\n"
        + "      out0 = v3:f32[3]\n"
        + "      %0:f32 = load in0[i0]\n"
        + "      %1:f32 = const 2.0:f32[]\n"
        + "      %2:f32 = mul %0 %1\n"
        + "      store out0 %2\n", k.toString());
  }

  @Test
  void whileAndCondPrintTheirSubPrograms() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray n) -> Lax.whileLoop(
        (NDArray v) -> Lax.lt(v, 10),
        (NDArray v) -> Lax.cond(Lax.gt(v, 3), (NDArray u) -> Lax.mul(u, 2),
            (NDArray u) -> Lax.add(u, 1), v), n)).apply(i32(1));
    String text = kir(p).toString();
    assertTrue(text.contains("kernel k0_while_i32 while []"), text);
    assertTrue(text.contains("  while cond_consts=0 body_consts=0\n  cond:\n    program"), text);
    assertTrue(text.contains("\n  body:\n    program"), text);
    assertTrue(text.contains("    kernel k1_cond_i32 cond []"), text);
    assertTrue(text.contains("      cond branches=2\n      branch 0:\n        program"), text);
    assertTrue(text.contains("      branch 1:\n        program"), text);
  }

  @Test
  void verifierChecksSubProgramsAgainstTheKernel() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray n) -> Lax.whileLoop(
        (NDArray v) -> Lax.lt(v, 10), (NDArray v) -> Lax.add(v, 3), n)).apply(i32(1));
    KernelProgram good = kir(p);
    assertEquals(List.of(), KirVerifier.verify(good));
    Kernel k = good.kernels().get(0);
    ControlFlow.WhileLoop w = (ControlFlow.WhileLoop) k.controlFlow();
    // The condition in place of the body: it returns a bool, not the int32 carry.
    KernelProgram bad = with(good, k, new ControlFlow.WhileLoop(w.cond(), 0, w.cond(), 0));
    List<String> problems = KirVerifier.verify(bad);
    assertTrue(problems.contains("kernel k0_while_i32: while body outputs are (bool[]), expected"
        + " (i32[])"), problems.toString());
    // More constants than operands.
    problems = KirVerifier.verify(with(good, k, new ControlFlow.WhileLoop(w.cond(), 1, w.body(),
        1)));
    assertTrue(problems.contains("kernel k0_while_i32: while has 1 operands, fewer than"
        + " cond_consts=1 plus body_consts=1"), problems.toString());
    // A scan whose operand is not stacked along length.
    problems = KirVerifier.verify(with(good, k, new ControlFlow.ScanLoop(w.body(), 4, false, 0,
        0, 1)));
    assertTrue(problems.stream().anyMatch(s -> s.contains("scanned operand i32[] does not have"
        + " leading axis length 4")), problems.toString());
    assertTrue(problems.stream().anyMatch(s -> s.contains("control flow scan must be a library"
        + " kernel calling scan")), problems.toString());
    // A cond whose index is not int32.
    problems = KirVerifier.verify(with(good, k, new ControlFlow.Switch(List.of(w.body()))));
    assertTrue(problems.contains("kernel k0_while_i32: cond's first operand must be an int32"
        + " scalar index") || problems.stream().anyMatch(s -> s.contains("cond branch 0")),
        problems.toString());
  }

  @Test
  void verifierReportsProblemsInsideSubPrograms() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.foriLoop(0, 3,
        (NDArray i, NDArray v) -> Lax.sin(v), x)).apply(f32(4));
    KernelProgram good = kir(p);
    Kernel k = good.kernels().get(0);
    ControlFlow.ScanLoop s = (ControlFlow.ScanLoop) k.controlFlow();
    KernelProgram body = s.body();
    // The body's outputs rewired to a value no kernel writes.
    KernelProgram broken = new KernelProgram(body.values(), List.of(), body.outputs());
    List<String> problems = KirVerifier.verify(with(good, k, new ControlFlow.ScanLoop(broken,
        3, false, 0, 2, 1)));
    assertTrue(problems.stream().anyMatch(q -> q.startsWith("kernel k0_scan_i32: body: program"
        + " output v") && q.endsWith("is never written")), problems.toString());
  }

  private static KernelProgram with(KernelProgram p, Kernel k, ControlFlow cf) {
    Kernel changed = new Kernel(k.id(), k.name(), k.kind(), k.space(), k.reduceAxes(),
        k.inputs(), k.outputs(), k.nodes(), k.stores(), k.reductions(), k.epilogue(),
        k.epilogueStores(), k.call(), k.eqns(), cf);
    List<Kernel> ks = new ArrayList<>(p.kernels());
    ks.set(k.id(), changed);
    return new KernelProgram(p.values(), ks, p.outputs());
  }

  @Test
  void executorRejectsOtherKernels() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.sin(x)).apply(f32(2));
    Kernel k = kir(p).kernels().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ControlFlowExecutor.run(k, List.of(f32(2))));
    assertEquals("kernel " + k.name() + " is not control flow", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void referenceExecutorRunsScans(boolean reverse) {
    Array xs = f32(6, 3);
    Array a = f32(3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c0) -> {
      Lax.Step<List<NDArray>, List<NDArray>> s = Lax.scan((List<NDArray> c, NDArray xi) -> {
        NDArray na = Lax.add(Lax.mul(c.get(0), 0.5f), xi);
        return new Lax.Step<>(List.of(na, Lax.add(c.get(1), 1)),
            List.of(Lax.reduceSum(na, 0), Lax.gt(na, 0.0f)));
      }, List.of(c0, Lax.convertElementType(0, DType.INT32)), x, null, reverse, 2);
      return List.of(s.carry(), s.y());
    }).apply(xs, a);
    assertSameAsInterpreter(p, List.of(xs, a));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1, 2, 9})
  void referenceExecutorRunsSwitchesAndClampsTheIndex(int index) {
    Array v = f32(4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray i, NDArray x) -> Lax.switchCase(i, List.of(
        (NDArray y) -> Lax.sin(y), (NDArray y) -> Lax.mul(y, y), (NDArray y) -> y), x))
        .apply(i32(index), v);
    assertSameAsInterpreter(p, List.of(i32(index), v));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 27})
  void referenceExecutorRunsNestedWhileLoops(int start) {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray n) -> Lax.whileLoop(
        (List<NDArray> st) -> Lax.gt(st.get(0), 1),
        (List<NDArray> st) -> {
          NDArray m = st.get(0);
          NDArray half = Lax.whileLoop((NDArray q) -> Lax.gt(Lax.mul(q, 2), m),
              (NDArray q) -> Lax.sub(q, 1), m);
          return List.of(half, Lax.add(st.get(1), 1));
        }, List.of(n, Lax.convertElementType(0, DType.INT32)))).apply(i32(start));
    CompiledProgram c = assertSameAsInterpreter(p, List.of(i32(start)));
    List<Array> got = c.execute(List.of(i32(start)));
    int steps = 0;
    for (int m = start; m > 1; m /= 2) {
      steps++;
    }
    assertEquals(steps, got.get(1).getLong(0));
  }

  @Test
  void referenceExecutorRunsEmptyScans() {
    Array xs = f32(0, 2);
    Array a = f32(2);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c0) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan(
          (NDArray c, NDArray xi) -> new Lax.Step<>(Lax.add(c, xi), Lax.mul(c, xi)), c0, x);
      return List.of(s.carry(), s.y());
    }).apply(xs, a);
    assertSameAsInterpreter(p, List.of(xs, a));
  }
}
