package org.jaxpresso.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jaxpresso.core.NDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W4 and W6 of BENCHMARKS.md: float32 matmul at 256, 1024 and 2048, the batched 64 x
 * (128x128) matmul and the conv2d (NCHW, batch 8, 64 to 64 channels, 56x56, 3x3, SAME), each
 * eager and jitted. Run with {@code benchmarks/run-jmh.sh HeavyBench}; the side-by-side table
 * against NumPy comes from {@code benchmarks/side_by_side.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class HeavyBench {
  /** Creates the benchmark state; JMH calls this once per fork. */
  public HeavyBench() {}

  /** Workload id and size: {@code W4:n} (n x n matmul), {@code W4b:64}, {@code W6:8}. */
  @Param({"W4:256", "W4:1024", "W4:2048", "W4b:64", "W6:8"})
  public String workload;

  private HeavyWorkloads w;

  /** Makes the operands and warms the jit cache. */
  @Setup
  public void setup() {
    String[] parts = workload.split(":");
    w = HeavyWorkloads.of(parts[0], Integer.parseInt(parts[1]));
    w.jit();
  }

  /**
   * The eager call (one cached single-primitive program).
   *
   * @return the workload's result
   */
  @Benchmark
  public NDArray eager() {
    return w.eager();
  }

  /**
   * The jitted call.
   *
   * @return the workload's result
   */
  @Benchmark
  public NDArray jit() {
    return w.jit();
  }
}
