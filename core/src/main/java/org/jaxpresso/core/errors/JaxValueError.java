package org.jaxpresso.core.errors;

/** The analogue of Python's {@code ValueError} in JAX: a value outside what an operation takes. */
public class JaxValueError extends IllegalArgumentException {
  /**
   * An error with a JAX-worded message.
   *
   * @param message the error message
   */
  public JaxValueError(String message) {
    super(message);
  }
}
