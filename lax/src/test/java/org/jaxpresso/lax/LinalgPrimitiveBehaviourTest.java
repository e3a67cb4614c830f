package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.lax.primitives.Linalg;
import org.junit.jupiter.api.Test;

/**
 * The {@code svd} primitive's shape and dtype rule (JAX's {@code linalg_shape_rule} and
 * {@code _svd_shape_rule}), its errors in JAX's words, its params as jaxprs print them, the
 * empty-matrix results of JAX's {@code _empty_svd}, and NaN for non-finite input.
 */
class LinalgPrimitiveBehaviourTest {
  private static <T extends Throwable> void throwsMessage(Class<T> type, String message,
      Runnable r) {
    T e = assertThrows(type, r::run);
    assertEquals(message, e.getMessage());
  }

  private static List<ShapedArray> avals(ShapedArray x, boolean full, boolean uv, int[] subset) {
    return Linalg.SVD.abstractEval(List.of(x), Linalg.svdParams(full, uv, subset));
  }

  @Test
  void shapeRuleOfFullReducedAndValuesOnly() {
    ShapedArray x = new ShapedArray(Shape.of(2, 5, 3), DType.FLOAT32, false);
    List<ShapedArray> full = avals(x, true, true, null);
    assertEquals(List.of(Shape.of(2, 3), Shape.of(2, 5, 5), Shape.of(2, 3, 3)),
        full.stream().map(ShapedArray::shape).toList());
    List<ShapedArray> reduced = avals(x, false, true, null);
    assertEquals(List.of(Shape.of(2, 3), Shape.of(2, 5, 3), Shape.of(2, 3, 3)),
        reduced.stream().map(ShapedArray::shape).toList());
    List<ShapedArray> values = avals(x, true, false, null);
    assertEquals(List.of(Shape.of(2, 3)), values.stream().map(ShapedArray::shape).toList());
    List<ShapedArray> subset = avals(x, false, true, new int[] {0, 2});
    assertEquals(List.of(Shape.of(2, 2), Shape.of(2, 5, 2), Shape.of(2, 2, 3)),
        subset.stream().map(ShapedArray::shape).toList());
    assertEquals(3, avals(x, true, true, new int[] {0, 3}).get(0).shape().dim(1));
  }

  @Test
  void outputsAreWeakExactlyWhenTheOperandIs() {
    ShapedArray weak = new ShapedArray(Shape.of(3, 3), DType.FLOAT32, true);
    assertTrue(avals(weak, true, true, null).stream().allMatch(ShapedArray::weakType));
    ShapedArray strong = new ShapedArray(Shape.of(3, 3), DType.FLOAT64, false);
    List<ShapedArray> out = avals(strong, true, true, null);
    assertTrue(out.stream().noneMatch(ShapedArray::weakType));
    assertTrue(out.stream().allMatch(a -> a.dtype() == DType.FLOAT64));
  }

  @Test
  void rankBelowTwoIsATypeError() {
    throwsMessage(JaxTypeError.class,
        "Input 0 to svd must have rank at least 2, but got shape=(3,)",
        () -> Lax.svd(Array.of(new float[3], 3)));
    throwsMessage(JaxTypeError.class,
        "Input 0 to svd must have rank at least 2, but got shape=()",
        () -> Lax.svd(Array.scalar(1.0, DType.FLOAT32), true, false));
  }

  @Test
  void onlyFloat32AndFloat64AreAccepted() {
    for (DType d : DType.values()) {
      if (d == DType.FLOAT32 || d == DType.FLOAT64) {
        continue;
      }
      Array x = Array.fromDoubles(d, new double[] {1, 0, 0, 1}, 2, 2);
      throwsMessage(JaxTypeError.class, "svd does not accept dtype " + d.longName()
          + " at position 0. Accepted dtypes at position 0 are subtypes of float32,"
          + " complex128, complex64, float64.", () -> Lax.svd(x));
    }
  }

  @Test
  void rankIsCheckedBeforeDtype() {
    throwsMessage(JaxTypeError.class,
        "Input 0 to svd must have rank at least 2, but got shape=(2,)",
        () -> Lax.svd(Array.of(new int[2], 2)));
  }

