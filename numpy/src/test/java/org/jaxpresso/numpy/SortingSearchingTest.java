package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.IndexingRefs.*;
import static org.jaxpresso.numpy.Jnp.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.ConcretizationTypeError;
import org.jaxpresso.core.errors.JaxIndexError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** take, sort, argsort, searchsorted, nonzero, argwhere, where, unique, isin against NumPy. */
class SortingSearchingTest {
  static String[] dtypes() {
    return DTYPES;
  }

  private static Array input(String dtype) {
    return as(ref("sort_in__" + dtype), dtype);
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void sortAndArgsortAreStableWithNanLast(String dtype) {
    Array s = input(dtype);
    assertArray(ref("sort1__" + dtype), sort(s), dtype, "sort axis -1");
    assertArray(ref("sort1__" + dtype), sort(s, 1), dtype, "sort axis 1");
    assertArray(ref("sort0__" + dtype), sort(s, 0), dtype, "sort axis 0");
    assertArray(ref("sortflat__" + dtype), sort(s, (Integer) null), dtype, "sort flattened");
    assertArray(ref("argsort1__" + dtype), argsort(s), "int32", "argsort axis -1");
    assertArray(ref("argsort0__" + dtype), argsort(s, 0), "int32", "argsort axis 0");
    assertArray(ref("sort1__" + dtype), Jax.jit((NDArray a) -> sort(a, 1)).apply(s), dtype,
        "jit sort");
    assertArray(ref("sort1__" + dtype), takeAlongAxis(s, argsort(s, 1), 1), dtype,
        "take_along_axis of argsort");
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void nonzeroUniqueIsin(String dtype) {
    Array s = input(dtype);
    List<NDArray> nz = nonzero(s);
    assertEquals(2, nz.size());
    assertArray(ref("nonzero0__" + dtype), nz.get(0), "int32", "nonzero 0");
    assertArray(ref("nonzero1__" + dtype), nz.get(1), "int32", "nonzero 1");
    assertArray(ref("unique__" + dtype), unique(s), dtype, "unique");
    assertArray(ref("unique4__" + dtype), unique(s, 4), dtype, "unique size 4");
    assertArray(ref("unique30__" + dtype), Jax.jit((NDArray a) -> unique(a, 30)).apply(s), dtype,
        "jit unique size 30");
    Array isin = ref("isin__" + dtype);
    assertArray(isin, isin(s, s.get(1, slice(null, 3))), "bool", "isin");
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void searchsortedBothSides(String dtype) {
    Array sorted = as(ref("ss_sorted__" + dtype), dtype);
    NDArray q = input(dtype).get(0);
    assertArray(ref("ss_left__" + dtype), searchsorted(sorted, q), "int32", "left");
    assertArray(ref("ss_right__" + dtype), searchsorted(sorted, q, "right"), "int32", "right");
    assertArray(ref("ss_left__" + dtype),
        Jax.jit((NDArray a, NDArray v) -> searchsorted(a, v, "left")).apply(sorted, q), "int32",
        "jit left");
  }

  @Test
  void uniqueWithFillValue() {
    Array s = input("float32");
    Array u = ref("unique__float32");
    NDArray got = unique(s, 30, -1);
    assertValues((Array) u, got.get(slice(0, u.size())), "unique values");
    assertEquals(-1.0, got.get(29).doubleValue());
    assertEquals("Array([], shape=(0,), dtype=float32)", unique(Jnp.zeros(0)).repr());
    assertEquals("Array([7., 7.], dtype=float32)", unique(Jnp.zeros(0), 2, 7).repr());
  }

  @Test
  void takeModes() {
    NDArray t = reshape(arange(12.0), 3, 4);
    assertArray(ref("take_axis1"), take(t, new int[][] {{3, 0}, {-1, 1}}, 1), "float32", "axis");
    assertArray(ref("take_flat"), take(t, new int[] {5, 11, -12}), "float32", "flat");
    assertArray(ref("take_fill"), take(t, new int[] {1, 7, -9}, 1), "float32", "fill");
    assertArray(ref("take_clip"), take(t, new int[] {1, 7, -9}, 1, "clip"), "float32", "clip");
    assertArray(ref("take_wrap"), take(t, new int[] {1, 7, -9}, 1, "wrap"), "float32", "wrap");
    assertArray(ref("take_fill_int"), take(reshape(arange(12), 3, 4), new int[] {0, 5}, 0),
        "int32", "int fill");
    assertEquals("Array([nan], dtype=float32)", take(arange(5.0), new int[] {10}).repr());
    assertEquals("Array([4.], dtype=float32)", take(arange(5.0), new int[] {10}, null, "clip")
        .repr());
    assertEquals("Array([-1.], dtype=float32)",
        take(arange(5.0), new int[] {10}, 0, "fill", -1).repr());
    assertArray(ref("take_along0"), takeAlongAxis(t, Array.of(new int[] {2, 0, 1, 1, 0, 0, 2, 1,
        1, 2, 0, 0}, 3, 4), 0), "float32", "along 0");
    assertArray(ref("take_along1"), takeAlongAxis(t, Array.of(new int[] {3, 0, 2}, 3, 1), 1),
        "float32", "along 1");
    assertArrayEquals(new int[] {3, 0}, take(t, new int[0], 1).shape());
    assertThrows(JaxIndexError.class, () -> take(Jnp.zeros(0), new int[] {0}));
    assertThrows(UnsupportedOperationException.class,
        () -> take(t, new int[] {0}, 0, "raise"));
    JaxValueError e = assertThrows(JaxValueError.class, () -> take(t, new int[] {0}, 2));
    assertEquals("axis 2 is out of bounds for array of dimension 2", e.getMessage());
  }

  @Test
  void nonzeroWithSizeAndArgwhere() {
    Array m = Array.of(new float[] {0, 3, 0, 4, 0, 5}, 2, 3);
    for (int k = 0; k < 2; k++) {
      assertArray(ref("nz_size5_" + k), nonzero(m, 5).get(k), "int32", "size 5");
      assertArray(ref("nz_size5_fill_" + k), nonzero(m, 5, -1).get(k), "int32", "fill -1");
      assertArray(ref("nz_size2_" + k), nonzero(m, 2).get(k), "int32", "size 2");
    }
    assertArray(ref("argwhere"), argwhere(m), "int32", "argwhere");
    assertArray(ref("argwhere_size2"), Jax.jit((NDArray a) -> argwhere(a, 2)).apply(m), "int32",
        "argwhere size 2");
    List<NDArray> none = nonzero(m, 0);
    assertEquals(2, none.size());
    assertArrayEquals(new int[] {0}, none.get(1).shape());
    NDArray x = arange(5.0);
    assertEquals("[Array([3, 4, 0], dtype=int32)]",
        reprs(Jax.jit((NDArray a) -> nonzero(greater(a, 2), 3)).apply(x)));
    assertEquals("[Array([ 3,  4, -1], dtype=int32)]", reprs(nonzero(greater(x, 2), 3, -1)));
    assertEquals("[Array([3, 4, 0, 0], dtype=int32)]", reprs(where(greater(x, 2), size(4))));
    assertEquals("[Array([3, 4], dtype=int32)]", reprs(nonzero(greater(x, 2))));
    assertEquals("Array([[1],\n       [2]], dtype=int32)", argwhere(greater(x, 0), 2).repr());
    assertThrows(JaxValueError.class, () -> nonzero(Array.scalar(1.0, DType.FLOAT32)));
  }

  private static String reprs(List<NDArray> xs) {
    return xs.stream().map(NDArray::repr).toList().toString();
  }

  @Test
  void whereSizeReference() {
    @SuppressWarnings("unchecked")
    Map<String, Object> e = (Map<String, Object>) Reference.section("errors").get("where_size");
    Array even = Array.of(new boolean[] {true, false, true, false, true}, 5);
    List<NDArray> got = Jax.jit((NDArray c) -> where(c, size(4).fillValue(-1))).apply(even);
    assertEquals(e.get("ok"), "(" + got.get(0).repr() + ",)");
  }

  @Test
  void nonzeroUnderJitWithoutSize() {
    @SuppressWarnings("unchecked")
    Map<String, Object> ref = (Map<String, Object>) Reference.section("errors")
        .get("nonzero_under_jit");
    String expected = (String) ref.get("message");
    ConcretizationTypeError e = assertThrows(ConcretizationTypeError.class,
        () -> Jax.jit((NDArray a) -> nonzero(a)).apply(arange(5)));
    String head = expected.substring(0, expected.indexOf("\nThe error occurred"));
    assertTrue(e.getMessage().startsWith(head + "\n"), e.getMessage());
    assertTrue(e.getMessage().endsWith(expected.substring(expected.lastIndexOf("\n\n"))),
        e.getMessage());
    ConcretizationTypeError u = assertThrows(ConcretizationTypeError.class,
        () -> Jax.jit((NDArray a) -> unique(a)).apply(arange(5)));
    assertTrue(u.getMessage().contains("The error arose in jnp.unique()."), u.getMessage());
  }

  @Test
  void searchsortedErrors() {
    assertThrows(JaxValueError.class, () -> searchsorted(arange(3), 1, "middle"));
    assertThrows(JaxValueError.class, () -> searchsorted(reshape(arange(4), 2, 2), 1));
    assertEquals("Array([0, 0], dtype=int32)", searchsorted(Jnp.zeros(0), Jnp.zeros(2)).repr());
    assertEquals("Array(1, dtype=int32)", searchsorted(arange(1, 4), 2).repr());
  }
}
