package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every error path of the shape functions, in JAX's words. */
class ShapingErrorsTest {
  private static final NDArray X = Jnp.reshape(Jnp.arange(24), 2, 3, 4);
  private static final NDArray V = Jnp.arange(6);

  private static void value(String message, Executable call) {
    assertEquals(message, assertThrows(JaxValueError.class, call).getMessage());
  }

  private static void type(String message, Executable call) {
    assertEquals(message, assertThrows(JaxTypeError.class, call).getMessage());
  }

  @Test
  void reshape() {
    type("cannot reshape array of shape (6,) (size 6) into shape (4, 2) (size 8)",
        () -> Jnp.reshape(V, 4, 2));
    value("can only specify one unknown dimension", () -> Jnp.reshape(V, -1, -1));
    type("cannot reshape array of shape (6,) (size 6) into shape (4, -1)",
        () -> Jnp.reshape(V, 4, -1));
  }

  @Test
  void badAxes() {
    value("axes don't match array", () -> Jnp.transpose(X, 0, 1));
    value("axis 3 is out of bounds for array of dimension 3", () -> Jnp.transpose(X, 0, 1, 3));
    value("axis 3 is out of bounds for array of dimension 3", () -> Jnp.swapaxes(X, 0, 3));
    value("axis -4 is out of bounds for array of dimension 3", () -> Jnp.moveaxis(X, -4, 0));
    value("Inconsistent number of elements: 2 vs 1",
        () -> Jnp.moveaxis(X, new int[] {0, 1}, new int[] {0}));
    value("axis 3 is out of bounds for array of dimension 3", () -> Jnp.flip(X, 3));
    value("axis -4 is out of bounds for array of dimension 3", () -> Jnp.roll(X, 1, -4));
    value("axis 2 is out of bounds for array of dimension 2", () -> Jnp.expandDims(V, 2));
  }

  @Test
  void squeezeAndExpandDims() {
    value("cannot select an axis to squeeze out which has size not equal to one, got shape=(2, 3,"
        + " 4) and dimensions=(0, 1)", () -> Jnp.squeeze(X, -2, 0));
    value("dimensions are not unique: (0, 0)", () -> Jnp.squeeze(Jnp.zeros(1, 2), 0, -2));
    value("axis 3 is out of bounds for array of dimension 3", () -> Jnp.squeeze(X, 3));
    value("repeated axis in lax.expand_dims: (0, 0)", () -> Jnp.expandDims(V, 0, 0));
    assertEquals(3, Jnp.squeeze(Jnp.zeros(1, 3, 1)).size());
  }

  @Test
  void moveaxisRepeatedSourceIsNotAPermutation() {
    // as in JAX, the permutation built from a repeated source fails lax.transpose's check
    type("transpose permutation isn't a permutation of operand dimensions, got permutation"
        + " (1, 0, 0, 2) for operand shape (2, 3, 4).",
        () -> Jnp.moveaxis(X, new int[] {0, 0}, new int[] {1, 2}));
  }

  @Test
  void rollShiftsAndAxesMustBroadcast() {
    assertThrows(JaxValueError.class,
        () -> Jnp.roll(X, new int[] {1, 2}, new int[] {0, 1, 2}));
  }

  @Test
  void concatenate() {
    value("Need at least one array to concatenate.", () -> Jnp.concatenate(List.of()));
    value("Zero-dimensional arrays cannot be concatenated.",
        () -> Jnp.concatenate(List.of(Jnp.array(1), Jnp.array(2))));
    type("Cannot concatenate arrays with shapes that differ in dimensions other than the one being"
        + " concatenated: concatenating along dimension 0 for shapes (2, 3), (2, 4).",
        () -> Jnp.concatenate(List.of(Jnp.zeros(2, 3), Jnp.zeros(2, 4))));
    value("axis 2 is out of bounds for array of dimension 2",
        () -> Jnp.concatenate(List.of(Jnp.zeros(2, 3), Jnp.zeros(2, 3)), 2));
    assertThrows(JaxTypeError.class, () -> Jnp.concatenate(List.of(Jnp.zeros(2, 3), V)));
  }

