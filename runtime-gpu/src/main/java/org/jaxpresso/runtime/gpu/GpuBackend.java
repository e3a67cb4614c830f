package org.jaxpresso.runtime.gpu;

import java.util.List;
import org.jaxpresso.core.backend.Backend;
import org.jaxpresso.core.backend.Buffer;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * The CUDA backend (platform {@code cuda}, priority 200, above the CPU's 100). Available only
 * where libcuda loads, {@code cuInit} succeeds and a device exists; elsewhere {@link
 * #isAvailable()} is false and {@link org.jaxpresso.core.backend.Backends} never picks it.
 * Compiles with the shared compiler pipeline (after {@link GpuLowering} puts products and
 * convolutions in cuBLAS's form), lowers loop and reduction kernels to PTX ({@link
 * GpuCodegen}) and runs them on its {@link GpuDevice} ({@link GpuExecutable}); results stay in
 * device memory ({@link GpuBuffer}) until read on the host.
 */
public final class GpuBackend implements Backend {
  private final GpuDevice fixed;

  /** Creates the backend (called by {@link java.util.ServiceLoader}); touches no native code. */
  public GpuBackend() {
    this.fixed = null;
  }

  private GpuBackend(GpuDevice device) {
    this.fixed = device;
  }

  /**
   * A backend running on the given device rather than the CUDA driver's device 0: how the
   * tests run the device-memory logic on a simulated device (host memory, interpreted PTX).
   *
   * @param device the device
   * @return a backend whose only device is {@code device.device()}
   */
  public static GpuBackend on(GpuDevice device) {
    return new GpuBackend(device);
  }

  @Override
  public String platform() {
    return "cuda";
  }

  @Override
  public int priority() {
    return 200;
  }

  @Override
  public boolean isAvailable() {
    return fixed != null || GpuRuntime.get().isPresent();
  }

  @Override
  public List<Device> devices() {
    return isAvailable() ? List.of(gpu().device()) : List.of();
  }

  /**
   * The device this backend runs on.
   *
   * @return the device
   * @throws IllegalStateException if no GPU is available
   */
  public GpuDevice gpu() {
    if (fixed != null) {
      return fixed;
    }
    return GpuRuntime.get().orElseThrow(() -> new IllegalStateException(
        "the cuda backend is not available: " + GpuRuntime.unavailableReason())).device();
  }

  @Override
  public Executable compile(ClosedJaxpr program) {
    GpuDevice dev = gpu();
    String name = "gpu";
    Dump dump = Dump.forProgram(name);
    CompiledProgram compiled = Compiler.compile(GpuLowering.lower(program), name, dump);
    return new GpuExecutable(dev, compiled, GpuCodegen.generate(compiled, dump));
  }

  /** Uploads the data to this backend's device (one counted copy). */
  @Override
  public Buffer put(HostBuffer data, Device device) {
    GpuDevice dev = gpu();
    if (!dev.device().equals(device)) {
      throw new IllegalArgumentException("the cuda backend has no device " + device
          + "; it has " + dev.device());
    }
    return dev.upload(data);
  }

  /**
   * Runs a kernel program as it is (no passes or fusion): how the conformance tests check each
   * generated kernel against the reference executor of the same kernel IR.
   *
   * @param kernels the kernel program to run, unchanged
   * @return an executable running each kernel on the GPU
   * @throws IllegalStateException if no GPU is available
   */
  public Executable executeKernels(KernelProgram kernels) {
    CompiledProgram p = new CompiledProgram("kernels", null, null, kernels,
        BufferPlanner.plan(kernels));
    return new GpuExecutable(gpu(), p, GpuCodegen.generate(p, Dump.none()));
  }
}
