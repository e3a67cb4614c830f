package org.jaxpresso.runtime.gpu;

import java.util.List;
import org.jaxpresso.core.backend.Backend;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.Executable;
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
 * Compiles with the shared compiler pipeline, lowers loop and reduction kernels to PTX ({@link
 * GpuCodegen}) and runs them through the driver API ({@link GpuExecutable}).
 */
public final class GpuBackend implements Backend {
  /** Creates the backend (called by {@link java.util.ServiceLoader}); touches no native code. */
  public GpuBackend() {}

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
    return GpuRuntime.get().isPresent();
  }

  @Override
  public List<Device> devices() {
    return isAvailable() ? List.of(new Device("cuda", 0)) : List.of();
  }

  @Override
  public Executable compile(ClosedJaxpr program) {
    GpuRuntime rt = GpuRuntime.get().orElseThrow(() -> new IllegalStateException(
        "the cuda backend is not available: no CUDA driver or no device"));
    String name = "gpu";
    Dump dump = Dump.forProgram(name);
    CompiledProgram compiled = Compiler.compile(program, name, dump);
    return new GpuExecutable(rt, compiled, GpuCodegen.generate(compiled, dump));
  }

  /**
   * Runs a kernel program as it is (no passes or fusion): how the conformance tests check each
   * generated kernel against the reference executor of the same kernel IR.
   *
   * @param kernels the kernel program to run, unchanged
   * @return an executable running each kernel on the GPU
   * @throws IllegalStateException if no GPU is available
   */
  public static Executable executeKernels(KernelProgram kernels) {
    GpuRuntime rt = GpuRuntime.get().orElseThrow(() -> new IllegalStateException(
        "the cuda backend is not available: no CUDA driver or no device"));
    CompiledProgram p = new CompiledProgram("kernels", null, null, kernels,
        BufferPlanner.plan(kernels));
    return new GpuExecutable(rt, p, GpuCodegen.generate(p, Dump.none()));
  }
}
