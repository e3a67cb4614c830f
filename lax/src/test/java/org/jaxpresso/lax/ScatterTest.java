package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.jaxpresso.lax.internal.shaping.ShapingOps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scatter family: JAX-NOTES §7.2 hand-checked cases, printed params and every error. */
class ScatterTest {
  /** {@code x.at[i]} on a 1-D array: one index per update, no window. */
  static final ScatterDimensionNumbers AT =
      new ScatterDimensionNumbers(new int[0], new int[] {0}, new int[] {0});

  static Array arange5() {
    return Array.of(new float[] {0, 1, 2, 3, 4}, 5);
  }

  static Array ints(long... v) {
    return Array.fromLongs(DType.INT32, v, v.length, 1);
  }

  static float[] f(NDArray a) {
    return ((Array) a).toFloatArray();
  }

  static Array floats(float... v) {
    return Array.of(v, v.length);
  }

  @Test
  void outOfBoundsUpdatesAreDroppedByDefault() {
    // x.at[10].set(9.) -> unchanged; x.at[-6] (-1 after wrapping) -> dropped
    assertArrayEquals(new float[] {0, 1, 2, 3, 4},
        f(Lax.scatter(arange5(), Array.fromLongs(DType.INT32, new long[] {10}, 1), 9.0f, AT,
            null)));
    assertArrayEquals(new float[] {0, 1, 2, 3, 4},
        f(Lax.scatter(arange5(), Array.fromLongs(DType.INT32, new long[] {-1}, 1), 9.0f, AT,
            GatherScatterMode.FILL_OR_DROP)));
    assertArrayEquals(new float[] {0, 1, 2, 3, 4},
        f(Lax.scatterAdd(arange5(), ints(7), floats(1), AT,
            GatherScatterMode.PROMISE_IN_BOUNDS)));
  }

  @Test
  void clipModeClamps() {
    // x.at[10].add(9., mode='clip') -> [0, 1, 2, 3, 13]
    assertArrayEquals(new float[] {0, 1, 2, 3, 13},
        f(Lax.scatterAdd(arange5(), Array.fromLongs(DType.INT32, new long[] {10}, 1), 9.0f, AT,
            GatherScatterMode.CLIP)));
  }

  @Test
  void duplicatesAccumulateAndLastSetWins() {
    assertArrayEquals(new float[] {2, 2, 2, 3, 4},
        f(Lax.scatterAdd(arange5(), ints(0, 0, 1), floats(1, 1, 1), AT, null)));
    assertArrayEquals(new float[] {0, 4, 2, 3, 4},
        f(Lax.scatterMul(arange5(), ints(1, 1), floats(2, 2), AT, null)));
    assertArrayEquals(new float[] {6, 1, 2, 3, 4},
        f(Lax.scatter(arange5(), ints(0, 0), floats(5, 6), AT, null)));
    assertArrayEquals(new float[] {-2, 1, 2, 3, 4},
        f(Lax.scatterSub(arange5(), ints(0, 0), floats(1, 1), AT, null)));
    assertArrayEquals(new float[] {-1, 1, 2, 3, 4},
        f(Lax.scatterMin(arange5(), ints(0, 0), floats(5, -1), AT, null)));
    assertArrayEquals(new float[] {0, 1, 2, 3, 8},
        f(Lax.scatterMax(arange5(), ints(4, 4), floats(8, 1), AT, null)));
    NDArray nan = Lax.scatterMax(arange5(), ints(2), floats(Float.NaN), AT, null);
    assertTrue(Float.isNaN(f(nan)[2]));
  }

