package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** JAX-specific behaviours of reductions: dtypes, weak types, NaN, empty inputs and errors. */
class ReductionBehaviourTest {
  private static final Map<String, Array> REF =
      Reference.npz("/ref/numpy_shaping_reductions.npz");
  private static final NDArray M = Jnp.reshape(Jnp.arange(6.0), 2, 3);

  private static void value(String message, Executable call) {
    assertEquals(message, assertThrows(JaxValueError.class, call).getMessage());
  }

  @Test
  void probeReprs() {
    // jax-0.11.2-probe.txt: "x.mean of int", "x.sum of int8", "x.sum of bool"
    assertEquals("Array(1.5, dtype=float32)", Jnp.mean(Jnp.arange(4)).repr());
    assertEquals("Array(6, dtype=int32)", Jnp.sum(Jnp.int8(Jnp.arange(4))).repr());
    assertEquals("Array(2, dtype=int32)", Jnp.sum(Jnp.array(true, true)).repr());
  }

  @Test
  void unsignedSumsWidenToUint32() {
    assertEquals("Array(510, dtype=uint32)",
        Jnp.sum(Jnp.uint8(Jnp.array(255, 255))).repr());
    assertEquals(DType.UINT32, Jnp.cumsum(Jnp.uint16(Jnp.arange(3))).dtype());
    assertEquals(DType.INT32, Jnp.cumprod(Jnp.array(true, false)).dtype());
  }

  @Test
  void reductionsOfJavaScalarsAreStrong() {
    assertEquals("Array(2., dtype=float32)", Jnp.sum(2.0).repr());
    assertEquals("Array(3, dtype=int32)", Jnp.max(3).repr());
    assertEquals("Array(2., dtype=float32)", Jnp.mean(2).repr());
  }

  @Test
  void emptyReductions() {
    NDArray e = Jnp.zeros(0);
    assertEquals("Array(0., dtype=float32)", Jnp.sum(e).repr());
    assertEquals("Array(1., dtype=float32)", Jnp.prod(e).repr());
    assertEquals("Array(True, dtype=bool)", Jnp.all(e).repr());
    assertEquals("Array(False, dtype=bool)", Jnp.any(e).repr());
    assertEquals("Array(0, dtype=int32)", Jnp.countNonzero(e).repr());
    assertEquals("Array(nan, dtype=float32)", Jnp.mean(e).repr());
    assertEquals("Array(nan, dtype=float32)", Jnp.median(e).repr());
    assertEquals("Array(nan, dtype=float32)", Jnp.var(e).repr());
    value("zero-size array to reduction operation max which has no identity", () -> Jnp.max(e));
    value("zero-size array to reduction operation min which has no identity", () -> Jnp.min(e));
    value("zero-size array to reduction operation max which has no identity",
        () -> Jnp.amax(Jnp.zeros(2, 0), 1));
    assertArrayEquals(new int[] {0}, Jnp.max(Jnp.zeros(2, 0), 0).shape());
    value("attempt to get argmax of an empty sequence", () -> Jnp.argmax(e));
    value("attempt to get argmin of an empty sequence", () -> Jnp.argmin(Jnp.zeros(3, 0), 1));
  }

  @Test
  void badAndRepeatedAxes() {
    value("axis 2 is out of bounds for array of dimension 2", () -> Jnp.sum(M, 2));
    value("axis -3 is out of bounds for array of dimension 2", () -> Jnp.mean(M, -3));
    value("axis 0 is out of bounds for array of dimension 0", () -> Jnp.max(Jnp.array(1), 0));
    value("duplicate value in 'axis': (0, -2)", () -> Jnp.sum(M, 0, -2));
    value("duplicate value in 'axis': (1, 1)", () -> Jnp.var(M, 1, 1));
    value("duplicate value in 'axis': (0, 0)", () -> Jnp.median(M, 0, 0));
    value("axis 2 is out of bounds for array of dimension 2", () -> Jnp.argmax(M, 2));
    value("axis 0 is out of bounds for array of dimension 0", () -> Jnp.argmax(Jnp.array(1), 0));
    value("argmax takes a single axis, got (0, 1)", () -> Jnp.argmax(M, Jnp.axis(0, 1)));
    value("axis 2 is out of bounds for array of dimension 2", () -> Jnp.cumsum(M, 2));
    value("axis 1 is out of bounds for array of dimension 1", () -> Jnp.cumprod(Jnp.array(1), 1));
  }

