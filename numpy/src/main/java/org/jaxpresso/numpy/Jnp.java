package org.jaxpresso.numpy;

/**
 * NumPy's API on jaxpresso arrays, as JAX's {@code jax.numpy}: {@code import static
 * org.jaxpresso.numpy.Jnp.*;}. Every function lowers to {@code lax} primitives (so it traces
 * under {@code jit}), promotes dtypes and broadcasts as JAX does, and accepts arrays or Java
 * scalars (weakly typed, as Python scalars).
 *
 * <pre>{@code
 * NDArray x = linspace(0, 10, 1000);
 * NDArray y = multiply(2, multiply(sin(x), cos(x)));
 * add(1, 1.0);   // Array(2., dtype=float32, weak_type=True)
 * }</pre>
 *
 * <p>The functions are grouped by family in the classes this one extends ({@link JnpCreation},
 * {@link JnpMath}, {@link JnpShaping}, {@link JnpReductions}, {@link JnpLinalg},
 * {@link JnpIndexing}); a static
 * import of {@code Jnp.*} brings all of them.
 */
public final class Jnp extends JnpIndexing {
  private Jnp() {}
}
