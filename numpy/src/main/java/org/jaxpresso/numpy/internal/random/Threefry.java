package org.jaxpresso.numpy.internal.random;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;

/**
 * The Threefry-2x32 block cipher (20 rounds) and JAX's partitionable key derivation built on it
 * ({@code jax._src.random.threefry2x32}, with {@code jax_threefry_partitionable=True}, the
 * default since JAX 0.5). Everything is written with {@link Lax} uint32 primitives
 * ({@code add}, {@code shift_left}, {@code shift_right_logical}, {@code or}, {@code xor},
 * {@code iota}, ...), so it runs eagerly and traces under {@code jit} alike.
 *
 * <p>A raw key is a {@code uint32[2]} array {@code [k0, k1]}.
 */
public final class Threefry {
  private Threefry() {}

  private static final int[][] ROTATIONS = {{13, 15, 26, 6}, {17, 29, 16, 24}};

  /**
   * A strongly typed uint32 scalar.
   *
   * @param v the value
   * @return a strongly typed uint32 scalar
   */
  public static Array u32(long v) {
    return Array.scalar(v, DType.UINT32);
  }

  private static NDArray rotl(NDArray v, int r) {
    return Lax.bitwiseOr(Lax.shiftLeft(v, u32(r)), Lax.shiftRightLogical(v, u32(32 - r)));
  }

  /**
   * {@code threefry2x32(k0, k1, x0, x1)} elementwise: the keys are uint32 scalars (or of the
   * counters' shape), the counters uint32 arrays of one shape. Returns the two output words.
   *
   * @param k0 the first 32-bit half of the key
   * @param k1 the second 32-bit half of the key
   * @param x0 the first 32-bit counter
   * @param x1 the second 32-bit counter
   * @return {@code threefry2x32(k0, k1, x0, x1)} elementwise
   */
  public static NDArray[] hash(NDArray k0, NDArray k1, NDArray x0, NDArray x1) {
    NDArray[] ks = {k0, k1, Lax.bitwiseXor(Lax.bitwiseXor(k0, k1), u32(0x1BD11BDAL))};
    NDArray a = Lax.add(x0, ks[0]);
    NDArray b = Lax.add(x1, ks[1]);
    for (int i = 0; i < 5; i++) {
      for (int r : ROTATIONS[i % 2]) {
        a = Lax.add(a, b);
        b = rotl(b, r);
        b = Lax.bitwiseXor(b, a);
      }
      a = Lax.add(a, ks[(i + 1) % 3]);
      b = Lax.add(b, Lax.add(ks[(i + 2) % 3], u32(i + 1)));
    }
    return new NDArray[] {a, b};
  }

  /**
   * The two words of a raw {@code uint32[2]} key, as uint32 scalars.
   *
   * @param key the PRNG key array
   * @return the two words of a raw {@code uint32[2]} key, as uint32 scalars
   */
  public static NDArray[] words(NDArray key) {
    NDArray k0 = Lax.reshape(Lax.slice(key, new int[] {0}, new int[] {1}), new int[0]);
    NDArray k1 = Lax.reshape(Lax.slice(key, new int[] {1}, new int[] {2}), new int[0]);
    return new NDArray[] {k0, k1};
  }

  /**
   * JAX's {@code iota_2x32_shape}: the high and low uint32 words of the row-major flat index of
   * every position of {@code shape} (the high word is 0 for every shape a Java int can size).
   *
   * @param shape the array's dimensions
   * @return JAX's {@code iota_2x32_shape}
   */
  public static NDArray[] counters(int[] shape) {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    NDArray lo = Lax.reshape(Lax.iota(DType.UINT32, Math.toIntExact(size)), shape);
    NDArray hi = Lax.broadcastInDim(u32(0), shape, new int[0]);
    return new NDArray[] {hi, lo};
  }

  /**
   * The two threefry output words for the counters of {@code shape} under {@code key}.
   *
   * @param key the PRNG key array
   * @param shape the array's dimensions
   * @return the two threefry output words for the counters of {@code shape} under {@code key}
   */
  public static NDArray[] blocks(NDArray key, int[] shape) {
    NDArray[] k = words(key);
    NDArray[] c = counters(shape);
    return hash(k[0], k[1], c[0], c[1]);
  }

  /**
   * {@code split(key, shape)}: new keys {@code uint32[*shape, 2]}.
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @return {@code split(key, shape)}: new keys {@code uint32[*shape, 2]}
   */
  public static NDArray split(NDArray key, int[] shape) {
    NDArray[] o = blocks(key, shape);
    int[] withOne = java.util.Arrays.copyOf(shape, shape.length + 1);
    withOne[shape.length] = 1;
    return Lax.concatenate(shape.length, Lax.reshape(o[0], withOne), Lax.reshape(o[1], withOne));
  }

  /**
   * {@code fold_in(key, data)}: {@code threefry2x32(k0, k1, 0, data)} as a new key.
   *
   * @param key the PRNG key array
   * @param data the 32-bit data to fold into the key
   * @return {@code fold_in(key, data)}: {@code threefry2x32(k0, k1, 0, data)} as a new key
   */
  public static NDArray foldIn(NDArray key, NDArray data) {
    NDArray[] k = words(key);
    NDArray[] o = hash(k[0], k[1], Lax.reshape(u32(0), new int[] {1}),
        Lax.reshape(data, new int[] {1}));
    return Lax.concatenate(0, o[0], o[1]);
  }

  /**
   * {@code random_bits(key, bitWidth, shape)}: {@code o0 ^ o1} per position for 32 bits, its
   * low bits for 8 and 16, {@code o0 << 32 | o1} for 64 (an unsigned array of that width).
   *
   * @param key the PRNG key array
   * @param bitWidth the width of each random value: 8, 16, 32 or 64
   * @param shape the dimensions of the result
   * @return {@code random_bits(key, bitWidth, shape)}
   */
  public static NDArray randomBits(NDArray key, int bitWidth, int[] shape) {
    NDArray[] o = blocks(key, shape);
    return switch (bitWidth) {
      case 32 -> Lax.bitwiseXor(o[0], o[1]);
      case 8 -> Lax.convertElementType(Lax.bitwiseXor(o[0], o[1]), DType.UINT8);
      case 16 -> Lax.convertElementType(Lax.bitwiseXor(o[0], o[1]), DType.UINT16);
      case 64 -> {
        NDArray hi = Lax.convertElementType(o[0], DType.UINT64);
        NDArray lo = Lax.convertElementType(o[1], DType.UINT64);
        yield Lax.bitwiseOr(Lax.shiftLeft(hi, Array.scalar(32, DType.UINT64)), lo);
      }
      default -> throw new IllegalArgumentException(
          "requires 8-, 16-, 32- or 64-bit field width.");
    };
  }
}
