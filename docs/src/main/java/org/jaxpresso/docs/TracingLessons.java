package org.jaxpresso.docs;

import static org.jaxpresso.Jax.jit;
import static org.jaxpresso.numpy.Jnp.array;
import static org.jaxpresso.numpy.Jnp.dot;
import static org.jaxpresso.numpy.Jnp.ones;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.Random;

/**
 * Sections 4 and 5 of the tour: what tracing sees (tracers, the jaxpr), static arguments, and
 * static versus traced operations.
 */
final class TracingLessons {
  private TracingLessons() {}

  /** Runs sections 4 and 5. */
  static void run(Cells cells) {
    tracing(cells);
    staticArguments(cells);
    staticVsTraced(cells);
  }

  /** Section 4: a jitted function's body runs once per signature, on tracers. */
  static void tracing(Cells cells) {
    cells.lesson("4. Tracing: the function runs once, on tracers");
    BiFunction<NDArray, NDArray, NDArray> f = jit((NDArray x, NDArray y) -> {
      System.out.println("Running f():");
      System.out.println("  x = " + x);
      System.out.println("  y = " + y);
      NDArray result = dot(x.add(1), y.add(1));
      System.out.println("  result = " + result);
      return result;
    });
    cells.run("""
        var f = jit((NDArray x, NDArray y) -> {
            System.out.println("Running f():");
            System.out.println("  x = " + x);
            System.out.println("  y = " + y);
            NDArray result = dot(x.add(1), y.add(1));
            System.out.println("  result = " + result);
            return result;
        });""", () -> { });
    NDArray[] keys = {Random.key(0), Random.key(1)};
    NDArray x = Random.normal(keys[0], new int[] {3, 4});
    NDArray y = Random.normal(keys[1], new int[] {4});
    cells.run("NDArray x = Random.normal(Random.key(0), new int[] {3, 4});", () -> { });
    cells.run("NDArray y = Random.normal(Random.key(1), new int[] {4});", () -> { });
    cells.show("f.apply(x, y)   // traces: the prints run", () -> f.apply(x, y));
    NDArray x2 = Random.normal(Random.key(2), new int[] {3, 4});
    NDArray y2 = Random.normal(Random.key(3), new int[] {4});
    cells.run("NDArray x2 = Random.normal(Random.key(2), new int[] {3, 4});", () -> { });
    cells.run("NDArray y2 = Random.normal(Random.key(3), new int[] {4});", () -> { });
    cells.show("f.apply(x2, y2)   // same shapes and dtypes: cached, nothing printed",
        () -> f.apply(x2, y2));
    cells.show("Jax.makeJaxpr((NDArray x, NDArray y) -> dot(x.add(1), y.add(1))).apply(x, y)",
        () -> Jax.makeJaxpr((NDArray a, NDArray b) -> dot(a.add(1), b.add(1))).apply(x, y));
  }

  /** Section 4: Java control flow on a traced value, and the static-argument fix. */
  static void staticArguments(Cells cells) {
    cells.lesson("4. Static arguments: control flow on values needs them concrete");
    BiFunction<NDArray, Boolean, NDArray> f = jit((NDArray x, Boolean neg) -> neg ? x.neg() : x);
    cells.run("BiFunction<NDArray, Boolean, NDArray> f =\n"
        + "    jit((NDArray x, Boolean neg) -> neg ? x.neg() : x);", () -> { });
    cells.show("f.apply(array(1), true)", () -> f.apply(array(1), true));
    BiFunction<NDArray, Boolean, NDArray> g =
        jit((NDArray x, Boolean neg) -> neg ? x.neg() : x, Jax.staticArgnums(1));
    cells.run("BiFunction<NDArray, Boolean, NDArray> g =\n"
        + "    jit((NDArray x, Boolean neg) -> neg ? x.neg() : x, Jax.staticArgnums(1));",
        () -> { });
    cells.show("g.apply(array(1), true)", () -> g.apply(array(1), true));
    cells.show("g.apply(array(1), false)   // a second compilation, cached after",
        () -> g.apply(array(1), false));
    cells.show("jit((NDArray x, NDArray neg) -> neg.bool() ? x.neg() : x)"
        + ".apply(array(1), array(true))",
        () -> jit((NDArray x, NDArray neg) -> neg.bool() ? x.neg() : x)
            .apply(array(1), array(true)));
  }

  /** Section 5: shapes are static Java values; arrays made from them are traced. */
  static void staticVsTraced(Cells cells) {
    cells.lesson("5. Static vs traced operations: use plain Java for static values");
    Function<NDArray, NDArray> f = jit((NDArray x) -> x.reshape(array(x.shape()).prod()));
    cells.run("var f = jit((NDArray x) -> x.reshape(array(x.shape()).prod()));", () -> { });
    cells.show("f.apply(ones(2, 3))", () -> f.apply(ones(2, 3)));
    Function<NDArray, NDArray> g = jit((NDArray x) -> x.reshape(x.size()));
    cells.run("var g = jit((NDArray x) -> x.reshape(x.size()));   // plain Java ints are static",
        () -> { });
    cells.show("g.apply(ones(2, 3))", () -> g.apply(ones(2, 3)));
  }
}
