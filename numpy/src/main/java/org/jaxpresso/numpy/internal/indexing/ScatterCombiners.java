package org.jaxpresso.numpy.internal.indexing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.ScatterDimensionNumbers;
import org.jaxpresso.lax.primitives.Elementwise;
import org.jaxpresso.lax.primitives.Scatter;

/**
 * Binds the scatter primitives with JAX's params, including the {@code update_jaxpr} that JAX
 * records for the combining scatters: {@code { lambda ; a:f32[] b:f32[]. let c:f32[] = add a b
 * in (c,) }} for {@code scatter-add} (None for {@code scatter}). Like JAX's cached
 * {@code _reduction_jaxpr}, one combiner jaxpr exists per (primitive, dtype), so a jaxpr that
 * uses it twice prints it once, hoisted.
 */
final class ScatterCombiners {
  private static final Map<String, Jaxpr> CACHE = new ConcurrentHashMap<>();

  private ScatterCombiners() {}

  /** Binds the scatter primitive named {@code op} ({@code scatter}, {@code scatter-add}, ...). */
  static NDArray bind(String op, NDArray operand, NDArray indices, NDArray updates,
      ScatterDimensionNumbers dn, GatherScatterMode mode, boolean sorted, boolean unique) {
    Primitive p = switch (op) {
      case "scatter" -> Scatter.SCATTER;
      case "scatter-add" -> Scatter.SCATTER_ADD;
      case "scatter-mul" -> Scatter.SCATTER_MUL;
      case "scatter-min" -> Scatter.SCATTER_MIN;
      case "scatter-max" -> Scatter.SCATTER_MAX;
      case "scatter-sub" -> Scatter.SCATTER_SUB;
      default -> throw new IllegalArgumentException("no scatter primitive " + op);
    };
    Jaxpr combiner = combiner(op, operand.dtype());
    Params params = Params.of("dimension_numbers", dn, "mode", mode,
        "indices_are_sorted", sorted, "unique_indices", unique,
        "update_consts", List.of(), "update_jaxpr", combiner);
    return p.bind1(params, operand, indices, updates);
  }

  /** The combiner jaxpr of a combining scatter on scalars of {@code dtype}; null for set. */
  static Jaxpr combiner(String op, DType dtype) {
    Primitive fn = switch (op) {
      case "scatter-add" -> Elementwise.ADD;
      case "scatter-mul" -> Elementwise.MUL;
      case "scatter-min" -> Elementwise.MIN;
      case "scatter-max" -> Elementwise.MAX;
      case "scatter-sub" -> Elementwise.SUB;
      default -> null;
    };
    if (fn == null) {
      return null;
    }
    return CACHE.computeIfAbsent(op + "/" + dtype, k -> {
      ShapedArray scalar = new ShapedArray(Shape.of(), dtype, false);
      Var x = Var.of(scalar);
      Var y = Var.of(scalar);
      Var out = Var.of(scalar);
      Eqn eqn = new Eqn(fn, List.of(x, y), Params.EMPTY, List.of(out));
      return new Jaxpr(List.of(), List.of(x, y), List.of(eqn), List.of(out));
    });
  }
}
