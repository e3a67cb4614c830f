package org.jaxpresso.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jaxpresso.core.backend.HostBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArrayTest {
  @AfterEach
  void reset() {
    Flags.resetX64();
  }

  @Test
  void factoriesCopyTheirInput() {
    float[] data = {1, 2, 3, 4};
    Array a = Array.of(data, 2, 2);
    data[0] = 99;
    assertEquals(1.0, a.getDouble(0));
    a.toFloatArray()[1] = 42;
    assertEquals(2.0, a.getDouble(1));
    assertArrayEquals(new int[] {2, 2}, a.shape());
    a.shape()[0] = 7;
    assertArrayEquals(new int[] {2, 2}, a.shape());
    assertEquals(4, a.size());
    assertEquals(2, a.ndim());
  }

  @Test
  void javaScalarsBecomeWeakDefaultTypes() {
    Array i = Array.fromJavaScalar(3);
    assertEquals(new ShapedArray(Shape.SCALAR, DType.INT32, true), i.aval());
    Array f = Array.fromJavaScalar(2.5);
    assertEquals(new ShapedArray(Shape.SCALAR, DType.FLOAT32, true), f.aval());
    Array b = Array.fromJavaScalar(true);
    assertEquals(new ShapedArray(Shape.SCALAR, DType.BOOL, false), b.aval());
    Flags.setX64(true);
    assertEquals(DType.FLOAT64, Array.fromJavaScalar(2.5).dtype());
    assertEquals(DType.INT64, Array.fromJavaScalar(3L).dtype());
  }

  @Test
  void outOfRangeIntsAndBadTypesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Array.fromJavaScalar(2147483648L));
    assertEquals("Python int 2147483648 too large to convert to int32", e.getMessage());
    IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> Array.fromJavaScalar("a"));
    assertTrue(s.getMessage().contains("is not a valid JAX array type"), s.getMessage());
  }

  @Test
  void x64OffCanonicalizesDoubleAndLongData() {
    Array d = Array.of(new double[] {0.1, 2}, 2);
    assertEquals(DType.FLOAT32, d.dtype());
    assertEquals((double) 0.1f, d.getDouble(0));
    Array l = Array.of(new long[] {1L << 33, 5}, 2);
    assertEquals(DType.INT32, l.dtype());
    Flags.setX64(true);
    assertEquals(DType.FLOAT64, Array.of(new double[] {0.1}, 1).dtype());
  }

  @Test
  void sixteenBitFloatsAndUnsignedValues() {
    Array h = Array.fromDoubles(DType.FLOAT16, new double[] {1.0, 0.1, 70000}, 3);
    assertEquals(1.0, h.getDouble(0));
    assertEquals(0.0999755859375, h.getDouble(1));
    assertEquals(Double.POSITIVE_INFINITY, h.getDouble(2));
    Array b = Array.fromDoubles(DType.BFLOAT16, new double[] {3.09375, 1.0 / 3}, 2);
    assertEquals(3.09375, b.getDouble(0));
    assertEquals(0.333984375, b.getDouble(1));
    Array u = Array.fromLongs(DType.UINT8, new long[] {-1, 300}, 2);
    assertArrayEquals(new long[] {255, 44}, u.toLongArray());
    Array u32 = Array.fromLongs(DType.UINT32, new long[] {-1}, 1);
    assertEquals(4294967295.0, u32.getDouble(0));
  }

  @Test
  void wrongLengthsAndBuffersAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Array.of(new float[] {1, 2, 3}, 2, 2));
    assertEquals("cannot make an array of shape (2, 2) (size 4) from 3 elements", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Array.wrap(ShapedArray.of(DType.FLOAT32, 2), HostBuffer.allocate(DType.INT32, 2)));
    assertThrows(IllegalArgumentException.class, () -> HostBuffer.wrap(DType.FLOAT32, new int[2]));
  }

  @Test
  void weakTypeAndReshapeViewsShareData() {
    Array a = Array.of(new int[] {1, 2, 3, 4, 5, 6}, 6);
    Array w = a.withWeakType(true);
    assertTrue(w.weakType());
    assertFalse(a.weakType());
    assertSame(a.buffer(), w.buffer());
    assertSame(a, a.withWeakType(false));
    Array r = a.reshapeView(Shape.of(2, 3));
    assertArrayEquals(new int[] {2, 3}, r.shape());
    assertThrows(IllegalArgumentException.class, () -> a.reshapeView(Shape.of(4)));
  }

  @Test
  void emptyAndScalarArrays() {
    Array e = Array.of(new float[0], 2, 0);
    assertEquals(0, e.size());
    assertArrayEquals(new float[0], e.toFloatArray());
    Array s = Array.scalar(7, DType.INT16);
    assertEquals(0, s.ndim());
    assertEquals(7, s.getLong(0));
    assertTrue(Array.scalar(true).getBoolean(0));
  }

  @Test
  void conversionsToJavaValues() {
    assertTrue(Array.scalar(true).bool());
    assertFalse(Array.of(new float[] {0f}, 1).bool());
    org.jaxpresso.core.errors.JaxValueError e = assertThrows(org.jaxpresso.core.errors.JaxValueError.class,
        () -> Array.of(new int[] {1, 2}, 2).bool());
    assertEquals("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()", e.getMessage());
    assertEquals(3L, Array.scalar(3, DType.INT8).item());
    assertEquals(2.5, Array.scalar(2.5, DType.FLOAT32).item());
    assertEquals(true, Array.scalar(true).item());
    assertEquals(-2, Array.scalar(-2.7, DType.FLOAT32).intValue());
    assertEquals(2.5f, Array.scalar(2.5, DType.FLOAT16).floatValue());
    assertThrows(org.jaxpresso.core.errors.JaxTypeError.class, () -> Array.of(new int[] {1, 2}, 2).intValue());
    assertEquals(java.util.List.of(java.util.List.of(1L, 2L), java.util.List.of(3L, 4L)),
        Array.of(new int[] {1, 2, 3, 4}, 2, 2).tolist());
    assertEquals(java.util.List.of(), Array.of(new float[0], 0).tolist());
    assertEquals(1.5, Array.scalar(1.5, DType.FLOAT32).tolist());
  }
}
