package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.ArrayMethods;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.junit.jupiter.api.Test;

/**
 * NDArray's fluent methods reach the numpy module through the {@link ArrayMethods} SPI and give
 * exactly the {@code Jnp} function's result, on concrete arrays and on tracers.
 */
class FluentMethodsTest {
  private static final NDArray X = Jnp.reshape(Jnp.add(Jnp.arange(6.0), 1), 2, 3);

  /** A fluent call and the Jnp call it must equal. */
  record Pair(Function<NDArray, NDArray> fluent, Function<NDArray, NDArray> jnp) {}

  private static Pair pair(Function<NDArray, NDArray> fluent, Function<NDArray, NDArray> jnp) {
    return new Pair(fluent, jnp);
  }

  /** Each fluent call paired with the Jnp call it must equal. */
  static Map<String, Pair> pairs() {
    Map<String, Pair> m = new LinkedHashMap<>();
    m.put("add", pair(x -> x.add(2), x -> Jnp.add(x, 2)));
    m.put("sub", pair(x -> x.sub(x), x -> Jnp.subtract(x, x)));
    m.put("mul", pair(x -> x.mul(1.5), x -> Jnp.multiply(x, 1.5)));
    m.put("div", pair(x -> x.div(4), x -> Jnp.divide(x, 4)));
    m.put("matmul", pair(x -> x.matmul(x.T()), x -> Jnp.matmul(x, Jnp.transpose(x))));
    m.put("neg", pair(x -> x.neg(), x -> Jnp.negative(x)));
    m.put("abs", pair(x -> x.neg().abs(), x -> Jnp.abs(Jnp.negative(x))));
    m.put("sqrt", pair(x -> x.sqrt(), x -> Jnp.sqrt(x)));
    m.put("exp", pair(x -> x.exp(), x -> Jnp.exp(x)));
    m.put("log", pair(x -> x.log(), x -> Jnp.log(x)));
    m.put("sin", pair(x -> x.sin(), x -> Jnp.sin(x)));
    m.put("cos", pair(x -> x.cos(), x -> Jnp.cos(x)));
    m.put("tanh", pair(x -> x.tanh(), x -> Jnp.tanh(x)));
    m.put("lt", pair(x -> x.lt(3), x -> Jnp.less(x, 3)));
    m.put("le", pair(x -> x.le(3), x -> Jnp.lessEqual(x, 3)));
    m.put("gt", pair(x -> x.gt(3), x -> Jnp.greater(x, 3)));
    m.put("ge", pair(x -> x.ge(3), x -> Jnp.greaterEqual(x, 3)));
    m.put("eq", pair(x -> x.eq(3), x -> Jnp.equal(x, 3)));
    m.put("ne", pair(x -> x.ne(3), x -> Jnp.notEqual(x, 3)));
    m.put("sum", pair(x -> x.sum(), x -> Jnp.sum(x)));
    m.put("sum0", pair(x -> x.sum(0), x -> Jnp.sum(x, 0)));
    m.put("mean", pair(x -> x.mean(), x -> Jnp.mean(x)));
    m.put("mean1", pair(x -> x.mean(1), x -> Jnp.mean(x, 1)));
    m.put("std", pair(x -> x.std(), x -> Jnp.std(x)));
    m.put("std0", pair(x -> x.std(0), x -> Jnp.std(x, 0)));
    m.put("var", pair(x -> x.var(), x -> Jnp.var(x)));
    m.put("var1", pair(x -> x.var(1), x -> Jnp.var(x, 1)));
    m.put("max", pair(x -> x.max(), x -> Jnp.max(x)));
    m.put("max0", pair(x -> x.max(0), x -> Jnp.max(x, 0)));
    m.put("min", pair(x -> x.min(), x -> Jnp.min(x)));
    m.put("min1", pair(x -> x.min(1), x -> Jnp.min(x, 1)));
    m.put("prod", pair(x -> x.prod(), x -> Jnp.prod(x)));
    m.put("prod0", pair(x -> x.prod(0), x -> Jnp.prod(x, 0)));
    m.put("all", pair(x -> x.gt(0).all(), x -> Jnp.all(Jnp.greater(x, 0))));
    m.put("any", pair(x -> x.gt(5).any(), x -> Jnp.any(Jnp.greater(x, 5))));
    m.put("argmax", pair(x -> x.argmax(), x -> Jnp.argmax(x)));
    m.put("argmax1", pair(x -> x.argmax(1), x -> Jnp.argmax(x, 1)));
    m.put("argmin", pair(x -> x.argmin(), x -> Jnp.argmin(x)));
    m.put("argmin0", pair(x -> x.argmin(0), x -> Jnp.argmin(x, 0)));
    m.put("reshape", pair(x -> x.reshape(3, -1), x -> Jnp.reshape(x, 3, -1)));
    m.put("transpose", pair(x -> x.transpose(1, 0), x -> Jnp.transpose(x, 1, 0)));
    m.put("T", pair(x -> x.T(), x -> Jnp.transpose(x)));
    m.put("astype", pair(x -> x.astype(DType.INT32),
        x -> org.jaxpresso.lax.Lax.convertElementType(x, DType.INT32)));
    m.put("get", pair(x -> x.get(1, Jnp.slice(null, 2)),
        x -> Jnp.get(x, 1, Jnp.slice(null, 2))));
    m.put("at", pair(x -> x.at(0, 1).add(5), x -> Jnp.at(x, 0, 1).add(5)));
    return m;
  }

