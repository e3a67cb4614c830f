package org.jaxpresso.runtime.gpu;

/**
 * A device allocation failed even after the pool released its cached blocks and the arrays
 * that had become unreachable were freed. The message starts as JAX's ({@code
 * RESOURCE_EXHAUSTED: Out of memory while trying to allocate N bytes}) and names the free and
 * total device memory ({@code cuMemGetInfo}) and what this process holds.
 */
public final class DeviceOutOfMemoryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The bytes the failed allocation asked for. */
  private final long requested;
  /** The device's free bytes when it failed. */
  private final long free;

  /**
   * The failure of a request.
   *
   * @param device the device, as printed ({@code CudaDevice(id=0)})
   * @param requested the bytes asked for
   * @param free the device's free bytes after the pool was emptied
   * @param total the device's total bytes
   * @param inUse the bytes held by this process's live arrays and running programs
   */
  public DeviceOutOfMemoryError(String device, long requested, long free, long total,
      long inUse) {
    super("RESOURCE_EXHAUSTED: Out of memory while trying to allocate " + requested
        + " bytes on " + device + ": " + free + " bytes free of " + total
        + " (cuMemGetInfo); " + inUse + " bytes held by live arrays and running programs of"
        + " this process. Delete arrays you no longer need (Array.delete()) or use smaller"
        + " batches.");
    this.requested = requested;
    this.free = free;
  }

  /**
   * The bytes the failed allocation asked for.
   *
   * @return the requested size in bytes
   */
  public long requestedBytes() {
    return requested;
  }

  /**
   * The device's free memory when the allocation failed.
   *
   * @return free bytes, as {@code cuMemGetInfo} reported them
   */
  public long freeBytes() {
    return free;
  }
}
