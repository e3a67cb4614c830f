package org.jaxpresso.numpy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.jaxpresso.numpy.internal.shaping.Axes;
import org.jaxpresso.numpy.internal.shaping.Padder;

/**
 * Joining, splitting and repeating arrays: concatenate, stack, hstack, vstack, split, tile,
 * repeat, pad. Use through {@link Jnp}.
 */
public abstract class JnpJoining extends JnpShaping {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpJoining() {}

  /**
   * The arrays joined along axis 0, promoted to a common dtype.
   *
   * <pre>{@code Jnp.concatenate(List.of(Jnp.array(1, 2), Jnp.array(3)))   // [1, 2, 3]}</pre>
   *
   * @param arrays the input arrays
   * @return the arrays joined along axis 0, promoted to a common dtype
   */
  public static NDArray concatenate(List<?> arrays) {
    return concatenate(arrays, 0);
  }

  /**
   * The arrays joined along {@code axis} (negative counts from the end), promoted to a common
   * dtype as {@code jnp.concatenate}; lowers to {@code concatenate[dimension=...]}.
   *
   * @param arrays the input arrays
   * @param axis the axis to operate along; negative values count from the end
   * @return the arrays joined along {@code axis} (negative counts from the end), promoted to a
   *     common dtype as {@code jnp.concatenate}
   * @throws JaxValueError {@code Need at least one array to concatenate.}, {@code
   *     Zero-dimensional arrays cannot be concatenated.}, or a bad axis
   * @throws org.jaxpresso.core.errors.JaxTypeError {@code Cannot concatenate arrays with shapes
   *     that differ in dimensions other than the one being concatenated: ...}
   */
  public static NDArray concatenate(List<?> arrays, int axis) {
    if (arrays.isEmpty()) {
      throw new JaxValueError("Need at least one array to concatenate.");
    }
    if (NumpySupport.asArray(arrays.get(0)).ndim() == 0) {
      throw new JaxValueError("Zero-dimensional arrays cannot be concatenated.");
    }
    int ax = Axes.canonicalize(axis, NumpySupport.asArray(arrays.get(0)).ndim());
    List<NDArray> out = NumpySupport.promoteDtypes(arrays.toArray());
    // JAX joins wide lists as a tree of concatenations of at most 16 operands.
    int k = 16;
    while (out.size() > 1) {
      List<NDArray> next = new ArrayList<>();
      for (int i = 0; i < out.size(); i += k) {
        next.add(Lax.concatenate(out.subList(i, Math.min(i + k, out.size())), ax));
      }
      out = next;
    }
    return out.get(0);
  }

  /**
   * The raveled arrays joined (NumPy's {@code axis=None}).
   *
   * @param arrays the input arrays
   * @return the raveled arrays joined (NumPy's {@code axis=None})
   */
  public static NDArray concatenateFlat(List<?> arrays) {
    List<NDArray> flat = new ArrayList<>();
    for (Object a : arrays) {
      flat.add(ravel(a));
    }
    return concatenate(flat, 0);
  }

  /**
   * The same-shape arrays stacked along a new axis 0.
   *
   * <pre>{@code Jnp.stack(List.of(x, y))   // shape (2, *x.shape)}</pre>
   *
   * @param arrays the input arrays
   * @return the same-shape arrays stacked along a new axis 0
   */
  public static NDArray stack(List<?> arrays) {
    return stack(arrays, 0);
  }

  /**
   * The same-shape arrays stacked along a new axis {@code axis} (in {@code [-ndim-1, ndim]}).
   *
   * @param arrays the input arrays
   * @param axis the axis to operate along; negative values count from the end
   * @return the same-shape arrays stacked along a new axis {@code axis} (in {@code [-ndim-1,
   *     ndim]})
   * @throws JaxValueError {@code Need at least one array to stack.}, {@code All input arrays
   *     must have the same shape.}, or a bad axis
   */
  public static NDArray stack(List<?> arrays, int axis) {
    if (arrays.isEmpty()) {
      throw new JaxValueError("Need at least one array to stack.");
    }
    int[] shape0 = NumpySupport.asArray(arrays.get(0)).shape();
    int ax = Axes.canonicalize(axis, shape0.length + 1);
    List<NDArray> expanded = new ArrayList<>();
    for (Object o : arrays) {
      NDArray a = NumpySupport.asArray(o);
      if (!Arrays.equals(a.shape(), shape0)) {
        throw new JaxValueError("All input arrays must have the same shape.");
      }
      expanded.add(Lax.expandDims(a, ax));
    }
    return concatenate(expanded, ax);
  }

