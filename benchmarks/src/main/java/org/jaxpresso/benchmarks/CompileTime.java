package org.jaxpresso.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.numpy.Jnp;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;

/**
 * C1 of BENCHMARKS.md: the compile time of {@code tanh(x @ y) + 1}, first in a fresh JVM and then
 * warm (targets 50 ms and 3 ms). Run it in a new JVM each time ({@code java --add-modules
 * jdk.incubator.vector -cp ... org.jaxpresso.benchmarks.CompileTime [rounds]}); it prints:
 *
 * <ul>
 *   <li>{@code fresh}: the first jitted call, tracing + compiling + running (the JVM's own class
 *       loading and interpretation of jaxpresso included, as a user sees it);
 *   <li>{@code warm}: after {@code rounds} different shapes have been compiled, the median and
 *       quartiles of a whole first call at a new shape, and of its phases: tracing ({@link
 *       Jax#makeJaxpr}), the front end ({@link Compiler#compile}: passes, fusion, kernel IR,
 *       buffer plan) and the CPU back end ({@link CpuProgram#compile}, which runs the front end
 *       again and then generates and defines the kernel classes).
 * </ul>
 *
 * <p>Warm figures are the calling thread's CPU time ({@link ThreadMXBean}), which other
 * processes' load does not inflate the way it does wall time on the shared machine.
 */
public final class CompileTime {
  private CompileTime() {}

  /**
   * Measures and prints C1.
   *
   * @param args optionally the number of warm rounds (default 200)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    BiFunction<NDArray, NDArray, NDArray> f = (x, y) -> Jnp.add(Jnp.tanh(Jnp.matmul(x, y)), 1f);
    Random rnd = new Random(1);
    long t0 = System.nanoTime();
    long c0 = cpu();
    Jax.jit(f).apply(random(rnd, 8, 8), random(rnd, 8, 8)).blockUntilReady();
    long fresh = System.nanoTime() - t0;
    long freshCpu = cpu() - c0;
    System.out.printf("fresh JVM, first call (trace + compile + run): %.1f ms wall, %.1f ms CPU of"
        + " the calling thread (simd=%s)%n", fresh / 1e6, freshCpu / 1e6,
        CpuBackend.simdAvailable());
    double[] call = new double[rounds];
    double[] trace = new double[rounds];
    double[] front = new double[rounds];
    double[] back = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      // A new shape each round: a cache miss, so a full trace and compile.
      int m = 9 + r;
      Array x = random(rnd, m, 16);
      Array y = random(rnd, 16, 12);
      long a = cpu();
      Jax.jit(f).apply(x, y).blockUntilReady();
      long b = cpu();
      ClosedJaxpr p = Jax.makeJaxpr(f).apply(x, y);
      long c = cpu();
      Compiler.compile(p, "c1");
      long d = cpu();
      CpuProgram.compile(p, "c1", CpuBackend.simdAvailable());
      long e = cpu();
      call[r] = (b - a) / 1e6;
      trace[r] = (c - b) / 1e6;
      front[r] = (d - c) / 1e6;
      back[r] = (e - d) / 1e6;
    }
    List<String> rows = new ArrayList<>();
    rows.add(row("warm first call at a new shape", call));
    rows.add(row("  tracing (makeJaxpr)", trace));
    rows.add(row("  front end (Compiler.compile)", front));
    rows.add(row("  CpuProgram.compile (front end + codegen)", back));
    System.out.println("warm, last half of " + rounds + " rounds, ms of the calling thread's CPU"
        + " time, median (quartiles):");
    rows.forEach(System.out::println);
  }

  /** The calling thread's CPU time: robust to other processes' load, unlike wall time. */
  private static long cpu() {
    return MX.getCurrentThreadCpuTime();
  }

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private static String row(String what, double[] ms) {
    double[] s = Arrays.copyOfRange(ms, ms.length / 2, ms.length);
    Arrays.sort(s);
    return String.format("%-44s %.3f (%.3f-%.3f)", what, s[s.length / 2], s[s.length / 4],
        s[3 * s.length / 4]);
  }

  private static Array random(Random rnd, int rows, int cols) {
    return HeavyWorkloads.random(rnd, rows, cols);
  }
}
