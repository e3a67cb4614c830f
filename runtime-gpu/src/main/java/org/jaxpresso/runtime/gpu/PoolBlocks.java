package org.jaxpresso.runtime.gpu;

import java.util.Arrays;

/**
 * The pool blocks a call holds, as (address, bytes) pairs, given back to the {@link DevicePool}
 * together when the call has issued its work (the device runs work in order, so a block
 * released after a launch is reused only by later work). Not thread-safe: one per call.
 */
final class PoolBlocks {
  private final DevicePool pool;
  private long[] ptr = new long[8];
  private long[] bytes = new long[8];
  private int n;

  /** Blocks of {@code pool}. */
  PoolBlocks(DevicePool pool) {
    this.pool = pool;
  }

  /** Allocates a block of at least {@code size} bytes from the pool and holds it. */
  long allocate(long size) {
    long p = pool.allocate(size);
    add(p, size);
    return p;
  }

  /** Holds a block allocated elsewhere from the pool. */
  void add(long p, long size) {
    if (n == ptr.length) {
      ptr = Arrays.copyOf(ptr, 2 * n);
      bytes = Arrays.copyOf(bytes, 2 * n);
    }
    ptr[n] = p;
    bytes[n++] = size;
  }

  /** Forgets the block at {@code p} (its ownership moved to a result). */
  void remove(long p) {
    int i = indexOf(p);
    if (i >= 0) {
      ptr[i] = ptr[--n];
      bytes[i] = bytes[n];
    }
  }

  /** Gives the block at {@code p} back to the pool now (it must be held). */
  void release(long p) {
    int i = indexOf(p);
    if (i < 0) {
      throw new IllegalStateException("device block " + p + " is not held by this call");
    }
    long size = bytes[i];
    ptr[i] = ptr[--n];
    bytes[i] = bytes[n];
    pool.release(p, size);
  }

  /** Gives every held block back to the pool. */
  void releaseAll() {
    for (int i = 0; i < n; i++) {
      pool.release(ptr[i], bytes[i]);
    }
    n = 0;
  }

  private int indexOf(long p) {
    for (int i = n - 1; i >= 0; i--) {
      if (ptr[i] == p) {
        return i;
      }
    }
    return -1;
  }
}
