package org.jaxpresso.numpy;

/**
 * The {@code mode} of {@link Jnp#pad(Object, int[][], PadMode)}, as NumPy names them.
 *
 * <pre>{@code
 * Jnp.pad(x, new int[][] {{2, 1}}, PadMode.REFLECT);   // np.pad(x, (2, 1), mode='reflect')
 * }</pre>
 */
public enum PadMode {
  /** A constant value (0 unless given). */
  CONSTANT("constant"),
  /** Repeats the edge values. */
  EDGE("edge"),
  /** Mirrors the values without repeating the edge: {@code [3 2 | 1 2 3 | 2 1]}. */
  REFLECT("reflect"),
  /** Mirrors the values including the edge: {@code [2 1 | 1 2 3 | 3 2]}. */
  SYMMETRIC("symmetric"),
  /** Wraps around: {@code [2 3 | 1 2 3 | 1 2]}. */
  WRAP("wrap");

  private final String numpyName;

  PadMode(String numpyName) {
    this.numpyName = numpyName;
  }

  /**
   * NumPy's name of the mode ({@code 'reflect'}).
   *
   * @return numPy's name of the mode ({@code 'reflect'})
   */
  public String numpyName() {
    return numpyName;
  }
}
