package org.jaxpresso.jit.conformance;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;

/**
 * A backend under conformance test: compiles a closed jaxpr through the jit pipeline into
 * something that runs, and states the accuracy it promises per primitive and dtype.
 */
public interface ConformanceBackend {
  /**
   * A short name for messages.
   *
   * @return the backend's name, e.g. {@code cpu-simd}
   */
  String name();

  /**
   * Compiles {@code program} through the jit pipeline for this backend.
   *
   * @param program the program to compile
   * @param name a name for the program (kernel and class names, dumps)
   * @return the executable program
   */
  Executable compile(ClosedJaxpr program, String name);

  /**
   * The tolerance this backend promises for {@code primitive} producing {@code dtype}; by
   * default {@link Tolerances#standard}.
   *
   * @param primitive the primitive the case tests
   * @param dtype the dtype of the output being compared
   * @return the tolerance
   */
  default Tolerance tolerance(String primitive, DType dtype) {
    return Tolerances.standard(primitive, dtype);
  }

  /**
   * Checks deferred to the end of a suite (for example assembling every generated kernel in
   * a few batches); the default does nothing.
   */
  default void finish() {}
}
