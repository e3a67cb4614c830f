package org.jaxpresso.jit;

/**
 * An option of {@code Jax.jit}: {@code Jax.staticArgnums(1)}, {@code Jax.name("norm")}.
 *
 * <pre>{@code
 * JitFunction<NDArray, NDArray> g = Jax.jit(x -> x.mul(2), Jax.name("double_it"));
 * Jax.makeJaxpr((NDArray x) -> g.apply(x).add(1)).apply(Jnp.ones(2));
 * // { lambda ; a:f32[2]. let
 * //     b:f32[2] = jit[
 * //       name=double_it
 * //       jaxpr={ lambda ; a:f32[2]. let b:f32[2] = mul a 2.0:f32[] in (b,) }
 * //     ] a
 * //     c:f32[2] = add b 1.0:f32[]
 * //   in (c,) }
 * }</pre>
 */
public sealed interface JitOption {
  /**
   * Argument positions whose Java values are static: part of the cache key, baked into the trace.
   *
   * @param positions 0-based argument positions
   */
  record StaticArgnums(int... positions) implements JitOption {
    /** Copies the positions. */
    public StaticArgnums {
      positions = positions.clone();
    }
  }

  /**
   * The name the function has in jaxprs ({@code jit[name=...]}); lambdas default to {@code <lambda>}.
   *
   * @param name the name
   */
  record Name(String name) implements JitOption {}

  /**
   * The device the function runs on, as {@code jax.jit(f, device=d)}: inputs not committed
   * elsewhere move there and the results are committed to it.
   *
   * @param device the device, one of {@code Jax.devices()}
   */
  record OnDevice(org.jaxpresso.core.backend.Device device) implements JitOption {
    /** Checks the device is given. */
    public OnDevice {
      java.util.Objects.requireNonNull(device, "device");
    }
  }
}
