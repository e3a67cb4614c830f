package org.jaxpresso.core.jaxpr;

import java.util.List;
import org.jaxpresso.core.errors.JaxTypeError;

/**
 * A jaxpr is ill-typed (JAX's {@code core.JaxprTypeError}): a variable is read before it is
 * defined or bound twice, an equation's declared output types disagree with its primitive's
 * shape rule, or the primitive rejects its operands. Thrown by {@link JaxprChecker} with every
 * problem found; the message states each one, prints the equation concerned and the jaxpr around
 * the first one, with the names the printer gives the variables.
 */
public final class JaxprTypeError extends JaxTypeError {
  /**
   * One problem found in a jaxpr.
   *
   * @param message what is wrong, e.g. {@code Variable 'c' not defined}
   * @param eqn the equation concerned, or null for a problem in a jaxpr's binders or outputs
   * @param location where the equation is: empty for the checked jaxpr itself, else the path of
   *     sub-jaxprs leading to it, e.g. {@code in `branches[1]` of equation 3 (cond)}
   */
  public record Problem(String message, Eqn eqn, String location) {}

  private final transient List<Problem> problems;

  /** An error for {@code problems} with the full message {@code message}. */
  JaxprTypeError(String message, List<Problem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  /**
   * Every problem found, in the order the checker met them.
   *
   * @return every problem found, in the order the checker met them
   */
  public List<Problem> problems() {
    return problems;
  }
}
