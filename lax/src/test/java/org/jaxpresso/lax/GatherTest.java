package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Gather: JAX-NOTES §7 hand-checked cases, fill defaults, printed params and every error. */
class GatherTest {
  static final GatherDimensionNumbers POINTS =
      new GatherDimensionNumbers(new int[0], new int[] {0}, new int[] {0});
  static final GatherDimensionNumbers ROWS =
      new GatherDimensionNumbers(new int[] {1}, new int[] {0}, new int[] {0});

  static Array arange(DType d, int n) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return Array.fromLongs(d, v, n);
  }

  static Array column(long... v) {
    return Array.fromLongs(DType.INT32, v, v.length, 1);
  }

  @Test
  void outOfBoundsIndexReadsClampAsInJaxNotes() {
    // x[jnp.array([10, -10, -1, 2])] on arange(5.): normalized to [10, -5, 4, 2], then clamped
    NDArray r = Lax.gather(arange(DType.FLOAT32, 5), column(10, -5, 4, 2), POINTS,
        new int[] {1}, GatherScatterMode.PROMISE_IN_BOUNDS);
    assertArrayEquals(new float[] {4, 0, 4, 2}, ((Array) r).toFloatArray());
    NDArray c = Lax.gather(arange(DType.FLOAT32, 5), column(10), POINTS, new int[] {1},
        GatherScatterMode.CLIP);
    assertArrayEquals(new float[] {4}, ((Array) c).toFloatArray());
  }

  @Test
  void fillModeUsesJaxDefaultsPerDtype() {
    assertTrue(Double.isNaN(fill(DType.FLOAT32).getDouble(0)));
    assertTrue(Double.isNaN(fill(DType.BFLOAT16).getDouble(0)));
    assertEquals(Integer.MIN_VALUE, fill(DType.INT32).getLong(0));
    assertEquals(Byte.MIN_VALUE, fill(DType.INT8).getLong(0));
    assertEquals(Long.MIN_VALUE, fill(DType.INT64).getLong(0));
    assertEquals(255, fill(DType.UINT8).getLong(0));
    assertEquals(-1L, fill(DType.UINT64).getLong(0));
    assertEquals(4294967295L, fill(DType.UINT32).getLong(0));
    assertTrue(fill(DType.BOOL).getBoolean(0));
    NDArray explicit = Lax.gather(arange(DType.FLOAT32, 5), column(10, 1), POINTS,
        new int[] {1}, GatherScatterMode.FILL_OR_DROP, -1);
    assertArrayEquals(new float[] {-1, 1}, ((Array) explicit).toFloatArray());
    NDArray byDefault = Lax.gather(arange(DType.FLOAT32, 5), column(10), POINTS, new int[] {1},
        null);
    assertTrue(Double.isNaN(((Array) byDefault).getDouble(0)));
  }

  static Array fill(DType d) {
    return (Array) Lax.gather(arange(d, 3), column(3), POINTS, new int[] {1},
        GatherScatterMode.FILL_OR_DROP);
  }

  @Test
  void printedParamsMatchTheProbe() {
    Array x = Array.fromDoubles(DType.FLOAT32, new double[12], 4, 3);
    assertEquals(List.of("gather[dimension_numbers=GatherDimensionNumbers(offset_dims=(1,),"
            + " collapsed_slice_dims=(0,), start_index_map=(0,), operand_batching_dims=(),"
            + " start_indices_batching_dims=()) fill_value=None indices_are_sorted=False"
            + " mode=GatherScatterMode.PROMISE_IN_BOUNDS slice_sizes=(1, 3)"
            + " unique_indices=False]"),
        ShapingRecordingTrace.record(() -> Lax.gather(x, column(0, 1), ROWS, new int[] {1, 3},
            GatherScatterMode.PROMISE_IN_BOUNDS)));
    Array y = Array.fromDoubles(DType.FLOAT32, new double[6], 2, 3);
    GatherDimensionNumbers along = new GatherDimensionNumbers(new int[0], new int[] {1},
        new int[] {1}, new int[] {0}, new int[] {0});
    assertEquals(List.of("gather[dimension_numbers=GatherDimensionNumbers(offset_dims=(),"
            + " collapsed_slice_dims=(1,), start_index_map=(1,), operand_batching_dims=(0,),"
            + " start_indices_batching_dims=(0,)) fill_value=nan indices_are_sorted=False"
            + " mode=GatherScatterMode.FILL_OR_DROP slice_sizes=(1, 1) unique_indices=False]"),
        ShapingRecordingTrace.record(() -> Lax.gather(y,
            Array.fromLongs(DType.INT32, new long[] {0, 2}, 2, 1, 1), along, new int[] {1, 1},
            GatherScatterMode.FILL_OR_DROP)));
    assertEquals(List.of("gather[dimension_numbers=GatherDimensionNumbers(offset_dims=(),"
            + " collapsed_slice_dims=(0,), start_index_map=(0,), operand_batching_dims=(),"
            + " start_indices_batching_dims=()) fill_value=-2147483648 indices_are_sorted=True"
            + " mode=GatherScatterMode.FILL_OR_DROP slice_sizes=(1,) unique_indices=True]"),
        ShapingRecordingTrace.record(() -> Lax.gather(arange(DType.INT32, 3), column(1), POINTS,
            new int[] {1}, GatherScatterMode.FILL_OR_DROP, null, true, true)));
  }

  @Test
  void modesParseAndPrintAsJax() {
    assertEquals(GatherScatterMode.CLIP, GatherScatterMode.fromAny("clip"));
    assertEquals(GatherScatterMode.FILL_OR_DROP, GatherScatterMode.fromAny("fill"));
    assertEquals(GatherScatterMode.FILL_OR_DROP, GatherScatterMode.fromAny("drop"));
    assertEquals(GatherScatterMode.FILL_OR_DROP, GatherScatterMode.fromAny(null));
    assertEquals(GatherScatterMode.PROMISE_IN_BOUNDS,
        GatherScatterMode.fromAny("promise_in_bounds"));
    assertEquals("Unknown gather mode \"wrap\"",
        assertThrows(JaxValueError.class, () -> GatherScatterMode.fromAny("wrap")).getMessage());
    assertEquals("GatherScatterMode.CLIP", GatherScatterMode.CLIP.toString());
  }

  @Test
  void dimensionNumbersAreValues() {
    GatherDimensionNumbers a = new GatherDimensionNumbers(new int[] {1}, new int[] {0},
        new int[] {0});
    assertEquals(ROWS, a);
    assertEquals(ROWS.hashCode(), a.hashCode());
    int[] offsets = a.offsetDims();
    offsets[0] = 7;
    assertArrayEquals(new int[] {1}, a.offsetDims());
  }

  @Test
  void anyIntegerIndexDtypeWorks() {
    Array x = arange(DType.FLOAT32, 5);
    for (DType d : DType.values()) {
      if (!d.isInteger()) {
        continue;
      }
      Array idx = Array.fromLongs(d, new long[] {3, 1}, 2, 1);
      NDArray r = Lax.gather(x, idx, POINTS, new int[] {1}, GatherScatterMode.CLIP);
      assertArrayEquals(new float[] {3, 1}, ((Array) r).toFloatArray(), d.toString());
    }
    Array big = Array.fromLongs(DType.UINT64, new long[] {-1L}, 1, 1);
    assertArrayEquals(new float[] {4}, ((Array) Lax.gather(x, big, POINTS, new int[] {1},
        GatherScatterMode.CLIP)).toFloatArray());
  }

  @Test
  void weakTypeComesFromTheOperand() {
    NDArray weak = Lax.broadcastInDim(2.0, new int[] {3}, new int[0]);
    assertTrue(Lax.gather(weak, column(1), POINTS, new int[] {1}, GatherScatterMode.CLIP)
        .weakType());
    assertEquals(Shape.of(1), Lax.gather(weak, column(1), POINTS, new int[] {1},
        GatherScatterMode.CLIP).aval().shape());
  }

  static Arguments err(String message, Supplier<NDArray> f) {
    return Arguments.of(message, f);
  }

  static NDArray g(int[] opShape, int[] idxShape, GatherDimensionNumbers dn, int[] sizes) {
    Array op = Array.fromDoubles(DType.FLOAT32, new double[(int) Shape.of(opShape).size()],
        opShape);
    Array idx = Array.fromLongs(DType.INT32, new long[(int) Shape.of(idxShape).size()],
        idxShape);
    return Lax.gather(op, idx, dn, sizes, GatherScatterMode.CLIP);
  }

  static GatherDimensionNumbers dn(int[] o, int[] c, int[] s, int[] ob, int[] ib) {
    return new GatherDimensionNumbers(o, c, s, ob, ib);
  }

  static int[] t(int... a) {
    return a;
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        err("Gather index leaf dimension must be within [0, rank(indices) + 1). rank(indices) is"
            + " 0 and gather index leaf dimension is -1.",
            () -> g(t(3), t(), dn(t(), t(0), t(0), t(), t()), t(1))),
        err("offset_dims in gather op must be sorted; got (1, 0)",
            () -> g(t(3, 3), t(1), dn(t(1, 0), t(), t(0), t(), t()), t(1, 1))),
        err("offset_dims in gather op must not repeat; got: (0, 0).",
            () -> g(t(3, 3), t(1), dn(t(0, 0), t(), t(0), t(), t()), t(1, 1))),
        err("Offset dimension 0 in gather op is out of bounds; got 3, but should have been in"
            + " [0, 2)", () -> g(t(3, 3), t(2, 1), dn(t(3), t(0), t(0), t(), t()), t(1, 3))),
        err("Gather op has 1 elements in start_index_map and the bound of dimension"
            + " index_vector_dim=1 of indices is 2. These two numbers must be equal.",
            () -> g(t(3, 3), t(2, 2), dn(t(1), t(0), t(0), t(), t()), t(1, 3))),
        err("Invalid start_index_map; domain is [0, 2), got: 0->2.",
            () -> g(t(3, 3), t(2, 1), dn(t(1), t(0), t(2), t(), t()), t(1, 3))),
        err("start_index_map in gather op must not repeat; got: (0, 0).",
            () -> g(t(3, 3), t(2, 2), dn(t(), t(0, 1), t(0, 0), t(), t()), t(1, 1))),
        err("collapsed_slice_dims in gather op must be sorted; got (1, 0)",
            () -> g(t(3, 3), t(2, 2), dn(t(), t(1, 0), t(0, 1), t(), t()), t(1, 1))),
        err("Invalid collapsed_slice_dims set in gather op; valid range is [0, 2); got: 2.",
            () -> g(t(3, 3), t(2, 1), dn(t(), t(0, 2), t(0), t(), t()), t(1, 1))),
        err("collapsed_slice_dims and operand_batching_dims in gather op must be disjoint; got:"
            + " (0,) and (0,).",
            () -> g(t(3, 3), t(3, 1), dn(t(), t(0), t(1), t(0), t(0)), t(1, 1))),
        err("start_index_map and operand_batching_dims in gather op must be disjoint; got: (0,)"
            + " and (0,).", () -> g(t(3, 3), t(3, 1), dn(t(), t(1), t(0), t(0), t(0)), t(1, 1))),
        err("Invalid start_indices_batching_dims set in gather op; valid range is [0, 2); got:"
            + " 5.", () -> g(t(3, 3), t(3, 1), dn(t(), t(1), t(1), t(0), t(5)), t(1, 1))),
        err("Gather op cannot have the index vector dimension as a batching dimension; got"
            + " (1,).", () -> g(t(3, 3), t(3, 1), dn(t(), t(1), t(1), t(0), t(1)), t(1, 1))),
        err("Gather op requires equal numbers of operand_batching_dims and"
            + " start_indices_batching_dims, got (0,) and().",
            () -> g(t(3, 3), t(3, 1), dn(t(), t(1), t(1), t(0), t()), t(1, 1))),
        err("Gather op requires operand batching dimensions and indices batching dimensions to"
            + " have the same shape, got (3,) and (2,).",
            () -> g(t(3, 3), t(2, 1), dn(t(), t(1), t(1), t(0), t(0)), t(1, 1))),
        err("Gather op must have one slice size for every input dimension; got:"
            + " len(slice_sizes)=1, input_shape.rank=2",
            () -> g(t(3, 3), t(2, 1), dn(t(1), t(0), t(0), t(), t()), t(1))),
        err("All components of the offset index in a gather op must either be a offset dimension"
            + " or explicitly collapsed/batching; got len(slice_sizes)=2,"
            + " output_slice_sizes=(1,), collapsed_slice_dims=(), operand_batching_dims=().",
            () -> g(t(3, 3), t(2, 1), dn(t(1), t(), t(0), t(), t()), t(1, 3))),
        err("Slice size at index 1 in gather op is out of range, must be within [0, 3 + 1), got"
            + " 4.", () -> g(t(3, 3), t(2, 1), dn(t(1), t(0), t(0), t(), t()), t(1, 4))),
        err("Gather op can only collapse slice dims with bound 1, but bound is 2 for index 0 at"
            + " position 0.", () -> g(t(3, 3), t(2, 1), dn(t(1), t(0), t(0), t(), t()), t(2, 3))),
        err("Gather op can only have operand batching dims with bound 0/1, but bound is 3 for"
            + " index 0 at position 0.",
            () -> g(t(3, 3), t(3, 1), dn(t(), t(1), t(1), t(0), t(0)), t(3, 1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void shapeRuleRaisesJaxErrors(String message, Supplier<NDArray> f) {
    assertEquals(message, assertThrows(JaxTypeError.class, f::get).getMessage());
  }

  @Test
  void floatIndicesAreRejected() {
    Array x = arange(DType.FLOAT32, 3);
    Array idx = Array.fromDoubles(DType.FLOAT32, new double[] {1}, 1, 1);
    assertEquals("indices must have an integer type", assertThrows(JaxValueError.class,
        () -> Lax.gather(x, idx, POINTS, new int[] {1}, GatherScatterMode.CLIP)).getMessage());
  }
}
