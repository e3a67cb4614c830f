package org.jaxpresso.jit.compiler;

import static org.jaxpresso.jit.compiler.CompilerTesting.assertSameAsInterpreter;
import static org.jaxpresso.jit.compiler.CompilerTesting.difference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.exec.ReferenceExecutor;
import org.jaxpresso.jit.compiler.kir.IndexExpr;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.KirVerifier;
import org.jaxpresso.jit.compiler.kir.Node;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * Lax's size-1 broadcasting between elementwise operands of equal rank ({@code f32[3,1] +
 * f32[1,4]}): the kernel IR reads such an operand at index 0 along its size-1 dimensions, also
 * through fused producers, and every load stays within its input.
 */
class BroadcastingElementwiseTest {
  private static ClosedJaxpr jaxpr2(java.util.function.BiFunction<NDArray, NDArray, ?> f,
      Array x, Array y) {
    return Jax.makeJaxpr(f).apply(x, y);
  }

  /** Compiles, checks loads stay in bounds, and compares both executions with the interpreter. */
  private static KernelProgram check(ClosedJaxpr p, List<Array> args) {
    CompiledProgram c = assertSameAsInterpreter(p, args);
    assertLoadsInBounds(c.kernels());
    List<Array> want = JaxprInterpreter.eval(p, args);
    List<Array> got = ReferenceExecutor.run(c.kernels(), c.buffers(), args);
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertNull(difference(want.get(i), got.get(i)), "output " + i + "\n" + c.kernels());
    }
    return c.kernels();
  }

  /**
   * Asserts that no load indexes a size-1 input dimension with anything but the constant 0 (the
   * only index in bounds there) unless the kernel's own space has size 1 along it.
   */
  private static void assertLoadsInBounds(KernelProgram kp) {
    for (Kernel k : kp.kernels()) {
      for (List<Node> nodes : List.of(k.nodes(), k.epilogue())) {
        for (Node n : nodes) {
          if (n.op() != KernelOp.LOAD) {
            continue;
          }
          int[] dims = kp.values().get(k.inputs().get(n.input())).aval().shape().dims();
          for (int d = 0; d < dims.length; d++) {
            IndexExpr ix = n.index().get(d);
            if (dims[d] == 1 && !(ix instanceof IndexExpr.Const)) {
              assertTrue(ix instanceof IndexExpr.Axis a && k.space().dims()[a.axis()] == 1,
                  () -> "load of a size-1 dimension at " + ix + " in\n" + kp);
            }
          }
        }
      }
    }
  }

  private static Array i32(int... shape) {
    Array f = Workloads.f32(shape);
    int n = Math.toIntExact(f.aval().size());
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.round(f.getDouble(i) * 10);
    }
    return Array.fromLongs(DType.INT32, v, shape);
  }

  @Test
  void columnPlusRow() {
    Array a = Workloads.f32(3, 1);
    Array b = Workloads.f32(1, 4);
    KernelProgram kp = check(jaxpr2(Lax::add, a, b), List.of(a, b));
    String text = kp.toString();
    assertTrue(text.contains("load in0[i0, 0]"), text);
    assertTrue(text.contains("load in1[0, i1]"), text);
  }

  @Test
  void vectorOfOnePlusVector() {
    Array a = Workloads.f32(1);
    Array b = Workloads.f32(5);
    KernelProgram kp = check(jaxpr2(Lax::add, a, b), List.of(a, b));
    assertTrue(kp.toString().contains("load in0[0]"), kp.toString());
    check(jaxpr2(Lax::sub, b, a), List.of(b, a));
  }

  @Test
  void otherElementwiseFamiliesAndDtypes() {
    Array a = Workloads.f32(3, 1);
    Array b = Workloads.f32(1, 4);
    check(jaxpr2(Lax::mul, a, b), List.of(a, b));
    check(jaxpr2(Lax::max, b, a), List.of(b, a));
    check(jaxpr2(Lax::lt, a, b), List.of(a, b));
    check(jaxpr2((x, y) -> Lax.pow(Lax.abs(x), y), a, b), List.of(a, b));
    Array ia = i32(2, 1, 4);
    Array ib = i32(1, 3, 1);
    check(jaxpr2(Lax::mul, ia, ib), List.of(ia, ib));
    check(jaxpr2((x, y) -> Lax.bitwiseAnd(Lax.gt(x, 0), Lax.lt(y, 5)), ia, ib),
        List.of(ia, ib));
  }

  @Test
  void threeOperandsAndScalars() {
    Array a = Workloads.f32(3, 1);
    Array b = Workloads.f32(1, 4);
    ClosedJaxpr p = jaxpr2((x, y) -> Lax.add(Lax.mul(Lax.add(x, y), 2.0f), x), a, b);
    check(p, List.of(a, b));
  }

  @Test
  void zeroSizedBroadcasts() {
    Array a = Workloads.f32(0, 1);
    Array b = Workloads.f32(1, 4);
    check(jaxpr2(Lax::add, a, b), List.of(a, b));
    Array c = Workloads.f32(1);
    Array d = Workloads.f32(0);
    check(jaxpr2(Lax::mul, c, d), List.of(c, d));
  }

  @Test
  void reductionsAfterTheBroadcast() {
    Array a = Workloads.f32(3, 1);
    Array b = Workloads.f32(1, 4);
    List<Array> args = List.of(a, b);
    check(jaxpr2((x, y) -> Lax.reduceSum(Lax.add(x, y), 1), a, b), args);
    check(jaxpr2((x, y) -> Lax.reduceSum(Lax.mul(x, y), 0), a, b), args);
    check(jaxpr2((x, y) -> Lax.reduceMax(Lax.sub(x, y), 0, 1), a, b), args);
    check(jaxpr2((x, y) -> Lax.argmax(Lax.mul(x, y), 1, DType.INT32), a, b), args);
    // A reduction, then the result broadcast again against a size-1 operand.
    check(jaxpr2((x, y) -> Lax.mul(Lax.reshape(Lax.reduceSum(Lax.add(x, y), 0),
        new int[] {1, 4}), x), a, b), args);
    // An epilogue that broadcasts: the [3] sums reshaped to [3,1] plus a [1,1] value.
    check(jaxpr2((x, y) -> Lax.add(Lax.reshape(Lax.reduceSum(Lax.add(x, y), 1),
        new int[] {3, 1}), Lax.reshape(Lax.reduceSum(y, 1), new int[] {1, 1})), a, b), args);
  }

  @Test
  void fusedThroughATranspose() {
    Array a = Workloads.f32(1, 3);
    Array b = Workloads.f32(1, 4);
    // transpose(f32[1,3]) is f32[3,1]: its load reads the transposed index with 0 along the
    // broadcast dimension.
    KernelProgram kp = check(jaxpr2((x, y) -> Lax.add(Lax.transpose(Lax.exp(x), 1, 0), y), a, b),
        List.of(a, b));
    assertTrue(kp.toString().contains("load in0[0, i0]"), kp.toString());
    // A cheap producer fused too: the program input itself is read at [0, i0].
    kp = check(jaxpr2((x, y) -> Lax.add(Lax.transpose(Lax.neg(x), 1, 0), y), a, b),
        List.of(a, b));
    assertTrue(kp.toString().contains("load in0[0, i0]"), kp.toString());
    // The broadcast result transposed.
    Array c = Workloads.f32(3, 1);
    check(jaxpr2((x, y) -> Lax.neg(Lax.transpose(Lax.mul(x, y), 1, 0)), c, b), List.of(c, b));
    // Transpose on both sides of the broadcast, then a reduction.
    check(jaxpr2((x, y) -> Lax.reduceSum(Lax.transpose(Lax.add(Lax.transpose(x, 1, 0), y),
        1, 0), 1), a, b), List.of(a, b));
  }

  @Test
  void verifierRejectsALoadPastASizeOneDimension() {
    Array a = Workloads.f32(3, 1);
    Array b = Workloads.f32(1, 4);
    KernelProgram kp = Compiler.compile(jaxpr2(Lax::add, a, b), "t", Dump.none()).kernels();
    assertEquals(List.of(), KirVerifier.verify(kp));
    Kernel k = kp.kernels().get(0);
    List<Node> nodes = new java.util.ArrayList<>(k.nodes());
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (n.op() == KernelOp.LOAD) {
        // What the lowering used to emit: the output's loop index along the size-1 dimension.
        nodes.set(i, Node.load(n.input(), n.dtype(),
            List.of(IndexExpr.axis(0), IndexExpr.axis(1))));
      }
    }
    Kernel bad = new Kernel(k.id(), k.name(), k.kind(), k.space(), k.reduceAxes(), k.inputs(),
        k.outputs(), nodes, k.stores(), k.reductions(), k.epilogue(), k.epilogueStores(),
        k.call(), k.eqns());
    List<String> problems = KirVerifier.verify(new KernelProgram(kp.values(), List.of(bad),
        kp.outputs()));
    assertEquals(List.of(
        "kernel k0_add_f32: %0 reads f32[3,1] at [i0, i1] over space (3, 4): dimension 1 ranges"
            + " over [0, 3], not within [0, 0]",
        "kernel k0_add_f32: %1 reads f32[1,4] at [i0, i1] over space (3, 4): dimension 0 ranges"
            + " over [0, 2], not within [0, 0]"), problems);
  }
}
