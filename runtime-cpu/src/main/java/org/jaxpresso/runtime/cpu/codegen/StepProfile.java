package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The opt-in per-kernel profile of compiled CPU programs: with {@code -Djaxpresso.cpu.profile=
 * true} every step's wall time is added to a counter named by its program and kernel, and at
 * JVM exit a table (kernel, how it runs, calls, total and mean time, share of all profiled time)
 * goes to standard error, slowest first. The first {@code jaxpresso.cpu.profileSkip} runs of
 * each kernel (default 20: class loading and JIT warm-up) are not counted. Off by default: then
 * the program loop reads one static final and never calls in here.
 */
final class StepProfile {
  /** Whether profiling is on ({@code jaxpresso.cpu.profile}). */
  static final boolean ON = on(System.getProperty("jaxpresso.cpu.profile"));

  private static final long SKIP = Long.getLong("jaxpresso.cpu.profileSkip", 20);

  private static final ConcurrentHashMap<String, Entry> ENTRIES = new ConcurrentHashMap<>();

  static {
    if (ON) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.print(table())));
    }
  }

  private StepProfile() {}

  private static boolean on(String v) {
    return v != null && switch (v.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      default -> false;
    };
  }

  /** The counters of one kernel. */
  private record Entry(String name, String how, LongAdder seen, LongAdder calls,
      LongAdder nanos) {}

  /** Adds one run of {@code nanos} to the kernel {@code name} (which runs as {@code how}). */
  static void record(String name, String how, long nanos) {
    Entry e = ENTRIES.computeIfAbsent(name,
        k -> new Entry(k, how, new LongAdder(), new LongAdder(), new LongAdder()));
    e.seen.increment();
    if (e.seen.sum() <= SKIP) {
      return;
    }
    e.calls.increment();
    e.nanos.add(nanos);
  }

  /** The profile so far, slowest kernel first. */
  static String table() {
    List<Entry> all = new ArrayList<>(ENTRIES.values());
    all.sort(Comparator.comparingLong((Entry e) -> e.nanos.sum()).reversed());
    long total = 0;
    for (Entry e : all) {
      total += e.nanos.sum();
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "jaxpresso.cpu.profile: %.3f ms in %d kernels%n%8s %6s %10s %10s  %s%n",
        total / 1e6, all.size(), "calls", "share", "total ms", "mean us", "kernel (how)"));
    for (Entry e : all) {
      long n = e.nanos.sum();
      long c = e.calls.sum();
      sb.append(String.format(Locale.ROOT, "%8d %5.1f%% %10.3f %10.2f  %s (%s)%n", c,
          100.0 * n / Math.max(1, total), n / 1e6, n / 1e3 / Math.max(1, c), e.name, e.how));
    }
    return sb.toString();
  }
}
