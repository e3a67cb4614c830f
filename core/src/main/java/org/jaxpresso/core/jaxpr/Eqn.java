package org.jaxpresso.core.jaxpr;

import java.util.List;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;

/**
 * One equation of a jaxpr: {@code outputs = primitive[params] inputs}.
 *
 * @param primitive the primitive applied
 * @param inputs its operands
 * @param params its parameters
 * @param outputs the variables bound to its results
 */
public record Eqn(Primitive primitive, List<Atom> inputs, Params params, List<Var> outputs) {
  /** Copies the lists. */
  public Eqn {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
