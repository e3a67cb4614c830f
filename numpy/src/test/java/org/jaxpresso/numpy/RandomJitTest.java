package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.ConcretizationTypeError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.junit.jupiter.api.Test;

/** {@link Random} traces under {@code jit} to lax primitives and gives the eager numbers. */
class RandomJitTest {
  static final NDArray KEY = Random.PRNGKey(0);

  static void sameUnderJit(Function<NDArray, NDArray> f) {
    NDArray eager = f.apply(KEY);
    NDArray jitted = Jax.jit(f).apply(KEY);
    assertEquals(eager.dtype(), jitted.dtype());
    assertArrayEquals(eager.shape(), jitted.shape());
    assertEquals(eager.repr(), jitted.repr());
  }

  @Test
  void samplersGiveTheSameNumbersUnderJit() {
    sameUnderJit(k -> Random.split(k));
    sameUnderJit(k -> Random.split(k, new int[] {2, 3}));
    sameUnderJit(k -> Random.foldIn(k, 7));
    sameUnderJit(k -> Random.bits(k, new int[] {6}));
    sameUnderJit(k -> Random.bits(k, new int[] {3}, DType.UINT8));
    sameUnderJit(k -> Random.uniform(k, new int[] {2, 3}));
    sameUnderJit(k -> Random.uniform(k, new int[] {4}, DType.FLOAT32, -2, 3));
    sameUnderJit(k -> Random.uniform(k, new int[] {4}, DType.BFLOAT16));
    sameUnderJit(k -> Random.normal(k, new int[] {5}));
    sameUnderJit(k -> Random.gumbel(k, new int[] {5}));
    sameUnderJit(k -> Random.randint(k, new int[] {6}, 0, 10));
    sameUnderJit(k -> Random.randint(k, new int[] {6}, -5, 300, DType.INT8));
    sameUnderJit(k -> Random.bernoulli(k, 0.3, new int[] {6}));
    sameUnderJit(k -> Random.permutation(k, 8));
    sameUnderJit(k -> Random.permutation(k, Jnp.reshape(Jnp.arange(12), 4, 3)));
    sameUnderJit(k -> Random.choice(k, 10, new int[] {3}, false));
    sameUnderJit(k -> Random.choice(k, 4, new int[] {5}, true,
        Array.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 4)));
    sameUnderJit(k -> Random.categorical(k, Array.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3)));
  }

  @Test
  void jittedUniformMatchesJaxBits() {
    NDArray u = Jax.jit((NDArray k) -> Random.uniform(k, new int[] {5})).apply(KEY);
    assertArrayEquals(new long[] {0x3f729a4eL, 0x3f7a8436L, 0x3eaa221cL, 0x3eeff550L,
        0x3f11e43aL}, RandomTest.f32bits(u));
  }

  @Test
  void tracedKeysAndSeeds() {
    BiFunction<NDArray, NDArray, NDArray> f = (k, d) -> Random.foldIn(k, d);
    NDArray r = Jax.jit(f).apply(KEY, Array.scalar(4, DType.INT32));
    assertArrayEquals(new long[] {2285895361L, 433833334L}, r.toLongArray());
    Function<NDArray, NDArray> seeded = s -> Random.normal(Random.key(s), new int[] {2});
    assertEquals(Random.normal(KEY, new int[] {2}).repr(),
        Jax.jit(seeded).apply(Array.scalar(0, DType.INT32)).repr());
  }

  @Test
  void tracedPermutationSizeIsAConcretizationError() {
    Function<NDArray, NDArray> f = n -> Random.permutation(KEY, n);
    assertThrows(ConcretizationTypeError.class, () -> Jax.jit(f).apply(Array.scalar(3,
        DType.INT32)));
  }

  @Test
  void jaxprUsesOnlyLaxPrimitives() {
    ClosedJaxpr j = Jax.makeJaxpr((NDArray k) -> Random.normal(k, new int[] {3})).apply(KEY);
    String text = j.toString();
    Set<String> prims = new TreeSet<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf(" = ");
      if (eq > 0) {
        String rest = line.substring(eq + 3).trim();
        prims.add(rest.split("[ \\[]")[0]);
      }
    }
    assertTrue(prims.contains("shift_right_logical"), text);
    assertTrue(prims.contains("bitcast_convert_type"), text);
    assertTrue(prims.contains("erf_inv"), text);
    assertTrue(prims.contains("iota"), text);
    assertFalse(prims.contains("random_bits"), text);
    assertTrue(text.startsWith("{ lambda ; a:u32[2]. let"), text);
    assertEquals(1, j.jaxpr().outvars().size());
  }
}
