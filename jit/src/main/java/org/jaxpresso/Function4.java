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
   * @param a the input array
   * @param b the second input array
   * @param c the value
   * @param d the element type
   * @return the output
   */
  R apply(A a, B b, C c, D d);
}
