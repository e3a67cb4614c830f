package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.TracerBoolConversionError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * Control flow under {@code Jax.jit}: every function here computes the same under jit as
 * eagerly, and the values are checked against hand-computed ones.
 */
class ControlFlowJitTest {
  private static NDArray f32(float... v) {
    return Array.of(v, v.length);
  }

  private static NDArray s(double v) {
    return Array.scalar(v, DType.FLOAT32);
  }

  private static NDArray i32(long v) {
    return Array.scalar(v, DType.INT32);
  }

  private static float[] floats(Object x) {
    return ((Array) x).toFloatArray();
  }

  /** Runs {@code f} eagerly and jitted on {@code x} and checks both give {@code expected}. */
  private static <A> void same(Function<A, NDArray> f, A x, float... expected) {
    assertArrayEquals(expected, floats(f.apply(x)), "eager");
    Function<A, NDArray> g = Jax.jit(f);
    assertArrayEquals(expected, floats(g.apply(x)), "jit");
    assertArrayEquals(expected, floats(g.apply(x)), "jit, cached");
  }

  private static <A, B> void same(BiFunction<A, B, NDArray> f, A x, B y, float... expected) {
    assertArrayEquals(expected, floats(f.apply(x, y)), "eager");
    BiFunction<A, B, NDArray> g = Jax.jit(f);
    assertArrayEquals(expected, floats(g.apply(x, y)), "jit");
  }

  @Test
  void condOnATracedPredicate() {
    Function<NDArray, NDArray> f = x -> Lax.cond(Lax.gt(Lax.reduceSum(x, 0), 0.0),
        (NDArray y) -> Lax.mul(y, 2.0), y -> Lax.neg(y), x);
    same(f, f32(1, 2), 2, 4);
    same(f, f32(-1, -2), 1, 2);
  }

  @Test
  void switchOnATracedIndex() {
    List<Function<NDArray, NDArray>> branches = List.of(y -> Lax.add(y, 1.0),
        y -> Lax.sub(y, 2.0), y -> Lax.mul(y, 3.0));
    BiFunction<NDArray, NDArray, NDArray> f = (i, x) -> Lax.switchCase(i, branches, x);
    same(f, i32(-3), s(5), 6);
    same(f, i32(1), s(5), 3);
    same(f, i32(2), s(5), 15);
    same(f, i32(40), s(5), 15);
  }

  @Test
  void whileWithATracedBoundAndZeroTrips() {
    BiFunction<NDArray, NDArray, NDArray> f = (x, limit) -> Lax.whileLoop(
        c -> Lax.lt(c, limit), c -> Lax.mul(c, 2.0), x);
    same(f, s(1), s(10), 16);
    same(f, s(100), s(10), 100);
  }

  @Test
  void foriWithTracedBoundsIncludingEmptyRanges() {
    BiFunction<NDArray, NDArray, NDArray> f = (lo, hi) -> Lax.convertElementType(
        Lax.foriLoop(lo, hi, (i, acc) -> Lax.add(acc, Lax.mul(i, i)), i32(0)), DType.FLOAT32);
    same(f, i32(0), i32(4), 14);
    same(f, i32(2), i32(4), 13);
    same(f, i32(5), i32(1), 0);
    ClosedJaxpr j = Jax.makeJaxpr(f).apply(i32(0), i32(4));
    assertTrue(j.toString().contains("= while["), j.toString());
  }

  @Test
  void foriWithStaticBoundsUnderJitIsAScan() {
    Function<NDArray, NDArray> f = x -> Lax.foriLoop(0, 5, (i, c) -> Lax.add(Lax.mul(c, 2.0),
        Lax.convertElementType(i, DType.FLOAT32)), x);
    // c: 1 -> 2 -> 5 -> 12 -> 27 -> 58
    same(f, s(1), 58);
    assertTrue(Jax.makeJaxpr(f).apply(s(1)).toString().contains("length=5"));
  }

  @Test
  void nestedLoopsWithTracedBounds() {
    // sum_{i<n} sum_{j<i} (i * j): n = 4 -> 0 + 0 + 2 + (3 + 6) = 11
    Function<NDArray, NDArray> f = n -> Lax.convertElementType(Lax.foriLoop(0, n,
        (i, acc) -> Lax.add(acc, Lax.foriLoop(0, i, (j, a) -> Lax.add(a, Lax.mul(i, j)),
            i32(0))), i32(0)), DType.FLOAT32);
    same(f, i32(4), 11);
    same(f, i32(0), 0);
  }

  @Test
  void loopsInsideCond() {
    BiFunction<NDArray, NDArray, NDArray> f = (p, x) -> Lax.cond(p,
        (NDArray y) -> Lax.whileLoop(c -> Lax.lt(Lax.reduceSum(c, 0), 50.0),
            c -> Lax.mul(c, 3.0), y),
        y -> Lax.scan((NDArray c, NDArray v) -> new Lax.Step<>(Lax.add(c, v), c), s(0), y)
            .y(), x);
    same(f, Array.scalar(true), f32(1, 2), 27, 54);
    same(f, Array.scalar(false), f32(1, 2), 0, 1);
  }

