package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Primitive;
import org.junit.jupiter.api.Test;

/** Walks every declared lax primitive and lists any missing a rule. */
class LaxRegistryTest {
  @Test
  void everyPrimitiveHasAShapeRuleAndAReferenceImplementation() {
    List<String> missing = LaxPrimitives.all().stream()
        .filter(p -> !p.name().startsWith("test_"))
        .filter(p -> p.abstractEvalRule() == null || p.implRule() == null)
        .map(p -> p.name() + (p.abstractEvalRule() == null ? " (no shape rule)" : "")
            + (p.implRule() == null ? " (no reference impl)" : ""))
        .sorted().collect(Collectors.toList());
    assertEquals(List.of(), missing);
  }

  @Test
  void theEssentialPrimitivesOfJaxNotesAreAllDeclared() {
    Set<String> names = LaxPrimitives.all().stream().map(Primitive::name).collect(Collectors.toCollection(TreeSet::new));
    String[] essential = {
      "add", "sub", "mul", "div", "rem", "max", "min", "pow", "integer_pow", "neg", "sign", "abs",
      "exp", "log", "tanh", "logistic", "sin", "cos", "sqrt", "rsqrt", "atan2", "erf", "floor", "ceil",
      "round", "is_finite", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "xor", "not",
      "shift_left", "shift_right_arithmetic", "shift_right_logical", "select_n", "clamp",
      "convert_element_type", "broadcast_in_dim", "reshape", "transpose", "squeeze", "rev", "slice",
      "dynamic_slice", "dynamic_update_slice", "gather", "scatter", "scatter-add", "scatter-mul",
      "scatter-min", "scatter-max", "concatenate", "pad", "iota", "reduce_sum", "reduce_max",
      "reduce_min", "reduce_prod", "reduce_and", "reduce_or", "argmax", "argmin", "cumsum", "sort",
      "dot_general", "conv_general_dilated", "stop_gradient", "copy",
    };
    List<String> absent = java.util.Arrays.stream(essential).filter(n -> !names.contains(n)).toList();
    assertEquals(List.of(), absent);
  }

  @Test
  void stopGradientIsTheIdentity() {
    Array x = Array.of(new float[] {1, 2}, 2);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 2}, Lax.stopGradient(x).toFloatArray());
    assertEquals(DType.FLOAT32, Lax.stopGradient(x).dtype());
  }
}
