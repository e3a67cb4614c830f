package org.jaxpresso.runtime.cpu.kernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures the float32 FMA peak of this machine from Java: twelve independent FMA chains of
 * {@code FloatVector.SPECIES_PREFERRED} in registers, no memory traffic, on one thread and on
 * every core at once. Each thread's rate is its work over its own CPU time (the time it was
 * scheduled), so other processes on a shared machine do not lower the figure: it is what the
 * cores can do, the floor that benchmarks report the heavy kernels against. The kernels do not
 * depend on it.
 */
public final class PeakFlops {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PeakFlops() {}

  /**
   * The preferred float species, e.g. {@code Species[float, 16, S_512_BIT]}.
   *
   * @return the species' description
   */
  public static String species() {
    return S.toString();
  }

  /**
   * FLOP/s of {@code threads} threads running the FMA loop concurrently (best of three), each
   * thread's rate taken over its CPU time (wall time where the JVM cannot measure that).
   *
   * @param threads the number of threads to run at once
   * @return the best total rate, in float32 FLOP/s
   * @throws InterruptedException if interrupted while waiting for the threads
   */
  public static double measure(int threads) throws InterruptedException {
    for (int w = 0; w < 3; w++) {
      chains(20_000_000L);
    }
    double best = 0;
    for (int round = 0; round < 3; round++) {
      DoubleAdder total = new DoubleAdder();
      Thread[] ts = new Thread[threads];
      for (int t = 0; t < threads; t++) {
        ts[t] = new Thread(() -> {
          long iters = 100_000_000L;
          boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
          long t0 = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
          float sink = chains(iters);
          long t1 = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
          double secs = (t1 - t0) / 1e9;
          total.add(sink == 1234.5f ? 0 : iters * 12.0 * S.length() * 2 / secs);
        });
        ts[t].start();
      }
      for (Thread t : ts) {
        t.join();
      }
      best = Math.max(best, total.sum());
    }
    return best;
  }

  private static float chains(long iters) {
    FloatVector a0 = FloatVector.broadcast(S, 1f);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    FloatVector a4 = a0;
    FloatVector a5 = a0;
    FloatVector a6 = a0;
    FloatVector a7 = a0;
    FloatVector a8 = a0;
    FloatVector a9 = a0;
    FloatVector a10 = a0;
    FloatVector a11 = a0;
    FloatVector x = FloatVector.broadcast(S, 0.999999f);
    FloatVector y = FloatVector.broadcast(S, 1e-7f);
    for (long i = 0; i < iters; i++) {
      a0 = a0.fma(x, y);
      a1 = a1.fma(x, y);
      a2 = a2.fma(x, y);
      a3 = a3.fma(x, y);
      a4 = a4.fma(x, y);
      a5 = a5.fma(x, y);
      a6 = a6.fma(x, y);
      a7 = a7.fma(x, y);
      a8 = a8.fma(x, y);
      a9 = a9.fma(x, y);
      a10 = a10.fma(x, y);
      a11 = a11.fma(x, y);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9)
        .add(a10).add(a11).reduceLanes(VectorOperators.ADD);
  }
}
