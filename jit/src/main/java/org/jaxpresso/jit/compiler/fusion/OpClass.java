package org.jaxpresso.jit.compiler.fusion;

import java.util.Set;
import org.jaxpresso.core.jaxpr.Eqn;

/**
 * How fusion treats a primitive.
 *
 * <ul>
 *   <li>{@link #ELEMENTWISE}: every elementwise lax primitive, {@code convert_element_type},
 *       {@code select_n}, {@code clamp}: computed per element inside its consumer's kernel.
 *   <li>{@link #INDEX_MAP}: {@code broadcast_in_dim}, {@code reshape} (with {@code
 *       dimensions=None}), {@code transpose}, {@code squeeze}, {@code rev}, {@code slice},
 *       {@code pad}, {@code iota}, {@code concatenate} (with at most {@link
 *       #MAX_FUSED_CONCAT_OPERANDS} operands): they only move elements, so they become index
 *       expressions of the loads inside their consumer's kernel.
 *   <li>{@link #REDUCTION}: {@code reduce_*}, {@code argmax}, {@code argmin}: the root of a
 *       reduction kernel that absorbs its elementwise and index-map producers.
 *   <li>{@link #LIBRARY}: everything else ({@code dot_general}, {@code conv_general_dilated},
 *       {@code gather}, {@code scatter*}, {@code sort}, cumulative ops, a {@code concatenate}
 *       of more than {@link #MAX_FUSED_CONCAT_OPERANDS} operands, dynamic slices, control flow, calls): a kernel of its own whose operands are materialized.
 * </ul>
 */
public enum OpClass {
  /** Per-element arithmetic, fusible into consumers. */
  ELEMENTWISE,
  /** Pure data movement, fusible into consumers as index expressions. */
  INDEX_MAP,
  /** A reduction: the root of a reduction kernel. */
  REDUCTION,
  /** A library kernel of its own. */
  LIBRARY;

  private static final Set<String> ELEMENTWISE_NAMES = Set.of(
      "add", "sub", "mul", "div", "rem", "max", "min", "atan2", "nextafter", "pow", "neg", "sign",
      "abs", "floor", "ceil", "round", "is_finite", "square", "integer_pow", "copy",
      "stop_gradient", "exp", "exp2", "expm1", "log", "log1p", "tanh", "logistic", "sin", "cos",
      "tan", "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh", "atanh", "sqrt", "rsqrt",
      "cbrt", "erf", "erfc", "erf_inv", "lgamma", "digamma", "not", "and", "or", "xor",
      "shift_left", "shift_right_arithmetic", "shift_right_logical", "population_count", "clz",
      "eq", "ne", "lt", "le", "gt", "ge", "convert_element_type", "reduce_precision",
      "select_n", "clamp");

  /**
   * The most operands a {@code concatenate} may have to be an index map. A fused concatenate
   * reads every operand at every point of its kernel (each through a clamped load, the value
   * chosen by a chain of one comparison and one select per operand), so its per-element work
   * and its code grow with the operand count; past this count it is a library copy instead.
   */
  public static final int MAX_FUSED_CONCAT_OPERANDS = 8;

  private static final Set<String> INDEX_MAP_NAMES = Set.of(
      "broadcast_in_dim", "reshape", "transpose", "squeeze", "rev", "slice", "pad", "iota",
      "concatenate");

  private static final Set<String> REDUCTION_NAMES = Set.of(
      "reduce_sum", "reduce_max", "reduce_min", "reduce_prod", "reduce_and", "reduce_or",
      "reduce_xor", "argmax", "argmin");

  /**
   * Elementwise ops cheap enough to recompute in every kernel that reads them (one or two
   * machine instructions per element); the rest (transcendentals, division, powers) are
   * recomputed in at most {@link FusionPlanner#MAX_EXPENSIVE_DUPLICATES} kernels.
   */
  private static final Set<String> CHEAP_NAMES = Set.of(
      "add", "sub", "mul", "max", "min", "neg", "sign", "abs", "floor", "ceil", "round",
      "is_finite", "square", "copy", "stop_gradient", "not", "and", "or", "xor", "shift_left",
      "shift_right_arithmetic", "shift_right_logical", "eq", "ne", "lt", "le", "gt", "ge",
      "convert_element_type", "select_n", "clamp");

  /**
   * The class of {@code e}'s primitive (and params: a reshape with dimensions, or a concatenate
   * of more than {@link #MAX_FUSED_CONCAT_OPERANDS} operands or compiled with {@link
   * org.jaxpresso.jit.compiler.CompileOptions#fuseConcatenate()} off, is a library op).
   *
   * @param e the equation
   * @return the class of {@code e}'s primitive
   */
  public static OpClass of(Eqn e) {
    String name = e.primitive().name();
    if (ELEMENTWISE_NAMES.contains(name)) {
      return ELEMENTWISE;
    }
    if (INDEX_MAP_NAMES.contains(name)) {
      if (name.equals("reshape") && e.params().has("dimensions")
          && e.params().get("dimensions") != null) {
        return LIBRARY;
      }
      if (name.equals("concatenate") && (e.inputs().size() > MAX_FUSED_CONCAT_OPERANDS
          || !org.jaxpresso.jit.compiler.CompileOptions.current().fuseConcatenate())) {
        return LIBRARY;
      }
      return INDEX_MAP;
    }
    if (REDUCTION_NAMES.contains(name)) {
      return REDUCTION;
    }
    return LIBRARY;
  }

  /**
   * Whether recomputing {@code e} in several kernels costs about as much as a load.
   *
   * @param e the equation
   * @return whether recomputing {@code e} in several kernels costs about as much as a load
   */
  public static boolean cheap(Eqn e) {
    OpClass c = of(e);
    return c == INDEX_MAP || (c == ELEMENTWISE && CHEAP_NAMES.contains(e.primitive().name()));
  }

  /**
   * Whether {@code e} can be computed inside a consumer's kernel.
   *
   * @return whether {@code e} can be computed inside a consumer's kernel
   */
  public boolean fusible() {
    return this == ELEMENTWISE || this == INDEX_MAP;
  }
}
