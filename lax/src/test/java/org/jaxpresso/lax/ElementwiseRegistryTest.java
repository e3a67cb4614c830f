package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jaxpresso.core.Primitive;
import org.junit.jupiter.api.Test;

/** The registry lists every elementwise primitive, each with both of its rules. */
class ElementwiseRegistryTest {
  private static final Set<String> EXPECTED = Set.of("add", "sub", "mul", "div", "rem", "pow",
      "integer_pow", "max", "min", "atan2", "nextafter", "neg", "sign", "abs", "floor", "ceil",
      "round", "is_finite", "square", "copy", "exp", "exp2", "expm1", "log", "log1p", "tanh",
      "logistic", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "asinh", "acosh",
      "atanh", "sqrt", "rsqrt", "cbrt", "erf", "erfc", "erf_inv", "not", "and", "or", "xor",
      "shift_left", "shift_right_arithmetic", "shift_right_logical", "population_count", "clz",
      "eq", "ne", "lt", "le", "gt", "ge", "select_n", "clamp", "convert_element_type",
      "bitcast_convert_type", "reduce_precision");

  @Test
  void everyElementwisePrimitiveHasAbstractEvalAndImpl() {
    List<String> missing = new ArrayList<>();
    TreeSet<String> found = new TreeSet<>();
    for (Primitive p : LaxPrimitives.all()) {
      if (!p.family().equals("elementwise")) {
        continue;
      }
      found.add(p.name());
      if (p.abstractEvalRule() == null) {
        missing.add(p.name() + " (abstract eval)");
      }
      if (p.implRule() == null) {
        missing.add(p.name() + " (impl)");
      }
    }
    assertTrue(missing.isEmpty(), "elementwise primitives missing a rule: " + missing);
    TreeSet<String> absent = new TreeSet<>(EXPECTED);
    absent.removeAll(found);
    assertTrue(absent.isEmpty(), "not registered: " + absent);
  }
}
