package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jaxpresso.core.Primitive;
import org.junit.jupiter.api.Test;

/**
 * Walks the registry and lists every lax primitive without a JVP rule, without a batching
 * rule, and every linear primitive without a transpose rule. All three lists are empty.
 */
class RulesRegistryTest {
  /**
   * Primitives that take no operands ({@code iota}): no rule is ever consulted for them, since
   * a bind without operands never carries a tangent or a batch dimension.
   */
  static final Set<String> OPERANDLESS = new TreeSet<>(List.of("iota"));

  /** Primitives whose JVP rule is not written yet: none. */
  static final Set<String> EXPECTED_NO_JVP = new TreeSet<>();

  /** Primitives without a batching rule: none. */
  static final Set<String> EXPECTED_NO_BATCH = new TreeSet<>();

  /**
   * The primitives linear in some input, which reverse mode needs to transpose; {@code cond}
   * and {@code scan} transpose their bodies, and {@code while}'s transpose raises JAX's
   * reverse-mode error.
   */
  static final Set<String> LINEAR = new TreeSet<>(List.of(
      "add", "sub", "neg", "mul", "div", "convert_element_type", "copy", "reduce_precision",
      "select_n", "broadcast_in_dim", "reshape", "transpose", "squeeze", "rev", "concatenate",
      "pad", "slice", "reduce_sum", "cumsum", "dot_general", "dynamic_slice",
      "dynamic_update_slice", "gather", "scatter", "scatter-add", "scatter-sub", "scatter-mul",
      "sort",
      "conv_general_dilated", "cond", "scan", "while"));

  /** Linear primitives whose transpose rule is not written yet. */
  static final Set<String> EXPECTED_NO_TRANSPOSE = new TreeSet<>();

  @Test
  void primitivesWithoutRulesAreExactlyTheDocumentedOnes() {
    Set<String> noJvp = new TreeSet<>();
    Set<String> noBatch = new TreeSet<>();
    Set<String> noTranspose = new TreeSet<>();
    for (Primitive p : LaxPrimitives.all()) {
      if (p.family().equals("call") || OPERANDLESS.contains(p.name())) {
        continue;
      }
      if (p.jvpRule() == null) {
        noJvp.add(p.name());
      }
      if (p.batchRule() == null) {
        noBatch.add(p.name());
      }
      if (LINEAR.contains(p.name()) && p.transposeRule() == null) {
        noTranspose.add(p.name());
      }
    }
    assertEquals(EXPECTED_NO_JVP, noJvp, "primitives without a JVP rule");
    assertEquals(EXPECTED_NO_BATCH, noBatch, "primitives without a batching rule");
    assertEquals(EXPECTED_NO_TRANSPOSE, noTranspose, "linear primitives without a transpose");
  }
}
