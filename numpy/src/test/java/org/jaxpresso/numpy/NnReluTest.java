package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * {@code Nn.relu} is JAX's custom_jvp function: its jaxprs (plain and under grad) are the ones
 * JAX 0.11.2 prints (the probe file), its gradient at 0 is 0, and it works under jit, vmap,
 * jvp, grad and their compositions.
 */
class NnReluTest {
  private static final Array X = Array.of(new float[] {-1f, 0f, 2f}, 3);

  @Test
  void jaxprIsJaxsCustomJvpCall() {
    String got = Jax.makeJaxpr((NDArray x) -> Nn.relu(x)).apply(X).toString();
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = custom_jvp_call[
              name=relu
              call_jaxpr={ lambda ; c:f32[3]. let
                  d:f32[3] = jit[
                    name=relu
                    jaxpr={ lambda ; c:f32[3]. let d:f32[3] = max c 0.0:f32[] in (d,) }
                  ] c
                in (d,) }
              jvp=jvp
              symbolic_zeros=False
            ] a
          in (b,) }""", got.strip());
  }

  @Test
  void gradJaxprIsJaxs() {
    Function<NDArray, NDArray> loss = x -> Lax.reduceSum(Nn.relu(x), 0);
    String got = Jax.makeJaxpr(Jax.grad(loss)).apply(X).toString();
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = custom_jvp_call[
              name=relu
              call_jaxpr={ lambda ; c:f32[3]. let
                  d:f32[3] = jit[
                    name=relu
                    jaxpr={ lambda ; c:f32[3]. let d:f32[3] = max c 0.0:f32[] in (d,) }
                  ] c
                in (d,) }
              jvp=jvp
              symbolic_zeros=False
            ] a
            e:bool[3] = gt a 0.0:f32[]
            _:f32[3] = broadcast_in_dim 0.0:f32[]
            _:f32[] = reduce_sum[axes=(0,) out_sharding=None] b
            f:f32[3] = broadcast_in_dim 1.0:f32[]
            g:f32[3] = broadcast_in_dim 0.0:f32[]
            h:f32[3] = select_n e g f
          in (h,) }""", got.strip());
  }

  @Test
  void gradientAtZeroIsZeroAsInJax() {
    Function<NDArray, NDArray> loss = x -> Lax.reduceSum(Nn.relu(x), 0);
    assertArrayEquals(new float[] {0f, 0f, 1f}, Jax.grad(loss).apply(X).toFloatArray());
    assertArrayEquals(new float[] {0f, 0f, 1f},
        Jax.jit(Jax.grad(loss)).apply(X).toFloatArray());
    assertArrayEquals(new float[] {0f, 0f, 1f},
        Jax.grad(Jax.jit(loss)).apply(X).toFloatArray());
    Function<NDArray, NDArray> scalar = x -> Nn.relu(x);
    assertEquals(0f, Jax.grad(scalar).apply(Array.fromJavaScalar(0.0)).floatValue());
    assertEquals(1f, Jax.grad(scalar).apply(Array.fromJavaScalar(0.5)).floatValue());
  }

  @Test
  void valuesUnderEveryTransformation() {
    assertArrayEquals(new float[] {0f, 0f, 2f}, Nn.relu(X).toFloatArray());
    assertArrayEquals(new float[] {0f, 0f, 2f},
        Jax.jit((NDArray x) -> Nn.relu(x)).apply(X).toFloatArray());
    Array xs = Array.of(new float[] {-1f, 0f, 2f, 3f, -4f, 0.5f}, 2, 3);
    assertArrayEquals(new float[] {0f, 0f, 2f, 3f, 0f, 0.5f},
        Jax.vmap((NDArray x) -> Nn.relu(x)).apply(xs).toFloatArray());
    Jax.JvpPair<NDArray> jvp = Jax.jvp((NDArray x) -> Nn.relu(x), X,
        Array.of(new float[] {5f, 6f, 7f}, 3));
    assertArrayEquals(new float[] {0f, 0f, 2f}, jvp.primal().toFloatArray());
    assertArrayEquals(new float[] {0f, 0f, 7f}, jvp.tangent().toFloatArray());
    // per-example gradients: vmap of grad, and grad of a vmapped loss
    Function<NDArray, NDArray> loss = x -> Lax.reduceSum(Lax.mul(Nn.relu(x), x), 0);
    NDArray perExample = Jax.vmap(Jax.grad(loss)).apply(xs);
    assertArrayEquals(new float[] {0f, 0f, 4f, 6f, 0f, 1f}, perExample.toFloatArray());
    Function<NDArray, NDArray> batchLoss =
        x -> Lax.reduceSum(Jax.vmap(loss).apply(x), 0);
    assertArrayEquals(new float[] {0f, 0f, 4f, 6f, 0f, 1f},
        Jax.grad(batchLoss).apply(xs).toFloatArray());
    assertArrayEquals(new float[] {0f, 0f, 4f, 6f, 0f, 1f},
        Jax.jit(Jax.grad(batchLoss)).apply(xs).toFloatArray());
    // second derivative of relu is zero everywhere
    Function<NDArray, NDArray> d1 = x -> Jax.grad((NDArray y) -> Nn.relu(y)).apply(x);
    assertEquals(0f, Jax.grad(d1).apply(Array.fromJavaScalar(1.5)).floatValue());
  }

  @Test
  void integerAndScalarInputs() {
    Array ints = Array.of(new int[] {-3, 0, 4}, 3);
    NDArray r = Nn.relu(ints);
    assertEquals(DType.INT32, r.aval().dtype());
    assertArrayEquals(new int[] {0, 0, 4}, r.toIntArray());
    NDArray s = Nn.relu(-2.5);
    assertEquals(0.0, s.doubleValue());
  }
}
