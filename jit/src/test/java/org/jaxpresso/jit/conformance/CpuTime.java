package org.jaxpresso.jit.conformance;

import java.lang.management.ManagementFactory;

/**
 * The process's CPU time for the suites' summary lines (the build machine is shared, so wall
 * time says little); wall time where the runtime lacks {@code jdk.management}.
 */
public final class CpuTime {
  private CpuTime() {}

  /**
   * CPU nanoseconds used by this process so far (every thread: the JIT compiles the generated
   * classes on threads of its own), or wall nanoseconds without {@code jdk.management}.
   *
   * @return a nanosecond clock
   */
  public static long nanos() {
    try {
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        return os.getProcessCpuTime();
      }
    } catch (LinkageError e) {
      // A runtime without jdk.management or java.management.
    }
    return System.nanoTime();
  }
}
