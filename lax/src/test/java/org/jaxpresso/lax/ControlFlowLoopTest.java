package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.lax.primitives.While;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code Lax.whileLoop} and {@code Lax.foriLoop}: eager results, pytrees, nesting, errors. */
class ControlFlowLoopTest {
  private static NDArray f32(float... v) {
    return Array.of(v, v.length);
  }

  private static NDArray s32(long v) {
    return Array.scalar(v, DType.INT32);
  }

  private static float[] floats(Object x) {
    return ((Array) x).toFloatArray();
  }

  private static ClosedJaxpr trace(Function<Object[], Object> fn, Object... args) {
    ClosedJaxpr j = JaxprTrace.trace(fn, args, "<lambda>", "make_jaxpr").jaxpr();
    JaxprChecker.check(j);
    return j;
  }

  private static List<Array> run(ClosedJaxpr j, Array... args) {
    return JaxprInterpreter.eval(j, List.of(args));
  }

  @Test
  void whileDoublesUntilTheCondition() {
    NDArray init = Array.scalar(1.0, DType.FLOAT32);
    NDArray out = Lax.whileLoop(c -> Lax.lt(c, 10.0), c -> Lax.mul(c, 2.0), init);
    assertEquals(16f, ((Array) out).floatValue());
  }

  @Test
  void zeroTripWhileReturnsTheInitialValueWithTheBodysType() {
    NDArray init = f32(50, 60);
    NDArray out = Lax.whileLoop(c -> Lax.lt(Lax.reduceSum(c, 0), 100.0), c -> Lax.mul(c, 2.0),
        init);
    assertArrayEquals(new float[] {50, 60}, floats(out));
    // a weak initial carry the body makes strong comes back strong, as the equation's type says
    NDArray weak = Array.fromJavaScalar(7.0);
    NDArray w = Lax.whileLoop(c -> Lax.lt(c, 0.0),
        c -> Lax.add(Lax.convertElementType(c, DType.FLOAT32), 1.0), weak);
    assertEquals(7f, ((Array) w).floatValue());
    assertFalse(w.weakType());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyDtypeCarriesThroughALoop(DType dtype) {
    // carry (counter, x): x reversed on each of 3 steps
    Array x = Array.fromDoubles(dtype, new double[] {1, 0, 0}, 3);
    List<Object> out = Lax.whileLoop((List<Object> c) -> Lax.lt(c.get(0), 3),
        c -> List.of(Lax.add(c.get(0), 1), Lax.rev(c.get(1), 0)), List.of(s32(0), x));
    Array y = (Array) out.get(1);
    assertEquals(x.aval(), y.aval());
    assertEquals(0.0, y.getDouble(0));
    assertEquals(0.0, y.getDouble(1));
    assertTrue(y.getDouble(2) != 0);
    assertEquals(3, ((Array) out.get(0)).intValue());
  }

  @Test
  void recordCarriesAndJavaScalarLeaves() {
    record State(Object i, Object total) {}
    State s = Lax.whileLoop((State c) -> Lax.lt(c.i(), 5),
        c -> new State(Lax.add(c.i(), 1), Lax.add(c.total(), c.i())), new State(0, 0));
    assertEquals(5, ((Array) s.i()).intValue());
    assertEquals(10, ((Array) s.total()).intValue());
    assertTrue(((Array) s.total()).weakType(), "weak Java ints stay weak through the loop");
  }

  @Test
  void weakInitialCarryIsPromotedToWhatTheBodyReturns() {
    // init 0 (weak int32), body returns float32: the carry becomes float32, as in JAX
    Object out = Lax.whileLoop(
        (Object c) -> Lax.lt(Lax.convertElementType(c, DType.FLOAT32), 2.5),
        c -> Lax.add(Lax.convertElementType(c, DType.FLOAT32), 1.0), (Object) 0);
    Array a = (Array) out;
    assertEquals(DType.FLOAT32, a.dtype());
    assertEquals(3f, a.floatValue());
  }

  @Test
  void nestedLoops() {
    // sum over i < 4 of (sum over j < i of j) = 0 + 0 + 1 + 3 = 4
    Function<List<Object>, List<Object>> outerBody = c -> {
      Object i = c.get(0);
      List<Object> inner = Lax.whileLoop((List<Object> d) -> Lax.lt(d.get(0), i),
          d -> List.of(Lax.add(d.get(0), 1), Lax.add(d.get(1), d.get(0))),
          List.<Object>of(s32(0), s32(0)));
      return List.of(Lax.add(i, 1), Lax.add(c.get(1), inner.get(1)));
    };
    List<Object> out = Lax.whileLoop((List<Object> c) -> Lax.lt(c.get(0), 4), outerBody,
        List.<Object>of(s32(0), s32(0)));
    assertEquals(4, ((Array) out.get(1)).intValue());
    NDArray fori = Lax.foriLoop(0, 4, (i, acc) -> Lax.add(acc,
        Lax.foriLoop(0, i, (j, a) -> Lax.add(a, j), s32(0))), s32(0));
    assertEquals(4, ((Array) fori).intValue());
  }

  @Test
  void loopsInsideCondAndCondInsideLoops() {
    Function<NDArray, NDArray> loop = y -> Lax.foriLoop(0, 3, (i, a) -> Lax.mul(a, 2.0), y);
    NDArray x = Array.scalar(1.5, DType.FLOAT32);
    assertEquals(12f, ((Array) Lax.cond(true, loop, y -> y, x)).floatValue());
    assertEquals(1.5f, ((Array) Lax.cond(false, loop, y -> y, x)).floatValue());
    // collatz steps of 6: 6 3 10 5 16 8 4 2 1 -> 8 steps
    List<NDArray> out = Lax.whileLoop((List<NDArray> c) -> Lax.ne(c.get(0), 1),
        c -> List.of(Lax.cond(Lax.eq(Lax.rem(c.get(0), 2), 0), (NDArray n) -> Lax.div(n, 2),
            n -> Lax.add(Lax.mul(n, 3), 1), c.get(0)), Lax.add(c.get(1), 1)),
        List.of(s32(6), s32(0)));
    assertEquals(8, ((Array) out.get(1)).intValue());
  }

  @Test
  void foriLoopStaticBoundsRunsUpperMinusLowerSteps() {
    NDArray out = Lax.foriLoop(2, 5, (i, x) -> Lax.add(x, i), s32(100));
    assertEquals(109, ((Array) out).intValue());
    assertEquals(100, ((Array) Lax.foriLoop(5, 2, (i, x) -> Lax.add(x, i), s32(100)))
        .intValue(), "upper <= lower runs no step");
    assertEquals(100, ((Array) Lax.foriLoop(3, 3, (i, x) -> Lax.add(x, i), s32(100)))
        .intValue());
    // concrete array bounds count as static
    NDArray arr = Lax.foriLoop(Array.scalar(1L, DType.INT16), 4, (i, x) -> Lax.add(x,
        Lax.convertElementType(i, DType.INT32)), s32(0));
    assertEquals(6, ((Array) arr).intValue());
    assertEquals(6, ((Array) Lax.foriLoop(1, 4, (i, x) -> Lax.add(x, i), s32(0), 2)).intValue());
  }

  @Test
  void foriLoopWithATracedBoundIsAWhileAndComputesTheSame() {
    ClosedJaxpr j = trace(a -> Lax.foriLoop(a[0], a[1], (i, x) -> Lax.add(x, i), s32(100)),
        s32(2), s32(5));
    assertTrue(j.toString().contains("= while["), j.toString());
    assertEquals(109, run(j, (Array) s32(2), (Array) s32(5)).get(0).intValue());
    assertEquals(100, run(j, (Array) s32(5), (Array) s32(2)).get(0).intValue());
    // a weak Java int lower bound takes the traced upper bound's dtype
    ClosedJaxpr k = trace(a -> Lax.foriLoop(1, a[0], (i, x) -> Lax.add(x,
        Lax.convertElementType(i, DType.INT32)), s32(0)), Array.scalar(4L, DType.INT16));
    assertTrue(k.toString().contains("] 1:i16[] a 0:i32[]"), k.toString());
    assertEquals(6, run(k, Array.scalar(4L, DType.INT16)).get(0).intValue());
  }

  @Test
  void carriesThatTheBodyForwardsAndTheConditionIgnoresBecomeBodyConsts() {
    ClosedJaxpr j = trace(a -> Lax.whileLoop((List<NDArray> c) -> Lax.lt(c.get(0), 3.0),
        c -> List.of(Lax.add(c.get(0), c.get(1)), c.get(1)), List.of((NDArray) a[0],
            (NDArray) a[1])), Array.scalar(0.0, DType.FLOAT32), Array.scalar(1.0, DType.FLOAT32));
    assertEquals("""
        { lambda ; a:f32[] b:f32[]. let
            c:f32[] = while[
              body_jaxpr={ lambda ; d:f32[] e:f32[]. let f:f32[] = add e d in (f,) }
              body_nconsts=1
              cond_jaxpr={ lambda ; g:f32[]. let h:bool[] = lt g 3.0:f32[] in (h,) }
              cond_nconsts=0
            ] b a
          in (c, b) }""", j.toString());
    List<Array> out = run(j, Array.scalar(0.0, DType.FLOAT32), Array.scalar(1.0, DType.FLOAT32));
    assertEquals(3f, out.get(0).floatValue());
    assertEquals(1f, out.get(1).floatValue());
  }

  @Test
  void closedOverTracersBecomeConsts() {
    ClosedJaxpr j = trace(a -> Lax.whileLoop(c -> Lax.lt(c, a[1]), c -> Lax.add(c, a[2]),
        (NDArray) a[0]), Array.scalar(0.0, DType.FLOAT32), Array.scalar(10.0, DType.FLOAT32),
        Array.scalar(3.0, DType.FLOAT32));
    assertTrue(j.toString().contains("body_nconsts=1"), j.toString());
    assertTrue(j.toString().contains("cond_nconsts=1"), j.toString());
    assertTrue(j.toString().contains("] b c a"), j.toString());
    assertEquals(12f, run(j, Array.scalar(0.0, DType.FLOAT32), Array.scalar(10.0,
        DType.FLOAT32), Array.scalar(3.0, DType.FLOAT32)).get(0).floatValue());
  }

  @Test
  void carryTypeChangesAreErrorsNamingTheLeaf() {
    JaxTypeError dtype = assertThrows(JaxTypeError.class, () -> Lax.whileLoop(
        (List<NDArray> c) -> Lax.lt(c.get(0), 3), c -> List.of(c.get(0),
            Lax.convertElementType(c.get(1), DType.INT32)), List.of(s32(0), f32(1, 2))));
    assertEquals("while_loop body function carry input and carry output must have equal types,"
        + " but they differ:\n\nThe input carry at path [1] has type float32[2] but the"
        + " corresponding output carry component has type int32[2], so the dtypes do not"
        + " match.\n\nRevise the function so that all output types match the corresponding"
        + " input types.", dtype.getMessage());
    JaxTypeError shape = assertThrows(JaxTypeError.class, () -> Lax.whileLoop(
        (NDArray c) -> Lax.lt(Lax.reduceSum(c, 0), 3.0),
        c -> Lax.concatenate(List.of(c, c), 0), f32(1)));
    assertEquals("while_loop body function carry input and carry output must have equal types,"
        + " but they differ:\n\nThe input carry has type float32[1] but the corresponding"
        + " output carry component has type float32[2], so the shapes do not match.\n\n"
        + "Revise the function so that all output types match the corresponding input types.",
        shape.getMessage());
    JaxTypeError both = assertThrows(JaxTypeError.class, () -> Lax.foriLoop(0, 3,
        (i, c) -> List.of(Lax.convertElementType(c.get(0), DType.INT32),
            Lax.concatenate(List.of(c.get(1), c.get(1)), 0)), List.of(f32(1), f32(2))));
    assertEquals("scan body function carry input and carry output must have equal types, but"
        + " they differ:\n\n  * the input carry at path [1][0] has type float32[1] but the"
        + " corresponding output carry component has type int32[1], so the dtypes do not"
        + " match;\n  * the input carry at path [1][1] has type float32[1] but the"
        + " corresponding output carry component has type float32[2], so the shapes do not"
        + " match.\n\nRevise the function so that all output types match the corresponding"
        + " input types.", both.getMessage());
  }

  @Test
  void carryStructureChangesAreErrors() {
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Lax.whileLoop(
        (List<NDArray> c) -> Lax.lt(c.get(0), 3.0), c -> List.of(c.get(0)),
        List.of(Array.scalar(1.0, DType.FLOAT32), f32(2))));
    assertEquals("while_loop body function carry input and carry output must have the same"
        + " pytree structure, but they differ:\n\nThe input carry is a list of length 2 but the"
        + " corresponding component of the carry output is a list of length 1, so the lengths"
        + " do not match.\n\nRevise the function so that the carry output has the same pytree"
        + " structure as the carry input.", e.getMessage());
  }

