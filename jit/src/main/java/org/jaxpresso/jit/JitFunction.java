package org.jaxpresso.jit;

import java.util.function.Function;

/**
 * What {@code Jax.jit} returns for a one-argument function: the function itself, plus
 * ahead-of-time lowering and its trace cache.
 *
 * <pre>{@code
 * JitFunction<NDArray, NDArray> f = Jax.jit(x -> Jnp.sin(x).mul(2));
 * f.apply(Jnp.ones(3));                      // [1.6829419 1.6829419 1.6829419]
 * f.lower(Jnp.ones(3)).asText();
 * // { lambda ; a:f32[3]. let b:f32[3] = sin a; c:f32[3] = mul b 2.0:f32[] in (c,) }
 * }</pre>
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
public interface JitFunction<A, R> extends Function<A, R> {
  /**
   * The jitted machinery (trace count, cache size).
   *
   * @return the jitted machinery (trace count, cache size)
   */
  Jitted jitted();

  /**
   * Traces for {@code a}'s signature without running ({@code jit(f).lower(x)}).
   *
   * @param a the first argument
   * @return the output
   */
  default Lowered lower(A a) {
    return jitted().lower(a);
  }
}
