package org.jaxpresso.lax;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.ReductionRefCases.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * dot_general against NumPy einsum: every dtype, batch and multi-dim contractions, no
 * contraction, empty contraction, mixed dtypes and preferred element types.
 */
class DotGeneralOpsTest {
  @TestFactory
  Stream<DynamicTest> dotGeneralMatchesNumpy() {
    return ReductionRefCases.tests("/ref/reductions_dot.npz", op -> op.equals("dot_general"),
        DotGeneralOpsTest::run, ReductionRefCases::summationUlps);
  }

  private static List<NDArray> run(Case c) {
    DotDimensionNumbers dn =
        new DotDimensionNumbers(c.ints("lc"), c.ints("rc"), c.ints("lb"), c.ints("rb"));
    DType pref = c.has("pref") ? DType.fromName(c.params().get("pref")) : null;
    return List.of(Lax.dotGeneral(c.ins().get(0), c.ins().get(1), dn, null, pref));
  }
}