  /**
   * The arrays joined column-wise: along axis 0 for 1-D (and 0-d) inputs, else axis 1.
   *
   * <pre>{@code Jnp.hstack(List.of(Jnp.array(1, 2), Jnp.array(3)))   // [1, 2, 3]}</pre>
   *
   * @param arrays the input arrays
   * @return the arrays joined column-wise: along axis 0 for 1-D (and 0-d) inputs, else axis 1
   */
  public static NDArray hstack(List<?> arrays) {
    List<NDArray> arrs = new ArrayList<>();
    for (Object a : arrays) {
      arrs.add(atleast1d(a));
    }
    if (arrs.isEmpty()) {
      throw new JaxValueError("Need at least one array to concatenate.");
    }
    return concatenate(arrs, arrs.get(0).ndim() == 1 ? 0 : 1);
  }

  /**
   * The arrays joined row-wise: each made at least 2-D, then joined along axis 0.
   *
   * <pre>{@code Jnp.vstack(List.of(Jnp.array(1, 2), Jnp.array(3, 4)))   // [[1, 2], [3, 4]]}</pre>
   *
   * @param arrays the input arrays
   * @return the arrays joined row-wise: each made at least 2-D, then joined along axis 0
   */
  public static NDArray vstack(List<?> arrays) {
    List<NDArray> arrs = new ArrayList<>();
    for (Object a : arrays) {
      arrs.add(atleast2d(a));
    }
    return concatenate(arrs, 0);
  }

  /**
   * {@code x} split along {@code axis} into {@code sections} equal parts.
   *
   * <pre>{@code Jnp.split(Jnp.arange(6), 3, 0)   // [[0, 1], [2, 3], [4, 5]]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param sections the number of equal parts
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code x} split along {@code axis} into {@code sections} equal parts
   * @throws JaxValueError {@code array split does not result in an equal division: rest is 1}
   */
  public static List<NDArray> split(Object x, int sections, int axis) {
    NDArray a = NumpySupport.asArray(x);
    int ax = Axes.canonicalize(axis, a.ndim());
    int size = a.shape()[ax];
    if (sections <= 0) {
      throw new JaxValueError("number sections must be larger than 0.");
    }
    if (size % sections != 0) {
      throw new JaxValueError("array split does not result in an equal division: rest is "
          + size % sections);
    }
    int[] sizes = new int[sections];
    Arrays.fill(sizes, size / sections);
    return splitSizes(a, sizes, ax);
  }

  /**
   * {@code x} split along axis 0 into {@code sections} equal parts.
   *
   * @param x the operand: an array or a Java scalar
   * @param sections the number of equal parts
   * @return {@code x} split along axis 0 into {@code sections} equal parts
   */
  public static List<NDArray> split(Object x, int sections) {
    return split(x, sections, 0);
  }

  /**
   * {@code x} split along {@code axis} before each of the (sorted, in-range) {@code indices}:
   * {@code [:i0], [i0:i1], ..., [ik:]}.
   *
   * @param x the operand: an array or a Java scalar
   * @param indices the integer index array
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code x} split along {@code axis} before each of the (sorted, in-range) {@code
   *     indices}
   * @throws JaxValueError for decreasing or out-of-range indices ({@code Sizes passed to split
   *     must be nonnegative, got [...]}, {@code Sum of sizes ...})
   */
  public static List<NDArray> split(Object x, int[] indices, int axis) {
    NDArray a = NumpySupport.asArray(x);
    int ax = Axes.canonicalize(axis, a.ndim());
    int size = a.shape()[ax];
    int[] sizes = new int[indices.length + 1];
    int prev = 0;
    for (int i = 0; i < indices.length; i++) {
      sizes[i] = indices[i] - prev;
      prev = indices[i];
    }
    sizes[indices.length] = size - prev;
    return splitSizes(a, sizes, ax);
  }

