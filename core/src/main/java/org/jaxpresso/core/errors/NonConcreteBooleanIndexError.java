package org.jaxpresso.core.errors;

/**
 * A boolean mask index whose value is traced: the result's shape would depend on data. Use
 * {@code Jnp.where(mask, x, fill)}, {@code Jnp.nonzero(mask, size)}, or index outside jit.
 */
public class NonConcreteBooleanIndexError extends JaxIndexError {
  /**
   * Reports a boolean mask whose values are unknown while tracing.
   *
   * @param shape the mask's aval, e.g. {@code bool[10]}
   */
  public NonConcreteBooleanIndexError(String shape) {
    super("Array boolean indices must be concrete; got " + shape + "\n\n"
        + JaxErrors.seeAlso("NonConcreteBooleanIndexError"));
  }
}
