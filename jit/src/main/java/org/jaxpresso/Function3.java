package org.jaxpresso;

/**
 * A function of three arguments, for {@link Jax#jit(Function3, org.jaxpresso.jit.JitOption...)}.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <C> the third argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Function3<A, B, C, R> {
  /**
   * Applies the function.
   *
   * @param a the first argument
   * @param b the second argument
   * @param c the third argument
   * @return the output
   */
  R apply(A a, B b, C c);
}