  @Test
  void providerIsTheNumpyModule() {
    assertInstanceOf(NumpyArrayMethods.class, ArrayMethods.provider());
  }

  @Test
  void eachFluentMethodEqualsItsJnpFunction() {
    pairs().forEach((name, f) -> {
      assertEquals(f.jnp().apply(X).repr(), f.fluent().apply(X).repr(), name);
    });
  }

  @Test
  void eachFluentMethodTracesAsItsJnpFunction() {
    pairs().forEach((name, f) -> {
      String fluent = Jax.makeJaxpr(f.fluent()).apply(X).toString();
      String jnp = Jax.makeJaxpr(f.jnp()).apply(X).toString();
      assertEquals(jnp, fluent, name);
      assertEquals(f.fluent().apply(X).repr(), Jax.jit(f.fluent()).apply(X).repr(),
          name + " under jit");
    });
  }

  @Test
  void astypeCanonicalizesAsJax() {
    assertEquals("{ lambda ; a:f32[2,3]. let\n"
        + "    b:i32[2,3] = convert_element_type[new_dtype=int32 weak_type=False] a\n"
        + "  in (b,) }", Jax.makeJaxpr((NDArray x) -> x.astype(DType.INT64)).apply(X).toString());
    assertEquals(DType.BOOL, X.astype(DType.BOOL).dtype());
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:i32[3] = convert_element_type[new_dtype=int32 weak_type=False] a
            c:f16[3] = convert_element_type[new_dtype=float16 weak_type=False] a
            d:bool[3] = convert_element_type[new_dtype=bool weak_type=False] a
          in (b, c, d) }""", Jax.makeJaxpr((NDArray x) -> java.util.List.of(x.astype(DType.INT32),
        x.astype(DType.FLOAT16), x.astype(DType.BOOL))).apply(Jnp.zeros(3)).toString());
    assertEquals("Array([0, 1, 2], dtype=int32)", Jnp.arange(3.0).astype(DType.INT32).repr());
  }

  @Test
  void unknownNamesAndAxesAreErrors() {
    ArrayMethods m = ArrayMethods.provider();
    assertEquals("no fluent unary method no_such",
        assertThrows(JaxValueError.class, () -> m.unary("no_such", X)).getMessage());
    assertEquals("unknown reduction median",
        assertThrows(JaxValueError.class, () -> m.reduce("median", X, null)).getMessage());
    assertEquals("argmax takes a single axis, got 2",
        assertThrows(JaxValueError.class, () -> m.reduce("argmax", X, new int[] {0, 1}))
            .getMessage());
    assertEquals("Array([False,  True], dtype=bool)", m.reduce("any", X.gt(3), new int[] {1})
        .repr());
    assertEquals("Array([ True,  True,  True], dtype=bool)", m.reduce("all", X.gt(0),
        new int[] {0}).repr());
  }
}
