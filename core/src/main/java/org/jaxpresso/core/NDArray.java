package org.jaxpresso.core;

/**
 * An n-dimensional array: a concrete {@link Array} or, while a function is being traced, a
 * {@link Tracer} standing in for one. Both behave the same to user code.
 *
 * <p>Arrays are immutable: no method changes an array; operations return new arrays.
 *
 * <pre>{@code
 * NDArray x = Jnp.arange(6).reshape(2, 3);   // [[0 1 2] [3 4 5]], int32
 * x.sum(1);                                  // [ 3 12]
 * x.mul(2.0).get(0, -1);                     // 4.0 (float32: the weak 2.0 takes x's kind)
 * x.at(0, 0).set(10);                        // [[10 1 2] [3 4 5]]; x itself is unchanged
 * }</pre>
 */
public interface NDArray {
  /**
   * The abstract value: shape, dtype and weak type.
   *
   * @return the abstract value: shape, dtype and weak type
   */
  ShapedArray aval();

  /**
   * The shape as a fresh {@code int[]} (a concrete Java value, also while tracing).
   *
   * @return the shape as a fresh {@code int[]} (a concrete Java value, also while tracing)
   */
  default int[] shape() {
    return aval().shape().dims();
  }

  /**
   * The element type.
   *
   * @return the element type
   */
  default DType dtype() {
    return aval().dtype();
  }

  /**
   * The number of dimensions.
   *
   * @return the number of dimensions
   */
  default int ndim() {
    return aval().rank();
  }

  /**
   * The number of elements.
   *
   * @return the number of elements
   */
  default int size() {
    return Math.toIntExact(aval().size());
  }

  /**
   * Whether the dtype is weak (came from a Java scalar).
   *
   * @return whether the dtype is weak (came from a Java scalar)
   */
  default boolean weakType() {
    return aval().weakType();
  }

  /**
   * JAX's repr, e.g. {@code Array([1., 2.], dtype=float32)} or {@code JitTracer(float32[3])}.
   *
   * @return JAX's repr, e.g. {@code Array([1., 2.], dtype=float32)} or {@code
   *     JitTracer(float32[3])}
   */
  String repr();

  /**
   * Waits until the array's value is computed and returns this array.
   *
   * @return this array
   */
  default NDArray blockUntilReady() {
    return this;
  }

  // ---- NumPy-style methods (behaviour from the numpy module, see ArrayMethods) ----

  /**
   * {@code this + y}, promoting and broadcasting as {@code Jnp.add}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this + y}, promoting and broadcasting as {@code Jnp.add}
   */
  default NDArray add(Object y) {
    return ArrayMethods.provider().add(this, y);
  }

  /**
   * {@code this - y}, as {@code Jnp.subtract}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this - y}, as {@code Jnp.subtract}
   */
  default NDArray sub(Object y) {
    return ArrayMethods.provider().sub(this, y);
  }

  /**
   * {@code this * y}, as {@code Jnp.multiply}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this * y}, as {@code Jnp.multiply}
   */
  default NDArray mul(Object y) {
    return ArrayMethods.provider().mul(this, y);
  }

  /**
   * {@code this / y}, as {@code Jnp.trueDivide}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this / y}, as {@code Jnp.trueDivide}
   */
  default NDArray div(Object y) {
    return ArrayMethods.provider().div(this, y);
  }

  /**
   * {@code this // y}, as {@code Jnp.floorDivide}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this // y}, as {@code Jnp.floorDivide}
   */
  default NDArray floorDiv(Object y) {
    return ArrayMethods.provider().floorDiv(this, y);
  }

  /**
   * {@code this % y}, as {@code Jnp.remainder}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this % y}, as {@code Jnp.remainder}
   */
  default NDArray mod(Object y) {
    return ArrayMethods.provider().mod(this, y);
  }

  /**
   * {@code this ** y}, as {@code Jnp.power}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this ** y}, as {@code Jnp.power}
   */
  default NDArray pow(Object y) {
    return ArrayMethods.provider().pow(this, y);
  }

  /**
   * {@code this @ y}, as {@code Jnp.matmul}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this @ y}, as {@code Jnp.matmul}
   */
  default NDArray matmul(Object y) {
    return ArrayMethods.provider().matmul(this, y);
  }

  /**
   * {@code -this}.
   *
   * @return {@code -this}
   */
  default NDArray neg() {
    return ArrayMethods.provider().unary("negative", this);
  }

  /**
   * {@code |this|}.
   *
   * @return {@code |this|}
   */
  default NDArray abs() {
    return ArrayMethods.provider().unary("abs", this);
  }

  /**
   * Square root.
   *
   * @return the square root
   */
  default NDArray sqrt() {
    return ArrayMethods.provider().unary("sqrt", this);
  }

  /**
   * Exponential.
   *
   * @return exponential
   */
  default NDArray exp() {
    return ArrayMethods.provider().unary("exp", this);
  }

  /**
   * Natural logarithm.
   *
   * @return the natural logarithm
   */
  default NDArray log() {
    return ArrayMethods.provider().unary("log", this);
  }

