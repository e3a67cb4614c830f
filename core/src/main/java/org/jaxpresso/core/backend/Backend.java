package org.jaxpresso.core.backend;

import java.util.List;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;

/**
 * A backend compiles jaxprs for its devices. Backends are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/org.jaxpresso.core.backend.Backend}); the
 * available one with the highest {@link #priority()} is the default. The built-in {@link
 * ReferenceBackend} (priority 0) is always there, so core and lax work on their own.
 */
public interface Backend {
  /**
   * The platform name: {@code cpu}, {@code cuda}, {@code reference}.
   *
   * @return the platform name: {@code cpu}, {@code cuda}, {@code reference}
   */
  String platform();

  /**
   * Higher wins when choosing the default backend.
   *
   * @return higher wins when choosing the default backend
   */
  int priority();

  /**
   * Whether this backend can run here (e.g. a GPU backend without a GPU says no).
   *
   * @return whether this backend can run here (e.g. a GPU backend without a GPU says no)
   */
  boolean isAvailable();

  /**
   * The devices this backend drives.
   *
   * @return the devices this backend drives
   */
  List<Device> devices();

  /**
   * Compiles a program. The result may be cached by the caller and run many times, from many
   * threads at once.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @return a program
   */
  Executable compile(ClosedJaxpr program);

  /**
   * Copies host data onto {@code device}, one of {@link #devices()} ({@code Jax.devicePut}).
   * Backends whose devices use host memory (the default) return {@code data} itself: buffers
   * are immutable, so no copy is needed.
   *
   * @param data the elements on the host
   * @param device the destination, one of this backend's devices
   * @return a buffer on {@code device} holding the same elements
   */
  default Buffer put(HostBuffer data, Device device) {
    return data;
  }
}
