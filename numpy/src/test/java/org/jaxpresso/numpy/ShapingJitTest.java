package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jaxpresso.Jax;
import org.jaxpresso.core.NDArray;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shape functions, reductions and scans lower only to lax primitives: under {@code jit}
 * they give the same arrays (repr) as eagerly.
 */
class ShapingJitTest {
  private static final NDArray X = Jnp.reshape(Jnp.arange(24.0), 2, 3, 4);

  private static Map<String, Function<NDArray, Object>> cases() {
    Map<String, Function<NDArray, Object>> c = new LinkedHashMap<>();
    c.put("swapaxes", x -> Jnp.swapaxes(x, 0, 2));
    c.put("moveaxis", x -> Jnp.moveaxis(x, 0, -1));
    c.put("flip", x -> Jnp.flip(x, 1));
    c.put("roll", x -> Jnp.roll(x, 7));
    c.put("atleast2d", x -> Jnp.atleast2d(Jnp.sum(x)));
    c.put("concatenate", x -> Jnp.concatenate(List.of(x, x), 1));
    c.put("stack", x -> Jnp.stack(List.of(x, x), -1));
    c.put("hstack", x -> Jnp.hstack(List.of(x, x)));
    c.put("vstack", x -> Jnp.vstack(List.of(Jnp.ravel(x), Jnp.ravel(x))));
    c.put("split", x -> Jnp.split(x, new int[] {1, 3}, 2));
    c.put("tile", x -> Jnp.tile(x, 2, 1, 1));
    c.put("repeat", x -> Jnp.repeat(x, new int[] {2, 0, 1}, 1));
    c.put("pad_constant", x -> Jnp.pad(x, new int[][] {{1, 0}, {0, 2}, {1, 1}}, 9));
    for (PadMode m : PadMode.values()) {
      c.put("pad_" + m.numpyName(), x -> Jnp.pad(x, new int[][] {{3, 1}}, m));
    }
    c.put("sum_keepdims", x -> Jnp.sum(x, Jnp.axis(0, 2).keepdims()));
    c.put("mean", x -> Jnp.mean(x, -1));
    c.put("var_ddof", x -> Jnp.var(x, Jnp.axis(1).ddof(1)));
    c.put("std", x -> Jnp.std(x));
    c.put("argmax", x -> Jnp.argmax(x));
    c.put("argmin", x -> Jnp.argmin(x, Jnp.axis(1).keepdims()));
    c.put("cumsum", x -> Jnp.cumsum(x));
    c.put("cumprod", x -> Jnp.cumprod(x, 2));
    c.put("median", x -> Jnp.median(x, 0, 2));
    c.put("median_keepdims", x -> Jnp.median(x, Jnp.axis(1).keepdims()));
    c.put("countNonzero", x -> Jnp.countNonzero(x, 1));
    c.put("all_any", x -> List.of(Jnp.all(x, 0), Jnp.any(x)));
    return c;
  }

  private static String text(Object o) {
    if (o instanceof List<?> l) {
      return l.stream().map(ShapingJitTest::text).toList().toString();
    }
    return ((NDArray) o).repr();
  }

  @TestFactory
  Stream<DynamicTest> jitMatchesEager() {
    return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Object eager = e.getValue().apply(X);
      Object jitted = Jax.jit(e.getValue()).apply(X);
      assertEquals(text(eager), text(jitted));
    }));
  }
}
