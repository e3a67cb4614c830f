package org.jaxpresso.core.backend;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.errors.JaxValueError;

/**
 * Where a computation runs, as JAX decides it: on the device of its <em>committed</em> inputs
 * (arrays placed with {@code Jax.devicePut(x, device)}, or computed from such arrays), else on
 * the default device. Inputs committed to two different devices are JAX's error {@code
 * Received incompatible devices for jitted computation}. Uncommitted inputs living elsewhere
 * are moved to the chosen device by the executable (a host read, or an upload).
 */
public final class Placement {
  private Placement() {}

  /**
   * The device every committed array of {@code args} lives on, or null when none is committed.
   *
   * @param args the concrete inputs of a computation
   * @param what the computation's name, for the error message (e.g. {@code add}, a jitted
   *     function's name)
   * @return the committed inputs' device, or {@code null} when no input is committed
   * @throws JaxValueError when committed inputs live on different devices, in JAX's words
   */
  public static Device committedDevice(List<Array> args, String what) {
    Device found = null;
    int first = -1;
    for (int i = 0; i < args.size(); i++) {
      Array a = args.get(i);
      if (!a.committed()) {
        continue;
      }
      Device d = a.device();
      if (found == null) {
        found = d;
        first = i;
      } else if (!found.equals(d)) {
        throw incompatible(what, "argument args[" + first + "]", args.get(first),
            "argument args[" + i + "]", a);
      }
    }
    return found;
  }

  /**
   * The device a computation runs on: {@code requested} when given (a committed input elsewhere
   * is an error), else the committed inputs' device, else the default backend's first device.
   *
   * @param args the concrete inputs
   * @param requested the device the caller asked for (e.g. {@code jit(f, device)}), or null
   * @param what the computation's name, for error messages
   * @return the device to run on
   * @throws JaxValueError when committed inputs disagree with each other or with {@code
   *     requested}
   */
  public static Device resolve(List<Array> args, Device requested, String what) {
    Device committed = committedDevice(args, what);
    if (requested == null) {
      return committed;
    }
    if (committed != null && !committed.equals(requested)) {
      for (int i = 0; i < args.size(); i++) {
        Array a = args.get(i);
        if (a.committed() && !a.device().equals(requested)) {
          throw new JaxValueError("Received incompatible devices for jitted computation. Got"
              + " jit's device argument with " + idsOn(requested) + " and argument args[" + i
              + "] of " + what + " with shape " + a.aval().str() + " and " + idsOn(a.device()));
        }
      }
    }
    return requested;
  }

  private static JaxValueError incompatible(String what, String l1, Array a1, String l2,
      Array a2) {
    return new JaxValueError("Received incompatible devices for jitted computation. Got " + l1
        + " of " + what + " with shape " + a1.aval().str() + " and " + idsOn(a1.device())
        + " and " + l2 + " of " + what + " with shape " + a2.aval().str() + " and "
        + idsOn(a2.device()));
  }

  /** JAX's {@code device ids [0] on platform GPU}: CUDA devices are platform GPU there. */
  private static String idsOn(Device d) {
    String platform = d.platform().equals("cuda") ? "GPU" : d.platform().toUpperCase(
        java.util.Locale.ROOT);
    return "device ids [" + d.id() + "] on platform " + platform;
  }
}
