package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.IndexingRefs.*;
import static org.jaxpresso.numpy.Jnp.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code x[idx]} against NumPy's fancy indexing, every dtype, eagerly and under jit. */
class IndexingValuesTest {
  /** The script's READS, index for index. */
  static Map<String, Function<NDArray, NDArray>> reads() {
    Map<String, Function<NDArray, NDArray>> m = new LinkedHashMap<>();
    m.put("int", a -> a.get(1));
    m.put("neg_slices", a -> a.get(-1, slice(1, null), slice(null, null, 2)));
    m.put("rev_int", a -> a.get(slice(), slice(null, null, -1), 1));
    m.put("newaxis_ellipsis", a -> a.get(newaxis(), ellipsis(), 0));
    m.put("two_arrays", a -> a.get(new int[] {0, 1}, new int[] {1, 2}));
    m.put("slice_array", a -> a.get(slice(), new int[] {0, 2}));
    m.put("slice_two_arrays", a -> a.get(slice(), new int[] {0, 2}, new int[] {1, 3}));
    m.put("split_arrays", a -> a.get(new int[] {1, 0}, slice(), new int[] {3, -1}));
    m.put("int_matrix_slice", a -> a.get(1, new int[][] {{0, 1}, {2, 0}}, slice(1, 3)));
    m.put("neg_step_gather", a -> a.get(new int[] {1}, slice(null, null, -2)));
    m.put("step_gather", a -> a.get(0, slice(1, null, 2), new int[] {3, 0}));
    m.put("clip_int", a -> a.get(5, -9, 10));
    m.put("clip_arrays", a -> a.get(ellipsis(), new int[] {10, -10}));
    m.put("empty_slice", a -> a.get(slice(), slice(3, 1)));
    m.put("empty_array", a -> a.get(new int[0]));
    m.put("newaxis_split", a -> a.get(newaxis(), 1, ellipsis(), new int[] {0, 2}));
    return m;
  }

  /** Boolean indices: concrete only, so eager only. */
  static Map<String, Function<NDArray, NDArray>> maskReads() {
    Map<String, Function<NDArray, NDArray>> m = new LinkedHashMap<>();
    m.put("mask_full", a -> {
      boolean[] mask = new boolean[24];
      for (int i = 0; i < 24; i++) {
        mask[i] = i % 3 == 0;
      }
      return a.get(Array.of(mask, 2, 3, 4));
    });
    m.put("mask_axis0", a -> a.get((Object) new boolean[] {true, false}));
    m.put("mask_mid", a -> a.get(slice(), new boolean[] {true, false, true}));
    m.put("scalar_true", a -> a.get(true));
    m.put("scalar_false", a -> a.get(false));
    return m;
  }

  static String[] dtypes() {
    return DTYPES;
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void readsMatchNumpyEagerly(String dtype) {
    Array x = base(dtype, 2, 3, 4);
    reads().forEach((name, f) ->
        assertArray(ref("get_" + name + "__" + dtype), f.apply(x), dtype, name));
    maskReads().forEach((name, f) ->
        assertArray(ref("get_" + name + "__" + dtype), f.apply(x), dtype, name));
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void readsMatchNumpyUnderJit(String dtype) {
    Array x = base(dtype, 2, 3, 4);
    reads().forEach((name, f) ->
        assertArray(ref("get_" + name + "__" + dtype), Jax.jit(f).apply(x), dtype, name));
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void tracedIndicesMatchStaticOnes(String dtype) {
    Array x = base(dtype, 2, 3, 4);
    Array i = Array.of(new int[] {-1}, new int[0]);
    NDArray got = Jax.jit((NDArray a, NDArray k) -> a.get(k, ds(k, 2))).apply(x, i);
    // x[-1] is x[1]; the window start -1 wraps to 2, then clamps to 1: rows 1 and 2
    Array expected = (Array) ref("get_int__" + dtype).get(slice(1, 3));
    assertArray(expected, got, dtype, "x[-1][ds(-1, 2)] clamps the window start");
  }

  @org.junit.jupiter.api.Test
  void weakTypeAndZeroDimensionalArrays() {
    NDArray weak = Array.fromJavaScalar(1.0);
    org.junit.jupiter.api.Assertions.assertEquals("Array([1.], dtype=float32, weak_type=True)",
        weak.get(newaxis()).repr());
    org.junit.jupiter.api.Assertions.assertEquals(weak.repr(), weak.get().repr());
    org.junit.jupiter.api.Assertions.assertEquals(weak.repr(), weak.get(ellipsis()).repr());
    NDArray w = Jnp.add(Jnp.arange(3), 1);
    org.junit.jupiter.api.Assertions.assertEquals(w.weakType(),
        w.get(new int[] {2, 0}).weakType());
    org.junit.jupiter.api.Assertions.assertEquals("Array([[1.]], dtype=float32, weak_type=True)",
        weak.get(newaxis(), ellipsis(), newaxis()).repr());
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void dynamicWindowsInGatherMatchStaticSlices(String dtype) {
    Array x = base(dtype, 2, 3, 4);
    NDArray expected = x.get(slice(), slice(1, 3), new int[] {0, 3});
    NDArray got = Jax.jit((NDArray a, NDArray s) -> a.get(slice(), ds(s, 2), new int[] {0, 3}))
        .apply(x, Array.of(new int[] {1}, new int[0]));
    assertArray((Array) expected, got, dtype, "ds with an index array");
  }

  @org.junit.jupiter.api.Test
  void scalarBooleanUpdates() {
    org.junit.jupiter.api.Assertions.assertEquals("Array([5, 5, 5], dtype=int32)",
        Jnp.arange(3).at(true).set(5).repr());
    org.junit.jupiter.api.Assertions.assertEquals("Array([0, 1, 2], dtype=int32)",
        Jnp.arange(3).at(false).set(5).repr());
    org.junit.jupiter.api.Assertions.assertEquals("Array([0, 6, 2], dtype=int32)",
        Jnp.arange(3).at(true, 1).add(5).repr());
  }
}
