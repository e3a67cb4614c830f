package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** JAX-specific behaviours of the jnp math functions: reprs, weak types, edge shapes, errors. */
class MathBehaviourTest {
  private static final Array SEVENS = Array.of(new int[] {7, -7}, 2);

  @SuppressWarnings("unchecked")
  private static String reprOf(String name) {
    var entry = (Map<String, Object>) Reference.section("reprs").get(name);
    return (String) ((List<Object>) entry.get("ok")).get(0);
  }

  @Test
  void referenceReprs() {
    assertEquals(reprOf("int_div"), Jnp.floorDivide(SEVENS, 2).repr());
    assertEquals(reprOf("true_div_int"), Jnp.divide(SEVENS, 2).repr());
    assertEquals(reprOf("int_pow"), Jnp.power(Array.of(new int[] {2, 3}, 2), 2).repr());
    assertEquals(reprOf("add_1_1.0"), Jnp.add(1, 1.0).repr());
  }

  @Test
  void pythonFloorSemantics() {
    assertEquals("Array(-4, dtype=int32)", Jnp.floorDivide(Jnp.int32(-7), 2).repr());
    assertEquals("Array(1, dtype=int32)", Jnp.remainder(Jnp.int32(-7), 2).repr());
    assertEquals("Array(-1, dtype=int32)", Jnp.mod(Jnp.int32(7), -2).repr());
    assertEquals("Array(-4., dtype=float32)", Jnp.floorDivide(Jnp.float32(-7.5), 2).repr());
    assertEquals("Array(0.5, dtype=float32)", Jnp.remainder(Jnp.float32(-7.5), 2).repr());
    // an integer divisor 0 gives remainder 0, as JAX
    assertEquals("Array([0, 0], dtype=int32)", Jnp.remainder(SEVENS, 0).repr());
    // unsigned floor division is plain division
    assertEquals("Array([3, 0], dtype=uint8)",
        Jnp.floorDivide(Array.fromLongs(DType.UINT8, new long[] {7, 1}, 2), Jnp.uint8(2)).repr());
  }

  @Test
  void weakTypes() {
    assertEquals("Array(3, dtype=int32, weak_type=True)", Jnp.floorDivide(7, 2).repr());
    assertEquals("Array(1, dtype=int32, weak_type=True)", Jnp.remainder(-7, 2).repr());
    assertEquals("Array(0.5, dtype=float32, weak_type=True)", Jnp.remainder(-7.5, 2).repr());
    assertEquals("Array(8, dtype=int32, weak_type=True)", Jnp.power(2, 3).repr());
    assertEquals("Array(2., dtype=float32, weak_type=True)", Jnp.sqrt(4).repr());
    assertEquals("Array(6, dtype=int8)", Jnp.multiply(Jnp.int8(3), 2).repr());
    assertEquals("Array([0. , 2.5, 5. ], dtype=float32, weak_type=True)",
        Jnp.multiply(Jnp.arange(3), 2.5).repr());
    assertEquals(false, Jnp.exp(Array.of(new int[] {1}, 1)).weakType());
    assertEquals("Array(True, dtype=bool)", Jnp.less(1, 2.5).repr());
    assertEquals("Array(2, dtype=int32)", Jnp.astype(2.7, DType.INT32).repr());
  }

  @Test
  void astypeTruncatesAndWraps() {
    assertEquals("Array([255,  44], dtype=uint8)",
        Jnp.astype(Array.of(new int[] {-1, 300}, 2), DType.UINT8).repr());
    Array f = Array.of(new float[] {2.7f, -2.7f, 1e10f, Float.NaN}, 4);
    assertEquals("Array([         2,         -2, 2147483647,          0], dtype=int32)",
        Jnp.astype(f, DType.INT32).repr());
    assertEquals(DType.FLOAT32, Jnp.astype(f, DType.FLOAT64).dtype());
    assertEquals("Array([1., 2.], dtype=float32)", Jnp.astype(Jnp.array(1, 2), null).repr());
    assertEquals(DType.INT32,
        Jnp.astype(Array.fromLongs(DType.INT64, new long[] {1}, 1), DType.INT32).dtype());
  }

  @Test
  void roundingModes() {
    Array halves = Array.of(new float[] {0.5f, 1.5f, 2.5f, -0.5f}, 4);
    assertEquals("Array([ 0.,  2.,  2., -0.], dtype=float32)", Jnp.round(halves).repr());
    assertEquals("Array([ 0.2,  1.2, -2.7], dtype=float32)",
        Jnp.round(Array.of(new float[] {0.25f, 1.249f, -2.66f}, 3), 1).repr());
    assertEquals("Array([120., 350.], dtype=float32)",
        Jnp.round(Array.of(new float[] {123f, 346f}, 2), -1).repr());
    assertEquals(SEVENS, Jnp.round(SEVENS, 2));
    assertEquals("Array([ 2., -2.], dtype=float32)",
        Jnp.trunc(Array.of(new float[] {2.7f, -2.7f}, 2)).repr());
    Array f16 = (Array) Jnp.float16(List.of(1.25, 2.35));
    assertEquals(DType.FLOAT16, Jnp.round(f16, 1).dtype());
  }

