package org.jaxpresso.runtime.gpu;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.DeviceBuffer;
import org.jaxpresso.core.backend.HostBuffer;

/**
 * An array's data in GPU memory: a handle on a reference-counted block of a {@link
 * GpuDevice}'s pool. The block goes back to the pool when every handle on it has been
 * deleted or has become unreachable (a {@link Cleaner} action per handle). Reading it on the
 * host copies it once; the copy is kept with the block, so every handle sharing the block
 * reuses it.
 */
public final class GpuBuffer implements DeviceBuffer {
  /** The shared block: its address, its reference count and its host copy once read. */
  static final class Memory {
    private final GpuDevice dev;
    private final long ptr;
    private final long blockBytes;
    private final AtomicInteger refs = new AtomicInteger(1);
    private volatile HostBuffer host;

    Memory(GpuDevice dev, long ptr, long blockBytes) {
      this.dev = dev;
      this.ptr = ptr;
      this.blockBytes = blockBytes;
    }

    void retain() {
      refs.incrementAndGet();
    }

    /** Drops one reference; the last one gives the block back to the pool. */
    void release() {
      if (refs.decrementAndGet() == 0) {
        host = null;
        dev.pool().release(ptr, blockBytes);
      }
    }
  }

  private final GpuDevice dev;
  private final Memory mem;
  private final DType dtype;
  private final int length;
  private final Cleaner.Cleanable cleanable;
  private volatile boolean deleted;

  GpuBuffer(GpuDevice dev, Memory mem, DType dtype, int length) {
    this.dev = dev;
    this.mem = mem;
    this.dtype = dtype;
    this.length = length;
    // The action holds the block, never this handle, so the handle can become unreachable.
    this.cleanable = GpuDevice.register(this, mem::release);
  }

  /**
   * The device address of the data.
   *
   * @return the address
   * @throws IllegalStateException if this handle was deleted
   */
  public long pointer() {
    if (deleted) {
      throw new IllegalStateException("the device buffer of " + length + " " + dtype
          + " elements has been deleted");
    }
    return mem.ptr;
  }

  /**
   * The device this buffer belongs to.
   *
   * @return its device
   */
  public GpuDevice gpu() {
    return dev;
  }

  @Override
  public Device device() {
    return dev.device();
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public int length() {
    return length;
  }

  /** The data on the host: copied on the first read, then the same copy every time. */
  @Override
  public HostBuffer toHost() {
    long p = pointer();
    HostBuffer h = mem.host;
    if (h == null) {
      synchronized (mem) {
        h = mem.host;
        if (h == null) {
          h = dev.download(p, dtype, length);
          mem.host = h;
        }
      }
    }
    return h;
  }

  @Override
  public void delete() {
    if (!deleted) {
      deleted = true;
      cleanable.clean();
    }
  }

  @Override
  public boolean isDeleted() {
    return deleted;
  }

  /** Waits for all work issued to the device (one stream: this buffer's writer included). */
  @Override
  public void blockUntilReady() {
    pointer();
    dev.api().synchronize();
  }

  @Override
  public GpuBuffer share() {
    pointer();
    mem.retain();
    return new GpuBuffer(dev, mem, dtype, length);
  }

  @Override
  public String toString() {
    return "GpuBuffer(" + length + " " + dtype + " on " + dev.device() + ")";
  }
}
