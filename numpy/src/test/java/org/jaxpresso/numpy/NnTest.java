package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** jax.nn functions against NumPy (tools/refgen/gen_numpy_math.py, numpy_math_nn.npz). */
class NnTest {
  private static final Map<String, Array> REF = Reference.npz("/ref/numpy_math_nn.npz");

  private static void check(String name, int k, UnaryOperator<NDArray> f) {
    String c = name + "." + k;
    Array expected = REF.get(c + ".out");
    NDArray actual = f.apply(REF.get(c + ".x"));
    assertEquals(expected.dtype(), actual.dtype(), c);
    assertArrayEquals(expected.shape(), actual.shape(), c);
    MathTableTest.compare(c, expected, (Array) actual, 3e-6);
  }

  @Test
  void softmaxAndLogSoftmaxOverEachAxis() {
    for (int k = 0; k < 2; k++) {
      check("softmax0", k, x -> Nn.softmax(x, 0));
      check("softmax1", k, x -> Nn.softmax(x, 1));
      check("softmax1", k, x -> Nn.softmax(x));
      check("softmax1", k, x -> Nn.softmax(x, -1));
      check("log_softmax0", k, x -> Nn.logSoftmax(x, 0));
      check("log_softmax1", k, x -> Nn.logSoftmax(x));
    }
  }

  @Test
  void logsumexpAllAxesOneAxisAndKeepdims() {
    for (int k = 0; k < 2; k++) {
      check("logsumexp", k, x -> Nn.logsumexp(x));
      check("logsumexp1", k, x -> Nn.logsumexp(x, 1));
      int kk = k;
      check("logsumexp1", k,
          x -> Jnp.reshape(Nn.logsumexp(x, Jnp.axis(1).keepdims()), x.shape()[0]));
      assertArrayEquals(new int[] {2, 1},
          Nn.logsumexp(REF.get("logsumexp1." + kk + ".x"), Jnp.axis(1).keepdims()).shape());
    }
    // all -inf: the max is replaced by 0, so the result is -inf rather than NaN
    Array negInf = Array.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2);
    assertEquals("Array(-inf, dtype=float32)", Nn.logsumexp(negInf).repr());
    // ints become float32
    assertEquals(DType.FLOAT32, Nn.logsumexp(Array.of(new int[] {1, 2}, 2)).dtype());
  }

  @Test
  void geluReluSigmoid() {
    check("gelu_tanh", 0, Nn::gelu);
    check("gelu_tanh", 0, x -> Nn.gelu(x, true));
    check("gelu_exact", 0, x -> Nn.gelu(x, false));
    check("relu", 0, Nn::relu);
    check("sigmoid", 0, Nn::sigmoid);
    assertEquals("Array([0, 3], dtype=int32)", Nn.relu(Array.of(new int[] {-2, 3}, 2)).repr());
  }

  @Test
  void oneHot() {
    check("one_hot", 0, x -> Nn.oneHot(x, 4));
    Array labels = Array.of(new int[] {0, 2}, 2);
    assertEquals("Array([[1, 0],\n       [0, 0],\n       [0, 1]], dtype=int8)",
        Nn.oneHot(labels, 3, DType.INT8, 0).repr());
    assertEquals("Array([0., 1., 0.], dtype=float32)", Nn.oneHot(1, 3).repr());
  }

  @Test
  void errors() {
    Array x = Array.of(new float[] {1, 2}, 2);
    assertEquals("axis 1 is out of bounds for array of dimension 1",
        assertThrows(JaxValueError.class, () -> Nn.softmax(x, 1)).getMessage());
    assertEquals("axis -2 is out of bounds for array of dimension 1",
        assertThrows(JaxValueError.class, () -> Nn.logSoftmax(x, -2)).getMessage());
    assertEquals("axis 3 is out of bounds for array of dimension 2",
        assertThrows(JaxValueError.class, () -> Nn.oneHot(x, 3, DType.FLOAT32, 3)).getMessage());
    assertThrows(JaxTypeError.class, () -> Nn.sigmoid(Array.of(new int[] {1}, 1)));
  }
}
