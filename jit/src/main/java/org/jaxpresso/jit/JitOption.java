package org.jaxpresso.jit;

/**
 * An option of {@code Jax.jit}: {@code Jax.staticArgnums(1)}, {@code Jax.name("norm")}.
 */
public sealed interface JitOption {
  /**
   * Argument positions whose Java values are static: part of the cache key, baked into the trace.
   *
   * @param positions 0-based argument positions
   */
  record StaticArgnums(int... positions) implements JitOption {
    /** Copies the positions. */
    public StaticArgnums {
      positions = positions.clone();
    }
  }

  /**
   * The name the function has in jaxprs ({@code jit[name=...]}); lambdas default to {@code <lambda>}.
   *
   * @param name the name
   */
  record Name(String name) implements JitOption {}
}