  @Test
  void subsetByIndexRules() {
    ShapedArray x = new ShapedArray(Shape.of(4, 3), DType.FLOAT32, false);
    throwsMessage(JaxValueError.class, "full_matrices and subset_by_index cannot both be set",
        () -> avals(x, true, true, new int[] {0, 2}));
    Array a = Array.of(new float[12], 4, 3);
    throwsMessage(UnsupportedOperationException.class,
        "subset_by_index not implemented for CPU and GPU",
        () -> Linalg.SVD.bind(List.of(a), Linalg.svdParams(false, true, new int[] {1, 3})));
    // (0, rank) is the whole decomposition, which CPU computes.
    List<NDArray> all = Linalg.SVD.bind(List.of(a), Linalg.svdParams(false, false,
        new int[] {0, 3}));
    assertArrayEquals(new int[] {3}, all.get(0).shape());
  }

  @Test
  void emptyMatricesGiveIdentitiesWhenFull() {
    List<NDArray> out = Lax.svd(Array.of(new float[0], 0, 3));
    assertArrayEquals(new int[] {0, 0}, out.get(0).shape());
    assertArrayEquals(new int[] {0}, out.get(1).shape());
    assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, out.get(2).toFloatArray());
    List<NDArray> tall = Lax.svd(Array.of(new double[0], 2, 2, 0));
    assertArrayEquals(new int[] {2, 2, 2}, tall.get(0).shape());
    assertArrayEquals(new float[] {1, 0, 0, 1, 1, 0, 0, 1}, tall.get(0).toFloatArray());
    assertArrayEquals(new int[] {2, 0, 0}, tall.get(2).shape());
    List<NDArray> reduced = Lax.svd(Array.of(new float[0], 3, 0), false, true);
    assertArrayEquals(new int[] {3, 0}, reduced.get(0).shape());
    assertArrayEquals(new int[] {0, 0}, reduced.get(2).shape());
  }

  @Test
  void nonFiniteMatricesGiveNaNsForThatBatchMemberOnly() {
    Array x = Array.of(new float[] {1, Float.NaN, 0, 1, 2, 0, 0, 3}, 2, 2, 2);
    List<NDArray> out = Lax.svd(x);
    float[] s = out.get(1).toFloatArray();
    assertTrue(Float.isNaN(s[0]) && Float.isNaN(s[1]));
    assertArrayEquals(new float[] {3, 2}, new float[] {s[2], s[3]});
    float[] u = out.get(0).toFloatArray();
    for (int i = 0; i < 4; i++) {
      assertTrue(Float.isNaN(u[i]));
    }
    Array inf = Array.of(new double[] {Double.POSITIVE_INFINITY, 1}, 1, 2);
    assertTrue(Double.isNaN(Lax.svd(inf, true, false).get(0).toFloatArray()[0]));
  }

  @Test
  void laxReturnsUThenSThenVt() {
    Array x = Array.of(new float[] {0, 2, 0, 0, 0, 3}, 2, 3);
    List<NDArray> out = Lax.svd(x, false, true);
    assertArrayEquals(new int[] {2, 2}, out.get(0).shape());
    assertArrayEquals(new float[] {3, 2}, out.get(1).toFloatArray());
    assertArrayEquals(new int[] {2, 3}, out.get(2).shape());
    float[] vt = out.get(2).toFloatArray();
    assertEquals(1f, Math.abs(vt[2]));
    assertEquals(1f, Math.abs(vt[4]));
  }

  private static ClosedJaxpr makeJaxpr(Function<Object[], Object> fn, Object... args) {
    ClosedJaxpr j = JaxprTrace.trace(fn, args, "<lambda>", "make_jaxpr").jaxpr();
    JaxprChecker.check(j);
    return j;
  }

  @Test
  void jaxprPrintsJaxsParams() {
    ClosedJaxpr full = makeJaxpr(a -> Lax.svd(a[0]), Array.of(new float[6], 3, 2));
    assertEquals("""
        { lambda ; a:f32[3,2]. let
            b:f32[2] c:f32[3,3] d:f32[2,2] = svd[
              algorithm=None
              compute_uv=True
              full_matrices=True
              subset_by_index=None
            ] a
          in (c, b, d) }""", full.toString());
    ClosedJaxpr values = makeJaxpr(a -> Lax.svd(a[0], false, false).get(0),
        Array.of(new float[8], 2, 1, 4));
    assertTrue(values.toString().contains("b:f32[2,1] = svd["), values.toString());
    assertTrue(values.toString().contains("compute_uv=False"), values.toString());
    assertTrue(values.toString().contains("full_matrices=False"), values.toString());
  }
}
