package org.jaxpresso.docs;

import static org.jaxpresso.Jax.jit;
import static org.jaxpresso.numpy.Jnp.add;
import static org.jaxpresso.numpy.Jnp.allclose;
import static org.jaxpresso.numpy.Jnp.arange;
import static org.jaxpresso.numpy.Jnp.array;
import static org.jaxpresso.numpy.Jnp.convolve;
import static org.jaxpresso.numpy.Jnp.cos;
import static org.jaxpresso.numpy.Jnp.float32;
import static org.jaxpresso.numpy.Jnp.linspace;
import static org.jaxpresso.numpy.Jnp.multiply;
import static org.jaxpresso.numpy.Jnp.ones;
import static org.jaxpresso.numpy.Jnp.sin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.Random;

/**
 * "How to think in JAX", cell by cell, in Java: the runnable tour. It runs every cell of the
 * project's API contract in order (sections 1 to 3 here, 4 and 5 in {@link TracingLessons}, the
 * rest in {@link BeyondTheTutorial}) and prints each result as the JAX tutorial shows it. It
 * also times {@code norm} eagerly and jitted and writes the plot of {@code 2 sin(x) cos(x)} to
 * {@code sin-cos.png}.
 *
 * <pre>
 * ./mvnw -B -q -Ptour -pl docs -am verify -DskipTests
 * </pre>
 */
public final class ThinkingInJaxpresso {
  /** The message JAX raises for {@code x[0] = 10} (a Java array type has no such statement). */
  static final String JAX_IMMUTABLE_SETITEM = "TypeError: JAX arrays are immutable and do not"
      + " support in-place item assignment. Instead of x[idx] = y, use x = x.at[idx].set(y) or"
      + " another .at[] method:"
      + " https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html";

  private ThinkingInJaxpresso() {}

  /**
   * Runs the tour, printing to standard output.
   *
   * @param args optionally the directory for {@code sin-cos.png} (default: the working
   *     directory)
   * @throws IOException if the plot cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    Cells cells = new Cells(System.out);
    System.out.println("Thinking in jaxpresso: \"How to think in JAX\", cell by cell, on the "
        + Backends.defaultBackend().platform() + " backend");
    jaxVsNumpy(cells, dir);
    immutability(cells);
    laxAndPromotion(cells);
    convolutions(cells);
    toJitOrNotToJit(cells);
    TracingLessons.run(cells);
    BeyondTheTutorial.run(cells);
  }

  /** Section 1: arrays, their type, and the plot. */
  static void jaxVsNumpy(Cells cells, Path dir) throws IOException {
    cells.lesson("1. jaxpresso vs NumPy: arrays look like NumPy's");
    NDArray x = linspace(0, 10, 1000);
    NDArray y = multiply(2, multiply(sin(x), cos(x)));
    cells.run("NDArray x = linspace(0, 10, 1000);", () -> { });
    cells.run("NDArray y = multiply(2, multiply(sin(x), cos(x)));", () -> { });
    cells.show("x", () -> x);
    cells.show("x.dtype()", x::dtype);
    cells.show("x.shape()", x::shape);
    cells.show("x.getClass()", x::getClass);
    cells.show("allclose(y, x.sin().mul(x.cos()).mul(2)).bool()   // the fluent form",
        () -> allclose(y, x.sin().mul(x.cos()).mul(2)).bool());
    float[] ys = y.toFloatArray();
    cells.run("float[] ys = y.toFloatArray();   // hand to any plotting library", () -> { });
    Path png = SinCosPlot.write(x.toFloatArray(), ys, dir.resolve("sin-cos.png"));
    cells.note("plot of y over x written to " + png);
  }

  /** Section 1, immutability: {@code .at} returns a new array. */
  static void immutability(Cells cells) {
    cells.lesson("1. Immutability: updates return new arrays");
    NDArray x = arange(10);
    cells.run("NDArray x = arange(10);", () -> { });
    cells.run("System.out.println(x);", () -> System.out.println(x));
    cells.note("in JAX, x[0] = 10 raises:");
    cells.note(JAX_IMMUTABLE_SETITEM);
    cells.note("in Java there is no such statement and NDArray has no mutator: the mistake"
        + " does not compile. Use .at:");
    NDArray y = x.at(0).set(10);
    cells.run("NDArray y = x.at(0).set(10);", () -> { });
    cells.run("System.out.println(y);", () -> System.out.println(y));
    cells.run("System.out.println(x);   // unchanged", () -> System.out.println(x));
    cells.show("x.repr()", x::repr);
  }

