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
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/** Values, reprs and errors of the transformation API, as JAX 0.11.2 prints them. */
class TransformValuesTest {
  private static Array arange(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return Array.of(v, n);
  }

  private static NDArray sumSquares(NDArray x) {
    return Lax.reduceSum(Lax.integerPow(x, 2), 0);
  }

  @Test
  void gradOfSquareIsWeakLikeItsArgument() {
    Function<NDArray, NDArray> f = x -> Lax.integerPow(x, 2);
    assertEquals("Array(6., dtype=float32, weak_type=True)",
        Jax.grad(f).apply(Array.fromJavaScalar(3.0)).repr());
  }

  @Test
  void tracerInsideGradPrintsAsJax() {
    String[] seen = new String[1];
    Jax.grad((NDArray x) -> {
      seen[0] = x.repr();
      return Lax.mul(x, x);
    }).apply(Array.fromJavaScalar(1.0));
    assertEquals("GradTracer(primal=1.0, typeof(tangent)=f32[])", seen[0]);
  }

  @Test
  void valueAndGradMatchesJax() {
    Jax.ValueAndGrad<NDArray> r = Jax.valueAndGrad(TransformValuesTest::sumSquares)
        .apply(arange(3));
    assertEquals("Array(5., dtype=float32)", r.value().repr());
    assertEquals("Array([0., 2., 4.], dtype=float32)", r.grad().repr());
  }

  @Test
  void jvpValuesMatchJax() {
    Jax.JvpPair<NDArray> r = Jax.jvp((NDArray x) -> Lax.sin(x), Array.fromJavaScalar(0.5),
        Array.fromJavaScalar(1.0));
    assertEquals("Array(0.47942555, dtype=float32, weak_type=True)", r.primal().repr());
    assertEquals("Array(0.87758255, dtype=float32, weak_type=True)", r.tangent().repr());
  }

  @Test
  void linearizeEvaluatesTheDerivativeWithoutRetracing() {
    Jax.Linearized<NDArray, NDArray> lin = Jax.linearize((NDArray x) -> Lax.sin(x),
        Array.fromJavaScalar(1.0));
    assertEquals("Array(0.84147096, dtype=float32, weak_type=True)", lin.primal().repr());
    assertEquals("Array(1.0806046, dtype=float32, weak_type=True)",
        lin.jvp().apply(Array.fromJavaScalar(2.0)).repr());
  }

  @Test
  void jacobiansAndHessianMatchJax() {
    Function<NDArray, NDArray> sin = Lax::sin;
    String want = """
        Array([[1.       , 0.       ],
               [0.       , 0.5403023]], dtype=float32)""";
    assertEquals(want, Jax.jacfwd(sin).apply(arange(2)).repr());
    assertEquals(want, Jax.jacrev(sin).apply(arange(2)).repr());
    Function<NDArray, NDArray> cubeSum = x -> Lax.reduceSum(Lax.integerPow(x, 3), 0);
    assertEquals("""
        Array([[0., 0.],
               [0., 6.]], dtype=float32)""", Jax.hessian(cubeSum).apply(arange(2)).repr());
  }

  @Test
  void gradErrorsInJaxWords() {
    Function<NDArray, NDArray> f = x -> Lax.integerPow(x, 2);
    JaxTypeError e = assertThrows(JaxTypeError.class,
        () -> Jax.grad(f).apply(Array.of(new int[] {1}, 1)));
    assertEquals("grad requires real- or complex-valued inputs (input dtype that is a"
        + " sub-dtype of np.inexact), but got int32. If you want to use Boolean- or"
        + " integer-valued inputs, use vjp or set allow_int to True.", e.getMessage());
    Function<NDArray, NDArray> sin = Lax::sin;
    JaxTypeError e2 = assertThrows(JaxTypeError.class, () -> Jax.grad(sin).apply(arange(3)));
    assertEquals("Gradient only defined for scalar-output functions. Output had shape: (3,)."
        + " To get the gradient, reduce the output to a scalar with output.sum(), or use"
        + " jax.jacobian to differentiate a function with a non-scalar output.",
        e2.getMessage());
    Function<NDArray, NDArray> toInt = x -> Lax.convertElementType(x, DType.INT32);
    JaxTypeError e3 = assertThrows(JaxTypeError.class,
        () -> Jax.grad(toInt).apply(Array.fromJavaScalar(1.0)));
    assertTrue(e3.getMessage().startsWith("grad requires real-valued outputs (output dtype that"
        + " is a sub-dtype of np.floating), but got int32."), e3.getMessage());
  }

