package org.jaxpresso.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.jaxpresso.runtime.cpu.CpuBackend;

/**
 * The Java half of {@code benchmarks/side_by_side_fused.py} (W1, W2, W3, W7, W8, W9) and of
 * {@code benchmarks/reductions_side_by_side.py} (R1-R5, {@link ReductionWorkloads}): a warm JVM
 * answering one command per line on standard input.
 *
 * <ul>
 *   <li>{@code run MODE REPS INNER ID ARGS...} (MODE {@code eager} or {@code jit}) runs the
 *       workload {@code REPS x INNER} times and prints, per rep, the nanoseconds of one call
 *       (the rep's time divided by {@code INNER}), space-separated;
 *   <li>{@code info} prints the SIMD state and thread count; {@code quit} ends.
 * </ul>
 */
public final class SideBySideFused {
  private SideBySideFused() {}

  /**
   * Serves commands until {@code quit} or end of input.
   *
   * @param args unused
   * @throws Exception if standard input or output fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Map<String, FusedWorkloads> loaded = new HashMap<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] f = line.trim().split("\\s+");
      try {
        switch (f[0]) {
          case "quit" -> {
            return;
          }
          case "info" -> out.println("simd=" + CpuBackend.simdAvailable() + " threads="
              + Runtime.getRuntime().availableProcessors());
          case "run" -> {
            String[] spec = Arrays.copyOfRange(f, 4, f.length);
            FusedWorkloads w = loaded.computeIfAbsent(String.join(" ", spec),
                k -> spec[0].startsWith("R") ? ReductionWorkloads.of(spec)
                    : FusedWorkloads.of(spec));
            boolean jit = f[1].equals("jit");
            int reps = Integer.parseInt(f[2]);
            int inner = Integer.parseInt(f[3]);
            StringJoiner times = new StringJoiner(" ");
            for (int r = 0; r < reps; r++) {
              long t0 = System.nanoTime();
              for (int i = 0; i < inner; i++) {
                if (jit) {
                  w.runJit();
                } else {
                  w.runEager();
                }
              }
              times.add(Long.toString((System.nanoTime() - t0) / inner));
            }
            out.println(times);
          }
          default -> out.println("error: unknown command " + line);
        }
      } catch (RuntimeException e) {
        out.println("error: " + e);
      }
    }
  }
}
