package org.jaxpresso.core.errors;

/** Two dtypes have no implicit promotion path (e.g. under strict promotion). */
public class TypePromotionError extends JaxValueError {
  /**
   * An error with a JAX-worded message.
   *
   * @param message the error message
   */
  public TypePromotionError(String message) {
    super(message);
  }
}
