package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.Jnp.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/**
 * The reference file's {@code jaxprs} entries, rebuilt with the same jnp functions and printed
 * byte for byte (issue 4's golden tests).
 */
class ReferenceJaxprsTest {
  @SuppressWarnings("unchecked")
  private static String expected(String key) {
    return (String) ((Map<String, Object>) Reference.section("jaxprs").get(key)).get("ok");
  }

  @Test
  void seedDot() {
    assertEquals(expected("seed_dot"), Jax.makeJaxpr((NDArray x, NDArray y) -> dot(x.add(1), y.add(1)))
        .apply(zeros(3, 4), zeros(4)).toString());
  }

  @Test
  void sincos() {
    assertEquals(expected("sincos"),
        Jax.makeJaxpr((NDArray x) -> multiply(multiply(2, sin(x)), cos(x))).apply(zeros(10)).toString());
  }

  @Test
  void sum0AndMatmulAndAstype() {
    assertEquals(expected("sum0"), Jax.makeJaxpr((NDArray x) -> x.sum(0)).apply(zeros(5, 3)).toString());
    assertEquals(expected("matmul"),
        Jax.makeJaxpr((NDArray a, NDArray b) -> a.matmul(b)).apply(zeros(5, 3), zeros(3, 5)).toString());
    assertEquals(expected("astype"), Jax.makeJaxpr((NDArray x) -> x.astype(org.jaxpresso.core.DType.INT32))
        .apply(zeros(10)).toString());
  }

  @Test
  void nestedJit() {
    Function<NDArray, NDArray> jsin = Jax.jit(Jnp::sin, Jax.name("sin"));
    assertEquals(expected("nested_jit"),
        Jax.makeJaxpr((NDArray x) -> add(jsin.apply(x), 1.0)).apply(zeros(10)).toString());
  }

  @Test
  void intPlusOneAndPythonScalarArgument() {
    assertEquals(expected("int_plus_1"),
        Jax.makeJaxpr((NDArray x) -> x.add(1)).apply(zeros(new int[] {6}, org.jaxpresso.core.DType.INT32)).toString());
    assertEquals(expected("python_scalar_arg"),
        Jax.makeJaxpr((NDArray x, Object s) -> multiply(x, s)).apply(zeros(10), 2.0).toString());
  }

  @Test
  void closedOverArrayIsAConstvar() {
    NDArray c = arange(10.0);
    assertEquals(expected("np_const_capture"),
        Jax.makeJaxpr((NDArray x) -> multiply(x, c)).apply(zeros(10)).toString());
  }

  @Test
  void whereReluUsesTheJittedWhere() {
    assertEquals(expected("where_relu"),
        Jax.makeJaxpr((NDArray x) -> where(x.gt(0), x, 0)).apply(zeros(10)).toString());
  }

  @Test
  void softmaxWrittenByHand() {
    assertEquals(expected("softmax"),
        Jax.makeJaxpr((NDArray x) -> divide(exp(x), sum(exp(x)))).apply(zeros(10)).toString());
  }

  @Test
  void reshapeStaticAndIntIndex() {
    assertEquals(expected("reshape_static"),
        Jax.makeJaxpr((NDArray x) -> x.reshape(x.size())).apply(ones(2, 3)).toString());
  }

  @Test
  void normAsInTheTutorialUsesTheJittedStdAndVar() {
    assertEquals(expected("norm_seed_style"), Jax.makeJaxpr((NDArray x) -> {
      NDArray c = x.sub(x.mean(0));
      return c.div(c.std(0));
    }).apply(zeros(5, 3)).toString());
  }

  @Test
  void meanAndStdOfAllElements() {
    assertEquals(expected("mean_std"),
        Jax.makeJaxpr((NDArray x) -> java.util.List.of(x.mean(), x.std())).apply(zeros(5, 3)).toString());
  }

  @Test
  void normWithTheMeanRecomputed() {
    assertEquals(expected("norm"),
        Jax.makeJaxpr((NDArray x) -> x.sub(x.mean(0)).div(x.sub(x.mean(0)).std(0))).apply(zeros(5, 3)).toString());
  }
}
