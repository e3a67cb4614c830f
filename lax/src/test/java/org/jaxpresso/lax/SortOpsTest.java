package org.jaxpresso.lax;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.ReductionRefCases.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * sort (one operand, every dtype; variadic with one and two keys) and top_k against NumPy's
 * stable sorts: NaNs last, -0.0 equal to 0.0, ties in input order.
 */
class SortOpsTest {
  @TestFactory
  Stream<DynamicTest> sortMatchesNumpy() {
    return ReductionRefCases.tests("/ref/reductions.npz",
        op -> op.startsWith("sort") || op.equals("top_k"), SortOpsTest::run, c -> 0);
  }

  private static List<NDArray> run(Case c) {
    return switch (c.op()) {
      case "sort" -> List.of(Lax.sort(c.ins().get(0), c.integer("dim"), true));
      case "sort_multi" -> Lax.sort(List.copyOf(c.ins()), c.integer("dim"), true,
          c.integer("num_keys"));
      case "top_k" -> Lax.topK(c.ins().get(0), c.integer("k"));
      default -> throw new IllegalArgumentException(c.op());
    };
  }
}
