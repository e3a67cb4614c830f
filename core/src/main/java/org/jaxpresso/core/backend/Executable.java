package org.jaxpresso.core.backend;

import java.util.List;
import org.jaxpresso.core.Array;

/** A compiled program: call it with arrays matching the avals it was compiled for. */
@FunctionalInterface
public interface Executable {
  /**
   * Runs the program; thread-safe.
   *
   * @param args the inputs, one per program input
   * @return the outputs
   */
  List<Array> execute(List<Array> args);
}
