package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.LaxControlFlow.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transformations through control flow from the user's side: {@code grad} through a
 * static {@code foriLoop} (a scan), a {@code cond} and a {@code scan}, the same under {@code
 * jit} (both orders), {@code vmap} of a {@code cond} with a batched predicate and of a {@code
 * whileLoop} with a batched bound, jitted; {@code grad} through a {@code whileLoop} raises JAX's
 * error while {@code jvp} works. Values are checked against finite differences in float64 and
 * against the closed forms.
 */
class TransformControlFlowTest {
  @BeforeEach
  void x64() {
    Flags.setX64(true);
  }

  @AfterEach
  void reset() {
    Flags.resetX64();
  }

  private static Array vec(double... v) {
    return Array.fromDoubles(DType.FLOAT64, v, v.length);
  }

  private static NDArray sum(NDArray x) {
    return x.aval().rank() == 0 ? x : Lax.reduceSum(x, 0);
  }

  /** x -> sum of x^(2^4) by repeated squaring in a static fori_loop. */
  private static NDArray powerLoop(NDArray x) {
    return sum(Lax.foriLoop(0, 4, (i, c) -> Lax.mul(c, c), x));
  }

  private static NDArray piecewise(NDArray x) {
    return Lax.cond(Lax.gt(sum(x), 0.0), (NDArray v) -> sum(Lax.sin(v)),
        (NDArray v) -> sum(Lax.mul(v, v)), x);
  }

  /** A recurrence c <- tanh(w * c + x_t) over xs, summed. */
  private static NDArray rnn(NDArray w, NDArray xs) {
    Step<NDArray, NDArray> r = Lax.scan((NDArray c, NDArray x) -> {
      NDArray n = Lax.tanh(Lax.add(Lax.mul(w, c), x));
      return new Step<>(n, n);
    }, Array.scalar(0.0, DType.FLOAT64), xs);
    return sum(r.y());
  }

