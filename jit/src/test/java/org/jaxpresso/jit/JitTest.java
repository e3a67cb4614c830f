package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.errors.TracerBoolConversionError;
import org.jaxpresso.core.errors.TracerIntegerConversionError;
import org.jaxpresso.core.errors.UnexpectedTracerError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

class JitTest {
  private static Array f32(float... v) {
    return Array.of(v, v.length);
  }

  @Test
  void jitComputesWhatTheFunctionComputes() {
    Function<NDArray, NDArray> f = x -> Lax.add(Lax.add(x, 1.0), x);
    Function<NDArray, NDArray> g = Jax.jit(f);
    Array x = f32(1, 2, 3);
    assertEquals(List.of(3.0, 5.0, 7.0), toList(g.apply(x)));
    assertEquals(toList(f.apply(x)), toList(g.apply(x)));
  }

  @Test
  void sameSignatureNeverRetracesNewOneTracesOnce() {
    AtomicInteger sideEffects = new AtomicInteger();
    Jitted j = Jax.jitted(args -> {
      sideEffects.incrementAndGet();
      return Lax.add(args[0], 1.0);
    }, 1);
    j.call(f32(1, 2, 3));
    j.call(f32(4, 5, 6));
    assertEquals(1, j.traceCount());
    assertEquals(1, sideEffects.get(), "Java side effects run only while tracing");
    j.call(f32(1, 2, 3, 4));
    assertEquals(2, j.traceCount(), "a new shape traces again");
    Jitted twice = Jax.jitted(args -> Lax.add(args[0], args[0]), 1);
    twice.call(f32(1, 2, 3));
    twice.call(Array.of(new int[] {1, 2, 3}, 3));
    twice.call(Array.fromDoubles(DType.FLOAT16, new double[] {1, 2, 3}, 3));
    twice.call(Array.of(new int[] {4, 5, 6}, 3));
    assertEquals(3, twice.traceCount(), "a new dtype traces again");
    int before = j.traceCount();
    j.call(f32(1, 2, 3).withWeakType(true));
    assertEquals(before + 1, j.traceCount(), "weak and strong types are distinct signatures");
    j.call(1.0);
    j.call(2.0);
    assertEquals(before + 2, j.traceCount(), "Java scalars trace as weak scalars; values are irrelevant");
  }

