package org.jaxpresso.runtime.gpu.ptx;

import java.util.Set;
import org.jaxpresso.core.DType;
import org.jaxpresso.jit.conformance.BackendConformanceSuite;
import org.jaxpresso.jit.conformance.ConformanceBackend;
import org.jaxpresso.jit.conformance.ConformanceCase;

/**
 * The conformance suite through the GPU code generator without a GPU: generated kernels
 * assembled by {@code ptxas} for sm_90 when it is on the PATH, programs executed by the PTX
 * interpreter and compared with the reference.
 *
 * <p>The interpreter runs every thread of a block separately and ptxas takes seconds on the
 * kernels that inline the math library, so the default build runs a sample: the cases of
 * float32, bfloat16, int32 and bool (the suite fails for a primitive none of whose cases ran),
 * arg-reductions to int32 indices only,
 * without the large math-library kernels and repeated kernel shapes in ptxas (see {@link
 * PtxConformance}).
 * {@code -Djaxpresso.test.ptxConformance=full} runs every case and assembles every kernel
 * (about ten minutes on two loaded cores).
 */
class PtxConformanceTest extends BackendConformanceSuite {
  private static final boolean FULL = "full".equals(System.getProperty(
      "jaxpresso.test.ptxConformance"));
  private static final Set<DType> SAMPLE = Set.of(DType.FLOAT32, DType.BFLOAT16, DType.INT32,
      DType.BOOL);

  @Override
  protected ConformanceBackend backend() {
    return new PtxConformance(true, FULL, true);
  }

  @Override
  protected boolean includes(ConformanceCase c) {
    return FULL || SAMPLE.contains(c.dtype()) && !c.label().startsWith("index i8")
        && !c.label().startsWith("index i64");
  }
}
