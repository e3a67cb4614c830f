package org.jaxpresso.runtime.cpu.conformance;

import org.jaxpresso.jit.conformance.ConformanceBackend;
import org.jaxpresso.jit.conformance.DifferentialSuite;

/**
 * Random programs through the CPU backend's scalar loops; the build runs it in the JVM without
 * {@code jdk.incubator.vector}, with every kernel split over the pool.
 */
class CpuScalarDifferentialTest extends DifferentialSuite {
  @Override
  protected ConformanceBackend backend() {
    return new CpuConformance(false);
  }
}
