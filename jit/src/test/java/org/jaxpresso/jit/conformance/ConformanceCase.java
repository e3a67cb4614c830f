package org.jaxpresso.jit.conformance;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;

/**
 * One conformance program: a small jaxpr exercising {@code primitive} on {@code dtype}, and its
 * arguments.
 *
 * @param primitive the primitive under test (the program contains an equation of it)
 * @param label what the program does, for messages
 * @param dtype the dtype the case is about
 * @param program the traced program
 * @param args its arguments
 */
public record ConformanceCase(String primitive, String label, DType dtype, ClosedJaxpr program,
    List<Array> args) {

  /**
   * A one-line name: primitive, label and dtype.
   *
   * @return the name
   */
  public String name() {
    return primitive + " [" + label + "] on " + dtype.shortName();
  }
}
