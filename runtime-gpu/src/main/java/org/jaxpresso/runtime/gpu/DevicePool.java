package org.jaxpresso.runtime.gpu;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A caching allocator of device memory, so that allocation is off the hot path: requests are
 * rounded up to a size class (256 bytes, then four classes per power of two, so at most 25%
 * is wasted), and freed blocks are kept per class for the next request of that class instead
 * of going back to the driver. When the driver is out of memory the pool returns its cached
 * blocks to the driver and retries, then asks the JVM to collect unreachable arrays (whose
 * {@link java.lang.ref.Cleaner} actions give their blocks back) and retries again, and only
 * then throws {@link DeviceOutOfMemoryError}, naming the request and the free memory.
 *
 * <p>Thread-safe: blocks are released from the Cleaner's thread as well.
 */
public final class DevicePool {
  /** The smallest size class, in bytes (also the alignment of every block). */
  static final long MIN_CLASS = 256;
  private static final int GC_ROUNDS = 6;

  private final DeviceApi api;
  private final String deviceName;
  private final Map<Long, ArrayDeque<Long>> cached = new HashMap<>();
  private long cachedBytes;
  private long inUseBytes;
  private long driverAllocations;
  private long driverFrees;
  private long reuses;

  /**
   * A pool over {@code api}'s memory.
   *
   * @param api the device
   * @param deviceName the device as printed, for error messages
   */
  public DevicePool(DeviceApi api, String deviceName) {
    this.api = api;
    this.deviceName = deviceName;
  }

  /**
   * The size class of a request: the bytes actually reserved for it.
   *
   * @param bytes the requested size
   * @return at least {@code bytes}: 256, or the next of four steps between powers of two
   */
  public static long sizeClass(long bytes) {
    if (bytes <= MIN_CLASS) {
      return MIN_CLASS;
    }
    int e = 63 - Long.numberOfLeadingZeros(bytes - 1);
    long step = 1L << (e - 2);
    return (bytes + step - 1) / step * step;
  }

  /**
   * A block of at least {@code bytes}: a cached one of its class if there is one, else new.
   *
   * @param bytes the size needed
   * @return the device address of a block of {@link #sizeClass sizeClass(bytes)} bytes
   * @throws DeviceOutOfMemoryError if the device cannot provide it
   */
  public long allocate(long bytes) {
    long cls = sizeClass(bytes);
    synchronized (this) {
      ArrayDeque<Long> q = cached.get(cls);
      if (q != null && !q.isEmpty()) {
        cachedBytes -= cls;
        inUseBytes += cls;
        reuses++;
        return q.pop();
      }
    }
    long p = api.tryAlloc(cls);
    for (int round = 0; p == 0 && round <= GC_ROUNDS; round++) {
      if (round > 0) {
        // Arrays that became unreachable give their blocks back through the Cleaner.
        System.gc();
        try {
          Thread.sleep(1L << round);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      trim();
      p = api.tryAlloc(cls);
    }
    if (p == 0) {
      long[] info = api.memInfo();
      long held;
      synchronized (this) {
        held = inUseBytes;
      }
      throw new DeviceOutOfMemoryError(deviceName, bytes, info[0], info[1], held);
    }
    synchronized (this) {
      inUseBytes += cls;
      driverAllocations++;
    }
    return p;
  }

  /**
   * Gives a block back to the pool (cached for reuse, not freed).
   *
   * @param ptr the block's address, from {@link #allocate}
   * @param bytes the size it was allocated for (its class is recomputed)
   */
  public synchronized void release(long ptr, long bytes) {
    long cls = sizeClass(bytes);
    cached.computeIfAbsent(cls, c -> new ArrayDeque<>()).push(ptr);
    cachedBytes += cls;
    inUseBytes -= cls;
  }

  /** Returns every cached block to the driver (the live ones stay). */
  public void trim() {
    Map<Long, ArrayDeque<Long>> blocks;
    synchronized (this) {
      blocks = new HashMap<>(cached);
      cached.clear();
      cachedBytes = 0;
    }
    for (ArrayDeque<Long> q : blocks.values()) {
      for (long p : q) {
        api.free(p);
        synchronized (this) {
          driverFrees++;
        }
      }
    }
  }

  /**
   * The pool's counters.
   *
   * @return a snapshot of the counters
   */
  public synchronized Stats stats() {
    return new Stats(inUseBytes, cachedBytes, driverAllocations, driverFrees, reuses);
  }

  /**
   * A snapshot of the pool's counters.
   *
   * @param inUseBytes bytes in blocks handed out and not yet released (by size class)
   * @param cachedBytes bytes in released blocks kept for reuse
   * @param driverAllocations blocks obtained from the driver
   * @param driverFrees blocks returned to the driver
   * @param reuses requests served from the cache
   */
  public record Stats(long inUseBytes, long cachedBytes, long driverAllocations,
      long driverFrees, long reuses) {}
}