  /** Section 2: lenient jnp, strict lax. */
  static void laxAndPromotion(Cells cells) {
    cells.lesson("2. NumPy, lax and type promotion");
    cells.show("add(1, 1.0)   // jnp promotes", () -> add(1, 1.0));
    cells.show("Lax.add(1, 1.0)   // lax does not", () -> Lax.add(1, 1.0));
    cells.show("Lax.add(float32(1), 1.0)", () -> Lax.add(float32(1), 1.0));
  }

  /** Section 2: {@code convolve} and its lax form. */
  static void convolutions(Cells cells) {
    cells.lesson("2. Convolutions: jnp.convolve and lax.conv_general_dilated");
    NDArray x = array(1, 2, 1);
    NDArray y = ones(10);
    cells.run("NDArray x = array(1, 2, 1);", () -> { });
    cells.run("NDArray y = ones(10);", () -> { });
    cells.show("convolve(x, y)", () -> convolve(x, y));
    cells.run("""
        NDArray result = Lax.convGeneralDilated(
            x.reshape(1, 1, 3).astype(DType.FLOAT32),   // explicit promotion
            y.reshape(1, 1, 10),
            new int[] {1},                              // window strides
            Lax.padding(new int[][] {{9, 9}}));         // = padding 'full'""", () -> { });
    NDArray result = Lax.convGeneralDilated(
        x.reshape(1, 1, 3).astype(DType.FLOAT32),
        y.reshape(1, 1, 10),
        new int[] {1},
        Lax.padding(new int[][] {{9, 9}}));
    cells.show("result.get(0, 0)", () -> result.get(0, 0));
  }

  /** Section 3: jit of {@code norm}, timed, and what jit cannot do (boolean masks). */
  static void toJitOrNotToJit(Cells cells) {
    cells.lesson("3. To JIT or not to JIT");
    Function<NDArray, NDArray> norm = X -> {
      X = X.sub(X.mean(0));
      return X.div(X.std(0));
    };
    Function<NDArray, NDArray> normCompiled = jit(norm);
    cells.run("""
        Function<NDArray, NDArray> norm = X -> {
            X = X.sub(X.mean(0));
            return X.div(X.std(0));
        };""", () -> { });
    cells.run("Function<NDArray, NDArray> normCompiled = jit(norm);", () -> { });
    NDArray x = gaussian(new java.util.Random(1701), 10000, 10);
    cells.run("NDArray X = gaussian(new java.util.Random(1701), 10000, 10);   // float32",
        () -> { });
    cells.show("X.get(0)", () -> x.get(0));
    cells.show("allclose(norm.apply(X), normCompiled.apply(X), 1e-05, 1e-06).bool()"
        + "   // rtol, atol", () -> allclose(norm.apply(x), normCompiled.apply(x), 1e-05, 1e-06)
        .bool());
    double eager = Timing.medianMicros(() -> norm.apply(x), 2, 9);
    double jitted = Timing.medianMicros(() -> normCompiled.apply(x), 2, 9);
    cells.run("norm.apply(X).blockUntilReady();   // median of 9 runs after 2 warm-ups",
        () -> { });
    cells.note("eager:  " + Timing.format(eager));
    cells.run("normCompiled.apply(X).blockUntilReady();", () -> { });
    cells.note("jitted: " + Timing.format(jitted));
    cells.note(String.format(java.util.Locale.ROOT, "eager / jitted = %.2fx", eager / jitted));

    Function<NDArray, NDArray> getNegatives = v -> v.get(v.lt(0));
    NDArray v = Random.normal(Random.key(0), new int[] {10});
    cells.run("Function<NDArray, NDArray> getNegatives = x -> x.get(x.lt(0));", () -> { });
    cells.run("NDArray x = Random.normal(Random.key(0), new int[] {10});", () -> { });
    cells.show("x", () -> v);
    cells.show("getNegatives.apply(x)", () -> getNegatives.apply(v));
    cells.show("jit(getNegatives).apply(x)", () -> jit(getNegatives).apply(v));
  }

  /** A {@code rows x cols} float32 array of {@code rng.nextGaussian()} values, row-major. */
  static NDArray gaussian(java.util.Random rng, int rows, int cols) {
    float[] data = new float[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) rng.nextGaussian();
    }
    return array(data).reshape(rows, cols);
  }
}