  /**
   * Sine.
   *
   * @return the sine
   */
  default NDArray sin() {
    return ArrayMethods.provider().unary("sin", this);
  }

  /**
   * Cosine.
   *
   * @return the cosine
   */
  default NDArray cos() {
    return ArrayMethods.provider().unary("cos", this);
  }

  /**
   * Hyperbolic tangent.
   *
   * @return the hyperbolic tangent
   */
  default NDArray tanh() {
    return ArrayMethods.provider().unary("tanh", this);
  }

  /**
   * {@code this < y}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this < y}
   */
  default NDArray lt(Object y) {
    return ArrayMethods.provider().compare("less", this, y);
  }

  /**
   * {@code this <= y}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this <= y}
   */
  default NDArray le(Object y) {
    return ArrayMethods.provider().compare("less_equal", this, y);
  }

  /**
   * {@code this > y}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this > y}
   */
  default NDArray gt(Object y) {
    return ArrayMethods.provider().compare("greater", this, y);
  }

  /**
   * {@code this >= y}.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this >= y}
   */
  default NDArray ge(Object y) {
    return ArrayMethods.provider().compare("greater_equal", this, y);
  }

  /**
   * {@code this == y} elementwise.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this == y} elementwise
   */
  default NDArray eq(Object y) {
    return ArrayMethods.provider().compare("equal", this, y);
  }

  /**
   * {@code this != y} elementwise.
   *
   * @param y the second operand: an array or a Java scalar
   * @return {@code this != y} elementwise
   */
  default NDArray ne(Object y) {
    return ArrayMethods.provider().compare("not_equal", this, y);
  }

  /**
   * Sum of all elements.
   *
   * @return the sum of all elements
   */
  default NDArray sum() {
    return ArrayMethods.provider().reduce("sum", this, null);
  }

  /**
   * Sum over the given axes (negative axes count from the end).
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return the sum over the given axes (negative axes count from the end)
   */
  default NDArray sum(int... axes) {
    return ArrayMethods.provider().reduce("sum", this, axes);
  }

  /**
   * Mean of all elements.
   *
   * @return the mean of all elements
   */
  default NDArray mean() {
    return ArrayMethods.provider().reduce("mean", this, null);
  }

  /**
   * Mean over the given axes.
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return the mean over the given axes
   */
  default NDArray mean(int... axes) {
    return ArrayMethods.provider().reduce("mean", this, axes);
  }

  /**
   * Standard deviation of all elements (ddof 0).
   *
   * @return the standard deviation of all elements (ddof 0)
   */
  default NDArray std() {
    return ArrayMethods.provider().reduce("std", this, null);
  }

  /**
   * Standard deviation over the given axes (ddof 0).
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return the standard deviation over the given axes (ddof 0)
   */
  default NDArray std(int... axes) {
    return ArrayMethods.provider().reduce("std", this, axes);
  }

  /**
   * Variance of all elements (ddof 0).
   *
   * @return the variance of all elements (ddof 0)
   */
  default NDArray var() {
    return ArrayMethods.provider().reduce("var", this, null);
  }

  /**
   * Variance over the given axes (ddof 0).
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return the variance over the given axes (ddof 0)
   */
  default NDArray var(int... axes) {
    return ArrayMethods.provider().reduce("var", this, axes);
  }

  /**
   * Maximum of all elements.
   *
   * @return the maximum of all elements
   */
  default NDArray max() {
    return ArrayMethods.provider().reduce("max", this, null);
  }

  /**
   * Maximum over the given axes.
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return the maximum over the given axes
   */
  default NDArray max(int... axes) {
    return ArrayMethods.provider().reduce("max", this, axes);
  }

  /**
   * Minimum of all elements.
   *
   * @return the minimum of all elements
   */
  default NDArray min() {
    return ArrayMethods.provider().reduce("min", this, null);
  }

  /**
   * Minimum over the given axes.
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return the minimum over the given axes
   */
  default NDArray min(int... axes) {
    return ArrayMethods.provider().reduce("min", this, axes);
  }

  /**
   * Product of all elements.
   *
   * @return the product of all elements
   */
  default NDArray prod() {
    return ArrayMethods.provider().reduce("prod", this, null);
  }

  /**
   * Product over the given axes.
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return the product over the given axes
   */
  default NDArray prod(int... axes) {
    return ArrayMethods.provider().reduce("prod", this, axes);
  }

  /**
   * Whether all elements are true.
   *
   * @return whether all elements are true
   */
  default NDArray all() {
    return ArrayMethods.provider().reduce("all", this, null);
  }

  /**
   * Whether any element is true.
   *
   * @return whether any element is true
   */
  default NDArray any() {
    return ArrayMethods.provider().reduce("any", this, null);
  }

  /**
   * Index of the maximum of the flattened array.
   *
   * @return the index of the maximum of the flattened array
   */
  default NDArray argmax() {
    return ArrayMethods.provider().reduce("argmax", this, null);
  }

  /**
   * Indices of the maxima along {@code axis}.
   *
   * @param axis the axis to operate along; negative values count from the end
   * @return the indices of the maxima along {@code axis}
   */
  default NDArray argmax(int axis) {
    return ArrayMethods.provider().reduce("argmax", this, new int[] {axis});
  }

