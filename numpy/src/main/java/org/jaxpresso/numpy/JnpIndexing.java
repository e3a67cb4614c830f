package org.jaxpresso.numpy;

import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.jaxpresso.numpy.internal.indexing.Indexing;
import org.jaxpresso.numpy.internal.indexing.Searching;

/**
 * Indexing, {@code .at[]} updates, sorting and searching: {@code x[idx]} as {@link #get},
 * the index kinds ({@link #slice}, {@link #newaxis}, {@link #ellipsis}, {@link #ds}),
 * {@link #take}, {@link #sort}, {@link #nonzero}, {@link #unique} and friends. Use through
 * {@link Jnp}.
 *
 * <p>Reads lower as JAX lowers them: static ints and slices to {@code slice} (+ {@code rev},
 * {@code squeeze}, {@code broadcast_in_dim}), traced scalar ints to {@code dynamic_slice} of
 * the normalized index, integer arrays and boolean masks to {@code gather}. Out-of-bounds reads
 * clamp.
 */
public abstract class JnpIndexing extends JnpLinalg {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpIndexing() {}

  // ---- index kinds ----

  /**
   * Python's {@code start:stop:step}; null for an absent bound.
   *
   * <pre>{@code x.get(slice(1, null, 2))   // x[1::2]}</pre>
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @param step the spacing between values
   * @return python's {@code start:stop:step}; null for an absent bound
   */
  public static Index.Slice slice(Object start, Object stop, Object step) {
    return new Index.Slice(start, stop, step);
  }

  /**
   * Python's {@code start:stop}.
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @return python's {@code start:stop}
   */
  public static Index.Slice slice(Object start, Object stop) {
    return new Index.Slice(start, stop, null);
  }

  /**
   * Python's {@code :} ({@code slice(None)}: the whole axis): {@code x.get(slice(), 0)}.
   *
   * @return python's {@code :} ({@code slice(None)}: the whole axis): {@code x.get(slice(), 0)}
   */
  public static Index.Slice slice() {
    return new Index.Slice(null, null, null);
  }

  /**
   * {@code None} / {@code np.newaxis}: {@code x.get(newaxis())} has shape {@code (1, ...)}.
   *
   * @return {@code None} / {@code np.newaxis}: {@code x.get(newaxis())} has shape {@code (1, ...)}
   */
  public static Index.NewAxis newaxis() {
    return new Index.NewAxis();
  }

  /**
   * {@code ...}: {@code x.get(ellipsis(), 0)} is {@code x[..., 0]}.
   *
   * @return {@code ...}: {@code x.get(ellipsis(), 0)} is {@code x[..., 0]}
   */
  public static Index.Ellipsis ellipsis() {
    return new Index.Ellipsis();
  }

  /**
   * JAX's {@code jax.ds(start, size)}: a window of static size at a possibly traced start.
   *
   * <pre>{@code x.get(ds(i, 2))   // dynamic_slice of size 2 at i (clamped)}</pre>
   *
   * @param start the first value (inclusive)
   * @param size the static size of the window
   * @return JAX's {@code jax.ds(start, size)}: a window of static size at a possibly traced start
   */
  public static Index.DynamicSlice ds(Object start, int size) {
    return new Index.DynamicSlice(start, size);
  }

  // ---- reading and updating ----

  /**
   * {@code x[index]}: ints (negative wrap once), {@link #slice}, {@link #newaxis},
   * {@link #ellipsis}, {@link #ds}, integer arrays (NumPy advanced indexing) and concrete
   * boolean masks. Out-of-bounds reads clamp.
   *
   * <pre>{@code
   * get(x, 0, slice(1, null));       // x[0, 1:]
   * get(a, new int[] {0, 1}, new int[] {1, 2});   // a[[0, 1], [1, 2]]
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param index ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @return {@code x[index]}
   * @throws org.jaxpresso.core.errors.NonConcreteBooleanIndexError for a traced mask
   * @throws org.jaxpresso.core.errors.JaxIndexError for too many indices or traced slice bounds
   * @throws org.jaxpresso.core.errors.JaxTypeError for a float indexer
   */
  public static NDArray get(Object x, Object... index) {
    return Indexing.take(NumpySupport.asArray(x), index, null, null, true, false, false);
  }

  /**
   * {@code x.at[index]}: functional updates ({@code set add subtract multiply divide power min
   * max apply get}) with JAX's options ({@code mode}, {@code fillValue}, ...).
   *
   * <pre>{@code at(x, new int[] {0, 0, 1}).add(1)   // duplicates accumulate}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param index ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   * @return {@code x.at[index]}
   */
  public static IndexUpdater at(Object x, Object... index) {
    return new IndexUpdater(NumpySupport.asArray(x), index);
  }

  /**
   * {@code jnp.take(x, indices, axis)} with JAX's default mode fill: out-of-bounds indices
   * read NaN (floats), the minimum (signed ints), the maximum (unsigned) or True.
   *
   * <pre>{@code take(arange(5.0), new int[] {10})   // [nan]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param indices the integer index array
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code jnp.take(x, indices, axis)} with JAX's default mode fill
   */
  public static NDArray take(Object x, Object indices, int axis) {
    return Searching.take(x, indices, axis, null, null);
  }

