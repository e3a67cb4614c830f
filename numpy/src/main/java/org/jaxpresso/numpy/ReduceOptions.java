package org.jaxpresso.numpy;

import java.util.Arrays;

/**
 * The keyword arguments of NumPy's reductions as a small immutable value: the axes (null for
 * all), whether reduced axes are kept with size 1, and the delta degrees of freedom of
 * {@code var}/{@code std}.
 *
 * <pre>{@code
 * Jnp.mean(x, Jnp.axis(1).keepdims());    // x.mean(axis=1, keepdims=True)
 * Jnp.std(x, Jnp.axis(0).ddof(1));        // x.std(axis=0, ddof=1)
 * }</pre>
 */
public final class ReduceOptions {
  /** All axes, no keepdims, ddof 0. */
  public static final ReduceOptions ALL = new ReduceOptions(null, false, 0);

  private final int[] axes;
  private final boolean keepdims;
  private final int ddof;

  /**
   * Options with every field given; {@code Jnp.axis(...)} and friends are the usual way in.
   *
   * @param axes the axes to reduce (negative count from the end), or null for all
   * @param keepdims whether reduced axes stay as size-1 dimensions
   * @param ddof delta degrees of freedom (var and std only)
   */
  public ReduceOptions(int[] axes, boolean keepdims, int ddof) {
    this.axes = axes == null ? null : axes.clone();
    this.keepdims = keepdims;
    this.ddof = ddof;
  }

  /**
   * Reduce over {@code axes}.
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return options reducing over {@code axes}
   */
  public static ReduceOptions axis(int... axes) {
    return new ReduceOptions(axes, false, 0);
  }

  /**
   * The same options with {@code keepdims=True}.
   *
   * @return a copy of these options that keeps reduced axes as size 1
   */
  public ReduceOptions keepdims() {
    return new ReduceOptions(axes, true, ddof);
  }

  /**
   * The same options with the given ddof.
   *
   * @param ddof the delta degrees of freedom subtracted from the element count
   * @return a copy of these options with this {@code ddof}
   */
  public ReduceOptions ddof(int ddof) {
    return new ReduceOptions(axes, keepdims, ddof);
  }

  /**
   * A copy of the axes, or null for all.
   *
   * @return a copy of the axes, or null for all
   */
  public int[] axes() {
    return axes == null ? null : axes.clone();
  }

  /**
   * Whether reduced axes are kept.
   *
   * @return whether reduced axes are kept
   */
  public boolean keepsDims() {
    return keepdims;
  }

  /**
   * The delta degrees of freedom.
   *
   * @return the delta degrees of freedom
   */
  public int ddofValue() {
    return ddof;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReduceOptions r && Arrays.equals(axes, r.axes) && keepdims == r.keepdims && ddof == r.ddof;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(axes) * 31 + (keepdims ? 1 : 0) + 7 * ddof;
  }

  @Override
  public String toString() {
    return "ReduceOptions[axis=" + (axes == null ? "None" : Arrays.toString(axes)) + ", keepdims=" + keepdims
        + ", ddof=" + ddof + "]";
  }
}
