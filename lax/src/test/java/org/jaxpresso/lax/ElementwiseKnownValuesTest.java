package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.lax.primitives.RoundingMethod;
import org.junit.jupiter.api.Test;

/** Values JAX 0.11.2 printed on CPU (jax-0.11.2-probe.txt, JAX-NOTES 2.3 and 8.4). */
class ElementwiseKnownValuesTest {
  private static Array f32(float... v) {
    return Array.of(v, v.length);
  }

  @Test
  void laxDivAndRemTruncate() {
    assertEquals(-3L, ((Array) Lax.div(-7, 2)).getLong(0));
    assertEquals(-1L, ((Array) Lax.rem(-7, 2)).getLong(0));
  }

  @Test
  void convertFloatToIntTruncatesAndSaturates() {
    Array r = (Array) Lax.convertElementType(f32(2.7f, -2.7f, 1e10f, Float.NaN), DType.INT32);
    assertArrayEquals(new int[] {2, -2, 2147483647, 0}, r.toIntArray());
  }

  @Test
  void convertIntToUint8Wraps() {
    Array r = (Array) Lax.convertElementType(Array.of(new int[] {-1, 300}, 2), DType.UINT8);
    assertArrayEquals(new long[] {255, 44}, r.toLongArray());
  }

  @Test
  void roundDefaultsAwayFromZeroAndCanRoundToEven() {
    Array x = f32(0.5f, 1.5f, 2.5f, -0.5f);
    assertArrayEquals(new float[] {1, 2, 3, -1}, ((Array) Lax.round(x)).toFloatArray());
    float[] even = ((Array) Lax.round(x, RoundingMethod.TO_NEAREST_EVEN)).toFloatArray();
    assertArrayEquals(new float[] {0, 2, 2, -0f}, even);
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(even[3]));
  }

  @Test
  void erfInvMatchesXlaFloat32() {
    Array r = (Array) Lax.erfInv(f32(-0.9f, -0.5f, 0f, 0.3f, 0.99f, 0.999999f));
    assertArrayEquals(new float[] {-1.163087f, -0.47693628f, 0f, 0.27246276f, 1.8213867f,
        3.4570746f}, r.toFloatArray());
  }
}