  @Test
  void conditionMustBeABooleanScalar() {
    assertEquals("cond_fun must return a boolean scalar, but got output type(s)"
        + " [ShapedArray(float32[1])].", assertThrows(JaxTypeError.class,
            () -> Lax.whileLoop((NDArray c) -> c, c -> c, f32(1))).getMessage());
    assertEquals("cond_fun must return a boolean scalar, but got output type(s)"
        + " [ShapedArray(bool[2])].", assertThrows(JaxTypeError.class,
            () -> Lax.whileLoop((NDArray c) -> Lax.lt(c, 1.0), c -> c, f32(1, 2))).getMessage());
    assertEquals("cond_fun must return a boolean scalar, but got pytree PyTreeDef([*, *]).",
        assertThrows(JaxTypeError.class, () -> Lax.whileLoop(
            (NDArray c) -> List.of(Lax.lt(c, 1.0), Lax.lt(c, 1.0)), c -> c, f32(1)))
            .getMessage());
    assertEquals("lax.while_loop: body_fun and cond_fun arguments should be callable.",
        assertThrows(JaxTypeError.class, () -> Lax.whileLoop(null, (NDArray c) -> c, f32(1)))
            .getMessage());
  }

  @Test
  void foriLoopErrors() {
    assertEquals("lower and upper arguments to fori_loop must have equal types, got int32 and"
        + " float32", assertThrows(JaxTypeError.class,
            () -> Lax.foriLoop(0, 2.0, (i, x) -> x, f32(1))).getMessage());
    assertEquals("lower and upper arguments to fori_loop must have equal types, got int16 and"
        + " int8", assertThrows(JaxTypeError.class, () -> Lax.foriLoop(
            Array.scalar(0L, DType.INT16), Array.scalar(2L, DType.INT8), (i, x) -> x, f32(1)))
            .getMessage());
    assertEquals("Can only use `unroll` in `fori_loop` if the loop bounds are statically known.",
        assertThrows(JaxValueError.class, () -> trace(a -> Lax.foriLoop(0, a[0], (i, x) -> x,
            f32(1), 2), s32(3))).getMessage());
    assertEquals("lax.fori_loop: body_fun argument should be callable.",
        assertThrows(JaxTypeError.class, () -> Lax.foriLoop(0, 2, null, f32(1))).getMessage());
  }

