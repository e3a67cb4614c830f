package org.jaxpresso.runtime.cpu.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiled {@code cond}, {@code while} and {@code scan} against the reference implementation
 * ({@link JaxprInterpreter}, which runs the primitives' impls on the interpreted sub-jaxprs):
 * same values (float32 within 1e-5 relative, since generated kernels may use the Vector API),
 * same types and weak types.
 */
class CompiledControlFlowTest {

  static Array f32(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (((i * 7919L) % 400) / 100.0 - 2.0);
    }
    return Array.of(v, shape);
  }

  static Array i32(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = (int) ((i * 31L) % 7) - 3;
    }
    return Array.of(v, shape);
  }

  /** Compiles {@code p}, checks its report names control flow, compares with the interpreter. */
  static List<Array> check(ClosedJaxpr p, List<Array> args) {
    CpuProgram c = CpuProgram.compile(p, "test", CpuBackend.simdAvailable());
    assertTrue(c.report().contains(": generated loop"), c.report());
    List<Array> want = JaxprInterpreter.eval(p, args);
    List<Array> got = c.execute(args);
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      String d = difference(want.get(i), got.get(i), 1e-5);
      if (d != null) {
        fail("output " + i + ": " + d + "\nprogram:\n" + p + "\n" + c.report());
      }
    }
    return got;
  }

  static String difference(Array want, Array got, double tol) {
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval() + " instead of " + want.aval();
    }
    if (want.weakType() != got.weakType()) {
      return "weak type " + got.weakType() + " instead of " + want.weakType();
    }
    for (int k = 0; k < want.size(); k++) {
      if (want.dtype().isFloating()) {
        double w = want.host().getDouble(k);
        double g = got.host().getDouble(k);
        if (Double.isNaN(w) && Double.isNaN(g) || w == g) {
          continue;
        }
        if (Math.abs(w - g) > tol * Math.max(1.0, Math.abs(w))) {
          return "element " + k + " is " + g + " instead of " + w;
        }
      } else if (want.host().getLong(k) != got.host().getLong(k)) {
        return "element " + k + " is " + got.host().getLong(k) + " instead of "
            + want.host().getLong(k);
      }
    }
    return null;
  }

  /** Two carries (float32 vector, int32 scalar), two xs, three ys; forward and reverse. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void scanSeveralCarriesAndYs(boolean reverse) {
    Array xs = f32(6, 4);
    Array ks = i32(6);
    Array a0 = f32(4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray k, NDArray a) -> {
      Lax.Step<List<NDArray>, List<NDArray>> s = Lax.scan(
          (List<NDArray> c, List<NDArray> xk) -> {
            NDArray na = Lax.add(Lax.mul(c.get(0), 0.5f), xk.get(0));
            NDArray nb = Lax.add(c.get(1), xk.get(1));
            return new Lax.Step<>(List.of(na, nb),
                List.of(Lax.mul(na, xk.get(0)), Lax.mul(nb, 2), Lax.reduceSum(na, 0)));
          }, List.of(a, Lax.convertElementType(1, DType.INT32)), List.of(x, k), null, reverse,
          1);
      return List.of(s.carry(), s.y());
    }).apply(xs, ks, a0);
    List<Array> got = check(p, List.of(xs, ks, a0));
    assertEquals(5, got.size());
  }

  /** A running max and a per-step comparison, in every dtype, forward and reverse. */
  @ParameterizedTest
  @ValueSource(strings = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
      "uint32", "uint64", "bfloat16", "float16", "float32", "float64"})
  void scanEveryDtype(String name) {
    DType d = DType.fromName(name);
    Array xs = (Array) Lax.convertElementType(Lax.mul(f32(7, 3), 3.0f), d);
    Array c0 = (Array) Lax.convertElementType(f32(3), d);
    for (boolean reverse : new boolean[] {false, true}) {
      ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c) -> {
        Lax.Step<NDArray, List<NDArray>> s = Lax.scan(
            (NDArray acc, NDArray xi) -> {
              NDArray m = Lax.max(acc, xi);
              return new Lax.Step<>(m, List.of(Lax.eq(m, xi), xi));
            }, c, x, null, reverse, 1);
        return List.of(s.carry(), s.y());
      }).apply(xs, c0);
      check(p, List.of(xs, c0));
    }
  }

  @Test
  void zeroLengthScan() {
    Array xs = f32(0, 3);
    Array a0 = f32(3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray a) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan(
          (NDArray c, NDArray xi) -> new Lax.Step<>(Lax.add(c, xi), Lax.mul(c, xi)), a, x);
      return List.of(s.carry(), s.y());
    }).apply(xs, a0);
    List<Array> got = check(p, List.of(xs, a0));
    assertEquals(0, got.get(1).size());
  }

  /** A fori_loop (a scan) inside a while_loop body inside a scan. */
  @Test
  void nestedLoops() {
    Array a0 = f32(5);
    Array xs = f32(3, 5);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray a) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray c, NDArray xi) -> {
        List<NDArray> w = Lax.whileLoop(
            (List<NDArray> st) -> Lax.lt(st.get(0), 3),
            (List<NDArray> st) -> {
              NDArray inner = Lax.foriLoop(0, 4,
                  (NDArray i, NDArray v) -> Lax.add(Lax.mul(v, 0.9f),
                      Lax.mul(Lax.convertElementType(i, DType.FLOAT32), xi)), st.get(1));
              return List.of(Lax.add(st.get(0), 1), inner);
            }, List.of(Lax.convertElementType(0, DType.INT32), c));
        return new Lax.Step<>(w.get(1), Lax.reduceMax(w.get(1), 0));
      }, a, x);
      return List.of(s.carry(), s.y());
    }).apply(xs, a0);
    check(p, List.of(xs, a0));
  }

  /** A cond per step of a scan, chosen by the sign of the step's x. */
  @Test
  void condInScan() {
    Array xs = f32(9);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray c, NDArray xi) -> {
        NDArray r = Lax.cond(Lax.gt(xi, 0.0f), (NDArray v) -> Lax.add(v, xi),
            (NDArray v) -> Lax.mul(v, -1.5f), c);
        return new Lax.Step<>(r, Lax.gt(r, 0.0f));
      }, Lax.convertElementType(1.0f, DType.FLOAT32), x);
      return List.of(s.carry(), s.y());
    }).apply(xs);
    check(p, List.of(xs));
  }

  /** switch over three branches with an integer operand, index from the data. */
  @ParameterizedTest
  @ValueSource(ints = {-2, 0, 1, 2, 7})
  void switchBranches(int index) {
    Array k = Array.of(new int[] {index}, new int[0]);
    Array v = i32(5);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray i, NDArray x) -> Lax.switchCase(i, List.of(
        (NDArray y) -> Lax.add(y, 1),
        (NDArray y) -> Lax.mul(y, y),
        (NDArray y) -> Lax.neg(y)), x)).apply(k, v);
    check(p, List.of(k, v));
  }

  /** A data-dependent while loop on integers (Collatz steps) with a bool in the carry. */
  @ParameterizedTest
  @ValueSource(ints = {1, 6, 27})
  void whileCollatz(int start) {
    Array n0 = Array.of(new int[] {start}, new int[0]);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray n) -> Lax.whileLoop(
        (List<NDArray> st) -> Lax.ne(st.get(0), 1),
        (List<NDArray> st) -> {
          NDArray m = st.get(0);
          NDArray even = Lax.eq(Lax.rem(m, 2), 0);
          NDArray next = Lax.selectN(even, Lax.add(Lax.mul(m, 3), 1), Lax.div(m, 2));
          return List.of(next, Lax.add(st.get(1), 1), Lax.bitwiseOr(st.get(2), Lax.gt(m, 50)));
        }, List.of(n, Lax.convertElementType(0, DType.INT32), Lax.lt(n, 0)))).apply(n0);
    check(p, List.of(n0));
  }

  static NDArray heatStep(NDArray u, float r) {
    int n = u.shape()[0];
    NDArray mid = Lax.slice(u, new int[] {1}, new int[] {n - 1});
    NDArray right = Lax.slice(u, new int[] {2}, new int[] {n});
    NDArray left = Lax.slice(u, new int[] {0}, new int[] {n - 2});
    NDArray lap = Lax.add(Lax.sub(right, Lax.mul(mid, 2.0f)), left);
    NDArray inner = Lax.add(mid, Lax.mul(lap, r));
    return Lax.concatenate(0, Lax.slice(u, new int[] {0}, new int[] {1}), inner,
        Lax.slice(u, new int[] {n - 1}, new int[] {n}));
  }

  /** jit(fori_loop(heat step)) through the public API equals the interpreted program. */
  @ParameterizedTest
  @ValueSource(ints = {3, 64, 10_001})
  void jitForiLoopHeat(int n) {
    Array u0 = f32(n);
    java.util.function.Function<NDArray, NDArray> f =
        u -> Lax.foriLoop(0, 50, (NDArray i, NDArray v) -> heatStep(v, 0.25f), u);
    ClosedJaxpr p = Jax.makeJaxpr(f).apply(u0);
    List<Array> got = check(p, List.of(u0));
    Array jitted = (Array) Jax.jit(f).apply(u0);
    String d = difference(got.get(0), jitted, 1e-5);
    assertEquals(null, d);
  }
}
