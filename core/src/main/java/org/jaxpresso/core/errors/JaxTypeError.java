package org.jaxpresso.core.errors;

/**
 * The analogue of Python's {@code TypeError} in JAX: an operation was given operands of the
 * wrong dtype or shape, or a traced value where a concrete one is needed. The message names the
 * operation, the operands and the rule broken, in JAX's words.
 */
public class JaxTypeError extends IllegalArgumentException {
  /**
   * An error with a JAX-worded message.
   *
   * @param message the error message
   */
  public JaxTypeError(String message) {
    super(message);
  }
}