  /** {@code lax.split}'s checks, then one slice per part. */
  private static List<NDArray> splitSizes(NDArray a, int[] sizes, int axis) {
    long total = 0;
    for (int s : sizes) {
      if (s < 0) {
        throw new JaxValueError("Sizes passed to split must be nonnegative, got "
            + Arrays.toString(sizes));
      }
      total += s;
    }
    if (total != a.shape()[axis]) {
      throw new JaxValueError("Sum of sizes " + total + " must be equal to dimension " + axis
          + " of the operand shape " + Arrays.toString(a.shape()));
    }
    List<NDArray> parts = new ArrayList<>();
    int start = 0;
    for (int s : sizes) {
      parts.add(Lax.sliceInDim(a, start, start + s, 1, axis));
      start += s;
    }
    return parts;
  }

  /**
   * {@code x} repeated {@code reps[i]} times along each axis (reps shorter than the rank apply
   * to the trailing axes; longer reps add leading axes), as {@code jnp.tile}.
   *
   * <pre>{@code Jnp.tile(Jnp.array(1, 2), 2)   // [1, 2, 1, 2]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param reps the repetitions per axis
   * @return {@code x} repeated {@code reps[i]} times along each axis (reps shorter than the rank
   *     apply to the trailing axes
   * @throws JaxValueError for a negative repetition
   */
  public static NDArray tile(Object x, int... reps) {
    NDArray a = NumpySupport.asArray(x);
    for (int r : reps) {
      if (r < 0) {
        throw new JaxValueError("negative dimensions are not allowed: reps=" + Axes.tuple(reps));
      }
    }
    int[] xs = a.shape();
    int rank = Math.max(reps.length, xs.length);
    int[] shape = new int[rank];
    int[] rp = new int[rank];
    Arrays.fill(shape, 1);
    Arrays.fill(rp, 1);
    System.arraycopy(xs, 0, shape, rank - xs.length, xs.length);
    System.arraycopy(reps, 0, rp, rank - reps.length, reps.length);
    int[] interleaved = new int[2 * rank];
    int[] target = new int[2 * rank];
    int[] result = new int[rank];
    for (int i = 0; i < rank; i++) {
      interleaved[2 * i] = 1;
      interleaved[2 * i + 1] = shape[i];
      target[2 * i] = rp[i];
      target[2 * i + 1] = shape[i];
      result[i] = shape[i] * rp[i];
    }
    return reshape(broadcastTo(reshape(a, (Object) interleaved), target), (Object) result);
  }

  /**
   * The elements of the flattened {@code x}, each repeated {@code repeats} times.
   *
   * <pre>{@code Jnp.repeat(Jnp.array(1, 2), 2)   // [1, 1, 2, 2]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param repeats how many times to repeat
   * @return the elements of the flattened {@code x}, each repeated {@code repeats} times
   */
  public static NDArray repeat(Object x, int repeats) {
    return repeat(ravel(x), repeats, 0);
  }

  /**
   * {@code x} with each slice along {@code axis} repeated {@code repeats} times, as
   * {@code jnp.repeat} with a scalar count (expand, tile, reshape).
   *
   * @param x the operand: an array or a Java scalar
   * @param repeats how many times to repeat
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code x} with each slice along {@code axis} repeated {@code repeats} times, as {@code
   *     jnp.repeat} with a scalar count (expand, tile, reshape)
   * @throws JaxValueError for a negative count or a bad axis
   */
  public static NDArray repeat(Object x, int repeats, int axis) {
    NDArray a = NumpySupport.asArray(x);
    if (repeats < 0) {
      throw new JaxValueError("repeats may not contain negative values.");
    }
    if (a.ndim() == 0) {
      Axes.canonicalize(axis, 1);
      return broadcastTo(a, repeats);
    }
    int ax = Axes.canonicalize(axis, a.ndim());
    int[] inputShape = a.shape();
    NDArray e = Lax.expandDims(a, ax + 1);
    int[] reps = new int[e.ndim()];
    Arrays.fill(reps, 1);
    reps[ax + 1] = repeats;
    int[] resultShape = inputShape.clone();
    resultShape[ax] *= repeats;
    return reshape(tile(e, reps), (Object) resultShape);
  }

