package org.jaxpresso.runtime.cpu.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The CPU backend's shared worker pool: one {@link ForkJoinPool} of daemon threads, one per
 * available processor, used by every parallel kernel. {@link #parallelFor} runs task indices on
 * the pool and on the calling thread together; a call made from inside the pool runs inline, so
 * kernels may nest without deadlock or oversubscription.
 */
public final class CpuPool {
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ForkJoinPool POOL = new ForkJoinPool(THREADS, pool -> {
    ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
    t.setDaemon(true);
    t.setName("jaxpresso-cpu-" + t.getPoolIndex());
    return t;
  }, null, false);

  private CpuPool() {}

  /**
   * The number of threads kernels may use at once.
   *
   * @return the pool's parallelism, at least 1
   */
  public static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, spread over up to
   * {@link #threads()} threads (the caller among them), and returns when all are done. Tasks
   * are handed out one at a time, so a helper thread that wakes late finds the work done and
   * costs the caller nothing. After the first exception thrown by a task no further task
   * starts, and that exception is rethrown.
   *
   * @param tasks the number of tasks; none run when it is not positive
   * @param body the task, given its index
   */
  public static void parallelFor(int tasks, IntConsumer body) {
    if (tasks <= 0) {
      return;
    }
    boolean inPool = Thread.currentThread() instanceof ForkJoinWorkerThread w
        && w.getPool() == POOL;
    int workers = Math.min(tasks, THREADS);
    if (workers == 1 || inPool) {
      for (int i = 0; i < tasks; i++) {
        body.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger remaining = new AtomicInteger(tasks);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = Thread.currentThread();
    Runnable drain = () -> {
      for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
        try {
          body.accept(i);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          // Stop handing out tasks; count the ones nobody will run as done.
          int left = tasks - Math.min(tasks, next.getAndSet(tasks));
          if (remaining.addAndGet(-left) == 0) {
            LockSupport.unpark(caller);
          }
        } finally {
          if (remaining.decrementAndGet() == 0) {
            LockSupport.unpark(caller);
          }
        }
      }
    };
    for (int w = 1; w < workers; w++) {
      POOL.execute(drain);
    }
    drain.run();
    // Wait only for tasks already running elsewhere; a helper that starts late finds none left.
    int spins = 0;
    while (remaining.get() > 0) {
      if (spins++ < 2000) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(20_000L);
      }
    }
    Throwable e = failure.get();
    if (e instanceof RuntimeException re) {
      throw re;
    }
    if (e instanceof Error err) {
      throw err;
    }
    if (e != null) {
      throw new IllegalStateException(e);
    }
  }
}
