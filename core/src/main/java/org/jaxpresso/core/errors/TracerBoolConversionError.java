package org.jaxpresso.core.errors;

/**
 * A traced array was converted to a Java {@code boolean}, e.g. by {@code if (x.gt(0).bool())}
 * inside a jitted function. Use {@code Jnp.where}, {@code Lax.cond} or
 * {@code Lax.whileLoop}, or mark the argument static.
 */
public class TracerBoolConversionError extends ConcretizationTypeError {
  /**
   * Reports a tracer converted to a Java boolean.
   *
   * @param shape the tracer's aval, e.g. {@code bool[]}
   * @param context where the tracer came from; may be empty
   */
  public TracerBoolConversionError(String shape, String context) {
    super(JaxErrors.withContext("Attempted boolean conversion of traced array with shape " + shape + ".", context)
        + "\n" + JaxErrors.seeAlso("TracerBoolConversionError"), true);
  }
}
