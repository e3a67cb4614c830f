package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.lax.primitives.Dot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** dot_general's printing, dtype rule, jax.lax.dot, and every error path. */
class DotGeneralTest {
  private static final DotDimensionNumbers MATMUL =
      DotDimensionNumbers.of(new int[] {1}, new int[] {0});

  private static Array ones(DType d, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1);
    return Array.fromDoubles(d, v, shape);
  }

  private static void type(String msg, Executable e) {
    assertEquals(msg, assertThrows(JaxTypeError.class, e).getMessage());
  }

  @Test
  void contractingMismatchIsTheReferenceError() {
    Map<?, ?> ref = (Map<?, ?>) Reference.section("errors").get("dot_mismatch");
    assertEquals("TypeError", ref.get("error"));
    type((String) ref.get("message"),
        () -> Lax.dotGeneral(ones(DType.FLOAT32, 2, 4), ones(DType.FLOAT32, 3, 2), MATMUL));
  }

  @Test
  void printsDimensionNumbersAsListsAndHidesNones() {
    List<String> eqns = ReductionTraceRecorder.record(() -> List.of(
        Lax.dotGeneral(ones(DType.FLOAT32, 5, 3), ones(DType.FLOAT32, 3, 5), MATMUL, null,
            DType.FLOAT32),
        Lax.dotGeneral(ones(DType.FLOAT32, 5, 2, 3), ones(DType.FLOAT32, 5, 3, 4),
            new DotDimensionNumbers(new int[] {2}, new int[] {1}, new int[] {0}, new int[] {0})),
        Lax.dotGeneral(ones(DType.FLOAT32, 2), ones(DType.FLOAT32, 2),
            DotDimensionNumbers.of(new int[] {0}, new int[] {0}), Precision.HIGHEST, null)));
    assertEquals(List.of(
        "dot_general[dimension_numbers=(([1], [0]), ([], [])) preferred_element_type=float32]",
        "dot_general[dimension_numbers=(([2], [1]), ([0], [0]))]",
        "dot_general[dimension_numbers=(([0], [0]), ([], []))"
            + " precision=(Precision.HIGHEST, Precision.HIGHEST)]"), eqns);
    String matmul = ReductionTraceRecorder.flatten(
        (String) ((Map<?, ?>) Reference.section("jaxprs").get("matmul")).get("ok"));
    assertTrue(matmul.contains(eqns.get(0) + " a b"), matmul);
  }

  @Test
  void mixedDtypesTakeTheHigherPrecisionOne() {
    // probe: lax.dot_general(f32 ones, i32 ones) -> float32 [[2, 2], [2, 2]]
    NDArray r = Lax.dotGeneral(ones(DType.FLOAT32, 2, 2), ones(DType.INT32, 2, 2), MATMUL);
    assertEquals(DType.FLOAT32, r.dtype());
    assertArrayEquals(new float[] {2, 2, 2, 2}, ((Array) r).toFloatArray());
    assertEquals(DType.BFLOAT16, Dot.resultDtype(DType.FLOAT16, DType.BFLOAT16, null));
    assertEquals(DType.FLOAT32, Dot.resultDtype(DType.BFLOAT16, DType.FLOAT32, null));
    assertEquals(DType.INT8, Dot.resultDtype(DType.UINT8, DType.INT8, null));
    assertEquals(DType.INT16, Dot.resultDtype(DType.UINT8, DType.INT16, null));
    assertEquals(DType.UINT16, Dot.resultDtype(DType.UINT16, DType.INT8, null));
    assertEquals(DType.INT8, Dot.resultDtype(DType.BOOL, DType.INT8, null));
    assertEquals(DType.FLOAT16, Dot.resultDtype(DType.INT64, DType.FLOAT16, null));
    assertEquals(DType.INT8, Dot.resultDtype(DType.INT8, DType.INT8, DType.INT8));
    assertEquals(DType.INT32, Dot.resultDtype(DType.FLOAT32, DType.FLOAT32, DType.INT32));
  }

  @Test
  void preferredElementTypeMustNotNarrowIntegers() {
    type("`preferred_element_type` must not be narrower than the original type, got"
        + " preferred_element_type of int8 for result type of int32.",
        () -> Lax.dotGeneral(ones(DType.INT32, 2, 2), ones(DType.INT32, 2, 2), MATMUL, null,
            DType.INT8));
    NDArray r = Lax.dotGeneral(ones(DType.FLOAT32, 2, 2), ones(DType.FLOAT32, 2, 2), MATMUL, null,
        DType.FLOAT16);
    assertEquals(DType.FLOAT16, r.dtype());
  }

  @Test
  void dimensionNumberErrors() {
    Array a = ones(DType.FLOAT32, 2, 3);
    Array b = ones(DType.FLOAT32, 3, 2);
    type("dot_general requires lhs dimension numbers to be nonnegative and less than the number"
        + " of axes of the lhs value, got lhs_batch of () and lhs_contracting of (2,) for lhs of"
        + " rank 2", () -> Lax.dotGeneral(a, b, DotDimensionNumbers.of(new int[] {2},
            new int[] {0})));
    type("dot_general requires rhs dimension numbers to be nonnegative and less than the number"
        + " of axes of the rhs value, got rhs_batch of () and rhs_contracting of (-1,) for rhs"
        + " of rank 2", () -> Lax.dotGeneral(a, b, DotDimensionNumbers.of(new int[] {1},
            new int[] {-1})));
    type("dot_general requires equal numbers of lhs_batch and rhs_batch dimensions, got"
        + " lhs_batch (0,) and rhs_batch ().", () -> Lax.dotGeneral(a, b,
            new DotDimensionNumbers(new int[] {1}, new int[] {0}, new int[] {0}, new int[0])));
    Array c = ones(DType.FLOAT32, 2, 2, 2);
    type("dot_general requires lhs batch dimensions to be distinct, got lhs_batch (0, 0).",
        () -> Lax.dotGeneral(c, c, new DotDimensionNumbers(new int[0], new int[0],
            new int[] {0, 0}, new int[] {0, 1})));
    type("dot_general requires rhs batch dimensions to be distinct, got rhs_batch (1, 1).",
        () -> Lax.dotGeneral(c, c, new DotDimensionNumbers(new int[0], new int[0],
            new int[] {0, 1}, new int[] {1, 1})));
    type("dot_general requires lhs contracting dimensions to be distinct, got lhs_contracting"
        + " (1, 1).", () -> Lax.dotGeneral(c, c, DotDimensionNumbers.of(new int[] {1, 1},
            new int[] {0, 1})));
    type("dot_general requires rhs contracting dimensions to be distinct, got rhs_contracting"
        + " (2, 2).", () -> Lax.dotGeneral(c, c, DotDimensionNumbers.of(new int[] {1, 2},
            new int[] {2, 2})));
    type("dot_general requires lhs batch dimensions to be disjoint from contracting dimensions,"
        + " got lhs_batch (0,) and lhs_contracting (0,).", () -> Lax.dotGeneral(c, c,
            new DotDimensionNumbers(new int[] {0}, new int[] {1}, new int[] {0},
                new int[] {0})));
    type("dot_general requires rhs batch dimensions to be disjoint from contracting dimensions,"
        + " got rhs_batch (1,) and rhs_contracting (1,).", () -> Lax.dotGeneral(c, c,
            new DotDimensionNumbers(new int[] {2}, new int[] {1}, new int[] {0},
                new int[] {1})));
    type("dot_general requires lhs batch dimensions and rhs batch dimensions to have the same"
        + " shape, got (2,) and (3,).", () -> Lax.dotGeneral(c, ones(DType.FLOAT32, 3, 2),
            new DotDimensionNumbers(new int[] {1}, new int[] {1}, new int[] {0},
                new int[] {0})));
  }

  @Test
  void laxDot() {
    Array a = Array.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Array v = Array.of(new float[] {1, 0, -1}, 3);
    assertArrayEquals(new float[] {-2, -2}, ((Array) Lax.dot(a, v)).toFloatArray());
    assertEquals(0, Lax.dot(v, v).aval().rank());
    assertEquals("jax.lax.dot: dimension_numbers must be specified when not performing simple"
        + " un-batched matrix-matrix, matrix-vector, or vector-vector products; got"
        + " lhs_shape=(2, 3) rhs_shape=(2, 3)",
        assertThrows(JaxValueError.class, () -> Lax.dot(a, a)).getMessage());
    assertThrows(JaxValueError.class, () -> Lax.dot(Array.scalar(1.0, DType.FLOAT32), v));
  }

  @Test
  void dimensionNumbersValueSemantics() {
    DotDimensionNumbers d = DotDimensionNumbers.of(new int[] {1}, new int[] {0});
    assertEquals(MATMUL, d);
    assertEquals(MATMUL.hashCode(), d.hashCode());
    assertEquals("(([1], [0]), ([], []))", d.toString());
    int[] lc = d.lhsContracting();
    lc[0] = 7;
    assertEquals(1, d.lhsContracting()[0]);
  }
}
