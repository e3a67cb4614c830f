package org.jaxpresso.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.lax.Lax;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9's control-flow workload: {@code jit(u -> fori_loop(0, 1000, heat_step, u))} on
 * 100,000 float32, where {@code heat_step} is the explicit 1-D heat-equation update {@code
 * u[1:-1] + r * (u[2:] - 2 u[1:-1] + u[:-2])} with fixed ends (Lax slices and a concatenate).
 * The loop is a {@code scan} equation; the CPU backend compiles it to a generated loop class
 * calling the body's fused kernels (ADR 0013).
 * As a JMH benchmark, and as the Java half of {@code benchmarks/heat_side_by_side.py} ({@link
 * #main}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
public class HeatBench {
  /** Creates the benchmark state; JMH calls this once per fork. */
  public HeatBench() {}

  /** Grid points. */
  static final int N = 100_000;

  /** Time steps per call. */
  static final int STEPS = 1000;

  /** The diffusion number {@code alpha dt / dx^2} (stable below 0.5). */
  static final float R = 0.25f;

  private Array u0;
  private Function<NDArray, NDArray> solve;
  private ClosedJaxpr program;

  /** Builds the initial condition and the jitted solver, and runs it once. */
  @Setup
  public void setup() {
    float[] u = new float[N];
    for (int i = 0; i < N; i++) {
      double x = (double) i / (N - 1);
      u[i] = (float) (Math.sin(Math.PI * x) + 0.5 * Math.sin(40 * Math.PI * x));
    }
    u0 = Array.of(u, N);
    Function<NDArray, NDArray> f =
        v -> Lax.foriLoop(0, STEPS, (NDArray i, NDArray w) -> heatStep(w), v);
    solve = Jax.jit(f);
    program = Jax.makeJaxpr(f).apply(u0);
    solve.apply(u0);
  }

  /** One explicit step: interior {@code u[1:-1] + R (u[2:] - 2 u[1:-1] + u[:-2])}, ends fixed. */
  static NDArray heatStep(NDArray u) {
    int n = u.shape()[0];
    NDArray mid = Lax.slice(u, new int[] {1}, new int[] {n - 1});
    NDArray right = Lax.slice(u, new int[] {2}, new int[] {n});
    NDArray left = Lax.slice(u, new int[] {0}, new int[] {n - 2});
    NDArray lap = Lax.add(Lax.sub(right, Lax.mul(mid, 2.0f)), left);
    NDArray inner = Lax.add(mid, Lax.mul(lap, R));
    return Lax.concatenate(0, Lax.slice(u, new int[] {0}, new int[] {1}), inner,
        Lax.slice(u, new int[] {n - 1}, new int[] {n}));
  }

  /**
   * The 1000-step solve, jitted (the compiled control-flow path).
   *
   * @return the final temperature
   */
  @Benchmark
  public NDArray solve() {
    return solve.apply(u0).blockUntilReady();
  }

  /**
   * The same program on the primitives' reference implementations ({@link JaxprInterpreter}:
   * the scan's body interpreted equation by equation every step), which is how the CPU
   * backend ran loops before it compiled their bodies.
   *
   * @return the final temperature
   */
  public NDArray solveReference() {
    return JaxprInterpreter.eval(program, List.of(u0)).get(0);
  }

  /**
   * Serves {@code benchmarks/heat_side_by_side.py}: {@code dump FILE} writes the initial and
   * final temperature of the jitted solve (and of the reference path) to an {@code .npz};
   * {@code run REPS} times REPS jitted solves and {@code ref REPS} REPS reference solves,
   * printing each one's nanoseconds; {@code quit} ends.
   *
   * @param args unused; commands come on standard input
   * @throws Exception if standard input or the {@code .npz} file fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    HeatBench b = new HeatBench();
    b.setup();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] f = line.trim().split("\\s+");
      switch (f[0]) {
        case "quit" -> {
          return;
        }
        case "dump" -> {
          java.util.Map<String, Array> arrays = new java.util.LinkedHashMap<>();
          arrays.put("u0", b.u0);
          arrays.put("u", (Array) b.solve());
          arrays.put("uref", (Array) b.solveReference());
          try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(
              java.nio.file.Path.of(f[1]))) {
            org.jaxpresso.core.io.Npy.writeNpz(arrays, o);
          }
          out.println("ok");
        }
        case "run", "ref" -> {
          int reps = Integer.parseInt(f[1]);
          boolean ref = f[0].equals("ref");
          StringJoiner times = new StringJoiner(" ");
          for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            if (ref) {
              b.solveReference();
            } else {
              b.solve();
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
