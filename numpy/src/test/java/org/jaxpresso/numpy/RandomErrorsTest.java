package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link Random}'s errors, in JAX's words. */
class RandomErrorsTest {
  static final NDArray KEY = Random.PRNGKey(0);

  static void typeError(String message, Executable e) {
    assertEquals(message, assertThrows(JaxTypeError.class, e).getMessage());
  }

  static void valueError(String message, Executable e) {
    assertEquals(message, assertThrows(JaxValueError.class, e).getMessage());
  }

  @Test
  void invalidKeyData() {
    NDArray three = Array.fromLongs(DType.UINT32, new long[] {0, 0, 0}, 3);
    typeError("JAX encountered invalid PRNG key data: expected key_data.shape to end with (2,);"
        + " got shape=(3,) for impl=PRNGImpl(key_shape=(2,), name='threefry2x32', tag='fry')",
        () -> Random.uniform(three, new int[] {3}));
    typeError("JAX encountered invalid PRNG key data: expected key_data.dtype = uint32; got"
        + " dtype=int32", () -> Random.split(Array.of(new int[] {0, 0}, 2)));
    typeError("JAX encountered invalid PRNG key data: expected key_data.ndim >= 1; got ndim=0",
        () -> Random.normal(Array.scalar(0, DType.UINT32)));
    typeError("JAX encountered invalid PRNG key data: expected key_data.dtype = uint32; got"
        + " dtype=float32", () -> Random.keyData(Array.of(new float[] {0, 0}, 2)));
    typeError("unexpected PRNG key type null", () -> Random.bits(null));
  }

  @Test
  void batchedKeysNeedVmap() {
    NDArray keys = Random.split(KEY, 3);
    valueError("uniform accepts a single key, but was given a key array of shape (3, 2) != ()."
        + " Use jax.vmap for batching.", () -> Random.uniform(keys));
    valueError("split accepts a single key, but was given a key array of shape (3, 2) != ()."
        + " Use jax.vmap for batching.", () -> Random.split(keys));
    valueError("fold_in accepts a single key, but was given a key array of shape (3, 2) != ()."
        + " Use jax.vmap for batching.", () -> Random.foldIn(keys, 1));
    assertEquals(keys, Random.keyData(keys));
    assertEquals(keys, Random.wrapKeyData(keys));
  }

  @Test
  void seeds() {
    typeError("key accepts a scalar seed, but was given an array of shape (2,) != (). Use"
        + " jax.vmap for batching", () -> Random.key(Array.of(new int[] {1, 2}, 2)));
    typeError("PRNGKey accepts a scalar seed, but was given an array of shape (2,) != (). Use"
        + " jax.vmap for batching", () -> Random.PRNGKey(Array.of(new int[] {1, 2}, 2)));
    typeError("PRNG key seed must be an integer; got Array(1.5, dtype=float32).",
        () -> Random.key(Array.scalar(1.5, DType.FLOAT32)));
    typeError("PRNG key seed must be an integer; got 1.5.", () -> Random.key(1.5));
  }

  @Test
  void foldInData() {
    typeError("fold_in accepts a scalar, but was given an array ofshape (2,) != (). Use jax.vmap"
        + " for batching.", () -> Random.foldIn(KEY, Array.of(new int[] {1, 2}, 2)));
    typeError("fold_in data must be an integer; got 1.5", () -> Random.foldIn(KEY, 1.5));
  }

  @Test
  void dtypes() {
    valueError("dtype argument to `bits` must be an unsigned int dtype, got int32",
        () -> Random.bits(KEY, new int[] {2}, DType.INT32));
    valueError("dtype argument to `uniform` must be a float dtype, got int32",
        () -> Random.uniform(KEY, new int[] {2}, DType.INT32));
    valueError("dtype argument to `normal` must be a float or complex dtype, got bool",
        () -> Random.normal(KEY, new int[] {2}, DType.BOOL));
    valueError("dtype argument to `gumbel` must be a float dtype, got uint8",
        () -> Random.gumbel(KEY, new int[] {2}, DType.UINT8));
    typeError("randint only accepts integer dtypes, got float32",
        () -> Random.randint(KEY, new int[] {2}, 0, 3, DType.FLOAT32));
    typeError("bernoulli probability `p` must have a floating dtype, got int32.",
        () -> Random.bernoulli(KEY, 1, new int[] {2}));
    valueError("dtype argument to `gumbel` must be a float dtype, got int32",
        () -> Random.categorical(KEY, Array.of(new int[] {1, 2}, 2)));
  }

  @Test
  void shapes() {
    valueError("randint parameter shapes must be broadcast-compatible with shape argument, and"
        + " the result of broadcasting the shapes must equal the shape argument, but got result"
        + " (2, 3) for shape argument (3,).",
        () -> Random.randint(KEY, new int[] {3}, 0, Array.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3)));
    valueError("Incompatible shapes for broadcasting: shapes=[(3,), (), (4,)]",
        () -> Random.randint(KEY, new int[] {3}, 0, Array.of(new int[] {1, 2, 3, 4}, 4)));
    valueError("bernoulli parameter shapes must be broadcast-compatible with shape argument, and"
        + " the result of broadcasting the shapes must equal the shape argument, but got result"
        + " (2, 3) for shape argument (3,).",
        () -> Random.bernoulli(KEY, Array.of(new float[6], 2, 3), new int[] {3}));
    valueError("uniform parameter shapes must be broadcast-compatible with shape argument, and"
        + " the result of broadcasting the shapes must equal the shape argument, but got result"
        + " (2, 3) for shape argument (3,).",
        () -> Random.uniform(KEY, new int[] {3}, DType.FLOAT32, Array.of(new float[6], 2, 3), 1));
    typeError("Shapes must be 1D sequences of concrete values of integer type, got (-1,).",
        () -> Random.uniform(KEY, new int[] {-1}));
    typeError("Shapes must be 1D sequences of concrete values of integer type, got (2, -3).",
        () -> Random.split(KEY, new int[] {2, -3}));
  }

  @Test
  void permutationAndChoice() {
    typeError("x must be an integer or at least 1-dimensional",
        () -> Random.permutation(KEY, 2.5));
    valueError("axis 1 is out of bounds for array of dimension 1",
        () -> Random.permutation(KEY, Jnp.arange(3), 1, false));
    valueError("a must be greater than 0 unless no samples are taken",
        () -> Random.choice(KEY, 0, new int[] {2}));
    valueError("Cannot take a larger sample (size 4) than population (size 3) when"
        + " 'replace=False'", () -> Random.choice(KEY, 3, new int[] {4}, false));
    valueError("p must be None or a 1D vector with the same size as a.shape[axis]. p has shape"
        + " (2,) and a.shape[axis] is 3.",
        () -> Random.choice(KEY, 3, new int[] {2}, true, Array.of(new float[] {0.5f, 0.5f}, 2)));
    valueError("Number of samples without replacement (5) cannot exceed number of categories"
        + " (3).", () -> Random.categorical(KEY, Array.of(new float[3], 3), -1, new int[] {5},
            false));
    valueError("categorical parameter shapes must be broadcast-compatible with shape argument,"
        + " and the result of broadcasting the shapes must equal the shape argument, but got"
        + " result (2, 3) for shape argument (3,).",
        () -> Random.categorical(KEY, Array.of(new float[24], 2, 3, 4), -1, new int[] {3}, true));
  }
}