  @Test
  void scalarInputs() {
    assertEquals("Array(0, dtype=int32)", Jnp.argmax(Jnp.array(7)).repr());
    assertEquals("Array([7], dtype=int32)", Jnp.cumsum(Jnp.array(7)).repr());
    assertEquals("Array([7], dtype=int32)", Jnp.cumsum(Jnp.array(7), 0).repr());
    assertEquals("Array(7., dtype=float32)", Jnp.median(Jnp.array(7)).repr());
  }

  @Test
  void nanPropagates() {
    Array x = REF.get("nan|in");
    for (String ax : new String[] {"None", "0", "1"}) {
      int[] axes = ax.equals("None") ? null : new int[] {Integer.parseInt(ax)};
      for (String op : new String[] {"max", "min", "median", "sum", "argmax", "argmin"}) {
        NDArray got = ReductionTableTest.call(op, x, axes, false, 0);
        ShapingTestSupport.assertClose(REF.get("nan|" + op + "|" + ax), got, op + " " + ax);
      }
    }
  }

  @Test
  void medianOfEvenAndOddCounts() {
    assertEquals("Array(2.5, dtype=float32)", Jnp.median(Jnp.array(3., 1., 2., 10.)).repr());
    assertEquals("Array(2., dtype=float32)", Jnp.median(Jnp.array(3, 1, 2)).repr());
    assertEquals(DType.FLOAT16, Jnp.median(Jnp.float16(Jnp.arange(3))).dtype());
  }

  @Test
  void stdWithDdof() {
    assertEquals("Array([2.1213202, 2.1213202, 2.1213202], dtype=float32)",
        Jnp.std(M, Jnp.axis(0).ddof(1)).repr());
    assertEquals("Array([nan, nan, nan], dtype=float32)",
        Jnp.var(M, Jnp.axis(0).ddof(2)).repr());
    assertArrayEquals(new int[] {1, 3}, Jnp.var(M, Jnp.axis(0).ddof(3).keepdims()).shape());
  }

  @Test
  void argmaxKeepdimsAndNanWins() {
    assertArrayEquals(new int[] {1, 1}, Jnp.argmax(M, ReduceOptions.ALL.keepdims()).shape());
    assertEquals("Array([[2],\n       [2]], dtype=int32)",
        Jnp.argmax(M, Jnp.axis(-1).keepdims()).repr());
    assertEquals("Array(1, dtype=int32)",
        Jnp.argmax(Jnp.array(1f, Float.NaN, 3f, Float.NaN)).repr());
  }

  @Test
  void allAndAnyConvertToBool() {
    // convert_element_type to bool: NaN is true
    assertEquals("Array(True, dtype=bool)", Jnp.all(Jnp.array(Float.NaN, 1f)).repr());
    assertEquals("Array([False,  True], dtype=bool)",
        Jnp.any(Jnp.array(new int[][] {{0, 0}, {0, 3}}), 1).repr());
    assertEquals("Array([1, 1], dtype=int32)",
        Jnp.countNonzero(Jnp.array(new int[][] {{0, 2}, {0, 3}}), 1).repr());
  }

  @Test
  void optionsShortcutsAndEmptyAxisTuple() {
    assertArrayEquals(new int[] {1, 1}, Jnp.sum(M, Jnp.keepdims()).shape());
    assertEquals(Jnp.std(M, ReduceOptions.ALL.ddof(1)).repr(), Jnp.std(M, Jnp.ddof(1)).repr());
    // axis=() reduces nothing, as in NumPy
    assertEquals(M.repr(), Jnp.sum(M, Jnp.axis()).repr());
    assertEquals("ReduceOptions[axis=[1], keepdims=true, ddof=2]",
        Jnp.axis(1).keepdims().ddof(2).toString());
    assertEquals(Jnp.axis(1).keepdims(), new ReduceOptions(new int[] {1}, true, 0));
  }

  @Test
  void sumWithARequestedDtype() {
    assertEquals("Array(3., dtype=float32)", Jnp.sum(Jnp.array(1, 2), ReduceOptions.ALL,
        DType.FLOAT32).repr());
    assertEquals("Array(-56, dtype=int8)", Jnp.sum(Jnp.array(100, 100), ReduceOptions.ALL,
        DType.INT8).repr());
    // 64-bit requests are truncated (x64 off), with JAX's warning logged
    assertEquals(DType.INT32, Jnp.sum(Jnp.array(1, 2), ReduceOptions.ALL, DType.INT64).dtype());
  }
}
