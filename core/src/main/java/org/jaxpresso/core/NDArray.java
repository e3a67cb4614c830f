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

  // ---- conversions to Java values: concrete arrays only; tracers raise JAX's errors ----

  /**
   * The truth value of a one-element array, as Python's {@code bool(x)}.
   *
   * @throws org.jaxpresso.core.errors.JaxValueError if the array has more than one element
   * @throws org.jaxpresso.core.errors.TracerBoolConversionError on a tracer
   */
  boolean bool();

  /**
   * The single element as a Java scalar ({@code Boolean}, {@code Long} for integers,
   * {@code Double} for floats), as {@code x.item()}.
   *
   * @throws org.jaxpresso.core.errors.ConcretizationTypeError on a tracer
   */
  Object item();

  /** The single element as an int, as Python's {@code int(x)} (floats truncate toward zero). */
  int intValue();

  /** The single element as a long, as Python's {@code int(x)}. */
  long longValue();

  /** The single element as a float, as Python's {@code float(x)}. */
  float floatValue();

  /** The single element as a double, as Python's {@code float(x)}. */
  double doubleValue();

  /** The elements as floats, row-major (a copy); tracers raise {@code TracerArrayConversionError}. */
  float[] toFloatArray();

  /** The elements as doubles, row-major (a copy). */
  double[] toDoubleArray();

  /** The elements as ints, row-major (a copy). */
  int[] toIntArray();

  /** The elements as longs, row-major (a copy). */
  long[] toLongArray();

  /** The elements as booleans, row-major (a copy). */
  boolean[] toBooleanArray();

  /**
   * The value as nested Java lists of scalars (a scalar for a 0-d array), as {@code x.tolist()}.
   */
  Object tolist();
}
