package org.jaxpresso.core.errors;

/**
 * The analogue of Python's {@code NotImplementedError} in JAX: a transformation met a primitive
 * without the rule it needs (e.g. {@code Differentiation rule for 'digamma' not implemented}).
 * It is an {@link UnsupportedOperationException}, so generic handlers still catch it.
 */
public class NotImplementedError extends UnsupportedOperationException {
  /**
   * An error with a JAX-worded message.
   *
   * @param message what is not implemented, in JAX's words
   */
  public NotImplementedError(String message) {
    super(message);
  }
}
