package org.jaxpresso.core.errors;

/**
 * A traced array was converted to a Java array ({@code toFloatArray()} and friends) inside a
 * traced function. Use jaxpresso operations instead, or return the value and convert outside.
 */
public class TracerArrayConversionError extends JaxTypeError {
  /**
   * Reports a tracer converted to a Java array.
   *
   * @param shape the tracer's aval, e.g. {@code float32[3]}
   * @param context where the tracer came from; may be empty
   */
  public TracerArrayConversionError(String shape, String context) {
    super(JaxErrors.withContext(
            "The numpy.ndarray conversion method __array__() was called on traced array with shape " + shape,
            context)
        + "\n" + JaxErrors.seeAlso("TracerArrayConversionError"));
  }
}
