package org.jaxpresso.runtime.cpu.codegen;

import static org.jaxpresso.runtime.cpu.codegen.GeneratedControlFlowTest.check;
import static org.jaxpresso.runtime.cpu.codegen.GeneratedControlFlowTest.compile;
import static org.jaxpresso.runtime.cpu.codegen.GeneratedControlFlowTest.f32;
import static org.jaxpresso.runtime.cpu.codegen.GeneratedControlFlowTest.onlyStep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scan bodies on views ({@link ScanViews}): scanned elements read in place in the stacked
 * operand, ys written in place in the stacked result (no per-iteration copies: {@link
 * ScanFrame#COPIES}), and frames of nested control flow made once per run of the enclosing
 * loop (no per-iteration frames: {@link ControlFlowStep#FRAMES}); results against the
 * interpreter for reverse, unroll, zero trips, empty elements, every dtype and nesting.
 */
class ScanViewsTest {

  /** {@code (carry, ys)} of the cumulative scan {@code c + x} (each y the new carry). */
  static ClosedJaxpr cumulative(Array xs, Array c0, boolean reverse, int unroll) {
    return Jax.makeJaxpr((NDArray x, NDArray c) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray cc, NDArray xi) -> {
        NDArray n = Lax.add(cc, xi);
        return new Lax.Step<>(n, n);
      }, c, x, null, reverse, unroll);
      return List.of(s.carry(), s.y());
    }).apply(xs, c0);
  }

  /** Runs {@code p} once (warm) and returns the slice copies of a second run. */
  static long copiesOfOneRun(ClosedJaxpr p, List<Array> args) {
    CpuProgram c = compile(p);
    c.execute(args);
    long before = ScanFrame.COPIES.sum();
    c.execute(args);
    return ScanFrame.COPIES.sum() - before;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void cumulativeScanCopiesNothing(boolean reverse) {
    Array xs = f32(9, 5);
    Array c0 = f32(5);
    ClosedJaxpr p = cumulative(xs, c0, reverse, 1);
    List<Array> got = check(p, List.of(xs, c0));
    ScanViews v = onlyStep(compile(p)).sub(0).views;
    assertArrayEquals(new boolean[] {true}, v.xView(), "x read in place");
    assertArrayEquals(new boolean[] {true}, v.yView(), "y written in place");
    assertEquals(0, copiesOfOneRun(p, List.of(xs, c0)));
    float[] x = xs.toFloatArray();
    float[] c = c0.toFloatArray();
    float[] ys = got.get(1).toFloatArray();
    for (int s = 0; s < 9; s++) {
      int i = reverse ? 8 - s : s;
      for (int j = 0; j < 5; j++) {
        c[j] += x[i * 5 + j];
        assertEquals(c[j], ys[i * 5 + j], 1e-5, "y " + i + "," + j);
      }
    }
    assertArrayEquals(c, got.get(0).toFloatArray(), 1e-5f);
  }

  /** Offsets stay right in every unrolled copy and in the remainder loop, both directions. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 7, 11})
  void unrollAndReverseWithOffsets(int unroll) {
    Array xs = f32(7, 6);
    Array c0 = f32(6);
    for (boolean reverse : new boolean[] {false, true}) {
      ClosedJaxpr p = cumulative(xs, c0, reverse, unroll);
      check(p, List.of(xs, c0));
      assertEquals(0, copiesOfOneRun(p, List.of(xs, c0)), "unroll " + unroll);
    }
  }

  /** Zero trips (the carry is the operand, copied out) and zero-size elements. */
  @Test
  void zeroTripAndEmptyElements() {
    Array none = Array.of(new float[0], 0, 4);
    Array c0 = f32(4);
    List<Array> got = check(cumulative(none, c0, false, 1), List.of(none, c0));
    assertArrayEquals(c0.toFloatArray(), got.get(0).toFloatArray());
    assertArrayEquals(new int[] {0, 4}, got.get(1).shape());
    check(cumulative(none, c0, true, 3), List.of(none, c0));
    Array empty = Array.of(new float[0], 6, 0);
    Array e0 = Array.of(new float[0], 0);
    check(cumulative(empty, e0, true, 2), List.of(empty, e0));
  }

  /**
   * Every dtype of xs: results against the interpreter; where every step of the body is a
   * generated loop, the element is read and the ys written in place (no copies), else copied.
   */
  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"BOOL", "INT8", "INT16", "INT32", "INT64", "UINT8",
      "UINT16", "UINT32", "UINT64", "BFLOAT16", "FLOAT16", "FLOAT32", "FLOAT64"})
  void everyDtype(DType dt) {
    Array xs = of(dt, 6, 4);
    Array c0 = of(dt, 4);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c) -> {
      Lax.Step<NDArray, List<NDArray>> s = Lax.scan((NDArray cc, NDArray xi) -> {
        NDArray n = Lax.max(cc, xi);
        return new Lax.Step<>(n, List.of(n, Lax.min(cc, xi)));
      }, c, x, null, dt.ordinal() % 2 == 0, 1 + dt.ordinal() % 3);
      return List.of(s.carry(), s.y().get(0), s.y().get(1));
    }).apply(xs, c0);
    List<Array> got = check(p, List.of(xs, c0));
    assertEquals(dt, got.get(1).dtype());
    SubProgram body = onlyStep(compile(p)).sub(0);
    boolean generated = java.util.Arrays.stream(body.steps).allMatch(s -> s instanceof LoopStep);
    long copies = copiesOfOneRun(p, List.of(xs, c0));
    if (generated) {
      assertArrayEquals(new boolean[] {true}, body.views.xView(), dt + "\n" + body.program);
      assertEquals(0, copies, dt.toString());
    } else {
      assertTrue(copies > 0, dt + ": a body the generator does not take copies");
    }
  }

  /** {@link GeneratedControlFlowTest#f32}'s values as {@code dt} (64-bit dtypes made directly). */
  static Array of(DType dt, int... shape) {
    Array f = f32(shape);
    if (dt == DType.FLOAT64) {
      return Array.fromDoubles(dt, f.toDoubleArray(), shape);
    }
    if (dt == DType.INT64 || dt == DType.UINT64) {
      double[] d = f.toDoubleArray();
      long[] l = new long[d.length];
      for (int i = 0; i < l.length; i++) {
        l[i] = Math.round(d[i] * 3);
      }
      return Array.fromLongs(dt, l, shape);
    }
    return (Array) Lax.convertElementType(Lax.mul(f, 3.0f), dt);
  }

  /** A scanned element the body returns (as carry and as y) is copied, not viewed. */
  @Test
  void forwardedElementIsCopied() {
    Array xs = f32(5, 3);
    Array c0 = f32(3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray x, NDArray c) -> {
      Lax.Step<NDArray, List<NDArray>> s = Lax.scan((NDArray cc, NDArray xi) ->
          new Lax.Step<>(xi, List.of(xi, Lax.add(cc, xi))), c, x, null, true, 2);
      return List.of(s.carry(), s.y().get(0), s.y().get(1));
    }).apply(xs, c0);
    List<Array> got = check(p, List.of(xs, c0));
    assertArrayEquals(xs.toFloatArray(), got.get(1).toFloatArray());
    ScanViews v = onlyStep(compile(p)).sub(0).views;
    assertArrayEquals(new boolean[] {false}, v.xView());
    long yCopies = 0;
    for (boolean b : v.yView()) {
      yCopies += b ? 0 : 1;
    }
    assertEquals(5 * (1 + yCopies), copiesOfOneRun(p, List.of(xs, c0)),
        "x in, ys not written in place out");
  }

  /** Two carries, two xs, several ys from one fused step, a swap: all against the interpreter. */
  @Test
  void mixedViewsAndCopies() {
    Array xa = f32(5, 3);
    Array xb = (Array) Lax.mul(f32(5, 3), 0.5f);
    Array c0 = f32(3);
    ClosedJaxpr p = Jax.makeJaxpr((NDArray a, NDArray b, NDArray c) -> {
      Lax.Step<List<NDArray>, List<NDArray>> s = Lax.scan(
          (List<NDArray> cc, List<NDArray> x) -> {
            NDArray n = Lax.add(Lax.mul(cc.get(0), x.get(0)), x.get(1));
            NDArray m = Lax.sub(cc.get(1), Lax.reduceSum(x.get(1), 0));
            return new Lax.Step<>(List.of(m, n),
                List.of(n, Lax.mul(n, 2.0f), Lax.add(cc.get(0), 1.0f)));
          }, List.of(c, c), List.of(a, b), null, true, 2);
      return List.of(s.carry().get(0), s.carry().get(1), s.y().get(0), s.y().get(1),
          s.y().get(2));
    }).apply(xa, xb, c0);
    check(p, List.of(xa, xb, c0));
  }

  /** The frames a run of {@code p} makes, after a warm run. */
  static long framesOfOneRun(ClosedJaxpr p, List<Array> args) {
    CpuProgram c = compile(p);
    c.execute(args);
    long before = ControlFlowStep.FRAMES.sum();
    c.execute(args);
    return ControlFlowStep.FRAMES.sum() - before;
  }

  /** A scan whose body runs a fori_loop, a while and a cond, for {@code length} steps. */
  static ClosedJaxpr nested(Array xs, Array c0) {
    return Jax.makeJaxpr((NDArray x, NDArray c) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray cc, NDArray xi) -> {
        NDArray inner = Lax.foriLoop(0, 3,
            (NDArray i, NDArray v) -> Lax.add(Lax.mul(v, 0.5f), xi), cc);
        NDArray w = Lax.whileLoop((NDArray u) -> Lax.lt(Lax.reduceMax(u, 0), 3.0f),
            (NDArray u) -> Lax.add(u, 1.0f), inner);
        NDArray n = Lax.cond(Lax.gt(Lax.reduceSum(xi, 0), 0.0f),
            (NDArray v) -> Lax.add(v, 1.0f), (NDArray v) -> Lax.neg(v), w);
        return new Lax.Step<>(n, Lax.mul(n, 2.0f));
      }, c, x);
      return List.of(s.carry(), s.y());
    }).apply(xs, c0);
  }

  /**
   * Nested frames are made once per run of the enclosing loop (one per buffer set of it), so a
   * run makes as many frames for 40 steps as for 4.
   */
  @Test
  void nestedFramesOncePerRun() {
    Array c0 = f32(3);
    Array short4 = f32(4, 3);
    Array long40 = f32(40, 3);
    ClosedJaxpr p4 = nested(short4, c0);
    ClosedJaxpr p40 = nested(long40, c0);
    check(p4, List.of(short4, c0));
    check(p40, List.of(long40, c0));
    long f4 = framesOfOneRun(p4, List.of(short4, c0));
    long f40 = framesOfOneRun(p40, List.of(long40, c0));
    assertEquals(f4, f40, "frames per run do not grow with the trip count");
    // The scan's frame, and one frame per buffer set (two) for each of the 3 nested steps.
    assertEquals(1 + 3 * 2, f40);
  }

  /**
   * A nested loop's result is the enclosing loop's carry, read while the nested loop runs
   * again: the two frames (one per enclosing buffer set) keep it valid. Scan in while, while in
   * scan, scan in scan over the element, cond in while: all against the interpreter.
   */
  @Test
  void nestedResultsAsCarries() {
    Array a = f32(4);
    ClosedJaxpr w = Jax.makeJaxpr((NDArray x) -> Lax.whileLoop(
        (List<NDArray> st) -> Lax.lt(st.get(0), 6),
        (List<NDArray> st) -> {
          Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray c, NDArray e) ->
              new Lax.Step<>(Lax.add(Lax.mul(c, 0.9f), st.get(2)), c), st.get(1), null, 3,
              false, 1);
          NDArray q = Lax.cond(Lax.gt(st.get(0), 2), (NDArray v) -> Lax.add(v, 1.0f),
              (NDArray v) -> Lax.mul(v, 2.0f), s.carry());
          return List.of(Lax.add(st.get(0), 1), q, st.get(1));
        }, List.of(Lax.convertElementType(0, DType.INT32), x, Lax.neg(x)))).apply(a);
    check(w, List.of(a));
    Array xs = f32(5, 4, 3);
    Array c0 = f32(3);
    ClosedJaxpr ss = Jax.makeJaxpr((NDArray x, NDArray c) -> {
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray cc, NDArray row) -> {
        Lax.Step<NDArray, NDArray> in = Lax.scan((NDArray k, NDArray e) -> {
          NDArray n = Lax.add(k, e);
          return new Lax.Step<>(n, n);
        }, cc, row, null, true, 2);
        NDArray wl = Lax.whileLoop((NDArray u) -> Lax.lt(Lax.reduceSum(u, 0), 0.0f),
            (NDArray u) -> Lax.add(u, 0.75f), in.carry());
        return new Lax.Step<>(wl, in.y());
      }, c, x);
      return List.of(s.carry(), s.y());
    }).apply(xs, c0);
    check(ss, List.of(xs, c0));
  }

  /** A program running nested loops from many threads gets the same answers (frames per run). */
  @Test
  void nestedConcurrentRuns() throws Exception {
    Array xs = f32(30, 3);
    Array c0 = f32(3);
    ClosedJaxpr p = nested(xs, c0);
    CpuProgram c = compile(p);
    List<Array> want = c.execute(List.of(xs, c0));
    List<Throwable> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    List<Thread> ts = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th = new Thread(() -> {
        try {
          for (int r = 0; r < 5; r++) {
            List<Array> got = c.execute(List.of(xs, c0));
            assertArrayEquals(want.get(1).toFloatArray(), got.get(1).toFloatArray());
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      th.start();
      ts.add(th);
    }
    for (Thread th : ts) {
      th.join();
    }
    assertEquals(List.of(), errors);
  }
}
