package org.jaxpresso.numpy.internal.random;

import java.math.BigInteger;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.GatherDimensionNumbers;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * The bodies of JAX's samplers ({@code _uniform}, {@code _randint}, {@code _shuffle},
 * {@code _gumbel}, ...) on validated arguments: a single raw key {@code uint32[2]}, canonical
 * dtypes, checked shapes. Only {@link Lax} primitives are used.
 */
public final class Samplers {
  private Samplers() {}

  /**
   * The number of explicitly stored mantissa bits of a float dtype ({@code finfo.nmant}).
   *
   * @param d the dtype
   * @return the number of explicitly stored mantissa bits of a float dtype ({@code finfo.nmant})
   */
  public static int nmant(DType d) {
    return switch (d) {
      case BFLOAT16 -> 7;
      case FLOAT16 -> 10;
      case FLOAT32 -> 23;
      case FLOAT64 -> 52;
      default -> throw new IllegalArgumentException("not a float dtype: " + d);
    };
  }

  /**
   * The smallest positive normal number of a float dtype ({@code finfo.tiny}).
   *
   * @param d the dtype
   * @return the smallest positive normal number of a float dtype ({@code finfo.tiny})
   */
  public static double tiny(DType d) {
    return switch (d) {
      case BFLOAT16, FLOAT32 -> Float.MIN_NORMAL;
      case FLOAT16 -> 6.103515625e-05;
      case FLOAT64 -> Double.MIN_NORMAL;
      default -> throw new IllegalArgumentException("not a float dtype: " + d);
    };
  }

  /**
   * The unsigned dtype of a bit width.
   *
   * @param bits the bit width: 8, 16, 32 or 64
   * @return the unsigned dtype of a bit width
   */
  public static DType uintOf(int bits) {
    return switch (bits) {
      case 8 -> DType.UINT8;
      case 16 -> DType.UINT16;
      case 32 -> DType.UINT32;
      case 64 -> DType.UINT64;
      default -> throw new IllegalArgumentException("no unsigned dtype of " + bits + " bits");
    };
  }

  private static long oneBits(DType d) {
    return switch (d) {
      case BFLOAT16 -> 0x3F80L;
      case FLOAT16 -> 0x3C00L;
      case FLOAT32 -> 0x3F800000L;
      case FLOAT64 -> 0x3FF0000000000000L;
      default -> throw new IllegalArgumentException("not a float dtype: " + d);
    };
  }

  /**
   * JAX's {@code _uniform}: mantissa bits under exponent 0 give {@code [1, 2)}, minus 1, scaled
   * to {@code [minval, maxval)} and floored at {@code minval}.
   *
   * @param key the PRNG key array
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return JAX's {@code _uniform}
   */
  public static NDArray uniform(NDArray key, Object minval, Object maxval, int[] shape,
      DType dtype) {
    NDArray lo = NumpySupport.broadcastToRank(Lax.convertElementType(minval, dtype), shape.length);
    NDArray hi = NumpySupport.broadcastToRank(Lax.convertElementType(maxval, dtype), shape.length);
    int nbits = dtype.bits();
    int nm = nmant(dtype);
    int rngBits = nm < 8 ? 8 : nbits;
    DType uint = uintOf(nbits);
    NDArray bits = Threefry.randomBits(key, rngBits, shape);
    if (rngBits != nbits) {
      bits = Lax.convertElementType(bits, uint);
    }
    NDArray floatBits = Lax.shiftRightLogical(bits, Array.scalar(rngBits - nm, uint));
    floatBits = Lax.bitwiseOr(floatBits, Array.scalar(oneBits(dtype), uint));
    NDArray floats = Lax.sub(Lax.bitcastConvertType(floatBits, dtype), Array.scalar(1.0, dtype));
    NDArray scaled = fma(floats, Lax.sub(hi, lo), lo, dtype);
    return Lax.max(lo, Lax.reshape(scaled, shape));
  }