  @Test
  void twoDimensionalRowAndColumnUpdates() {
    Array z = Array.of(new float[9], 3, 3);
    // zeros((3, 3)).at[1, :].set(1)
    ScatterDimensionNumbers row = new ScatterDimensionNumbers(new int[] {0}, new int[] {0},
        new int[] {0});
    assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 0, 0, 0},
        f(Lax.scatter(z, Array.fromLongs(DType.INT32, new long[] {1}, 1), floats(1, 1, 1), row,
            null)));
    // zeros((3, 3)).at[:, 0].add(jnp.arange(3.))
    ScatterDimensionNumbers col = new ScatterDimensionNumbers(new int[] {0}, new int[] {1},
        new int[] {1});
    assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0},
        f(Lax.scatterAdd(z, Array.fromLongs(DType.INT32, new long[] {0}, 1), floats(0, 1, 2),
            col, null)));
  }

  @Test
  void printedParamsMatchTheProbe() {
    String dn = "dimension_numbers=ScatterDimensionNumbers(update_window_dims=(),"
        + " inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,),"
        + " operand_batching_dims=(), scatter_indices_batching_dims=())";
    assertEquals(List.of("scatter[" + dn + " indices_are_sorted=True"
            + " mode=GatherScatterMode.FILL_OR_DROP unique_indices=True update_consts=()"
            + " update_jaxpr=None]"),
        ShapingRecordingTrace.record(() -> ShapingOps.scatter("scatter", arange5(),
            Array.fromLongs(DType.INT32, new long[] {0}, 1), 5.0f, AT, null, true, true)));
    assertEquals(List.of("scatter-add[" + dn + " indices_are_sorted=False"
            + " mode=GatherScatterMode.FILL_OR_DROP unique_indices=False update_consts=()"
            + " update_jaxpr={ lambda ; a:f32[] b:f32[]. let c:f32[] = add a b in (c,) }]"),
        ShapingRecordingTrace.record(() -> Lax.scatterAdd(arange5(), ints(1, 2), floats(1, 1), AT,
            null)));
    assertEquals("ScatterDimensionNumbers(update_window_dims=(1,), inserted_window_dims=(),"
        + " scatter_dims_to_operand_dims=(0, 1), operand_batching_dims=(2,),"
        + " scatter_indices_batching_dims=(0,))", new ScatterDimensionNumbers(new int[] {1},
        new int[0], new int[] {0, 1}, new int[] {2}, new int[] {0}).toString());
  }

  @Test
  void combiningScattersCarryTheirCombinerJaxprOncePerDtype() {
    org.jaxpresso.core.jaxpr.Jaxpr add32 = org.jaxpresso.lax.internal.shaping.ShapingOps.combiner(
        "scatter-add", DType.FLOAT32);
    assertEquals("{ lambda ; a:f32[] b:f32[]. let c:f32[] = add a b in (c,) }", add32.toString());
    assertEquals(add32, org.jaxpresso.lax.internal.shaping.ShapingOps.combiner("scatter-add", DType.FLOAT32));
    assertEquals("{ lambda ; a:i8[] b:i8[]. let c:i8[] = max a b in (c,) }",
        org.jaxpresso.lax.internal.shaping.ShapingOps.combiner("scatter-max", DType.INT8).toString());
    assertEquals(null, org.jaxpresso.lax.internal.shaping.ShapingOps.combiner("scatter", DType.INT8));
  }

  @Test
  void resultKeepsOperandDtypeAndWeakType() {
    NDArray weak = Lax.broadcastInDim(0.0, new int[] {3}, new int[0]);
    NDArray r = Lax.scatterAdd(weak, ints(1), Lax.broadcastInDim(1.0, new int[] {1},
        new int[0]), AT, null);
    assertTrue(r.weakType());
    assertFalse(Lax.scatter(arange5(), ints(1), floats(1), AT, null).weakType());
    Array u64 = Array.fromLongs(DType.UINT64, new long[] {5, -2L}, 2);
    Array r64 = (Array) Lax.scatterMax(u64, ints(0),
        Array.fromLongs(DType.UINT64, new long[] {-1L}, 1), AT, null);
    assertEquals(-1L, r64.getLong(0));
    Array rmin = (Array) Lax.scatterMin(u64, ints(1),
        Array.fromLongs(DType.UINT64, new long[] {7}, 1), AT, null);
    assertEquals(7, rmin.getLong(1));
  }

  static NDArray s(String op, int[] opShape, int[] idxShape, int[] upShape,
      ScatterDimensionNumbers dn) {
    Array o = Array.fromDoubles(DType.FLOAT32, new double[(int) Shape.of(opShape).size()],
        opShape);
    Array i = Array.fromLongs(DType.INT32, new long[(int) Shape.of(idxShape).size()], idxShape);
    Array u = Array.fromDoubles(DType.FLOAT32, new double[(int) Shape.of(upShape).size()],
        upShape);
    return ShapingOps.scatter(op, o, i, u, dn, null, false, false);
  }

  static ScatterDimensionNumbers dn(int[] uw, int[] iw, int[] sd, int[] ob, int[] ib) {
    return new ScatterDimensionNumbers(uw, iw, sd, ob, ib);
  }

  static int[] t(int... a) {
    return a;
  }

  static Arguments err(String message, Supplier<NDArray> f) {
    return Arguments.of(message, f);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        err("Scatter index leaf dimension must be within [0, rank(indices) + 1). rank(indices)"
            + " is 0 and scatter index leaf dimension is -1.",
            () -> s("scatter", t(3), t(), t(), dn(t(), t(0), t(0), t(), t()))),
        err("Updates tensor must be of rank 1; got 2.",
            () -> s("scatter-add", t(3), t(2, 1), t(2, 1), dn(t(), t(0), t(0), t(), t()))),
        err("update_window_dims in scatter op must be sorted; got (1, 0)",
            () -> s("scatter", t(3, 3), t(1), t(3, 3), dn(t(1, 0), t(), t(0), t(), t()))),
        err("Invalid update_window_dims set in scatter op; valid range is [0, 2); got: 2.",
            () -> s("scatter", t(3, 3), t(2, 1), t(2, 3), dn(t(2), t(0), t(0), t(), t()))),
        err("inserted_window_dims in scatter op must not repeat; got: (0, 0).",
            () -> s("scatter", t(3), t(2, 1), t(2), dn(t(), t(0, 0), t(0), t(), t()))),
        err("inserted_window_dims and operand_batching_dims in scatter op must be disjoint; got:"
            + " (0,) and (0,).",
            () -> s("scatter", t(3, 3), t(3, 1), t(3), dn(t(), t(0), t(1), t(0), t(0)))),
        err("Scatter op requires equal numbers of operand_batching_dims and"
            + " scatter_indices_batching_dims, got (0,) and ().",
            () -> s("scatter", t(3, 3), t(3, 1), t(3), dn(t(), t(1), t(1), t(0), t()))),
        err("Scatter op requires operand batching dimensions and indices batching dimensions to"
            + " have the same shape, got (3,) and (2,).",
            () -> s("scatter", t(3, 3), t(2, 1), t(2), dn(t(), t(1), t(1), t(0), t(0)))),
        err("Scatter op has window of size 1; doesn't match operand of rank 2.",
            () -> s("scatter", t(3, 3), t(2, 1), t(2), dn(t(), t(0), t(0), t(), t()))),
        err("Scatter op has 1 elements in scatter_dims_to_operand_dims and the bound of"
            + " dimension index_vector_dim=1 of indices is 2. These two numbers must be equal",
            () -> s("scatter", t(3), t(2, 2), t(2), dn(t(), t(0), t(0), t(), t()))),
        err("Invalid scatter_dims_to_operand_dims mapping; domain is [0, 1), got: 0->1.",
            () -> s("scatter", t(3), t(2, 1), t(2), dn(t(), t(0), t(1), t(), t()))),
        err("Bounds of the window dimensions of updates must not exceed the bounds of the"
            + " corresponding dimensions of operand. For dimension 1, updates bound is 4,"
            + " operand bound is 3.",
            () -> s("scatter", t(3, 3), t(2, 1), t(2, 4), dn(t(1), t(0), t(0), t(), t()))),
        err("Bounds of the scatter dimensions of updates must be the same as the bounds of the"
            + " corresponding dimensions of scatter indices. For scatter dimension 0, updates"
            + " bound is 3, indices bound is 2.",
            () -> s("scatter", t(3), t(2, 1), t(3), dn(t(), t(0), t(0), t(), t()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void shapeRuleRaisesJaxErrors(String message, Supplier<NDArray> f) {
    assertEquals(message, assertThrows(JaxTypeError.class, f::get).getMessage());
  }

  @Test
  void dtypeErrors() {
    assertEquals("indices must have an integer type", assertThrows(JaxValueError.class,
        () -> Lax.scatter(arange5(), Array.fromDoubles(DType.FLOAT32, new double[] {1}, 1, 1),
            floats(1), AT, null)).getMessage());
    assertEquals("lax.scatter requires arguments to have the same dtypes, got float32, int32.",
        assertThrows(JaxTypeError.class, () -> Lax.scatterAdd(arange5(), ints(1),
            Array.fromLongs(DType.INT32, new long[] {1}, 1), AT, null)).getMessage());
    Array b = Array.of(new boolean[] {true, false}, 2);
    Array bu = Array.of(new boolean[] {true}, 1);
    assertEquals("add does not accept dtype bool. Accepted dtypes are subtypes of integer,"
            + " floating, complexfloating.",
        assertThrows(JaxTypeError.class, () -> Lax.scatterAdd(b, ints(1), bu, AT, null))
            .getMessage());
    assertEquals("mul does not accept dtype bool. Accepted dtypes are subtypes of integer,"
            + " floating, complexfloating.",
        assertThrows(JaxTypeError.class, () -> Lax.scatterMul(b, ints(1), bu, AT, null))
            .getMessage());
    assertEquals("sub does not accept dtype bool. Accepted dtypes are subtypes of integer,"
            + " floating, complexfloating.",
        assertThrows(JaxTypeError.class, () -> Lax.scatterSub(b, ints(1), bu, AT, null))
            .getMessage());
    assertArrayEquals(new boolean[] {true, true},
        ((Array) Lax.scatterMax(b, ints(1), bu, AT, null)).toBooleanArray());
  }
}
