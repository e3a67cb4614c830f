package org.jaxpresso.core.errors;

/**
 * A concrete Java value was needed from a traced array: converting a tracer to a Java
 * {@code int}, {@code double}, {@code boolean}, or using one as a shape.
 *
 * <p>Fix: mark the argument static ({@code Jax.staticArgnums}), use {@code Jnp.where} or
 * {@code Lax.cond} instead of Java control flow, or move the computation out of the jitted
 * function.
 */
public class ConcretizationTypeError extends JaxTypeError {
  /**
   * An error with a fully formed message.
   *
   * @param message the error message
   * @param formed ignored: it only tells this constructor from the one that builds the message
   */
  protected ConcretizationTypeError(String message, boolean formed) {
    super(message);
  }

  /**
   * The JAX message: {@code Abstract tracer value encountered where concrete value is
   * expected: traced array with shape float32[]}, then {@code context} (which function needed
   * the value, where the tracer came from) and the documentation link.
   *
   * @param shape the tracer's short aval, e.g. {@code float32[]}
   * @param context lines explaining the problem and its origin; may be empty
   */
  public ConcretizationTypeError(String shape, String context) {
    super(JaxErrors.withContext(
            "Abstract tracer value encountered where concrete value is expected: traced array with shape "
                + shape,
            context)
        + "\n\n" + JaxErrors.seeAlso("ConcretizationTypeError"));
  }
}
