package org.jaxpresso.runtime.gpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * Control flow on the real GPU (device 0 through the CUDA driver): skipped with a JUnit
 * assumption where there is no driver or no GPU; the device script runs it there.
 */
class CudaControlFlowTest extends ControlFlowContract {
  @BeforeAll
  static void needsGpu() {
    assumeTrue(GpuRuntime.get().isPresent(), () -> "no GPU: " + GpuRuntime.unavailableReason());
  }

  @Override
  GpuDevice gpu() {
    return GpuRuntime.get().orElseThrow().device();
  }
}
