package org.jaxpresso.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jaxpresso.Function3;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.Jnp;
import org.jaxpresso.numpy.Nn;

/**
 * The fused-elementwise, reduction and dispatch workloads of BENCHMARKS.md (W1, W2, W3, W7, W8,
 * W9) for the side-by-side runner: inputs made once, the function callable eagerly (one
 * compiled single-primitive program per op) or through a cached jitted function. The NumPy
 * side ({@code benchmarks/side_by_side_fused.py}) computes the same expressions.
 *
 * @param name the workload and size
 * @param bytes the bytes an ideal fused kernel moves (inputs read once, outputs written once)
 * @param args the inputs
 * @param eager the function, run eagerly
 * @param jitted the same function through {@link Jax#jit}
 */
public record FusedWorkloads(String name, double bytes, List<Array> args,
    Function<List<NDArray>, NDArray> eager, Function<List<NDArray>, NDArray> jitted) {

  /** Runs the eager form and waits for the result. */
  public void runEager() {
    eager.apply(List.copyOf(args)).blockUntilReady();
  }

  /** Runs the jitted form and waits for the result. */
  public void runJit() {
    jitted.apply(List.copyOf(args)).blockUntilReady();
  }

  /**
   * The workload named by its id and variant: {@code W1 n}, {@code W2 rows cols}, {@code W3 sum
   * n}, {@code W3 mean0 n}, {@code W3 mean1 n}, {@code W7 n}, {@code W8 n}, {@code W9 softmax
   * rows cols}, {@code W9 logsumexp rows cols}.
   *
   * @param spec the workload id followed by its sizes, as the side-by-side script sends them
   * @return the workload with its inputs made from a fixed seed
   */
  public static FusedWorkloads of(String[] spec) {
    Random rnd = new Random(42);
    String id = spec[0];
    return switch (id) {
      case "W1" -> {
        int n = Integer.parseInt(spec[1]);
        yield one("W1 " + n, 8.0 * n, rnd, new int[] {n},
            x -> Jnp.multiply(Jnp.multiply(2.0f, Jnp.sin(x)), Jnp.cos(x)));
      }
      case "W2" -> {
        int r = Integer.parseInt(spec[1]);
        int c = Integer.parseInt(spec[2]);
        yield one("W2 " + r + "x" + c, 8.0 * r * c, rnd, new int[] {r, c},
            x -> Jnp.divide(Jnp.subtract(x, Jnp.mean(x, 0)), Jnp.std(x, 0)));
      }
      case "W3" -> {
        int n = Integer.parseInt(spec[2]);
        yield switch (spec[1]) {
          case "sum" -> one("W3 sum " + n, 4.0 * n, rnd, new int[] {n}, x -> Jnp.sum(x));
          case "mean0" -> one("W3 mean0 " + n + "^2", 4.0 * n * n, rnd, new int[] {n, n},
              x -> Jnp.mean(x, 0));
          default -> one("W3 mean1 " + n + "^2", 4.0 * n * n, rnd, new int[] {n, n},
              x -> Jnp.mean(x, 1));
        };
      }
      case "W7" -> {
        int n = Integer.parseInt(spec[1]);
        Function<List<NDArray>, NDArray> f = v -> {
          NDArray a = v.get(0);
          NDArray b = v.get(1);
          NDArray t = Jnp.add(Jnp.multiply(a, b), v.get(2));
          t = Jnp.subtract(Jnp.multiply(Jnp.exp(Jnp.tanh(t)), 0.5f), a);
          return Jnp.maximum(Jnp.multiply(Jnp.sqrt(Jnp.abs(t)), b), 0.0f);
        };
        yield new FusedWorkloads("W7 " + n, 16.0 * n,
            List.of(random(rnd, n), random(rnd, n), random(rnd, n)), f, jit3(f));
      }
      case "W8" -> {
        int n = Integer.parseInt(spec[1]);
        yield one("W8 " + n, 8.0 * n, rnd, new int[] {n}, x -> Lax.add(x, 1.0f));
      }
      case "W9" -> {
        int r = Integer.parseInt(spec[2]);
        int c = Integer.parseInt(spec[3]);
        boolean softmax = spec[1].equals("softmax");
        yield one("W9 " + spec[1] + " " + r + "x" + c, (softmax ? 8.0 : 4.0) * r * c, rnd,
            new int[] {r, c}, softmax ? x -> Nn.softmax(x) : x -> Nn.logsumexp(x, 1));
      }
      default -> throw new IllegalArgumentException("unknown workload " + id);
    };
  }

  private static FusedWorkloads one(String name, double bytes, Random rnd, int[] shape,
      Function<NDArray, NDArray> f) {
    Function<NDArray, NDArray> j = Jax.jit(f);
    return new FusedWorkloads(name, bytes, List.of(random(rnd, shape)), v -> f.apply(v.get(0)),
        v -> j.apply(v.get(0)));
  }

  private static Function<List<NDArray>, NDArray> jit3(Function<List<NDArray>, NDArray> f) {
    Function3<NDArray, NDArray, NDArray, NDArray> j =
        Jax.jit((NDArray a, NDArray b, NDArray c) -> f.apply(List.of(a, b, c)));
    return v -> j.apply(v.get(0), v.get(1), v.get(2));
  }

  private static Array random(Random rnd, int... shape) {
    return HeavyWorkloads.random(rnd, shape);
  }
}
