package org.jaxpresso.benchmarks;

import java.util.concurrent.TimeUnit;
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
 * W1 ({@code 2 sin(x) cos(x)}) and W7 (the 10-op chain) of BENCHMARKS.md through cached jitted
 * functions, the same workloads as {@code side_by_side_fused.py} ({@link FusedWorkloads}). Run
 * with {@code benchmarks/run-jmh.sh FusedBench}; compare with NumPy through the side-by-side
 * script, which alternates both in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FusedBench {
  /** Creates the benchmark state; JMH calls this once per fork. */
  public FusedBench() {}

  /** The workload and size, as {@link FusedWorkloads#of} reads it. */
  @Param({"W1 1000", "W1 1000000", "W1 10000000", "W7 10000000"})
  public String workload;

  private FusedWorkloads w;

  /** Makes the inputs and the jitted function once per trial. */
  @Setup
  public void setup() {
    w = FusedWorkloads.of(workload.split(" "));
  }

  /** One jitted call, waiting for its result. */
  @Benchmark
  public void jit() {
    w.runJit();
  }
}