  @Test
  void javaScalarArgumentsAreTracedAndWeak() {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], args[1]), 2);
    Array r = (Array) j.call(1.0, 2.0);
    assertEquals(3.0, r.getDouble(0));
    assertTrue(r.weakType(), "jit preserves weak types");
    ClosedJaxpr jaxpr = Jax.makeJaxpr((Object a, Object b) -> Lax.add(a, b)).apply(1.0, 2.0);
    assertTrue(jaxpr.jaxpr().invars().get(0).aval().weakType());
  }

  @Test
  void staticArgumentsArePartOfTheKey() {
    AtomicInteger traces = new AtomicInteger();
    BiFunction<NDArray, Integer, NDArray> f = Jax.jit((NDArray x, Integer n) -> {
      traces.incrementAndGet();
      NDArray r = x;
      for (int i = 0; i < n; i++) {
        r = Lax.add(r, 1.0);
      }
      return r;
    }, Jax.staticArgnums(1));
    assertEquals(List.of(3.0), toList(f.apply(f32(0), 3)));
    assertEquals(List.of(5.0), toList(f.apply(f32(2), 3)));
    assertEquals(1, traces.get());
    assertEquals(List.of(2.0), toList(f.apply(f32(0), 2)));
    assertEquals(2, traces.get());
  }

  @Test
  void tracedJavaBooleanUsedAsBooleanIsATracerBoolConversionError() {
    BiFunction<NDArray, Boolean, NDArray> f = Jax.jit((NDArray x, Boolean neg) -> neg ? Lax.add(x, x) : x);
    TracerBoolConversionError e = assertThrows(TracerBoolConversionError.class, () -> f.apply(f32(1), true));
    assertTrue(e.getMessage().startsWith("Attempted boolean conversion of traced array with shape bool[]."), e.getMessage());
    assertTrue(e.getMessage().contains("argument 1"), e.getMessage());
    assertTrue(e.getMessage().contains("Jax.staticArgnums(1)"), e.getMessage());
    BiFunction<NDArray, Boolean, NDArray> g =
        Jax.jit((NDArray x, Boolean neg) -> neg ? Lax.add(x, x) : x, Jax.staticArgnums(1));
    assertEquals(List.of(2.0), toList(g.apply(f32(1), true)));
    assertEquals(List.of(1.0), toList(g.apply(f32(1), false)));
    BiFunction<NDArray, Integer, NDArray> h = Jax.jit((NDArray x, Integer n) -> n > 0 ? x : x);
    assertThrows(TracerIntegerConversionError.class, () -> h.apply(f32(1), 2));
  }

  @Test
  void unhashableStaticArgumentsAreRejected() {
    BiFunction<NDArray, int[], NDArray> f = Jax.jit((NDArray x, int[] s) -> x, Jax.staticArgnums(1));
    JaxValueError e = assertThrows(JaxValueError.class, () -> f.apply(f32(1), new int[] {1}));
    assertTrue(e.getMessage().startsWith("Non-hashable static arguments are not supported."), e.getMessage());
  }

  @Test
  void nestedJitIsAJitEquation() {
    Function<NDArray, NDArray> inner = Jax.jit(x -> Lax.add(x, 2.0), Jax.name("inner"));
    ClosedJaxpr j = Jax.makeJaxpr((NDArray x) -> Lax.add(inner.apply(x), 1.0)).apply(f32(1, 2, 3));
    List<Eqn> eqns = j.jaxpr().eqns();
    assertEquals(2, eqns.size());
    assertEquals("jit", eqns.get(0).primitive().name());
    assertEquals("inner", eqns.get(0).params().get("name"));
    ClosedJaxpr body = eqns.get(0).params().get("jaxpr", ClosedJaxpr.class);
    assertEquals("add", body.jaxpr().eqns().get(0).primitive().name());
    // and it runs
    Function<NDArray, NDArray> outer = Jax.jit((NDArray x) -> Lax.add(inner.apply(x), 1.0));
    assertEquals(List.of(4.0, 5.0, 6.0), toList(outer.apply(f32(1, 2, 3))));
  }

  @Test
  void closedOverArraysAreConstvarsAndScalarsAreLiterals() {
    Array c = f32(10, 20, 30);
    ClosedJaxpr j = Jax.makeJaxpr((NDArray x) -> Lax.add(Lax.add(x, c), 1.0)).apply(f32(1, 2, 3));
    assertEquals(1, j.jaxpr().constvars().size());
    assertEquals(List.of(c), j.consts());
    Eqn second = j.jaxpr().eqns().get(1);
    assertInstanceOf(Literal.class, second.inputs().get(1));
    assertEquals("1.0:f32[]", second.inputs().get(1).toString());
    Function<NDArray, NDArray> f = Jax.jit((NDArray x) -> Lax.add(Lax.add(x, c), 1.0));
    assertEquals(List.of(12.0, 23.0, 34.0), toList(f.apply(f32(1, 2, 3))));
  }

  @Test
  void pytreesGoInAndComeOut() {
    Function<Map<String, NDArray>, List<NDArray>> f =
        Jax.jit(m -> List.of(Lax.add(m.get("a"), m.get("b")), m.get("a")));
    List<NDArray> out = f.apply(Map.of("a", f32(1), "b", f32(2)));
    assertEquals(List.of(3.0), toList(out.get(0)));
    assertEquals(List.of(1.0), toList(out.get(1)));
    record Pair(NDArray x, NDArray y) {}
    Function<Pair, Pair> swap = Jax.jit(p -> new Pair(p.y(), Lax.add(p.x(), 1.0)));
    Pair p = swap.apply(new Pair(f32(1), f32(5)));
    assertEquals(List.of(5.0), toList(p.x()));
    assertEquals(List.of(2.0), toList(p.y()));
  }

  @Test
  void aLeakedTracerIsAnUnexpectedTracerError() {
    List<NDArray> leak = new ArrayList<>();
    Function<NDArray, NDArray> f = Jax.jit(x -> {
      NDArray y = Lax.add(x, 1.0);
      leak.add(y);
      return y;
    });
    f.apply(f32(1));
    assertThrows(UnexpectedTracerError.class, () -> Lax.add(leak.get(0), 1.0));
    Function<NDArray, NDArray> g = Jax.jit(x -> Lax.add(x, leak.get(0)));
    assertThrows(UnexpectedTracerError.class, () -> g.apply(f32(1)));
  }

  @Test
  void disableJitRunsEagerly() {
    AtomicInteger calls = new AtomicInteger();
    Function<NDArray, NDArray> f = Jax.jit(x -> {
      calls.incrementAndGet();
      assertInstanceOf(Array.class, x);
      return Lax.add(x, 1.0);
    });
    Jax.disableJit(() -> {
      f.apply(f32(1));
      f.apply(f32(1));
      return null;
    });
    assertEquals(2, calls.get());
  }

  @Test
  void concurrentCallsTraceEachSignatureOnce() throws Exception {
    Jitted j = Jax.jitted(args -> Lax.add(args[0], 1.0), 1);
    Array[] inputs = {f32(1), f32(1, 2), f32(1, 2, 3), f32(1, 2, 3, 4)};
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        final int seed = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 1000; i++) {
            Array x = inputs[(seed + i) % 4];
            Array r = (Array) j.call(x);
            if (r.size() != x.size() || r.getDouble(0) != 2.0) {
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
    assertEquals(4, j.cacheSize());
  }

  @Test
  void makeJaxprRecordsEquationsWithAvals() {
    ClosedJaxpr j = Jax.makeJaxpr((NDArray x, NDArray y) -> Lax.add(Lax.add(x, 1.0), y))
        .apply(Array.of(new float[12], 3, 4), Array.of(new float[4], 1, 4));
    List<Var> in = j.jaxpr().invars();
    assertEquals("f32[3,4]", in.get(0).aval().shortStr());
    assertEquals("f32[1,4]", in.get(1).aval().shortStr());
    assertEquals(2, j.jaxpr().eqns().size());
    assertEquals("f32[3,4]", j.jaxpr().outvars().get(0).aval().shortStr());
  }

  @Test
  void concreteValuesOfTracersRaiseJaxErrorsNamingTheArgument() {
    BiFunction<NDArray, NDArray, NDArray> f = Jax.jit((NDArray x, NDArray neg) -> neg.bool() ? x : x);
    TracerBoolConversionError b = assertThrows(TracerBoolConversionError.class,
        () -> f.apply(f32(1), Array.scalar(true)));
    assertEquals("Attempted boolean conversion of traced array with shape bool[].\n"
        + "The error occurred while tracing the function <lambda> for jit. This concrete value was not"
        + " available in Java because it depends on the value of argument 1.\n"
        + "See https://docs.jax.dev/en/latest/errors.html#jax.errors.TracerBoolConversionError", b.getMessage());
    Function<NDArray, NDArray> g = Jax.jit(x -> Lax.add(x, x.intValue()));
    org.jaxpresso.core.errors.ConcretizationTypeError c =
        assertThrows(org.jaxpresso.core.errors.ConcretizationTypeError.class, () -> g.apply(Array.scalar(1, DType.INT32)));
    assertTrue(c.getMessage().startsWith("Abstract tracer value encountered where concrete value is expected:"
        + " traced array with shape int32[]\nThe problem arose with the `int` function."), c.getMessage());
    Function<NDArray, NDArray> h = Jax.jit(x -> {
      x.toFloatArray();
      return x;
    });
    org.jaxpresso.core.errors.TracerArrayConversionError a =
        assertThrows(org.jaxpresso.core.errors.TracerArrayConversionError.class, () -> h.apply(f32(1, 2)));
    assertTrue(a.getMessage().startsWith("The numpy.ndarray conversion method __array__() was called on traced"
        + " array with shape float32[2]\nThe error occurred while tracing"), a.getMessage());
    Function<NDArray, NDArray> k = Jax.jit(x -> Lax.add(x, Lax.add(x, x).floatValue()));
    org.jaxpresso.core.errors.ConcretizationTypeError d =
        assertThrows(org.jaxpresso.core.errors.ConcretizationTypeError.class, () -> k.apply(Array.scalar(1, DType.FLOAT32)));
    assertTrue(d.getMessage().contains("This value became a tracer due to JAX operations on these lines:\n\n"
        + "  operation f32[] = add"), d.getMessage());
  }

  @Test
  void aheadOfTimeLowerAndCompile() {
    JitFunction<NDArray, NDArray> f = Jax.jit(x -> Lax.add(x, 1.0));
    Lowered lowered = f.lower(f32(1, 2, 3));
    assertEquals("{ lambda ; a:f32[3]. let b:f32[3] = add a 1.0:f32[] in (b,) }", lowered.asText());
    Compiled c = lowered.compile();
    assertEquals(List.of(2.0, 3.0, 4.0), toList((NDArray) c.call(f32(1, 2, 3))));
    org.jaxpresso.core.errors.JaxTypeError e = assertThrows(org.jaxpresso.core.errors.JaxTypeError.class,
        () -> c.call(f32(1, 2, 3, 4)));
    assertTrue(e.getMessage().startsWith("Argument types differ from the types for which this computation was"
        + " compiled."), e.getMessage());
    assertTrue(e.getMessage().endsWith("Argument 0 compiled with float32[3] and called with float32[4]"), e.getMessage());
    assertEquals(1, f.jitted().traceCount(), "lowering traced once; compiled calls never retrace");
  }

  @Test
  void threeAndFourArgumentFunctions() {
    org.jaxpresso.Function3<NDArray, NDArray, NDArray, NDArray> f =
        Jax.jit((NDArray a, NDArray b, NDArray c) -> Lax.add(Lax.add(a, b), c));
    assertEquals(List.of(6.0), toList(f.apply(f32(1), f32(2), f32(3))));
    org.jaxpresso.Function4<NDArray, NDArray, NDArray, Integer, NDArray> g =
        Jax.jit((NDArray a, NDArray b, NDArray c, Integer k) -> k > 0 ? Lax.add(a, b) : c, Jax.staticArgnums(3));
    assertEquals(List.of(3.0), toList(g.apply(f32(1), f32(2), f32(9), 1)));
    assertEquals(List.of(9.0), toList(g.apply(f32(1), f32(2), f32(9), 0)));
    ClosedJaxpr j = Jax.makeJaxpr((NDArray a, NDArray b, NDArray c) -> Lax.add(Lax.add(a, b), c))
        .apply(f32(1), f32(2), f32(3));
    assertEquals("{ lambda ; a:f32[1] b:f32[1] c:f32[1]. let\n    d:f32[1] = add a b\n    e:f32[1] = add d c\n"
        + "  in (e,) }", j.toString());
  }

  @Test
  void makeJaxprTakesStaticArguments() {
    ClosedJaxpr j = Jax.makeJaxpr((NDArray x, Double s) -> Lax.mul(x, s), Jax.staticArgnums(1)).apply(f32(1, 2), 3.0);
    assertEquals("{ lambda ; a:f32[2]. let b:f32[2] = mul a 3.0:f32[] in (b,) }", j.toString());
  }

  private static List<Double> toList(NDArray a) {
    List<Double> out = new ArrayList<>();
    for (double d : ((Array) a).toDoubleArray()) {
      out.add(d);
    }
    return out;
  }
}
