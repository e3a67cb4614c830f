package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every error path of the reductions, scans and sorts, in JAX's words. */
class ReductionErrorsTest {
  private final Array f3 = Array.of(new float[] {1, 2, 3}, 3);
  private final Array f23 = Array.of(new float[6], 2, 3);
  private final Array b3 = Array.of(new boolean[] {true, false, true}, 3);

  private static void type(String msg, Executable e) {
    assertEquals(msg, assertThrows(JaxTypeError.class, e).getMessage());
  }

  private static void value(String msg, Executable e) {
    assertEquals(msg, assertThrows(JaxValueError.class, e).getMessage());
  }

  @Test
  void reductionAxes() {
    value("duplicate value in 'axes' of reduction: (0, 0)", () -> Lax.reduceSum(f23, 0, 0));
    value("reduction axes (2,) contains out-of-bounds indices for float32[2,3].",
        () -> Lax.reduceMax(f23, 2));
    value("reduction axes (-1,) contains out-of-bounds indices for float32[3].",
        () -> Lax.reduceMin(f3, -1));
    value("reduction axes (0,) contains out-of-bounds indices for bool[].",
        () -> Lax.reduceOr(Array.scalar(true), 0));
  }

  @Test
  void reductionDtypes() {
    type("reduce_sum does not accept dtype bool. Accepted dtypes are subtypes of number.",
        () -> Lax.reduceSum(b3, 0));
    type("reduce_prod does not accept dtype bool. Accepted dtypes are subtypes of number.",
        () -> Lax.reduceProd(b3, 0));
    type("logical reduction requires operand dtype bool or int, got float32.",
        () -> Lax.reduceAnd(f3, 0));
    type("logical reduction requires operand dtype bool or int, got bfloat16.",
        () -> Lax.reduceXor(Array.fromDoubles(DType.BFLOAT16, new double[] {1}, 1), 0));
  }

  @Test
  void argMinMax() {
    value("Invalid axis 1 for operand shape (3,)", () -> Lax.argmax(f3, 1, DType.INT32));
    value("Invalid axis -1 for operand shape (3,)", () -> Lax.argmin(f3, -1, DType.INT32));
    value("argmin and argmax require non-empty reduced dimension. operand.shape=(2, 0) axis=1",
        () -> Lax.argmax(Array.of(new float[0], 2, 0), 1, DType.INT32));
    type("index_dtype must be an integer type, but got float32",
        () -> Lax.argmax(f3, 0, DType.FLOAT32));
    type("index_dtype must be an integer type, but got bool",
        () -> Lax.argmin(f3, 0, DType.BOOL));
  }

  @Test
  void cumulative() {
    value("XLA operations do not allow negative axes", () -> Lax.cumsum(f3, -1));
    value("axis 1 is out of bounds for array of shape (3,)", () -> Lax.cumprod(f3, 1));
    value("axis 0 is out of bounds for array of shape ()",
        () -> Lax.cummax(Array.scalar(1.0, DType.FLOAT32), 0));
    type("cumsum does not accept dtype bool. Accepted dtypes are subtypes of number.",
        () -> Lax.cumsum(b3, 0));
    type("cummin does not accept dtype bool. Accepted dtypes are subtypes of number.",
        () -> Lax.cummin(b3, 0, true));
    type("cumlogsumexp does not accept dtype int32. Accepted dtypes are subtypes of floating.",
        () -> Lax.cumlogsumexp(Array.of(new int[] {1, 2}, 2), 0));
  }

  @Test
  void sort() {
    type("Sort requires at least one operand", () -> Lax.sort(List.of(), 0, true, 1));
    type("Arguments to sort must have equal shapes, got: (3,) (2, 3)",
        () -> Lax.sort(List.of(f3, f23), 0, true, 1));
    value("num_keys=3 must be between 1 and len(operand)=2",
        () -> Lax.sort(List.of(f3, b3), 0, true, 3));
    value("num_keys=0 must be between 1 and len(operand)=1",
        () -> Lax.sort(List.of(f3), 0, true, 0));
    value("axis 2 is out of bounds for array of dimension 2", () -> Lax.sort(f23, 2, true));
    value("axis -3 is out of bounds for array of dimension 2", () -> Lax.sort(f23, -3, true));
    value("axis -1 is out of bounds for array of dimension 0",
        () -> Lax.sort(Array.scalar(1.0, DType.FLOAT32), -1, true));
  }

  @Test
  void topK() {
    value("k argument to top_k must be nonnegative, got -1", () -> Lax.topK(f3, -1));
    value("k argument to top_k must be no larger than size along axis; got k=4 with"
        + " shape=[3] and axis=0", () -> Lax.topK(f3, 4));
    type("top_k operand must have >= 1 dimension, got ()",
        () -> Lax.topK(Array.scalar(1.0, DType.FLOAT32), 1));
  }

  @Test
  void javaScalarsAreWeakZeroDimOperands() {
    NDArray s = Lax.reduceSum(2.5);
    assertEquals(DType.FLOAT32, s.dtype());
    assertEquals(true, s.weakType());
    assertEquals(2.5, ((Array) s).getDouble(0));
  }
}
