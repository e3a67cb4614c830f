package org.jaxpresso.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W8 of BENCHMARKS.md: the per-call cost of {@code x + 1} on a 4-element float32 array, eager
 * (one cached single-primitive program) and through a cached jitted function; and W1 at n =
 * 1000, {@code 2 sin(x) cos(x)} jitted, where that fixed cost is a large part of the call.
 * {@link DispatchCpuTime} measures the same with thread CPU time, for a loaded machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DispatchBench {
  /** Creates the benchmark state; JMH calls this once per fork. */
  public DispatchBench() {}

  private final Array x = Array.of(new float[] {1, 2, 3, 4}, 4);
  private final Function<NDArray, NDArray> addOne = Jax.jit(v -> Lax.add(v, 1.0f));
  private final FusedWorkloads w1 = FusedWorkloads.of(new String[] {"W1", "1000"});

  /**
   * Eager {@code Lax.add(x, 1.0)}.
   *
   * @return the sum, returned so that JMH keeps it alive
   */
  @Benchmark
  public NDArray eagerAdd() {
    return Lax.add(x, 1.0f).blockUntilReady();
  }

  /**
   * A cached jitted {@code x + 1}.
   *
   * @return the sum, returned so that JMH keeps it alive
   */
  @Benchmark
  public NDArray jitAdd() {
    return addOne.apply(x).blockUntilReady();
  }

  /**
   * W1 at n = 1000 through its cached jitted function.
   */
  @Benchmark
  public void jitSinCos1000() {
    w1.runJit();
  }
}
