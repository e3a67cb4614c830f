package org.jaxpresso.jit.compiler.passes;

import org.jaxpresso.core.jaxpr.ClosedJaxpr;

/**
 * A named rewrite of a closed jaxpr. A pass never mutates its input (jaxprs are immutable) and
 * returns a program that computes the same outputs from the same inputs; running it twice gives
 * the same text as running it once.
 */
public interface Pass {
  /**
   * The short name used in dump files ({@code inline}, {@code fold}, {@code cse}, {@code dce}).
   *
   * @return the short name used in dump files ({@code inline}, {@code fold}, {@code cse}, {@code
   *     dce})
   */
  String name();

  /**
   * The rewritten program.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @return the rewritten program
   */
  ClosedJaxpr apply(ClosedJaxpr program);
}
