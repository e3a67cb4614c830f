package org.jaxpresso.runtime.cpu.conformance;

import org.jaxpresso.jit.conformance.BackendConformanceSuite;
import org.jaxpresso.jit.conformance.ConformanceBackend;

/**
 * The conformance suite on the CPU backend's scalar loops; the build runs it in the JVM
 * without {@code jdk.incubator.vector} (and with every kernel split over the pool).
 */
class CpuScalarConformanceTest extends BackendConformanceSuite {
  @Override
  protected ConformanceBackend backend() {
    return new CpuConformance(false);
  }
}
