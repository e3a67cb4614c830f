package org.jaxpresso.numpy;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Linalg.norm against numpy.linalg.norm over every dtype (non-floats promote to float32):
 * vector orders 2, 1, inf, -inf, 0, 3, 0.5, -1; matrix orders fro, 1, -1, inf, -inf; explicit
 * and negative-order axes, keepdims, and the flattened default over any rank.
 */
class LinalgNormTest {
  private static final List<LinalgReferenceCases.Case> CASES =
      LinalgReferenceCases.load("/ref/numpy_linalg_norm.npz");

  static NDArray apply(LinalgReferenceCases.Case c) {
    NDArray x = c.inputs().get(0);
    ReduceOptions o = c.param("axis") == null ? ReduceOptions.ALL
        : ReduceOptions.axis(c.intsParam("axis"));
    if ("1".equals(c.param("keepdims"))) {
      o = o.keepdims();
    }
    String ord = c.param("ord");
    if (ord == null) {
      return o == ReduceOptions.ALL ? Linalg.norm(x) : Linalg.norm(x, o);
    }
    return switch (ord) {
      case "fro" -> Linalg.norm(x, "fro", o);
      case "inf" -> Linalg.norm(x, Double.POSITIVE_INFINITY, o);
      case "-inf" -> Linalg.norm(x, Double.NEGATIVE_INFINITY, o);
      default -> Linalg.norm(x, Double.parseDouble(ord), o);
    };
  }

  @TestFactory
  Stream<DynamicTest> matchesNumpy() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      DType d = c.inputs().get(0).dtype();
      LinalgReferenceCases.check(c, apply(c), d.isFloating() ? d : DType.defaultFloat());
    }));
  }
}