  @Test
  void powerForms() {
    Array f = Array.of(new float[] {4f, 9f}, 2);
    assertEquals("Array([2., 3.], dtype=float32)", Jnp.power(f, 0.5).repr());
    assertEquals("Array([16.,  9.], dtype=float32)",
        Jnp.power(f, Array.of(new int[] {2, 1}, 2)).repr());
    assertEquals("Array([ 1,  8, 81], dtype=int32)",
        Jnp.power(Array.of(new int[] {1, 2, 3}, 3), Array.of(new int[] {5, 3, 4}, 3)).repr());
    assertEquals("Array([1, 0, 1], dtype=int32)", Jnp.power(Array.of(new int[] {0, 0, 5}, 3),
        Array.of(new int[] {0, 2, 0}, 3)).repr());
    assertEquals("Array(16., dtype=float32)", Jnp.power(Jnp.float32(2), Jnp.array(4)).repr());
  }

  @Test
  void clipBounds() {
    Array x = Array.of(new float[] {-1f, 0.5f, 2f}, 3);
    assertEquals("Array([0. , 0.5, 1. ], dtype=float32)", Jnp.clip(x, 0, 1).repr());
    assertEquals("Array([0. , 0.5, 2. ], dtype=float32)", Jnp.clip(x, 0, null).repr());
    assertEquals("Array([-1. ,  0.5,  1. ], dtype=float32)", Jnp.clip(x, null, 1).repr());
    assertEquals(x, Jnp.clip(x, null, null));
    assertEquals("Array([1, 2, 2], dtype=int32)",
        Jnp.clip(Array.of(new int[] {0, 2, 5}, 3), 1, 2).repr());
  }

  @Test
  void closenessAndEquality() {
    Array a = Array.of(new float[] {1f, Float.NaN}, 2);
    Array b = Array.of(new float[] {1.000001f, Float.NaN}, 2);
    assertEquals("Array(False, dtype=bool)", Jnp.allclose(a, b).repr());
    assertEquals("Array(True, dtype=bool)", Jnp.allclose(a, b, 1e-05, 1e-08, true).repr());
    assertEquals("Array(False, dtype=bool)", Jnp.allclose(a, 2, 0.1, 0.5).repr());
    assertEquals("Array([ True, False], dtype=bool)", Jnp.isclose(a, b).repr());
    assertEquals("Array([ True,  True], dtype=bool)", Jnp.isclose(a, b, 1e-5, 1e-8, true).repr());
    assertEquals("Array(True, dtype=bool)", Jnp.allclose(SEVENS, SEVENS).repr());
    assertEquals("Array(True, dtype=bool)", Jnp.arrayEqual(SEVENS, Jnp.array(7, -7)).repr());
    assertEquals("Array(False, dtype=bool)", Jnp.arrayEqual(SEVENS, Jnp.array(7, -7, 1)).repr());
    assertEquals("Array(False, dtype=bool)", Jnp.arrayEqual(a, a).repr());
    assertEquals("Array(True, dtype=bool)", Jnp.arrayEqual(a, a, true).repr());
    assertEquals("Array(True, dtype=bool)", Jnp.arrayEqual(Jnp.zeros(0), Jnp.zeros(0)).repr());
    assertEquals(0, Jnp.allclose(3, 3.0).ndim());
  }

