package org.jaxpresso.numpy;

import java.util.function.UnaryOperator;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.IndexUpdateRef;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.jaxpresso.numpy.internal.indexing.Indexing;

/**
 * {@code x.at[idx]}: JAX's functional index updates ({@code _IndexUpdateRef}), with its keyword
 * options as fluent settings. Every method returns a new array; {@code x} is unchanged. Updates
 * default to FILL_OR_DROP (out-of-bounds updates are dropped), reads to clamping; negative
 * indices wrap once; duplicate indices accumulate for the combining updates.
 *
 * <pre>{@code
 * NDArray x = Jnp.arange(5.0);
 * x.at(10).set(9);                          // unchanged: dropped
 * Jnp.at(x, 10).mode("clip").add(9);        // [0, 1, 2, 3, 13]
 * Jnp.at(x, 10).mode("fill").fillValue(-1).get();  // -1.
 * }</pre>
 */
public final class IndexUpdater implements IndexUpdateRef {
  private final NDArray array;
  private final Object[] index;
  private final GatherScatterMode mode;
  private final Object fillValue;
  private final boolean wrapNegative;
  private final boolean sorted;
  private final boolean unique;

  /**
   * {@code x.at[index]} with JAX's defaults.
   *
   * @param array the array to update
   * @param index ints, slices, newaxis, ellipsis, integer arrays or boolean masks
   */
  public IndexUpdater(NDArray array, Object... index) {
    this(array, index, null, null, true, false, false);
  }

  private IndexUpdater(NDArray array, Object[] index, GatherScatterMode mode, Object fillValue,
      boolean wrapNegative, boolean sorted, boolean unique) {
    this.array = array;
    this.index = index.clone();
    this.mode = mode;
    this.fillValue = fillValue;
    this.wrapNegative = wrapNegative;
    this.sorted = sorted;
    this.unique = unique;
  }

  /**
   * The same reference with {@code mode=}: {@code "clip"}, {@code "fill"} / {@code "drop"} or
   * {@code "promise_in_bounds"}.
   *
   * @param mode how out-of-bounds indices are handled
   * @return the same reference with {@code mode=}
   */
  public IndexUpdater mode(String mode) {
    return new IndexUpdater(array, index, GatherScatterMode.fromAny(mode), fillValue,
        wrapNegative, sorted, unique);
  }

  /**
   * The same reference with {@code fill_value=} for {@code get} under mode fill.
   *
   * @param value the fill value (a Java scalar or a 0-d array)
   * @return the same reference with {@code fill_value=} for {@code get} under mode fill
   */
  public IndexUpdater fillValue(Object value) {
    return new IndexUpdater(array, index, mode, value, wrapNegative, sorted, unique);
  }

  /**
   * The same reference with {@code wrap_negative_indices=}.
   *
   * @param wrap whether negative indices count from the end
   * @return the same reference with {@code wrap_negative_indices=}
   */
  public IndexUpdater wrapNegativeIndices(boolean wrap) {
    return new IndexUpdater(array, index, mode, fillValue, wrap, sorted, unique);
  }

  /**
   * The same reference with {@code indices_are_sorted=}.
   *
   * @param value whether the caller promises that the indices are sorted
   * @return the same reference with {@code indices_are_sorted=}
   */
  public IndexUpdater indicesAreSorted(boolean value) {
    return new IndexUpdater(array, index, mode, fillValue, wrapNegative, value, unique);
  }

  /**
   * The same reference with {@code unique_indices=}.
   *
   * @param value whether the caller promises that no index repeats
   * @return the same reference with {@code unique_indices=}
   */
  public IndexUpdater uniqueIndices(boolean value) {
    return new IndexUpdater(array, index, mode, fillValue, wrapNegative, sorted, value);
  }

  private NDArray scatter(String op, Object values) {
    return Indexing.scatterUpdate(array, index, values, op, mode, wrapNegative, sorted, unique);
  }

  /** {@code x[idx] = values} ({@code scatter}; for duplicates one update wins). */
  @Override
  public NDArray set(Object values) {
    return scatter("scatter", values);
  }

  /** {@code x[idx] += values} ({@code scatter-add}). */
  @Override
  public NDArray add(Object values) {
    return scatter("scatter-add", values);
  }

  /** {@code x[idx] -= values} ({@code scatter-sub}). */
  @Override
  public NDArray subtract(Object values) {
    return scatter("scatter-sub", values);
  }

  /** {@code x[idx] *= values} ({@code scatter-mul}). */
  @Override
  public NDArray multiply(Object values) {
    return scatter("scatter-mul", values);
  }

  /** {@code x / m} where {@code m = ones_like(x).at[idx].multiply(values)}, as JAX. */
  @Override
  public NDArray divide(Object values) {
    NDArray m = Indexing.scatterUpdate(Jnp.onesLike(array), index, values, "scatter-mul", mode,
        wrapNegative, sorted, unique);
    return Jnp.divide(array, m);
  }

  /** {@code x ** m} where {@code m = ones_like(x).at[idx].multiply(values)}, as JAX. */
  @Override
  public NDArray power(Object values) {
    NDArray m = Indexing.scatterUpdate(Jnp.onesLike(array), index, values, "scatter-mul", mode,
        wrapNegative, sorted, unique);
    return Jnp.power(array, m);
  }

  /** {@code x[idx] = minimum(x[idx], values)} ({@code scatter-min}). */
  @Override
  public NDArray min(Object values) {
    return scatter("scatter-min", values);
  }

  /** {@code x[idx] = maximum(x[idx], values)} ({@code scatter-max}). */
  @Override
  public NDArray max(Object values) {
    return scatter("scatter-max", values);
  }

  /**
   * {@code x[idx] = f(x[idx])}, applied once per occurrence of an index (twice for an index
   * listed twice), as JAX's {@code scatter_apply}; {@code f} must be elementwise. Lowered as
   * repeated {@code select_n(count > k, x, f(x))} over the per-element occurrence counts (a
   * {@code scatter-add} of ones): as many rounds as the largest count when the index is
   * concrete; when it is traced, one round for an index without arrays, else as many as index
   * positions.
   */
  @Override
  public NDArray apply(UnaryOperator<NDArray> f) {
    NDArray counts = Indexing.scatterUpdate(Jnp.zeros(array.shape(), DType.INT32), index, 1,
        "scatter-add", mode, wrapNegative, sorted, unique);
    long rounds = counts instanceof Array c
        ? (c.size() == 0 ? 0 : Jnp.max(c).longValue())
        : Indexing.maxOccurrences(array, index, wrapNegative);
    NDArray x = array;
    for (long k = 0; k < rounds; k++) {
      NDArray fx = f.apply(x);
      if (!java.util.Arrays.equals(fx.shape(), x.shape())) {
        throw new JaxTypeError("at[].apply: the function must be elementwise; it mapped shape "
            + org.jaxpresso.core.Shape.tupleString(x.shape()) + " to "
            + org.jaxpresso.core.Shape.tupleString(fx.shape()));
      }
      fx = NumpySupport.convert(fx, x.dtype(), x.weakType());
      x = Lax.selectN(Lax.gt(counts, Array.scalar(k, DType.INT32)), x, fx);
    }
    return x;
  }

  /**
   * {@code x[idx]}: reads clamp by default; under mode fill, out-of-bounds reads give the fill
   * value.
   */
  @Override
  public NDArray get() {
    return Indexing.take(array, index, mode, fillValue, wrapNegative, sorted, unique);
  }
}
