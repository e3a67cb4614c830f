package org.jaxpresso.jit.compiler;

import static org.jaxpresso.jit.compiler.CompilerTesting.assertKernelCount;
import static org.jaxpresso.jit.compiler.CompilerTesting.assertSameAsInterpreter;
import static org.jaxpresso.jit.compiler.CompilerTesting.fusionPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jaxpresso.Function3;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.fusion.FusionPlan;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

class FusionTest {
  private static List<Kernel.Kind> kinds(FusionPlan p) {
    return p.groups().stream().map(FusionPlan.Group::kind).toList();
  }

  @Test
  void w1IsOneLoopKernel() {
    Array x = Workloads.f32(8);
    ClosedJaxpr p = Jax.makeJaxpr(Workloads::w1).apply(x);
    assertKernelCount(p, 1);
    assertEquals("fusion plan: 1 kernel for 4 equations\n"
        + "kernel 0 loop [8]  0:sin 1:mul 2:cos 3:mul\n"
        + "  in a:f32[8]\n"
        + "  out e:f32[8]\n", fusionPlan(p).toString());
    assertSameAsInterpreter(p, List.of(x));
  }

  @Test
  void w2IsTwoReductionsWithEpiloguesAndOneLoop() {
    // reduce_sum(x) with the epilogue mean = s/n; reduce_sum((x-mean)^2) with the epilogue
    // std = sqrt(v/n); then the normalized output.
    Array x = Workloads.f32(6, 3);
    ClosedJaxpr p = Jax.makeJaxpr(Workloads::w2).apply(x);
    FusionPlan plan = fusionPlan(p);
    assertEquals("fusion plan: 3 kernels for 10 equations\n"
        + "kernel 0 reduce [6,3] reduce [0]  0:reduce_sum 1:div\n"
        + "  in a:f32[6,3]\n"
        + "  out c:f32[3]\n"
        + "kernel 1 reduce [6,3] reduce [0]  2:broadcast_in_dim 3:sub 4:mul 5:reduce_sum 6:div"
        + " 7:sqrt\n"
        + "  in c:f32[3] a:f32[6,3]\n"
        + "  out i:f32[3]\n"
        + "kernel 2 loop [6,3]  2:broadcast_in_dim 3:sub 8:broadcast_in_dim 9:div\n"
        + "  in c:f32[3] a:f32[6,3] i:f32[3]\n"
        + "  out k:f32[6,3]\n", plan.toString());
    assertSameAsInterpreter(p, List.of(x));
  }

  @Test
  void epiloguesStayOutOfIndexMapsAndKeepResultsOthersRead() {
    Array x = Workloads.f32(4, 4);
    // The reduction result is read transposed: not an epilogue.
    ClosedJaxpr transposed = Jax.makeJaxpr((NDArray a) -> Lax.mul(Lax.transpose(
        Lax.reduceSum(a, 2), 1, 0), 2.0f)).apply(Workloads.f32(4, 4, 2));
    assertKernelCount(transposed, 2);
    // Both the sum and its epilogue are outputs: the kernel writes both.
    ClosedJaxpr both = Jax.makeJaxpr((NDArray a) -> {
      NDArray s = Lax.reduceSum(a, 0);
      return List.of(s, Lax.sqrt(s));
    }).apply(x);
    FusionPlan plan = fusionPlan(both);
    assertEquals(1, plan.kernelCount(), plan.toString());
    assertEquals(2, plan.outputs(plan.groups().get(0)).size());
    assertSameAsInterpreter(both, List.of(x));
    assertSameAsInterpreter(transposed, List.of(Workloads.f32(4, 4, 2)));
  }

  @Test
  void w7ChainIsOneKernel() {
    Array a = Workloads.f32(16);
    Function3<NDArray, NDArray, NDArray, NDArray> f = Workloads::w7;
    ClosedJaxpr p = Jax.makeJaxpr(f).apply(a, a, a);
    assertKernelCount(p, 1);
    assertSameAsInterpreter(p, List.of(a, Workloads.f32(4, 4).reshapeView(
        org.jaxpresso.core.Shape.of(16)), a));
  }

  @Test
  void softmaxIsTwoReductionsAndOneLoop() {
    Array x = Workloads.f32(4, 5);
    ClosedJaxpr p = Jax.makeJaxpr(Workloads::softmax).apply(x);
    FusionPlan plan = fusionPlan(p);
    assertEquals(List.of(Kernel.Kind.REDUCE, Kernel.Kind.REDUCE, Kernel.Kind.LOOP), kinds(plan),
        plan.toString());
    // exp(x - max) is read by the sum and the division: recomputed in both (two readers).
    assertEquals(List.of(1, 2, 3, 4), plan.groups().get(1).eqns());
    assertSameAsInterpreter(p, List.of(x));
  }

