package org.jaxpresso.core.jaxpr;

import static org.jaxpresso.core.jaxpr.JaxprBuilder.f32;
import static org.jaxpresso.core.jaxpr.JaxprBuilder.i32;
import static org.jaxpresso.core.jaxpr.TestPrims.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/**
 * More jaxprs from the JAX 0.11.2 probe output ({@code jaxpr/jax-0.11.2-probe-jaxprs.txt}, the
 * jaxpr sections of the shared probe file, copied verbatim), rebuilt by hand and compared byte
 * for byte.
 */
class ProbeJaxprsTest {
  private static final Primitive REDUCE_MAX = plain("reduce_max");
  private static final Primitive IS_FINITE = plain("is_finite");
  private static final Primitive SIGN = plain("sign");
  private static final Primitive ABS = plain("abs");
  private static final Primitive LOG = unaryWithAccuracy("log");
  private static final Primitive EQ = binary("eq", true);
  private static final Primitive AND = binary("and", false);
  private static final Primitive REM = binary("rem", false);
  private static final Primitive CLAMP = plain("clamp");
  private static final Primitive STACK = plain("stack");

  /** The text printed under {@code --- name} in the probe output. */
  static String probe(String name) {
    String all = Reference.resource("/jaxpr/jax-0.11.2-probe-jaxprs.txt");
    int start = all.indexOf("\n--- " + name + "\n");
    if (start < 0) {
      throw new IllegalArgumentException("no probe section " + name);
    }
    start = all.indexOf('\n', start + 1) + 1;
    int end = all.length();
    for (String marker : List.of("\n--- ", "\n======== ")) {
      int e = all.indexOf(marker, start - 1);
      if (e >= 0) {
        end = Math.min(end, e);
      }
    }
    return all.substring(start, end);
  }

  private static void assertPrints(String probeName, Jaxpr j) {
    String expected = probe(probeName);
    assertTrue(expected.startsWith("{ lambda ") || expected.startsWith("let "), expected);
    assertEquals(expected, JaxprPrinter.print(j));
    JaxprChecker.check(j);
  }

  @Test
  void thirtyEquationsNameUpToBe() {
    JaxprBuilder b = new JaxprBuilder();
    Atom v = b.in("f32[]");
    for (int i = 0; i < 30; i++) {
      v = b.eq("f32[]", SIN, ACCURACY_NONE, v);
    }
    assertPrints("30 eqns naming", b.out(v));
  }

