package org.jaxpresso.docs;

import static org.jaxpresso.Jax.jit;
import static org.jaxpresso.numpy.Jnp.arange;
import static org.jaxpresso.numpy.Jnp.array;
import static org.jaxpresso.numpy.Jnp.load;
import static org.jaxpresso.numpy.Jnp.matmul;
import static org.jaxpresso.numpy.Jnp.ones;
import static org.jaxpresso.numpy.Jnp.save;
import static org.jaxpresso.numpy.Jnp.tanh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.jit.Compiled;
import org.jaxpresso.jit.JitBiFunction;
import org.jaxpresso.jit.Lowered;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.Random;

/**
 * The tour's last part, "Beyond the tutorial": ahead-of-time lowering and compilation,
 * structured control flow under jit, random keys, and {@code .npy} files.
 */
final class BeyondTheTutorial {
  private BeyondTheTutorial() {}

  /** Runs the lessons. */
  static void run(Cells cells) {
    aheadOfTime(cells);
    disablingJit(cells);
    controlFlow(cells);
    randomKeys(cells);
    npyFiles(cells);
  }

  /** {@code jit(f).lower(args).compile()}. */
  static void aheadOfTime(Cells cells) {
    cells.lesson("Beyond the tutorial: ahead-of-time lower and compile");
    JitBiFunction<NDArray, NDArray, NDArray> f =
        jit((NDArray x, NDArray y) -> tanh(matmul(x, y)).add(1));
    cells.run("var f = jit((NDArray x, NDArray y) -> tanh(matmul(x, y)).add(1));", () -> { });
    Lowered lowered = f.lower(ones(2, 3), ones(3, 4));
    cells.run("Lowered lowered = f.lower(ones(2, 3), ones(3, 4));", () -> { });
    cells.show("lowered.asText()", lowered::asText);
    Compiled compiled = lowered.compile();
    cells.run("Compiled compiled = lowered.compile();", () -> { });
    cells.show("compiled.call(ones(2, 3), ones(3, 4))",
        () -> compiled.call(ones(2, 3), ones(3, 4)));
    cells.show("compiled.call(ones(2, 3), ones(3, 5))   // never retraces",
        () -> compiled.call(ones(2, 3), ones(3, 5)));
  }

  /** {@code Jax.disableJit}: the function runs eagerly, on concrete arrays. */
  static void disablingJit(Cells cells) {
    cells.lesson("Beyond the tutorial: Jax.disableJit, for debugging");
    Function<NDArray, NDArray> f = jit(x -> {
      System.out.println("  x = " + x);
      return x.mul(2);
    });
    cells.run("""
        Function<NDArray, NDArray> f = jit(x -> {
            System.out.println("  x = " + x);
            return x.mul(2);
        });""", () -> { });
    cells.show("f.apply(arange(3))   // traced: x is a tracer", () -> f.apply(arange(3)));
    cells.show("Jax.disableJit(() -> f.apply(arange(3)))   // eager: x is the array",
        () -> Jax.disableJit(() -> f.apply(arange(3))));
  }

  /** {@code Lax.cond}, {@code whileLoop}, {@code foriLoop} and {@code scan} under jit. */
  static void controlFlow(Cells cells) {
    cells.lesson("Beyond the tutorial: control flow under jit (Lax.cond, whileLoop, foriLoop,"
        + " scan)");
    NDArray x = arange(10.0);
    cells.run("NDArray x = arange(10.0);", () -> { });

    Function<NDArray, NDArray> cond =
        a -> Lax.cond(a.sum().gt(0), (NDArray y) -> y, y -> y.neg(), a);
    cells.run("Function<NDArray, NDArray> cond =\n"
        + "    a -> Lax.cond(a.sum().gt(0), (NDArray y) -> y, y -> y.neg(), a);", () -> { });
    cells.show("Jax.makeJaxpr(cond).apply(x)", () -> Jax.makeJaxpr(cond).apply(x));
    cells.show("jit(cond).apply(x.neg())", () -> jit(cond).apply(x.neg()));

    Function<NDArray, NDArray> loop =
        a -> Lax.whileLoop(c -> c.sum().lt(100), c -> c.mul(2), a);
    cells.run("Function<NDArray, NDArray> loop =\n"
        + "    a -> Lax.whileLoop(c -> c.sum().lt(100), c -> c.mul(2), a);", () -> { });
    cells.show("Jax.makeJaxpr(loop).apply(x)", () -> Jax.makeJaxpr(loop).apply(x));
    cells.show("jit(loop).apply(x)", () -> jit(loop).apply(x));

    Function<NDArray, NDArray> fori = a -> Lax.foriLoop(0, 10, (i, c) -> c.mul(2), a);
    cells.run("Function<NDArray, NDArray> fori = a -> Lax.foriLoop(0, 10, (i, c) -> c.mul(2), a);",
        () -> { });
    cells.show("Jax.makeJaxpr(fori).apply(x)", () -> Jax.makeJaxpr(fori).apply(x));
    cells.show("jit(fori).apply(x)", () -> jit(fori).apply(x));

    Function<NDArray, Lax.Step<NDArray, NDArray>> scan = xs -> Lax.scan(
        (NDArray c, NDArray v) -> new Lax.Step<>(c.add(v), c.mul(v)), array(0.0), xs);
    cells.run("""
        Function<NDArray, Lax.Step<NDArray, NDArray>> scan = xs -> Lax.scan(
            (NDArray c, NDArray v) -> new Lax.Step<>(c.add(v), c.mul(v)), array(0.0), xs);""",
        () -> { });
    cells.show("Jax.makeJaxpr(scan).apply(x)", () -> Jax.makeJaxpr(scan).apply(x));
    cells.show("jit(scan).apply(x)   // the final carry and the stacked ys", () -> {
      Lax.Step<NDArray, NDArray> s = jit(scan).apply(x);
      return "(" + s.carry().repr() + ", " + s.y().repr() + ")";   // as JAX prints the pair
    });
  }

  /** Threefry keys: bit-identical to JAX's for the same seed. */
  static void randomKeys(Cells cells) {
    cells.lesson("Beyond the tutorial: random keys (threefry, as JAX's)");
    NDArray key = Random.key(0);
    cells.run("NDArray key = Random.key(0);", () -> { });
    cells.show("key", () -> key);
    cells.show("Random.split(key)", () -> Random.split(key));
    cells.show("Random.uniform(key, new int[] {5})", () -> Random.uniform(key, new int[] {5}));
    cells.show("Random.normal(key, new int[] {5})", () -> Random.normal(key, new int[] {5}));
    cells.show("Random.foldIn(key, 1)", () -> Random.foldIn(key, 1));
  }

  /** {@code Jnp.save} and {@code Jnp.load} with NumPy's {@code .npy} format. */
  static void npyFiles(Cells cells) {
    cells.lesson("Beyond the tutorial: .npy files (Jnp.save, Jnp.load)");
    try {
      Path dir = Files.createTempDirectory("jaxpresso-tour");
      Path file = dir.resolve("x.npy");
      NDArray x = arange(6).reshape(2, 3);
      cells.run("NDArray x = arange(6).reshape(2, 3);", () -> { });
      save(file, x);
      cells.run("save(Path.of(\"x.npy\"), x);   // numpy.load reads it", () -> { });
      Object back = load(file);
      cells.show("load(Path.of(\"x.npy\"))", () -> back);
      Files.delete(file);
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
