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
   * @param a the input array
   * @param b the second input array
   * @param c the value
   * @return the output
   */
  R apply(A a, B b, C c);
}
