package org.jaxpresso.lax.internal.controlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * The eager cache key of control flow ({@link EagerKey}): equal for the same function traced
 * again, different when a literal, a weak type or a closed-over constant differs; and eager
 * loops compiled once per key through {@link Dispatch}, with the right values.
 */
class EagerKeyTest {

  /** The key of the scan equation that {@code fn} (one operand) traces to. */
  private static EagerKey keyOf(Function<NDArray, NDArray> fn, Array x) {
    ClosedJaxpr p = JaxprTrace.trace(args -> fn.apply((NDArray) args[0]), new Object[] {x},
        "f", "make_jaxpr").jaxpr();
    Jaxpr j = p.jaxpr();
    var e = j.eqns().get(j.eqns().size() - 1);
    List<org.jaxpresso.core.ShapedArray> avals = e.inputs().stream().map(a -> a.aval())
        .toList();
    return EagerKey.of(e.primitive(), e.params(), avals);
  }

  private static NDArray loop(NDArray x, float factor) {
    return Lax.foriLoop(0, 4, (NDArray i, NDArray v) -> Lax.mul(v, factor), x);
  }

  @Test
  void sameFunctionSameKey() {
    Array x = Array.of(new float[] {1, 2}, 2);
    EagerKey k = keyOf(v -> loop(v, 2f), x);
    assertEquals(k, keyOf(v -> loop(v, 2f), x));
    assertEquals(k.hashCode(), keyOf(v -> loop(v, 2f), x).hashCode());
    assertEquals(true, k.text().contains("scan["), k.text());
  }

  @Test
  void literalValueChangesTheKey() {
    Array x = Array.of(new float[] {1, 2}, 2);
    assertNotEquals(keyOf(v -> loop(v, 2f), x), keyOf(v -> loop(v, 3f), x));
  }

  @Test
  void weakTypeChangesTheKey() {
    Array strong = Array.scalar(1.0, DType.FLOAT32);
    Array weak = strong.withWeakType(true);
    EagerKey ks = keyOf(v -> loop(v, 2f), strong);
    EagerKey kw = keyOf(v -> loop(v, 2f), weak);
    assertEquals(ks.text(), kw.text());
    assertNotEquals(ks, kw);
  }

  @Test
  void identityKeyComparesByReference() {
    Array a = Array.of(new float[] {1}, 1);
    Array b = Array.of(new float[] {1}, 1);
    assertEquals(new EagerKey.Identity(a), new EagerKey.Identity(a));
    assertNotEquals(new EagerKey.Identity(a), new EagerKey.Identity(b));
  }

  @Test
  void eagerLoopsCompileOncePerStructure() {
    Array x = Array.of(new float[] {1, -2, 3}, 3);
    int before = Dispatch.cacheSize();
    NDArray a = loop(x, 2f);
    int after = Dispatch.cacheSize();
    NDArray b = loop(x, 2f);
    assertEquals(before + 1, after);
    assertEquals(after, Dispatch.cacheSize());
    assertEquals(List.of(16.0f, -32.0f, 48.0f), floats(a));
    assertEquals(floats(a), floats(b));
    // A closed-over array becomes an operand: same structure, new values.
    Array c1 = Array.of(new float[] {1, 1, 1}, 3);
    Array c2 = Array.of(new float[] {5, 6, 7}, 3);
    NDArray r1 = Lax.foriLoop(0, 2, (NDArray i, NDArray v) -> Lax.add(v, c1), x);
    int mid = Dispatch.cacheSize();
    NDArray r2 = Lax.foriLoop(0, 2, (NDArray i, NDArray v) -> Lax.add(v, c2), x);
    assertEquals(mid, Dispatch.cacheSize());
    assertEquals(List.of(3.0f, 0.0f, 5.0f), floats(r1));
    assertEquals(List.of(11.0f, 10.0f, 17.0f), floats(r2));
  }

  private static List<Float> floats(NDArray a) {
    float[] f = ((Array) a).toFloatArray();
    List<Float> l = new java.util.ArrayList<>();
    for (float v : f) {
      l.add(v);
    }
    return l;
  }
}
