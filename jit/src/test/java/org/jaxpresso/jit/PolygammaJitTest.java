package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * polygamma inside compiled code (the compiler has no kernel op for it, so it runs as a
 * library op through the reference implementation) equals the eager result, and the digamma
 * JVP's jaxpr is JAX's ({@code mul b (polygamma 1.0 a)}).
 */
class PolygammaJitTest {
  private static final Array X = Array.of(new float[] {0.25f, 1f, 2.5f, 7f}, 4);
  private static final Array M = Array.of(new float[] {0f, 1f, 2f, 3f}, 4);

  @Test
  void compiledEqualsEager() {
    BiFunction<NDArray, NDArray, NDArray> f = (m, x) -> Lax.mul(Lax.polygamma(m, x), 2f);
    assertArrayEquals(f.apply(M, X).toFloatArray(), Jax.jit(f).apply(M, X).toFloatArray());
    Function<NDArray, NDArray> g = Jax.grad((NDArray x) -> Lax.reduceSum(Lax.digamma(x), 0));
    float[] trigamma = Lax.polygamma(Array.scalar(1.0, DType.FLOAT32), X).toFloatArray();
    assertArrayEquals(trigamma, g.apply(X).toFloatArray());
    assertArrayEquals(trigamma, Jax.jit(g).apply(X).toFloatArray());
    Function<NDArray, NDArray> h = Jax.grad((NDArray x) -> Lax.reduceSum(Lax.polygamma(M, x),
        0));
    assertArrayEquals(Lax.polygamma(Lax.add(M, 1f), X).toFloatArray(),
        Jax.jit(h).apply(X).toFloatArray());
  }

  @Test
  void jvpOfDigammaPrintsAsJax() {
    BiFunction<NDArray, NDArray, NDArray> jvp =
        (x, t) -> Jax.jvp(Lax::digamma, x, t).tangent();
    assertEquals("""
        { lambda ; a:f32[4] b:f32[4]. let
            _:f32[4] = digamma a
            c:f32[4] = polygamma 1.0:f32[] a
            d:f32[4] = mul b c
          in (d,) }""", Jax.makeJaxpr(jvp).apply(X, X).toString().strip());
  }
}
