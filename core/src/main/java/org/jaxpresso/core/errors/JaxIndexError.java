package org.jaxpresso.core.errors;

/** The analogue of Python's {@code IndexError} in JAX: an invalid index or axis. */
public class JaxIndexError extends IndexOutOfBoundsException {
  /**
   * An error with a JAX-worded message.
   *
   * @param message the error message
   */
  public JaxIndexError(String message) {
    super(message);
  }
}
