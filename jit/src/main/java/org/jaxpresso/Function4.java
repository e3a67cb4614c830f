package org.jaxpresso;

/**
 * A function of four arguments, for {@link Jax#jit(Function4, org.jaxpresso.jit.JitOption...)}.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <C> the third argument's type
 * @param <D> the fourth argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Function4<A, B, C, D, R> {
  /**
   * Applies the function.
   *
   * @param a the first argument
   * @param b the second argument
   * @param c the third argument
   * @param d the fourth argument
   * @return the output
   */
  R apply(A a, B b, C c, D d);
}
