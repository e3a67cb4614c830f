package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code Lax.cond} and {@code Lax.switchCase}: eager results, pytrees, closures and errors. */
class ControlFlowCondTest {
  private static final DType[] ALL = DType.values();

  private static NDArray f32(float... v) {
    return Array.of(v, v.length);
  }

  private static NDArray s(double v) {
    return Array.scalar(v, DType.FLOAT32);
  }

  private static float[] floats(Object x) {
    return ((Array) x).toFloatArray();
  }

  private static ClosedJaxpr trace(Function<Object[], Object> fn, Object... args) {
    ClosedJaxpr j = JaxprTrace.trace(fn, args, "<lambda>", "make_jaxpr").jaxpr();
    JaxprChecker.check(j);
    return j;
  }

  @Test
  void picksTheBranchByThePredicate() {
    NDArray x = f32(1, 2, 3);
    NDArray t = Lax.cond(Array.scalar(true), y -> Lax.add(y, 1.0), y -> Lax.sub(y, 1.0), x);
    NDArray f = Lax.cond(Array.scalar(false), y -> Lax.add(y, 1.0), y -> Lax.sub(y, 1.0), x);
    assertArrayEquals(new float[] {2, 3, 4}, floats(t));
    assertArrayEquals(new float[] {0, 1, 2}, floats(f));
    assertArrayEquals(new float[] {2, 3, 4},
        floats(Lax.cond(true, (NDArray y) -> Lax.add(y, 1.0), y -> y, x)));
  }

