package org.jaxpresso.runtime.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.HostBuffer;

/**
 * One GPU as the backend sees it: its {@link DeviceApi}, its memory {@link DevicePool}, the
 * {@link Cleaner} that frees the memory of unreachable arrays, and counters of the copies
 * between host and device (so tests and users can check that data stays on the device between
 * jitted calls: {@link #transfers()}).
 */
public final class GpuDevice {
  private static final Cleaner CLEANER = Cleaner.create();

  private final DeviceApi api;
  private final Device device;
  private final DevicePool pool;
  private final AtomicLong uploads = new AtomicLong();
  private final AtomicLong uploadedBytes = new AtomicLong();
  private final AtomicLong downloads = new AtomicLong();
  private final AtomicLong downloadedBytes = new AtomicLong();

  /**
   * A device over {@code api}.
   *
   * @param api the device operations (CUDA, or a simulation in tests)
   * @param device the device's identity ({@code cuda:0})
   */
  public GpuDevice(DeviceApi api, Device device) {
    this.api = api;
    this.device = device;
    this.pool = new DevicePool(api, device.toString());
  }

  /**
   * The device operations.
   *
   * @return the device API
   */
  public DeviceApi api() {
    return api;
  }

  /**
   * The device's identity.
   *
   * @return the device, e.g. {@code CudaDevice(id=0)}
   */
  public Device device() {
    return device;
  }

  /**
   * The memory pool.
   *
   * @return the pool every buffer of this device comes from
   */
  public DevicePool pool() {
    return pool;
  }

  /**
   * The bytes an array of {@code n} elements of {@code d} occupies (bool is one byte).
   *
   * @param d the element type
   * @param n the number of elements
   * @return the size in bytes
   */
  static long bytes(DType d, long n) {
    return n * d.itemSize();
  }

  /**
   * A new buffer of {@code n} uninitialized elements, from the pool.
   *
   * @param dtype the element type
   * @param n the number of elements
   * @return a buffer owning a fresh block
   */
  public GpuBuffer allocate(DType dtype, int n) {
    long bytes = bytes(dtype, n);
    return adopt(pool.allocate(bytes), bytes, dtype, n);
  }

  /**
   * Wraps a pool block in a buffer that owns it (released to the pool when the buffer is
   * deleted or unreachable).
   *
   * @param ptr a block from {@link #pool()}
   * @param blockBytes the size the block was allocated for
   * @param dtype the element type
   * @param n the number of elements
   * @return the buffer
   */
  GpuBuffer adopt(long ptr, long blockBytes, DType dtype, int n) {
    return new GpuBuffer(this, new GpuBuffer.Memory(this, ptr, blockBytes), dtype, n);
  }

  /** Registers {@code owner}'s cleanup (run once when it is unreachable or cleaned). */
  static Cleaner.Cleanable register(Object owner, Runnable action) {
    return CLEANER.register(owner, action);
  }

  /**
   * Copies host data into a new device buffer (one counted upload).
   *
   * @param h the data
   * @return a device buffer holding a copy
   */
  public GpuBuffer upload(HostBuffer h) {
    GpuBuffer b = allocate(h.dtype(), h.length());
    uploadTo(b.pointer(), h);
    return b;
  }

  /**
   * Copies host data to device memory at {@code ptr} (one counted upload).
   *
   * @param ptr the destination, at least the data's size
   * @param h the data
   */
  void uploadTo(long ptr, HostBuffer h) {
    long bytes = bytes(h.dtype(), h.length());
    uploads.incrementAndGet();
    uploadedBytes.addAndGet(bytes);
    if (bytes == 0) {
      return;
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment seg = a.allocate(bytes, 8);
      MemorySegment.copy(storage(h), 0, seg, 0, bytes);
      api.copyToDevice(ptr, seg, bytes);
    }
  }

  /**
   * Copies {@code n} elements of {@code dtype} at {@code ptr} to the host (one counted
   * download; waits for the work that writes them).
   *
   * @param ptr the device address
   * @param dtype the element type
   * @param n the number of elements
   * @return a new host buffer with the data
   */
  public HostBuffer download(long ptr, DType dtype, int n) {
    HostBuffer h = HostBuffer.allocate(dtype, n);
    long bytes = bytes(dtype, n);
    downloads.incrementAndGet();
    downloadedBytes.addAndGet(bytes);
    if (bytes == 0) {
      return h;
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment seg = a.allocate(bytes, 8);
      api.copyToHost(seg, ptr, bytes);
      MemorySegment.copy(seg, 0, storage(h), 0, bytes);
    }
    return h;
  }

  /** A heap segment over a host buffer's Java array (its elements' raw little-endian bytes). */
  static MemorySegment storage(HostBuffer h) {
    return switch (h.data()) {
      case byte[] b -> MemorySegment.ofArray(b);
      case short[] s -> MemorySegment.ofArray(s);
      case int[] i -> MemorySegment.ofArray(i);
      case long[] l -> MemorySegment.ofArray(l);
      case float[] f -> MemorySegment.ofArray(f);
      case double[] d -> MemorySegment.ofArray(d);
      default -> throw new IllegalArgumentException("no raw storage for a " + h.dtype()
          + " host buffer of " + h.data().getClass().getSimpleName());
    };
  }

  /**
   * The copies between host and device so far.
   *
   * @return a snapshot of the transfer counters
   */
  public Transfers transfers() {
    return new Transfers(uploads.get(), uploadedBytes.get(), downloads.get(),
        downloadedBytes.get());
  }

  /**
   * Counts of host-device copies.
   *
   * @param uploads copies from the host to the device
   * @param uploadedBytes bytes copied to the device
   * @param downloads copies from the device to the host
   * @param downloadedBytes bytes copied to the host
   */
  public record Transfers(long uploads, long uploadedBytes, long downloads,
      long downloadedBytes) {}
}
