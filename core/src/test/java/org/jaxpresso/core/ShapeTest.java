package org.jaxpresso.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {
  @Test
  void pythonTupleText() {
    assertEquals("()", Shape.of().toString());
    assertEquals("(3,)", Shape.of(3).toString());
    assertEquals("(3, 4)", Shape.of(3, 4).toString());
    assertEquals("3,4", Shape.of(3, 4).compact());
    assertEquals("", Shape.SCALAR.compact());
  }

  @Test
  void sizesAndStrides() {
    assertEquals(1, Shape.of().size());
    assertEquals(0, Shape.of(2, 0, 3).size());
    assertEquals(24, Shape.of(2, 3, 4).size());
    assertArrayEquals(new long[] {12, 4, 1}, Shape.of(2, 3, 4).strides());
  }

  @Test
  void isAValueAndImmutable() {
    int[] dims = {2, 3};
    Shape s = Shape.of(dims);
    dims[0] = 99;
    assertEquals(Shape.of(2, 3), s);
    s.dims()[1] = 42;
    assertEquals(3, s.dim(1));
    assertEquals(Shape.of(2, 3).hashCode(), s.hashCode());
    assertNotEquals(Shape.of(3, 2), s);
  }

  @Test
  void negativeDimensionsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
    assertEquals("negative dimensions are not allowed: (2, -1)", e.getMessage());
  }

  @Test
  void shapedArrayText() {
    ShapedArray a = new ShapedArray(Shape.of(3), DType.FLOAT32, false);
    assertEquals("float32[3]", a.str());
    assertEquals("f32[3]", a.shortStr());
    assertEquals("ShapedArray(float32[3])", a.toString());
    ShapedArray w = new ShapedArray(Shape.SCALAR, DType.FLOAT32, true);
    assertEquals("~float32[]", w.str());
    assertEquals("ShapedArray(float32[], weak_type=True)", w.toString());
    // bool is never weak
    assertEquals(false, new ShapedArray(Shape.SCALAR, DType.BOOL, true).weakType());
  }
}
