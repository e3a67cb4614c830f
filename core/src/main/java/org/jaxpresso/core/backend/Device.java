package org.jaxpresso.core.backend;

/**
 * A device that holds array buffers and runs programs, as JAX's {@code jax.Device}.
 *
 * @param platform the backend's platform name, e.g. {@code cpu} or {@code cuda}
 * @param id the device's index within its platform
 */
public record Device(String platform, int id) {
  /** The host: where plain Java arrays live. */
  public static final Device HOST = new Device("cpu", 0);

  /** JAX's repr: {@code CpuDevice(id=0)}. */
  @Override
  public String toString() {
    String p = platform.isEmpty() ? platform : Character.toUpperCase(platform.charAt(0)) + platform.substring(1);
    return p + "Device(id=" + id + ")";
  }
}
