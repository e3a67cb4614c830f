package org.jaxpresso.jit.compiler;

import static org.jaxpresso.jit.compiler.CompilerTesting.assertKernelCount;
import static org.jaxpresso.jit.compiler.CompilerTesting.assertSameAsInterpreter;
import static org.jaxpresso.jit.compiler.CompilerTesting.fusionPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.fusion.FusionPlan;
import org.jaxpresso.jit.compiler.fusion.FusionPlanner;
import org.jaxpresso.jit.compiler.fusion.OpClass;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code concatenate} as an index map: fused with its producers and consumers into one kernel
 * (plan structure), and computing exactly what the interpreter computes through the reference
 * executor, for every dtype, every axis, empty operands and the operand-count limit.
 */
class ConcatenateFusionTest {
  private static final double[] FLOATS = {0.0, -0.0, 1.0, -1.5, 2.5, 0.5, -3.0, 100.0,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-3, 0.75, -0.25, 7.0};
  private static final long[] INTS = {0, 1, -1, 7, -8, Long.MAX_VALUE, Long.MIN_VALUE, 3, 100,
      -100, 2, 5, 31, 64, -2};

  /** Values of dtype {@code d} and shape {@code shape}, edge values included, from {@code seed}. */
  static Array typed(DType d, int seed, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    if (d.isFloating()) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = FLOATS[(i * 7 + seed) % FLOATS.length] + (i % 5) * 0.25;
      }
      return Array.fromDoubles(d, v, shape);
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = d.isBool() ? (i + seed) % 3 & 1 : INTS[(i * 7 + seed) % INTS.length] + i;
    }
    return Array.fromLongs(d, v, shape);
  }

  private static Array f32(int seed, int... shape) {
    return typed(DType.FLOAT32, seed, shape);
  }

  private static List<Kernel.Kind> kinds(FusionPlan p) {
    return p.groups().stream().map(FusionPlan.Group::kind).toList();
  }

  /** The ops of every loop and reduction kernel of the compiled {@code program}. */
  private static List<KernelOp> ops(CompiledProgram c) {
    List<KernelOp> ops = new ArrayList<>();
    for (Kernel k : c.kernels().kernels()) {
      for (Node n : k.nodes()) {
        ops.add(n.op());
      }
    }
    return ops;
  }

  @Test
  void concatenateOfElementwiseProducersAndItsConsumerIsOneKernel() {
    Array x = f32(0, 5);
    Array y = f32(1, 5);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a, NDArray b) ->
        Lax.add(Lax.concatenate(0, Lax.sin(a), Lax.mul(b, 2.0f)), 1.0f)).apply(x, y);
    FusionPlan plan = fusionPlan(p);
    assertEquals(List.of(Kernel.Kind.LOOP), kinds(plan), plan::toString);
    assertEquals(4, plan.groups().get(0).eqns().size(), plan::toString);
    assertSameAsInterpreter(p, List.of(x, y));
  }

  @Test
  void heatStepIsOneKernel() {
    Array u = f32(2, 12);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray v) -> {
      int n = v.shape()[0];
      NDArray mid = Lax.slice(v, new int[] {1}, new int[] {n - 1});
      NDArray right = Lax.slice(v, new int[] {2}, new int[] {n});
      NDArray left = Lax.slice(v, new int[] {0}, new int[] {n - 2});
      NDArray lap = Lax.add(Lax.sub(right, Lax.mul(mid, 2.0f)), left);
      NDArray inner = Lax.add(mid, Lax.mul(lap, 0.25f));
      return Lax.concatenate(0, Lax.slice(v, new int[] {0}, new int[] {1}), inner,
          Lax.slice(v, new int[] {n - 1}, new int[] {n}));
    }).apply(u);
    assertKernelCount(p, 1);
    CompiledProgram c = assertSameAsInterpreter(p, List.of(u));
    // Two selects choose among the three operands; the ends read u at constant indices.
    assertEquals(2, ops(c).stream().filter(o -> o == KernelOp.SELECT).count(), c::toString);
  }

  @Test
  void everyDtypeAndAxisWithEmptyOperandsMatchesTheInterpreter() {
    int[][] shapes = {{2, 3, 4}, {1, 3, 2}, {3, 2, 4}};
    for (DType d : DType.values()) {
      for (int axis = 0; axis < 3; axis++) {
        int ax = axis;
        int[] sa = {2, 3, 4};
        int[] sb = shapes[axis].clone();
        int[] se = {2, 3, 4};
        se[axis] = 0;
        sb[(axis + 1) % 3] = sa[(axis + 1) % 3];
        sb[(axis + 2) % 3] = sa[(axis + 2) % 3];
        Array a = typed(d, 0, sa);
        Array b = typed(d, 3, sb);
        Array e = typed(d, 5, se);
        // Producers (an elementwise op and a rev) and a consumer fuse around the concatenate.
        ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray y, NDArray z) -> {
          NDArray c = Lax.concatenate(ax, Lax.max(x, Lax.rev(x, ax)), z, y, z, Lax.rev(y, 0));
          return Lax.max(c, Lax.rev(c, ax));
        }).apply(a, b, e);
        assertKernelCount(p, 1);
        assertSameAsInterpreter(p, List.of(a, b, e));
      }
    }
  }

  @Test
  void emptyResultsAndSingleNonEmptyOperands() {
    Array a = f32(0, 3, 0);
    Array b = f32(1, 2, 0);
    ClosedJaxpr empty = Jax.makeJaxpr((NDArray x, NDArray y) ->
        Lax.add(Lax.concatenate(0, x, y), 1.0f)).apply(a, b);
    assertSameAsInterpreter(empty, List.of(a, b));
    Array c = f32(2, 0, 4);
    Array d = f32(3, 3, 4);
    ClosedJaxpr single = Jax.makeJaxpr((NDArray x, NDArray y) ->
        Lax.mul(Lax.concatenate(0, x, Lax.neg(y), x), 3.0f)).apply(c, d);
    assertKernelCount(single, 1);
    CompiledProgram compiled = assertSameAsInterpreter(single, List.of(c, d));
    assertFalse(ops(compiled).contains(KernelOp.SELECT), compiled::toString);
  }

  @Test
  void aSliceOfOneOperandReadsOnlyThatOperand() {
    Array x = f32(0, 4, 3);
    Array y = f32(1, 5, 3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a, NDArray b) -> Lax.add(Lax.slice(
        Lax.concatenate(0, Lax.exp(a), b), new int[] {5, 1}, new int[] {9, 3}), 1.0f))
        .apply(x, y);
    CompiledProgram c = assertSameAsInterpreter(p, List.of(x, y));
    assertEquals(1, c.kernels().kernels().size(), c::toString);
    assertFalse(ops(c).contains(KernelOp.SELECT), c::toString);
    assertFalse(ops(c).contains(KernelOp.EXP), c::toString);
  }

  @Test
  void fusesIntoReductions() {
    Array x = f32(0, 3, 4);
    Array y = f32(1, 3, 2);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a, NDArray b) ->
        Lax.reduceSum(Lax.concatenate(1, Lax.mul(a, 2.0f), b), 1)).apply(x, y);
    FusionPlan plan = fusionPlan(p);
    assertEquals(List.of(Kernel.Kind.REDUCE), kinds(plan), plan::toString);
    assertSameAsInterpreter(p, List.of(x, y));
    ClosedJaxpr across = Jax.makeJaxpr((NDArray a, NDArray b) ->
        Lax.reduceMax(Lax.concatenate(1, Lax.mul(a, 2.0f), b), 0)).apply(x, y);
    assertKernelCount(across, 1);
    assertSameAsInterpreter(across, List.of(x, y));
  }

  @Test
  void aLoneConcatenateStaysALibraryCopy() {
    Array x = f32(0, 4);
    Array y = f32(1, 3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a, NDArray b) -> Lax.concatenate(0, a, b, a))
        .apply(x, y);
    assertEquals(List.of(Kernel.Kind.LIBRARY), kinds(fusionPlan(p)));
    assertSameAsInterpreter(p, List.of(x, y));
  }

  @Test
  void expensiveOperandsFuseOnlyWhenTheConcatenateAtMostDoublesTheirWork() {
    Array x = f32(0, 4);
    Array y = f32(1, 4);
    Array big = f32(2, 9);
    ClosedJaxpr half = Jax.makeJaxpr((NDArray a, NDArray b) ->
        Lax.add(Lax.concatenate(0, Lax.sin(a), b), 1.0f)).apply(x, y);
    assertKernelCount(half, 1);
    ClosedJaxpr small = Jax.makeJaxpr((NDArray a, NDArray b) ->
        Lax.add(Lax.concatenate(0, Lax.sin(a), b), 1.0f)).apply(x, big);
    assertTrue(13 > FusionPlanner.MAX_CONCAT_RECOMPUTE_FACTOR * 4);
    assertKernelCount(small, 2);
    assertSameAsInterpreter(half, List.of(x, y));
    assertSameAsInterpreter(small, List.of(x, big));
  }

  @Test
  void manyOperandsFallBackToTheLibraryPastTheLimit() {
    for (int count : new int[] {2, OpClass.MAX_FUSED_CONCAT_OPERANDS,
        OpClass.MAX_FUSED_CONCAT_OPERANDS + 1, 50}) {
      Array x = f32(count, count, 3);
      ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> {
        List<NDArray> rows = new ArrayList<>();
        for (int r = count - 1; r >= 0; r--) {
          rows.add(Lax.mul(Lax.slice(a, new int[] {r, 0}, new int[] {r + 1, 3}), 2.0f));
        }
        return Lax.add(Lax.concatenate(rows, 0), 1.0f);
      }).apply(x);
      FusionPlan plan = fusionPlan(p);
      boolean fused = count <= OpClass.MAX_FUSED_CONCAT_OPERANDS;
      // Fused: one loop. Past the limit: a library concatenate (its operands are buffers, one
      // small loop each) and the consumer's loop.
      assertEquals(fused ? 1 : count + 2, plan.kernelCount(), () -> count + " operands\n" + plan);
      assertEquals(fused ? 0 : 1, kinds(plan).stream().filter(k -> k == Kernel.Kind.LIBRARY)
          .count(), () -> count + " operands\n" + plan);
      CompiledProgram c = assertSameAsInterpreter(p, List.of(x));
      if (fused) {
        // One comparison and one select per operand past the first, one load per operand.
        assertEquals(count - 1, ops(c).stream().filter(o -> o == KernelOp.SELECT).count());
        assertTrue(c.kernels().kernels().get(0).nodes().size() <= 6 * count + 4,
            c::toString);
      }
    }
  }
}
