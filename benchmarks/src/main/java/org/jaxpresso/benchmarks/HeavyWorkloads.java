package org.jaxpresso.benchmarks;

import java.util.Random;
import java.util.function.BiFunction;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.Padding;
import org.jaxpresso.numpy.Jnp;

/**
 * The matmul and convolution workloads of BENCHMARKS.md (W4, W6), shared by the JMH benchmarks
 * and the side-by-side runner: operands made once, the operation callable eagerly or through
 * a cached jitted function.
 *
 * @param name the workload id and size, e.g. {@code W4 1024}
 * @param flops floating-point operations per call (2 per multiply-add)
 * @param x the left operand
 * @param y the right operand
 * @param op the operation, called eagerly
 * @param jitted the same operation through {@link Jax#jit}
 */
public record HeavyWorkloads(String name, double flops, Array x, Array y,
    BiFunction<NDArray, NDArray, NDArray> op, BiFunction<NDArray, NDArray, NDArray> jitted) {

  /**
   * The workload named by its id ({@code W4}, {@code W4b}, {@code W6}) and size.
   *
   * @param id the workload's id: {@code W4}, {@code W4b} or {@code W6}
   * @param size the workload's size (the matrix side for {@code W4})
   * @return the workload, its operands made from a fixed seed
   */
  public static HeavyWorkloads of(String id, int size) {
    Random rnd = new Random(42);
    return switch (id) {
      case "W4" -> matmul("W4 " + size, rnd, new int[] {size, size}, new int[] {size, size},
          2.0 * size * size * size);
      case "W4b" -> matmul("W4b " + size + "x(128x128)", rnd, new int[] {size, 128, 128},
          new int[] {size, 128, 128}, 2.0 * size * 128 * 128 * 128);
      case "W6" -> {
        BiFunction<NDArray, NDArray, NDArray> conv =
            (a, b) -> Lax.convGeneralDilated(a, b, new int[] {1, 1}, Padding.SAME);
        yield new HeavyWorkloads("W6 conv2d " + size + "x64x56x56 3x3",
            2.0 * size * 64 * 56 * 56 * 64 * 9, random(rnd, size, 64, 56, 56),
            random(rnd, 64, 64, 3, 3), conv, Jax.jit(conv));
      }
      default -> throw new IllegalArgumentException("unknown workload " + id
          + "; expected W4, W4b or W6");
    };
  }

  private static HeavyWorkloads matmul(String name, Random rnd, int[] xs, int[] ys,
      double flops) {
    BiFunction<NDArray, NDArray, NDArray> mm = Jnp::matmul;
    return new HeavyWorkloads(name, flops, random(rnd, xs), random(rnd, ys), mm, Jax.jit(mm));
  }

  /** Uniform float32 values in [-1, 1). */
  static Array random(Random rnd, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextFloat() * 2 - 1;
    }
    return Array.of(v, shape);
  }

  /**
   * One eager call, waited for.
   *
   * @return the result, computed
   */
  public NDArray eager() {
    return op.apply(x, y).blockUntilReady();
  }

  /**
   * One call of the jitted function, waited for.
   *
   * @return the result, computed
   */
  public NDArray jit() {
    return jitted.apply(x, y).blockUntilReady();
  }
}
