package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.Jnp.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxIndexError;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.errors.NonConcreteBooleanIndexError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** Every indexing error path, in JAX's words. */
class IndexingErrorsTest {
  private final NDArray x = arange(5.0);

  @Test
  void floatIndexers() {
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> x.get(1.5f));
    assertEquals("Indexer must have integer or boolean type, got indexer with type float32",
        e.getMessage());
    e = assertThrows(JaxTypeError.class, () -> x.get(1.5));
    assertEquals("Indexer must have integer or boolean type, got indexer with type float64",
        e.getMessage());
    e = assertThrows(JaxTypeError.class, () -> x.get(Array.of(new float[] {1}, 1)));
    assertEquals("Indexer must have integer or boolean type, got indexer with type float32",
        e.getMessage());
    e = assertThrows(JaxTypeError.class, () -> x.at(new double[] {1.0}).set(1));
    assertEquals("Indexer must have integer or boolean type, got indexer with type float32",
        e.getMessage());
  }

  @Test
  void tooManyIndices() {
    JaxIndexError e = assertThrows(JaxIndexError.class, () -> x.get(1, 2));
    assertEquals("Too many indices: array is 1-dimensional, but 2 were indexed", e.getMessage());
    e = assertThrows(JaxIndexError.class, () -> x.get(Array.of(new boolean[4], 2, 2)));
    assertEquals("Too many indices: array is 1-dimensional, but 2 were indexed", e.getMessage());
  }

  @Test
  void badIndexKinds() {
    assertEquals("JAX does not support string indexing; got idx='a'",
        assertThrows(JaxTypeError.class, () -> x.get("a")).getMessage());
    assertEquals("an index can only have a single ellipsis ('...')",
        assertThrows(JaxIndexError.class, () -> x.get(ellipsis(), ellipsis())).getMessage());
    assertEquals("slice step cannot be zero",
        assertThrows(JaxValueError.class, () -> x.get(slice(null, null, 0))).getMessage());
    assertEquals("boolean index did not match shape of indexed array in index 0: got (3,),"
        + " expected [5]", assertThrows(JaxIndexError.class,
            () -> x.get((Object) new boolean[3])).getMessage());
    assertTrue(assertThrows(JaxIndexError.class, () -> x.get(new Object()))
        .getMessage().startsWith("only integers, slices (`:`), ellipsis (`...`), newaxis"));
    assertEquals("index is out of bounds for axis 0 with size 0", assertThrows(
        JaxIndexError.class, () -> Jnp.zeros(0).get(Array.of(new int[] {0}, new int[0])))
        .getMessage());
  }

  @Test
  void tracedSliceBounds() {
    JaxIndexError e = assertThrows(JaxIndexError.class,
        () -> Jax.jit((NDArray a, NDArray i) -> a.get(slice(i, add(i, 2)))).apply(x,
            Array.scalar(1L, DType.INT32)));
    String head = "Array slice indices must have static start/stop/step to be used with NumPy"
        + " indexing syntax. Got slice(JitTracer(int32[]), JitTracer(int32[]), None) at position"
        + " 0. To index an array at a dynamic position with a static slice size, use"
        + " x[jax.ds(start, size)] or lax.dynamic_slice/dynamic_update_slice instead (JAX does"
        + " not support dynamically sized arrays within traced functions).";
    assertTrue(e.getMessage().startsWith(head + "\nThe error occurred"), e.getMessage());
  }

  @Test
  void tracedBooleanMaskAsReference() {
    @SuppressWarnings("unchecked")
    Map<String, Object> ref = (Map<String, Object>) Reference.section("errors")
        .get("jit_boolean_mask");
    NonConcreteBooleanIndexError e = assertThrows(NonConcreteBooleanIndexError.class,
        () -> Jax.jit((NDArray a) -> a.get(greater(a, 4))).apply(arange(10.0)));
    assertEquals(ref.get("message"), e.getMessage());
    assertEquals("Array([3., 4.], dtype=float32)", x.get(greater(x, 2)).repr());
  }

  @Test
  void fillValueMustBeScalar() {
    assertEquals("fill_value argument to indexed get() must be a scalar",
        assertThrows(JaxValueError.class, () -> at(x, new int[] {9}).mode("fill")
            .fillValue(Jnp.zeros(2)).get()).getMessage());
    assertEquals("Unknown gather mode \"wrap\"",
        assertThrows(JaxValueError.class, () -> at(x, 1).mode("wrap")).getMessage());
  }
}