  @Test
  void aShortJaxprIsOneLineWithSemicolons() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var s = b.eq("f32[3]", SQRT, ACCURACY_NONE, a);
    assertPrints("1/sqrt", b.out(b.eq("f32[3]", DIV, f32(1), s)));
  }

  private static Jaxpr sinTimesTwo() {
    JaxprBuilder inner = new JaxprBuilder();
    Var x = inner.in("f32[3]");
    Var s = inner.eq("f32[3]", SIN, ACCURACY_NONE, x);
    return inner.out(inner.eq("f32[3]", MUL, OUT_DTYPE_NONE, s, f32(2)));
  }

  @Test
  void aJaxprCalledTwiceIsHoistedUnderItsStrippedName() {
    Jaxpr inner = sinTimesTwo();
    JaxprBuilder b = new JaxprBuilder();
    Var d = b.in("f32[3]");
    // Two ClosedJaxpr wrappers of one Jaxpr are the same sub-jaxpr.
    Var e = b.eq("f32[3]", JIT, jitParams("<lambda>", inner), d);
    Var f = b.eq("f32[3]", ADD, d, f32(1));
    Var g = b.eq("f32[3]", JIT, jitParams("<lambda>", inner), f);
    assertPrints("jit inside jit (same inner twice)", b.out(b.eq("f32[3]", ADD, e, g)));
  }

  @Test
  void aJaxprCalledOnceIsInlineAndBorrowsTheCallersNames() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var y = b.eq("f32[3]", JIT, jitParams("inner", sinTimesTwo()), a);
    assertPrints("jit inside jit (once)", b.out(b.eq("f32[3]", ADD, y, f32(1))));
  }

  @Test
  void unusedTopLevelOutputsPrintUnderscore() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var m = b.eq("f32[]", REDUCE_MAX, axes(0), a);
    Var c = b.eq("f32[]", MAX, f32(Double.NEGATIVE_INFINITY), m);
    Var d = b.eq("bool[]", IS_FINITE, c);
    Var e = b.eq("f32[]", SELECT_N, d, f32(0), c);
    Var f = b.eq("f32[]", STOP_GRADIENT, e);
    Var g = b.eq("f32[1]", BROADCAST_IN_DIM, bcast(new int[] {1}), f);
    Var h = b.eq("f32[3]", SUB, a, g);
    Var i = b.eq("f32[3]", EXP, ACCURACY_NONE, h);
    Var j = b.eq("f32[]", REDUCE_SUM, axes(0), i);
    b.eq("f32[]", SIGN, j);
    Var k = b.eq("f32[]", ABS, j);
    Var l = b.eq("f32[]", LOG, ACCURACY_NONE, k);
    assertPrints("logsumexp", b.out(b.eq("f32[]", ADD, l, f)));
  }

  @Test
  void literalArgumentsLeaveTheCalleeBinderAFreshName() {
    JaxprBuilder w = new JaxprBuilder();
    Var wc = w.in("bool[]");
    Var wx = w.in("i32[]");
    Var wy = w.in("i32[]");
    Jaxpr where = w.out(w.eq("i32[]", SELECT_N, wc, wy, wx));

    JaxprBuilder r = new JaxprBuilder();
    Var a = r.in("i32[3]");
    Var bb = r.in("i32[]");
    Var c = r.eq("i32[]", CONVERT_ELEMENT_TYPE, convert(DType.INT32, false), bb);
    Var d = r.eq("bool[]", EQ, c, i32(0));
    Var e = r.eq("i32[]", JIT, jitParams("_where", where), d, i32(1), c);
    Var g = r.eq("i32[3]", REM, a, e);
    Var h = r.eq("bool[3]", NE, g, i32(0));
    Var i = r.eq("bool[3]", LT, g, i32(0));
    Var j = r.eq("bool[]", LT, e, i32(0));
    Var k = r.eq("bool[3]", NE, i, j);
    Var l = r.eq("bool[3]", AND, k, h);
    Var m = r.eq("i32[3]", ADD, g, e);
    Jaxpr remainder = r.out(r.eq("i32[3]", SELECT_N, l, g, m));

    JaxprBuilder b = new JaxprBuilder();
    Var o = b.in("i32[3]");
    assertPrints("i32 % 3", b.out(b.eq("i32[3]", JIT, jitParams("remainder", remainder), o,
        i32(3))));
  }

  @Test
  void jitInsideJitBorrowsNamesAtEveryLevel() {
    JaxprBuilder w = new JaxprBuilder();
    Var wk = w.in("bool[3]");
    Var wl = w.in("i32[3]");
    Var we = w.in("i32[3]");
    Jaxpr where = w.out(w.eq("i32[3]", SELECT_N, wk, we, wl));

    JaxprBuilder fd = new JaxprBuilder();
    Var a = fd.in("i32[3]");
    Var c = fd.in("i32[]");
    Var d = fd.eq("i32[]", CONVERT_ELEMENT_TYPE, convert(DType.INT32, false), c);
    Var e = fd.eq("i32[3]", DIV, a, d);
    Var f = fd.eq("i32[3]", SIGN, a);
    Var g = fd.eq("i32[]", SIGN, d);
    Var h = fd.eq("bool[3]", NE, f, g);
    Var i = fd.eq("i32[3]", REM, a, d);
    Var j = fd.eq("bool[3]", NE, i, i32(0));
    Var k = fd.eq("bool[3]", AND, h, j);
    Var l = fd.eq("i32[3]", SUB, e, i32(1));
    Jaxpr floorDivide = fd.out(fd.eq("i32[3]", JIT, jitParams("_where", where), k, l, e));

    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in("i32[3]");
    assertPrints("i32 // 2",
        b.out(b.eq("i32[3]", JIT, jitParams("floor_divide", floorDivide), x, i32(2))));
  }

  private static Jaxpr reluCall() {
    JaxprBuilder r = new JaxprBuilder();
    Var rc = r.in("f32[3]");
    Jaxpr relu = r.out(r.eq("f32[3]", MAX, rc, f32(0)));
    JaxprBuilder call = new JaxprBuilder();
    Var c = call.in("f32[3]");
    return call.out(call.eq("f32[3]", JIT, jitParams("relu", relu), c));
  }

  private static Params customJvpParams(Jaxpr callJaxpr) {
    return Params.of("call_jaxpr", ClosedJaxpr.of(callJaxpr), "jvp", "jvp", "name", "relu",
        "num_consts", 0, "symbolic_zeros", false);
  }

  @Test
  void theNameParamPrintsFirst() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    assertPrints("relu",
        b.out(b.eq("f32[3]", CUSTOM_JVP_CALL, customJvpParams(reluCall()), a)));
  }

  @Test
  void severalUnusedOutputsInAGradJaxpr() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var r = b.eq("f32[3]", CUSTOM_JVP_CALL, customJvpParams(reluCall()), a);
    Var e = b.eq("bool[3]", GT, a, f32(0));
    b.eq("f32[3]", BROADCAST_IN_DIM, bcast(new int[] {3}), f32(0));
    b.eq("f32[]", REDUCE_SUM, axes(0), r);
    Var f = b.eq("f32[3]", BROADCAST_IN_DIM, bcast(new int[] {3}), f32(1));
    Var g = b.eq("f32[3]", BROADCAST_IN_DIM, bcast(new int[] {3}), f32(0));
    assertPrints("grad relu", b.out(b.eq("f32[3]", SELECT_N, e, g, f)));
  }

  @Test
  void paramsThatDoNotFitBreakOnePerLine() {
    JaxprBuilder t = new JaxprBuilder();
    Var a = t.in("f32[2,3]");
    Var bb = t.in("i32[2,1]");
    Var d = t.eq("bool[2,1]", LT, bb, i32(0));
    Var e = t.eq("i32[2,1]", ADD, bb, i32(3));
    Var f = t.eq("i32[2,1]", SELECT_N, d, bb, e);
    Var g = t.eq("i32[2,1,1]", RESHAPE, reshape(2, 1, 1), f);
    Params gp = Params.of(
        "dimension_numbers", NamedTuple.of("GatherDimensionNumbers",
            "offset_dims", new int[0], "collapsed_slice_dims", new int[] {1},
            "start_index_map", new int[] {1}, "operand_batching_dims", new int[] {0},
            "start_indices_batching_dims", new int[] {0}),
        "fill_value", Double.NaN, "indices_are_sorted", false,
        "mode", GatherScatterMode.FILL_OR_DROP, "slice_sizes", new int[] {1, 1},
        "unique_indices", false);
    Jaxpr take = t.out(t.eq("f32[2,1]", GATHER, gp, a, g));
    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in("f32[2,3]");
    Var i = b.in("i32[2,1]");
    assertPrints("take_along_axis",
        b.out(b.eq("f32[2,1]", JIT, jitParams("take_along_axis", take), x, i)));
  }

  @Test
  void whileWithTwoUnusedCarries() {
    JaxprBuilder body = new JaxprBuilder();
    Var d = body.in("i32[]");
    Var e = body.in("i32[]");
    Var f = body.in("i32[]");
    Var g = body.eq("i32[]", ADD, d, i32(1));
    Var h = body.eq("i32[]", CONVERT_ELEMENT_TYPE, convert(DType.INT32, false), d);
    Var i = body.eq("i32[]", ADD, f, h);
    JaxprBuilder cond = new JaxprBuilder();
    Var j = cond.in("i32[]");
    Var k = cond.in("i32[]");
    cond.in("i32[]");
    Var m = cond.eq("bool[]", LT, j, k);
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("i32[]");
    Var n = b.in("i32[]");
    Params p = Params.of("body_jaxpr", ClosedJaxpr.of(body.out(g, e, i)), "body_nconsts", 0,
        "cond_jaxpr", ClosedJaxpr.of(cond.out(m)), "cond_nconsts", 0);
    List<Var> outs = b.eqs(List.of("i32[]", "i32[]", "i32[]"), WHILE, p, i32(0), n, a);
    assertPrints("fori_loop", b.out(outs.get(2)));
  }

  @Test
  void switchPrintsThreeBranches() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("i32[]");
    Var x = b.in("f32[]");
    Var c = b.eq("i32[]", CONVERT_ELEMENT_TYPE, convert(DType.INT32, false), a);
    Var d = b.eq("i32[]", CLAMP, i32(0), c, i32(2));
    List<ClosedJaxpr> branches = new ArrayList<>();
    Primitive[] ops = {ADD, SUB, ADD};
    for (int k = 0; k < 3; k++) {
      JaxprBuilder br = new JaxprBuilder();
      Var y = br.in("f32[]");
      branches.add(ClosedJaxpr.of(br.out(br.eq("f32[]", ops[k], y, f32(k + 1)))));
    }
    assertPrints("switch", b.out(b.eq("f32[]", COND, Params.of("branches", branches), d, x)));
  }

  private static Params iota(DType dtype, int dimension, int... shape) {
    return Params.of("dimension", dimension, "dtype", dtype, "shape", shape, "sharding", null);
  }

  @Test
  void noInvarsAndIotasTrailingSpace() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.eq("f32[2,2]", BROADCAST_IN_DIM, bcast(new int[] {2, 2}), f32(0));
    Var bb = b.eq("i32[3]", BROADCAST_IN_DIM, bcast(new int[] {3}), i32(1));
    Var c = b.eq("f32[2]", BROADCAST_IN_DIM, bcast(new int[] {2}), f32(7));
    Var d = b.eq("i32[4]", IOTA, iota(DType.INT32, 0, 4));
    Var e = b.eq("i32[3]", IOTA, iota(DType.INT32, 0, 3));
    Var f = b.eq("i32[3]", MUL, OUT_DTYPE_NONE, i32(2), e);
    Var g = b.eq("i32[3]", ADD, i32(1), f);
    Var h = b.eq("i32[2,2]", IOTA, iota(DType.INT32, 0, 2, 2));
    Var i = b.eq("i32[2,2]", IOTA, iota(DType.INT32, 1, 2, 2));
    Var j = b.eq("i32[2,2]", ADD, h, i32(0));
    Var k = b.eq("bool[2,2]", EQ, j, i);
    Var l = b.eq("f32[2,2]", CONVERT_ELEMENT_TYPE, convert(DType.FLOAT32, false), k);
    assertPrints("zeros ones full arange eye", b.out(a, bb, c, d, g, l));
  }

  @Test
  void literalsAndConstvarsAsOutputsWithNoEquations() {
    JaxprBuilder b = new JaxprBuilder();
    Var c = b.constvar("f32[1]");
    Var x = b.in("f32[]");
    assertPrints("scalar const closure", b.out(x, f32(1), c));
  }

  @Test
  void aJaxprParamThatIsNotClosedAndAnEmptyTupleOfJaxprs() {
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[4]");
    Var i = b.in("i32[2]");
    Var c = b.eq("i32[1]", BROADCAST_IN_DIM, bcast(new int[] {1}), i32(0));
    Var d = b.eq("f32[4]", SCATTER, ReferenceJaxprs.scatterParams(true, null), a, c, f32(5));
    Var h = b.eq("i32[2,1]", BROADCAST_IN_DIM, bcast(new int[] {2, 1}, 0),
        ReferenceJaxprs.normalizeIndex(b, i, 4));
    Var ones = b.eq("f32[2]", BROADCAST_IN_DIM, bcast(new int[] {2}), f32(1));
    JaxprBuilder u = new JaxprBuilder();
    Var k = u.in("f32[]");
    Var l = u.in("f32[]");
    Jaxpr update = u.out(u.eq("f32[]", ADD, k, l));
    Var j = b.eq("f32[4]", SCATTER_ADD, ReferenceJaxprs.scatterParams(false, update), a, h, ones);
    assertPrints("at set/add", b.out(d, j));
  }

  @Test
  void boolLiterals() {
    JaxprBuilder w = new JaxprBuilder();
    Var c = w.in("bool[3]");
    Var t = w.in("bool[]");
    Var f = w.in("bool[]");
    Var bt = w.eq("bool[3]", BROADCAST_IN_DIM, bcast(new int[] {3}), t);
    Var bf = w.eq("bool[3]", BROADCAST_IN_DIM, bcast(new int[] {3}), f);
    Jaxpr where = w.out(w.eq("bool[3]", SELECT_N, c, bf, bt));
    JaxprBuilder b = new JaxprBuilder();
    Var a = b.in("f32[3]");
    Var p = b.eq("bool[3]", GT, a, f32(0));
    Literal yes = new Literal(Array.scalar(true));
    Literal no = new Literal(Array.scalar(false));
    assertPrints("bool literal",
        b.out(b.eq("bool[3]", JIT, jitParams("_where", where), p, yes, no)));
  }

  @Test
  void anEmptyJaxprUsedTwiceIsHoisted() {
    JaxprBuilder id = new JaxprBuilder();
    Jaxpr atleast1d = id.out(id.in("f32[3]"));
    JaxprBuilder b = new JaxprBuilder();
    Var x = b.in("f32[3]");
    Var y = b.in("f32[3]");
    Var d = b.eq("f32[6]", CONCATENATE, Params.of("dimension", 0), x, y);
    Var e = b.eq("f32[2,3]", STACK, Params.of("axis", 0), x, y);
    Var f = b.eq("f32[3]", JIT, jitParams("atleast_1d", atleast1d), x);
    Var g = b.eq("f32[3]", JIT, jitParams("atleast_1d", atleast1d), y);
    Var h = b.eq("f32[6]", CONCATENATE, Params.of("dimension", 0), f, g);
    assertPrints("concatenate stack", b.out(d, e, h));
  }

  @Test
  void aLongJaxprUsedOnceIsHoisted() {
    JaxprBuilder b = new JaxprBuilder();
    Var q = b.eq("f32[5]", JIT, jitParams("_linspace", ReferenceJaxprs.linspace(5, "f32[]")),
        f32(0), f32(1));
    assertPrints("linspace", b.out(q));
  }

  @Test
  void longBinderListsWrapFillStyle() {
    // JAX-NOTES 1.8: jnp.concatenate of eight f32[1000,1000] arrays.
    JaxprBuilder b = new JaxprBuilder();
    List<Var> xs = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      xs.add(b.in("f32[1000,1000]"));
    }
    Var i = b.eq("f32[8000,1000]", CONCATENATE, Params.of("dimension", 0),
        xs.toArray(new Atom[0]));
    assertEquals("{ lambda ; a:f32[1000,1000] b:f32[1000,1000] c:f32[1000,1000] d:f32[1000,1000]"
        + " e:f32[1000,1000]\n"
        + "    f:f32[1000,1000] g:f32[1000,1000] h:f32[1000,1000]. let\n"
        + "    i:f32[8000,1000] = concatenate[dimension=0] a b c d e f g h\n"
        + "  in (i,) }", JaxprPrinter.print(b.out(i)));
  }
}
