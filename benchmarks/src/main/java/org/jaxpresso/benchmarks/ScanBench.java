package org.jaxpresso.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;

/**
 * Scan-heavy workloads of the CPU backend's compiled control flow (ADR 0013), the Java half of
 * {@code benchmarks/scan_side_by_side.py}: {@code cumsum}, a cumulative {@code scan} over 1,000
 * rows of 10,000 float32 (carry {@code c + x}, each {@code y} the new carry), and {@code nested},
 * a 2,000-step {@code scan} over rows of 64 float32 whose body runs a 4-step {@code fori_loop}
 * and a {@code cond} (frames of nested control flow made per outer call, not per step).
 */
public final class ScanBench {
  private ScanBench() {}

  /** The cumulative scan: {@code (carry, ys)} over {@code xs} of shape {@code [1000, 10000]}. */
  static Function<NDArray, List<NDArray>> cumsum() {
    return xs -> {
      NDArray c0 = Lax.mul(Lax.reduceSum(xs, 0), 0.0f);
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray c, NDArray x) -> {
        NDArray n = Lax.add(c, x);
        return new Lax.Step<>(n, n);
      }, c0, xs);
      return List.of(s.carry(), s.y());
    };
  }

  /** The nested workload over {@code xs} of shape {@code [2000, 64]}. */
  static Function<NDArray, List<NDArray>> nested() {
    return xs -> {
      NDArray c0 = Lax.mul(Lax.reduceSum(xs, 0), 0.0f);
      Lax.Step<NDArray, NDArray> s = Lax.scan((NDArray c, NDArray x) -> {
        NDArray inner = Lax.foriLoop(0, 4,
            (NDArray i, NDArray v) -> Lax.add(Lax.mul(v, 0.5f), x), c);
        NDArray n = Lax.cond(Lax.gt(Lax.reduceSum(x, 0), 0.0f),
            (NDArray v) -> Lax.add(v, 1.0f), (NDArray v) -> Lax.sub(v, 1.0f), inner);
        return new Lax.Step<>(n, Lax.mul(n, 2.0f));
      }, c0, xs);
      return List.of(s.carry(), s.y());
    };
  }

  static Array rows(int n, int m) {
    float[] v = new float[n * m];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (((i * 7919L) % 400) / 100.0 - 2.0);
    }
    return Array.of(v, n, m);
  }

  /**
   * {@code run NAME REPS} times REPS calls of workload NAME ({@code cumsum} or {@code nested}),
   * printing each one's nanoseconds; {@code alloc NAME REPS} prints the fewest bytes the
   * calling thread allocated in one of REPS calls (load-independent, unlike times); {@code check
   * NAME} prints a checksum; {@code quit} ends.
   *
   * @param args unused; commands come on standard input
   * @throws Exception if standard input fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Function<NDArray, List<NDArray>> cum = Jax.jit(cumsum());
    Function<NDArray, List<NDArray>> nest = Jax.jit(nested());
    Array a = rows(1000, 10_000);
    Array b = rows(2000, 64);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] f = line.trim().split("\\s+");
      if (f[0].equals("quit")) {
        return;
      }
      Function<NDArray, List<NDArray>> fn = f[1].equals("cumsum") ? cum : nest;
      Array arg = f[1].equals("cumsum") ? a : b;
      if (f[0].equals("check")) {
        List<NDArray> r = fn.apply(arg);
        double sum = 0;
        for (NDArray x : r) {
          for (float v : ((Array) x).toFloatArray()) {
            sum += v;
          }
        }
        out.println(sum);
        continue;
      }
      int reps = Integer.parseInt(f[2]);
      if (f[0].equals("alloc")) {
        var mx = (com.sun.management.ThreadMXBean)
            java.lang.management.ManagementFactory.getThreadMXBean();
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
          long b0 = mx.getCurrentThreadAllocatedBytes();
          fn.apply(arg).forEach(NDArray::blockUntilReady);
          fewest = Math.min(fewest, mx.getCurrentThreadAllocatedBytes() - b0);
        }
        out.println(fewest);
        continue;
      }
      StringJoiner times = new StringJoiner(" ");
      for (int i = 0; i < reps; i++) {
        long t0 = System.nanoTime();
        fn.apply(arg).forEach(NDArray::blockUntilReady);
        times.add(Long.toString(System.nanoTime() - t0));
      }
      out.println(times);
    }
  }
}
