package org.jaxpresso.jit.compiler;

import static org.jaxpresso.jit.compiler.CompilerTesting.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

class BufferPlanTest {
  @Test
  void deadIntermediatesLendTheirBuffers() {
    // Four library kernels in a chain: a -> b -> c -> d. c reuses a's buffer (a is dead once b
    // is computed); b cannot, since kernel 1 reads a while writing b; d is the output.
    Array x = Workloads.f32(8);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) ->
        Lax.cumsum(Lax.cumsum(Lax.cumsum(Lax.cumsum(v, 0), 0), 0), 0)).apply(x);
    CompiledProgram c = assertSameAsInterpreter(p, List.of(x));
    BufferPlan plan = c.buffers();
    assertEquals("buffer plan: 3 buffers (2 intermediate, 1 output), 64 intermediate bytes\n"
        + "b0 f32[8] intermediate: v1 v3\n"
        + "b1 f32[8] intermediate: v2\n"
        + "b2 f32[8] output: v4\n", plan.toString());
  }

  @Test
  void outputsAreNeverShared() {
    Array x = Workloads.f32(5);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> {
      NDArray a = Lax.cumsum(v, 0);
      NDArray b = Lax.cumsum(a, 0);
      return List.of(a, Lax.cumsum(b, 0), Lax.cumsum(Lax.sin(b), 0));
    }).apply(x);
    CompiledProgram c = assertSameAsInterpreter(p, List.of(x));
    BufferPlan plan = c.buffers();
    int outputs = 0;
    for (BufferPlan.Buffer b : plan.buffers()) {
      if (b.output()) {
        outputs++;
        assertEquals(1, b.values().size(), plan.toString());
      }
    }
    assertEquals(3, outputs, plan.toString());
    List<Array> first = c.execute(List.of(x));
    List<Array> second = c.execute(List.of(x));
    assertNotEquals(System.identityHashCode(first.get(0).host().data()),
        System.identityHashCode(second.get(0).host().data()));
    assertEquals(null, CompilerTesting.difference(first.get(1), second.get(1)));
  }

  @Test
  void buffersAreReusedOnlyForTheSameDtypeAndSize() {
    Array x = Workloads.f32(6);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> {
      NDArray a = Lax.cumsum(v, 0);
      NDArray b = Lax.cumsum(Lax.convertElementType(a, DType.INT32), 0);
      NDArray c = Lax.cumsum(Lax.slice(Lax.convertElementType(b, DType.FLOAT32), new int[] {1},
          new int[] {6}), 0);
      return Lax.cumsum(c, 0);
    }).apply(x);
    CompiledProgram c = assertSameAsInterpreter(p, List.of(x));
    for (BufferPlan.Buffer b : c.buffers().buffers()) {
      for (int v : b.values()) {
        assertEquals(b.dtype(), c.kernels().values().get(v).aval().dtype());
        assertEquals(b.length(), c.kernels().values().get(v).aval().size());
      }
    }
  }

  @Test
  void updatesOfDeadIntermediatesHappenInPlace() {
    Array x = Workloads.f32(8);
    Array u = Array.of(new float[] {10, 20}, 2);
    // sin(x) is an intermediate the update reads last: the update writes into its buffer.
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v, NDArray w) -> Lax.neg(Lax.dynamicUpdateSlice(
        Lax.sin(v), w, 3))).apply(x, u);
    CompiledProgram c = assertSameAsInterpreter(p, List.of(x, u));
    assertEquals("buffer plan: 2 buffers (1 intermediate, 1 output), 32 intermediate bytes\n"
        + "b0 f32[8] intermediate: v2 v4\n"
        + "b1 f32[8] output: v5\n", c.buffers().toString());
    // When the operand is still read afterwards, the update gets a buffer of its own.
    ClosedJaxpr live = Jax.makeJaxpr((NDArray v, NDArray w) -> {
      NDArray s = Lax.sin(v);
      return Lax.add(Lax.dynamicUpdateSlice(s, w, 3), Lax.cumsum(s, 0));
    }).apply(x, u);
    CompiledProgram d = assertSameAsInterpreter(live, List.of(x, u));
    for (BufferPlan.Buffer b : d.buffers().buffers()) {
      assertEquals(1, b.values().size(), d.buffers().toString());
    }
  }
}