  /**
   * {@code jnp.take(x, indices)} on the flattened array.
   *
   * @param x the operand: an array or a Java scalar
   * @param indices the integer index array
   * @return {@code jnp.take(x, indices)} on the flattened array
   */
  public static NDArray take(Object x, Object indices) {
    return Searching.take(x, indices, null, null, null);
  }

  /**
   * {@code jnp.take(x, indices, axis, mode)}: mode {@code "fill"} (default), {@code "clip"} or
   * {@code "wrap"}; axis null for the flattened array.
   *
   * @param x the operand: an array or a Java scalar
   * @param indices the integer index array
   * @param axis the axis to operate along; negative values count from the end
   * @param mode how out-of-bounds indices are handled
   * @return {@code jnp.take(x, indices, axis, mode)}
   */
  public static NDArray take(Object x, Object indices, Integer axis, String mode) {
    return Searching.take(x, indices, axis, mode, null);
  }

  /**
   * {@code jnp.take(..., mode="fill", fill_value=fillValue)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param indices the integer index array
   * @param axis the axis to operate along; negative values count from the end
   * @param mode how out-of-bounds indices are handled
   * @param fillValue the value used where no input element applies
   * @return {@code jnp.take(..., mode="fill", fill_value=fillValue)}
   */
  public static NDArray take(Object x, Object indices, Integer axis, String mode,
      Object fillValue) {
    return Searching.take(x, indices, axis, mode, fillValue);
  }

  /**
   * {@code jnp.take_along_axis(x, indices, axis)}: out-of-bounds positions read the fill value.
   *
   * <pre>{@code takeAlongAxis(x, argsort(x, 1), 1)   // sorted along axis 1}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param indices the integer index array
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code jnp.take_along_axis(x, indices, axis)}: out-of-bounds positions read the fill
   *     value
   */
  public static NDArray takeAlongAxis(Object x, Object indices, int axis) {
    return Searching.takeAlongAxis(x, indices, axis);
  }

  // ---- sorting and searching ----

  /**
   * {@code jnp.sort(x)} along the last axis (stable; NaNs last).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code jnp.sort(x)} along the last axis (stable; NaNs last)
   */
  public static NDArray sort(Object x) {
    return Searching.sort(x, -1);
  }

  /**
   * {@code jnp.sort(x, axis)}: stable, NaNs last; axis null sorts the flattened array.
   *
   * <pre>{@code sort(array(3, 1, 2), 0)   // [1, 2, 3]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code jnp.sort(x, axis)}: stable, NaNs last; axis null sorts the flattened array
   */
  public static NDArray sort(Object x, Integer axis) {
    return Searching.sort(x, axis);
  }

  /**
   * {@code jnp.argsort(x)} along the last axis (stable), as int32.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code jnp.argsort(x)} along the last axis (stable), as int32
   */
  public static NDArray argsort(Object x) {
    return Searching.argsort(x, -1);
  }

  /**
   * {@code jnp.argsort(x, axis)} (stable; axis null: flattened), as int32.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code jnp.argsort(x, axis)} (stable; axis null: flattened), as int32
   */
  public static NDArray argsort(Object x, Integer axis) {
    return Searching.argsort(x, axis);
  }

  /**
   * {@code jnp.searchsorted(a, v)}: insertion points keeping the 1-D {@code a} sorted (left).
   *
   * <pre>{@code searchsorted(array(1, 2, 3), 2)   // 1}</pre>
   *
   * @param a the input: an array or a Java scalar
   * @param v the values to find insertion points for
   * @return {@code jnp.searchsorted(a, v)}: insertion points keeping the 1-D {@code a} sorted
   *     (left)
   */
  public static NDArray searchsorted(Object a, Object v) {
    return Searching.searchsorted(a, v, "left");
  }

  /**
   * {@code jnp.searchsorted(a, v, side)} with side {@code "left"} or {@code "right"}.
   *
   * @param a the input: an array or a Java scalar
   * @param v the values to find insertion points for
   * @param side {@code "left"} or {@code "right"}: which of equal elements to insert before
   * @return {@code jnp.searchsorted(a, v, side)} with side {@code "left"} or {@code "right"}
   */
  public static NDArray searchsorted(Object a, Object v, String side) {
    return Searching.searchsorted(a, v, side);
  }

  /**
   * {@code jnp.nonzero(x)}: one int32 coordinate array per dimension; needs a concrete
   * {@code x} (use the {@code size} overload under jit).
   *
   * <pre>{@code nonzero(array(0, 5, 0, 6))   // [[1, 3]]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code jnp.nonzero(x)}
   * @throws org.jaxpresso.core.errors.ConcretizationTypeError on a traced array
   */
  public static List<NDArray> nonzero(Object x) {
    return Searching.nonzero(x, null, null);
  }

