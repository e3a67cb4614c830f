package org.jaxpresso.lax;

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
 * {@code Lax.svd} against NumPy's singular values (tools/refgen/gen_lax_linalg.py) for float32
 * and float64 over square, tall, wide, 1x1, 1xN, Nx1, batched, empty, rank-deficient,
 * repeated-value and graded matrices, in the three modes (full, reduced, values only): shapes
 * and dtypes as JAX's shape rule says, singular values to a few ulps of the largest, and
 * {@code u}, {@code vt} checked by reconstruction and orthonormality (their signs are not
 * unique).
 */
class LinalgPrimitiveSvdTest {
  /** One reference matrix and its singular values. */
  record Case(String name, Array x, double[] s) {}

  static List<Case> cases() {
    Map<String, Array> arrays = Reference.npz("/ref/lax_linalg.npz");
    Map<String, Map<String, Array>> groups = new TreeMap<>();
    for (Map.Entry<String, Array> e : arrays.entrySet()) {
      int cut = e.getKey().lastIndexOf('|');
      groups.computeIfAbsent(e.getKey().substring(0, cut), k -> new TreeMap<>())
          .put(e.getKey().substring(cut + 1), e.getValue());
    }
    List<Case> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Array>> g : groups.entrySet()) {
      out.add(new Case(g.getKey(), g.getValue().get("in0"),
          g.getValue().get("out").toDoubleArray()));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> matchesNumpy() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      for (boolean full : new boolean[] {true, false}) {
        for (boolean uv : new boolean[] {true, false}) {
          tests.add(DynamicTest.dynamicTest(c.name() + " full=" + full + " uv=" + uv,
              () -> check(c, Lax.svd(c.x(), full, uv), full, uv)));
        }
      }
    }
    return tests.stream();
  }

  static double eps(DType d) {
    return d == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
  }

  /** Checks shapes, dtypes, s against NumPy, and u, vt by reconstruction and orthonormality. */
  static void check(Case c, List<NDArray> out, boolean full, boolean uv) {
    Array x = c.x();
    int[] shape = x.shape();
    int nb = shape.length - 2;
    int m = shape[nb];
    int n = shape[nb + 1];
    int k = Math.min(m, n);
    int batch = 1;
    for (int i = 0; i < nb; i++) {
      batch *= shape[i];
    }
    assertEquals(uv ? 3 : 1, out.size());
    NDArray s = out.get(uv ? 1 : 0);
    assertEquals(x.dtype(), s.dtype());
    assertArrayEquals(batchShape(shape, nb, k), s.shape());
    double[] sv = ((Array) s).toDoubleArray();
    double eps = eps(x.dtype());
    for (int b = 0; b < batch; b++) {
      double smax = k == 0 ? 0 : c.s()[b * k];
      for (int j = 0; j < k; j++) {
        double want = c.s()[b * k + j];
        double got = sv[b * k + j];
        assertTrue(Math.abs(want - got) <= 4 * eps * smax + Double.MIN_NORMAL,
            c.name() + " s[" + b + "," + j + "]: expected " + want + " got " + got);
        assertTrue(got >= 0 && (j == 0 || got <= sv[b * k + j - 1]), c.name() + ": order");
      }
    }
    if (!uv) {
      return;
    }
    NDArray u = out.get(0);
    NDArray vt = out.get(2);
    int uc = full ? m : k;
    int vr = full ? n : k;
    assertEquals(x.dtype(), u.dtype());
    assertEquals(x.dtype(), vt.dtype());
    assertArrayEquals(batchShape(shape, nb, m, uc), u.shape());
    assertArrayEquals(batchShape(shape, nb, vr, n), vt.shape());
    double[] a = x.toDoubleArray();
    double[] ud = ((Array) u).toDoubleArray();
    double[] vd = ((Array) vt).toDoubleArray();
    for (int b = 0; b < batch; b++) {
      double smax = k == 0 ? 0 : sv[b * k];
      double tol = 8 * eps * Math.max(m, n) * smax + Double.MIN_NORMAL;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double r = 0;
          for (int t = 0; t < k; t++) {
            r += ud[b * m * uc + i * uc + t] * sv[b * k + t] * vd[b * vr * n + t * n + j];
          }
          double want = a[b * m * n + i * n + j];
          assertTrue(Math.abs(r - want) <= tol,
              c.name() + " reconstruction at " + i + "," + j + ": " + want + " vs " + r);
        }
      }
      assertOrthonormal(c.name() + " u", ud, b * m * uc, m, uc, false, eps);
      assertOrthonormal(c.name() + " vt", vd, b * vr * n, vr, n, true, eps);
    }
  }

  /** Columns (or rows, when {@code rows}) of the {@code r x c} block at {@code base}. */
  static void assertOrthonormal(String what, double[] d, int base, int r, int c, boolean rows,
      double eps) {
    int count = rows ? r : c;
    int len = rows ? c : r;
    for (int p = 0; p < count; p++) {
      for (int q = p; q < count; q++) {
        double dot = 0;
        for (int i = 0; i < len; i++) {
          double x = rows ? d[base + p * c + i] : d[base + i * c + p];
          double y = rows ? d[base + q * c + i] : d[base + i * c + q];
          dot += x * y;
        }
        double want = p == q ? 1 : 0;
        assertTrue(Math.abs(dot - want) <= 8 * eps * Math.max(len, 1),
            what + ": <" + p + "," + q + "> = " + dot);
      }
    }
  }

  static int[] batchShape(int[] shape, int nb, int... tail) {
    int[] out = new int[nb + tail.length];
    System.arraycopy(shape, 0, out, 0, nb);
    System.arraycopy(tail, 0, out, nb, tail.length);
    return out;
  }
}