  @Test
  void scansWithSeveralCarriesOutputsAndReverse() {
    record Carry(NDArray sum, NDArray count) {}
    Function<NDArray, NDArray> f = xs -> {
      Lax.Step<Carry, List<NDArray>> r = Lax.scan((Carry c, NDArray x) -> new Lax.Step<>(
          new Carry(Lax.add(c.sum(), x), Lax.add(c.count(), 1.0)),
          List.of(c.sum(), Lax.mul(x, x))), new Carry(s(0), s(0)), xs, null, true, 1);
      return Lax.concatenate(List.of(Lax.broadcastInDim(r.carry().sum(), new int[] {1},
          new int[] {}), Lax.broadcastInDim(r.carry().count(), new int[] {1}, new int[] {}),
          r.y().get(0), r.y().get(1)), 0);
    };
    // reverse: sums seen before each step are 9, 7, 4, 0 for xs = 1 2 3 4
    same(f, f32(1, 2, 3, 4), 10, 4, 9, 7, 4, 0, 1, 4, 9, 16);
  }

  @Test
  void closuresOverJitArgumentsBecomeOperands() {
    BiFunction<NDArray, NDArray, NDArray> f = (xs, w) -> Lax.map(
        (NDArray x) -> Lax.cond(Lax.gt(x, 0.0), () -> Lax.mul(x, w), () -> Lax.neg(x)), xs);
    same(f, f32(1, -2, 3), s(10), 10, 2, 30);
    ClosedJaxpr j = Jax.makeJaxpr(f).apply(f32(1, -2, 3), s(10));
    assertTrue(j.toString().contains("] b a"), j.toString());
  }

  @Test
  void jittedFunctionsInsideBodies() {
    Function<NDArray, NDArray> step = Jax.jit(c -> Lax.add(Lax.mul(c, 2.0), 1.0),
        Jax.name("step"));
    Function<NDArray, NDArray> f = x -> Lax.foriLoop(0, 3, (i, c) -> step.apply(c), x);
    same(f, s(0), 7);
    String text = Jax.makeJaxpr(f).apply(s(0)).toString();
    assertTrue(text.contains("= jit[") && text.contains("name=step"), text);
  }

  @Test
  void zeroLengthScanUnderJit() {
    Function<NDArray, NDArray> f = xs -> Lax.scan((NDArray c, NDArray x) -> new Lax.Step<>(
        Lax.add(c, x), x), s(3), xs).carry();
    same(f, Array.of(new float[0], 0), 3);
  }

  @Test
  void errorsAreTheSameUnderJit() {
    Function<NDArray, NDArray> bad = x -> Lax.whileLoop(c -> Lax.lt(Lax.reduceSum(c, 0), 9.0),
        c -> Lax.convertElementType(c, DType.INT32), x);
    JaxTypeError eager = assertThrows(JaxTypeError.class, () -> bad.apply(f32(1)));
    JaxTypeError jitted = assertThrows(JaxTypeError.class, () -> Jax.jit(bad).apply(f32(1)));
    assertEquals(eager.getMessage(), jitted.getMessage());
    assertTrue(eager.getMessage().contains("has type float32[1] but the corresponding output"
        + " carry component has type int32[1]"), eager.getMessage());
  }

  @Test
  void javaIfOnATracedValueStillFailsAndPointsToCond() {
    Function<NDArray, NDArray> f = x -> Lax.cond(Lax.gt(x, 0.0), (NDArray y) -> {
      if (y.bool()) {
        return y;
      }
      return Lax.neg(y);
    }, y -> y, x);
    assertThrows(TracerBoolConversionError.class, () -> Jax.jit(f).apply(s(1)));
  }

  @Test
  void aJittedLoopTracesOncePerSignature() {
    Jitted j = Jax.jitted(a -> Lax.foriLoop(0, a[1], (i, c) -> Lax.add(c, 1.0), (NDArray) a[0]),
        2);
    assertEquals(3f, ((Array) j.call(s(0), i32(3))).floatValue());
    assertEquals(5f, ((Array) j.call(s(0), i32(5))).floatValue());
    assertEquals(1, j.traceCount());
  }

  @Test
  void eagerControlFlowDoesNotGrowTheDispatchCache() {
    NDArray x = f32(1, 2);
    Function<NDArray, NDArray> f = y -> Lax.scan((NDArray c, NDArray v) -> new Lax.Step<>(
        Lax.add(c, v), c), s(0), y).y();
    f.apply(x);
    int size = org.jaxpresso.core.backend.Dispatch.cacheSize();
    for (int k = 0; k < 5; k++) {
      assertArrayEquals(new float[] {0, 1}, floats(f.apply(x)));
    }
    assertEquals(size, org.jaxpresso.core.backend.Dispatch.cacheSize(),
        "freshly traced sub-jaxprs are run directly, not cached per call");
  }
}