  @Test
  void theWhilePrimitiveChecksItsOperands() {
    var cond = ClosedJaxpr.of(trace(a -> Lax.lt(Lax.reduceSum(a[0], 0), 1.0), f32(1)).jaxpr());
    var body = ClosedJaxpr.of(trace(a -> Lax.add(a[0], 1.0), f32(1)).jaxpr());
    var params = While.params(cond, 0, body, 0);
    assertThrows(JaxTypeError.class, () -> While.WHILE.abstractEval(
        List.of(Array.of(new int[] {1}, 1).aval()), params));
    assertThrows(JaxTypeError.class, () -> While.WHILE.abstractEval(List.of(), params));
    assertEquals(List.of(f32(1).aval()), While.WHILE.abstractEval(List.of(f32(1).aval()),
        params));
  }

  @Test
  void movingAForwardedCarryDropsTheConditionsDeadEquations() {
    // the condition computes something from the forwarded carry but does not use it
    ClosedJaxpr j = trace(a -> Lax.whileLoop((List<NDArray> c) -> {
      Lax.mul(c.get(1), 2.0);
      return Lax.lt(c.get(0), 3.0);
    }, c -> List.of(Lax.add(c.get(0), 1.0), c.get(1)), List.of((NDArray) a[0], (NDArray) a[1])),
        Array.scalar(0.0, DType.FLOAT32), f32(7));
    assertTrue(j.toString().contains(
        "cond_jaxpr={ lambda ; g:f32[]. let h:bool[] = lt g 3.0:f32[] in (h,) }"), j.toString());
    assertTrue(j.toString().contains("body_nconsts=1"), j.toString());
    // a carry the condition reads stays a carry even though the body forwards it
    ClosedJaxpr k = trace(a -> Lax.whileLoop((List<NDArray> c) -> Lax.lt(c.get(0), c.get(1)),
        c -> List.of(Lax.add(c.get(0), 1.0), c.get(1)), List.of((NDArray) a[0], (NDArray) a[1])),
        Array.scalar(0.0, DType.FLOAT32), Array.scalar(4.0, DType.FLOAT32));
    assertTrue(k.toString().contains("body_nconsts=0"), k.toString());
    List<Array> out = run(k, Array.scalar(0.0, DType.FLOAT32), Array.scalar(4.0, DType.FLOAT32));
    assertEquals(4f, out.get(0).floatValue());
  }

  @Test
  void recordCarryErrorsNameTheComponent() {
    record State(NDArray i, NDArray x) {}
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Lax.whileLoop(
        (State c) -> Lax.lt(c.i(), 3), c -> new State(c.i(), Lax.reshape(c.x(), new int[] {1, 2})),
        new State(s32(0), f32(1, 2))));
    assertTrue(e.getMessage().contains("The input carry at path .x has type float32[2] but the"
        + " corresponding output carry component has type float32[1,2], so the shapes do not"
        + " match.\n"), e.getMessage());
  }
}
