package org.jaxpresso.jit.compiler;

import static org.jaxpresso.jit.compiler.CompilerTesting.assertSameAsInterpreter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.kir.IndexExpr;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.KirVerifier;
import org.jaxpresso.jit.compiler.kir.Node;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

class KirTest {
  private static KernelProgram kir(ClosedJaxpr p) {
    return Compiler.compile(p, "t", Dump.none()).kernels();
  }

  @Test
  void w1KernelText() {
    ClosedJaxpr p = Jax.makeJaxpr(Workloads::w1).apply(Workloads.f32(8));
    assertEquals("program (v0:f32[8]) -> (v1)\n"
        + "kernel k0_sin_mul_cos_f32 loop [8]  # eqns [0, 1, 2, 3]\n"
        + "  in0 = v0:f32[8]\n"
        + "  out0 = v1:f32[8]\n"
        + "  %0:f32 = const 2.0:f32[]\n"
        + "  %1:f32 = load in0[i0]\n"
        + "  %2:f32 = sin %1\n"
        + "  %3:f32 = mul %0 %2\n"
        + "  %4:f32 = cos %1\n"
        + "  %5:f32 = mul %3 %4\n"
        + "  store out0 %5\n", kir(p).toString());
  }

  @Test
  void softmaxKernelsShareTheRecomputedExponential() {
    ClosedJaxpr p = Jax.makeJaxpr(Workloads::softmax).apply(Workloads.f32(4, 5));
    String text = kir(p).toString();
    assertTrue(text.contains("kernel k1_broadcast_in_dim_sub_exp_f32 reduce [4,5] reduce [1]"
        + "  # eqns [1, 2, 3, 4]\n"
        + "  in0 = v1:f32[4]\n"
        + "  in1 = v0:f32[4,5]\n"
        + "  out0 = v2:f32[4]\n"
        + "  %0:f32 = load in1[i0, i1]\n"
        + "  %1:f32 = load in0[i0]\n"
        + "  %2:f32 = sub %0 %1\n"
        + "  %3:f32 = exp %2\n"
        + "  reduce #0 -> out0 = reduce_sum %3 init 0.0:f32[]\n"), text);
    assertTrue(text.contains("reduce #0 -> out0 = reduce_max %0 init -inf:f32[]"), text);
  }