  @Test
  void jvpArgumentErrorsInJaxWords() {
    Function<NDArray, NDArray> neg = Lax::neg;
    JaxTypeError d = assertThrows(JaxTypeError.class, () -> Jax.jvp(neg,
        Array.of(new float[] {1}, 1), Array.fromDoubles(DType.FLOAT64, new double[] {1}, 1)));
    assertEquals("primal and tangent arguments to jax.jvp do not match; dtypes must be equal,"
        + " or in case of int/bool primal dtype the tangent dtype must be float0.Got primal"
        + " dtype float32 and so expected tangent dtype float32, but got tangent dtype float64"
        + " instead.", d.getMessage());
    org.jaxpresso.core.errors.JaxValueError s = assertThrows(
        org.jaxpresso.core.errors.JaxValueError.class, () -> Jax.jvp(neg, arange(3),
            arange(4)));
    assertEquals("jvp called with different primal and tangent shapes;Got primal shape (3,)"
        + " and tangent shape as (4,)", s.getMessage());
    Function<List<NDArray>, NDArray> first = l -> l.get(0);
    JaxTypeError t = assertThrows(JaxTypeError.class, () -> Jax.jvp(first,
        List.of(arange(3)), List.of(arange(3), arange(3))));
    assertTrue(t.getMessage().startsWith("primal and tangent arguments to jax.jvp must have"
        + " the same tree structure; primals have tree structure"), t.getMessage());
  }

  @Test
  void gradWithArgnumsAndPytrees() {
    BiFunction<NDArray, NDArray, NDArray> f = (x, y) -> Lax.reduceSum(Lax.mul(x, y), 0);
    List<Object> g = Jax.grad(f, 0, 1).apply(arange(3), Array.of(new float[] {4, 5, 6}, 3));
    assertEquals("Array([4., 5., 6.], dtype=float32)", ((NDArray) g.get(0)).repr());
    assertEquals("Array([0., 1., 2.], dtype=float32)", ((NDArray) g.get(1)).repr());
    Function<List<NDArray>, NDArray> loss = p -> Lax.reduceSum(Lax.mul(p.get(0), p.get(1)), 0);
    List<NDArray> gp = Jax.grad(loss).apply(List.of(arange(3), Array.of(new float[] {1, 1, 1},
        3)));
    assertEquals("Array([1., 1., 1.], dtype=float32)", gp.get(0).repr());
    assertEquals("Array([0., 1., 2.], dtype=float32)", gp.get(1).repr());
  }

  @Test
  void vmapValuesAndAxes() {
    BiFunction<NDArray, NDArray, NDArray> dot = (x, y) -> Lax.reduceSum(Lax.mul(x, y), 0);
    Array ones = Array.of(new float[] {1, 1, 1, 1, 1, 1}, 2, 3);
    assertEquals("Array([3., 3.], dtype=float32)",
        Jax.vmap(dot, new Integer[] {0, 0}, 0).apply(ones, ones).repr());
    Array m = Array.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Function<NDArray, NDArray> id = x -> Lax.mul(x, 2.0f);
    assertEquals("Array([[ 2.,  8.],\n       [ 4., 10.],\n       [ 6., 12.]], dtype=float32)",
        Jax.vmap(id, 1, 0).apply(m).repr());
    assertEquals("Array([[ 2.,  4.,  6.],\n       [ 8., 10., 12.]], dtype=float32)",
        Jax.vmap(id, 1, 1).apply(m).repr());
  }

  @Test
  void transformationsComposeWithJitInAnyOrder() {
    Function<NDArray, NDArray> f = x -> Lax.reduceSum(Lax.mul(Lax.sin(x), x), 0);
    Array x = Array.of(new float[] {0.5f, 1f, 2f}, 3);
    float[] want = Jax.grad(f).apply(x).toFloatArray();
    for (int i = 0; i < 3; i++) {
      double xi = x.toFloatArray()[i];
      assertEquals(Math.cos(xi) * xi + Math.sin(xi), want[i], 1e-6);
    }
    assertArrayEquals(want, Jax.jit(Jax.grad(f)).apply(x).toFloatArray(), 1e-6f);
    assertArrayEquals(want, Jax.grad(Jax.jit(f)).apply(x).toFloatArray(), 1e-6f);
    assertArrayEquals(want, Jax.jit(Jax.grad(Jax.jit(f))).apply(x).toFloatArray(), 1e-6f);
    Array xs = Array.of(new float[] {0.5f, 1f, 2f, 1f, 2f, 3f}, 2, 3);
    NDArray batched = Jax.vmap(Jax.grad(f)).apply(xs);
    NDArray second = Jax.grad(f).apply(Array.of(new float[] {1f, 2f, 3f}, 3));
    assertArrayEquals(want, Lax.slice(batched, new int[] {0, 0}, new int[] {1, 3})
        .toFloatArray(), 1e-6f);
    assertArrayEquals(second.toFloatArray(), Lax.slice(batched, new int[] {1, 0},
        new int[] {2, 3}).toFloatArray(), 1e-6f);
    assertArrayEquals(batched.toFloatArray(),
        Jax.jit(Jax.vmap(Jax.grad(f))).apply(xs).toFloatArray(), 1e-6f);
    assertArrayEquals(batched.toFloatArray(),
        Jax.vmap(Jax.grad(Jax.jit(f))).apply(xs).toFloatArray(), 1e-6f);
    Function<NDArray, NDArray> g = Jax.grad(x1 -> Lax.reduceSum(Jax.grad(
        (NDArray y) -> Lax.reduceSum(Lax.integerPow(y, 3), 0)).apply(x1), 0));
    assertArrayEquals(new float[] {3f, 6f, 12f}, g.apply(x).toFloatArray(), 1e-5f);
  }

