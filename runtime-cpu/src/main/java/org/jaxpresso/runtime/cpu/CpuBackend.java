package org.jaxpresso.runtime.cpu;

import java.util.List;
import java.util.logging.Logger;
import org.jaxpresso.core.backend.Backend;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.jit.JitPrimitive;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;

/**
 * The CPU backend, the default. Programs (jitted ones, and the one-equation programs of eager
 * ops) go through the compiler front end and then {@link CpuProgram}: fused loops and
 * reductions become generated SIMD bytecode ({@code jdk.incubator.vector}), {@code dot_general}
 * and {@code conv_general_dilated} run on the packed GEMM kernels ({@link
 * org.jaxpresso.runtime.cpu.kernels.Gemm}), other library kernels on the primitives' reference
 * implementations. It checks once whether the Vector API module is
 * present and, if not, logs one line saying how to enable it; it never fails for its absence.
 */
public final class CpuBackend implements Backend {
  private static final Logger LOG = Logger.getLogger(CpuBackend.class.getName());
  private static final boolean SIMD = detectVectorApi();

  /** Creates the backend (called by {@link java.util.ServiceLoader}). */
  public CpuBackend() {}

  /**
   * Whether {@code jdk.incubator.vector} is available to this JVM.
   *
   * @return {@code true} when the SIMD kernels can run
   */
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

  /**
   * Compiles {@code program}: the front end's passes, fusion, kernel IR and buffer plan, then
   * one generated hidden class per loop or reduction kernel (see {@link CpuProgram}).
   */
  @Override
  public Executable compile(ClosedJaxpr program) {
    return CpuProgram.compile(program, programName(program), SIMD);
  }

  /** A program's name for dumps and class files: its single equation's primitive or jit name. */
  static String programName(ClosedJaxpr program) {
    List<Eqn> eqns = program.jaxpr().eqns();
    if (eqns.size() == 1) {
      Eqn e = eqns.get(0);
      if (e.primitive() == JitPrimitive.JIT && e.params().has("name")) {
        return String.valueOf(e.params().get("name"));
      }
      return e.primitive().name();
    }
    return "program";
  }
}
