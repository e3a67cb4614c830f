package org.jaxpresso.core.backend;

/**
 * Backend SPI: a {@link Buffer} in memory that belongs to an accelerator (a GPU), not to the
 * Java heap. Reading it on the host ({@link #toHost()}) copies the data once and keeps the
 * copy, so printing an array or calling {@code toFloatArray()} twice transfers it once.
 *
 * <p>The memory is released when the last handle on it becomes unreachable (backends use a
 * {@link java.lang.ref.Cleaner}) or when every handle has been {@linkplain #delete() deleted}.
 * Arrays that view the same data ({@code reshapeView}, {@code withWeakType}) each hold their
 * own handle from {@link #share()}, so deleting one array leaves the others intact, as in JAX
 * where every array owns its buffer.
 */
public interface DeviceBuffer extends Buffer {
  /**
   * Releases this handle's claim on the memory now (idempotent): the memory goes back to the
   * backend's pool once no other handle shares it. Reading a deleted handle is an error.
   */
  void delete();

  /**
   * Whether {@link #delete()} was called on this handle.
   *
   * @return whether this handle was deleted
   */
  boolean isDeleted();

  /**
   * A new handle on the same memory (no copy), released independently of this one.
   *
   * @return a new handle on the same data
   * @throws IllegalStateException if this handle was deleted
   */
  DeviceBuffer share();

  /**
   * Waits until the computation writing this buffer has finished (device work is
   * asynchronous), as {@code block_until_ready}. Reading it on the host waits anyway.
   */
  void blockUntilReady();
}
