package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.Jnp.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jaxpresso.core.NDArray;
import org.junit.jupiter.api.Test;

/** The fluent arithmetic methods that map to jnp functions with Python semantics. */
class FluentArithmeticTest {
  @Test
  void powFloorDivAndModFollowJnp() {
    NDArray x = array(-7, 7, 5);
    assertEquals("Array([49, 49, 25], dtype=int32)", x.pow(2).repr());
    assertEquals("Array([-4,  3,  2], dtype=int32)", x.floorDiv(2).repr());
    assertEquals("Array([1, 1, 1], dtype=int32)", x.mod(2).repr());
    assertEquals(floorDivide(x, 2).repr(), x.floorDiv(2).repr());
  }

  @Test
  void atPowerRaisesOnlyTheIndexedElements() {
    NDArray x = array(2f, 3f, 4f);
    assertEquals("Array([ 2., 27.,  4.], dtype=float32)", x.at(1).power(3).repr());
    assertEquals("Array([2., 3., 4.], dtype=float32)", x.repr());
  }

  @Test
  void unaryAndComparisonMethods() {
    NDArray x = array(1f, 4f, 9f);
    assertEquals("Array([1., 2., 3.], dtype=float32)", x.sqrt().repr());
    assertEquals("Array([-1., -4., -9.], dtype=float32)", x.neg().repr());
    assertEquals("Array([False,  True,  True], dtype=bool)", x.ge(4).repr());
    assertEquals("Array([ True, False, False], dtype=bool)", x.eq(1).repr());
  }
}
