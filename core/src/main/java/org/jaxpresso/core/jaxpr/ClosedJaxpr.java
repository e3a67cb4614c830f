package org.jaxpresso.core.jaxpr;

import java.util.List;
import org.jaxpresso.core.NDArray;

/**
 * A jaxpr together with the values of its constvars. (In JAX 0.11 this is the same class as
 * {@code Jaxpr}; here it is a thin pair and prints exactly as its jaxpr.)
 *
 * @param jaxpr the program
 * @param consts one value per constvar, in order
 */
public record ClosedJaxpr(Jaxpr jaxpr, List<NDArray> consts) {
  /** Checks that there is one const per constvar. */
  public ClosedJaxpr {
    consts = List.copyOf(consts);
    if (consts.size() != jaxpr.constvars().size()) {
      throw new IllegalArgumentException(
          "a closed jaxpr needs " + jaxpr.constvars().size() + " consts, got " + consts.size());
    }
  }

  /**
   * A closed jaxpr with no constants.
   *
   * @param jaxpr the jaxpr
   * @return a closed jaxpr with no constants
   */
  public static ClosedJaxpr of(Jaxpr jaxpr) {
    return new ClosedJaxpr(jaxpr, List.of());
  }

  /** The jaxpr's text. */
  @Override
  public String toString() {
    return jaxpr.toString();
  }
}