  /**
   * {@code x} with slice {@code i} along {@code axis} repeated {@code repeats[i]} times
   * ({@code repeats} is static; one count applies to every slice).
   *
   * @param x the operand: an array or a Java scalar
   * @param repeats how many times to repeat
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code x} with slice {@code i} along {@code axis} repeated {@code repeats[i]} times
   *     ({@code repeats} is static
   * @throws JaxValueError if the counts do not match the axis length, are negative, or the axis
   *     is bad
   */
  public static NDArray repeat(Object x, int[] repeats, int axis) {
    NDArray a = NumpySupport.asArray(x);
    if (repeats.length == 1) {
      return repeat(a, repeats[0], axis);
    }
    if (a.ndim() == 0) {
      throw new JaxValueError("`repeat` with a scalar parameter `a` is only implemented for "
          + "scalar values of the parameter `repeats`.");
    }
    int ax = Axes.canonicalize(axis, a.ndim());
    int n = a.shape()[ax];
    if (repeats.length != n) {
      throw new JaxValueError("operands could not be broadcast together with remapped shapes"
          + " [original->remapped]: (" + repeats.length + ",)  and requested shape (" + n + ",)");
    }
    List<NDArray> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (repeats[i] < 0) {
        throw new JaxValueError("repeats may not contain negative values.");
      }
      if (repeats[i] > 0) {
        int[] shape = a.shape();
        shape[ax] = repeats[i];
        parts.add(broadcastTo(Lax.sliceInDim(a, i, i + 1, 1, ax), shape));
      }
    }
    if (parts.isEmpty()) {
      return Lax.sliceInDim(a, 0, 0, 1, ax);
    }
    return Lax.concatenate(parts, ax);
  }

  /**
   * {@code x} padded with zeros: {@code widths} is {@code {{before, after}}} for every axis,
   * or one {@code {before, after}} row per axis.
   *
   * <pre>{@code Jnp.pad(Jnp.array(1, 2), new int[][] {{1, 2}})   // [0, 1, 2, 0, 0]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param widths the padding widths per axis
   * @return {@code x} padded with zeros
   */
  public static NDArray pad(Object x, int[][] widths) {
    return pad(x, widths, 0);
  }

  /**
   * {@code x} padded by {@code width} on both sides of every axis with zeros.
   *
   * @param x the operand: an array or a Java scalar
   * @param width the number of zeros added at each end of every axis
   * @return {@code x} padded by {@code width} on both sides of every axis with zeros
   */
  public static NDArray pad(Object x, int width) {
    return pad(x, new int[][] {{width, width}}, 0);
  }

  /**
   * {@code x} padded with the scalar {@code value} (converted to x's dtype); lowers to one
   * {@code pad[padding_config=...]}.
   *
   * @param x the operand: an array or a Java scalar
   * @param widths the padding widths per axis
   * @param value the padding value
   * @return {@code x} padded with the scalar {@code value} (converted to x's dtype)
   * @throws JaxValueError {@code index can't contain negative values}, or widths of an
   *     unsupported structure
   */
  public static NDArray pad(Object x, int[][] widths, Object value) {
    NDArray a = NumpySupport.asArray(x);
    return Padder.constant(a, Padder.pairs(widths, a.ndim()), value);
  }

  /**
   * {@code x} padded in {@code mode} ({@link PadMode#CONSTANT} pads with zeros).
   *
   * <pre>{@code Jnp.pad(Jnp.array(1, 2, 3), new int[][] {{2, 2}}, PadMode.REFLECT)
   * // [3, 2, 1, 2, 3, 2, 1]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param widths the padding widths per axis
   * @param mode how out-of-bounds indices are handled
   * @return {@code x} padded in {@code mode} ({@link PadMode#CONSTANT} pads with zeros)
   * @throws JaxValueError {@code Cannot apply 'edge' padding to empty axis}, negative widths
   */
  public static NDArray pad(Object x, int[][] widths, PadMode mode) {
    NDArray a = NumpySupport.asArray(x);
    int[][] pw = Padder.pairs(widths, a.ndim());
    return switch (mode) {
      case CONSTANT -> Padder.constant(a, pw, 0);
      case EDGE -> Padder.edge(a, pw);
      case REFLECT, SYMMETRIC -> Padder.reflect(a, pw, mode);
      case WRAP -> Padder.wrap(a, pw);
    };
  }
}