  /**
   * {@code a * b + c} rounded once, as XLA's CPU backend computes JAX's {@code floats * (maxval
   * - minval) + minval} (it contracts the multiply-add into a fused multiply-add: observed
   * {@code uniform(PRNGKey(0), (2, 3), minval=-2, maxval=3)[1, 1] == 0.84944355}, where separate
   * roundings give {@code 0.84944344}). float32 and float64 emulate the FMA with error-free
   * transformations (Dekker's product, Knuth's sum; exact products, one final rounding up to
   * rare double-rounding ties), falling back to {@code a * b + c} where the splitting
   * overflows; float16 and bfloat16 round each step.
   *
   * @param a the input array
   * @param b the second input array
   * @param c the addend
   * @param dtype the element type of the result
   * @return {@code a * b + c} rounded once, as XLA's CPU backend computes JAX's {@code floats *
   *     (maxval - minval) + minval} (it contracts the multiply-add into a fused multiply-add
   */
  public static NDArray fma(NDArray a, NDArray b, NDArray c, DType dtype) {
    NDArray plain = Lax.add(Lax.mul(a, b), c);
    if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
      return plain;
    }
    Array splitter = Array.scalar(dtype == DType.FLOAT64 ? 134217729.0 : 4097.0, dtype);
    NDArray p = Lax.mul(a, b);
    NDArray[] as = veltkamp(a, splitter);
    NDArray[] bs = veltkamp(b, splitter);
    NDArray e = Lax.add(Lax.add(Lax.add(Lax.sub(Lax.mul(as[0], bs[0]), p),
        Lax.mul(as[0], bs[1])), Lax.mul(as[1], bs[0])), Lax.mul(as[1], bs[1]));
    NDArray s = Lax.add(p, c);
    NDArray bb = Lax.sub(s, p);
    NDArray t = Lax.add(Lax.sub(p, Lax.sub(s, bb)), Lax.sub(c, bb));
    NDArray r = Lax.add(s, Lax.add(t, e));
    return Lax.selectN(Lax.isFinite(r), plain, r);
  }

  /** Veltkamp's split of x into a high and a low half whose products are exact. */
  private static NDArray[] veltkamp(NDArray x, Array splitter) {
    NDArray g = Lax.mul(x, splitter);
    NDArray hi = Lax.sub(g, Lax.sub(g, x));
    return new NDArray[] {hi, Lax.sub(x, hi)};
  }

  /**
   * JAX's {@code _normal_real}: {@code sqrt(2) * erf_inv(uniform(nextafter(-1, 0), 1))} (the
   * constants rounded to {@code dtype}).
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return JAX's {@code _normal_real}
   */
  public static NDArray normal(NDArray key, int[] shape, DType dtype) {
    // nextafter(-1, 0) in dtype: -(1 - 2^-(nmant + 1)), exact in every float dtype
    Array lo = Array.scalar(-(1.0 - Math.scalb(1.0, -(nmant(dtype) + 1))), dtype);
    NDArray u = uniform(key, lo, Array.scalar(1.0, dtype), shape, dtype);
    return Lax.mul(Array.scalar(Math.sqrt(2), dtype), Lax.erfInv(u));
  }

  /**
   * JAX's {@code _gumbel} in mode {@code low}: {@code -log(-log(uniform(tiny, 1)))}.
   *
   * @param key the PRNG key array
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return JAX's {@code _gumbel} in mode {@code low}: {@code -log(-log(uniform(tiny, 1)))}
   */
  public static NDArray gumbel(NDArray key, int[] shape, DType dtype) {
    NDArray u = uniform(key, Array.scalar(tiny(dtype), dtype), Array.scalar(1.0, dtype), shape,
        dtype);
    return Lax.neg(Lax.log(Lax.neg(Lax.log(u))));
  }

  /**
   * The inclusive range of an integer dtype.
   *
   * @param d the dtype
   * @return the inclusive range of an integer dtype
   */
  public static BigInteger[] iinfo(DType d) {
    int b = d.bits();
    if (d.isUnsigned()) {
      return new BigInteger[] {BigInteger.ZERO,
          BigInteger.ONE.shiftLeft(b).subtract(BigInteger.ONE)};
    }
    BigInteger half = BigInteger.ONE.shiftLeft(b - 1);
    return new BigInteger[] {half.negate(), half.subtract(BigInteger.ONE)};
  }

  /**
   * JAX's {@code _convert_and_clip_integer}: clip to {@code dtype}'s range, then convert.
   *
   * @param val the values to convert
   * @param dtype the element type of the result
   * @return JAX's {@code _convert_and_clip_integer}: clip to {@code dtype}'s range, then convert
   */
  public static NDArray convertAndClip(NDArray val, DType dtype) {
    BigInteger[] to = iinfo(dtype);
    BigInteger[] from = iinfo(val.dtype());
    Array lo = Array.scalar(to[0].max(from[0]).longValue(), val.dtype());
    Array hi = Array.scalar(to[1].min(from[1]).longValue(), val.dtype());
    return Lax.convertElementType(Lax.clamp(lo, val, hi), dtype);
  }

  /**
   * JAX's {@code _randint} for an integer {@code dtype} of 8 to 64 bits; {@code minval} and
   * {@code maxval} are integer arrays broadcast-compatible with {@code shape}.
   *
   * @param key the PRNG key array
   * @param minval the lower bound (inclusive)
   * @param maxval the upper bound (exclusive)
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return JAX's {@code _randint} for an integer {@code dtype} of 8 to 64 bits
   */
  public static NDArray randint(NDArray key, NDArray minval, NDArray maxval, int[] shape,
      DType dtype) {
    BigInteger dmax = iinfo(dtype)[1];
    NDArray maxConst = convertAndClip(Array.scalar(dmax.longValue(), dtype), maxval.dtype());
    NDArray lo = NumpySupport.broadcastToRank(convertAndClip(minval, dtype), shape.length);
    NDArray hi = NumpySupport.broadcastToRank(convertAndClip(maxval, dtype), shape.length);
    NDArray outOfRange = NumpySupport.broadcastToRank(Lax.gt(maxval, maxConst), shape.length);
    int nbits = dtype.bits();
    NDArray keys = Threefry.split(key, new int[] {2});
    NDArray k1 = Lax.reshape(Lax.slice(keys, new int[] {0, 0}, new int[] {1, 2}), new int[] {2});
    NDArray k2 = Lax.reshape(Lax.slice(keys, new int[] {1, 0}, new int[] {2, 2}), new int[] {2});
    NDArray higher = Threefry.randomBits(k1, nbits, shape);
    NDArray lower = Threefry.randomBits(k2, nbits, shape);
    DType uint = uintOf(nbits);
    NDArray span = Lax.convertElementType(Lax.sub(hi, lo), uint);
    NDArray one = Lax.broadcastInDim(Array.scalar(1, uint), span.shape(), new int[0]);
    span = Lax.selectN(Lax.le(hi, lo), span, one);
    NDArray bump = Lax.bitwiseAnd(Lax.broadcastInDim(outOfRange, span.shape(),
        iotaDims(span.ndim())), Lax.gt(hi, lo));
    span = Lax.selectN(bump, span, Lax.add(span, Array.scalar(1, uint)));
    NDArray multiplier = Lax.rem(Array.scalar(1L << (nbits / 2), uint), span);
    multiplier = Lax.rem(Lax.mul(multiplier, multiplier), span);
    NDArray offset = Lax.add(Lax.mul(Lax.rem(higher, span), multiplier), Lax.rem(lower, span));
    offset = Lax.rem(offset, span);
    return Lax.add(lo, Lax.convertElementType(offset, dtype));
  }

  private static int[] iotaDims(int n) {
    int[] d = new int[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    return d;
  }

  /**
   * JAX's {@code _shuffle}: {@code ceil(3 ln(size) / ln(2^32 - 1))} rounds of a stable sort of
   * {@code x} along {@code axis} by fresh random uint32 keys, each from a new split.
   *
   * @param key the PRNG key array
   * @param x the input array
   * @param axis the axis to operate along; negative values count from the end
   * @return JAX's {@code _shuffle}
   */
  public static NDArray shuffle(NDArray key, NDArray x, int axis) {
    long size = 1;
    for (int d : x.shape()) {
      size *= d;
    }
    double uint32max = 4294967295.0;
    int rounds = (int) Math.ceil(3 * Math.log(Math.max(1, size)) / Math.log(uint32max));
    NDArray k = key;
    for (int i = 0; i < rounds; i++) {
      NDArray keys = Threefry.split(k, new int[] {2});
      k = Lax.reshape(Lax.slice(keys, new int[] {0, 0}, new int[] {1, 2}), new int[] {2});
      NDArray sub = Lax.reshape(Lax.slice(keys, new int[] {1, 0}, new int[] {2, 2}),
          new int[] {2});
      NDArray sortKeys = Threefry.randomBits(sub, 32, x.shape());
      x = Lax.sort(List.of(sortKeys, x), axis, true, 1).get(1);
    }
    return x;
  }

  /**
   * {@code jnp.take(x, indices, axis)} for in-bounds integer indices: the result has shape
   * {@code x.shape[:axis] + indices.shape + x.shape[axis+1:]}.
   *
   * @param x the input array
   * @param indices the integer index array
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code jnp.take(x, indices, axis)} for in-bounds integer indices
   */
  public static NDArray take(NDArray x, NDArray indices, int axis) {
    int[] xs = x.shape();
    int ni = indices.ndim();
    int[] offsetDims = new int[xs.length - 1];
    for (int d = 0, j = 0; d < xs.length; d++) {
      if (d != axis) {
        offsetDims[j++] = d < axis ? d : d - 1 + ni;
      }
    }
    int[] sliceSizes = xs.clone();
    sliceSizes[axis] = 1;
    int[] idxShape = java.util.Arrays.copyOf(indices.shape(), ni + 1);
    idxShape[ni] = 1;
    GatherDimensionNumbers dn = new GatherDimensionNumbers(offsetDims, new int[] {axis},
        new int[] {axis});
    return Lax.gather(x, Lax.reshape(indices, idxShape), dn, sliceSizes,
        GatherScatterMode.PROMISE_IN_BOUNDS);
  }
}
