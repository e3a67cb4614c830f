package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ad.Ad;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.LaxControlFlow.Step;
import org.jaxpresso.lax.RulesCheck.In;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The control-flow rules against finite differences (float64, x64 on), the VJP against the JVP
 * by the dot-product test, and {@code vmap} against stacking: {@code cond}, {@code switch},
 * static {@code foriLoop} (a scan), {@code scan} forwards and reversed, with consts, several
 * carries and ys, nested loops and branches; {@code while} in forward mode, and its JAX error
 * in reverse mode.
 */
class ControlFlowRulesTest {
  @BeforeEach
  void x64() {
    Flags.setX64(true);
  }

  @AfterEach
  void reset() {
    Flags.resetX64();
  }

  record Case(String name, Function<List<NDArray>, NDArray> f, List<In> ins) {}

  private static NDArray sum(NDArray x) {
    int[] axes = new int[x.aval().rank()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return Lax.reduceSum(x, axes);
  }

  private static NDArray condCase(List<NDArray> a) {
    NDArray pred = Lax.gt(sum(a.get(0)), 0.0);
    return Lax.cond(pred, ops -> Lax.mul(Lax.sin((NDArray) ops[0]), (NDArray) ops[1]),
        ops -> Lax.add(Lax.cos((NDArray) ops[0]), Lax.mul((NDArray) ops[1], (NDArray) ops[1])),
        a.get(0), a.get(1));
  }

  private static NDArray switchCase(List<NDArray> a) {
    List<Function<Object[], NDArray>> branches = List.of(
        ops -> Lax.sin((NDArray) ops[0]),
        ops -> Lax.mul((NDArray) ops[0], (NDArray) ops[1]),
        ops -> Lax.exp(Lax.mul((NDArray) ops[1], 0.5)));
    return Lax.switchCase(a.get(2), branches, a.get(0), a.get(1));
  }

  private static NDArray fori(List<NDArray> a) {
    NDArray x = a.get(0);
    return Lax.foriLoop(0, 4, (i, c) -> Lax.add(Lax.mul(c, x), Lax.sin(c)), a.get(1));
  }

  private static NDArray scanCase(List<NDArray> a, boolean reverse) {
    NDArray w = a.get(2);
    Step<List<NDArray>, List<NDArray>> r = Lax.scan(
        (List<NDArray> c, NDArray x) -> {
          NDArray c0 = Lax.add(Lax.mul(Lax.sin(c.get(0)), x), Lax.mul(c.get(1), w));
          NDArray c1 = Lax.tanh(Lax.add(c.get(1), Lax.mul(x, x)));
          return new Step<>(List.of(c0, c1), List.of(Lax.mul(c0, c1), Lax.cos(x)));
        }, List.of(a.get(1), a.get(1)), a.get(0), null, reverse, 1);
    return Lax.add(Lax.add(sum(r.carry().get(0)), sum(r.carry().get(1))),
        Lax.add(sum(Lax.mul(r.y().get(0), r.y().get(0))), sum(r.y().get(1))));
  }

  private static NDArray scanWithIntCarry(List<NDArray> a) {
    Step<List<NDArray>, NDArray> r = Lax.scan(
        (List<NDArray> c, NDArray x) -> {
          NDArray k = Lax.add(c.get(0), 1);
          NDArray v = Lax.add(Lax.mul(c.get(1), Lax.convertElementType(k, DType.FLOAT64)),
              Lax.sin(x));
          return new Step<>(List.of(k, v), Lax.mul(v, x));
        }, List.<NDArray>of(Array.scalar(0L, DType.INT64), a.get(1)), a.get(0));
    return Lax.add(sum(r.carry().get(1)), sum(r.y()));
  }

  private static NDArray nestedScan(List<NDArray> a) {
    NDArray w = a.get(1);
    Step<NDArray, NDArray> r = Lax.scan((NDArray c, NDArray row) -> {
      Step<NDArray, NDArray> inner = Lax.scan((NDArray ci, NDArray x) -> {
        NDArray n = Lax.add(Lax.mul(ci, Lax.cos(x)), w);
        return new Step<>(n, Lax.sin(n));
      }, c, row);
      return new Step<>(inner.carry(), sum(inner.y()));
    }, a.get(1), a.get(0));
    return Lax.add(r.carry(), sum(r.y()));
  }

  private static NDArray condInScan(List<NDArray> a) {
    Step<NDArray, NDArray> r = Lax.scan((NDArray c, NDArray x) -> {
      NDArray n = Lax.cond(Lax.gt(x, 0.0), (NDArray o) -> Lax.mul(o, Lax.sin(x)),
          (NDArray o) -> Lax.add(o, Lax.mul(x, x)), c);
      return new Step<>(n, Lax.mul(n, c));
    }, a.get(1), a.get(0));
    return Lax.add(r.carry(), sum(r.y()));
  }

  private static NDArray scanInCond(List<NDArray> a) {
    NDArray pred = Lax.gt(sum(a.get(1)), 0.0);
    return Lax.cond(pred,
        ops -> Lax.scan((NDArray c, NDArray x) -> new Step<>(Lax.mul(Lax.sin(c), x), c),
            (NDArray) ops[1], (NDArray) ops[0]).carry(),
        ops -> Lax.mul((NDArray) ops[1], sum((NDArray) ops[0])), a.get(0), a.get(1));
  }

  /** A scan from a constant carry: its tangent starts as an instantiated zero. */
  private static NDArray constInit(List<NDArray> a) {
    NDArray w = a.get(1);
    Step<NDArray, NDArray> r = Lax.scan((NDArray c, NDArray x) -> {
      NDArray n = Lax.tanh(Lax.add(Lax.mul(w, c), x));
      return new Step<>(n, Lax.mul(n, Lax.sin(w)));
    }, Array.scalar(0.0, DType.FLOAT64), a.get(0));
    return Lax.add(r.carry(), sum(r.y()));
  }

  /** A cond whose branches also return an integer, which has no tangent. */
  private static NDArray condWithIntOutput(List<NDArray> a) {
    List<NDArray> r = Lax.cond(Lax.gt(sum(a.get(0)), 0.0),
        (NDArray v) -> List.of(Lax.sin(v), Array.scalar(1L, DType.INT64)),
        (NDArray v) -> List.of(Lax.mul(v, 3.0), Array.scalar(2L, DType.INT64)), a.get(0));
    return Lax.mul(r.get(0), Lax.convertElementType(r.get(1), DType.FLOAT64));
  }

  private static NDArray mapCase(List<NDArray> a) {
    NDArray w = a.get(1);
    NDArray ys = Lax.map((NDArray x) -> Lax.mul(Lax.sin(x), w), a.get(0));
    return ys;
  }

  static List<Case> cases() {
    Array idx0 = Array.scalar(0L, DType.INT32);
    Array idx1 = Array.scalar(1L, DType.INT32);
    Array idx7 = Array.scalar(7L, DType.INT32);
    return List.of(
        new Case("cond true", ControlFlowRulesTest::condCase,
            List.of(In.of(0.1, 1, 3), In.of(-1, 1, 3))),
        new Case("cond false", ControlFlowRulesTest::condCase,
            List.of(In.of(-1, -0.1, 3), In.of(-1, 1, 3))),
        new Case("switch 0", ControlFlowRulesTest::switchCase,
            List.of(In.of(-1, 1, 2, 2), In.of(-1, 1, 2, 2), In.fixed(idx0))),
        new Case("switch 1", ControlFlowRulesTest::switchCase,
            List.of(In.of(-1, 1, 2, 2), In.of(-1, 1, 2, 2), In.fixed(idx1))),
        new Case("switch clamped", ControlFlowRulesTest::switchCase,
            List.of(In.of(-1, 1, 2, 2), In.of(-1, 1, 2, 2), In.fixed(idx7))),
        new Case("fori static", ControlFlowRulesTest::fori,
            List.of(In.of(-1, 1, 3), In.of(-1, 1, 3))),
        new Case("scan", a -> scanCase(a, false),
            List.of(In.of(-1, 1, 4, 2), In.of(-1, 1, 2), In.of(-1, 1))),
        new Case("scan reverse", a -> scanCase(a, true),
            List.of(In.of(-1, 1, 4, 2), In.of(-1, 1, 2), In.of(-1, 1))),
        new Case("scan int carry", ControlFlowRulesTest::scanWithIntCarry,
            List.of(In.of(-1, 1, 3), In.of(-1, 1))),
        new Case("scan in scan", ControlFlowRulesTest::nestedScan,
            List.of(In.of(-1, 1, 3, 2), In.of(-1, 1))),
        new Case("cond in scan", ControlFlowRulesTest::condInScan,
            List.of(In.of(-1, 1, 5), In.of(-1, 1))),
        new Case("scan in cond", ControlFlowRulesTest::scanInCond,
            List.of(In.of(-1, 1, 3), In.of(0.1, 1))),
        new Case("scan constant init", ControlFlowRulesTest::constInit,
            List.of(In.of(-1, 1, 4), In.of(-1, 1))),
        new Case("cond int output true", ControlFlowRulesTest::condWithIntOutput,
            List.of(In.of(0.1, 1, 3))),
        new Case("cond int output false", ControlFlowRulesTest::condWithIntOutput,
            List.of(In.of(-1, -0.1, 3))),
        new Case("map", ControlFlowRulesTest::mapCase,
            List.of(In.of(-1, 1, 3, 2), In.of(-1, 1, 2))));
  }

  @TestFactory
  Stream<DynamicTest> jvpMatchesFiniteDifferencesAndVjpTransposesIt() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      for (long seed = 1; seed <= 3; seed++) {
        RulesCheck.checkDerivatives(c.name(), c.f(), c.ins(), seed, 1e-6);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> vmapEqualsStackingOverTheBatch() {
    return cases().stream().flatMap(c -> {
      int n = c.ins().size();
      Integer[] zeros = new Integer[n];
      Integer[] firstOnly = new Integer[n];
      Integer[] lastAxis = new Integer[n];
      for (int i = 0; i < n; i++) {
        boolean fixed = c.ins().get(i).fixed() != null;
        zeros[i] = fixed ? null : 0;
        lastAxis[i] = fixed ? null : c.ins().get(i).shape().length;
      }
      firstOnly[0] = 0;
      return Stream.of(
          DynamicTest.dynamicTest(c.name() + " in_axes=0", () ->
              RulesCheck.checkBatching(c.name(), c.f(), c.ins(), zeros, 7)),
          DynamicTest.dynamicTest(c.name() + " in_axes=(0, None...)", () ->
              RulesCheck.checkBatching(c.name(), c.f(), c.ins(), firstOnly, 8)),
          DynamicTest.dynamicTest(c.name() + " in_axes=last", () ->
              RulesCheck.checkBatching(c.name(), c.f(), c.ins(), lastAxis, 9)));
    });
  }

  @Test
  void batchedSwitchIndexSelectsPerElement() {
    List<In> ins = List.of(In.of(-1, 1, 2), In.of(-1, 1, 2));
    Random r = new Random(3);
    NDArray x = ins.get(0).sample(r);
    NDArray y = ins.get(1).sample(r);
    NDArray idx = Array.of(new int[] {2, 0, 1, -4, 9}, 5);
    NDArray got = org.jaxpresso.core.batching.Batching.vmap(
        a -> List.of(switchCase(List.of(a.get(0), a.get(1), a.get(2)))),
        List.of(x, y, idx), new int[] {-1, -1, 0}, j -> 0).get(0);
    int[] want = {2, 0, 1, 0, 2};
    for (int k = 0; k < 5; k++) {
      NDArray w = switchCase(List.of(x, y, Array.scalar((long) want[k], DType.INT32)));
      NDArray row = Lax.reshape(Lax.slice(got, new int[] {k, 0}, new int[] {k + 1, 2}),
          new int[] {2});
      org.junit.jupiter.api.Assertions.assertArrayEquals(RulesCheck.doubles(w),
          RulesCheck.doubles(row), 1e-15, "element " + k);
    }
  }

  private static NDArray whileCase(List<NDArray> a) {
    NDArray x = a.get(0);
    List<NDArray> out = Lax.whileLoop(
        (List<NDArray> c) -> Lax.lt(c.get(0), 5),
        (List<NDArray> c) -> List.of(Lax.add(c.get(0), 1),
            Lax.add(Lax.mul(Lax.sin(c.get(1)), x), c.get(1))),
        List.<NDArray>of(Array.scalar(0L, DType.INT64), a.get(1)));
    return out.get(1);
  }

  /** Counts to a data-dependent bound: each element's predicate fails at its own step. */
  private static NDArray whileDataBound(List<NDArray> a) {
    NDArray bound = a.get(0);
    List<NDArray> out = Lax.whileLoop(
        (List<NDArray> c) -> Lax.lt(c.get(0), bound),
        (List<NDArray> c) -> List.of(Lax.add(c.get(0), 0.5),
            Lax.mul(c.get(1), Lax.cos(c.get(0)))),
        List.<NDArray>of(Array.scalar(0.0, DType.FLOAT64), a.get(1)));
    return Lax.add(out.get(0), out.get(1));
  }

  @Test
  void whileJvpMatchesFiniteDifferencesAndLinearizes() {
    for (long seed = 1; seed <= 3; seed++) {
      Random r = new Random(seed);
      NDArray x = In.of(-1, 1, 3).sample(r);
      NDArray c = In.of(-1, 1, 3).sample(r);
      NDArray tx = RulesCheck.randomLike(x, r);
      NDArray tc = RulesCheck.randomLike(c, r);
      Function<List<NDArray>, List<NDArray>> f = a -> List.of(whileCase(a));
      Ad.JvpOutput out = Ad.jvp(f, List.of(x, c), List.of(tx, tc));
      double eps = 1e-6;
      double[] plus = RulesCheck.doubles(whileCase(List.of(Lax.add(x, Lax.mul(tx, eps)),
          Lax.add(c, Lax.mul(tc, eps)))));
      double[] minus = RulesCheck.doubles(whileCase(List.of(Lax.sub(x, Lax.mul(tx, eps)),
          Lax.sub(c, Lax.mul(tc, eps)))));
      double[] t = RulesCheck.doubles(out.tangents().get(0));
      for (int i = 0; i < t.length; i++) {
        double fd = (plus[i] - minus[i]) / (2 * eps);
        assertEquals(fd, t[i], 1e-6 * (1 + Math.abs(fd)), "while jvp at " + i);
      }
      Ad.Linearized lin = Ad.linearize(f, List.of(x, c));
      org.junit.jupiter.api.Assertions.assertArrayEquals(t,
          RulesCheck.doubles(lin.jvp(List.of(tx, tc)).get(0)), 1e-12, "linearize vs jvp");
      JaxValueError e = assertThrows(JaxValueError.class,
          () -> lin.vjp(List.of(RulesCheck.randomLike(out.primals().get(0), r))));
      assertEquals("Reverse-mode differentiation does not work for lax.while_loop or"
          + " lax.fori_loop with dynamic start/stop values. Try using lax.scan, or using"
          + " fori_loop with static start/stop.", e.getMessage());
    }
  }

  @TestFactory
  Stream<DynamicTest> whileVmapEqualsStacking() {
    List<In> two = List.of(In.of(-1, 1, 3), In.of(-1, 1, 3));
    List<In> bound = List.of(In.of(0.2, 3, 1), In.of(-1, 1, 2));
    Function<List<NDArray>, NDArray> scalarBound =
        a -> whileDataBound(List.of(Lax.reshape(a.get(0), new int[0]), a.get(1)));
    return Stream.of(
        DynamicTest.dynamicTest("while in_axes=0", () -> RulesCheck.checkBatching("while",
            ControlFlowRulesTest::whileCase, two, new Integer[] {0, 0}, 3)),
        DynamicTest.dynamicTest("while in_axes=(None, 0)", () -> RulesCheck.checkBatching(
            "while", ControlFlowRulesTest::whileCase, two, new Integer[] {null, 0}, 4)),
        DynamicTest.dynamicTest("while batched predicate", () -> RulesCheck.checkBatching(
            "while", scalarBound, bound, new Integer[] {0, null}, 5)),
        DynamicTest.dynamicTest("while batched predicate and carry", () ->
            RulesCheck.checkBatching("while", scalarBound, bound, new Integer[] {0, 1}, 6)));
  }
}
