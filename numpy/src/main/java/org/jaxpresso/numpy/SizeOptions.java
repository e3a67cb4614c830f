package org.jaxpresso.numpy;

/**
 * The {@code size=} and {@code fill_value=} keywords of the data-dependent-size functions
 * ({@code where(condition, size=...)}, {@code nonzero}): a static output size makes them
 * traceable under jit; results are padded with the fill value (default 0) or truncated.
 *
 * <pre>{@code Jnp.where(mask, Jnp.size(4).fillValue(-1))}</pre>
 *
 * @param size the static output length
 * @param fillValue the padding, or null for 0
 */
public record SizeOptions(int size, Object fillValue) {
  /**
   * The same size with {@code fill_value=value}.
   *
   * @param value the fill value (a Java scalar or a 0-d array)
   * @return the same size with {@code fill_value=value}
   */
  public SizeOptions fillValue(Object value) {
    return new SizeOptions(size, value);
  }
}
