package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code Jax.customVjp}: the backward rule replaces the function's VJP under grad, vjp and
 * jacrev, composed with jit and vmap in any order; the function itself runs when evaluated,
 * staged or batched; forward mode raises JAX's error; bwd rules of the wrong structure raise
 * JAX's error.
 */
class TransformCustomVjpTest {
  private static final Array X = Array.of(new float[] {0.5f, -1f, 2f}, 3);
  private static final Array XS = Array.of(new float[] {0.5f, -1f, 2f, 1f, -2f, 3f}, 2, 3);

  /** sin whose gradient is 3 * cos x (computed from the residual cos x saved by fwd). */
  private static final Function<NDArray, NDArray> F = Jax.customVjp((NDArray x) -> Lax.sin(x),
      x -> new Jax.VjpFwd<>(Lax.sin(x), Lax.cos(x)),
      (NDArray cos, NDArray g) -> Lax.mul(Lax.mul(cos, 3f), g));

  private static float[] threeCos(NDArray x) {
    return Lax.mul(Lax.cos(x), 3f).toFloatArray();
  }

  @Test
  void theBackwardRuleGivesTheGradient() {
    Function<NDArray, NDArray> loss = x -> Lax.reduceSum(F.apply(x), 0);
    assertArrayEquals(Lax.sin(X).toFloatArray(), F.apply(X).toFloatArray());
    assertArrayEquals(threeCos(X), Jax.grad(loss).apply(X).toFloatArray(), 1e-6f);
    assertArrayEquals(threeCos(X), Jax.jit(Jax.grad(loss)).apply(X).toFloatArray(), 1e-6f);
    assertArrayEquals(threeCos(X), Jax.grad(Jax.jit(loss)).apply(X).toFloatArray(), 1e-6f);
    NDArray ct = Array.of(new float[] {1f, 2f, 3f}, 3);
    assertArrayEquals(Lax.mul(Lax.mul(Lax.cos(X), 3f), ct).toFloatArray(),
        Jax.vjp(F, X).pullback().apply(ct).toFloatArray(), 1e-6f);
    NDArray jr = Jax.jacrev(F).apply(X);
    assertEquals(threeCos(X)[2], jr.toFloatArray()[8], 1e-6f);
    assertArrayEquals(threeCos(XS), Jax.vmap(Jax.grad(loss)).apply(XS).toFloatArray(), 1e-6f);
    Function<NDArray, NDArray> batchLoss = x -> Lax.reduceSum(Jax.vmap(F).apply(x),
        new int[] {0, 1});
    assertArrayEquals(threeCos(XS), Jax.grad(batchLoss).apply(XS).toFloatArray(), 1e-6f);
    assertArrayEquals(threeCos(XS), Jax.jit(Jax.grad(batchLoss)).apply(XS).toFloatArray(),
        1e-6f);
    assertArrayEquals(Lax.sin(XS).toFloatArray(), Jax.jit(Jax.vmap(F)).apply(XS)
        .toFloatArray());
  }

  @Test
  void jaxprsHaveJaxsStructure() {
    // custom_vjp_call's params as JAX stages them (name first; fwd_jaxpr_thunk and bwd print
    // the rules' names); the probe has no custom_vjp jaxpr to compare with byte for byte
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = custom_vjp_call[
              name=<lambda>
              bwd=bwd
              call_jaxpr={ lambda ; c:f32[3]. let d:f32[3] = sin c in (d,) }
              fwd_jaxpr_thunk=fwd
              num_consts=0
              symbolic_zeros=False
            ] a
          in (b,) }""", Jax.makeJaxpr(F).apply(X).toString().strip());
    // under grad the forward rule runs inline and the backward rule is the transpose
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = sin a
            c:f32[3] = cos a
            _:f32[] = reduce_sum[axes=(0,) out_sharding=None] b
            d:f32[3] = broadcast_in_dim 1.0:f32[]
            e:f32[3] = mul c 3.0:f32[]
            f:f32[3] = mul e d
          in (f,) }""", Jax.makeJaxpr(Jax.grad((NDArray x) -> Lax.reduceSum(F.apply(x), 0)))
        .apply(X).toString().strip());
  }

  @Test
  void gradientClippingWithPytreesAndNoneCotangents() {
    Function<List<NDArray>, NDArray> clipFirst = Jax.customVjp(
        (List<NDArray> p) -> Lax.mul(p.get(0), p.get(1)),
        p -> new Jax.VjpFwd<>(Lax.mul(p.get(0), p.get(1)), p),
        (List<NDArray> p, NDArray g) -> Arrays.asList(
            Lax.clamp(-1.0f, Lax.mul(g, p.get(1)), 1.0f), null));
    Array y = Array.of(new float[] {3f, 0.5f, -4f}, 3);
    List<NDArray> g = Jax.grad((List<NDArray> p) -> Lax.reduceSum(clipFirst.apply(p), 0))
        .apply(List.of(X, y));
    assertArrayEquals(new float[] {1f, 0.5f, -1f}, g.get(0).toFloatArray());
    assertArrayEquals(new float[] {0f, 0f, 0f}, g.get(1).toFloatArray());
  }

  @Test
  void forwardModeAndBadRulesRaiseJaxsErrors() {
    JaxTypeError fwd = assertThrows(JaxTypeError.class,
        () -> Jax.jvp(F, X, X));
    assertEquals("can't apply forward-mode autodiff (jvp) to a custom_vjp function.",
        fwd.getMessage());
    assertThrows(JaxTypeError.class, () -> Jax.jacfwd(F).apply(X));
    Function<NDArray, NDArray> badBwd = Jax.customVjp((NDArray x) -> Lax.sin(x),
        x -> new Jax.VjpFwd<>(Lax.sin(x), null),
        (Object res, NDArray g) -> Lax.reduceSum(g, 0));
    JaxTypeError bwd = assertThrows(JaxTypeError.class,
        () -> Jax.grad((NDArray x) -> Lax.reduceSum(badBwd.apply(x), 0)).apply(X));
    assertTrue(bwd.getMessage().startsWith("Custom VJP bwd rule must produce an output with"
        + " shape/dtypes as args tuple of the primal function"), bwd.getMessage());
  }
}
