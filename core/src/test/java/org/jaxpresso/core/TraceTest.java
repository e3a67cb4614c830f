package org.jaxpresso.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.UnexpectedTracerError;
import org.junit.jupiter.api.Test;

/** The trace stack and eager dispatch, with a locally declared primitive. */
class TraceTest {
  static final AtomicInteger ABSTRACT_EVALS = new AtomicInteger();

  /** twice x: floats only, a test primitive with both rules. */
  static final Primitive TWICE = Primitive.builder("test_twice")
      .abstractEval((avals, params) -> {
        ABSTRACT_EVALS.incrementAndGet();
        if (!avals.get(0).dtype().isFloating()) {
          throw new JaxTypeError("test_twice does not accept dtype " + avals.get(0).dtype());
        }
        return List.of(avals.get(0));
      })
      .impl((args, params) -> {
        Array x = args.get(0);
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
          v[i] *= 2;
        }
        return List.of(Array.fromDoubles(x.dtype(), v, x.shape()).withWeakType(x.weakType()));
      })
      .buildUnregistered();

  /** A tracer of a toy staging trace that records what it sees. */
  static final class RecordingTracer extends Tracer {
    final RecordingTrace trace;
    final ShapedArray aval;

    RecordingTracer(RecordingTrace trace, ShapedArray aval) {
      this.trace = trace;
      this.aval = aval;
    }

    @Override
    public Trace trace() {
      return trace;
    }

    @Override
    public ShapedArray aval() {
      return aval;
    }
  }

  static final class RecordingTrace extends Trace {
    final List<String> seen = new ArrayList<>();

    @Override
    public List<NDArray> processPrimitive(Primitive p, List<NDArray> args, Params params) {
      seen.add(p.name());
      List<ShapedArray> avals = new ArrayList<>();
      for (NDArray a : args) {
        avals.add(a.aval());
      }
      List<NDArray> out = new ArrayList<>();
      for (ShapedArray a : p.abstractEval(avals, params)) {
        out.add(new RecordingTracer(this, a));
      }
      return out;
    }
  }

  @Test
  void eagerBindComputesThroughTheBackend() {
    Array x = Array.of(new float[] {1, 2}, 2);
    Array y = (Array) TWICE.bind1(Params.EMPTY, x);
    assertEquals(4.0, y.getDouble(1));
    assertSame(EvalTrace.INSTANCE, Trace.current());
  }

  @Test
  void eagerCompilesOncePerSignature() {
    Array x = Array.of(new float[] {1, 2, 3}, 3);
    TWICE.bind1(Params.EMPTY, x);
    int before = ABSTRACT_EVALS.get();
    int cached = Dispatch.cacheSize();
    for (int i = 0; i < 5; i++) {
      TWICE.bind1(Params.EMPTY, Array.of(new float[] {i, i, i}, 3));
    }
    assertEquals(before, ABSTRACT_EVALS.get(), "a cached signature does not re-run the shape rule");
    assertEquals(cached, Dispatch.cacheSize());
    TWICE.bind1(Params.EMPTY, x.withWeakType(true));
    assertEquals(cached + 1, Dispatch.cacheSize(), "weak and strong avals are distinct signatures");
  }

  @Test
  void invalidInputRaisesAndLeavesTheCacheAlone() {
    int cached = Dispatch.cacheSize();
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> TWICE.bind1(Params.EMPTY, Array.of(new int[] {1}, 1)));
    assertEquals("test_twice does not accept dtype int32", e.getMessage());
    assertEquals(cached, Dispatch.cacheSize());
  }

  @Test
  void bindGoesToTheInstalledTrace() {
    RecordingTrace t = new RecordingTrace();
    NDArray out = Trace.with(t, () -> {
      NDArray a = TWICE.bind1(Params.EMPTY, new RecordingTracer(t, ShapedArray.of(DType.FLOAT32, 3)));
      return TWICE.bind1(Params.EMPTY, a);
    });
    assertEquals(List.of("test_twice", "test_twice"), t.seen);
    assertTrue(out instanceof RecordingTracer);
    assertEquals("RecordingTracer(float32[3])", out.repr());
    assertSame(EvalTrace.INSTANCE, Trace.current(), "the previous trace is restored");
  }

  @Test
  void aLeakedTracerUsedEagerlyIsAnUnexpectedTracerError() {
    RecordingTrace t = new RecordingTrace();
    NDArray leaked = Trace.with(t, () -> TWICE.bind1(Params.EMPTY, new RecordingTracer(t, ShapedArray.of(DType.FLOAT32))));
    UnexpectedTracerError e = assertThrows(UnexpectedTracerError.class, () -> TWICE.bind1(Params.EMPTY, leaked));
    assertTrue(e.getMessage().startsWith("Encountered an unexpected tracer. A function transformed by JAX had a side effect,"
        + " allowing for a reference to an intermediate value with type float32[] wrapped in a RecordingTracer"), e.getMessage());
  }

  @Test
  void tracesArePerThread() throws Exception {
    RecordingTrace t = new RecordingTrace();
    Trace.with(t, () -> {
      java.util.concurrent.atomic.AtomicReference<Trace> seen = new java.util.concurrent.atomic.AtomicReference<>();
      Thread other = new Thread(() -> seen.set(Trace.current()));
      other.start();
      try {
        other.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      assertSame(EvalTrace.INSTANCE, seen.get());
      assertSame(t, Trace.current());
      return null;
    });
  }

  @Test
  void primitivesRegisterOnceByName() {
    Primitive p = Primitive.builder("test_registered_once").abstractEval((a, q) -> a).build();
    assertSame(p, Primitive.lookup("test_registered_once"));
    assertTrue(Primitive.registered().contains(p));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Primitive.builder("test_registered_once").build());
    assertEquals("primitive test_registered_once is already declared", e.getMessage());
    IllegalStateException noImpl = assertThrows(IllegalStateException.class,
        () -> p.impl(List.of(), Params.EMPTY));
    assertEquals("primitive test_registered_once has no reference implementation", noImpl.getMessage());
  }

  @Test
  void theEagerCacheIsBounded() {
    org.jaxpresso.core.backend.Dispatch.clearCache();
    for (int n = 1; n <= 9000; n++) {
      TWICE.bind1(Params.EMPTY, Array.of(new float[n % 9000 + 1], n % 9000 + 1));
    }
    assertTrue(Dispatch.cacheSize() <= 8192, "cache size " + Dispatch.cacheSize());
    assertEquals(4.0, ((Array) TWICE.bind1(Params.EMPTY, Array.of(new float[] {2}, 1))).getDouble(0));
  }
}
