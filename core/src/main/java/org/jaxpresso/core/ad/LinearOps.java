package org.jaxpresso.core.ad;

import java.util.Objects;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;

/**
 * The few array operations the transformation machinery itself needs (zeros, accumulation,
 * moving and adding batch axes). They are primitives of {@code lax}, which depends on core, so
 * lax installs an implementation when its rules load, as JAX's core calls into {@code lax}
 * lazily.
 */
public interface LinearOps {
  /**
   * Zeros of {@code aval}'s shape and dtype (weak type kept).
   *
   * @param aval the abstract value (shape and dtype)
   * @return the zeros of {@code aval}'s shape and dtype (weak type kept)
   */
  NDArray zeros(ShapedArray aval);

  /**
   * {@code x + y} of equal avals (JAX's {@code add_any}).
   *
   * @param x the input array
   * @param y the second input array
   * @return {@code x + y} of equal avals (JAX's {@code add_any})
   */
  NDArray add(NDArray x, NDArray y);

  /**
   * {@code x} with dimension {@code from} moved to position {@code to}.
   *
   * @param x the input array
   * @param from the dimension to move
   * @param to its new position
   * @return {@code x} with dimension {@code from} moved to position {@code to}
   */
  NDArray moveAxis(NDArray x, int from, int to);

  /**
   * {@code x} broadcast with a new dimension of {@code size} inserted at {@code axis}.
   *
   * @param x the input array
   * @param size the size of the new (batch) dimension
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code x} broadcast with a new dimension of {@code size} inserted at {@code axis}
   */
  NDArray broadcastAxis(NDArray x, int size, int axis);

  /**
   * Installs the implementation (lax does it when its primitives load).
   *
   * @param ops the implementation
   */
  static void install(LinearOps ops) {
    Holder.ops = Objects.requireNonNull(ops);
  }

  /**
   * The installed implementation.
   *
   * @return the installed implementation
   * @throws IllegalStateException if no primitive library has installed one
   */
  static LinearOps get() {
    LinearOps o = Holder.ops;
    if (o == null) {
      org.jaxpresso.core.Primitive.loadRules();
      o = Holder.ops;
    }
    if (o == null) {
      throw new IllegalStateException(
          "no LinearOps installed: load org.jaxpresso.lax (its primitive families install them)");
    }
    return o;
  }

  /** Where the installed implementation lives. */
  final class Holder {
    private static volatile LinearOps ops;

    private Holder() {}
  }
}