  /**
   * {@code jnp.nonzero(x, size=size)}: padded with 0 or truncated to {@code size}.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results: padded or truncated to it
   * @return {@code jnp.nonzero(x, size=size)}: padded with 0 or truncated to {@code size}
   */
  public static List<NDArray> nonzero(Object x, int size) {
    return Searching.nonzero(x, size, null);
  }

  /**
   * {@code jnp.nonzero(x, size=size, fill_value=fillValue)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results: padded or truncated to it
   * @param fillValue the value used where no input element applies
   * @return {@code jnp.nonzero(x, size=size, fill_value=fillValue)}
   */
  public static List<NDArray> nonzero(Object x, int size, Object fillValue) {
    return Searching.nonzero(x, size, fillValue);
  }

  /**
   * {@code jnp.argwhere(x)}: the nonzero coordinates as rows, shape {@code (n, ndim)}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code jnp.argwhere(x)}: the nonzero coordinates as rows, shape {@code (n, ndim)}
   */
  public static NDArray argwhere(Object x) {
    return Searching.argwhere(x, null, null);
  }

  /**
   * {@code jnp.argwhere(x, size=size)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results: padded or truncated to it
   * @return {@code jnp.argwhere(x, size=size)}
   */
  public static NDArray argwhere(Object x, int size) {
    return Searching.argwhere(x, size, null);
  }

  /**
   * {@code jnp.argwhere(x, size=size, fill_value=fillValue)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results: padded or truncated to it
   * @param fillValue the value used where no input element applies
   * @return {@code jnp.argwhere(x, size=size, fill_value=fillValue)}
   */
  public static NDArray argwhere(Object x, int size, Object fillValue) {
    return Searching.argwhere(x, size, fillValue);
  }

  /**
   * One-argument {@code jnp.where(condition)}: the same as {@link #nonzero(Object)}.
   *
   * @param condition the boolean condition
   * @return one-argument {@code jnp.where(condition)}: the same as {@link #nonzero(Object)}
   */
  public static List<NDArray> where(Object condition) {
    return Searching.nonzero(condition, null, null);
  }

  /**
   * {@code size=n} for {@link #where(Object, SizeOptions)} and
   * {@link #nonzero(Object, SizeOptions)}.
   *
   * @param n the static number of results
   * @return {@code size=n} for {@link #where(Object, SizeOptions)} and {@link #nonzero(Object,
   *     SizeOptions)}
   */
  public static SizeOptions size(int n) {
    return new SizeOptions(n, null);
  }

  /**
   * {@code jnp.where(condition, size=, fill_value=)}: the one-argument where with a static size.
   *
   * <pre>{@code where(greater(x, 2), size(4))   // ([3, 4, 0, 0],) for x = arange(5)}</pre>
   *
   * @param condition the boolean condition
   * @param size the static {@code size} and optional {@code fill_value}, e.g. {@code Jnp.size(3)}
   * @return {@code jnp.where(condition, size=, fill_value=)}: the one-argument where with a static
   *     size
   */
  public static List<NDArray> where(Object condition, SizeOptions size) {
    return Searching.nonzero(condition, size.size(), size.fillValue());
  }

  /**
   * {@code jnp.nonzero(x, size=, fill_value=)} with the options value.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static {@code size} and optional {@code fill_value}, e.g. {@code Jnp.size(3)}
   * @return {@code jnp.nonzero(x, size=, fill_value=)} with the options value
   */
  public static List<NDArray> nonzero(Object x, SizeOptions size) {
    return Searching.nonzero(x, size.size(), size.fillValue());
  }

  /**
   * {@code jnp.unique(x)}: the sorted distinct elements of the flattened array (NaNs count
   * once); needs a concrete {@code x}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code jnp.unique(x)}
   */
  public static NDArray unique(Object x) {
    return Searching.unique(x, null, null);
  }

  /**
   * {@code jnp.unique(x, size=size)}: padded with the smallest element, or truncated.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results: padded or truncated to it
   * @return {@code jnp.unique(x, size=size)}: padded with the smallest element, or truncated
   */
  public static NDArray unique(Object x, int size) {
    return Searching.unique(x, size, null);
  }

  /**
   * {@code jnp.unique(x, size=size, fill_value=fillValue)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param size the static number of results: padded or truncated to it
   * @param fillValue the value used where no input element applies
   * @return {@code jnp.unique(x, size=size, fill_value=fillValue)}
   */
  public static NDArray unique(Object x, int size, Object fillValue) {
    return Searching.unique(x, size, fillValue);
  }

  /**
   * {@code jnp.isin(element, testElements)}: a bool array of element's shape.
   *
   * <pre>{@code isin(array(1, 2, 3), array(2, 5))   // [False, True, False]}</pre>
   *
   * @param element the elements to look up
   * @param testElements the values to look for
   * @return {@code jnp.isin(element, testElements)}: a bool array of element's shape
   */
  public static NDArray isin(Object element, Object testElements) {
    return Searching.isin(element, testElements);
  }
}
