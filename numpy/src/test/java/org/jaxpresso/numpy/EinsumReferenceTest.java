package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * einsum against NumPy over every dtype: explicit and implicit outputs, ellipses, repeated
 * labels (diagonals, traces), broadcasting of size-1 labels, 0-d and empty operands, chains of
 * three and four operands, in both contraction orders.
 */
class EinsumReferenceTest {
  private static final List<LinalgReferenceCases.Case> CASES =
      LinalgReferenceCases.load("/ref/numpy_linalg_einsum.npz");

  private static String subscripts(LinalgReferenceCases.Case c) {
    return c.rawParams();
  }

  @TestFactory
  Stream<DynamicTest> greedyMatchesNumpy() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      DType want = NumpySupport.resultType(c.inputs()).dtype();
      NDArray out = Jnp.einsum(subscripts(c), c.inputs().toArray());
      LinalgReferenceCases.check(c, out, want);
    }));
  }

  @TestFactory
  Stream<DynamicTest> leftToRightMatchesNumpy() {
    return CASES.stream().filter(c -> c.inputs().size() > 2 || c.dtypes().startsWith("float32"))
        .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
          DType want = NumpySupport.resultType(c.inputs()).dtype();
          NDArray out = Jnp.einsum(Jnp.EinsumOrder.LEFT_TO_RIGHT, subscripts(c),
              c.inputs().toArray());
          LinalgReferenceCases.check(c, out, want);
        }));
  }

  @Test
  void coversEveryDtype() {
    for (DType d : DType.values()) {
      assertTrue(CASES.stream().anyMatch(c -> c.rawParams().equals("ii")
          && c.dtypes().equals(d.toString())), d.toString());
    }
  }
}
