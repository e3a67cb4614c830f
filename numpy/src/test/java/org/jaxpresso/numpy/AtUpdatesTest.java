package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.IndexingRefs.*;
import static org.jaxpresso.numpy.Jnp.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.IndexUpdateRef;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.NonConcreteBooleanIndexError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code x.at[idx]} updates against NumPy's {@code ufunc.at} and JAX's observed results. */
class AtUpdatesTest {
  private static final int[] IDX = {0, 2, 2, 5, 9, -1, -8};
  private static final int[] SET_IDX = {0, 2, -1, 9};

  static String[] dtypes() {
    return DTYPES;
  }

  /**
   * The result dtype: the scatter runs in the promoted dtype, which with x64 off is 32-bit, and
   * the conversion back to x's dtype canonicalizes too (JAX has no 64-bit arrays then).
   */
  private static String canonical(String dtype) {
    return DType.fromName(dtype).canonical().toString();
  }

  private static Array vals(String dtype, int n) {
    Array v = as(ref("at_vals__" + dtype), dtype);
    return (Array) v.get(slice(0, n));
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void combiningUpdatesAccumulateDuplicatesAndDropOutOfBounds(String dtype) {
    Array x = base(dtype, 6);
    Array v = vals(dtype, 7);
    String out = canonical(dtype);
    assertArray(ref("at_max__" + dtype), x.at(IDX).max(v), out, "max");
    assertArray(ref("at_min__" + dtype), x.at(IDX).min(v), out, "min");
    assertArray(ref("at_set__" + dtype), x.at(SET_IDX).set(vals(dtype, 4)), out, "set");
    if (!dtype.equals("bool")) {
      assertArray(ref("at_add__" + dtype), x.at(IDX).add(v), out, "add");
      assertArray(ref("at_mul__" + dtype), x.at(IDX).multiply(v), out, "multiply");
    }
    if (!dtype.equals("bool") && !dtype.startsWith("uint")) {
      assertArray(ref("at_sub__" + dtype), x.at(IDX).subtract(v), out, "subtract");
    }
  }

  @ParameterizedTest
  @MethodSource("dtypes")
  void updatesUnderJitMatchEager(String dtype) {
    Array x = base(dtype, 6);
    Array v = vals(dtype, 7);
    Array idx = Array.of(IDX, IDX.length);
    NDArray got = Jax.jit((NDArray a, NDArray i) -> a.at(i).max(v)).apply(x, idx);
    assertArray(ref("at_max__" + dtype), got, canonical(dtype), "jit max");
  }

  @Test
  void twoDimensionalUpdates() {
    Array z = (Array) Jnp.zeros(3, 3);
    assertArray(ref("at2d_row_set"), z.at(1, slice()).set(1), "float32", "row set");
    assertArray(ref("at2d_col_add"), z.at(slice(), 0).add(arange(3.0)), "float32", "column add");
    NDArray m = reshape(arange(12.0), 3, 4);
    assertArray(ref("at2d_dup_rows_add"), m.at(new int[] {0, 0, 2}, slice())
        .add(Array.of(new float[] {1, 2, 3, 4}, 4)), "float32", "duplicate rows");
    Array mask = (Array) greater(m, 6);
    assertArray(ref("at2d_mask_set"), m.at(mask).set(-1), "float32", "mask set");
    assertArray(ref("at2d_rev_set"), m.at(slice(), slice(null, null, -2))
        .set(Array.of(new float[] {10, 20}, 2)), "float32", "negative step set");
  }

  private static String repr(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> e = (Map<String, Object>) Reference.section("reprs").get(name);
    return (String) ((List<?>) e.get("ok")).get(0);
  }

  @Test
  void jaxReprs() {
    assertEquals(repr("clip_oob_gather"), arange(5).get(Array.of(new int[] {0, 4, 10}, 3))
        .repr());
    assertEquals(repr("oob_set_dropped"), arange(5).at(10).set(99).repr());
    assertEquals(repr("at_add_dups"), Jnp.zeros(4).at(new int[] {1, 1, 2}).add(1.0).repr());
    assertEquals(repr("neg_index_set"), arange(5).at(-1).set(99).repr());
    assertEquals(repr("arange10_at0_set10"), arange(10).at(0).set(10).repr());
  }

  @Test
  void jaxProbeResults() {
    NDArray x = arange(5.0);
    assertEquals("Array(4., dtype=float32)", x.get(10).repr());
    assertEquals("(Array(4., dtype=float32), Array(0., dtype=float32), Array(0., dtype=float32))",
        "(" + x.get(-1).repr() + ", " + x.get(-5).repr() + ", " + x.get(-6).repr() + ")");
    assertEquals("Array([4., 0., 4., 2.], dtype=float32)",
        x.get(Array.of(new int[] {10, -10, -1, 2}, 4)).repr());
    assertEquals("Array([2., 3., 4.], dtype=float32)", x.get(slice(2, 10)).repr());
    assertEquals("Array([0., 1.], dtype=float32)", x.get(slice(-10, 2)).repr());
    assertEquals("Array([4., 2., 0.], dtype=float32)", x.get(slice(null, null, -2)).repr());
    assertEquals("Array(4., dtype=float32)", x.at(10).get().repr());
    assertEquals("Array(nan, dtype=float32)", at(x, 10).mode("fill").get().repr());
    assertEquals("Array(-1., dtype=float32)", at(x, 10).mode("fill").fillValue(-1).get().repr());
    assertEquals("Array(-2147483648, dtype=int32)", at(arange(5), 10).mode("fill").get().repr());
    assertEquals("Array([0., 1., 2., 3., 4.], dtype=float32)", x.at(10).set(9.0).repr());
    assertEquals("Array([ 0.,  1.,  2.,  3., 13.], dtype=float32)",
        at(x, 10).mode("clip").add(9.0).repr());
    assertEquals("Array([0., 1., 2., 3., 9.], dtype=float32)", x.at(-1).set(9.0).repr());
    assertEquals("Array([0., 1., 2., 3., 4.], dtype=float32)", x.at(-6).set(9.0).repr());
    assertEquals("Array([0., 1., 2., 3., 4.], dtype=float32)",
        at(x, -1).wrapNegativeIndices(false).set(9).repr());
    assertEquals("Array([2., 2., 2., 3., 4.], dtype=float32)",
        x.at(new int[] {0, 0, 1}).add(1.0).repr());
    assertEquals("Array([0., 7., 7., 3., 4.], dtype=float32)", x.at(slice(1, 3)).set(7.0).repr());
    assertEquals("Array([0., 3., 2., 3., 4.], dtype=float32)", x.at(1).multiply(3.0).repr());
    assertEquals("Array([ 0., -1.,  2.,  3.,  4.], dtype=float32)", x.at(1).min(-1.0).repr());
    assertEquals("Array([ 0., 10.,  2.,  3.,  4.], dtype=float32)", x.at(1).max(10.0).repr());
    assertEquals("Array([0. , 0.5, 2. , 3. , 4. ], dtype=float32)", x.at(1).divide(2.0).repr());
    assertEquals("Array([0., 0., 2., 3., 4.], dtype=float32)", x.at(1).subtract(1.0).repr());
    assertEquals("Array([0.       , 0.7456241, 2.       , 3.       , 4.       ], dtype=float32)",
        x.at(new int[] {1, 1}).apply(Jnp::sin).repr());
    assertEquals("Array([0., 4., 2., 3., 4.], dtype=float32)",
        x.at(new int[] {1, 1}).multiply(2.0).repr());
    assertEquals("Array([1, 1, 2], dtype=int32)", arange(3).at(0).set(1.5).repr());
    assertEquals("Array([3., 4.], dtype=float32)", x.get(greater(x, 2)).repr());
    assertEquals("Array([0., 1., 2., 0., 0.], dtype=float32)", x.at(greater(x, 2)).set(0.0)
        .repr());
    NDArray m = reshape(arange(6), 2, 3);
    assertEquals("Array([1, 5], dtype=int32)", m.get(new int[] {0, 1}, new int[] {1, 2}).repr());
    assertEquals("Array([[[3, 4, 5]]], dtype=int32)",
        m.get(newaxis(), slice(1, null), ellipsis()).repr());
    assertEquals("Array([[0, 2],\n       [3, 5]], dtype=int32)",
        m.get(slice(), new int[] {0, 2}).repr());
  }

  @Test
  void fillAndClipReadsPerDtype() {
    assertEquals("Array(255, dtype=uint8)", at(base("uint8", 4), 10).mode("fill").get().repr());
    assertEquals("Array(True, dtype=bool)", at(base("bool", 4), -5).mode("fill").get().repr());
    assertEquals("Array(-128, dtype=int8)", at(base("int8", 4), 4).mode("drop").get().repr());
    assertEquals("Array([3, 0], dtype=int32)",
        at(arange(4), new int[] {7, -9}).mode("clip").get().repr());
    assertEquals("Array([ 3, -1], dtype=int32)",
        at(arange(4), new int[] {-1, 9}).mode("fill").fillValue(-1).get().repr());
    assertEquals("Array(3, dtype=int32)",
        Jax.jit((NDArray a) -> at(a, 9).mode("clip").get()).apply(arange(4)).repr());
  }

  @Test
  void applyUnderJitCountsOccurrences() {
    NDArray x = arange(5.0);
    NDArray got = Jax.jit((NDArray a, NDArray i) -> a.at(i).apply(Jnp::sin))
        .apply(x, Array.of(new int[] {1, 1}, 2));
    assertEquals("Array([0.       , 0.7456241, 2.       , 3.       , 4.       ], dtype=float32)",
        got.repr());
  }

  @Test
  void applyUnderJitOnSlicesTakesOneRound() {
    String jaxpr = Jax.makeJaxpr((NDArray a) -> a.at(slice(1, 3)).apply(Jnp::sin))
        .apply(arange(5.0)).toString();
    assertEquals(1, jaxpr.split(" = sin ", -1).length - 1, jaxpr);
    assertEquals(Jnp.where(greater(arange(5), 2), arange(5.0),
            Jnp.where(greater(arange(5), 0), Jnp.sin(arange(5.0)), arange(5.0))).repr(),
        Jax.jit((NDArray a) -> a.at(slice(1, 3)).apply(Jnp::sin)).apply(arange(5.0)).repr());
    assertThrows(org.jaxpresso.core.errors.JaxTypeError.class,
        () -> arange(3.0).at(1).apply(v -> Jnp.sum(v)));
  }

  @Test
  void updatesKeepDtypeAndWeakType() {
    NDArray weak = Jnp.add(Jnp.zeros(3), 1.0);
    NDArray w = Jnp.multiply(arange(3), 1);
    assertEquals(w.weakType(), w.at(0).set(7).weakType());
    assertEquals(weak.dtype(), weak.at(0).set(7).dtype());
    Array u8 = base("uint8", 4);
    assertEquals("Array([255,   1,   2,   3], dtype=uint8)", u8.at(0).set(255).repr());
    assertEquals(DType.FLOAT16, base("float16", 4).at(1).add(0.5).dtype());
  }

  @Test
  void wholeArrayUpdates() {
    assertEquals("Array(5., dtype=float32)", Array.scalar(1.0, DType.FLOAT32).at().set(5).repr());
    assertEquals("Array([7, 7, 7], dtype=int32)", arange(3).at(ellipsis()).set(7).repr());
    assertEquals("Array([1, 2, 3], dtype=int32)", arange(3).at(slice()).add(1).repr());
    assertEquals("Array([[0, 5],\n       [2, 5]], dtype=int32)",
        reshape(arange(4), 2, 2).at(ellipsis(), 1).set(5).repr());
  }

  @Test
  void emptyIndexUpdateReturnsInput() {
    Array x = base("float32", 4);
    assertEquals(x.repr(), x.at(new int[0]).add(5.0).repr());
    assertEquals(x.repr(), x.at(slice(3, 1)).set(5.0).repr());
  }

  @Test
  void tracedMaskUpdateRaises() {
    NDArray x = arange(3.0);
    NonConcreteBooleanIndexError e = assertThrows(NonConcreteBooleanIndexError.class,
        () -> Jax.jit((NDArray a) -> a.at(greater(a, 0)).set(0.0)).apply(x));
    assertEquals("Array boolean indices must be concrete; got bool[3]\n\n"
        + "See https://docs.jax.dev/en/latest/errors.html#jax.errors.NonConcreteBooleanIndexError",
        e.getMessage());
  }

  @Test
  void updateRefIsTheCoreInterface() {
    IndexUpdateRef ref = arange(3).at(1);
    assertEquals("Array([0, 5, 2], dtype=int32)", ref.set(5).repr());
  }
}
