package org.jaxpresso.core.jaxpr;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;

/**
 * A scalar constant written inline in an equation: {@code 1.0:f32[]}, {@code 2:i32[]},
 * {@code True:bool[]}. Its aval keeps the weak type of the value it came from.
 *
 * @param value the 0-d array holding the value
 */
public record Literal(Array value) implements Atom {
  /** Checks that the value is 0-d (larger constants are constvars). */
  public Literal {
    if (value.ndim() != 0) {
      throw new IllegalArgumentException(
          "a literal must be 0-d; non-scalar constants are constvars, got " + value.aval().str());
    }
  }

  @Override
  public ShapedArray aval() {
    return value.aval();
  }

  /** The literal's jaxpr text, e.g. {@code 0.10000000149011612:f32[]}. */
  @Override
  public String toString() {
    return JaxprPrinter.literal(this);
  }
}
