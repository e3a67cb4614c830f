package org.jaxpresso.lax;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.ReductionRefCases.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * reduce_* and argmax/argmin against NumPy over every accepted dtype, 0-d, empty (identities)
 * and size-1 shapes.
 */
class ReductionOpsTest {
  private static final String REF = "/ref/reductions.npz";

  @TestFactory
  Stream<DynamicTest> reductionsMatchNumpy() {
    return ReductionRefCases.tests(REF, op -> op.startsWith("reduce_"), ReductionOpsTest::run,
        ReductionRefCases::summationUlps);
  }

  @TestFactory
  Stream<DynamicTest> argMinMaxMatchNumpy() {
    return ReductionRefCases.tests(REF, op -> op.startsWith("arg"), ReductionOpsTest::run,
        c -> 0);
  }

  private static List<NDArray> run(Case c) {
    NDArray x = c.ins().get(0);
    int[] axes = c.ints("axes");
    NDArray y = switch (c.op()) {
      case "reduce_sum" -> Lax.reduceSum(x, axes);
      case "reduce_max" -> Lax.reduceMax(x, axes);
      case "reduce_min" -> Lax.reduceMin(x, axes);
      case "reduce_prod" -> Lax.reduceProd(x, axes);
      case "reduce_and" -> Lax.reduceAnd(x, axes);
      case "reduce_or" -> Lax.reduceOr(x, axes);
      case "reduce_xor" -> Lax.reduceXor(x, axes);
      case "argmax" ->
          Lax.argmax(x, c.integer("axis"), DType.fromName(c.params().get("index_dtype")));
      case "argmin" ->
          Lax.argmin(x, c.integer("axis"), DType.fromName(c.params().get("index_dtype")));
      default -> throw new IllegalArgumentException(c.op());
    };
    return List.of(y);
  }
}
