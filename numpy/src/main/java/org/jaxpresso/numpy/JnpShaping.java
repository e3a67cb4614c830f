package org.jaxpresso.numpy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.jaxpresso.numpy.internal.shaping.Axes;

/**
 * Shape manipulation of one array: reshape, transpose, swapaxes, moveaxis, squeeze, expand_dims,
 * ravel, flip, roll, atleast_1d/2d. Joining and splitting are in {@link JnpJoining}. Use through
 * {@link Jnp}.
 */
public abstract class JnpShaping extends JnpMath {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpShaping() {}

  /**
   * {@code x} with a new shape of the same size. Sizes are ints (one may be -1, inferred),
   * {@code int[]}s, or concrete 0-d integer arrays; a traced size raises JAX's error.
   *
   * @param x the operand: an array or a Java scalar
   * @param newShape the new sizes: ints (one may be -1) or 0-d integer arrays
   * @return {@code x} with a new shape of the same size
   * @throws JaxTypeError {@code cannot reshape array of shape (6,) (size 6) into shape (4, 2)
   *     (size 8)}, or {@code Shapes must be 1D sequences of concrete values of integer type, ...}
   */
  public static NDArray reshape(Object x, Object... newShape) {
    NDArray a = NumpySupport.asArray(x);
    int[] requested = concreteShape(newShape);
    int[] shape = inferSize(a, requested);
    if (Arrays.equals(shape, a.shape())) {
      return a;
    }
    return Lax.reshape(a, shape);
  }

