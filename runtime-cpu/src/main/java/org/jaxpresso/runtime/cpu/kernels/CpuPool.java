package org.jaxpresso.runtime.cpu.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** The number of threads kernels may use at once. */
  public static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, spread over up to
   * {@link #threads()} threads (the caller among them), and returns when all are done. The
   * first exception thrown by a task is rethrown.
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
    Runnable drain = () -> {
      for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
        body.accept(i);
      }
    };
    List<ForkJoinTask<?>> forked = new ArrayList<>(workers - 1);
    for (int w = 1; w < workers; w++) {
      forked.add(POOL.submit(drain));
    }
    RuntimeException failure = null;
    try {
      drain.run();
    } catch (RuntimeException | Error e) {
      next.set(tasks);
      if (e instanceof Error err) {
        throw err;
      }
      failure = (RuntimeException) e;
    }
    for (ForkJoinTask<?> f : forked) {
      try {
        f.join();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
