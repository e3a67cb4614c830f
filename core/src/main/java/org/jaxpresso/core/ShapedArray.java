package org.jaxpresso.core;

import java.util.Objects;

/**
 * An abstract value ("aval"): what tracing knows about an array without its data, its shape,
 * dtype and whether the dtype is weak (came from a Java scalar rather than a user's choice).
 *
 * <pre>{@code
 * ShapedArray a = new ShapedArray(Shape.of(3), DType.FLOAT32, false);
 * a.str();        // "float32[3]"
 * a.shortStr();   // "f32[3]"
 * a.toString();   // "ShapedArray(float32[3])"
 * }</pre>
 *
 * @param shape the shape
 * @param dtype the element type
 * @param weakType whether the dtype is weak (never true for bool)
 */
public record ShapedArray(Shape shape, DType dtype, boolean weakType) {
  /** Validates and normalizes: bool is never weak. */
  public ShapedArray {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(dtype, "dtype");
    if (dtype == DType.BOOL) {
      weakType = false;
    }
  }

  /**
   * A strongly typed aval.
   *
   * @param dtype the element type of the result
   * @param dims the dimension sizes
   * @return a strongly typed aval
   */
  public static ShapedArray of(DType dtype, int... dims) {
    return new ShapedArray(Shape.of(dims), dtype, false);
  }

  /**
   * The number of dimensions.
   *
   * @return the number of dimensions
   */
  public int rank() {
    return shape.rank();
  }

  /**
   * The number of elements.
   *
   * @return the number of elements
   */
  public long size() {
    return shape.size();
  }

  /**
   * This aval with another dtype (weak type kept).
   *
   * @param d the dtype
   * @return this aval with another dtype (weak type kept)
   */
  public ShapedArray withDType(DType d) {
    return new ShapedArray(shape, d, weakType);
  }

  /**
   * This aval with another shape.
   *
   * @param s the new shape
   * @return this aval with another shape
   */
  public ShapedArray withShape(Shape s) {
    return new ShapedArray(s, dtype, weakType);
  }

  /**
   * This aval with the given weak type.
   *
   * @param weak whether the result is weakly typed
   * @return this aval with the given weak type
   */
  public ShapedArray withWeakType(boolean weak) {
    return new ShapedArray(shape, dtype, weak);
  }

  /**
   * JAX's {@code str(aval)}: {@code float32[3,4]}, weak prefixed with {@code ~}.
   *
   * @return JAX's {@code str(aval)}: {@code float32[3,4]}, weak prefixed with {@code ~}
   */
  public String str() {
    return (weakType ? "~" : "") + dtype.longName() + "[" + shape.compact() + "]";
  }

  /**
   * The jaxpr binder type: {@code f32[3,4]} (weak types are not marked).
   *
   * @return the jaxpr binder type: {@code f32[3,4]} (weak types are not marked)
   */
  public String shortStr() {
    return dtype.shortName() + "[" + shape.compact() + "]";
  }

  /** JAX's repr: {@code ShapedArray(float32[3])} or {@code ShapedArray(float32[], weak_type=True)}. */
  @Override
  public String toString() {
    return "ShapedArray(" + dtype.longName() + "[" + shape.compact() + "]"
        + (weakType ? ", weak_type=True" : "") + ")";
  }
}
