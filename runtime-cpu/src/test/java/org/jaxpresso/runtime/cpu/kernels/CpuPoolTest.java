package org.jaxpresso.runtime.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CpuPoolTest {
  @Test
  void everyTaskRunsExactlyOnceAndNestingRunsInline() {
    for (int tasks : new int[] {0, 1, 2, 3, 17, 1000}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
      AtomicInteger nested = new AtomicInteger();
      CpuPool.parallelFor(tasks, i -> {
        runs.incrementAndGet(i);
        CpuPool.parallelFor(3, j -> nested.incrementAndGet());
      });
      for (int i = 0; i < tasks; i++) {
        assertEquals(1, runs.get(i), "task " + i + " of " + tasks);
      }
      assertEquals(3 * tasks, nested.get());
    }
  }

  @Test
  void theFirstFailureIsRethrownAndStopsTheRest() {
    IllegalStateException boom = new IllegalStateException("boom");
    AtomicInteger started = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CpuPool.parallelFor(10_000, i -> {
          started.incrementAndGet();
          if (i == 3) {
            throw boom;
          }
          // Slow tasks, so that the outcome does not depend on how busy the machine is: without
          // the stop, 10,000 of them would all start (about 10 s of sleeping over the pool).
          try {
            Thread.sleep(1);
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
          }
        }));
    assertSame(boom, e);
    // Tasks already handed out may finish; the rest never start.
    assertEquals(true, started.get() < 10_000, "started " + started.get());
    CpuPool.parallelFor(4, i -> { });
  }
}
