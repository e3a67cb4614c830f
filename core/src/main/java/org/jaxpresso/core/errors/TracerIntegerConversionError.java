package org.jaxpresso.core.errors;

/**
 * A traced array was used where a Java {@code int} index is needed (a list index, a loop bound).
 * Mark the argument static, or index an array instead of a Java list.
 */
public class TracerIntegerConversionError extends JaxTypeError {
  /**
   * Reports a tracer converted to a Java integer.
   *
   * @param shape the tracer's aval, e.g. {@code int32[]}
   * @param context where the tracer came from; may be empty
   */
  public TracerIntegerConversionError(String shape, String context) {
    super(JaxErrors.withContext("The __index__() method was called on traced array with shape " + shape, context)
        + "\n" + JaxErrors.seeAlso("TracerIntegerConversionError"));
  }
}
