package org.jaxpresso.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.Jnp;

/**
 * The reduction workloads of {@code benchmarks/reductions_side_by_side.py} (served by {@link
 * SideBySideFused} for ids starting with {@code R}): argmax over rows, column sums of short and
 * bias-sized rows, {@code any} of a comparison, float16 row sums, and max with argmax of the
 * same rows.
 */
public final class ReductionWorkloads {
  private ReductionWorkloads() {}

  /**
   * The workload {@code R<n> KIND ROWS COLS} (KIND {@code argmax}, {@code colsum}, {@code any},
   * {@code f16sum} or {@code maxargmax}), inputs uniform in [-1, 1) from a fixed seed.
   *
   * @param spec the id, the kind and the sizes, as the script sends them
   * @return the workload
   */
  public static FusedWorkloads of(String[] spec) {
    int r = Integer.parseInt(spec[2]);
    int c = Integer.parseInt(spec[3]);
    Array x = HeavyWorkloads.random(new Random(42), r, c);
    double bytes = 4.0 * r * c;
    Function<NDArray, NDArray> f = switch (spec[1]) {
      case "argmax" -> v -> Jnp.argmax(v, 1);
      case "colsum" -> v -> Jnp.sum(v, 0);
      case "any" -> v -> Jnp.any(Jnp.greater(v, 0.99f), 1);
      case "f16sum" -> v -> Jnp.sum(v, 1);
      case "maxargmax" -> v -> Jnp.add(Jnp.max(v, 1), Jnp.astype(Jnp.argmax(v, 1),
          DType.FLOAT32));
      default -> throw new IllegalArgumentException("unknown reduction workload " + spec[1]);
    };
    if (spec[1].equals("f16sum")) {
      x = (Array) Jnp.astype(x, DType.FLOAT16);
      bytes = 2.0 * r * c;
    }
    Function<NDArray, NDArray> j = Jax.jit(f);
    return new FusedWorkloads(String.join(" ", spec), bytes, List.of(x),
        v -> f.apply(v.get(0)), v -> j.apply(v.get(0)));
  }
}
