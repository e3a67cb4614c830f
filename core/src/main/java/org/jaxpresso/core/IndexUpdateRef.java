package org.jaxpresso.core;

import java.util.function.UnaryOperator;

/**
 * {@code x.at(idx)}: JAX's functional index updates. Each method returns a new array; {@code x}
 * is unchanged. Out-of-bounds updates are dropped, duplicate indices accumulate for the
 * combining updates, and reads clamp, as in JAX.
 *
 * <pre>{@code
 * NDArray y = x.at(0).set(10);        // x is unchanged
 * NDArray z = x.at(new int[] {0, 0, 1}).add(1);
 * }</pre>
 */
public interface IndexUpdateRef {
  /**
   * {@code x[idx] = v}.
   *
   * @param values the update: an array that broadcasts to the indexed shape, or a Java scalar
   * @return {@code x[idx] = v}
   */
  NDArray set(Object values);

  /**
   * {@code x[idx] += v}.
   *
   * @param values the update: an array that broadcasts to the indexed shape, or a Java scalar
   * @return {@code x[idx] += v}
   */
  NDArray add(Object values);

  /**
   * {@code x[idx] -= v}.
   *
   * @param values the update: an array that broadcasts to the indexed shape, or a Java scalar
   * @return {@code x[idx] -= v}
   */
  NDArray subtract(Object values);

  /**
   * {@code x[idx] *= v}.
   *
   * @param values the update: an array that broadcasts to the indexed shape, or a Java scalar
   * @return {@code x[idx] *= v}
   */
  NDArray multiply(Object values);

  /**
   * {@code x[idx] /= v}.
   *
   * @param values the update: an array that broadcasts to the indexed shape, or a Java scalar
   * @return {@code x[idx] /= v}
   */
  NDArray divide(Object values);

  /**
   * {@code x[idx] **= v}.
   *
   * @param values the update: an array that broadcasts to the indexed shape, or a Java scalar
   * @return {@code x[idx] **= v}
   */
  NDArray power(Object values);

  /**
   * {@code x[idx] = minimum(x[idx], v)}.
   *
   * @param values the update: an array that broadcasts to the indexed shape, or a Java scalar
   * @return {@code x[idx] = minimum(x[idx], v)}
   */
  NDArray min(Object values);

  /**
   * {@code x[idx] = maximum(x[idx], v)}.
   *
   * @param values the update: an array that broadcasts to the indexed shape, or a Java scalar
   * @return {@code x[idx] = maximum(x[idx], v)}
   */
  NDArray max(Object values);

  /**
   * {@code x[idx] = f(x[idx])}, applied once per index occurrence.
   *
   * @param f the function applied to each indexed element
   * @return {@code x[idx] = f(x[idx])}, applied once per index occurrence
   */
  NDArray apply(UnaryOperator<NDArray> f);

  /**
   * {@code x[idx]}.
   *
   * @return {@code x[idx]}
   */
  NDArray get();
}
