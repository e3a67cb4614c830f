package org.jaxpresso.core.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the backends on the class path and picks the default one. */
public final class Backends {
  private static volatile List<Backend> all;
  private static volatile Backend override;

  private Backends() {}

  /**
   * Every available backend, highest priority first; the reference backend is last.
   *
   * @return every available backend, highest priority first; the reference backend is last
   */
  public static List<Backend> all() {
    List<Backend> a = all;
    if (a == null) {
      synchronized (Backends.class) {
        if (all == null) {
          List<Backend> found = new ArrayList<>();
          for (Backend b : ServiceLoader.load(Backend.class)) {
            if (b.isAvailable()) {
              found.add(b);
            }
          }
          found.add(ReferenceBackend.INSTANCE);
          found.sort(Comparator.comparingInt(Backend::priority).reversed());
          all = List.copyOf(found);
        }
        a = all;
      }
    }
    return a;
  }

  /**
   * The backend eager operations and jit use unless told otherwise.
   *
   * @return the backend eager operations and jit use unless told otherwise
   */
  public static Backend defaultBackend() {
    Backend o = override;
    return o != null ? o : all().get(0);
  }

  /**
   * The available backend for {@code platform}.
   *
   * @param platform the platform name
   * @return the available backend for {@code platform}
   * @throws IllegalArgumentException naming the platforms that are available
   */
  public static Backend get(String platform) {
    for (Backend b : all()) {
      if (b.platform().equals(platform)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "Unknown backend " + platform + "; available: "
            + all().stream().map(Backend::platform).toList());
  }

  /**
   * The backend that runs computations on {@code device}: the default backend if it drives the
   * device, else the highest-priority available backend that does.
   *
   * @param device a device from {@link #devices()}
   * @return the backend for {@code device}
   * @throws IllegalArgumentException naming the available devices when none drives it
   */
  public static Backend forDevice(Device device) {
    Backend d = defaultBackend();
    if (d.devices().contains(device)) {
      return d;
    }
    for (Backend b : all()) {
      if (b.devices().contains(device)) {
        return b;
      }
    }
    throw new IllegalArgumentException("Unknown device " + device + "; available devices: "
        + devices());
  }

  /**
   * Every device of the available backends, without repeats, the default backend's first
   * (so {@code devices().get(0)} is the default device, as {@code jax.devices()[0]}).
   *
   * @return the devices, default first
   */
  public static List<Device> devices() {
    java.util.LinkedHashSet<Device> out = new java.util.LinkedHashSet<>(
        defaultBackend().devices());
    for (Backend b : all()) {
      out.addAll(b.devices());
    }
    return List.copyOf(out);
  }

  /**
   * Makes {@code backend} the default for the whole process (null goes back to the highest
   * priority one); used by tests to run the same suite on each backend.
   *
   * @param backend the backend that executes the program
   */
  public static void setDefault(Backend backend) {
    override = backend;
    Dispatch.clearCache();
  }
}
