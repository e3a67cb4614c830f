package org.jaxpresso.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-call CPU time of the dispatch-bound workloads (W8 eager and jit on 4 elements, W1 jit on
 * 1000), measured with the thread's CPU time rather than wall time, so that a machine loaded by
 * other processes does not inflate it. Prints one line per workload: the median and the
 * quartiles, in nanoseconds per call, of {@code rounds} rounds of {@code calls} calls.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp ... org.jaxpresso.benchmarks.DispatchCpuTime 15
 * }</pre>
 */
public final class DispatchCpuTime {
  private DispatchCpuTime() {}

  /**
   * Runs the measurement.
   *
   * @param args optionally the number of rounds (default 15)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    FusedWorkloads w8 = FusedWorkloads.of(new String[] {"W8", "4"});
    FusedWorkloads w1 = FusedWorkloads.of(new String[] {"W1", "1000"});
    String[] names = {"W8 eager", "W8 jit", "W1 1e3 jit", "W1 1e3 eager"};
    Runnable[] bodies = {w8::runEager, w8::runJit, w1::runJit, w1::runEager};
    int[] calls = {200_000, 200_000, 20_000, 5_000};
    List<List<Double>> times = new ArrayList<>();
    for (int k = 0; k < names.length; k++) {
      times.add(new ArrayList<>());
      for (int i = 0; i < calls[k]; i++) {
        bodies[k].run(); // warm up
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < names.length; k++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < calls[k]; i++) {
          bodies[k].run();
        }
        times.get(k).add((mx.getCurrentThreadCpuTime() - t0) / (double) calls[k]);
      }
    }
    for (int k = 0; k < names.length; k++) {
      List<Double> t = times.get(k);
      Collections.sort(t);
      System.out.printf("%-14s median %8.1f ns  (q1 %8.1f, q3 %8.1f)%n", names[k],
          t.get(t.size() / 2), t.get(t.size() / 4), t.get(3 * t.size() / 4));
    }
  }
}
