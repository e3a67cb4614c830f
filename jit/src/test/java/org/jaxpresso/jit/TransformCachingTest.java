package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ad.CallPartialEval;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * Transformed jit bodies are traced once per signature: {@code jit(grad(f))}, {@code
 * grad(jit(f))}, {@code vmap(jit(f))} and custom_jvp functions called repeatedly do not run
 * the Java function again nor re-trace the jit body under the transformation (trace counters).
 */
class TransformCachingTest {
  private static final Array X = Array.of(new float[] {0.5f, 1f, 2f}, 3);
  private static final Array Y = Array.of(new float[] {1.5f, -1f, 3f}, 3);
  private static final Array XS = Array.of(new float[] {0.5f, 1f, 2f, 1f, 2f, 3f}, 2, 3);

  private static Function<NDArray, NDArray> counted(AtomicInteger calls) {
    return x -> {
      calls.incrementAndGet();
      return Lax.reduceSum(Lax.mul(Lax.sin(x), x), 0);
    };
  }

  @Test
  void jitOfGradTracesOnce() {
    AtomicInteger calls = new AtomicInteger();
    JitFunction<NDArray, NDArray> g = Jax.jit(Jax.grad(counted(calls)));
    float[] first = g.apply(X).toFloatArray();
    for (int i = 0; i < 3; i++) {
      g.apply(Y);
      assertArrayEquals(first, g.apply(X).toFloatArray());
    }
    assertEquals(1, g.jitted().traceCount());
    assertEquals(1, calls.get());
  }

  @Test
  void gradOfJitTracesTheBodyAndItsJvpOnce() {
    AtomicInteger calls = new AtomicInteger();
    JitFunction<NDArray, NDArray> f = Jax.jit(counted(calls));
    Function<NDArray, NDArray> g = Jax.grad(f);
    float[] first = g.apply(X).toFloatArray();
    int transformed = JitPrimitive.transformTraceCount();
    int split = CallPartialEval.traceCount();
    for (int i = 0; i < 3; i++) {
      g.apply(Y);
      assertArrayEquals(first, g.apply(X).toFloatArray());
    }
    assertEquals(transformed, JitPrimitive.transformTraceCount(), "jvp of the body re-traced");
    assertEquals(split, CallPartialEval.traceCount(), "jvp body re-split or re-transposed");
    assertEquals(1, f.jitted().traceCount());
    assertEquals(1, calls.get());
  }

  @Test
  void gradOfJitIsAKnownCallAndATransposedCall() {
    Function<NDArray, NDArray> f = Jax.jit(
        (NDArray x) -> Lax.reduceSum(Lax.mul(Lax.sin(x), x), 0), Jax.name("f"));
    String jaxpr = Jax.makeJaxpr(Jax.grad(f)).apply(X).toString();
    // as JAX: the primal part and the residuals from one jit, the backward pass from another
    assertEquals(2, jaxpr.split("= jit\\[", -1).length - 1, jaxpr);
    assertEquals(2, jaxpr.split("name=f", -1).length - 1, jaxpr);
    Function<NDArray, NDArray> g = Jax.grad(f);
    float[] x = X.toFloatArray();
    float[] got = g.apply(X).toFloatArray();
    for (int i = 0; i < 3; i++) {
      assertEquals(Math.sin(x[i]) + x[i] * Math.cos(x[i]), got[i], 1e-6);
    }
    Function<NDArray, NDArray> second = Jax.grad((NDArray y) -> Lax.reduceSum(g.apply(y), 0));
    float[] h = second.apply(X).toFloatArray();
    for (int i = 0; i < 3; i++) {
      assertEquals(2 * Math.cos(x[i]) - x[i] * Math.sin(x[i]), h[i], 1e-5);
    }
  }

  @Test
  void vmapOfJitTracesTheBatchedBodyOnce() {
    AtomicInteger calls = new AtomicInteger();
    Function<NDArray, NDArray> f = Jax.jit((NDArray x) -> {
      calls.incrementAndGet();
      return Lax.mul(Lax.cos(x), x);
    });
    Function<NDArray, NDArray> v = Jax.vmap(f);
    float[] first = v.apply(XS).toFloatArray();
    int transformed = JitPrimitive.transformTraceCount();
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(first, v.apply(XS).toFloatArray());
    }
    assertEquals(transformed, JitPrimitive.transformTraceCount(), "batched body re-traced");
    assertEquals(1, calls.get());
    Function<NDArray, NDArray> vg = Jax.vmap(Jax.grad((NDArray x) -> Lax.reduceSum(f.apply(x),
        0)));
    float[] g1 = vg.apply(XS).toFloatArray();
    int afterFirst = JitPrimitive.transformTraceCount();
    assertArrayEquals(g1, vg.apply(XS).toFloatArray());
    assertEquals(afterFirst, JitPrimitive.transformTraceCount());
  }

  @Test
  void customJvpFunctionsTraceOncePerSignature() {
    AtomicInteger calls = new AtomicInteger();
    Function<NDArray, NDArray> f = Jax.customJvp(x -> {
      calls.incrementAndGet();
      return Lax.sin(x);
    }, (x, t) -> new Jax.JvpPair<>(Lax.sin(x), Lax.mul(Lax.cos(x), t)));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(Lax.sin(X).toFloatArray(), f.apply(X).toFloatArray());
    }
    assertEquals(1, calls.get());
    for (int i = 0; i < 3; i++) {
      Jax.vmap(f).apply(XS);
    }
    assertEquals(1, calls.get(), "the batch's elements have X's signature");
    Jax.vmap(f).apply(Array.of(new float[] {1, 2, 3, 4}, 2, 2));
    Jax.vmap(f).apply(Array.of(new float[] {1, 2, 3, 4}, 2, 2));
    assertEquals(2, calls.get(), "one more signature: f32[2]");
  }
}
