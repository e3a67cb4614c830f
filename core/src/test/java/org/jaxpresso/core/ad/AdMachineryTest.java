package org.jaxpresso.core.ad;

import static org.jaxpresso.core.ad.ToyOps.add;
import static org.jaxpresso.core.ad.ToyOps.arr;
import static org.jaxpresso.core.ad.ToyOps.cos;
import static org.jaxpresso.core.ad.ToyOps.d;
import static org.jaxpresso.core.ad.ToyOps.mul;
import static org.jaxpresso.core.ad.ToyOps.sin;
import static org.jaxpresso.core.ad.ToyOps.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.batching.Batching;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JVP, partial-evaluation, transpose and batching interpreters on a toy primitive set. */
class AdMachineryTest {
  private static final Array X = arr(new double[] {0.5, 1.0, 2.0}, 3);
  private static final Array T = arr(new double[] {1.0, -1.0, 0.5}, 3);

  @BeforeAll
  static void rules() {
    ToyOps.install();
  }

  @Test
  void jvpAppliesRulesAndLiftsConstants() {
    Array c = arr(new double[] {2, 3, 4}, 3);
    Ad.JvpOutput o = Ad.jvp(a -> List.of(mul(sin(a.get(0)), c)), List.of(X), List.of(T));
    double[] x = d(X);
    double[] t = d(T);
    double[] want = new double[3];
    for (int i = 0; i < 3; i++) {
      want[i] = Math.cos(x[i]) * t[i] * d(c)[i];
    }
    assertArrayEquals(want, d(o.tangents().get(0)), 1e-15);
    assertEquals(Math.sin(0.5) * 2, d(o.primals().get(0))[0], 1e-15);
  }

  @Test
  void outputsIndependentOfTheInputHaveZeroTangents() {
    Array c = arr(new double[] {2, 3, 4}, 3);
    Ad.JvpOutput o = Ad.jvp(a -> List.of(c), List.of(X), List.of(T));
    assertArrayEquals(new double[3], d(o.tangents().get(0)));
  }

  @Test
  void nestedJvpKeepsPerturbationsApart() {
    // d/dx [x * (d/dy (x * y))] = d/dx [x * x] = 2x: the inner derivative must not see x's
    // tangent (JAX's perturbation-confusion example).
    Ad.JvpOutput o = Ad.jvp(a -> {
      NDArray x = a.get(0);
      NDArray inner = Ad.jvp(b -> List.of(mul(x, b.get(0))), List.of(X), List.of(ToyOps.arr(
          new double[] {1, 1, 1}, 3))).tangents().get(0);
      return List.of(mul(x, inner));
    }, List.of(X), List.of(arr(new double[] {1, 1, 1}, 3)));
    assertArrayEquals(new double[] {1, 2, 4}, d(o.tangents().get(0)), 1e-15);
  }

  @Test
  void linearizeStagesOnlyTheTangentComputation() {
    Ad.Linearized lin = Ad.linearize(a -> List.of(sum(sin(a.get(0)))), List.of(X));
    ClosedJaxpr j = lin.linearJaxpr();
    assertEquals(2, j.jaxpr().eqns().size(), j.toString());
    assertEquals("toy_mul", j.jaxpr().eqns().get(0).primitive().name());
    assertEquals("toy_sum", j.jaxpr().eqns().get(1).primitive().name());
    assertEquals(1, j.consts().size(), "cos(x) is the one residual");
    assertTrue(j.consts().get(0) instanceof Array);
    double[] g = d(lin.vjp(List.of(arr(new double[] {1.0}))).get(0));
    for (int i = 0; i < 3; i++) {
      assertEquals(Math.cos(d(X)[i]), g[i], 1e-15);
    }
  }

  @Test
  void backwardPassAccumulatesFanOut() {
    // f(x) = sum(x * x + x): gradient 2x + 1, x used three times.
    Ad.Linearized lin = Ad.linearize(a -> List.of(sum(add(mul(a.get(0), a.get(0)), a.get(0)))),
        List.of(X));
    assertArrayEquals(new double[] {2, 3, 5}, d(lin.vjp(List.of(arr(new double[] {1.0})))
        .get(0)), 1e-15);
    assertArrayEquals(d(lin.jvp(List.of(T)).get(0)), new double[] {2 * 1 - 3 * 1 + 5 * 0.5},
        1e-15);
  }