  /**
   * Concrete Java ints from a shape given as ints, int arrays or 0-d integer arrays.
   *
   * @param parts ints, int arrays or 0-d integer arrays
   * @return concrete Java ints from a shape given as ints, int arrays or 0-d integer arrays
   * @throws JaxTypeError naming the traced or non-integer entries
   */
  public static int[] concreteShape(Object... parts) {
    List<Integer> out = new ArrayList<>();
    boolean bad = false;
    Tracer firstTracer = null;
    for (Object p : parts) {
      switch (p) {
        case Integer i -> out.add(i);
        case Long l -> out.add(Math.toIntExact(l));
        case int[] a -> {
          for (int v : a) {
            out.add(v);
          }
        }
        case Array arr when arr.dtype().isInteger() && arr.ndim() <= 1 -> {
          for (long v : arr.toLongArray()) {
            out.add(Math.toIntExact(v));
          }
        }
        case Tracer t -> {
          bad = true;
          if (firstTracer == null) {
            firstTracer = t;
          }
        }
        default -> bad = true;
      }
    }
    if (bad) {
      StringBuilder got = new StringBuilder("[");
      for (int i = 0; i < parts.length; i++) {
        got.append(i > 0 ? ", " : "")
            .append(parts[i] instanceof NDArray n ? n.repr() : String.valueOf(parts[i]));
      }
      got.append(']');
      String msg = "Shapes must be 1D sequences of concrete values of integer type, got " + got
          + ".\n"
          + "If using `jit`, try using `static_argnums` or applying `jit` to smaller subfunctions.";
      if (firstTracer != null && !firstTracer.origin().isEmpty()) {
        msg += "\n" + firstTracer.origin();
      }
      throw new JaxTypeError(msg);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] inferSize(NDArray a, int[] shape) {
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == -1) {
        if (unknown >= 0) {
          throw new JaxValueError("can only specify one unknown dimension");
        }
        unknown = i;
      } else if (shape[i] < 0) {
        throw new JaxValueError("negative dimensions not allowed: " + Shape.tupleString(shape));
      } else {
        known *= shape[i];
      }
    }
    int[] out = shape.clone();
    long size = a.aval().size();
    if (unknown >= 0) {
      if (known == 0 || size % known != 0) {
        throw new JaxTypeError("cannot reshape array of shape " + a.aval().shape() + " (size "
            + size + ") into shape " + Shape.tupleString(shape));
      }
      out[unknown] = (int) (size / known);
      known *= out[unknown];
    }
    if (known != size) {
      throw new JaxTypeError("cannot reshape array of shape " + a.aval().shape() + " (size " + size
          + ") into shape " + Shape.tupleString(shape) + " (size " + known + ")");
    }
    return out;
  }

  /**
   * The axes permuted by {@code axes} (none: reversed), as {@code jnp.transpose}; lowers to
   * {@code transpose[permutation=...]}.
   *
   * <pre>{@code Jnp.transpose(x, 1, 0)   // x.T for a matrix}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the axes permuted by {@code axes} (none
   * @throws JaxValueError {@code axes don't match array} or an out-of-bounds axis
   */
  public static NDArray transpose(Object x, int... axes) {
    NDArray a = NumpySupport.asArray(x);
    int n = a.ndim();
    int[] perm = new int[n];
    if (axes.length == 0) {
      for (int i = 0; i < n; i++) {
        perm[i] = n - 1 - i;
      }
    } else {
      if (axes.length != n) {
        throw new JaxValueError("axes don't match array");
      }
      for (int i = 0; i < n; i++) {
        perm[i] = Axes.canonicalize(axes[i], n);
      }
    }
    return Lax.transpose(a, perm);
  }

  /**
   * {@code x} with axes {@code axis1} and {@code axis2} interchanged.
   *
   * <pre>{@code Jnp.swapaxes(x, 0, -1)   // (2, 3, 4) -> (4, 3, 2)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param axis1 the first axis
   * @param axis2 the second axis
   * @return {@code x} with axes {@code axis1} and {@code axis2} interchanged
   */
  public static NDArray swapaxes(Object x, int axis1, int axis2) {
    NDArray a = NumpySupport.asArray(x);
    int n = a.ndim();
    int i = Axes.canonicalize(axis1, n);
    int j = Axes.canonicalize(axis2, n);
    int[] perm = new int[n];
    for (int k = 0; k < n; k++) {
      perm[k] = k;
    }
    perm[i] = j;
    perm[j] = i;
    return Lax.transpose(a, perm);
  }

  /**
   * {@code x} with axis {@code source} moved to position {@code destination}, the others in
   * order.
   *
   * <pre>{@code Jnp.moveaxis(x, 0, -1)   // (2, 3, 4) -> (3, 4, 2)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param source the axis to move; negative counts from the end
   * @param destination the new position of the axis; negative counts from the end
   * @return {@code x} with axis {@code source} moved to position {@code destination}, the others in
   *     order
   */
  public static NDArray moveaxis(Object x, int source, int destination) {
    return moveaxis(x, new int[] {source}, new int[] {destination});
  }

  /**
   * {@code x} with each axis {@code source[i]} moved to {@code destination[i]}, as
   * {@code jnp.moveaxis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param source the axis to move; negative counts from the end
   * @param destination the new position of the axis; negative counts from the end
   * @return {@code x} with each axis {@code source[i]} moved to {@code destination[i]}, as {@code
   *     jnp.moveaxis}
   * @throws JaxValueError {@code Inconsistent number of elements: 2 vs 1}, a bad axis, or (for
   *     repeated axes) {@code transpose}'s permutation error
   */
  public static NDArray moveaxis(Object x, int[] source, int[] destination) {
    NDArray a = NumpySupport.asArray(x);
    int n = a.ndim();
    int[] src = new int[source.length];
    for (int i = 0; i < src.length; i++) {
      src[i] = Axes.canonicalize(source[i], n);
    }
    int[] dst = new int[destination.length];
    for (int i = 0; i < dst.length; i++) {
      dst[i] = Axes.canonicalize(destination[i], n);
    }
    if (src.length != dst.length) {
      throw new JaxValueError(
          "Inconsistent number of elements: " + src.length + " vs " + dst.length);
    }
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean moved = false;
      for (int s : src) {
        moved |= s == i;
      }
      if (!moved) {
        perm.add(i);
      }
    }
    Integer[] order = new Integer[src.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> dst[p] != dst[q] ? Integer.compare(dst[p], dst[q])
        : Integer.compare(src[p], src[q]));
    for (int k : order) {
      perm.add(Math.min(dst[k], perm.size()), src[k]);
    }
    return Lax.transpose(a, perm.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * {@code x} reversed along {@code axes} (all axes if none are given); lowers to {@code rev}.
   *
   * <pre>{@code Jnp.flip(Jnp.arange(3))   // [2, 1, 0]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code x} reversed along {@code axes} (all axes if none are given); lowers to {@code
   *     rev}
   */
  public static NDArray flip(Object x, int... axes) {
    NDArray a = NumpySupport.asArray(x);
    int n = a.ndim();
    int[] dims;
    if (axes.length == 0) {
      dims = new int[n];
      for (int i = 0; i < n; i++) {
        dims[i] = i;
      }
    } else {
      dims = new int[axes.length];
      for (int i = 0; i < axes.length; i++) {
        dims[i] = Axes.canonicalize(axes[i], n);
      }
    }
    return Lax.rev(a, dims);
  }

  /**
   * The elements of the flattened {@code x} shifted by {@code shift} positions (wrapping
   * around), in {@code x}'s shape.
   *
   * <pre>{@code Jnp.roll(Jnp.arange(5), 2)   // [3, 4, 0, 1, 2]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param shift the number of positions; negative shifts left
   * @return the elements of the flattened {@code x} shifted by {@code shift} positions (wrapping
   *     around), in {@code x}'s shape
   */
  public static NDArray roll(Object x, int shift) {
    NDArray a = NumpySupport.asArray(x);
    return reshape(rollStatic(ravel(a), new int[] {shift}, new int[] {0}), (Object) a.shape());
  }

  /**
   * {@code x} rolled by {@code shift} along {@code axis}.
   *
   * @param x the operand: an array or a Java scalar
   * @param shift the number of positions; negative shifts left
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code x} rolled by {@code shift} along {@code axis}
   */
  public static NDArray roll(Object x, int shift, int axis) {
    return roll(x, new int[] {shift}, new int[] {axis});
  }

  /**
   * {@code x} rolled by {@code shifts[i]} along {@code axes[i]}; one shift applies to every
   * axis and one axis to every shift (NumPy's broadcasting of the two).
   *
   * @param x the operand: an array or a Java scalar
   * @param shifts the shift per axis
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code x} rolled by {@code shifts[i]} along {@code axes[i]}
   * @throws JaxValueError if the lengths cannot broadcast, or for a bad axis
   */
  public static NDArray roll(Object x, int[] shifts, int[] axes) {
    NDArray a = NumpySupport.asArray(x);
    int[] ax = new int[axes.length];
    for (int i = 0; i < axes.length; i++) {
      ax[i] = Axes.canonicalize(axes[i], a.ndim());
    }
    return rollStatic(a, shifts, ax);
  }

  private static NDArray rollStatic(NDArray a, int[] shifts, int[] axes) {
    int n = Math.max(shifts.length, axes.length);
    if ((shifts.length != n && shifts.length != 1) || (axes.length != n && axes.length != 1)) {
      throw new JaxValueError("shape mismatch: objects cannot be broadcast to a single shape."
          + "  Mismatch is between arg 0 with shape (" + axes.length + ",) and arg 1 with shape ("
          + shifts.length + ",).");
    }
    for (int k = 0; k < n; k++) {
      int ax = axes[axes.length == 1 ? 0 : k];
      int s = shifts[shifts.length == 1 ? 0 : k];
      int size = a.shape()[ax];
      if (size == 0) {
        continue;
      }
      int i = Math.floorMod(-s, size);
      NDArray tail = Lax.sliceInDim(a, i, size, 1, ax);
      NDArray head = Lax.sliceInDim(a, 0, i, 1, ax);
      a = Lax.concatenate(List.of(tail, head), ax);
    }
    return a;
  }

  /**
   * {@code x} with at least one dimension: a 0-d array becomes shape {@code (1,)}.
   *
   * <pre>{@code Jnp.atleast1d(3)   // Array([3], dtype=int32)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code x} with at least one dimension: a 0-d array becomes shape {@code (1,)}
   */
  public static NDArray atleast1d(Object x) {
    return atleastNd(x, 1);
  }

  /**
   * Each operand with at least one dimension.
   *
   * @param xs the input arrays
   * @return each operand with at least one dimension
   */
  public static List<NDArray> atleast1d(Object... xs) {
    List<NDArray> out = new ArrayList<>();
    for (Object x : xs) {
      out.add(atleast1d(x));
    }
    return out;
  }

  /**
   * {@code x} with at least two dimensions: leading size-1 axes are added, so a vector of
   * length n becomes {@code (1, n)}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code x} with at least two dimensions
   */
  public static NDArray atleast2d(Object x) {
    return atleastNd(x, 2);
  }

  /**
   * Each operand with at least two dimensions.
   *
   * @param xs the input arrays
   * @return each operand with at least two dimensions
   */
  public static List<NDArray> atleast2d(Object... xs) {
    List<NDArray> out = new ArrayList<>();
    for (Object x : xs) {
      out.add(atleast2d(x));
    }
    return out;
  }

  private static NDArray atleastNd(Object x, int n) {
    NDArray a = NumpySupport.asArray(x);
    int missing = n - a.ndim();
    if (missing <= 0) {
      return a;
    }
    int[] dims = new int[missing];
    for (int i = 0; i < missing; i++) {
      dims[i] = i;
    }
    return Lax.expandDims(a, dims);
  }

  /**
   * The elements as a 1-D array.
   *
   * @param x the operand: an array or a Java scalar
   * @return the elements as a 1-D array
   */
  public static NDArray ravel(Object x) {
    NDArray a = NumpySupport.asArray(x);
    return a.ndim() == 1 ? a : reshape(a, -1);
  }

  /**
   * Removes the size-1 dimensions {@code axes} (all size-1 dimensions if none are given);
   * lowers to {@code squeeze[dimensions=...]} with the axes canonicalized and sorted.
   *
   * <pre>{@code Jnp.squeeze(Jnp.zeros(1, 3, 1))   // shape (3,)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code x} without those size-1 dimensions
   * @throws JaxValueError {@code cannot select an axis to squeeze out which has size not equal to
   *     one, got shape=(2, 3) and dimensions=(0,)}, {@code dimensions are not unique: (1, 1)},
   *     or a bad axis
   */
  public static NDArray squeeze(Object x, int... axes) {
    NDArray a = NumpySupport.asArray(x);
    int[] s = a.shape();
    int[] dims = axes.length == 0
        ? java.util.stream.IntStream.range(0, s.length).filter(i -> s[i] == 1).toArray()
        : axes;
    return Lax.squeeze(a, dims);
  }

  /**
   * Inserts size-1 dimensions at {@code axes} (positions in the result); lowers to
   * {@code broadcast_in_dim}.
   *
   * <pre>{@code Jnp.expandDims(Jnp.zeros(3), 0)   // shape (1, 3)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code x} with the new size-1 dimensions
   * @throws JaxValueError {@code repeated axis in lax.expand_dims: (0, 0)} or a bad axis
   */
  public static NDArray expandDims(Object x, int... axes) {
    return Lax.expandDims(NumpySupport.asArray(x), axes);
  }
}