  @Test
  void libraryOpsStayAloneWithMaterializedOperands() {
    Array x = Workloads.f32(3, 4);
    Array y = Workloads.f32(4, 2);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a, NDArray b) -> Lax.add(Lax.tanh(
        Lax.dotGeneral(Lax.neg(a), b, DotDimensionNumbers.of(new int[] {1}, new int[] {0}))),
        1.0f)).apply(x, y);
    FusionPlan plan = fusionPlan(p);
    assertEquals(List.of(Kernel.Kind.LOOP, Kernel.Kind.LIBRARY, Kernel.Kind.LOOP), kinds(plan),
        plan.toString());
    assertSameAsInterpreter(p, List.of(x, y));
  }

  @Test
  void siblingReductionsShareOneKernel() {
    Array x = Workloads.f32(5, 6);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> List.of(Lax.reduceSum(Lax.exp(a), 1),
        Lax.reduceMax(Lax.exp(a), 1), Lax.argmin(a, 1, DType.INT32))).apply(x);
    FusionPlan plan = fusionPlan(p);
    assertEquals(1, plan.kernelCount(), plan.toString());
    assertEquals(3, plan.outputs(plan.groups().get(0)).size());
    assertSameAsInterpreter(p, List.of(x));
  }

  @Test
  void dependentReductionsDoNotMerge() {
    Array x = Workloads.f32(5, 6);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
      NDArray m = Lax.reduceMax(a, 1);
      return Lax.reduceSum(Lax.sub(a, Lax.broadcastInDim(m, new int[] {5, 6}, new int[] {0})), 1);
    }).apply(x);
    assertKernelCount(p, 2);
    assertSameAsInterpreter(p, List.of(x));
  }

  @Test
  void expensiveValuesReadByManyKernelsAreComputedOnce() {
    Array x = Workloads.f32(3, 4);
    // exp(a) is read by three reductions over different axes: computed once, in a kernel of
    // its own; with two readers it is recomputed in both.
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
      NDArray e = Lax.exp(a);
      return List.of(Lax.reduceSum(Lax.mul(e, 2.0f), 0), Lax.reduceMax(Lax.mul(e, 3.0f), 1),
          Lax.reduceMin(Lax.mul(e, 4.0f), 0, 1));
    }).apply(x);
    assertKernelCount(p, 4);
    ClosedJaxpr two = Jax.makeJaxpr((NDArray a) -> {
      NDArray e = Lax.exp(a);
      return List.of(Lax.reduceSum(Lax.mul(e, 2.0f), 0), Lax.reduceMax(Lax.mul(e, 3.0f), 1));
    }).apply(x);
    assertKernelCount(two, 2);
    assertSameAsInterpreter(p, List.of(x));
    assertSameAsInterpreter(two, List.of(x));
  }

  @Test
  void loopsReadingAnExpensiveValueJoinItsKernel() {
    Array x = Workloads.f32(7);
    // exp(a) has three readers, so it is a root; the three products read it elementwise over
    // the same space and join its kernel, which computes exp once and writes three results.
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
      NDArray e = Lax.exp(a);
      return List.of(Lax.mul(e, 2.0f), Lax.mul(e, 3.0f), Lax.mul(e, 4.0f));
    }).apply(x);
    FusionPlan plan = fusionPlan(p);
    assertEquals(1, plan.kernelCount(), plan.toString());
    assertEquals(3, plan.outputs(plan.groups().get(0)).size(), plan.toString());
    CompiledProgram c = assertSameAsInterpreter(p, List.of(x));
    assertEquals(1, c.kernels().toString().split(" = exp ").length - 1, c.kernels().toString());
  }

  @Test
  void cheapValuesAreRecomputedInEveryReader() {
    Array x = Workloads.f32(7);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
      NDArray e = Lax.add(a, 1.0f);
      return List.of(Lax.mul(e, 2.0f), Lax.mul(e, 3.0f), Lax.mul(e, 4.0f));
    }).apply(x);
    assertKernelCount(p, 3);
  }

  @Test
  void expensiveOpsAreNotRecomputedPerBroadcastCopy() {
    Array x = Workloads.f32(4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> Lax.mul(Lax.broadcastInDim(Lax.exp(a),
        new int[] {3, 4}, new int[] {1}), 2.0f)).apply(x);
    assertKernelCount(p, 2);
    ClosedJaxpr cheap = Jax.makeJaxpr((NDArray a) -> Lax.mul(Lax.broadcastInDim(Lax.neg(a),
        new int[] {3, 4}, new int[] {1}), 2.0f)).apply(x);
    assertKernelCount(cheap, 1);
    assertSameAsInterpreter(p, List.of(x));
  }

  @Test
  void indexMapsFuseIntoTheirConsumer() {
    Array x = Workloads.f32(2, 3, 4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
      NDArray t = Lax.transpose(a, 2, 0, 1);
      NDArray r = Lax.reshape(t, new int[] {4, 6});
      NDArray s = Lax.slice(r, new int[] {1, 0}, new int[] {4, 6}, new int[] {1, 2});
      NDArray v = Lax.rev(s, 0, 1);
      NDArray p2 = Lax.pad(v, 0.5f, new int[][] {{1, 2, 1}, {-1, 0, 0}});
      NDArray i = Lax.convertElementType(Lax.broadcastedIota(DType.INT32, new int[] {8, 2}, 1),
          DType.FLOAT32);
      return Lax.add(Lax.sin(p2), i);
    }).apply(x);
    assertKernelCount(p, 1);
    assertSameAsInterpreter(p, List.of(x));
  }

  @Test
  void outputsReadByALoopShareItsKernel() {
    Array x = Workloads.f32(3, 3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
      NDArray s = Lax.sin(a);
      return List.of(s, Lax.mul(s, s));
    }).apply(x);
    FusionPlan plan = fusionPlan(p);
    assertEquals(1, plan.kernelCount(), plan.toString());
    assertEquals(2, plan.outputs(plan.groups().get(0)).size());
    assertSameAsInterpreter(p, List.of(x));
    // Read through a transpose, the output stays in its own kernel.
    ClosedJaxpr t = Jax.makeJaxpr((NDArray a) -> {
      NDArray s = Lax.sin(a);
      return List.of(s, Lax.mul(Lax.transpose(s, 1, 0), 2.0f));
    }).apply(x);
    assertKernelCount(t, 2);
    assertSameAsInterpreter(t, List.of(x));
  }
}