  private static double[] fdGrad(Function<NDArray, NDArray> f, double[] x) {
    double eps = 1e-6;
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] p = x.clone();
      double[] m = x.clone();
      p[i] += eps;
      m[i] -= eps;
      g[i] = (f.apply(vec(p)).doubleValue() - f.apply(vec(m)).doubleValue())
          / (2 * eps);
    }
    return g;
  }

  @Test
  void gradThroughStaticForiLoopIsTheClosedForm() {
    double[] x = {0.5, -1.1, 0.9};
    NDArray g = Jax.grad(TransformControlFlowTest::powerLoop).apply(vec(x));
    double[] want = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      want[i] = 16 * Math.pow(x[i], 15);
    }
    assertArrayEquals(want, g.toDoubleArray(), 1e-12);
    NDArray jg = Jax.jit(Jax.grad(TransformControlFlowTest::powerLoop)).apply(vec(x));
    assertArrayEquals(want, jg.toDoubleArray(), 1e-12);
    NDArray gj = Jax.grad((NDArray v) -> Jax.jit(TransformControlFlowTest::powerLoop).apply(v))
        .apply(vec(x));
    assertArrayEquals(want, gj.toDoubleArray(), 1e-12);
  }

  @Test
  void gradThroughCondTakesTheBranchTaken() {
    double[] pos = {0.3, 0.7};
    double[] neg = {-0.3, -0.7};
    Function<NDArray, NDArray> g = Jax.grad(TransformControlFlowTest::piecewise);
    Function<NDArray, NDArray> jg = Jax.jit(g);
    assertArrayEquals(new double[] {Math.cos(0.3), Math.cos(0.7)},
        g.apply(vec(pos)).toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {-0.6, -1.4}, g.apply(vec(neg)).toDoubleArray(), 1e-12);
    assertArrayEquals(g.apply(vec(pos)).toDoubleArray(), jg.apply(vec(pos)).toDoubleArray(),
        1e-12);
    assertArrayEquals(g.apply(vec(neg)).toDoubleArray(), jg.apply(vec(neg)).toDoubleArray(),
        1e-12);
  }

  @Test
  void gradOfAScannedRecurrenceMatchesFiniteDifferences() {
    NDArray xs = vec(0.1, -0.4, 0.8, 0.3, -0.2);
    Function<NDArray, NDArray> f = w -> rnn(w, xs);
    double[] w = {0.7};
    Function<NDArray, NDArray> fv = v -> f.apply(Lax.reshape(v, new int[0]));
    double[] fd = fdGrad(fv, w);
    NDArray w0 = Array.scalar(0.7, DType.FLOAT64);
    assertEquals(fd[0], Jax.grad(f).apply(w0).doubleValue(), 1e-8);
    assertEquals(fd[0], Jax.jit(Jax.grad(f)).apply(w0).doubleValue(), 1e-8);
    java.util.function.BiFunction<NDArray, NDArray, List<Object>> both =
        Jax.grad(TransformControlFlowTest::rnn, 0, 1);
    List<Object> gs = both.apply(w0, xs);
    double[] fdx = fdGrad(v -> rnn(w0, v), xs.toDoubleArray());
    assertArrayEquals(fdx, ((NDArray) gs.get(1)).toDoubleArray(), 1e-8);
    assertEquals(fd[0], ((NDArray) gs.get(0)).doubleValue(), 1e-8);
  }

  @Test
  void vmapOfCondWithABatchedPredicateSelectsPerElement() {
    NDArray xs = Lax.reshape(vec(0.3, 0.7, -0.3, -0.7, 1.0, -2.0), new int[] {3, 2});
    Function<NDArray, NDArray> v = Jax.vmap(TransformControlFlowTest::piecewise);
    double[] want = new double[3];
    for (int k = 0; k < 3; k++) {
      NDArray row = Lax.reshape(Lax.slice(xs, new int[] {k, 0}, new int[] {k + 1, 2}),
          new int[] {2});
      want[k] = piecewise(row).doubleValue();
    }
    assertArrayEquals(want, v.apply(xs).toDoubleArray(), 1e-15);
    assertArrayEquals(want, Jax.jit(v).apply(xs).toDoubleArray(), 1e-15);
    String jaxpr = Jax.makeJaxpr(v).apply(xs).toString();
    assertTrue(jaxpr.contains("select_n"), jaxpr);
    assertTrue(!jaxpr.contains("cond["), jaxpr);
    NDArray perExampleGrads = Jax.vmap(Jax.grad(TransformControlFlowTest::piecewise))
        .apply(xs);
    assertArrayEquals(new double[] {Math.cos(0.3), Math.cos(0.7), -0.6, -1.4, 2.0, -4.0},
        perExampleGrads.toDoubleArray(), 1e-12);
  }

  /** Halves x until it is below the bound: a data-dependent trip count per element. */
  private static NDArray halveBelow(NDArray x) {
    return Lax.whileLoop((NDArray c) -> Lax.gt(c, 1.0), (NDArray c) -> Lax.mul(c, 0.5), x);
  }

  @Test
  void vmapOfWhileWithABatchedPredicateRunsEachElementToItsEnd() {
    NDArray xs = vec(0.5, 3.0, 17.0, 1.5);
    double[] want = {0.5, 0.75, 17.0 / 32, 0.75};
    Function<NDArray, NDArray> v = Jax.vmap(TransformControlFlowTest::halveBelow);
    assertArrayEquals(want, v.apply(xs).toDoubleArray(), 0);
    assertArrayEquals(want, Jax.jit(v).apply(xs).toDoubleArray(), 0);
  }

  @Test
  void gradThroughWhileIsJaxsErrorButJvpWorks() {
    NDArray x = Array.scalar(3.0, DType.FLOAT64);
    Function<NDArray, NDArray> f = TransformControlFlowTest::halveBelow;
    JaxValueError e = assertThrows(JaxValueError.class, () -> Jax.grad(f).apply(x));
    assertEquals("Reverse-mode differentiation does not work for lax.while_loop or"
        + " lax.fori_loop with dynamic start/stop values. Try using lax.scan, or using"
        + " fori_loop with static start/stop.", e.getMessage());
    Jax.JvpPair<NDArray> jvp = Jax.jvp(f, x, Array.scalar(1.0, DType.FLOAT64));
    assertEquals(0.75, jvp.primal().doubleValue(), 0);
    assertEquals(0.25, jvp.tangent().doubleValue(), 0);
    Jax.JvpPair<NDArray> jj = Jax.jvp(Jax.jit(f), x, Array.scalar(1.0, DType.FLOAT64));
    assertEquals(0.25, jj.tangent().doubleValue(), 0);
    // fori_loop with a traced bound is a while: reverse mode fails the same way.
    JaxValueError e2 = assertThrows(JaxValueError.class, () -> Jax.grad((NDArray v) ->
        Lax.foriLoop(0L, Lax.convertElementType(v, DType.INT64), (i, c) -> Lax.mul(c, v), v))
        .apply(x));
    assertEquals(e.getMessage(), e2.getMessage());
  }

  @Test
  void hessianThroughScanMatchesTheClosedForm() {
    Function<NDArray, NDArray> f = TransformControlFlowTest::powerLoop;
    NDArray h = Jax.hessian(f).apply(vec(0.5, -0.9));
    assertArrayEquals(new double[] {240 * Math.pow(0.5, 14), 0, 0, 240 * Math.pow(-0.9, 14)},
        h.toDoubleArray(), 1e-10);
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void jaxprsOfTransformedLoopsHaveJaxsStructure() {
    Function<NDArray, NDArray> f = x -> Lax.reduceSum(
        Lax.foriLoop(0, 3, (i, c) -> Lax.sin(Lax.mul(c, x)), x), 0);
    Array x = Array.of(new float[] {1, 2, 3}, 3);
    String grad = Jax.makeJaxpr(Jax.grad(f)).apply(x).toString();
    // A forward scan computing the primal and the residuals, then the transposed body scanned
    // in reverse, reading the residuals rather than recomputing them.
    assertEquals(2, count(grad, "scan["), grad);
    assertEquals(1, count(grad, "reverse=True"), grad);
    String reversed = grad.substring(grad.lastIndexOf("scan["));
    assertTrue(!reversed.contains("sin") && !reversed.contains("cos"), grad);
    String jvp = Jax.makeJaxpr((NDArray v) -> Jax.jvp(f, v, v).tangent()).apply(x).toString();
    assertEquals(1, count(jvp, "scan["), jvp);
    assertTrue(jvp.contains("ft_in=((None, None), (None, None, None), ())"), jvp);
    NDArray xs = Array.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    String vmapped = Jax.makeJaxpr(Jax.vmap(f)).apply(xs).toString();
    assertEquals(1, count(vmapped, "scan["), vmapped);
    assertTrue(vmapped.contains("f32[2,3]"), vmapped);
    // grad through cond: a cond of the known parts returning the residuals (cos), then the
    // transposed cond reading them.
    String gc = Jax.makeJaxpr(Jax.grad(TransformControlFlowTest::piecewise))
        .apply(vec(0.5, 0.25)).toString();
    assertEquals(2, count(gc, "cond["), gc);
    String transposed = gc.substring(gc.lastIndexOf("cond["));
    assertTrue(gc.contains("cos") && !transposed.contains("cos")
        && !transposed.contains("sin"), gc);
  }

  @Test
  void vmapOfCondWithAnUnbatchedPredicateKeepsTheCond() {
    NDArray flag = Array.scalar(1.0, DType.FLOAT64);
    java.util.function.BiFunction<NDArray, NDArray, NDArray> g = (p, v) -> Lax.cond(
        Lax.gt(p, 0.0), (NDArray u) -> Lax.sin(u), (NDArray u) -> Lax.mul(u, u), v);
    java.util.function.BiFunction<NDArray, NDArray, NDArray> vg =
        Jax.vmap(g, new Integer[] {null, 0}, 0);
    NDArray xs = vec(0.1, 0.2, 0.3);
    assertArrayEquals(new double[] {Math.sin(0.1), Math.sin(0.2), Math.sin(0.3)},
        vg.apply(flag, xs).toDoubleArray(), 1e-15);
    String j = Jax.makeJaxpr(vg).apply(flag, xs).toString();
    assertEquals(1, count(j, "cond["), j);
    assertTrue(!j.contains("select_n"), j);
  }

  @Test
  void transformationsComposeThroughLoopsAndBranches() {
    NDArray xs = Lax.reshape(vec(0.1, -0.4, 0.8, 0.3, -0.2, 0.5, 0.9, -0.7), new int[] {2, 4});
    NDArray w0 = Array.scalar(0.7, DType.FLOAT64);
    // Per-sequence gradients: vmap of grad through a scan, eager and jitted.
    java.util.function.BiFunction<NDArray, NDArray, NDArray> gw =
        (w, x) -> (NDArray) Jax.grad(TransformControlFlowTest::rnn, 0).apply(w, x).get(0);
    java.util.function.BiFunction<NDArray, NDArray, NDArray> perSeq =
        Jax.vmap(gw, new Integer[] {null, 0}, 0);
    double[] want = new double[2];
    for (int k = 0; k < 2; k++) {
      NDArray row = Lax.reshape(Lax.slice(xs, new int[] {k, 0}, new int[] {k + 1, 4}),
          new int[] {4});
      want[k] = gw.apply(w0, row).doubleValue();
      double[] fd = fdGrad(v -> rnn(Lax.reshape(v, new int[0]), row), new double[] {0.7});
      assertEquals(fd[0], want[k], 1e-8);
    }
    assertArrayEquals(want, perSeq.apply(w0, xs).toDoubleArray(), 1e-12);
    assertArrayEquals(want, Jax.jit(perSeq).apply(w0, xs).toDoubleArray(), 1e-12);
    // jacrev (vmap of the transposed scan) equals jacfwd (vmap of the JVP scan).
    Function<NDArray, NDArray> ys = x -> Lax.scan((NDArray c, NDArray v) -> {
      NDArray n = Lax.add(Lax.mul(Lax.sin(c), v), c);
      return new Step<>(n, Lax.mul(n, v));
    }, Array.scalar(0.3, DType.FLOAT64), x).y();
    NDArray x4 = vec(0.2, -0.5, 0.7, 1.1);
    double[] jf = Jax.jacfwd(ys).apply(x4).toDoubleArray();
    assertArrayEquals(jf, Jax.jacrev(ys).apply(x4).toDoubleArray(), 1e-12);
    assertArrayEquals(jf, Jax.jit(Jax.jacrev(ys)).apply(x4).toDoubleArray(), 1e-12);
    // The Jacobian of a causal recurrence is lower triangular.
    for (int i = 0; i < 4; i++) {
      for (int j = i + 1; j < 4; j++) {
        assertEquals(0.0, jf[4 * i + j], 0.0);
      }
    }
    // hessian through a cond: diag(-sin x) on the sin branch.
    NDArray h = Jax.hessian(TransformControlFlowTest::piecewise).apply(vec(0.3, 0.7));
    assertArrayEquals(new double[] {-Math.sin(0.3), 0, 0, -Math.sin(0.7)}, h.toDoubleArray(),
        1e-12);
  }

  @Test
  void gradOfVmappedCondIgnoresTheUntakenBranchsNonFiniteDerivative() {
    // sqrt of a negative is NaN with a NaN derivative; the batched cond's select must not let
    // it reach the gradient (JAX's stop_gradient on the operands of the untaken branch).
    Function<NDArray, NDArray> f = x -> Lax.cond(Lax.gt(x, 0.0), (NDArray v) -> Lax.sqrt(v),
        (NDArray v) -> Lax.mul(v, 2.0), x);
    Function<NDArray, NDArray> total = xs -> Lax.reduceSum(Jax.vmap(f).apply(xs), 0);
    NDArray xs = vec(4.0, -1.0, 0.25, -3.0);
    assertArrayEquals(new double[] {2.0, -2.0, 0.5, -6.0},
        Jax.vmap(f).apply(xs).toDoubleArray(), 0);
    assertArrayEquals(new double[] {0.25, 2.0, 1.0, 2.0},
        Jax.grad(total).apply(xs).toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0.25, 2.0, 1.0, 2.0},
        Jax.jit(Jax.grad(total)).apply(xs).toDoubleArray(), 1e-15);
  }

  @Test
  void jacfwdThroughWhileBatchesTheTangentCarries() {
    // jacfwd = vmap of jvp: the JVP while's tangent carries are batched, its predicate not.
    Function<NDArray, NDArray> f = x -> Lax.whileLoop(
        (List<NDArray> c) -> Lax.lt(c.get(0), 3L),
        (List<NDArray> c) -> List.of(Lax.add(c.get(0), 1L), Lax.mul(Lax.sin(c.get(1)), x)),
        List.<NDArray>of(Array.scalar(0L, DType.INT64), x)).get(1);
    double[] x = {0.4, -0.8, 1.3};
    double[] jac = Jax.jacfwd(f).apply(vec(x)).toDoubleArray();
    double[] jjac = Jax.jit(Jax.jacfwd(f)).apply(vec(x)).toDoubleArray();
    assertArrayEquals(jac, jjac, 1e-15);
    for (int i = 0; i < 3; i++) {
      int row = i;
      double[] fd = fdGrad(v -> Lax.reshape(Lax.slice(f.apply(v), new int[] {row},
          new int[] {row + 1}), new int[0]), x);
      for (int j = 0; j < 3; j++) {
        assertEquals(fd[j], jac[3 * i + j], 1e-8, "d f_" + i + " / d x_" + j);
      }
    }
  }

  @Test
  void gradThroughLoopsAndBranchesCallingJittedFunctions() {
    Function<NDArray, NDArray> cell = Jax.jit((NDArray v) -> Lax.tanh(Lax.mul(v, 1.5)));
    Function<NDArray, NDArray> f = w -> {
      Step<NDArray, NDArray> r = Lax.scan((NDArray c, NDArray x) -> {
        NDArray n = cell.apply(Lax.add(Lax.mul(w, c), x));
        NDArray m = Lax.cond(Lax.gt(x, 0.0), (NDArray u) -> cell.apply(u),
            (NDArray u) -> Lax.mul(u, u), n);
        return new Step<>(m, Lax.mul(m, w));
      }, Array.scalar(0.2, DType.FLOAT64), vec(0.3, -0.6, 0.9, 0.1));
      return Lax.add(r.carry(), Lax.reduceSum(r.y(), 0));
    };
    NDArray w0 = Array.scalar(0.8, DType.FLOAT64);
    double[] fd = fdGrad(v -> f.apply(Lax.reshape(v, new int[0])), new double[] {0.8});
    assertEquals(fd[0], Jax.grad(f).apply(w0).doubleValue(), 1e-8);
    assertEquals(fd[0], Jax.jit(Jax.grad(f)).apply(w0).doubleValue(), 1e-8);
  }
}
