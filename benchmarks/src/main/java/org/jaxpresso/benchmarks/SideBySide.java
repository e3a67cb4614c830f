package org.jaxpresso.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.jaxpresso.runtime.cpu.kernels.PeakFlops;

/**
 * The Java half of {@code benchmarks/side_by_side.py}: a warm JVM that answers one command per
 * line on standard input, so the script can alternate NumPy and jaxpresso in one run.
 *
 * <ul>
 *   <li>{@code peak THREADS} prints the measured float32 FMA peak in FLOP/s;
 *   <li>{@code run ID SIZE MODE REPS} (MODE {@code eager} or {@code jit}) runs the workload
 *       REPS times and prints each call's nanoseconds, space-separated;
 *   <li>{@code info} prints the vector species and thread count; {@code quit} ends.
 * </ul>
 */
public final class SideBySide {
  private SideBySide() {}

  /**
   * Serves commands until {@code quit} or end of input.
   *
   * @param args unused; commands come on standard input
   * @throws Exception if standard input fails or a workload throws
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Map<String, HeavyWorkloads> loaded = new HashMap<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] f = line.trim().split("\\s+");
      switch (f[0]) {
        case "quit" -> {
          return;
        }
        case "info" -> out.println(PeakFlops.species() + " simd=" + CpuBackend.simdAvailable()
            + " threads=" + Runtime.getRuntime().availableProcessors());
        case "peak" -> out.println(PeakFlops.measure(Integer.parseInt(f[1])));
        case "run" -> {
          HeavyWorkloads w = loaded.computeIfAbsent(f[1] + " " + f[2],
              k -> HeavyWorkloads.of(f[1], Integer.parseInt(f[2])));
          boolean jit = f[3].equals("jit");
          int reps = Integer.parseInt(f[4]);
          StringJoiner times = new StringJoiner(" ");
          for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            if (jit) {
              w.jit();
            } else {
              w.eager();
            }
            times.add(Long.toString(System.nanoTime() - t0));
          }
          out.println(times);
        }
        default -> out.println("error: unknown command " + line);
      }
    }
  }
}
