package org.jaxpresso.runtime.cpu.codegen;

import org.jaxpresso.runtime.cpu.kernels.CpuPool;

/**
 * When generated kernels split their index space over {@link CpuPool}. Below {@link
 * #MIN_POINTS} points a kernel stays on the calling thread: handing work to the pool costs
 * 4-10 microseconds (measured with W1), while a W1 point costs about 0.85 ns on one core, so
 * splitting pays from roughly 2^15 points on an idle machine; the measurements and their
 * caveats are in docs/flags.md. The property {@code jaxpresso.cpu.parallelMin} overrides the
 * threshold (0 splits everything; a huge value disables splitting).
 */
final class Parallelism {
  /** The smallest index space that is split. */
  static final long MIN_POINTS = Long.getLong("jaxpresso.cpu.parallelMin", 1L << 16);

  private Parallelism() {}

  /** The number of tasks for {@code points} points (1: run on the caller). */
  static int tasks(long points) {
    if (points < MIN_POINTS || CpuPool.threads() == 1) {
      return 1;
    }
    long byWork = points / Math.max(1, MIN_POINTS / 4);
    return (int) Math.max(1, Math.min(CpuPool.threads() * 4L, byWork));
  }
}