  @Test
  void reverseModeComposesWithStaging() {
    JaxprTrace.Traced traced = JaxprTrace.trace(args -> {
      Ad.Linearized lin = Ad.linearize(a -> List.of(sum(sin(a.get(0)))),
          List.of((NDArray) args[0]));
      return lin.vjp(List.of(arr(new double[] {1.0}))).get(0);
    }, new Object[] {X}, "g", "jit");
    String text = traced.jaxpr().toString();
    assertTrue(text.contains("toy_sin") && text.contains("toy_cos")
        && text.contains("toy_fill") && text.contains("toy_mul"), text);
  }

  @Test
  void missingRulesRaiseJaxsMessages() {
    Primitive noRules = Primitive.builder("toy_plain")
        .abstractEval((avals, p) -> List.of(avals.get(0)))
        .impl((args, p) -> List.of(args.get(0)))
        .buildUnregistered();
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> Ad.jvp(a -> noRules.bind(a, Params.EMPTY), List.of(X), List.of(T)));
    assertEquals("Differentiation rule for 'toy_plain' not implemented", e.getMessage());
    UnsupportedOperationException b = assertThrows(UnsupportedOperationException.class,
        () -> Batching.vmap(a -> noRules.bind(a, Params.EMPTY), List.of(X), new int[] {0},
            j -> 0));
    assertEquals("Batching rule for 'toy_plain' not implemented", b.getMessage());
    Primitive[] self = new Primitive[1];
    self[0] = Primitive.builder("toy_linear")
        .abstractEval((avals, p) -> List.of(avals.get(0)))
        .impl((args, p) -> List.of(args.get(0)))
        .jvp((p, tg, q) -> Primitive.JvpResult.of(self[0].bind(p, q).get(0),
            self[0].bind(tg, q).get(0)))
        .buildUnregistered();
    UnsupportedOperationException t = assertThrows(UnsupportedOperationException.class,
        () -> Ad.linearize(a -> self[0].bind(a, Params.EMPTY), List.of(X))
            .vjp(List.of(X)));
    assertEquals("Transpose rule (for reverse-mode differentiation) for 'toy_linear' not"
        + " implemented", t.getMessage());
  }

  @Test
  void rulesAttachOnce() {
    assertThrows(IllegalStateException.class,
        () -> ToyOps.ADD.defineJvp((p, t, q) -> null));
    assertNull(Primitive.builder("toy_none").buildUnregistered().jvpRule());
  }

  @Test
  void vmapMapsAndBroadcastsUnmappedOutputs() {
    Array xs = arr(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    List<NDArray> out = Batching.vmap(a -> List.of(mul(a.get(0), a.get(1)), a.get(1)),
        List.of(xs, X), new int[] {0, Primitive.NOT_MAPPED}, j -> 0);
    assertArrayEquals(new double[] {0.5, 2, 6, 2, 5, 12}, d(out.get(0)));
    assertArrayEquals(new double[] {0.5, 1, 2, 0.5, 1, 2}, d(out.get(1)));
    List<NDArray> g = Batching.vmap(a -> Ad.jvp(b -> List.of(sin(b.get(0))),
        List.of(a.get(0)), List.of(a.get(0))).tangents(), List.of(xs), new int[] {0}, j -> 0);
    assertEquals(Math.cos(6) * 6, d(g.get(0))[5], 1e-15);
  }

  @Test
  void vmapErrorsInJaxWords() {
    JaxValueError e = assertThrows(JaxValueError.class, () -> Batching.vmap(a -> a,
        List.of(X), new int[] {Primitive.NOT_MAPPED}, j -> 0));
    assertEquals("vmap must have at least one non-None value in in_axes or axis_size must be"
        + " specified", e.getMessage());
    assertThrows(JaxValueError.class, () -> Batching.vmap(a -> a,
        List.of(X, arr(new double[4], 4)), new int[] {0, 0}, j -> 0));
    assertThrows(JaxValueError.class, () -> Batching.vmap(a -> a, List.of(X), new int[] {1},
        j -> 0));
  }

  @Test
  void currentTraceIsRestoredAfterTransformations() {
    Ad.jvp(a -> List.of(sin(a.get(0))), List.of(X), List.of(T));
    assertEquals("EvalTrace", Trace.current().toString());
  }
}