  @Test
  void epilogueText() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.div(Lax.reduceSum(x, 0), 6.0f))
        .apply(Workloads.f32(6, 3));
    assertEquals("program (v0:f32[6,3]) -> (v1)\n"
        + "kernel k0_reduce_sum_div_f32 reduce [6,3] reduce [0]  # eqns [0, 1]\n"
        + "  in0 = v0:f32[6,3]\n"
        + "  out0 = v1:f32[3]\n"
        + "  %0:f32 = load in0[i0, i1]\n"
        + "  reduce #0 = reduce_sum %0 init 0.0:f32[]\n"
        + "  epilogue [3]\n"
        + "  %e0:f32 = reduced #0\n"
        + "  %e1:f32 = const 6.0:f32[]\n"
        + "  %e2:f32 = div %e0 %e1\n"
        + "  store out0 %e2\n", kir(p).toString());
  }

  @Test
  void indexMapsComposeIntoOneLoad() {
    // transpose, a reshape that mixes dimensions, rev and pad with interior padding.
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> Lax.pad(Lax.rev(Lax.reshape(
        Lax.transpose(a, 1, 0), new int[] {2, 6}), 1), 0.0f, new int[][] {{1, 0, 1}, {0, 2, 0}}))
        .apply(Workloads.f32(4, 3));
    String text = kir(p).toString();
    assertTrue(text.contains("load in0[((6*clamp(((i0 - 1) // 2), 0, 1) + (-1*clamp(i1, 0, 5)"
        + " + 5)) % 4), ((6*clamp(((i0 - 1) // 2), 0, 1) + (-1*clamp(i1, 0, 5) + 5)) // 4)]"),
        text);
    assertTrue(text.contains("%7:i64 = index ((i0 - 1) % 2)"), text);
    assertSameAsInterpreter(p, List.of(Workloads.f32(4, 3)));
  }

  @Test
  void reshapesOfUnitDimensionsMapDirectly() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> Lax.neg(Lax.reshape(a, new int[] {3, 1, 4})))
        .apply(Workloads.f32(1, 3, 4));
    assertTrue(kir(p).toString().contains("load in0[0, i0, i2]"), kir(p).toString());
    ClosedJaxpr flat = Jax.makeJaxpr((NDArray a) -> Lax.neg(Lax.reshape(a, new int[] {12})))
        .apply(Workloads.f32(3, 4));
    assertTrue(kir(flat).toString().contains("load in0[(i0 // 4), (i0 % 4)]"),
        kir(flat).toString());
    assertSameAsInterpreter(p, List.of(Workloads.f32(1, 3, 4)));
    assertSameAsInterpreter(flat, List.of(Workloads.f32(3, 4)));
  }

  @Test
  void iotaIsAnIndexNode() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> Lax.add(a, Lax.convertElementType(
        Lax.broadcastedIota(DType.INT32, new int[] {2, 3}, 1), DType.FLOAT32)))
        .apply(Workloads.f32(2, 3));
    String text = kir(p).toString();
    assertTrue(text.contains("= index i1\n"), text);
    assertTrue(text.contains(":i32 = convert %"), text);
    assertSameAsInterpreter(p, List.of(Workloads.f32(2, 3)));
  }

  @Test
  void indexExpressionsSimplify() {
    IndexExpr i = IndexExpr.axis(0);
    assertEquals("i0", IndexExpr.add(i, 0).toString());
    assertEquals("(i0 + 5)", IndexExpr.add(IndexExpr.add(i, 2), 3).toString());
    assertEquals("6*i0", IndexExpr.scale(IndexExpr.scale(i, 2), 3).toString());
    assertEquals("0", IndexExpr.scale(i, 0).toString());
    assertEquals("i0", IndexExpr.floorDiv(i, 1).toString());
    assertEquals("i0", IndexExpr.mod(i, 4, 4).toString());
    assertEquals("(i0 % 4)", IndexExpr.mod(i, 4, Long.MAX_VALUE).toString());
    assertEquals(-1, IndexExpr.floorDiv(IndexExpr.add(i, -1), 2).eval(new long[] {0}));
    assertEquals(1, IndexExpr.mod(IndexExpr.add(i, -1), 2, Long.MAX_VALUE)
        .eval(new long[] {0}));
    assertEquals(3, IndexExpr.clamp(i, 0, 3).eval(new long[] {7}));
  }

  @Test
  void verifierReportsEveryProblem() {
    ClosedJaxpr p = Jax.makeJaxpr(Workloads::w1).apply(Workloads.f32(8));
    KernelProgram good = kir(p);
    assertEquals(List.of(), KirVerifier.verify(good));
    Kernel k = good.kernels().get(0);
    List<Node> nodes = new ArrayList<>(k.nodes());
    nodes.set(2, Node.apply(KernelOp.SIN, DType.FLOAT32, List.of(4), 0));
    nodes.add(Node.load(0, DType.INT32, List.of(IndexExpr.axis(0), IndexExpr.axis(1))));
    nodes.add(Node.apply(KernelOp.ADD, DType.FLOAT32, List.of(0), 0));
    nodes.add(Node.reduced(0, DType.FLOAT32));
    Kernel bad = new Kernel(k.id(), k.name(), k.kind(), Shape.of(9), k.reduceAxes(),
        k.inputs(), k.outputs(), nodes, List.of(new Kernel.Store(0, 7), new Kernel.Store(1, 0)),
        k.reductions(), k.epilogue(), k.epilogueStores(), k.call(), k.eqns());
    KernelProgram broken = new KernelProgram(good.values(), List.of(bad), good.outputs());
    List<String> problems = KirVerifier.verify(broken);
    assertEquals(List.of(
        "kernel k0_sin_mul_cos_f32: %1 reads f32[8] at [i0] over space (9,): dimension 0"
            + " ranges over [0, 8], not within [0, 7]",
        "kernel k0_sin_mul_cos_f32: %2 reads %4 before it is defined",
        "kernel k0_sin_mul_cos_f32: %6 indexes f32[8] with 2 expressions",
        "kernel k0_sin_mul_cos_f32: %6 loads float32 as int32",
        "kernel k0_sin_mul_cos_f32: %7 add has 1 operands",
        "kernel k0_sin_mul_cos_f32: %8 reads reduction #0 outside an epilogue or past the"
            + " kernel's reductions",
        "kernel k0_sin_mul_cos_f32: stores into f32[8] over space (9,)",
        "kernel k0_sin_mul_cos_f32: stores to missing output 1"), problems);
  }
}
