package org.jaxpresso.runtime.gpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.conformance.BackendConformanceSuite;
import org.jaxpresso.jit.conformance.ConformanceBackend;
import org.jaxpresso.jit.conformance.Tolerance;
import org.jaxpresso.runtime.gpu.ptx.GpuTolerances;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance suite on a real GPU through {@link GpuBackend} (skipped where no CUDA driver
 * or device is found), with the GPU's documented tolerances.
 */
class GpuConformanceTest extends BackendConformanceSuite {
  @BeforeAll
  static void gpu() {
    assumeTrue(GpuRuntime.get().isPresent(), "no CUDA driver or no GPU here");
  }

  @Override
  protected ConformanceBackend backend() {
    GpuBackend gpu = new GpuBackend();
    return new ConformanceBackend() {
      @Override
      public String name() {
        return "cuda (" + GpuRuntime.get().orElseThrow().deviceName() + ")";
      }

      @Override
      public Executable compile(ClosedJaxpr program, String name) {
        return gpu.compile(program);
      }

      @Override
      public Tolerance tolerance(String primitive, DType dtype) {
        return GpuTolerances.of(primitive, dtype);
      }
    };
  }
}
