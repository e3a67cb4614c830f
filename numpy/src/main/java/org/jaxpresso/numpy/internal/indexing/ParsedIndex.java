package org.jaxpresso.numpy.internal.indexing;

/**
 * One index entry in the context of the indexed shape, as JAX's {@code ParsedIndex}.
 *
 * @param index the entry: a {@code Long} for INTEGER, an {@code NDArray} for ARRAY and BOOLEAN
 *     (a {@code Boolean} for a scalar boolean), an {@code Index} otherwise
 * @param typ its kind
 * @param consumedAxes the axes of the indexed array it consumes
 */
public record ParsedIndex(Object index, IndexType typ, int[] consumedAxes) {
  /** Copies the axes. */
  public ParsedIndex {
    consumedAxes = consumedAxes.clone();
  }

  /**
   * A copy of the consumed axes.
   *
   * @return a copy of the consumed axes
   */
  @Override
  public int[] consumedAxes() {
    return consumedAxes.clone();
  }

  /** The single consumed axis. */
  int axis() {
    return consumedAxes[0];
  }
}
