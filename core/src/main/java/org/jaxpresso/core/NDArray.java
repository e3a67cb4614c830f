package org.jaxpresso.core;

/**
 * An n-dimensional array: a concrete {@link Array} or, while a function is being traced, a
 * {@link Tracer} standing in for one. Both behave the same to user code.
 *
 * <p>Arrays are immutable: no method changes an array; operations return new arrays.
 */
public interface NDArray {
  /** The abstract value: shape, dtype and weak type. */
  ShapedArray aval();

  /** The shape as a fresh {@code int[]} (a concrete Java value, also while tracing). */
  default int[] shape() {
    return aval().shape().dims();
  }

  /** The element type. */
  default DType dtype() {
    return aval().dtype();
  }

  /** The number of dimensions. */
  default int ndim() {
    return aval().rank();
  }

  /** The number of elements. */
  default int size() {
    return Math.toIntExact(aval().size());
  }

  /** Whether the dtype is weak (came from a Java scalar). */
  default boolean weakType() {
    return aval().weakType();
  }

  /** JAX's repr, e.g. {@code Array([1., 2.], dtype=float32)} or {@code JitTracer(float32[3])}. */
  String repr();

  /** Waits until the array's value is computed and returns this array. */
  default NDArray blockUntilReady() {
    return this;
  }
}
