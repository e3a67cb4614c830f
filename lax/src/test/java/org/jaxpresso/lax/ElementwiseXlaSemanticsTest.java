package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.lax.primitives.Elementwise;
import org.junit.jupiter.api.Test;

/**
 * The corner cases C leaves undefined, as XLA defines them on CPU (the reference tests cover
 * them too; these spell them out).
 */
class ElementwiseXlaSemanticsTest {
  private static long[] longs(NDArray a) {
    return ((Array) a).toLongArray();
  }

  @Test
  void integerDivisionByZeroAndOverflow() {
    Array x = Array.fromLongs(DType.INT32, new long[] {7, -7, Integer.MIN_VALUE, 0}, 4);
    Array y = Array.fromLongs(DType.INT32, new long[] {0, 0, -1, 0}, 4);
    assertArrayEquals(new long[] {-1, -1, Integer.MIN_VALUE, -1}, longs(Lax.div(x, y)));
    assertArrayEquals(new long[] {7, -7, 0, 0}, longs(Lax.rem(x, y)));
    Array u = Array.fromLongs(DType.UINT8, new long[] {200}, 1);
    Array z = Array.fromLongs(DType.UINT8, new long[] {0}, 1);
    assertArrayEquals(new long[] {255}, longs(Lax.div(u, z)));
  }

  @Test
  void unsignedValuesCompareAndDivideAsUnsigned() {
    Array big = Array.fromLongs(DType.UINT64, new long[] {-1L}, 1); // 2^64 - 1
    Array two = Array.fromLongs(DType.UINT64, new long[] {2}, 1);
    assertArrayEquals(new long[] {Long.MAX_VALUE}, longs(Lax.div(big, two)));
    assertTrue(((Array) Lax.gt(big, two)).getBoolean(0));
    assertEquals(-1L, ((Array) Lax.max(big, two)).getLong(0));
  }

  @Test
  void shiftsPastTheWidthSaturate() {
    Array x = Array.fromLongs(DType.INT8, new long[] {-128, 64, -1}, 3);
    Array s = Array.fromLongs(DType.INT8, new long[] {8, 9, -1}, 3);
    assertArrayEquals(new long[] {0, 0, 0}, longs(Lax.shiftLeft(x, s)));
    assertArrayEquals(new long[] {0, 0, 0}, longs(Lax.shiftRightLogical(x, s)));
    assertArrayEquals(new long[] {-1, 0, -1}, longs(Lax.shiftRightArithmetic(x, s)));
    Array one = Array.fromLongs(DType.INT8, new long[] {1, 1, 1}, 3);
    assertArrayEquals(new long[] {64, 32, 127}, longs(Lax.shiftRightLogical(x, one)));
  }

  @Test
  void floatMaxMinPropagateNaN() {
    Array x = Array.of(new float[] {Float.NaN, 1f}, 2);
    Array y = Array.of(new float[] {1f, Float.NaN}, 2);
    assertTrue(Float.isNaN(((Array) Lax.max(x, y)).toFloatArray()[0]));
    assertTrue(Float.isNaN(((Array) Lax.min(x, y)).toFloatArray()[1]));
  }

  @Test
  void floatToUnsignedSaturatesAtZero() {
    Array x = Array.of(new float[] {-2.7f, 300f, Float.POSITIVE_INFINITY}, 3);
    assertArrayEquals(new long[] {0, 255, 255}, longs(Lax.convertElementType(x, DType.UINT8)));
  }

  @Test
  void copyIsANewArrayWithTheSameAval() {
    NDArray weak = Lax.add(1.5, 1.0);
    Array c = (Array) Elementwise.COPY.bind1(Params.EMPTY, weak);
    assertEquals(weak.aval(), c.aval());
    assertEquals(2.5, c.getDouble(0));
    assertNotSame(((Array) weak).host(), c.host());
  }

  @Test
  void emptyAndScalarShapesBroadcast() {
    Array empty = Array.of(new float[0], 0, 3);
    NDArray r = Lax.mul(empty, Array.of(new float[] {1, 2, 3}, 1, 3));
    assertEquals("(0, 3)", r.aval().shape().toString());
    NDArray s = Lax.sub(Array.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), 1.0);
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, ((Array) s).toFloatArray());
  }
}
