package org.jaxpresso.jit;

import java.util.function.BiFunction;

/**
 * What {@code Jax.jit} returns for a two-argument function.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <R> the result type
 */
public interface JitBiFunction<A, B, R> extends BiFunction<A, B, R> {
  /**
   * The jitted machinery (trace count, cache size).
   *
   * @return the jitted machinery (trace count, cache size)
   */
  Jitted jitted();

  /**
   * Traces for the arguments' signature without running.
   *
   * @param a the first argument
   * @param b the second argument
   * @return the output
   */
  default Lowered lower(A a, B b) {
    return jitted().lower(a, b);
  }
}
