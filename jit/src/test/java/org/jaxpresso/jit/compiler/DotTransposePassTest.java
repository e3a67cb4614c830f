package org.jaxpresso.jit.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.passes.DotTransposePass;
import org.jaxpresso.jit.compiler.passes.PassPipeline;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@link DotTransposePass}: a transposed product whose permutation swaps the operands' free
 * dimensions becomes the product of the swapped operands (values bit for bit the same), and
 * nothing else changes.
 */
class DotTransposePassTest {
  private static Array data(int seed, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = ((i * 37 + seed * 11) % 19 - 9) / 8f;
    }
    return Array.of(v, shape);
  }

  private static long count(ClosedJaxpr p, String primitive) {
    return p.jaxpr().eqns().stream().filter(e -> e.primitive().name().equals(primitive))
        .count();
  }

  private static ClosedJaxpr applied(ClosedJaxpr p, List<Array> args) {
    ClosedJaxpr out = new DotTransposePass().apply(p);
    JaxprChecker.check(out);
    assertEquals(out.toString(), new DotTransposePass().apply(out).toString());
    List<Array> want = JaxprInterpreter.eval(p, args);
    List<Array> got = JaxprInterpreter.eval(out, args);
    for (int i = 0; i < want.size(); i++) {
      assertEquals(null, CompilerTesting.difference(want.get(i), got.get(i)));
    }
    return out;
  }

  @Test
  void transposedProductBecomesTheSwappedProduct() {
    Array g = data(1, 6, 5);
    Array x = data(2, 6, 4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a, NDArray b) -> Lax.sub(Lax.transpose(
        Lax.dotGeneral(a, b, DotDimensionNumbers.of(new int[] {0}, new int[] {0})), 1, 0), 1f))
        .apply(g, x);
    ClosedJaxpr out = applied(p, List.of(g, x));
    assertEquals(0, count(out, "transpose"), out.toString());
    Eqn dot = out.jaxpr().eqns().get(0);
    assertEquals("dot_general", dot.primitive().name());
    assertEquals(p.jaxpr().invars().get(1), dot.inputs().get(0));
    CompilerTesting.assertSameAsInterpreter(p, List.of(g, x));
  }

  @Test
  void gradientOfAMatmulHasNoTransposeLeft() {
    Array x = data(3, 8, 5);
    Array w = data(4, 5, 3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray ww) -> Jax.grad((NDArray v) -> Lax.reduceSum(
        Lax.tanh(Lax.dotGeneral(x, v, DotDimensionNumbers.of(new int[] {1}, new int[] {0}))),
        0, 1)).apply(ww)).apply(w);
    ClosedJaxpr opt = PassPipeline.standard().run(p, Dump.none());
    assertTrue(count(p, "transpose") > 0, p::toString);
    assertEquals(0, count(opt, "transpose"), opt::toString);
    CompilerTesting.assertSameAsInterpreter(p, List.of(w));
  }

  @Test
  void otherTransposesStay() {
    Array a = data(5, 2, 3, 4);
    Array b = data(6, 4, 5);
    // Three free dimensions, permuted within the left operand's: not a swap.
    ClosedJaxpr p = Jax.makeJaxpr((NDArray u, NDArray v) -> Lax.transpose(
        Lax.dotGeneral(u, v, DotDimensionNumbers.of(new int[] {2}, new int[] {0})), 1, 0, 2))
        .apply(a, b);
    assertEquals(1, count(applied(p, List.of(a, b)), "transpose"));
    // The product is read by another equation too.
    Array c = data(7, 4, 4);
    ClosedJaxpr q = Jax.makeJaxpr((NDArray u) -> {
      NDArray d = Lax.dotGeneral(u, u, DotDimensionNumbers.of(new int[] {1}, new int[] {0}));
      return Lax.add(Lax.transpose(d, 1, 0), d);
    }).apply(c);
    assertEquals(1, count(applied(q, List.of(c)), "transpose"));
    // Batch dimensions.
    Array e = data(8, 2, 3, 4);
    ClosedJaxpr r = Jax.makeJaxpr((NDArray u) -> Lax.transpose(Lax.dotGeneral(u, u,
        new DotDimensionNumbers(new int[] {2}, new int[] {2}, new int[] {0}, new int[] {0})),
        0, 2, 1)).apply(e);
    assertFalse(count(applied(r, List.of(e)), "transpose") == 0);
  }

  @Test
  void sgdUpdateOfAWeightGradientIsOneProductAndOneContiguousLoop() {
    Array x = data(9, 8, 5);
    Array w = data(10, 5, 3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray ww) -> Lax.sub(ww, Lax.mul(Jax.grad((NDArray v) ->
        Lax.reduceSum(Lax.dotGeneral(x, v, DotDimensionNumbers.of(new int[] {1},
            new int[] {0})), 0, 1)).apply(ww), 0.5f))).apply(w);
    org.jaxpresso.jit.compiler.fusion.FusionPlan plan = CompilerTesting.fusionPlan(p);
    String text = plan.toString();
    // The ones cotangent (an operand of the product, so a buffer), the product, the update.
    CompilerTesting.assertKernelCount(p, 3);
    assertTrue(text.contains("library") && !text.contains("transpose"), text);
    CompilerTesting.assertSameAsInterpreter(p, List.of(w));
  }
}
