package org.jaxpresso.runtime.gpu.ptx;

import org.jaxpresso.jit.conformance.ConformanceBackend;
import org.jaxpresso.jit.conformance.DifferentialSuite;

/**
 * Random programs through the GPU code generator, executed by the PTX interpreter (no GPU) and
 * compared with the reference: {@value #PROGRAMS} programs in the default build (the
 * interpreter runs every thread separately), {@code -Djaxpresso.test.ptxConformance=full} for
 * 2,000. Kernels are not assembled here ({@link PtxConformanceTest} does that).
 */
class PtxDifferentialTest extends DifferentialSuite {
  private static final int PROGRAMS = 60;

  @Override
  protected ConformanceBackend backend() {
    return new PtxConformance(true, false, false);
  }

  @Override
  protected int programs() {
    return "full".equals(System.getProperty("jaxpresso.test.ptxConformance")) ? 2000
        : PROGRAMS;
  }
}
