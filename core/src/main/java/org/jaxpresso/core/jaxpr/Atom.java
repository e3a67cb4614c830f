package org.jaxpresso.core.jaxpr;

import org.jaxpresso.core.ShapedArray;

/** An equation operand: a {@link Var} or a {@link Literal}. */
public sealed interface Atom permits Var, Literal {
  /**
   * The abstract value of the operand.
   *
   * @return the abstract value of the operand
   */
  ShapedArray aval();
}
