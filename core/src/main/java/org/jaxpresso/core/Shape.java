package org.jaxpresso.core;

import java.util.Arrays;

/**
 * An immutable array shape: a list of non-negative dimension sizes, row-major.
 *
 * <pre>{@code
 * Shape s = Shape.of(3, 4);
 * s.rank();      // 2
 * s.size();      // 12
 * s.toString();  // "(3, 4)"  (as Python prints a shape tuple)
 * }</pre>
 */
public final class Shape {
  /** The shape of a 0-d (scalar) array. */
  public static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final long size;
  private final int hash;

  private Shape(int[] dims) {
    this.dims = dims;
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    this.size = n;
    this.hash = Arrays.hashCode(dims);
  }

  /**
   * A shape with the given dimension sizes (copied).
   *
   * @param dims the dimension sizes
   * @return a shape with the given dimension sizes (copied)
   * @throws IllegalArgumentException if a size is negative
   */
  public static Shape of(int... dims) {
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "negative dimensions are not allowed: " + tupleString(dims));
      }
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /**
   * The number of dimensions.
   *
   * @return the number of dimensions
   */
  public int rank() {
    return dims.length;
  }

  /**
   * The size of dimension {@code axis} (0-based, not wrapped).
   *
   * @param axis the axis to operate along; negative values count from the end
   * @return the size of dimension {@code axis} (0-based, not wrapped)
   */
  public int dim(int axis) {
    return dims[axis];
  }

  /**
   * A copy of the dimension sizes.
   *
   * @return a copy of the dimension sizes
   */
  public int[] dims() {
    return dims.clone();
  }

  /**
   * The number of elements (1 for a scalar, 0 if any dimension is 0).
   *
   * @return the number of elements (1 for a scalar, 0 if any dimension is 0)
   */
  public long size() {
    return size;
  }

  /**
   * True for rank 0.
   *
   * @return {@code true} for rank 0
   */
  public boolean isScalar() {
    return dims.length == 0;
  }

  /**
   * Row-major strides in elements.
   *
   * @return the row-major strides in elements
   */
  public long[] strides() {
    long[] s = new long[dims.length];
    long acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /**
   * The shape as jaxpr types print it, without brackets: {@code 3,4}.
   *
   * @return the shape as jaxpr types print it, without brackets: {@code 3,4}
   */
  public String compact() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(dims[i]);
    }
    return sb.toString();
  }

  /**
   * Python tuple text of {@code dims}: {@code ()}, {@code (3,)}, {@code (3, 4)}.
   *
   * @param dims the dimension sizes
   * @return Python tuple text of {@code dims}: {@code ()}, {@code (3,)}, {@code (3, 4)}
   */
  public static String tupleString(int... dims) {
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(dims[i]);
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Shape s && s.hash == hash && Arrays.equals(dims, s.dims));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Python tuple text: {@code (3, 4)}. */
  @Override
  public String toString() {
    return tupleString(dims);
  }
}
