package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.junit.jupiter.api.Test;

/**
 * {@code Linalg.svd} and the singular-value norms beyond the reference values: promotion of
 * non-float operands, the result record and list forms, errors in JAX's words (rank below 2,
 * float16 / bfloat16, vector orders), empty matrices ({@code ord=2} and the other max-based
 * matrix norms give 0 as JAX's {@code initial=0}; {@code -2} raises), and the equations
 * they trace to.
 */
class LinalgSvdBehaviourTest {
  private static void throwsType(String message, Runnable r) {
    JaxTypeError e = assertThrows(JaxTypeError.class, r::run);
    assertEquals(message, e.getMessage());
  }

  private static void throwsValue(String message, Runnable r) {
    JaxValueError e = assertThrows(JaxValueError.class, r::run);
    assertEquals(message, e.getMessage());
  }

  @Test
  void integerOperandsPromoteToFloat32() {
    Array x = Array.of(new int[] {0, 3, -4, 0}, 2, 2);
    Linalg.SvdResult r = Linalg.svd(x);
    assertEquals(DType.FLOAT32, r.s().dtype());
    assertArrayEquals(new float[] {4, 3}, r.s().toFloatArray());
    assertEquals(DType.FLOAT32, Linalg.svdvals(Array.of(new boolean[] {true, false}, 1, 2))
        .dtype());
    assertEquals(List.of(r.u(), r.s(), r.vh()), r.toList());
  }

  @Test
  void computeUvFalseGivesTheValuesAlone() {
    Array x = Array.of(new float[] {1, 0, 0, 0, 2, 0}, 2, 3);
    List<NDArray> s = Linalg.svd(x, true, false);
    assertEquals(1, s.size());
    assertArrayEquals(new float[] {2, 1}, s.get(0).toFloatArray());
    List<NDArray> usv = Linalg.svd(x, false, true);
    assertArrayEquals(new int[] {2, 2}, usv.get(0).shape());
    assertArrayEquals(new int[] {2, 3}, usv.get(2).shape());
    Linalg.SvdResult full = Linalg.svd(x);
    assertArrayEquals(new int[] {3, 3}, full.vh().shape());
  }

  @Test
  void rankBelowTwoIsATypeError() {
    throwsType("Input 0 to svd must have rank at least 2, but got shape=(3,)",
        () -> Linalg.svd(Jnp.ones(3)));
    throwsType("Input 0 to svd must have rank at least 2, but got shape=()",
        () -> Linalg.svdvals(2.0));
  }

  @Test
  void halfPrecisionIsNotAccepted() {
    for (DType d : new DType[] {DType.FLOAT16, DType.BFLOAT16}) {
      String msg = "svd does not accept dtype " + d.longName() + " at position 0. Accepted"
          + " dtypes at position 0 are subtypes of float32, complex128, complex64, float64.";
      NDArray x = Jnp.ones(new int[] {2, 2}, d);
      throwsType(msg, () -> Linalg.svd(x));
      throwsType(msg, () -> Linalg.norm(x, "nuc"));
      throwsType(msg, () -> Linalg.norm(x, 2.0));
    }
  }

  @Test
  void vectorOrdersStayVectorOrders() {
    throwsValue("Invalid order 'nuc' for vector norm.", () -> Linalg.norm(Jnp.ones(3), "nuc"));
    // ord=2 of one axis is the vector 2-norm: sqrt(1 + 4 + 4)
    assertEquals(3.0f, Linalg.norm(Array.of(new float[] {1, 2, 2}, 3), 2.0).floatValue());
  }

  @Test
  void singularValueNormsOfASmallMatrix() {
    Array x = Array.of(new float[] {3, 0, 0, 0, -4, 0}, 2, 3);
    assertEquals(7.0f, Linalg.norm(x, "nuc").floatValue());
    assertEquals(4.0f, Linalg.norm(x, 2.0).floatValue());
    assertEquals(3.0f, Linalg.norm(x, -2.0).floatValue());
    NDArray kept = Linalg.norm(Jnp.ones(2, 3, 4), 2.0, Jnp.axis(0, 2).keepdims());
    assertArrayEquals(new int[] {1, 3, 1}, kept.shape());
  }

  @Test
  void emptyMatrices() {
    NDArray empty = Jnp.zeros(0, 3);
    assertEquals(0.0f, Linalg.norm(empty, "nuc").floatValue());
    assertEquals(0.0f, Linalg.norm(empty, 2.0).floatValue());
    assertEquals(0.0f, Linalg.norm(empty, 1.0).floatValue());
    assertEquals(0.0f, Linalg.norm(Jnp.zeros(3, 0), Double.POSITIVE_INFINITY).floatValue());
    throwsValue("zero-size array to reduction operation min which has no identity",
        () -> Linalg.norm(empty, -2.0));
    Linalg.SvdResult r = Linalg.svd(Jnp.zeros(2, 0, 3));
    assertArrayEquals(new int[] {2, 0}, r.s().shape());
    assertArrayEquals(new int[] {2, 0, 0}, r.u().shape());
    assertArrayEquals(new int[] {2, 3, 3}, r.vh().shape());
  }

  @Test
  void normTwoTracesSvdThenMaxFromZero() {
    String j = Jax.makeJaxpr((NDArray x) -> Linalg.norm(x, 2.0)).apply(Jnp.zeros(3, 4))
        .toString();
    assertTrue(j.contains("b:f32[3] = svd[") && j.contains("compute_uv=False")
        && j.contains("full_matrices=True"), j);
    assertTrue(j.contains("c:f32[] = reduce_max[axes=(0,) out_sharding=None] b"), j);
    assertTrue(j.contains("d:f32[] = max 0.0:f32[] c"), j);
    String nuc = Jax.makeJaxpr((NDArray x) -> Linalg.norm(x, "nuc", Jnp.axis(1, 0)))
        .apply(Jnp.zeros(3, 4)).toString();
    assertTrue(nuc.contains("b:f32[4,3] = transpose[permutation=(1, 0)] a"), nuc);
    assertTrue(nuc.contains("reduce_sum[axes=(0,) out_sharding=None]"), nuc);
  }
}
