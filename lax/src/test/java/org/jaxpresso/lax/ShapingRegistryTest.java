package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jaxpresso.core.Primitive;
import org.junit.jupiter.api.Test;

/** Walks the registry: every shaping-family primitive is declared, with both of its rules. */
class ShapingRegistryTest {
  static final Set<String> EXPECTED = new TreeSet<>(List.of("broadcast_in_dim", "reshape",
      "transpose", "squeeze", "rev", "concatenate", "pad", "iota", "slice", "dynamic_slice",
      "dynamic_update_slice", "gather", "scatter", "scatter-add", "scatter-mul", "scatter-min",
      "scatter-max", "scatter-sub"));

  @Test
  void everyShapingPrimitiveHasAbstractEvalAndImpl() {
    List<Primitive> family = LaxPrimitives.all().stream()
        .filter(p -> p.family().equals("shaping")).toList();
    List<String> missing = family.stream()
        .filter(p -> p.abstractEvalRule() == null || p.implRule() == null)
        .map(p -> p.name() + (p.abstractEvalRule() == null ? " (no abstract eval)" : "")
            + (p.implRule() == null ? " (no impl)" : ""))
        .sorted().toList();
    assertTrue(missing.isEmpty(), "primitives missing rules: " + missing);
    Set<String> names = family.stream().map(Primitive::name)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(EXPECTED, names);
  }
}
