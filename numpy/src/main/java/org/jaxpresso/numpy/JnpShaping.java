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

/** Shape manipulation: reshape, transpose, squeeze, expand_dims, ravel, ... Use through {@link Jnp}. */
public abstract class JnpShaping extends JnpMath {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpShaping() {}

  /**
   * {@code x} with a new shape of the same size. Sizes are ints (one may be -1, inferred),
   * {@code int[]}s, or concrete 0-d integer arrays; a traced size raises JAX's error.
   *
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
        got.append(i > 0 ? ", " : "").append(parts[i] instanceof NDArray n ? n.repr() : String.valueOf(parts[i]));
      }
      got.append(']');
      String msg = "Shapes must be 1D sequences of concrete values of integer type, got " + got + ".\n"
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
        throw new JaxTypeError("cannot reshape array of shape " + a.aval().shape() + " (size " + size
            + ") into shape " + Shape.tupleString(shape));
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

  /** The axes permuted by {@code axes} (none: reversed). */
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
        perm[i] = NumpySupport.normalizeAxis(axes[i], n);
      }
    }
    boolean identity = true;
    for (int i = 0; i < n; i++) {
      identity &= perm[i] == i;
    }
    return identity ? a : Lax.transpose(a, perm);
  }

  /** The elements as a 1-D array. */
  public static NDArray ravel(Object x) {
    NDArray a = NumpySupport.asArray(x);
    return a.ndim() == 1 ? a : reshape(a, -1);
  }

  /** Removes the size-1 dimensions {@code axes} (all size-1 dimensions if none are given). */
  public static NDArray squeeze(Object x, int... axes) {
    NDArray a = NumpySupport.asArray(x);
    int[] s = a.shape();
    int[] dims;
    if (axes.length == 0) {
      dims = java.util.stream.IntStream.range(0, s.length).filter(i -> s[i] == 1).toArray();
    } else {
      dims = NumpySupport.normalizeAxes(axes, s.length);
      for (int d : dims) {
        if (s[d] != 1) {
          throw new JaxValueError("cannot select an axis to squeeze out which has size not equal to one,"
              + " got shape=" + Shape.tupleString(s) + " and dimensions=" + Shape.tupleString(axes));
        }
      }
    }
    return dims.length == 0 ? a : Lax.squeeze(a, dims);
  }

  /** Inserts size-1 dimensions at {@code axes} (positions in the result). */
  public static NDArray expandDims(Object x, int... axes) {
    NDArray a = NumpySupport.asArray(x);
    int rank = a.ndim() + axes.length;
    int[] norm = NumpySupport.normalizeAxes(axes, rank);
    return Lax.expandDims(a, norm);
  }
}
