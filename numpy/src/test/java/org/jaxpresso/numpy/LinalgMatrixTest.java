package org.jaxpresso.numpy;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * trace, diag, diagonal, tril and triu against NumPy over every dtype, offsets past the edge,
 * negative and swapped axes, batched and empty shapes.
 */
class LinalgMatrixTest {
  private static final List<LinalgReferenceCases.Case> CASES =
      LinalgReferenceCases.load("/ref/numpy_linalg_matrix.npz");

  @TestFactory
  Stream<DynamicTest> matchesNumpy() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      NDArray x = c.inputs().get(0);
      NDArray out = switch (c.op()) {
        case "trace" -> Jnp.trace(x, c.intParam("offset"), c.intParam("axis1"),
            c.intParam("axis2"));
        case "diag" -> Jnp.diag(x, c.intParam("k"));
        case "diagonal" -> Jnp.diagonal(x, c.intParam("offset"), c.intParam("axis1"),
            c.intParam("axis2"));
        case "tril" -> Jnp.tril(x, c.intParam("k"));
        case "triu" -> Jnp.triu(x, c.intParam("k"));
        default -> throw new IllegalArgumentException(c.op());
      };
      DType want = c.op().equals("trace") ? JnpReductions.accumulationDtype(x.dtype())
          : x.dtype();
      LinalgReferenceCases.check(c, out, want);
    }));
  }
}
