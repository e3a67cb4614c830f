package org.jaxpresso.jit.conformance;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;

/**
 * Cases of the primitives holding sub-jaxprs ({@code cond}, {@code while}, {@code scan}, a
 * nested {@code jit}, {@code custom_jvp_call}, {@code custom_vjp_call}), of {@code svd} and of
 * {@code polygamma} (a special function with an order operand).
 */
final class ControlCases {
  private ControlCases() {}

  /** The cases of {@code name}, or null if it is not one of these primitives. */
  static List<ConformanceCase> of(String name) {
    CaseSet s = new CaseSet(name);
    switch (name) {
      case "cond" -> s.forEachDtype("both branches", d -> List.of(Values.general(d, 1, 3, 5),
          Array.scalar(true), Array.scalar(false), Values.general(d, 2)), x -> List.of(
          Lax.<NDArray, NDArray>cond(x.get(1), a -> Lax.neg(a), a -> Lax.rev(a, 0), x.get(0)),
          Lax.<NDArray, NDArray>cond(x.get(2), a -> Lax.neg(a), a -> Lax.rev(a, 0), x.get(0)),
          Lax.<NDArray, NDArray>cond(Lax.ne(x.get(3), x.get(3)), a -> a,
              a -> Lax.max(a, x.get(3)), x.get(3))));
      case "while" -> s.forEachDtype("counted loop", d -> List.of(Values.small(d, 1, 3, 5),
          Array.scalar(5L, DType.INT32)),
          x -> {
            List<NDArray> r = Lax.<List<NDArray>>whileLoop(c -> Lax.lt(c.get(0), x.get(1)),
                c -> List.of(Lax.add(c.get(0), Array.scalar(1L, DType.INT32)),
                    Lax.max(Lax.rev(c.get(1), 1), c.get(1))),
                List.of(Array.scalar(0L, DType.INT32), x.get(0)));
            return List.of(r.get(0), r.get(1));
          });
      case "scan" -> s.forEachDtype("carry and ys", d -> List.of(Values.small(d, 1, 4, 3),
          Values.small(d, 2, 3)), x -> {
            Lax.Step<NDArray, NDArray> r = Lax.<NDArray, NDArray, NDArray>scan(
                (c, row) -> new Lax.Step<>(Lax.max(c, row), Lax.min(c, row)), x.get(1),
                x.get(0));
            return List.of(r.carry(), r.y());
          });
      case "jit" -> s.forEachDtype("nested", d -> List.of(Values.general(d, 1, 3, 5)), x ->
          Lax.neg(Jax.jit((NDArray a) -> Lax.max(a, Lax.rev(a, 1))).apply(x.get(0))));
      case "svd" -> {
        for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
          s.add("singular values", d, List.of(Values.small(d, 1, 4, 3)),
              x -> Lax.svd(x.get(0), false, false));
        }
      }
      case "custom_jvp_call" -> s.forEachDtype("primal of a custom rule", d -> List.of(
          Values.general(d, 1, 3, 5)), x -> Lax.neg(Jax.customJvp(
              (NDArray a) -> Lax.max(a, Lax.rev(a, 1)),
              (NDArray a, NDArray t) -> new Jax.JvpPair<>(Lax.max(a, Lax.rev(a, 1)), t))
              .apply(x.get(0))));
      case "custom_vjp_call" -> s.forEachDtype("primal of a custom rule", d -> List.of(
          Values.general(d, 1, 3, 5)), x -> Lax.neg(Jax.<NDArray, NDArray, NDArray>customVjp(
              a -> Lax.max(a, Lax.rev(a, 1)),
              a -> new Jax.VjpFwd<>(Lax.max(a, Lax.rev(a, 1)), a),
              (r, g) -> g).apply(x.get(0))));
      case "polygamma" -> s.forEachDtype("orders 0 to 2", d -> List.of(Values.small(d, 1, 3, 5)),
          x -> {
            NDArray pos = Lax.add(Lax.abs(x.get(0)),
                Array.scalar(0.75, x.get(0).aval().dtype()));
            NDArray m = Lax.convertElementType(Lax.iota(DType.INT32, 3), x.get(0).aval().dtype());
            return Lax.polygamma(Lax.broadcastInDim(m, new int[] {3, 5}, new int[] {0}), pos);
          });
      default -> {
        return null;
      }
    }
    return s.cases();
  }
}
