package org.jaxpresso.numpy;

import org.jaxpresso.core.NDArray;

/**
 * The non-array index kinds of NumPy's indexing syntax, for {@code x.get(...)}, {@code x.at(...)}
 * and {@link Jnp#get}: Python's {@code start:stop:step} ({@link Slice}), {@code None}
 * ({@link NewAxis}), {@code ...} ({@link Ellipsis}) and JAX's {@code jax.ds(start, size)}
 * ({@link DynamicSlice}). Ints, integer arrays and boolean masks are passed as they are.
 *
 * <pre>{@code
 * x.get(Jnp.slice(1, null, 2), 0);       // x[1::2, 0]
 * x.get(Jnp.newaxis(), Jnp.ellipsis());  // x[None, ...]
 * }</pre>
 */
public sealed interface Index {

  /**
   * Python's {@code slice(start, stop, step)}: each bound is null (absent), a Java integer, or a
   * concrete 0-d integer array; a traced bound is accepted here but indexing with it raises
   * JAX's IndexError.
   *
   * @param start the first index, or null
   * @param stop the end (exclusive), or null
   * @param step the stride (not 0), or null for 1
   */
  record Slice(Object start, Object stop, Object step) implements Index {
    /** Python's repr, e.g. {@code slice(1, 3, None)}. */
    @Override
    public String toString() {
      return "slice(" + text(start) + ", " + text(stop) + ", " + text(step) + ")";
    }

    private static String text(Object o) {
      if (o == null) {
        return "None";
      }
      return o instanceof NDArray a ? a.repr() : o.toString();
    }
  }

  /** {@code None} / {@code np.newaxis}: inserts a dimension of size 1. */
  record NewAxis() implements Index {
    /** Python's repr. */
    @Override
    public String toString() {
      return "None";
    }
  }

  /** {@code ...}: as many full slices as needed to index every dimension. */
  record Ellipsis() implements Index {
    /** Python's repr. */
    @Override
    public String toString() {
      return "Ellipsis";
    }
  }

  /**
   * JAX's {@code jax.ds(start, size)}: a window of static {@code size} at a possibly traced
   * {@code start} (lowers to {@code dynamic_slice}; the start is clamped into bounds).
   *
   * @param start a Java integer or a scalar integer array (traced or not)
   * @param size the static window size
   */
  record DynamicSlice(Object start, int size) implements Index {
    /** JAX's repr. */
    @Override
    public String toString() {
      return "Slice(start=" + (start instanceof NDArray a ? a.repr() : start) + ", size=" + size
          + ", stride=1)";
    }
  }
}
