package org.jaxpresso.runtime.gpu;

import org.jaxpresso.core.backend.Device;
import org.jaxpresso.runtime.gpu.ptx.SimulatedDeviceApi;

/**
 * Control flow on a simulated device (host memory, kernels run by the PTX interpreter): runs
 * in every build.
 */
class SimulatedControlFlowTest extends ControlFlowContract {
  private static final GpuDevice GPU = new GpuDevice(new SimulatedDeviceApi(8 << 20),
      new Device("cuda", 0));

  @Override
  GpuDevice gpu() {
    return GPU;
  }
}
