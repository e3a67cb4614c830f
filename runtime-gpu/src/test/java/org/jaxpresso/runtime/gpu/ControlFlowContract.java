package org.jaxpresso.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;
import org.jaxpresso.runtime.gpu.ptx.PtxKernelEmitter;
import org.jaxpresso.runtime.gpu.ptx.Ptxas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiled {@code while}, {@code fori_loop}, {@code scan}, {@code cond} and {@code switch} on a
 * device given by the subclass (simulated in every build, the real GPU where there is one),
 * against the reference interpreter of the same jaxpr: same values (float32 within 1e-5
 * relative), types and weak types. Every check also proves where the data is: during a call
 * the only copies between host and device are the loop tests (one byte per test) and branch
 * indices (four bytes per {@code cond}); every block a call takes from the pool is given back
 * (nothing but the results stays in use), and a second call takes no new memory from the
 * driver. Every generated kernel, those of the sub-programs included, is assembled by {@code
 * ptxas} where it is installed.
 */
abstract class ControlFlowContract {
  /** The device under test (created once per test class). */
  abstract GpuDevice gpu();

  /** Kernels assembled by ptxas so far in this JVM. */
  private static int assembled;

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

  static Array scalar(int v) {
    return Array.of(new int[] {v}, new int[0]);
  }

  /**
   * Compiles {@code p} for the device, runs it twice on device-resident arguments and compares
   * with the interpreter; checks the copies made during the call ({@code loopTests} one-byte
   * reads, {@code branchReads} four-byte reads, nothing uploaded) and the pool.
   */
  List<Array> check(ClosedJaxpr p, List<Array> args, int loopTests, int branchReads) {
    List<Array> want = JaxprInterpreter.eval(p, args);
    GpuExecutable exe = (GpuExecutable) GpuBackend.on(gpu()).compile(p);
    assertTrue(exe.program().kernels().kernels().stream().anyMatch(k -> k.controlFlow() != null),
        () -> "no control-flow kernel in\n" + exe.program().kernels());
    assemble(exe);
    List<Array> dev = new ArrayList<>();
    for (Array a : args) {
      dev.add(Array.wrap(a.aval(), gpu().upload(a.host())));
    }
    long inUse = gpu().pool().stats().inUseBytes();
    GpuDevice.Transfers t0 = gpu().transfers();
    List<Array> got = exe.execute(dev);
    GpuDevice.Transfers t = since(t0);
    assertEquals(new GpuDevice.Transfers(0, 0, loopTests + branchReads,
        loopTests + 4L * branchReads), t, "only loop tests and branch indices are read back");
    long results = 0;
    for (Array g : got) {
      assertEquals(gpu().device(), g.device());
      results += g.buffer() instanceof GpuBuffer ? resultBlock(g) : 0;
    }
    assertTrue(gpu().pool().stats().inUseBytes() <= inUse + results,
        "the call gave back every block but its results");
    compare(p, want, got);
    for (Array g : got) {
      g.delete();
    }
    long allocations = gpu().pool().stats().driverAllocations();
    List<Array> again = exe.execute(dev);
    compare(p, want, again);
    assertEquals(allocations, gpu().pool().stats().driverAllocations(),
        "a second call takes all its memory from the pool");
    for (Array g : again) {
      g.delete();
    }
    for (Array d : dev) {
      d.delete();
    }
    return want;
  }

  private static long resultBlock(Array g) {
    return DevicePool.sizeClass(GpuDevice.bytes(g.dtype(), g.size()));
  }

