package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Backend;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.backend.ReferenceBackend;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * The last-signature cache in front of {@link Jitted}'s signature cache: a call that repeats
 * the previous signature skips key building, and any change of signature (dtype, shape, weak
 * type, static value, x64, disabled jit, backend, committed or deleted input, an enclosing
 * trace) goes through the full lookup, tracing when JAX would.
 */
class JitFastPathTest {
  private static Array f32(float... v) {
    return Array.of(v, v.length);
  }

  private static Array i32(int... v) {
    return Array.of(v, v.length);
  }

  @Test
  void repeatedSignatureRunsTheCachedProgramWithFreshValues() {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], 1.0f), 1);
    for (int i = 0; i < 50; i++) {
      Array r = (Array) j.call(f32(i, 2 * i));
      assertEquals(i + 1.0, r.getDouble(0));
      assertEquals(2 * i + 1.0, r.getDouble(1));
    }
    assertEquals(1, j.traceCount());
  }

  @Test
  void dtypeAndShapeChangesMissAndAlternatingSignaturesStayCorrect() {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], args[0]), 1);
    Array f = (Array) j.call(f32(1, 2));
    assertEquals(DType.FLOAT32, f.dtype());
    Array i = (Array) j.call(i32(3, 4));
    assertEquals(DType.INT32, i.dtype(), "an int32 argument must not run the float32 program");
    assertEquals(6.0, i.getDouble(0));
    Array s = (Array) j.call(f32(1, 2, 3));
    assertEquals(3, s.size(), "a new shape must not run the program of the old one");
    assertEquals(3, j.traceCount());
    for (int k = 0; k < 10; k++) {
      assertEquals(DType.FLOAT32, ((Array) j.call(f32(k, k))).dtype());
      Array ik = (Array) j.call(i32(k, k));
      assertEquals(DType.INT32, ik.dtype());
      assertEquals(2.0 * k, ik.getDouble(1));
    }
    assertEquals(3, j.traceCount(), "every signature is traced once");
  }

  @Test
  void weakTypeIsPartOfTheSignature() {
    Jitted j = Jax.jitted(args -> Lax.mul(args[0], 2.0f), 1);
    Array strong = Array.scalar(3.0, DType.FLOAT32);
    Array weak = strong.withWeakType(true);
    assertFalse(((Array) j.call(strong)).aval().weakType());
    Array w = (Array) j.call(weak);
    assertTrue(w.aval().weakType(), "a weak argument must not run the strong program");
    assertEquals(6.0, w.getDouble(0));
    assertFalse(((Array) j.call(strong)).aval().weakType());
    assertEquals(2, j.traceCount());
  }

  @Test
  void staticArgumentsAreCompared() {
    Jitted j = Jax.jitted(args -> Lax.mul(args[0], ((Integer) args[1]).floatValue()), 2,
        Jax.staticArgnums(1));
    assertEquals(4.0, ((Array) j.call(f32(2), 2)).getDouble(0));
    assertEquals(6.0, ((Array) j.call(f32(2), 3)).getDouble(0), "a new static value retraces");
    assertEquals(4.0, ((Array) j.call(f32(2), 2)).getDouble(0));
    assertEquals(2, j.traceCount());
  }

  @Test
  void flippingX64Retraces() {
    List<Boolean> tracedWith = new ArrayList<>();
    Jitted j = Jax.jitted(args -> {
      tracedWith.add(Flags.x64Enabled());
      return Lax.add(args[0], args[0]);
    }, 1);
    boolean before = Flags.x64Enabled();
    try {
      j.call(f32(1));
      j.call(f32(1));
      Flags.setX64(!before);
      j.call(f32(1));
      assertEquals(List.of(before, !before), tracedWith, "the flipped flag must trace again");
      Flags.setX64(before);
      j.call(f32(1));
      assertEquals(2, j.traceCount(), "flipping back finds the first trace");
    } finally {
      Flags.resetX64();
    }
  }

  @Test
  void disablingJitAfterCachedCallsRunsTheFunction() {
    AtomicInteger calls = new AtomicInteger();
    Jitted j = Jax.jitted(args -> {
      calls.incrementAndGet();
      return Lax.add(args[0], 1.0f);
    }, 1);
    j.call(f32(1));
    j.call(f32(1));
    assertEquals(1, calls.get());
    Object eager = Jax.disableJit(() -> j.call(f32(1)));
    assertEquals(2, calls.get(), "with jit disabled the Java function runs");
    assertEquals(2.0, ((Array) eager).getDouble(0));
    j.call(f32(1));
    assertEquals(2, calls.get(), "enabled again, the cached program runs");
  }

  @Test
  void committedArgumentsGiveCommittedResults() {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], 1.0f), 1);
    j.call(f32(1));
    j.call(f32(1));
    Array committed = Jax.devicePut(f32(1), Device.HOST);
    assertTrue(committed.committed());
    assertTrue(((Array) j.call(committed)).committed(), "committed inputs commit the results");
    assertFalse(((Array) j.call(f32(1))).committed());
  }

  @Test
  void deletedArgumentsRaiseAfterCachedCalls() {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], 1.0f), 1);
    j.call(f32(1));
    Array x = f32(2);
    j.call(x);
    x.delete();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> j.call(x));
    assertTrue(e.getMessage().contains("Array has been deleted"), e.getMessage());
  }

  @Test
  void insideATraceTheCallIsStillAnEquation() {
    Jitted inner = Jax.jitted(args -> Lax.add(args[0], 1.0f), 1, Jax.name("inner"));
    inner.call(f32(1, 2));
    inner.call(f32(1, 2));
    ClosedJaxpr outer = Jax.makeJaxpr((NDArray x) -> (NDArray) inner.call(x)).apply(f32(1, 2));
    assertEquals("jit", outer.jaxpr().eqns().get(0).primitive().name());
  }

  @Test
  void listArgumentsMatchOnLengthAndLeafAvals() {
    Jitted j = Jax.jitted(args -> {
      @SuppressWarnings("unchecked")
      List<NDArray> xs = (List<NDArray>) args[0];
      NDArray acc = xs.get(0);
      for (int k = 1; k < xs.size(); k++) {
        acc = Lax.add(acc, xs.get(k));
      }
      return acc;
    }, 1);
    assertEquals(3.0, ((Array) j.call(List.of(f32(1), f32(2)))).getDouble(0));
    assertEquals(7.0, ((Array) j.call(List.of(f32(3), f32(4)))).getDouble(0));
    assertEquals(1, j.traceCount());
    assertEquals(6.0, ((Array) j.call(List.of(f32(1), f32(2), f32(3)))).getDouble(0),
        "a longer list must not run the program of the shorter one");
    Array ints = (Array) j.call(List.of(i32(1), i32(2)));
    assertEquals(DType.INT32, ints.dtype(), "int32 leaves must not run the float32 program");
    assertEquals(3, j.traceCount());
    Array committed = Jax.devicePut(f32(5), Device.HOST);
    assertTrue(((Array) j.call(List.of(committed, f32(1)))).committed());
  }

  @Test
  void nestedAndMapArgumentsStillWork() {
    Jitted j = Jax.jitted(args -> {
      @SuppressWarnings("unchecked")
      java.util.Map<String, NDArray> m = (java.util.Map<String, NDArray>) args[0];
      return Lax.sub(m.get("a"), m.get("b"));
    }, 1);
    for (int k = 0; k < 3; k++) {
      assertEquals(k - 1.0, ((Array) j.call(java.util.Map.of("a", f32(k), "b", f32(1))))
          .getDouble(0));
    }
    assertEquals(1, j.traceCount());
  }

  @Test
  void javaScalarArgumentsMatchOnTheirConvertedAval() {
    Jitted s = Jax.jitted(args -> Lax.add(args[0], args[1]), 2);
    assertEquals(3.0, ((Array) s.call(f32(1), 2.0f)).getDouble(0));
    assertEquals(4.0, ((Array) s.call(f32(1), 3.0f)).getDouble(0), "a traced scalar's value");
    assertEquals(1, s.traceCount());
    Jitted t = Jax.jitted(args -> Lax.add(args[0], args[1]), 2);
    assertEquals(DType.INT32, ((Array) t.call(i32(1), 2)).dtype());
    Array f = (Array) t.call(f32(1), 2.5f);
    assertEquals(3.5, f.getDouble(0), "a Float where an Integer was must trace again");
    assertEquals(2, t.traceCount());
    assertThrows(IllegalArgumentException.class,
        () -> t.call(i32(1), new java.math.BigInteger("2")));
    if (!Flags.x64Enabled()) {
      assertThrows(IllegalArgumentException.class, () -> t.call(i32(1), 1L << 40),
          "a Long beyond int32 is rejected as it converts, on every call");
    }
  }

  @Test
  void changingTheDefaultBackendCompilesWithTheNewOne() {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], 1.0f), 1);
    j.call(f32(1));
    j.call(f32(1));
    AtomicInteger compiled = new AtomicInteger();
    Backends.setDefault(new CountingBackend(compiled));
    try {
      assertEquals(2.0, ((Array) j.call(f32(1))).getDouble(0));
      assertEquals(1, compiled.get(), "the new default backend compiles the signature");
      j.call(f32(1));
      assertEquals(1, compiled.get());
    } finally {
      Backends.setDefault(null);
    }
  }

  @Test
  void concurrentCallsWithAlternatingSignaturesStayCorrect() throws Exception {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], args[0]), 1);
    Array[] inputs = {f32(1), i32(1, 1), f32(1, 1, 1), i32(1, 1, 1, 1)};
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int seed = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2000; i++) {
            // half the threads repeat one signature for a while, half alternate every call
            Array x = inputs[seed % 2 == 0 ? (seed + i / 100) % 4 : (seed + i) % 4];
            Array r = (Array) j.call(x);
            if (r.size() != x.size() || r.dtype() != x.dtype() || r.getDouble(0) != 2.0) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(4, j.traceCount());
  }

  /** The reference backend under another name, counting its compilations. */
  private record CountingBackend(AtomicInteger compiled) implements Backend {
    @Override
    public String platform() {
      return "counting";
    }

    @Override
    public int priority() {
      return 0;
    }

    @Override
    public boolean isAvailable() {
      return true;
    }

    @Override
    public List<Device> devices() {
      return List.of(Device.HOST);
    }

    @Override
    public Executable compile(ClosedJaxpr program) {
      compiled.incrementAndGet();
      Executable e = ReferenceBackend.INSTANCE.compile(program);
      assertInstanceOf(Executable.class, e);
      return e;
    }
  }

  @Test
  void resultsOfACachedCallAreFreshArrays() {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], 1.0f), 1);
    Array a = (Array) j.call(f32(1));
    Array b = (Array) j.call(f32(1));
    assertFalse(a == b);
    assertSame(a.dtype(), b.dtype());
  }
}
