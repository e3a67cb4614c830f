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
 * <p>The functions are grouped by family in the classes this one extends, in this order:
 * {@link JnpCreation} (arrays from data, ranges, files), {@link JnpArithmetic}, {@link JnpMath}
 * (comparisons, logic, rounding, dtypes), {@link JnpShaping}, {@link JnpJoining},
 * {@link JnpReductions}, {@link JnpConvolution}, {@link JnpLinalg} and {@link JnpIndexing}; a
 * static import of {@code Jnp.*} brings all of them. {@link Nn}, {@link Linalg} and
 * {@link Random} hold {@code jax.nn}, {@code jnp.linalg} and {@code jax.random}.
 */
public final class Jnp extends JnpIndexing {
  private Jnp() {}
}
