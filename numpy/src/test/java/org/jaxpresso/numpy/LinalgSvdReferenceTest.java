package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Linalg.svd} / {@code svdvals} and {@code Linalg.norm}'s orders {@code 'nuc'}, 2 and -2
 * against NumPy (tools/refgen/gen_lax_linalg.py, numpy_linalg_svd.npz): singular values of
 * square, tall, wide, 1x1, 1xN, Nx1, batched, empty, rank-deficient, repeated-value and graded
 * float32 / float64 matrices to a few ulps of the largest; {@code u} and {@code vh} by
 * reconstruction and orthonormality (signs are not unique); norms over every dtype (non-floats
 * promote to float32), explicit, swapped and negative axes, keepdims.
 */
class LinalgSvdReferenceTest {
  private static final String RESOURCE = "/ref/numpy_linalg_svd.npz";

  /** One svd case: its key, the matrix as stored (float64 stays float64), NumPy's values. */
  private record SvdCase(String name, Array x, Array expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<SvdCase> svdCases() {
    Map<String, Array> arrays = Reference.npz(RESOURCE);
    List<SvdCase> out = new ArrayList<>();
    for (Map.Entry<String, Array> e : new TreeMap<>(arrays).entrySet()) {
      String key = e.getKey();
      if (key.startsWith("svd|") && key.endsWith("|in0")) {
        String name = key.substring(0, key.length() - "|in0".length());
        out.add(new SvdCase(name, e.getValue(), arrays.get(name + "|out")));
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> svdMatchesNumpy() {
    List<DynamicTest> tests = new ArrayList<>();
    for (SvdCase c : svdCases()) {
      tests.add(DynamicTest.dynamicTest(c + " full", () -> checkSvd(c, true)));
      tests.add(DynamicTest.dynamicTest(c + " reduced", () -> checkSvd(c, false)));
      tests.add(DynamicTest.dynamicTest(c + " svdvals", () ->
          checkValues(c, Linalg.svdvals(c.x()))));
      tests.add(DynamicTest.dynamicTest(c + " compute_uv=False", () ->
          checkValues(c, Linalg.svd(c.x(), true, false).get(0))));
    }
    return tests.stream();
  }

  /**
   * The norm cases, inputs canonicalized as jnp.asarray makes them (x64 off, so float64 inputs
   * compute in float32), within a few float32 ulps of the input's Frobenius norm (which bounds
   * every singular value; a relative bound would not do for the smallest of a singular matrix).
   */
  @TestFactory
  Stream<DynamicTest> normMatchesNumpy() {
    return LinalgReferenceCases.load(RESOURCE).stream().filter(c -> c.op().equals("norm"))
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
          NDArray x = c.inputs().get(0);
          NDArray got = norm(c);
          assertEquals(DType.FLOAT32, got.dtype(), c + ": dtype");
          assertArrayEquals(c.expected().shape(), got.shape(), c + ": shape");
          double fro = 0;
          for (double v : ((Array) x).toDoubleArray()) {
            fro += v * v;
          }
          double tol = 16 * Math.ulp(1.0f) * Math.sqrt(x.size()) * Math.sqrt(fro);
          double[] want = c.expected().toDoubleArray();
          double[] values = ((Array) got).toDoubleArray();
          for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - values[i]) <= tol,
                c + " at " + i + ": expected " + want[i] + " got " + values[i]);
          }
        }));
  }

  private static NDArray norm(LinalgReferenceCases.Case c) {
    NDArray x = c.inputs().get(0);
    ReduceOptions o = c.param("axis") == null ? ReduceOptions.ALL
        : ReduceOptions.axis(c.intsParam("axis"));
    if ("1".equals(c.param("keepdims"))) {
      o = o.keepdims();
    }
    String ord = c.param("ord");
    return ord.equals("nuc") ? Linalg.norm(x, "nuc", o)
        : Linalg.norm(x, Double.parseDouble(ord), o);
  }

  /** float32's epsilon: jnp computes in float32 (float64 input is canonicalized, x64 off). */
  private static final double EPS = Math.ulp(1.0f);

  /**
   * The singular values: NumPy's (of the stored matrix, in float64) within a few ulps of the
   * largest, plus for float64 input, which jnp computes in float32 (x64 off), the effect of
   * rounding the matrix to float32 (at most {@code sqrt(m n)/2} ulps of the largest entry).
   */
  private static void checkValues(SvdCase c, NDArray s) {
    NDArray x = c.x();
    assertEquals(DType.FLOAT32, s.dtype(), c + ": dtype");
    assertArrayEquals(c.expected().shape(), s.shape(), c + ": shape");
    int[] shape = x.shape();
    int k = Math.min(shape[shape.length - 2], shape[shape.length - 1]);
    double[] want = c.expected().toDoubleArray();
    double[] got = ((Array) s).toDoubleArray();
    double rounding = x.dtype() == DType.FLOAT64 ? 0.5 * Math.sqrt(k * (double) Math.max(
        shape[shape.length - 2], shape[shape.length - 1])) : 0;
    for (int i = 0; i < want.length; i++) {
      double smax = want[i - i % k];
      assertTrue(Math.abs(want[i] - got[i]) <= (4 + rounding) * EPS * smax + Double.MIN_NORMAL,
          c + " s[" + i + "]: expected " + want[i] + " got " + got[i]);
    }
  }

  private static void checkSvd(SvdCase c, boolean full) {
    NDArray x = LinalgReferenceCases.canonical(c.x());
    Linalg.SvdResult r = Linalg.svd(c.x(), full);
    checkValues(c, r.s());
    int[] shape = x.shape();
    int nb = shape.length - 2;
    int m = shape[nb];
    int n = shape[nb + 1];
    int k = Math.min(m, n);
    int uc = full ? m : k;
    int vr = full ? n : k;
    int batch = 1;
    for (int i = 0; i < nb; i++) {
      batch *= shape[i];
    }
    assertEquals(List.of(x.dtype(), x.dtype()), List.of(r.u().dtype(), r.vh().dtype()));
    assertArrayEquals(withTail(shape, nb, m, uc), r.u().shape(), c + ": u shape");
    assertArrayEquals(withTail(shape, nb, vr, n), r.vh().shape(), c + ": vh shape");
    double eps = EPS;
    double[] a = ((Array) x).toDoubleArray();
    double[] u = ((Array) r.u()).toDoubleArray();
    double[] s = ((Array) r.s()).toDoubleArray();
    double[] vh = ((Array) r.vh()).toDoubleArray();
    for (int b = 0; b < batch; b++) {
      double tol = 8 * eps * Math.max(m, n) * (k == 0 ? 0 : s[b * k]) + Double.MIN_NORMAL;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double sum = 0;
          for (int t = 0; t < k; t++) {
            sum += u[b * m * uc + i * uc + t] * s[b * k + t] * vh[b * vr * n + t * n + j];
          }
          assertTrue(Math.abs(sum - a[b * m * n + i * n + j]) <= tol,
              c + ": reconstruction at " + b + "," + i + "," + j);
        }
      }
      for (int p = 0; p < uc; p++) {
        for (int q = p; q < uc; q++) {
          double dot = 0;
          for (int i = 0; i < m; i++) {
            dot += u[b * m * uc + i * uc + p] * u[b * m * uc + i * uc + q];
          }
          assertTrue(Math.abs(dot - (p == q ? 1 : 0)) <= 8 * eps * m, c + ": u'u");
        }
      }
      for (int p = 0; p < vr; p++) {
        for (int q = p; q < vr; q++) {
          double dot = 0;
          for (int j = 0; j < n; j++) {
            dot += vh[b * vr * n + p * n + j] * vh[b * vr * n + q * n + j];
          }
          assertTrue(Math.abs(dot - (p == q ? 1 : 0)) <= 8 * eps * n, c + ": vh vh'");
        }
      }
    }
  }

  private static int[] withTail(int[] shape, int nb, int... tail) {
    int[] out = new int[nb + tail.length];
    System.arraycopy(shape, 0, out, 0, nb);
    System.arraycopy(tail, 0, out, nb, tail.length);
    return out;
  }
}
