package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.Jnp.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.NonConcreteBooleanIndexError;
import org.jaxpresso.core.errors.TracerBoolConversionError;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/** The cells of API.md ("How to think in JAX" in Java), sections 1-5, as tests. */
class ApiCellsTest {
  @Test
  void section1NumpyStyleArraysAndImmutability() {
    NDArray x = linspace(0, 10, 1000);
    NDArray y = multiply(2, multiply(sin(x), cos(x)));
    assertEquals(DType.FLOAT32, x.dtype());
    assertEquals(1000, x.shape()[0]);
    assertEquals(y.repr(), x.sin().mul(x.cos()).mul(2).repr());
    assertTrue(x.repr().startsWith("Array([ 0.        ,  0.01001001,"));
    NDArray r = arange(10);
    NDArray s = r.at(0).set(10);
    assertEquals("[0 1 2 3 4 5 6 7 8 9]", r.toString());
    assertEquals("[10  1  2  3  4  5  6  7  8  9]", s.toString());
    assertEquals("Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=int32)", r.repr());
  }

  @Test
  void section2PromotionLaxAndConvolution() {
    assertEquals("Array(2., dtype=float32, weak_type=True)", add(1, 1.0).repr());
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Lax.add(1, 1.0));
    assertEquals("lax.add requires arguments to have the same dtypes, got int32, float32. (Tip: jnp.add is a"
        + " similar function that does automatic type promotion on inputs).", e.getMessage());
    assertEquals("Array(2., dtype=float32)", Lax.add(float32(1), 1.0).repr());
    NDArray x = array(1, 2, 1);
    NDArray y = ones(10);
    assertEquals("Array([1., 3., 4., 4., 4., 4., 4., 4., 4., 4., 3., 1.], dtype=float32)", convolve(x, y).repr());
    NDArray result = Lax.convGeneralDilated(x.reshape(1, 1, 3).astype(DType.FLOAT32), y.reshape(1, 1, 10),
        new int[] {1}, Lax.padding(new int[][] {{9, 9}}));
    assertEquals("Array([1., 3., 4., 4., 4., 4., 4., 4., 4., 4., 3., 1.], dtype=float32)", result.get(0, 0).repr());
  }

  @Test
  void section3JitMatchesEagerAndBooleanMasksNeedConcreteValues() {
    Function<NDArray, NDArray> norm = X -> {
      X = X.sub(X.mean(0));
      return X.div(X.std(0));
    };
    Function<NDArray, NDArray> normCompiled = Jax.jit(norm);
    java.util.Random rng = new java.util.Random(1701);
    float[] data = new float[10000 * 10];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rng.nextGaussian();
    }
    NDArray X = array(data).reshape(10000, 10);
    assertTrue(allclose(norm.apply(X), normCompiled.apply(X), 1e-5, 1e-6).bool());
    assertEquals(X.shape()[0], normCompiled.apply(X).blockUntilReady().shape()[0]);

    Function<NDArray, NDArray> getNegatives = v -> v.get(v.lt(0));
    NDArray v = array(new float[] {-1, 2, -3, 4, 5, -6, 7, 8, -9, 10});
    assertEquals("Array([-1., -3., -6., -9.], dtype=float32)", getNegatives.apply(v).repr());
    NonConcreteBooleanIndexError err = assertThrows(NonConcreteBooleanIndexError.class,
        () -> Jax.jit(getNegatives).apply(v));
    assertTrue(err.getMessage().startsWith("Array boolean indices must be concrete; got bool[10]"), err.getMessage());
  }

  @Test
  void section4TracingPrintsOnceAndStaticArguments() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    BiFunction<NDArray, NDArray, NDArray> f = Jax.jit((NDArray x, NDArray y) -> {
      out.println("Running f():");
      out.println("  x = " + x);
      out.println("  y = " + y);
      NDArray result = dot(x.add(1), y.add(1));
      out.println("  result = " + result);
      return result;
    });
    NDArray r1 = f.apply(ones(3, 4), ones(4));
    assertEquals("Running f():\n  x = JitTracer(float32[3,4])\n  y = JitTracer(float32[4])\n"
        + "  result = JitTracer(float32[3])\n", buf.toString(StandardCharsets.UTF_8));
    assertEquals("Array([16., 16., 16.], dtype=float32)", r1.repr());
    buf.reset();
    f.apply(zeros(3, 4), zeros(4));
    assertEquals("", buf.toString(StandardCharsets.UTF_8), "same shapes and dtypes: no retrace");

    BiFunction<NDArray, Boolean, NDArray> g = Jax.jit((NDArray x, Boolean neg) -> neg ? x.neg() : x);
    TracerBoolConversionError e = assertThrows(TracerBoolConversionError.class, () -> g.apply(array(1), true));
    assertTrue(e.getMessage().contains("Jax.staticArgnums(1)"), e.getMessage());
    BiFunction<NDArray, Boolean, NDArray> h =
        Jax.jit((NDArray x, Boolean neg) -> neg ? x.neg() : x, Jax.staticArgnums(1));
    assertEquals("Array(-1, dtype=int32, weak_type=True)", h.apply(array(1), true).repr());
    assertEquals("Array(1, dtype=int32, weak_type=True)", h.apply(array(1), false).repr());
    assertThrows(TracerBoolConversionError.class, () -> Jax.jit((NDArray x, NDArray neg) -> neg.bool() ? x.neg() : x)
        .apply(array(1), array(true)));
  }

  @Test
  void section5StaticVersusTracedOperations() {
    Function<NDArray, NDArray> f = Jax.jit((NDArray x) -> x.reshape(array(x.shape()).prod()));
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> f.apply(ones(2, 3)));
    assertTrue(e.getMessage().startsWith("Shapes must be 1D sequences of concrete values of integer type, got"
        + " [JitTracer(int32[])].\nIf using `jit`, try using `static_argnums` or applying `jit` to smaller"
        + " subfunctions."), e.getMessage());
    Function<NDArray, NDArray> g = Jax.jit((NDArray x) -> x.reshape(x.size()));
    assertEquals("Array([1., 1., 1., 1., 1., 1.], dtype=float32)", g.apply(ones(2, 3)).repr());
  }
}
