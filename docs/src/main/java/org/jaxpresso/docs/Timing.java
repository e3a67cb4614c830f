package org.jaxpresso.docs;

import java.util.Arrays;
import java.util.function.Supplier;
import org.jaxpresso.core.NDArray;

/**
 * A small stand-in for the notebook's {@code %timeit}: runs a computation a few times to warm
 * up, then times repeated runs (each waits for its result with
 * {@link NDArray#blockUntilReady()}) and reports the median. For real measurements use the
 * JMH benchmarks in the {@code benchmarks} module.
 *
 * <pre>{@code
 * double micros = Timing.medianMicros(() -> normCompiled.apply(X), 3, 15);
 * }</pre>
 */
public final class Timing {
  private Timing() {}

  /**
   * The median wall time of {@code runs} calls of {@code body}, in microseconds, after
   * {@code warmups} untimed calls.
   *
   * @param body the computation; its result is waited for
   * @param warmups how many untimed calls come first
   * @param runs how many timed calls the median is taken over
   * @return the median, in microseconds
   * @throws IllegalArgumentException if {@code runs < 1} or {@code warmups < 0}
   */
  public static double medianMicros(Supplier<? extends NDArray> body, int warmups, int runs) {
    if (runs < 1 || warmups < 0) {
      throw new IllegalArgumentException(
          "medianMicros needs runs >= 1 and warmups >= 0, got runs=" + runs + ", warmups="
              + warmups);
    }
    for (int i = 0; i < warmups; i++) {
      body.get().blockUntilReady();
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      body.get().blockUntilReady();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    double median = runs % 2 == 1
        ? nanos[runs / 2]
        : (nanos[runs / 2 - 1] + nanos[runs / 2]) / 2.0;
    return median / 1000.0;
  }

  /**
   * A duration as {@code %timeit} writes it, in 3 significant digits ({@code 812 µs},
   * {@code 3.10 ms}).
   *
   * @param micros the duration in microseconds
   * @return the text
   */
  public static String format(double micros) {
    // thresholds at what rounds to 1000 in 3 digits, so that no unit shows "1.00e+03"
    if (micros >= 999_500) {
      return String.format(java.util.Locale.ROOT, "%.3g s", micros / 1_000_000);
    }
    if (micros >= 999.5) {
      return String.format(java.util.Locale.ROOT, "%.3g ms", micros / 1000);
    }
    return String.format(java.util.Locale.ROOT, "%.3g µs", micros);
  }
}
