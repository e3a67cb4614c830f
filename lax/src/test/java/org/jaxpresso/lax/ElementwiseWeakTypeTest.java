package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** Weak-type propagation: a result is weak iff every operand is (JAX's standard rule). */
class ElementwiseWeakTypeTest {
  private static final Array F32 = Array.of(new float[] {1, 2, 3}, 3);

  @Test
  @SuppressWarnings("unchecked")
  void strongFloat32PlusWeakScalarIsStrongAsInJax() {
    List<Object> jax = (List<Object>) ((Map<String, Object>) Reference.section("reprs")
        .get("lax_add_f32_1_1.0")).get("ok");
    NDArray r = Lax.add(Array.scalar(1.0, DType.FLOAT32), 1.0);
    assertEquals(jax.get(2), r.dtype().longName());
    assertEquals(jax.get(4), r.weakType());
    assertEquals(2.0, ((Array) r).getDouble(0));
  }

  @Test
  void allWeakStaysWeak() {
    assertTrue(Lax.add(1.0, 2.0).weakType());
    assertTrue(Lax.mul(2, 3).weakType());
    assertTrue(Lax.sin(1.0).weakType());
    assertTrue(Lax.integerPow(2.0, 3).weakType());
    assertTrue(Lax.max(1, 2).weakType());
    assertTrue(Lax.clamp(0, 5, 3).weakType());
    assertEquals(3L, ((Array) Lax.clamp(0, 5, 3)).getLong(0));
  }

  @Test
  void anyStrongOperandMakesTheResultStrong() {
    assertFalse(Lax.mul(F32, 2.0).weakType());
    assertFalse(Lax.sub(2.0, F32).weakType());
    assertFalse(Lax.clamp(0.0, F32, 1.0).weakType());
    assertFalse(Lax.pow(F32, 2).weakType());
  }

  @Test
  void comparisonsAndIsFiniteGiveStrongBool() {
    NDArray r = Lax.lt(1, 2);
    assertEquals(DType.BOOL, r.dtype());
    assertFalse(r.weakType());
    assertFalse(Lax.isFinite(1.0).weakType());
  }

  @Test
  void selectIsWeakIffAllCasesAre() {
    assertTrue(Lax.selectN(true, 1.0, 2.0).weakType());
    assertEquals(2.0, ((Array) Lax.selectN(true, 1.0, 2.0)).getDouble(0));
    assertFalse(Lax.selectN(Array.scalar(true), Array.scalar(1.0, DType.FLOAT32), 2.0)
        .weakType());
  }

  @Test
  void convertElementTypeIsStrongAndCanonical() {
    NDArray r = Lax.convertElementType(2.7, DType.INT32);
    assertEquals(DType.INT32, r.dtype());
    assertFalse(r.weakType());
    assertEquals(2L, ((Array) r).getLong(0));
    // x64 is off: float64 requests become float32
    assertEquals(DType.FLOAT32, Lax.convertElementType(F32, DType.FLOAT64).dtype());
    // a strong array of the requested dtype comes back unchanged, a weak one is made strong
    assertSame(F32, Lax.convertElementType(F32, DType.FLOAT32));
    NDArray weak = Lax.add(1.0, 1.0);
    assertFalse(Lax.convertElementType(weak, DType.FLOAT32).weakType());
  }

  @Test
  void bitcastIsNeverWeak() {
    assertFalse(Lax.bitcastConvertType(1.0, DType.INT32).weakType());
    assertEquals(0x3F800000L, ((Array) Lax.bitcastConvertType(1.0, DType.INT32)).getLong(0));
  }
}