  private static void compare(ClosedJaxpr p, List<Array> want, List<Array> got) {
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      String d = difference(want.get(i), got.get(i), 1e-5);
      if (d != null) {
        fail("output " + i + ": " + d + "\nprogram:\n" + p);
      }
    }
  }

  GpuDevice.Transfers since(GpuDevice.Transfers t0) {
    GpuDevice.Transfers t = gpu().transfers();
    return new GpuDevice.Transfers(t.uploads() - t0.uploads(),
        t.uploadedBytes() - t0.uploadedBytes(), t.downloads() - t0.downloads(),
        t.downloadedBytes() - t0.downloadedBytes());
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

  /**
   * Assembles every generated kernel of {@code exe}, sub-programs included, with ptxas (where
   * installed), in modules of distinct entry names (sub-programs reuse kernel names).
   */
  static void assemble(GpuExecutable exe) {
    List<PtxKernel> all = exe.allKernels();
    int own = 0;
    for (Kernel k : exe.program().kernels().kernels()) {
      own += k.kind() == Kernel.Kind.LIBRARY ? 0 : 1;
    }
    assertTrue(all.size() > own, "the sub-programs' kernels are generated");
    if (Ptxas.find().isEmpty()) {
      return;
    }
    List<List<PtxKernel>> modules = new ArrayList<>();
    List<Set<String>> names = new ArrayList<>();
    for (PtxKernel k : all) {
      int m = 0;
      while (m < modules.size() && names.get(m).contains(k.entry())) {
        m++;
      }
      if (m == modules.size()) {
        modules.add(new ArrayList<>());
        names.add(new LinkedHashSet<>());
      }
      modules.get(m).add(k);
      names.get(m).add(k.entry());
    }
    for (List<PtxKernel> m : modules) {
      String module = Ptxas.merge(m);
      Ptxas.Result r = Ptxas.assemble(module, PtxKernelEmitter.TARGET);
      assertTrue(r.ok(), () -> "ptxas failed:\n" + r.log() + "\n" + module);
      assembled += m.size();
    }
    System.out.println("ptxas -arch=" + PtxKernelEmitter.TARGET + ": " + all.size()
        + " control-flow kernels assembled (" + assembled + " in this JVM)");
  }

  /** Two carries (float32 vector, int32 scalar), two xs, three ys; forward, reverse, unroll. */
  @ParameterizedTest
  @ValueSource(strings = {"forward 1", "reverse 1", "forward 3", "reverse 2"})
  void scanSeveralCarriesAndYs(String how) {
    boolean reverse = how.startsWith("reverse");
    int unroll = Integer.parseInt(how.substring(how.indexOf(' ') + 1));
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
          unroll);
      return List.of(s.carry(), s.y());
    }).apply(xs, ks, a0);
    assertEquals(5, check(p, List.of(xs, ks, a0), 0, 0).size());
  }

  /** A running max and a per-step comparison, in every dtype. */
  @ParameterizedTest
  @ValueSource(strings = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16",
      "uint32", "uint64", "bfloat16", "float16", "float32", "float64"})
  void scanEveryDtype(String name) {
    DType d = DType.fromName(name);
    Array xs = (Array) Lax.convertElementType(Lax.mul(f32(5, 3), 3.0f), d);
    Array c0 = (Array) Lax.convertElementType(f32(3), d);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c) -> {
      Lax.Step<NDArray, List<NDArray>> s = Lax.scan((NDArray acc, NDArray xi) -> {
        NDArray m = Lax.max(acc, xi);
        return new Lax.Step<>(m, List.of(Lax.eq(m, xi), xi));
      }, c, x, null, true, 1);
      return List.of(s.carry(), s.y());
    }).apply(xs, c0);
    check(p, List.of(xs, c0), 0, 0);
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
    List<Array> want = check(p, List.of(xs, a0), 0, 0);
    assertEquals(0, want.get(1).size());
  }

  /** Scanned elements of size zero, and a scan over nothing for a given length. */
  @Test
  void emptyElementsAndNoXs() {
    Array xs = f32(4, 0);
    Array a0 = f32(2);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray a) -> {
      Lax.Step<NDArray, List<NDArray>> s = Lax.scan((NDArray c, NDArray xi) -> {
        NDArray n = Lax.add(Lax.mul(c, 2.0f), Lax.reduceSum(xi, 0));
        return new Lax.Step<>(n, List.of(Lax.neg(xi), n));
      }, a, x);
      return List.of(s.carry(), s.y());
    }).apply(xs, a0);
    check(p, List.of(xs, a0), 0, 0);
    ClosedJaxpr q = Jax.makeJaxpr((NDArray a) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan(
          (NDArray c, Object none) -> new Lax.Step<>(Lax.add(c, 1.5f), Lax.mul(c, c)), a, null,
          5, false, 1);
      return List.of(s.carry(), s.y());
    }).apply(a0);
    check(q, List.of(a0), 0, 0);
  }

  /** A recurrent step with a matrix product in the body: the product runs as a GEMM. */
  @Test
  void matrixProductInAScanBody() {
    Array w = f32(4, 4);
    Array h0 = f32(2, 4);
    Array xs = f32(5, 2, 4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray wm, NDArray h, NDArray x) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray c, NDArray xi) -> {
        NDArray n = Lax.tanh(Lax.add(Lax.dotGeneral(c, wm, org.jaxpresso.lax.DotDimensionNumbers
            .of(new int[] {1}, new int[] {0}), org.jaxpresso.lax.Precision.HIGHEST, null), xi));
        return new Lax.Step<>(n, Lax.reduceSum(n, 1));
      }, h, x);
      return List.of(s.carry(), s.y());
    }).apply(w, h0, xs);
    check(p, List.of(w, h0, xs), 0, 0);
  }

  /**
   * Products not in cuBLAS's form (two free lhs dimensions) inside a while body and a cond
   * branch: rewritten inside the sub-jaxprs too, so nothing runs on the host.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void productsNeedingARewriteInsideLoopsAndBranches(int index) {
    Array w = f32(4, 4);
    Array h0 = f32(2, 3, 4);
    var dn = org.jaxpresso.lax.DotDimensionNumbers.of(new int[] {2}, new int[] {0});
    var hi = org.jaxpresso.lax.Precision.HIGHEST;
    ClosedJaxpr p = Jax.makeJaxpr((NDArray i, NDArray wm, NDArray h) -> Lax.switchCase(i,
        List.of((NDArray y) -> Lax.dotGeneral(y, wm, dn, hi, null),
            (NDArray y) -> Lax.whileLoop(
                (List<NDArray> st) -> Lax.lt(st.get(0), 3),
                (List<NDArray> st) -> List.of(Lax.add(st.get(0), 1),
                    Lax.tanh(Lax.dotGeneral(st.get(1), wm, dn, hi, null))),
                List.of(Lax.convertElementType(0, DType.INT32), y)).get(1)), h))
        .apply(scalar(index), w, h0);
    check(p, List.of(scalar(index), w, h0), index == 1 ? 4 : 0, 1);
  }

  /** lax.map (a scan without a carry) over int8 rows. */
  @Test
  void mapIsAScanWithoutCarry() {
    Array xs = (Array) Lax.convertElementType(i32(4, 3), DType.INT8);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x) -> Lax.<NDArray, NDArray>map(
        r -> Lax.add(Lax.mul(r, r), Lax.reduceMax(r, 0)), x)).apply(xs);
    check(p, List.of(xs), 0, 0);
  }

  /** A data-dependent while loop on integers (Collatz steps) with a bool in the carry. */
  @ParameterizedTest
  @ValueSource(ints = {1, 6, 27})
  void whileCollatz(int start) {
    Array n0 = scalar(start);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray n) -> Lax.whileLoop(
        (List<NDArray> st) -> Lax.ne(st.get(0), 1),
        (List<NDArray> st) -> {
          NDArray m = st.get(0);
          NDArray even = Lax.eq(Lax.rem(m, 2), 0);
          NDArray next = Lax.selectN(even, Lax.add(Lax.mul(m, 3), 1), Lax.div(m, 2));
          return List.of(next, Lax.add(st.get(1), 1), Lax.bitwiseOr(st.get(2), Lax.gt(m, 50)));
        }, List.of(n, Lax.convertElementType(0, DType.INT32), Lax.lt(n, 0)))).apply(n0);
    int steps = 0;
    for (long m = start; m != 1; m = m % 2 == 0 ? m / 2 : 3 * m + 1) {
      steps++;
    }
    List<Array> want = check(p, List.of(n0), steps + 1, 0);
    assertEquals(steps, want.get(1).getLong(0));
  }

  /**
   * A body that swaps two carries (each new carry forwards another slot, copied on the device)
   * for a trip count from the data; the copies go back to the pool as the loop runs, so 40
   * trips need no more memory from the driver than 2.
   */
  @Test
  void whileSwappingCarriesRunsInBoundedMemory() {
    ClosedJaxpr p = Jax.makeJaxpr((NDArray n, NDArray a, NDArray b) -> Lax.whileLoop(
        (List<NDArray> st) -> Lax.lt(st.get(2), n),
        (List<NDArray> st) -> List.of(st.get(1), st.get(0), Lax.add(st.get(2), 1)),
        List.of(a, b, Lax.convertElementType(0, DType.INT32)))).apply(scalar(3), f32(70),
        f32(70));
    Array a = f32(70);
    Array b = (Array) Lax.convertElementType(i32(70), DType.FLOAT32);
    check(p, List.of(scalar(3), a, b), 4, 0);
    GpuExecutable exe = (GpuExecutable) GpuBackend.on(gpu()).compile(p);
    List<Array> dev = List.of(Array.wrap(a.aval(), gpu().upload(a.host())),
        Array.wrap(b.aval(), gpu().upload(b.host())));
    for (int trips : new int[] {2, 40, 41}) {
      List<Array> args = List.of(Array.wrap(scalar(trips).aval(),
          gpu().upload(scalar(trips).host())), dev.get(0), dev.get(1));
      long allocations = gpu().pool().stats().driverAllocations();
      List<Array> got = exe.execute(args);
      if (trips > 2) {
        assertEquals(allocations, gpu().pool().stats().driverAllocations(),
            trips + " trips take no more memory than 2");
      }
      List<Array> want = JaxprInterpreter.eval(p, List.of(scalar(trips), a, b));
      compare(p, want, got);
      assertEquals(null, difference(trips % 2 == 0 ? a : b, got.get(0), 0));
      for (Array g : got) {
        g.delete();
      }
    }
  }

  /** fori_loop with static bounds (a scan) and with a traced upper bound (a while loop). */
  @Test
  void foriLoops() {
    Array u0 = f32(64);
    Function<NDArray, NDArray> heat = u -> Lax.foriLoop(0, 20,
        (NDArray i, NDArray v) -> heatStep(v, 0.25f), u);
    check(Jax.makeJaxpr(heat).apply(u0), List.of(u0), 0, 0);
    ClosedJaxpr dyn = Jax.makeJaxpr((NDArray n, NDArray u) -> Lax.foriLoop(1, n,
        (NDArray i, NDArray v) -> Lax.add(Lax.mul(v, 0.5f), Lax.convertElementType(i,
            DType.FLOAT32)), u)).apply(scalar(7), u0);
    check(dyn, List.of(scalar(7), u0), 7, 0);
  }

  /** jit(fori_loop(heat step)) through the public API: results stay on the device. */
  @Test
  void jitThroughThePublicApi() {
    Array u0 = f32(33);
    Function<NDArray, NDArray> f = u -> Lax.foriLoop(0, 12,
        (NDArray i, NDArray v) -> heatStep(v, 0.25f), u);
    Array want = JaxprInterpreter.eval(Jax.makeJaxpr(f).apply(u0), List.of(u0)).get(0);
    GpuBackend backend = GpuBackend.on(gpu());
    Backends.setDefault(backend);
    try {
      Function<NDArray, NDArray> jf = Jax.jit(f);
      Array u = Jax.devicePut(u0, gpu().device());
      jf.apply(u);
      GpuDevice.Transfers t0 = gpu().transfers();
      Array got = (Array) jf.apply(jf.apply(u));
      assertEquals(new GpuDevice.Transfers(0, 0, 0, 0), since(t0), "no copies at all");
      assertEquals(gpu().device(), got.device());
      Array twice = JaxprInterpreter.eval(Jax.makeJaxpr(f).apply(u0), List.of(want)).get(0);
      assertEquals(null, difference(twice, got, 1e-5));
    } finally {
      Backends.setDefault(null);
    }
  }

  /**
   * One explicit heat step with fixed ends: {@code u + r * pad(lap(u), 1, 1)}, written with
   * ops that fuse into generated kernels (a {@code concatenate} is a library kernel, which
   * the GPU runs on the host).
   */
  static NDArray heatStep(NDArray u, float r) {
    int n = u.shape()[0];
    NDArray mid = Lax.slice(u, new int[] {1}, new int[] {n - 1});
    NDArray right = Lax.slice(u, new int[] {2}, new int[] {n});
    NDArray left = Lax.slice(u, new int[] {0}, new int[] {n - 2});
    NDArray lap = Lax.add(Lax.sub(right, Lax.mul(mid, 2.0f)), left);
    return Lax.add(u, Lax.pad(Lax.mul(lap, r), 0.0f, new int[][] {{1, 1, 0}}));
  }

  /** switch over three branches with an integer operand; the index clamped as JAX does. */
  @ParameterizedTest
  @ValueSource(ints = {-2, 0, 1, 2, 7})
  void switchBranches(int index) {
    Array k = scalar(index);
    Array v = i32(5);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray i, NDArray x) -> Lax.switchCase(i, List.of(
        (NDArray y) -> Lax.add(y, 1),
        (NDArray y) -> Lax.mul(y, y),
        (NDArray y) -> Lax.neg(y)), x)).apply(k, v);
    check(p, List.of(k, v), 0, 1);
  }

  /** cond on a boolean with two operands and two results, one branch forwarding an operand. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void condOnABoolean(boolean pred) {
    Array b = Array.of(new boolean[] {pred}, new int[0]);
    Array x = f32(2, 3);
    Array y = f32(3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray c, NDArray u, NDArray v) -> Lax.cond(c,
        (Object[] o) -> List.of(Lax.exp((NDArray) o[0]), Lax.reduceSum((NDArray) o[0], 0)),
        (Object[] o) -> List.of((NDArray) o[0], Lax.neg((NDArray) o[1])), u, v)).apply(b, x, y);
    check(p, List.of(b, x, y), 0, 1);
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
    // Three scan steps, each a while loop testing its condition four times.
    check(p, List.of(xs, a0), 3 * 4, 0);
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
    check(p, List.of(xs), 0, 9);
  }

  /** A while loop inside one branch of a cond: its tests are read only when it is taken. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void loopInsideCond(int index) {
    Array k = scalar(index);
    Array v = f32(4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray i, NDArray x) -> Lax.switchCase(i, List.of(
        (NDArray y) -> Lax.mul(y, 3.0f),
        (NDArray y) -> Lax.whileLoop(
            (List<NDArray> st) -> Lax.lt(st.get(0), 5),
            (List<NDArray> st) -> List.of(Lax.add(st.get(0), 1), Lax.sin(st.get(1))),
            List.of(Lax.convertElementType(0, DType.INT32), y)).get(1)), x)).apply(k, v);
    check(p, List.of(k, v), index == 1 ? 6 : 0, 1);
  }
}
