package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jaxpresso.core.Primitive;
import org.junit.jupiter.api.Test;

/** Every primitive of the reduction, dot and convolution families has all its rules. */
class ReductionRegistryTest {
  private static final Set<String> FAMILIES = Set.of("reductions", "dot", "convolution");

  @Test
  void everyPrimitiveHasAbstractEvalAndImpl() {
    List<Primitive> mine = LaxPrimitives.all().stream()
        .filter(p -> FAMILIES.contains(p.family())).toList();
    List<String> missing = mine.stream()
        .filter(p -> p.abstractEvalRule() == null || p.implRule() == null)
        .map(p -> p.name() + (p.abstractEvalRule() == null ? " (no abstract eval)" : "")
            + (p.implRule() == null ? " (no impl)" : ""))
        .toList();
    assertTrue(missing.isEmpty(), "primitives missing rules: " + missing);
  }

  @Test
  void allDeclaredPrimitivesAreRegistered() {
    Set<String> names = new TreeSet<>();
    for (Primitive p : LaxPrimitives.all()) {
      if (FAMILIES.contains(p.family())) {
        names.add(p.name());
      }
    }
    assertEquals(new TreeSet<>(List.of("reduce_sum", "reduce_max", "reduce_min", "reduce_prod",
        "reduce_and", "reduce_or", "reduce_xor", "argmax", "argmin", "cumsum", "cumprod",
        "cummax", "cummin", "cumlogsumexp", "sort", "top_k", "dot_general",
        "conv_general_dilated")), names);
  }
}
