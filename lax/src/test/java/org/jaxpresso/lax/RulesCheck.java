package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ad.Ad;
import org.jaxpresso.core.batching.Batching;

/**
 * The checks every rule is held to: the JVP against central finite differences, the VJP
 * against the JVP (the dot-product test {@code <ct, J t> == <J^T ct, t>}), and {@code vmap}
 * against stacking the function applied to each element.
 */
final class RulesCheck {
  private RulesCheck() {}

  /** An input generator: random float64 values of a shape in a domain, or a fixed array. */
  record In(int[] shape, double lo, double hi, Array fixed) {
    static In of(double lo, double hi, int... shape) {
      return new In(shape, lo, hi, null);
    }

    static In fixed(Array a) {
      return new In(a.aval().shape().dims(), 0, 0, a);
    }

    Array sample(Random r) {
      if (fixed != null) {
        return fixed;
      }
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = lo + (hi - lo) * r.nextDouble();
      }
      return Array.fromDoubles(DType.FLOAT64, v, shape);
    }
  }

  static double[] doubles(NDArray x) {
    NDArray a = x.aval().dtype() == DType.FLOAT64 ? x : Lax.convertElementType(x, DType.FLOAT64);
    return a.toDoubleArray();
  }

  static Array randomLike(NDArray x, Random r) {
    double[] v = new double[(int) x.aval().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextGaussian();
    }
    return Array.fromDoubles(DType.FLOAT64, v, x.aval().shape().dims());
  }

  /** JVP vs finite differences, and the dot-product test of the VJP. */
  static void checkDerivatives(String name, Function<List<NDArray>, NDArray> f, List<In> ins,
      long seed, double tol) {
    Random r = new Random(seed);
    List<NDArray> xs = new ArrayList<>();
    List<NDArray> ts = new ArrayList<>();
    for (In in : ins) {
      Array x = in.sample(r);
      xs.add(x);
      ts.add(x.aval().dtype().isFloating() ? randomLike(x, r) : x);
    }
    Function<List<NDArray>, List<NDArray>> fl = a -> List.of(f.apply(a));
    Ad.JvpOutput out = Ad.jvp(fl, xs, ts);
    double[] tangent = doubles(out.tangents().get(0));
    double eps = 1e-6;
    double[] plus = doubles(f.apply(shifted(xs, ts, eps)));
    double[] minus = doubles(f.apply(shifted(xs, ts, -eps)));
    double[] primal = doubles(f.apply(xs));
    assertArrayEquals(primal, doubles(out.primals().get(0)), 0, name + ": jvp primal");
    for (int i = 0; i < tangent.length; i++) {
      double fd = (plus[i] - minus[i]) / (2 * eps);
      assertEquals(fd, tangent[i], tol * (1 + Math.abs(fd)),
          name + ": jvp vs finite differences at " + i);
    }
    Ad.Linearized lin = Ad.linearize(fl, xs);
    double[] linT = doubles(lin.jvp(ts).get(0));
    assertArrayEquals(tangent, linT, 1e-12 * (1 + max(tangent)), name + ": linearize vs jvp");
    NDArray ct = randomLike(out.primals().get(0), r);
    List<NDArray> cts = lin.vjp(List.of(ct));
    double lhs = dot(doubles(ct), tangent);
    double rhs = 0;
    for (int i = 0; i < xs.size(); i++) {
      if (xs.get(i).aval().dtype().isFloating()) {
        assertEquals(xs.get(i).aval().shape(), cts.get(i).aval().shape(), name + ": ct shape");
        rhs += dot(doubles(cts.get(i)), doubles(ts.get(i)));
      }
    }
    assertEquals(lhs, rhs, 1e-9 * (1 + Math.abs(lhs)), name + ": <ct, J t> == <J^T ct, t>");
  }

  private static double max(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static List<NDArray> shifted(List<NDArray> xs, List<NDArray> ts, double eps) {
    List<NDArray> r = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      NDArray x = xs.get(i);
      r.add(x.aval().dtype().isFloating()
          ? Lax.add(x, Lax.mul(ts.get(i), Array.scalar(eps, DType.FLOAT64))) : x);
    }
    return r;
  }

  /**
   * {@code vmap(f)} with argument {@code i} mapped along {@code axes[i]} (or not mapped) equals
   * stacking {@code f} over the batch.
   */
  static void checkBatching(String name, Function<List<NDArray>, NDArray> f, List<In> ins,
      Integer[] axes, long seed) {
    Random r = new Random(seed);
    int b = 3;
    List<List<NDArray>> elems = new ArrayList<>();
    for (int k = 0; k < b; k++) {
      List<NDArray> xs = new ArrayList<>();
      for (int i = 0; i < ins.size(); i++) {
        xs.add(ins.get(i).sample(r));
      }
      elems.add(xs);
    }
    List<NDArray> batched = new ArrayList<>();
    int[] dims = new int[ins.size()];
    for (int i = 0; i < ins.size(); i++) {
      if (axes[i] == null) {
        dims[i] = Primitive.NOT_MAPPED;
        batched.add(elems.get(0).get(i));
        for (int k = 1; k < b; k++) {
          elems.get(k).set(i, elems.get(0).get(i));
        }
      } else {
        dims[i] = axes[i];
        List<NDArray> parts = new ArrayList<>();
        for (int k = 0; k < b; k++) {
          parts.add(Lax.expandDims(elems.get(k).get(i), axes[i]));
        }
        batched.add(Lax.concatenate(parts, axes[i]));
      }
    }
    NDArray got = Batching.vmap(a -> List.of(f.apply(a)), batched, dims, j -> 0).get(0);
    for (int k = 0; k < b; k++) {
      NDArray want = f.apply(elems.get(k));
      int[] s = got.aval().shape().dims();
      int[] start = new int[s.length];
      int[] limit = s.clone();
      start[0] = k;
      limit[0] = k + 1;
      NDArray slice = Lax.reshape(Lax.slice(got, start, limit), want.aval().shape().dims());
      assertEquals(want.aval().dtype(), slice.aval().dtype(), name + ": dtype");
      assertArrayEquals(doubles(want), doubles(slice), 1e-12, name + ": vmap element " + k);
    }
    assertTrue(got.aval().shape().dim(0) == b, name + ": batch size");
  }
}