  @Test
  void concatenatePromotesLikeJax() {
    NDArray r = Jnp.concatenate(List.of(Jnp.arange(2), Jnp.array(new float[] {1.5f})));
    assertEquals("Array([0. , 1. , 1.5], dtype=float32)", r.repr());
    NDArray i8 = Jnp.concatenate(List.of(Jnp.int8(Jnp.arange(2)), Jnp.int16(Jnp.array(
        new int[] {300}))));
    assertEquals(DType.INT16, i8.dtype());
  }

  @Test
  void stack() {
    value("Need at least one array to stack.", () -> Jnp.stack(List.of()));
    value("All input arrays must have the same shape.",
        () -> Jnp.stack(List.of(Jnp.zeros(2), Jnp.zeros(3))));
    value("axis 2 is out of bounds for array of dimension 2",
        () -> Jnp.stack(List.of(V, V), 2));
    value("axis -3 is out of bounds for array of dimension 2",
        () -> Jnp.stack(List.of(V, V), -3));
  }

  @Test
  void split() {
    value("array split does not result in an equal division: rest is 2",
        () -> Jnp.split(V, 4));
    value("number sections must be larger than 0.", () -> Jnp.split(V, 0));
    value("Sizes passed to split must be nonnegative, got [3, -2, 5]",
        () -> Jnp.split(V, new int[] {3, 1}, 0));
    value("Sizes passed to split must be nonnegative, got [8, -2]",
        () -> Jnp.split(V, new int[] {8}, 0));
    value("axis 1 is out of bounds for array of dimension 1", () -> Jnp.split(V, 2, 1));
  }

  @Test
  void tileAndRepeat() {
    value("negative dimensions are not allowed: reps=(2, -1)", () -> Jnp.tile(V, 2, -1));
    value("repeats may not contain negative values.", () -> Jnp.repeat(V, -1));
    value("repeats may not contain negative values.",
        () -> Jnp.repeat(Jnp.arange(2), new int[] {1, -1}, 0));
    value("`repeat` with a scalar parameter `a` is only implemented for scalar values of the "
        + "parameter `repeats`.", () -> Jnp.repeat(Jnp.array(1), new int[] {1, 2}, 0));
    assertThrows(JaxValueError.class, () -> Jnp.repeat(V, new int[] {1, 2}, 0));
  }

  @Test
  void pad() {
    value("index can't contain negative values", () -> Jnp.pad(V, new int[][] {{1, -1}}));
    value("jnp.pad: pad_width with nd=1 has unsupported shape (2, 2). Valid shapes are (1, 2),"
        + " (1, 2), (2,), (1,), or ().", () -> Jnp.pad(V, new int[][] {{1, 1}, {1, 1}}));
    value("Cannot apply 'edge' padding to empty axis",
        () -> Jnp.pad(Jnp.zeros(0), new int[][] {{1, 1}}, PadMode.EDGE));
    value("Cannot apply 'reflect' padding to empty axis",
        () -> Jnp.pad(Jnp.zeros(0), new int[][] {{1, 0}}, PadMode.REFLECT));
    value("Cannot apply 'wrap' padding to empty axis",
        () -> Jnp.pad(Jnp.zeros(0), new int[][] {{0, 1}}, PadMode.WRAP));
  }

  @Test
  void padKeepsDtypeAndWeakType() {
    NDArray p = Jnp.pad(Jnp.array(1.5f, 2f), new int[][] {{1, 0}}, 7);
    assertEquals("Array([7. , 1.5, 2. ], dtype=float32)", p.repr());
    NDArray i8 = Jnp.pad(Jnp.int8(Jnp.arange(2)), new int[][] {{0, 1}}, 2.9);
    assertEquals("Array([0, 1, 2], dtype=int8)", i8.repr());
    NDArray five = Jnp.array(5);
    // jnp.pad returns a 0-d array unchanged
    org.junit.jupiter.api.Assertions.assertSame(five, Jnp.pad(five, 3));
  }
}