  /**
   * Index of the minimum of the flattened array.
   *
   * @return the index of the minimum of the flattened array
   */
  default NDArray argmin() {
    return ArrayMethods.provider().reduce("argmin", this, null);
  }

  /**
   * Indices of the minima along {@code axis}.
   *
   * @param axis the axis to operate along; negative values count from the end
   * @return the indices of the minima along {@code axis}
   */
  default NDArray argmin(int axis) {
    return ArrayMethods.provider().reduce("argmin", this, new int[] {axis});
  }

  /**
   * This array with a new shape: ints (one may be -1), or concrete 0-d integer arrays; a traced
   * size raises JAX's "Shapes must be 1D sequences of concrete values of integer type" error.
   *
   * @param shape the dimensions of the result
   * @return this array with a new shape
   */
  default NDArray reshape(Object... shape) {
    return ArrayMethods.provider().reshape(this, shape);
  }

  /**
   * The axes permuted; no arguments reverses them.
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return the axes permuted; no arguments reverses them
   */
  default NDArray transpose(int... axes) {
    return ArrayMethods.provider().transpose(this, axes);
  }

  /**
   * The transpose (axes reversed), as {@code x.T}.
   *
   * @return the transpose (axes reversed), as {@code x.T}
   */
  default NDArray T() {
    return ArrayMethods.provider().transpose(this);
  }

  /**
   * A copy converted to {@code dtype}.
   *
   * @param dtype the element type of the result
   * @return a copy converted to {@code dtype}
   */
  default NDArray astype(DType dtype) {
    return ArrayMethods.provider().astype(this, dtype);
  }

  /**
   * {@code this[index]}: ints, {@code Jnp.slice(...)}, {@code Jnp.newaxis()}, {@code
   * Jnp.ellipsis()}, integer arrays, boolean masks.
   *
   * @param index ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @return {@code this[index]}
   */
  default NDArray get(Object... index) {
    return ArrayMethods.provider().get(this, index);
  }

  /**
   * {@code this.at[index]}: functional updates ({@code set}, {@code add}, ...).
   *
   * @param index ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @return {@code this.at[index]}: functional updates ({@code set}, {@code add}, ...)
   */
  default IndexUpdateRef at(Object... index) {
    return ArrayMethods.provider().at(this, index);
  }

  // ---- conversions to Java values: concrete arrays only; tracers raise JAX's errors ----

  /**
   * The truth value of a one-element array, as Python's {@code bool(x)}.
   *
   * @return the truth value of a one-element array, as Python's {@code bool(x)}
   * @throws org.jaxpresso.core.errors.JaxValueError if the array has more than one element
   * @throws org.jaxpresso.core.errors.TracerBoolConversionError on a tracer
   */
  boolean bool();

  /**
   * The single element as a Java scalar ({@code Boolean}, {@code Long} for integers,
   * {@code Double} for floats), as {@code x.item()}.
   *
   * @return the single element as a Java scalar ({@code Boolean}, {@code Long} for integers, {@code
   *     Double} for floats), as {@code x.item()}
   * @throws org.jaxpresso.core.errors.ConcretizationTypeError on a tracer
   */
  Object item();

  /**
   * The single element as an int, as Python's {@code int(x)} (floats truncate toward zero).
   *
   * @return the single element as an int, as Python's {@code int(x)} (floats truncate toward zero)
   */
  int intValue();

  /**
   * The single element as a long, as Python's {@code int(x)}.
   *
   * @return the single element as a long, as Python's {@code int(x)}
   */
  long longValue();

  /**
   * The single element as a float, as Python's {@code float(x)}.
   *
   * @return the single element as a float, as Python's {@code float(x)}
   */
  float floatValue();

  /**
   * The single element as a double, as Python's {@code float(x)}.
   *
   * @return the single element as a double, as Python's {@code float(x)}
   */
  double doubleValue();

  /**
   * The elements as floats, row-major (a copy); tracers raise {@code TracerArrayConversionError}.
   *
   * @return the elements as floats, row-major (a copy); tracers raise {@code
   *     TracerArrayConversionError}
   */
  float[] toFloatArray();

  /**
   * The elements as doubles, row-major (a copy).
   *
   * @return the elements as doubles, row-major (a copy)
   */
  double[] toDoubleArray();

  /**
   * The elements as ints, row-major (a copy).
   *
   * @return the elements as ints, row-major (a copy)
   */
  int[] toIntArray();

  /**
   * The elements as longs, row-major (a copy).
   *
   * @return the elements as longs, row-major (a copy)
   */
  long[] toLongArray();

  /**
   * The elements as booleans, row-major (a copy).
   *
   * @return the elements as booleans, row-major (a copy)
   */
  boolean[] toBooleanArray();

  /**
   * The value as nested Java lists of scalars (a scalar for a 0-d array), as {@code x.tolist()}.
   *
   * @return the value as nested Java lists of scalars (a scalar for a 0-d array), as {@code
   *     x.tolist()}
   */
  Object tolist();
}
