package org.jaxpresso.runtime.cpu.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jaxpresso.jit.conformance.BackendConformanceSuite;
import org.jaxpresso.jit.conformance.ConformanceBackend;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite on the CPU backend's Vector API code (skipped without the module). */
class CpuSimdConformanceTest extends BackendConformanceSuite {
  @BeforeAll
  static void vectorApi() {
    assumeTrue(CpuBackend.simdAvailable(), "jdk.incubator.vector is not enabled");
  }

  @Override
  protected ConformanceBackend backend() {
    return new CpuConformance(true);
  }
}
