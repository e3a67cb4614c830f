package org.jaxpresso.runtime.cpu;

import java.util.List;
import java.util.logging.Logger;
import org.jaxpresso.core.backend.Backend;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;

/**
 * The CPU backend, the default. Today it interprets programs equation by equation
 * ({@link CpuInterpreter}): {@code dot_general} and {@code conv_general_dilated} run on the
 * packed SIMD GEMM kernels ({@link org.jaxpresso.runtime.cpu.kernels.Gemm}), everything else on
 * the primitives' reference implementations; the fusing compiler (SIMD bytecode through
 * {@code jdk.incubator.vector}) plugs in here. It checks once whether the Vector API module is
 * present and, if not, logs one line saying how to enable it; it never fails for its absence.
 */
public final class CpuBackend implements Backend {
  private static final Logger LOG = Logger.getLogger(CpuBackend.class.getName());
  private static final boolean SIMD = detectVectorApi();

  /** Creates the backend (called by {@link java.util.ServiceLoader}). */
  public CpuBackend() {}

  /** Whether {@code jdk.incubator.vector} is available to this JVM. */
  public static boolean simdAvailable() {
    return SIMD;
  }

  private static boolean detectVectorApi() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (!present) {
      LOG.info("jaxpresso: the Vector API module is not enabled, so the CPU backend uses scalar"
          + " code; run java with --add-modules jdk.incubator.vector for SIMD.");
    }
    return present;
  }

  @Override
  public String platform() {
    return "cpu";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public List<Device> devices() {
    return List.of(Device.HOST);
  }

  @Override
  public Executable compile(ClosedJaxpr program) {
    return args -> CpuInterpreter.eval(program, args);
  }
}
