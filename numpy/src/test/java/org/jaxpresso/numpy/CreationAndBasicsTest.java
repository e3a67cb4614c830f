package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.Jnp.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creation functions and basic reductions against NumPy (tools/refgen/gen_numpy_basics.py). */
class CreationAndBasicsTest {
  private static final Map<String, Array> REF = Reference.npz("/ref/numpy_basics.npz");

  @AfterEach
  void reset() {
    Flags.resetX64();
  }

  private static void close(String key, NDArray got, double tol) {
    Array want = REF.get(key);
    assertArrayEquals(want.shape(), got.shape(), key + " shape");
    double[] w = want.toDoubleArray();
    double[] g = got.toDoubleArray();
    for (int i = 0; i < w.length; i++) {
      assertEquals(w[i], g[i], tol * Math.max(1, Math.abs(w[i])), key + "[" + i + "]");
    }
  }

  @Test
  void rangesAndMatricesMatchNumpy() {
    close("linspace_0_1_5", linspace(0, 1, 5), 0);
    close("linspace_m3_7_11", linspace(-3, 7, 11), 1e-6);
    close("arange_2_11_3", arange(2, 11, 3), 0);
    close("arange_5_m5_m2", arange(5, -5, -2), 0);
    close("arange_f_0_1_0.25", arange(0.0, 1.0, 0.25), 0);
    close("eye_3_4_1", eye(3, 4, 1), 0);
    close("tri_3_4_m1", tri(3, 4, -1), 0);
    assertEquals(DType.INT32, arange(3).dtype());
    assertEquals(DType.FLOAT32, arange(3.0).dtype());
    assertEquals(DType.FLOAT32, linspace(0, 1, 3).dtype());
  }

  @Test
  void reductionsMatchNumpy() {
    NDArray x = REF.get("x");
    for (String ax : new String[] {"all", "0", "1", "m1"}) {
      ReduceOptions o = ax.equals("all") ? ReduceOptions.ALL : ReduceOptions.axis(Integer.parseInt(ax.replace("m", "-")));
      close("sum_" + ax, sum(x, o), 1e-5);
      close("mean_" + ax, mean(x, o), 1e-5);
      close("max_" + ax, max(x, o), 0);
      close("min_" + ax, min(x, o), 0);
      close("prod_" + ax, prod(x, o), 1e-5);
      close("var_" + ax, var(x, o), 1e-5);
      close("std_" + ax, std(x, o), 1e-5);
      close("std1_" + ax, std(x, o.ddof(1)), 1e-5);
      if (ax.equals("all")) {
        close("argmax_all", argmax(x), 0);
        close("argmin_all", argmin(x), 0);
      } else {
        int a = Integer.parseInt(ax.replace("m", "-"));
        close("argmax_" + ax, argmax(x, a), 0);
        close("argmin_" + ax, argmin(x, a), 0);
      }
    }
    close("mean_1_keepdims", mean(x, axis(1).keepdims()), 1e-5);
    NDArray ints = REF.get("ints");
    assertEquals(DType.INT32, sum(ints, 0).dtype(), "int8 sums accumulate in int32");
    close("ints_sum_0", sum(ints, 0), 0);
    assertEquals(DType.FLOAT32, mean(ints, 1).dtype());
    close("ints_mean_1", mean(ints, 1), 1e-6);
  }

  @Test
  void promotionArithmeticAndLinearAlgebraMatchNumpy() {
    NDArray a = REF.get("a");
    NDArray b = REF.get("b");
    close("a_div_b", divide(a, b), 1e-6);
    close("b_div_2", divide(b, 2), 0);
    assertEquals(DType.FLOAT32, divide(b, 2).dtype());
    close("a_plus_b", add(a, b), 1e-6);
    close("where_a_gt_0", where(greater(a, 0), a, 0), 0);
    close("dot_m_n", dot(REF.get("m"), REF.get("n")), 1e-5);
    close("dot_m_v", dot(REF.get("m"), REF.get("v")), 1e-5);
    close("dot_v_v", dot(REF.get("v"), REF.get("v")), 1e-5);
    close("matmul_bm_n", matmul(REF.get("bm"), REF.get("n")), 1e-5);
    close("matmul_v_n", matmul(REF.get("v"), REF.get("n")), 1e-5);
  }

  @Test
  void arraysFromJavaData() {
    assertEquals("Array([[1., 2.],\n       [3., 4.]], dtype=float32)", array(new float[][] {{1, 2}, {3, 4}}).repr());
    assertEquals("Array([1, 2, 3], dtype=int32)", array(List.of(1, 2, 3)).repr());
    assertEquals("Array([1. , 2.5], dtype=float32)", array(List.of(1, 2.5)).repr());
    assertEquals("Array(1, dtype=int32, weak_type=True)", array(1).repr());
    assertEquals("Array(1., dtype=float32)", float32(1).repr());
    assertEquals("Array([ True, False], dtype=bool)", array(true, false).repr());
    assertEquals("Array([1, 2], dtype=int8)", array(new int[] {1, 2}, DType.INT8).repr());
    assertEquals("Array([0., 0., 0.], dtype=float32)", zeros(3).repr());
    assertEquals("Array([7, 7], dtype=int32)", full(new int[] {2}, 7, DType.INT32).repr());
    assertEquals("Array([[1., 1.]], dtype=float32)", onesLike(zeros(1, 2)).repr());
    JaxValueError ragged = assertThrows(JaxValueError.class, () -> array(new int[][] {{1, 2}, {3}}));
    assertEquals("setting an array element with a sequence. The requested array has an inhomogeneous shape after"
        + " 1 dimensions. The detected shape was (2,) + inhomogeneous part.", ragged.getMessage());
    assertThrows(JaxValueError.class, () -> arange(0, 5, 0));
    assertThrows(JaxValueError.class, () -> linspace(0, 1, -1));
  }

  @Test
  void x64ChangesTheDefaults() {
    Flags.setX64(true);
    assertEquals(DType.FLOAT64, linspace(0, 1, 3).dtype());
    assertEquals(DType.INT64, array(new long[] {1, 2}).dtype());
    assertEquals(DType.FLOAT64, add(1, 1.0).dtype());
  }
}
