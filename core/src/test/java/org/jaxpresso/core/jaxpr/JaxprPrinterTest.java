package org.jaxpresso.core.jaxpr;

import static org.jaxpresso.core.jaxpr.JaxprBuilder.f32;
import static org.jaxpresso.core.jaxpr.JaxprBuilder.i32;
import static org.jaxpresso.core.jaxpr.TestPrims.ACCURACY_NONE;
import static org.jaxpresso.core.jaxpr.TestPrims.ADD;
import static org.jaxpresso.core.jaxpr.TestPrims.JIT;
import static org.jaxpresso.core.jaxpr.TestPrims.SIN;
import static org.jaxpresso.core.jaxpr.TestPrims.jitParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JaxprPrinterTest {

  static Stream<Arguments> referenceJaxprs() {
    return ReferenceJaxprs.all().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceJaxprs")
  @SuppressWarnings("unchecked")
  void printsTheReferenceJaxprByteForByte(String key, Supplier<Jaxpr> program) {
    Map<String, Object> entry = (Map<String, Object>) Reference.section("jaxprs").get(key);
    assertEquals(entry.get("ok"), JaxprPrinter.print(program.get()));
  }

  @Test
  void everyReferenceJaxprIsCovered() {
    assertEquals(Reference.section("jaxprs").keySet(), ReferenceJaxprs.all().keySet());
  }

  @Test
  void toStringOfJaxprAndClosedJaxprIsTheText() {
    Jaxpr j = ReferenceJaxprs.intPlus1();
    String text = "{ lambda ; a:i32[6]. let b:i32[6] = add a 1:i32[] in (b,) }";
    assertEquals(text, j.toString());
    assertEquals(text, ClosedJaxpr.of(j).toString());
    assertEquals(text, JaxprPrinter.print(ClosedJaxpr.of(j)));
  }

  @Test
  void namesAreBase26WithoutAa() {
    assertEquals("a", JaxprDocBuilder.encode(0));
    assertEquals("z", JaxprDocBuilder.encode(25));
    assertEquals("ba", JaxprDocBuilder.encode(26));
    assertEquals("bb", JaxprDocBuilder.encode(27));
    assertEquals("zz", JaxprDocBuilder.encode(26 * 26 - 1));
    assertEquals("baa", JaxprDocBuilder.encode(26 * 26));
  }

  @Test
  void literalsPrintThePythonReprOfTheWidenedValue() {
    assertEquals("0.10000000149011612:f32[]", lit(0.1, DType.FLOAT32));
    assertEquals("0.1:f64[]", lit(0.1, DType.FLOAT64));
    assertEquals("1.0:f32[]", lit(1, DType.FLOAT32));
    assertEquals("-0.9999999403953552:f32[]", lit(-0.9999999403953552, DType.FLOAT32));
    assertEquals("1.4142135381698608:f32[]", lit(Math.sqrt(2), DType.FLOAT32));
    assertEquals("nan:f32[]", lit(Double.NaN, DType.FLOAT32));
    assertEquals("inf:f32[]", lit(Double.POSITIVE_INFINITY, DType.FLOAT32));
    assertEquals("-inf:f16[]", lit(Double.NEGATIVE_INFINITY, DType.FLOAT16));
    assertEquals("-0.0:f32[]", lit(-0.0, DType.FLOAT32));
    assertEquals("1e-05:f64[]", lit(1e-5, DType.FLOAT64));
    assertEquals("1e+16:f64[]", lit(1e16, DType.FLOAT64));
    assertEquals("0.10009765625:bf16[]", lit(0.1, DType.BFLOAT16));
    assertEquals("0.0999755859375:f16[]", lit(0.1, DType.FLOAT16));
    assertEquals("2:i32[]", lit(2, DType.INT32));
    assertEquals("-3:i8[]", lit(-3, DType.INT8));
    assertEquals("1065353216:u32[]",
        JaxprPrinter.literal(new Literal(Array.scalar(1065353216L, DType.UINT32))));
    assertEquals("4294967295:u32[]",
        JaxprPrinter.literal(new Literal(Array.scalar(-1L, DType.UINT32))));
    assertEquals("18446744073709551615:u64[]",
        JaxprPrinter.literal(new Literal(Array.scalar(-1L, DType.UINT64))));
    assertEquals("-9223372036854775808:i64[]",
        JaxprPrinter.literal(new Literal(Array.scalar(Long.MIN_VALUE, DType.INT64))));
    assertEquals("True:bool[]", JaxprPrinter.literal(new Literal(Array.scalar(true))));
    assertEquals("False:bool[]", JaxprPrinter.literal(new Literal(Array.scalar(false))));
    // Weak types are not marked.
    assertEquals("1.0:f32[]", JaxprPrinter.literal(new Literal(Array.fromJavaScalar(1.0))));
    assertEquals("1.0:f32[]", new Literal(Array.fromJavaScalar(1.0)).toString());
  }

  private static String lit(double v, DType d) {
    return JaxprPrinter.literal(JaxprBuilder.lit(v, d));
  }

  @Test
  void printShapesFalseDropsBinderTypesOnly() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var s = b.eq("f32[3]", SIN, ACCURACY_NONE, a);
    Jaxpr j = b.out(b.eq("f32[3]", ADD, s, f32(1)));
    assertEquals("{ lambda ; a. let b = sin a; c = add b 1.0:f32[] in (c,) }",
        JaxprPrinter.print(j, false));
  }

  @Test
  void dropVarsPrintUnderscoreAndTakeNoName() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    List<Var> outs = b.eqs(List.of("_:f32[3]", "f32[3]"), Primitive.builder("two")
        .buildUnregistered(), Params.EMPTY, a);
    Jaxpr j = b.out(outs.get(1));
    assertEquals("{ lambda ; a:f32[3]. let _:f32[3] b:f32[3] = two a in (b,) }",
        JaxprPrinter.print(j));
  }

  @Test
  void anEquationWithoutOutputsPrintsNoEqualsSign() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    b.eqs(List.of(), Primitive.builder("debug_print").buildUnregistered(),
        Params.of("fmt", "x={}"), a);
    assertEquals("{ lambda ; a:f32[3]. let debug_print[fmt=x={}] a in () }",
        JaxprPrinter.print(b.out()));
  }

  @Test
  void unusedOutputsOfNestedJaxprsKeepTheirNames() {
    // Only the top-level jaxpr prints unused outputs as _; the callee's c stays c.
    JaxprBuilder inner = new JaxprBuilder();
    Var x = inner.in("f32[3]");
    inner.eq("f32[3]", SIN, ACCURACY_NONE, x);
    Jaxpr callee = inner.out(x);
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    b.eq("f32[3]", SIN, ACCURACY_NONE, a);
    Var y = b.eq("f32[3]", JIT, jitParams("f", callee), a);
    assertEquals("{ lambda ; a:f32[3]. let\n"
        + "    _:f32[3] = sin a\n"
        + "    b:f32[3] = jit[\n"
        + "      name=f\n"
        + "      jaxpr={ lambda ; a:f32[3]. let c:f32[3] = sin a in (a,) }\n"
        + "    ] a\n"
        + "  in (b,) }", JaxprPrinter.print(b.out(y)));
  }

  @Test
  void aVarPassedTwiceToJitNamesOnlyTheFirstCalleeBinder() {
    JaxprBuilder inner = new JaxprBuilder();
    Var x = inner.in("f32[3]");
    Var z = inner.in("f32[3]");
    Jaxpr callee = inner.out(inner.eq("f32[3]", ADD, x, z));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var y = b.eq("f32[3]", JIT, jitParams("g", callee), a, a);
    assertEquals("{ lambda ; a:f32[3]. let\n"
        + "    b:f32[3] = jit[\n"
        + "      name=g\n"
        + "      jaxpr={ lambda ; a:f32[3] c:f32[3]. let b:f32[3] = add a c in (b,) }\n"
        + "    ] a a\n"
        + "  in (b,) }", JaxprPrinter.print(b.out(y)));
  }

  @Test
  void hoistedNamesClashGetSuffixesAndAreNeverVariableNames() {
    // Two different jaxprs both named f, each used twice: f and f1; variables skip f.
    List<Jaxpr> callees = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      JaxprBuilder inner = new JaxprBuilder();
      Var x = inner.in("f32[]");
      callees.add(inner.out(inner.eq("f32[]", SIN, ACCURACY_NONE, x)));
    }
    JaxprBuilder b = new JaxprBuilder();
    Atom v = b.in("f32[]");
    for (int i = 0; i < 4; i++) {
      v = b.eq("f32[]", JIT, jitParams("f", callees.get(i / 2)), v);
    }
    assertEquals("let f = { lambda ; a:f32[]. let b:f32[] = sin a in (b,) } in\n"
        + "let f1 = { lambda ; c:f32[]. let d:f32[] = sin c in (d,) } in\n"
        + "{ lambda ; e:f32[]. let\n"
        + "    g:f32[] = jit[name=f jaxpr=f] e\n"
        + "    h:f32[] = jit[name=f jaxpr=f] g\n"
        + "    i:f32[] = jit[name=f jaxpr=f1] h\n"
        + "    j:f32[] = jit[name=f jaxpr=f1] i\n"
        + "  in (j,) }", JaxprPrinter.print(b.out(v)));
  }

  @Test
  void jaxprsInsideASharedJaxprAreSharedToo() {
    // JAX's walk reaches q once per use of p, so q is hoisted although it appears once.
    JaxprBuilder qb = new JaxprBuilder();
    Var x = qb.in("f32[]");
    Jaxpr q = qb.out(qb.eq("f32[]", SIN, ACCURACY_NONE, x));
    JaxprBuilder pb = new JaxprBuilder();
    Var u = pb.in("f32[]");
    Jaxpr p = pb.out(pb.eq("f32[]", JIT, jitParams("q", q), u));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[]");
    Var c = b.eq("f32[]", JIT, jitParams("p", p), a);
    Var d = b.eq("f32[]", JIT, jitParams("<p>", p), c);
    assertEquals("let p = { lambda ; a:f32[]. let b:f32[] = jit[name=q jaxpr=q] a in (b,) } in\n"
        + "let q = { lambda ; c:f32[]. let d:f32[] = sin c in (d,) } in\n"
        + "{ lambda ; e:f32[]. let\n"
        + "    f:f32[] = jit[name=p jaxpr=p] e\n"
        + "    g:f32[] = jit[name=<p> jaxpr=p] f\n"
        + "  in (g,) }", JaxprPrinter.print(b.out(d)));
  }

  @Test
  void freshNamesSkipHoistedNames() {
    // A hoisted jaxpr named c: no variable is called c.
    JaxprBuilder qb = new JaxprBuilder();
    Var x = qb.in("f32[]");
    Jaxpr q = qb.out(qb.eq("f32[]", SIN, ACCURACY_NONE, x));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[]");
    Var y = b.eq("f32[]", JIT, jitParams("c", q), a);
    Var z = b.eq("f32[]", JIT, jitParams("c", q), y);
    assertEquals("let c = { lambda ; a:f32[]. let b:f32[] = sin a in (b,) } in\n"
        + "{ lambda ; d:f32[]. let\n"
        + "    e:f32[] = jit[name=c jaxpr=c] d\n"
        + "    f:f32[] = jit[name=c jaxpr=c] e\n"
        + "  in (f,) }", JaxprPrinter.print(b.out(z)));
  }

  @Test
  void paramsWithMemoryAddressesAreMasked() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[]");
    Var y = b.eq("f32[]", Primitive.builder("callback").buildUnregistered(),
        Params.of("fn", "<function f at 0x7f1aa0e8c860>"), a);
    assertEquals("{ lambda ; a:f32[]. let\n"
        + "    b:f32[] = callback[fn=<function f at 0xXXXXXXXXXXXX>] a\n"
        + "  in (b,) }", JaxprPrinter.print(b.out(y)));
  }

  @Test
  void printingThousandsOfEquationsIsFast() {
    JaxprBuilder b = new JaxprBuilder();
    Atom v = b.in("f32[8]");
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      v = b.eq("f32[8]", ADD, v, i % 2 == 0 ? f32(i) : i32(i));
    }
    Jaxpr j = b.out(v);
    long t0 = System.nanoTime();
    String text = JaxprPrinter.print(j);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(n + 2, text.lines().count());
    assertTrue(text.contains("\n    bdpg:f32[8] = add bdpf 19999:i32[]\n"), "last names");
    assertTrue(ms < 5_000, "printing " + n + " equations took " + ms + " ms");
  }
}
