package org.jaxpresso.lax;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.ReductionRefCases.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** cumsum/cumprod/cummax/cummin/cumlogsumexp against NumPy, forward and reverse. */
class CumulativeOpsTest {
  @TestFactory
  Stream<DynamicTest> cumulativeMatchesNumpy() {
    // logsumexp goes through exp/log1p, whose last double bit may differ from NumPy's libm
    return ReductionRefCases.tests("/ref/reductions.npz", op -> op.startsWith("cum"),
        CumulativeOpsTest::run,
        c -> Math.max(ReductionRefCases.summationUlps(c), c.op().equals("cumlogsumexp") ? 1 : 0));
  }

  private static List<NDArray> run(Case c) {
    NDArray x = c.ins().get(0);
    int axis = c.integer("axis");
    boolean rev = c.integer("reverse") == 1;
    return List.of(switch (c.op()) {
      case "cumsum" -> Lax.cumsum(x, axis, rev);
      case "cumprod" -> Lax.cumprod(x, axis, rev);
      case "cummax" -> Lax.cummax(x, axis, rev);
      case "cummin" -> Lax.cummin(x, axis, rev);
      case "cumlogsumexp" -> Lax.cumlogsumexp(x, axis, rev);
      default -> throw new IllegalArgumentException(c.op());
    });
  }
}