  @Test
  void jitOfJvpKeepsOneJitEquationPerCall() {
    Function<NDArray, NDArray> inner = Jax.jit((NDArray x) -> Lax.sin(x));
    BiFunction<NDArray, NDArray, Object> f = (x, t) -> {
      Jax.JvpPair<NDArray> r = Jax.jvp(inner, x, t);
      return List.of(r.primal(), r.tangent());
    };
    Array x = Array.of(new float[] {1, 2, 3}, 3);
    String jaxpr = Jax.makeJaxpr(f).apply(x, x).toString();
    assertTrue(jaxpr.contains("jit["), jaxpr);
    assertTrue(jaxpr.contains("cos"), jaxpr);
  }

  @Test
  void dotGradientsAgreeWithTheClosedForm() {
    BiFunction<NDArray, NDArray, NDArray> f = (a, b) -> Lax.reduceSum(Lax.dotGeneral(a, b,
        DotDimensionNumbers.of(new int[] {1}, new int[] {0})), 0, 1);
    Array a = Array.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Array b = Array.of(new float[] {1, 0, 2, 1, 0, 3}, 3, 2);
    List<Object> g = Jax.grad(f, 0, 1).apply(a, b);
    assertEquals("Array([[1., 3., 3.],\n       [1., 3., 3.]], dtype=float32)",
        ((NDArray) g.get(0)).repr());
    assertEquals("Array([[5., 5.],\n       [7., 7.],\n       [9., 9.]], dtype=float32)",
        ((NDArray) g.get(1)).repr());
    assertEquals(DType.FLOAT32, ((NDArray) g.get(1)).aval().dtype());
  }

  @Test
  void nestedVmapAndJittedHessian() {
    BiFunction<NDArray, NDArray, NDArray> dot = (x, y) -> Lax.reduceSum(Lax.mul(x, y), 0);
    BiFunction<NDArray, NDArray, NDArray> inner = Jax.vmap(dot, new Integer[] {0, 0}, 0);
    BiFunction<NDArray, NDArray, NDArray> outer = Jax.vmap(inner, new Integer[] {0, null}, 0);
    Array a = Array.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3);
    Array b = Array.of(new float[] {1, 0, 1, 0, 1, 0}, 2, 3);
    assertEquals("Array([[ 4.,  5.],\n       [16., 11.]], dtype=float32)",
        outer.apply(a, b).repr());
    Function<NDArray, NDArray> f = x -> Lax.reduceSum(Lax.mul(Lax.sin(x), Lax.mul(x, x)), 0);
    Array x = Array.of(new float[] {0.5f, 1.5f}, 2);
    float[] h = Jax.jit(Jax.hessian(f)).apply(x).toFloatArray();
    float[] e = Jax.hessian(f).apply(x).toFloatArray();
    assertArrayEquals(e, h, 1e-5f);
    for (int i = 0; i < 2; i++) {
      double xi = x.toFloatArray()[i];
      double want = 2 * Math.sin(xi) + 4 * xi * Math.cos(xi) - xi * xi * Math.sin(xi);
      assertEquals(want, h[3 * i], 1e-5);
    }
    assertEquals(0f, h[1]);
    NDArray jr = Jax.vmap(Jax.jacrev((NDArray v) -> Lax.mul(v, v))).apply(
        Array.of(new float[] {1, 2, 3, 4}, 2, 2));
    assertEquals("Array([[[2., 0.],\n        [0., 4.]],\n\n       [[6., 0.],\n"
        + "        [0., 8.]]], dtype=float32)", jr.repr());
  }
}