  @Test
  void nanToNumWithValues() {
    Array x = Array.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, 1f}, 4);
    assertEquals("Array([ -1.,  10., -10.,   1.], dtype=float32)",
        Jnp.nanToNum(x, -1, 10.0, -10.0).repr());
    assertEquals(SEVENS, Jnp.nanToNum(SEVENS));
  }

  @Test
  void whereForms() {
    Array x = Array.of(new float[] {-1f, 2f}, 2);
    assertEquals("Array([0., 2.], dtype=float32)", Jnp.where(Jnp.greater(x, 0), x, 0).repr());
    assertEquals("Array([[1, 1],\n       [2, 2]], dtype=int32)",
        Jnp.where(Jnp.array(new boolean[][] {{true}, {false}}), 1, Jnp.array(2, 2)).repr());
    assertEquals("Array([ 1., -1.], dtype=float32, weak_type=True)",
        Jnp.where(Jnp.array(3, 0), 1.0, -1.0).repr());
    assertEquals("Array([1, 1], dtype=int32)", Jnp.where(true, Jnp.array(1, 1), 0).repr());
    assertArrayEquals(new int[] {0, 3}, Jnp.where(Jnp.zeros(0, 3), 1.0, 2.0).shape());
  }

  @Test
  void edgeShapes() {
    assertArrayEquals(new int[] {0}, Jnp.add(Jnp.zeros(0), 1).shape());
    assertArrayEquals(new int[] {2, 0}, Jnp.floorDivide(Jnp.zeros(2, 1), Jnp.zeros(0)).shape());
    assertArrayEquals(new int[] {}, Jnp.logicalAnd(true, Jnp.array(false)).shape());
    assertArrayEquals(new int[] {3, 4},
        Jnp.remainder(Jnp.ones(3, 1), Jnp.ones(4)).shape());
  }

  @Test
  void jitMatchesEager() {
    Array x = Array.of(new int[] {-7, -3, 4, 9}, 4);
    List<Function<NDArray, NDArray>> fns = List.of(a -> Jnp.floorDivide(a, 2),
        a -> Jnp.remainder(a, -3), a -> Jnp.power(a, Jnp.abs(a)), a -> Jnp.signbit(a),
        a -> Nn.softmax(a), a -> Jnp.floorDivide(Jnp.astype(a, DType.FLOAT32), 2.5),
        a -> Jnp.round(Jnp.divide(a, 4), 1), a -> Jnp.isclose(a, 4));
    for (Function<NDArray, NDArray> f : fns) {
      assertEquals(f.apply(x).repr(), Jax.jit(f).apply(x).repr());
    }
    Array y = Array.of(new float[] {-2.5f, Float.NaN, Float.NEGATIVE_INFINITY, 0.75f}, 4);
    List<Function<NDArray, NDArray>> floats = List.of(Jnp::log2, Jnp::log10, Jnp::trunc,
        Jnp::signbit, a -> Jnp.nanToNum(a), Jnp::isinf, a -> Nn.gelu(a, false), Nn::logsumexp,
        a -> Nn.logSoftmax(a), a -> Jnp.power(a, Array.of(new int[] {1, 2, 3, 4}, 4)),
        a -> Jnp.remainder(a, 0.5), Jnp::reciprocal, a -> Jnp.arctan2(a, 1));
    for (Function<NDArray, NDArray> f : floats) {
      assertEquals(f.apply(y).repr(), Jax.jit(f).apply(y).repr());
    }
  }

  @Test
  void errors() {
    Array f3 = Array.of(new float[3], 3);
    Array f4 = Array.of(new float[4], 4);
    assertEquals("add got incompatible shapes for broadcasting: (3,), (4,).",
        assertThrows(JaxTypeError.class, () -> Jnp.add(f3, f4)).getMessage());
    assertEquals("Incompatible shapes for broadcasting: shapes=[(2, 3), (4,)]",
        assertThrows(JaxValueError.class, () -> Jnp.multiply(Jnp.zeros(2, 3), f4)).getMessage());
    assertEquals("Incompatible shapes for broadcasting: shapes=[(3,), (4,), (3,)]",
        assertThrows(JaxValueError.class, () -> Jnp.where(f3, f3, f4)).getMessage());
    Array bools = Array.of(new boolean[] {true}, 1);
    assertTrue(assertThrows(JaxTypeError.class, () -> Jnp.subtract(bools, bools)).getMessage()
        .startsWith("sub does not accept dtype bool at position 0."));
    assertTrue(assertThrows(JaxTypeError.class, () -> Jnp.negative(bools)).getMessage()
        .startsWith("neg does not accept dtype bool."));
    assertTrue(assertThrows(JaxTypeError.class, () -> Jnp.bitwiseAnd(f3, f3)).getMessage()
        .startsWith("and does not accept dtype float32 at position 0."));
    assertTrue(assertThrows(JaxTypeError.class, () -> Jnp.leftShift(f3, 1)).getMessage()
        .startsWith("shift_left does not accept dtype float32 at position 0."));
    assertEquals("Integers cannot be raised to negative powers, got integer_pow(int32[2], -1)",
        assertThrows(JaxTypeError.class, () -> Jnp.power(SEVENS, -1)).getMessage());
    assertEquals("No input was provided to the clip function.",
        assertThrows(JaxValueError.class, () -> Jnp.clip(null, 0, 1)).getMessage());
    assertEquals("integer np.round not implemented for decimals < 0",
        assertThrows(UnsupportedOperationException.class, () -> Jnp.round(SEVENS, -1))
            .getMessage());
    assertEquals("Either both or neither of the x and y arguments should be provided to "
        + "jax.numpy.where, got 1 and None.",
        assertThrows(JaxValueError.class, () -> Jnp.where(true, 1, null)).getMessage());
    assertEquals("None is not a valid JAX array value",
        assertThrows(JaxTypeError.class, () -> Jnp.sin(null)).getMessage());
  }
}
