package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code Jax.customJvp}: the rule replaces the function's derivative under jvp, grad, jacfwd
 * and jacrev, composed with jit and vmap; the function itself runs when evaluated, staged or
 * batched; the jaxpr is one {@code custom_jvp_call} as JAX prints it; JAX's errors for a
 * closed-over value being differentiated and for a rule of the wrong structure.
 */
class TransformCustomJvpTest {
  private static final Array X = Array.of(new float[] {0.5f, 1f, 2f}, 3);
  private static final Array XS = Array.of(new float[] {0.5f, 1f, 2f, 1f, 2f, 3f}, 2, 3);

  /** sin with a deliberately different derivative (2 cos x), so the rule is seen to be used. */
  private static final Function<NDArray, NDArray> F = Jax.customJvp(x -> Lax.sin(x),
      (x, t) -> new Jax.JvpPair<>(Lax.sin(x), Lax.mul(Lax.mul(Lax.cos(x), 2f), t)));

  private static float[] twoCos(NDArray x) {
    return Lax.mul(Lax.cos(x), 2f).toFloatArray();
  }

  @Test
  void jaxprIsOneCustomJvpCall() {
    String got = Jax.makeJaxpr(F).apply(X).toString();
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = custom_jvp_call[
              name=<lambda>
              call_jaxpr={ lambda ; c:f32[3]. let d:f32[3] = sin c in (d,) }
              jvp=jvp
              symbolic_zeros=False
            ] a
          in (b,) }""", got.strip());
  }

  @Test
  void theRuleGivesTheDerivativeUnderEveryTransformation() {
    Function<NDArray, NDArray> loss = x -> Lax.reduceSum(F.apply(x), 0);
    float[] want = twoCos(X);
    assertArrayEquals(Lax.sin(X).toFloatArray(), F.apply(X).toFloatArray());
    assertArrayEquals(want, Jax.grad(loss).apply(X).toFloatArray(), 1e-6f);
    assertArrayEquals(want, Jax.jit(Jax.grad(loss)).apply(X).toFloatArray(), 1e-6f);
    assertArrayEquals(want, Jax.grad(Jax.jit(loss)).apply(X).toFloatArray(), 1e-6f);
    Jax.JvpPair<NDArray> jvp = Jax.jvp(F, X, Array.of(new float[] {1, 1, 1}, 3));
    assertArrayEquals(want, jvp.tangent().toFloatArray(), 1e-6f);
    NDArray jf = Jax.jacfwd(F).apply(X);
    NDArray jr = Jax.jacrev(F).apply(X);
    assertArrayEquals(jf.toFloatArray(), jr.toFloatArray(), 1e-6f);
    assertEquals(want[1], jf.toFloatArray()[4], 1e-6f);
    NDArray perExample = Jax.vmap(Jax.grad(loss)).apply(XS);
    assertArrayEquals(twoCos(XS), perExample.toFloatArray(), 1e-6f);
    Function<NDArray, NDArray> batchLoss = x -> Lax.reduceSum(Jax.vmap(F).apply(x),
        new int[] {0, 1});
    assertArrayEquals(twoCos(XS), Jax.grad(batchLoss).apply(XS).toFloatArray(), 1e-6f);
    assertArrayEquals(twoCos(XS), Jax.jit(Jax.grad(batchLoss)).apply(XS).toFloatArray(),
        1e-6f);
    assertArrayEquals(Lax.sin(XS).toFloatArray(), Jax.jit(Jax.vmap(F)).apply(XS)
        .toFloatArray());
  }

  @Test
  void secondDerivativesDifferentiateTheRule() {
    Function<NDArray, NDArray> d1 = x -> Jax.grad((NDArray y) -> F.apply(y)).apply(x);
    Array x = Array.fromJavaScalar(0.7);
    assertEquals(-2 * Math.sin(0.7), Jax.grad(d1).apply(x).floatValue(), 1e-6);
  }

  @Test
  void pytreeArgumentsAndOutputs() {
    Function<List<NDArray>, List<NDArray>> prod = Jax.customJvp(
        p -> List.of(Lax.mul(p.get(0), p.get(1)), Lax.add(p.get(0), p.get(1))),
        (p, t) -> new Jax.JvpPair<>(
            List.of(Lax.mul(p.get(0), p.get(1)), Lax.add(p.get(0), p.get(1))),
            List.of(Lax.add(Lax.mul(t.get(0), p.get(1)), Lax.mul(p.get(0), t.get(1))),
                Lax.mul(Lax.add(t.get(0), t.get(1)), 3f))));
    Array y = Array.of(new float[] {3f, 4f, 5f}, 3);
    Function<List<NDArray>, NDArray> loss = p -> {
      List<NDArray> o = prod.apply(p);
      return Lax.reduceSum(Lax.add(o.get(0), o.get(1)), 0);
    };
    List<NDArray> g = Jax.grad(loss).apply(List.of(X, y));
    assertArrayEquals(Lax.add(y, 3f).toFloatArray(), g.get(0).toFloatArray(), 1e-6f);
    assertArrayEquals(Lax.add(X, 3f).toFloatArray(), g.get(1).toFloatArray(), 1e-6f);
  }

  @Test
  void errorsInJaxWords() {
    Array w = Array.fromJavaScalar(2.0);
    Function<NDArray, NDArray> closes = v -> Jax.customJvp((NDArray x) -> Lax.mul(x, v),
        (x, t) -> new Jax.JvpPair<>(Lax.mul(x, v), Lax.mul(t, v))).apply(X);
    Function<NDArray, NDArray> loss = v -> Lax.reduceSum(closes.apply(v), 0);
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Jax.grad(loss).apply(w));
    assertTrue(e.getMessage().startsWith("Detected differentiation of a custom_jvp function"
        + " with respect to a closed-over value."), e.getMessage());
    // closing over a value that is not differentiated is fine
    Function<NDArray, NDArray> ok = x -> Lax.reduceSum(Jax.customJvp(
        (NDArray y) -> Lax.mul(y, Lax.stopGradient(x)),
        (y, t) -> new Jax.JvpPair<>(Lax.mul(y, Lax.stopGradient(x)), t)).apply(X), 0);
    assertEquals(3.5f, Jax.jit(ok).apply(Array.fromJavaScalar(1.0)).floatValue(), 1e-6f);
    Function<NDArray, NDArray> wrongShape = Jax.customJvp(x -> Lax.sin(x),
        (x, t) -> new Jax.JvpPair<>(Lax.sin(x), Lax.reduceSum(t, 0)));
    JaxTypeError shape = assertThrows(JaxTypeError.class,
        () -> Jax.jvp(wrongShape, X, X));
    assertTrue(shape.getMessage().startsWith("Custom JVP rule must produce primal and tangent"
        + " outputs with corresponding shapes and dtypes."), shape.getMessage());
  }
}
