package org.jaxpresso.numpy;

import java.util.List;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * convolve and correlate against NumPy in the three modes, over every dtype (integers and bool
 * promote to float32) and mixed dtypes, with the longer operand first or second.
 */
class ConvolveReferenceTest {
  private static final List<LinalgReferenceCases.Case> CASES =
      LinalgReferenceCases.load("/ref/numpy_linalg_conv.npz");

  @TestFactory
  Stream<DynamicTest> matchesNumpy() {
    return CASES.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      NDArray a = c.inputs().get(0);
      NDArray v = c.inputs().get(1);
      String mode = c.param("mode");
      NDArray out = c.op().equals("convolve") ? Jnp.convolve(a, v, mode)
          : Jnp.correlate(a, v, Jnp.ConvolveMode.of(mode));
      DType rt = NumpySupport.resultType(c.inputs()).dtype();
      LinalgReferenceCases.check(c, out, rt.isFloating() ? rt : DType.defaultFloat());
    }));
  }
}
