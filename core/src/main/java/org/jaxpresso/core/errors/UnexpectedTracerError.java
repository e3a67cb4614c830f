package org.jaxpresso.core.errors;

import org.jaxpresso.core.Tracer;

/**
 * A tracer escaped the function being traced (stored in a field or a list) and was used after
 * its trace ended. Return values from traced functions instead of saving them.
 */
public class UnexpectedTracerError extends JaxTypeError {
  /**
   * An error with a JAX-worded message.
   *
   * @param message the error message
   */
  public UnexpectedTracerError(String message) {
    super(message);
  }

  /**
   * The error for using {@code t} outside the trace it belongs to.
   *
   * @param t the leaked tracer
   * @return the error for using {@code t} outside the trace it belongs to
   */
  public static UnexpectedTracerError leaked(Tracer t) {
    return new UnexpectedTracerError(
        "Encountered an unexpected tracer. A function transformed by JAX had a side effect, allowing for a"
            + " reference to an intermediate value with type " + t.aval().str() + " wrapped in a "
            + t.getClass().getSimpleName() + " to escape the scope of the transformation.\n"
            + "JAX transformations require that functions explicitly return their outputs, and disallow"
            + " saving intermediate values to global state.\n"
            + JaxErrors.seeAlso("UnexpectedTracerError"));
  }
}
