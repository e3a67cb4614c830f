package org.jaxpresso.core.jaxpr;

import static org.jaxpresso.core.jaxpr.JaxprBuilder.f32;
import static org.jaxpresso.core.jaxpr.JaxprBuilder.t;
import static org.jaxpresso.core.jaxpr.TestPrims.*;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.errors.JaxTypeError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JaxprCheckerTest {

  static Stream<Arguments> referenceJaxprs() {
    return ReferenceJaxprs.all().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceJaxprs")
  void theReferenceJaxprsAreWellTyped(String key, Supplier<Jaxpr> program) {
    Jaxpr j = program.get();
    assertDoesNotThrow(() -> JaxprChecker.check(j));
    assertTrue(JaxprChecker.verify(j).isEmpty());
  }

  private static JaxprTypeError fails(Jaxpr j) {
    return assertThrows(JaxprTypeError.class, () -> JaxprChecker.check(j));
  }

  private static List<String> messages(JaxprTypeError e) {
    return e.problems().stream().map(JaxprTypeError.Problem::message).toList();
  }

  @Test
  void aVariableReadBeforeItIsDefined() {
    JaxprBuilder b = new JaxprBuilder();
    b.in("f32[3]");
    Var ghost = Var.of(t("f32[3]"));
    Var y = b.eq("f32[3]", SIN, ACCURACY_NONE, ghost);
    JaxprTypeError e = fails(b.out(y));
    assertEquals("Variable 'c' not defined\n"
        + "\n"
        + "in equation:\n"
        + "\n"
        + "b:f32[3] = sin c\n"
        + "\n"
        + "while checking jaxpr:\n"
        + "\n"
        + "{ lambda ; a:f32[3]. let b:f32[3] = sin c in (b,) }", e.getMessage());
    assertTrue(e instanceof JaxTypeError);
    assertEquals(1, e.problems().size());
    assertEquals("", e.problems().get(0).location());
    assertEquals("sin", e.problems().get(0).eqn().primitive().name());
  }

  @Test
  void aVariableUsedBeforeTheEquationThatDefinesIt() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var later = Var.of(t("f32[3]"));
    Var c = b.eq("f32[3]", ADD, a, later);
    b.add(new Eqn(SIN, List.of(a), ACCURACY_NONE, List.of(later)));
    JaxprTypeError e = fails(b.out(c, later));
    assertEquals(List.of("Variable 'c' not defined"), messages(e));
  }

  @Test
  void aVariableBoundTwice() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var y = b.eq("f32[3]", SIN, ACCURACY_NONE, a);
    b.add(new Eqn(COS, List.of(a), ACCURACY_NONE, List.of(y)));
    JaxprTypeError e = fails(b.out(y));
    assertEquals(List.of("Variable 'b' already bound"), messages(e));
    assertEquals("cos", e.problems().get(0).eqn().primitive().name());
  }

  @Test
  void anInvarListedTwice() {
    Var a = Var.of(t("f32[]"));
    Jaxpr j = new Jaxpr(List.of(), List.of(a, a), List.of(), List.of(a));
    JaxprTypeError e = fails(j);
    assertEquals(List.of("Variable 'a' already bound"), messages(e));
    assertNull(e.problems().get(0).eqn());
  }

  @Test
  void declaredShapeDisagreesWithTheShapeRule() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    JaxprTypeError e = fails(b.out(b.eq("f32[4]", SIN, ACCURACY_NONE, a)));
    assertEquals(
        List.of("Value for variable 'b' inconsistently typed as f32[3] for let-binder of type"
            + " f32[4]"), messages(e));
  }

  @Test
  void declaredDtypeDisagreesWithTheShapeRule() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var c = b.eq("i32[3]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT16, false), a);
    JaxprTypeError e = fails(b.out(c));
    assertEquals(
        List.of("Value for variable 'b' inconsistently typed as f16[3] for let-binder of type"
            + " i32[3]"), messages(e));
  }

  @Test
  void declaredWeakTypeDisagreesWithTheShapeRule() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("~f32[]");
    JaxprTypeError e = fails(b.out(b.eq("f32[]", SIN, ACCURACY_NONE, a)));
    assertEquals(
        List.of("Value for variable 'b' inconsistently typed as ~float32[] for let-binder of type"
            + " float32[] (the weak types differ)"), messages(e));
  }

  @Test
  void thePrimitiveRejectsItsOperands() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var i = b.in("i32[3]");
    JaxprTypeError e = fails(b.out(b.eq("f32[3]", ADD, a, i)));
    assertEquals(List.of("add rejects operands of types (f32[3], i32[3]): lax.add requires"
        + " arguments to have the same dtypes, got float32, int32."), messages(e));
    assertTrue(e.getMessage().contains("in equation:\n\nc:f32[3] = add a b\n"), e.getMessage());
  }

  @Test
  void aLiteralOfTheWrongTypeIsRejectedByTheShapeRule() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    JaxprTypeError e = fails(b.out(b.eq("f32[3]", MUL, OUT_DTYPE_NONE, a, JaxprBuilder.i32(2))));
    assertEquals(List.of("mul rejects operands of types (f32[3], i32[]): lax.mul requires"
        + " arguments to have the same dtypes, got float32, int32."), messages(e));
    assertTrue(e.getMessage().contains("b:f32[3] = mul a 2:i32[]"), e.getMessage());
  }

  @Test
  void theNumberOfOutputsDisagreesWithTheShapeRule() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    List<Var> outs = b.eqs(List.of("f32[3]", "f32[3]"), SIN, ACCURACY_NONE, a);
    JaxprTypeError e = fails(b.out(outs.get(1)));
    assertEquals(List.of("sin produces 1 result but the equation binds 2"), messages(e));
    assertTrue(e.getMessage().contains("_:f32[3] b:f32[3] = sin a"), e.getMessage());
  }

  @Test
  void anOutputThatIsNeverDefined() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var ghost = Var.of(t("f32[3]"));
    JaxprTypeError e = fails(b.out(a, ghost));
    assertEquals(List.of("Variable 'b' not defined (returned as an output)"), messages(e));
    assertEquals("Variable 'b' not defined (returned as an output)\n\nwhile checking jaxpr:\n\n"
        + "{ lambda ; a:f32[3]. let  in (a, b) }", e.getMessage());
  }

  @Test
  void aDropVarCannotBeRead() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    List<Var> outs = b.eqs(List.of("_:f32[3]"), SIN, ACCURACY_NONE, a);
    Var y = b.eq("f32[3]", COS, ACCURACY_NONE, outs.get(0));
    JaxprTypeError e = fails(b.out(y));
    assertEquals(List.of("Variable '_' not defined"), messages(e));
  }

  @Test
  void problemsInsideABranchAreFoundAndLocated() {
    JaxprBuilder ok = new JaxprBuilder();
    Var x = ok.in("f32[]");
    Jaxpr good = ok.out(ok.eq("f32[]", NEG, x));
    JaxprBuilder bad = new JaxprBuilder();
    Var y = bad.in("f32[]");
    Jaxpr wrong = bad.out(bad.eq("f32[2]", SIN, ACCURACY_NONE, y));
    JaxprBuilder b = new JaxprBuilder();
    Var i = b.in("i32[]");
    Var a = b.in("f32[]");
    Params p = Params.of("branches", List.of(ClosedJaxpr.of(good), ClosedJaxpr.of(wrong)));
    JaxprTypeError e = fails(b.out(b.eq("f32[]", COND, p, i, a)));
    assertEquals(List.of("Value for variable 'g' inconsistently typed as f32[] for let-binder of"
        + " type f32[2]"), messages(e));
    assertEquals("in `branches[1]` of equation 0 (cond)", e.problems().get(0).location());
    assertTrue(e.getMessage().contains("in equation:\n\ng:f32[2] = sin f\n\n"
        + "in `branches[1]` of equation 0 (cond)\n\nwhile checking jaxpr:\n\n"
        + "{ lambda ; a:i32[] b:f32[]. let\n    c:f32[] = cond[\n"), e.getMessage());
  }

  @Test
  void nestedLocationsNameEveryLevel() {
    JaxprBuilder inner = new JaxprBuilder();
    Var x = inner.in("f32[3]");
    Jaxpr innerJ = inner.out(inner.eq("f32[3]", EXP, ACCURACY_NONE, Var.of(t("f32[3]"))));
    JaxprBuilder mid = new JaxprBuilder();
    Var m = mid.in("f32[3]");
    Var m1 = mid.eq("f32[3]", SIN, ACCURACY_NONE, m);
    Jaxpr midJ = mid.out(mid.eq("f32[3]", JIT, jitParams("inner", innerJ), m1));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var r = b.eq("f32[3]", JIT, jitParams("mid", midJ), a);
    JaxprTypeError e = fails(b.out(r));
    assertEquals(1, e.problems().size());
    assertEquals("in `jaxpr` of equation 0 (jit), in `jaxpr` of equation 1 (jit)",
        e.problems().get(0).location());
    assertTrue(x != null && e.problems().get(0).message().matches("Variable '[a-z]+' not defined"));
  }

  @Test
  void jitOperandsMustMatchTheCallee() {
    JaxprBuilder inner = new JaxprBuilder();
    Var x = inner.in("f32[3]");
    Jaxpr callee = inner.out(inner.eq("f32[3]", SIN, ACCURACY_NONE, x));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[4]");
    Var c = b.eq("f32[3]", JIT, jitParams("f", callee), a);
    Var d = b.eq("f32[3]", JIT, jitParams("f", callee), c, c);
    JaxprTypeError e = fails(b.out(d));
    // The callee is hoisted (called twice) and printed first, so the caller's a is c.
    assertEquals(List.of(
        "Call primitive jit passes operand c of type float32[4] to jaxpr expecting type"
            + " float32[3]",
        "Call primitive jit with 2 operands cannot call jaxpr with 1 inputs"), messages(e));
  }

  @Test
  void allProblemsAreReportedAtOnce() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var c = b.eq("f32[4]", SIN, ACCURACY_NONE, a);
    Var d = b.eq("f32[3]", ADD, a, Var.of(t("f32[3]")));
    Var ghost = Var.of(t("f32[3]"));
    JaxprTypeError e = fails(b.out(c, d, ghost));
    assertEquals(3, e.problems().size());
    String msg = e.getMessage();
    assertTrue(msg.startsWith("jaxpr has 3 type errors:\n\n(1) Value for variable 'b'"), msg);
    assertTrue(msg.contains("\n\n(2) Variable 'd' not defined\n\nin equation:\n\n"
        + "c:f32[3] = add a d\n\n(3) Variable 'e' not defined (returned as an output)\n\n"
        + "while checking jaxpr:\n\n"), msg);
    assertEquals(3, JaxprChecker.verify(b.out(c, d, ghost)).size());
  }

  @Test
  void theMessageShowsTheEquationsAroundTheFirstBadOne() {
    JaxprBuilder b = new JaxprBuilder();
    Atom v = b.in("f32[]");
    for (int i = 0; i < 40; i++) {
      v = b.eq(i == 25 ? "f32[2]" : "f32[]", SIN, ACCURACY_NONE, v);
    }
    JaxprTypeError e = fails(b.out(v));
    String msg = e.getMessage();
    // The bad equation defines the 26th output, z; the following sin of it is also rejected.
    assertTrue(msg.contains("(1) Value for variable 'ba' inconsistently typed as f32[] for"
        + " let-binder of type f32[2]"), msg);
    String range = msg.substring(msg.indexOf("while checking jaxpr:\n\n") + 23);
    assertTrue(range.startsWith("{ lambda ; a:f32[]. let\n    ...\n    q:f32[] = sin p\n"), range);
    assertTrue(range.endsWith("    bj:f32[] = sin bi\n    ...\n  in (bo,) }"), range);
    assertFalse(range.contains("p:f32[] = sin o"), range);
  }

  @Test
  void aSharedSubJaxprIsCheckedOnce() {
    JaxprBuilder inner = new JaxprBuilder();
    Var x = inner.in("f32[]");
    Jaxpr callee = inner.out(inner.eq("f32[]", SIN, ACCURACY_NONE, Var.of(t("f32[]"))));
    JaxprBuilder b = new JaxprBuilder();
    Atom v = b.in("f32[]");
    for (int i = 0; i < 3; i++) {
      v = b.eq("f32[]", JIT, jitParams("f", callee), v);
    }
    JaxprTypeError e = fails(b.out(v));
    assertEquals(1, e.problems().size(), e.getMessage());
    // The printer hoists it as f, so the message names its variables as the printout does.
    assertTrue(e.getMessage().startsWith("Variable 'c' not defined\n\nin equation:\n\n"
        + "b:f32[] = sin c\n\nin `jaxpr` of equation 0 (jit)"), e.getMessage());
    assertTrue(x != null && e.getMessage().contains("jit[name=f jaxpr=f]"), e.getMessage());
  }

  @Test
  void primitivesWithoutAShapeRuleAreCheckedForScopeOnly() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var y = b.eq("i8[7,7]", NEG, a);
    assertDoesNotThrow(() -> JaxprChecker.check(b.out(y)));
  }

  @Test
  void closedJaxprConstantsMustMatchTheirConstvars() {
    JaxprBuilder b = new JaxprBuilder();
    Var c = b.constvar("f32[3]");
    Var x = b.in("f32[3]");
    Jaxpr j = b.out(b.eq("f32[3]", ADD, x, c));
    NDArray good = Array.of(new float[] {1, 2, 3}, 3);
    NDArray bad = Array.of(new int[] {1, 2, 3, 4}, 4);
    assertDoesNotThrow(() -> JaxprChecker.check(new ClosedJaxpr(j, List.of(good))));
    JaxprTypeError e = assertThrows(JaxprTypeError.class,
        () -> JaxprChecker.check(new ClosedJaxpr(j, List.of(bad))));
    assertEquals(List.of("Constant 0 of type int32[4] does not match constvar 'a' of type"
        + " float32[3]"), messages(e));
  }

  @Test
  void weakLiteralsAndOperandsFlowThroughTheShapeRules() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("~f32[]");
    Literal one = new Literal(Array.fromJavaScalar(1.0));
    Var y = b.eq("~f32[]", ADD, a, one);
    Var z = b.eq("f32[]", ADD, y, f32(2));
    assertDoesNotThrow(() -> JaxprChecker.check(b.out(y, z)));
  }
}
