package org.jaxpresso.lax.primitives;

/**
 * How {@code round} treats halfway values, as {@code jax.lax.RoundingMethod}. Like JAX's
 * {@code IntEnum}, a value prints as its number ({@code round[rounding_method=1]}).
 */
public enum RoundingMethod {
  /** Halfway values away from zero: 0.5 -> 1, -0.5 -> -1 (the default of {@code lax.round}). */
  AWAY_FROM_ZERO,
  /** Halfway values to the nearest even integer: 0.5 -> 0, 1.5 -> 2 (what jnp.round uses). */
  TO_NEAREST_EVEN;

  /** The number JAX prints: 0 or 1. */
  @Override
  public String toString() {
    return Integer.toString(ordinal());
  }
}