  @Test
  void numericPredicatesCompareWithZero() {
    NDArray x = f32(5);
    Function<NDArray, NDArray> one = y -> Lax.mul(y, 0.0);
    Function<NDArray, NDArray> two = y -> y;
    assertArrayEquals(new float[] {0}, floats(Lax.cond(3, one, two, x)));
    assertArrayEquals(new float[] {5}, floats(Lax.cond(0, one, two, x)));
    assertArrayEquals(new float[] {0}, floats(Lax.cond(Array.scalar(-0.5, DType.FLOAT32), one,
        two, x)));
    assertArrayEquals(new float[] {5}, floats(Lax.cond(Array.scalar(0L, DType.UINT8), one, two,
        x)));
    ClosedJaxpr j = trace(a -> Lax.cond(a[0], one, two, (NDArray) a[1]),
        Array.scalar(2L, DType.INT32), x);
    assertTrue(j.toString().contains("c:bool[] = ne a 0:i32[]"), j.toString());
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyDtypeGoesThroughBothBranches(DType dtype) {
    Array x = Array.fromDoubles(dtype, new double[] {1, 0, 1, 1, 0, 0}, 2, 3);
    NDArray t = Lax.cond(true, (NDArray y) -> Lax.rev(y, 1), y -> y, (NDArray) x);
    NDArray f = Lax.cond(false, (NDArray y) -> Lax.rev(y, 1), y -> y, (NDArray) x);
    assertEquals(x.aval(), t.aval());
    assertEquals(x.aval(), f.aval());
    assertEquals(List.of(List.of(1.0, 0.0, 1.0), List.of(0.0, 0.0, 1.0)), doubles((Array) t));
    assertEquals(List.of(List.of(1.0, 0.0, 1.0), List.of(1.0, 0.0, 0.0)), doubles((Array) f));
  }

  private static List<List<Double>> doubles(Array a) {
    int rows = a.shape()[0];
    int cols = a.shape()[1];
    List<List<Double>> out = new java.util.ArrayList<>();
    for (int r = 0; r < rows; r++) {
      List<Double> row = new java.util.ArrayList<>();
      for (int c = 0; c < cols; c++) {
        row.add(a.getDouble(r * cols + c) != 0 ? 1.0 : 0.0);
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void zeroDimensionalAndEmptyOperands() {
    NDArray s = Array.scalar(2.0, DType.FLOAT32);
    assertEquals(4f, ((Array) Lax.cond(true, (NDArray y) -> Lax.mul(y, y), y -> y, s))
        .floatValue());
    NDArray e = Array.of(new float[0], 0, 3);
    NDArray r = Lax.cond(true, (NDArray y) -> Lax.add(y, 1.0), y -> y, e);
    assertArrayEquals(new int[] {0, 3}, r.shape());
  }

  @Test
  void pytreeOperandsAndResults() {
    record Pair(NDArray a, NDArray b) {}
    Pair p = new Pair(f32(1, 2), f32(10));
    Pair swapped = Lax.cond(true, (Pair q) -> new Pair(Lax.mul(q.a(), 2.0), Lax.neg(q.b())),
        q -> q, p);
    assertArrayEquals(new float[] {2, 4}, floats(swapped.a()));
    assertArrayEquals(new float[] {-10}, floats(swapped.b()));
    Map<String, Object> m = Lax.cond(false,
        (Map<String, Object> q) -> Map.of("x", q.get("y"), "y", q.get("x")), q -> q,
        Map.of("x", f32(1), "y", f32(2)));
    assertArrayEquals(new float[] {1}, floats(m.get("x")));
    assertArrayEquals(new float[] {2}, floats(m.get("y")));
  }

  @Test
  void manyOperandsAndNoOperands() {
    NDArray a = f32(1);
    NDArray b = f32(2);
    Object out = Lax.cond(true, ops -> Lax.add(ops[0], ops[1]), ops -> Lax.sub(ops[0], ops[1]),
        a, b);
    assertArrayEquals(new float[] {3}, floats(out));
    NDArray none = Lax.cond(false, () -> Lax.add(a, 10.0), () -> Lax.add(b, 20.0));
    assertArrayEquals(new float[] {22}, floats(none));
  }

  @Test
  void closedOverValuesBecomeLeadingOperandsSharedByTheBranches() {
    Array c = (Array) f32(10, 20);
    ClosedJaxpr j = trace(a -> Lax.cond(Lax.gt(a[0], 0.0), (NDArray y) -> Lax.add(y, c),
        y -> Lax.sub(y, c), (NDArray) a[1]), Array.scalar(1.0, DType.FLOAT32), f32(1, 2));
    assertEquals("""
        { lambda a:f32[2]; b:f32[] c:f32[2]. let
            d:bool[] = gt b 0.0:f32[]
            e:i32[] = convert_element_type[new_dtype=int32 weak_type=False] d
            f:f32[2] = cond[
              branches=(
                { lambda ; g:f32[2] h:f32[2]. let i:f32[2] = sub h g in (i,) }
                { lambda ; j:f32[2] k:f32[2]. let l:f32[2] = add k j in (l,) }
              )
            ] e a c
          in (f,) }""", j.toString());
    Array r = JaxprInterpreter.eval(j, List.of(Array.scalar(-1.0, DType.FLOAT32),
        (Array) f32(1, 2))).get(0);
    assertArrayEquals(new float[] {-9, -18}, r.toFloatArray());
    // each branch's own constant: the true branch's first, every branch takes both
    Array d = (Array) f32(100, 200);
    ClosedJaxpr two = trace(a -> Lax.cond(Lax.gt(a[0], 0.0), (NDArray y) -> Lax.add(y, c),
        y -> Lax.sub(y, d), (NDArray) a[1]), Array.scalar(1.0, DType.FLOAT32), f32(1, 2));
    assertTrue(two.toString().contains(
        "{ lambda ; h:f32[2] i:f32[2] j:f32[2]. let k:f32[2] = sub j i in (k,) }"),
        two.toString());
    assertTrue(two.toString().contains("] f a b d"), two.toString());
  }

  @Test
  void outputsEveryBranchForwardsAreNotOutputsOfTheEquation() {
    ClosedJaxpr j = trace(a -> Lax.cond(Lax.gt(a[0], 0.0),
        (List<NDArray> q) -> List.of(Lax.add(q.get(0), 1.0), q.get(1)),
        q -> List.of(Lax.sub(q.get(0), 1.0), q.get(1)), List.of((NDArray) a[0], (NDArray) a[1])),
        Array.scalar(1.0, DType.FLOAT32), f32(3));
    assertTrue(j.toString().contains("let h:f32[] = sub f 1.0:f32[] in (h,) }"), j.toString());
    assertTrue(j.toString().endsWith("] d a b\n  in (e, b) }"), j.toString());
    NDArray x = f32(3);
    List<NDArray> out = Lax.cond(true, (List<NDArray> q) -> List.of(q.get(1), q.get(0)),
        q -> List.of(q.get(1), q.get(0)), List.of(f32(1), x));
    assertSame(x, out.get(0));
  }

  @Test
  void nestedCond() {
    Function<NDArray, NDArray> inner = y -> Lax.cond(Lax.gt(y, 0.0), (NDArray z) -> Lax.mul(z,
        10.0), z -> Lax.neg(z), y);
    assertArrayEquals(new float[] {20}, floats(Lax.cond(true, inner, y -> y, s(2))));
    assertArrayEquals(new float[] {2}, floats(Lax.cond(true, inner, y -> y, s(-2))));
    assertArrayEquals(new float[] {-2}, floats(Lax.cond(false, inner, y -> y, s(-2))));
  }

  @Test
  void switchClampsTheIndex() {
    List<Function<NDArray, NDArray>> branches = List.of(y -> Lax.add(y, 1.0),
        y -> Lax.sub(y, 2.0), y -> Lax.add(y, 3.0));
    NDArray x = f32(5);
    float[] expected = {6, 6, 3, 8, 8};
    int[] index = {-7, 0, 1, 2, 9};
    for (int k = 0; k < index.length; k++) {
      assertArrayEquals(new float[] {expected[k]},
          floats(Lax.switchCase(index[k], branches, x)), "index " + index[k]);
    }
    assertArrayEquals(new float[] {3},
        floats(Lax.switchCase(Array.scalar(1L, DType.UINT8), branches, x)));
    Object sum = Lax.switchCase(1, List.<Function<Object[], NDArray>>of(
        ops -> Lax.add(ops[0], ops[1]), ops -> Lax.mul(ops[0], ops[1])), f32(3), f32(4));
    assertArrayEquals(new float[] {12}, floats(sum));
  }

  @Test
  void switchWithOneBranchCallsIt() {
    ClosedJaxpr j = trace(a -> Lax.switchCase(a[0],
        List.<Function<Object, NDArray>>of(y -> Lax.neg(y)), a[1]), 0, f32(1));
    assertEquals("{ lambda ; a:i32[] b:f32[1]. let c:f32[1] = neg b in (c,) }", j.toString());
  }

  @Test
  void branchOutputTypesMustMatch() {
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Lax.cond(true,
        (NDArray y) -> Lax.add(y, 1.0), y -> Lax.convertElementType(y, DType.INT32), f32(1, 2)));
    assertEquals("cond branches must have equal output types but they differ.\n\n"
        + "true_fun is <lambda> in ControlFlowCondTest\n"
        + "false_fun is <lambda> in ControlFlowCondTest\n\n"
        + "The output of true_fun has type float32[2] but the corresponding output of false_fun"
        + " has type int32[2], so the dtypes do not match.\n\n"
        + "Revise true_fun and/or false_fun so that all output types match.", e.getMessage());
    JaxTypeError two = assertThrows(JaxTypeError.class, () -> Lax.cond(true,
        (NDArray y) -> List.of(y, y), y -> List.of(Lax.reshape(y, new int[] {2, 1}),
            Lax.convertElementType(y, DType.INT32)), f32(1, 2)));
    assertEquals("cond branches must have equal output types but they differ.\n\n"
        + "true_fun is <lambda> in ControlFlowCondTest\n"
        + "false_fun is <lambda> in ControlFlowCondTest\n\n"
        + "  * the output of true_fun at path [0] has type float32[2] but the corresponding"
        + " output of false_fun has type float32[2,1], so the shapes do not match;\n"
        + "  * the output of true_fun at path [1] has type float32[2] but the corresponding"
        + " output of false_fun has type int32[2], so the dtypes do not match.\n\n"
        + "Revise true_fun and/or false_fun so that all output types match.", two.getMessage());
  }

  @Test
  void branchOutputStructuresMustMatch() {
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Lax.cond(true,
        (NDArray y) -> List.of(y, y), y -> List.of(y), f32(1)));
    assertEquals("cond branch outputs must have the same pytree structure, but they differ:\n\n"
        + "true_fun is <lambda> in ControlFlowCondTest\n"
        + "false_fun is <lambda> in ControlFlowCondTest\n\n"
        + "true_fun output is a list of length 2 but false_fun output is a list of length 1,"
        + " so the lengths do not match.\n\n"
        + "Revise true_fun and/or false_fun so that they have the same pytree structure.",
        e.getMessage());
    JaxTypeError s = assertThrows(JaxTypeError.class, () -> Lax.switchCase(0,
        List.<Function<NDArray, Object>>of(y -> y, y -> y, y -> List.of(y)), f32(1)));
    assertTrue(s.getMessage().startsWith("switch branch outputs must have the same pytree"
        + " structure, but they differ:\n\nbranch 0 is <lambda> in ControlFlowCondTest\n"
        + "branch2 is <lambda> in ControlFlowCondTest\n\n"
        + "branch 0 output is a pytree leaf but branch2 output is a list, so their Java types"
        + " differ.\n"), s.getMessage());
  }

  @Test
  void predicateErrors() {
    assertEquals("Pred must be a scalar, got " + f32(1, 2) + " of shape (2,).",
        assertThrows(JaxTypeError.class,
            () -> Lax.cond(f32(1, 2), (NDArray y) -> y, y -> y, f32(1))).getMessage());
    assertEquals("cond predicate is None", assertThrows(JaxTypeError.class,
        () -> Lax.cond(null, (NDArray y) -> y, y -> y, f32(1))).getMessage());
    assertEquals("lax.cond: true_fun and false_fun arguments should be callable.",
        assertThrows(JaxTypeError.class,
            () -> Lax.cond(true, null, (NDArray y) -> y, f32(1))).getMessage());
    assertTrue(assertThrows(JaxTypeError.class,
        () -> Lax.cond("yes", (NDArray y) -> y, y -> y, f32(1))).getMessage()
        .startsWith("Pred must be a scalar, got yes of type"));
  }

  @Test
  void switchErrors() {
    List<Function<NDArray, NDArray>> one = List.of(y -> y, y -> y);
    assertEquals("Index type must be an integer, got 1.5 as float32",
        assertThrows(JaxTypeError.class, () -> Lax.switchCase(1.5, one, f32(1))).getMessage());
    assertEquals("Branch index must be scalar, got " + f32(1, 2) + " of shape (2,).",
        assertThrows(JaxTypeError.class,
            () -> Lax.switchCase(f32(1, 2), one, f32(1))).getMessage());
    assertEquals("Empty branch sequence", assertThrows(JaxValueError.class,
        () -> Lax.switchCase(0, List.<Function<NDArray, NDArray>>of(), f32(1))).getMessage());
    assertEquals("lax.switch: branches argument should be a sequence of callables.",
        assertThrows(JaxTypeError.class, () -> Lax.switchCase(0,
            java.util.Arrays.<Function<NDArray, NDArray>>asList(y -> y, null), f32(1)))
            .getMessage());
  }

  @Test
  void theCondPrimitiveChecksItsOperands() {
    var branch = trace(a -> Lax.neg(a[0]), f32(1)).jaxpr();
    var params = org.jaxpresso.lax.primitives.Cond.params(List.of(ClosedJaxpr.of(branch)));
    var cond = org.jaxpresso.lax.primitives.Cond.COND;
    assertEquals("cond called with index of type float32 instead of int32",
        assertThrows(JaxTypeError.class, () -> cond.abstractEval(List.of(
            Array.scalar(0.0, DType.FLOAT32).aval(), f32(1).aval()), params)).getMessage());
    assertEquals("cond branches take input types float32[1], called with operands of type"
        + " int32[1]", assertThrows(JaxTypeError.class, () -> cond.abstractEval(List.of(
            Array.scalar(0L, DType.INT32).aval(), Array.of(new int[] {1}, 1).aval()), params))
        .getMessage());
    assertEquals("cond called with 2 non-predicate operands, but branches take 1 inputs",
        assertThrows(JaxTypeError.class, () -> cond.abstractEval(List.of(
            Array.scalar(0L, DType.INT32).aval(), f32(1).aval(), f32(1).aval()), params))
        .getMessage());
    assertFalse(org.jaxpresso.lax.primitives.Cond.branches(params).isEmpty());
  }

  @Test
  void everyDtypeIsListed() {
    assertEquals(DType.values().length, ALL.length);
  }

  @Test
  void switchBranchesShareDeduplicatedConstants() {
    Array c = (Array) f32(1, 1);
    Array d = (Array) f32(2, 2);
    ClosedJaxpr j = trace(a -> Lax.switchCase(a[0], List.<Function<NDArray, NDArray>>of(
        y -> Lax.add(y, c), y -> Lax.add(y, d), y -> Lax.sub(y, c)), (NDArray) a[1]),
        Array.scalar(0L, DType.INT32), f32(0, 0));
    String text = j.toString();
    assertTrue(text.startsWith("{ lambda a:f32[2] b:f32[2]; c:i32[] d:f32[2]. let"), text);
    assertTrue(text.contains("{ lambda ; k:f32[2] l:f32[2] m:f32[2]. let n:f32[2] = add m l in"
        + " (n,) }"), text);
    assertTrue(text.contains("{ lambda ; o:f32[2] p:f32[2] q:f32[2]. let r:f32[2] = sub q o in"
        + " (r,) }"), text);
    assertTrue(text.contains("] e a b d"), text);
    for (int k = 0; k < 3; k++) {
      Array out = JaxprInterpreter.eval(j, List.of(Array.scalar(k, DType.INT32),
          (Array) f32(5, 6))).get(0);
      float[][] expected = {{6, 7}, {7, 8}, {4, 5}};
      assertArrayEquals(expected[k], out.toFloatArray());
    }
  }

  @Test
  void structureDifferencesNameThePath() {
    record R(NDArray a, Object b) {}
    JaxTypeError rec = assertThrows(JaxTypeError.class, () -> Lax.cond(true,
        (R r) -> r, r -> new R(r.a(), List.of(r.b())), new R(f32(1), f32(2))));
    assertTrue(rec.getMessage().contains("true_fun output at path .b is a pytree leaf but"
        + " false_fun output at path .b is a list, so their Java types differ.\n"),
        rec.getMessage());
    JaxTypeError map = assertThrows(JaxTypeError.class, () -> Lax.cond(true,
        (Map<String, Object> m) -> m, m -> Map.of("x", m.get("x"), "y", m.get("x")),
        Map.<String, Object>of("x", f32(1))));
    assertTrue(map.getMessage().contains("true_fun output is a map with keys [x] but false_fun"
        + " output is a map with keys [x, y], so the numbers of children do not match, with the"
        + " symmetric difference of key sets: {'y'}.\n"), map.getMessage());
    JaxTypeError arr = assertThrows(JaxTypeError.class, () -> Lax.cond(true,
        (NDArray y) -> new NDArray[] {y}, y -> List.of(y), f32(1)));
    assertTrue(arr.getMessage().contains("true_fun output is a Java array of"
        + " org.jaxpresso.core.NDArray but false_fun output is a list, so their Java types"
        + " differ."), arr.getMessage());
    JaxTypeError types = assertThrows(JaxTypeError.class, () -> Lax.cond(true,
        (Map<String, Object> m) -> m, m -> Map.of("x", Lax.convertElementType(m.get("x"),
            DType.INT32)), Map.<String, Object>of("x", f32(1))));
    assertTrue(types.getMessage().contains("The output of true_fun at path ['x'] has type"
        + " float32[1] but the corresponding output of false_fun has type int32[1], so the"
        + " dtypes do not match.\n"), types.getMessage());
  }
}
