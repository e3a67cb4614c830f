package org.jaxpresso.lax.semantics;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.internal.HalfFloats;

/**
 * Element conversions as XLA performs them on CPU ({@code convert_element_type}): integers to
 * integers wrap; integers to floats round to nearest-even (once, also from 64-bit integers);
 * floats to floats round to nearest-even; floats to integers truncate toward zero and saturate
 * at the target's range, with NaN giving 0 (observed: {@code [2.7, -2.7, 1e10, nan] -> int32
 * [2, -2, 2147483647, 0]}); anything to bool is {@code x != 0} (NaN is true); bool to numbers is
 * 0 or 1. Also the raw bit access that {@code bitcast_convert_type} and
 * {@code reduce_precision} use.
 */
public final class Conversion {
  private Conversion() {}

  /**
   * Converts element {@code i} of {@code src} into element {@code j} of {@code dst}.
   *
   * @param src the buffer to read
   * @param i the flat (row-major) index of the element
   * @param dst the buffer to write
   * @param j the flat (row-major) index of the other element
   */
  public static void convert(HostBuffer src, int i, HostBuffer dst, int j) {
    DType from = src.dtype();
    DType to = dst.dtype();
    if (to.isBool()) {
      dst.setBoolean(j, from.isFloating() ? src.getDouble(i) != 0.0 : src.getLong(i) != 0);
    } else if (from.isFloating()) {
      if (to.isFloating()) {
        dst.setDouble(j, src.getDouble(i));
      } else {
        dst.setLong(j, floatToInt(src.getDouble(i), to));
      }
    } else if (to == DType.FLOAT64) {
      long v = src.getLong(i);
      dst.setDouble(j, from == DType.UINT64 ? HostBuffer.unsignedToDouble(v) : (double) v);
    } else if (to.isFloating()) {
      dst.setDouble(j, intToDouble(src.getLong(i), from == DType.UINT64));
    } else {
      dst.setLong(j, src.getLong(i));
    }
  }

  /**
   * {@code v} truncated toward zero and saturated to {@code to}'s range; NaN gives 0. The result
   * is the value's bit pattern in a long (uint64 values past 2^63 are negative longs).
   *
   * @param v the value
   * @param to the dtype to convert to
   * @return {@code v} truncated toward zero and saturated to {@code to}'s range; NaN gives 0
   */
  public static long floatToInt(double v, DType to) {
    if (Double.isNaN(v)) {
      return 0;
    }
    double t = v < 0 ? Math.ceil(v) : Math.floor(v);
    if (to == DType.UINT64) {
      if (t <= 0) {
        return 0;
      }
      if (t >= 0x1p64) {
        return -1L;
      }
      return t >= 0x1p63 ? (long) (t - 0x1p63) + Long.MIN_VALUE : (long) t;
    }
    if (to == DType.INT64) {
      return (long) t; // Java's conversion saturates
    }
    long lo = to.isUnsigned() ? 0 : -(1L << (to.bits() - 1));
    long hi = to.isUnsigned() ? (1L << to.bits()) - 1 : (1L << (to.bits() - 1)) - 1;
    if (t <= lo) {
      return lo;
    }
    if (t >= hi) {
      return hi;
    }
    return (long) t;
  }

  /**
   * An integer as a double that a later rounding to bfloat16, float16 or float32 rounds as if
   * from the exact value: exact below 2^53, otherwise rounded to odd (truncated, with the last
   * bit set when inexact). {@code unsigned64} reads {@code v} as a uint64 bit pattern.
   *
   * @param v the value
   * @param unsigned64 whether {@code v} holds a uint64 bit pattern
   * @return an integer as a double that a later rounding to bfloat16, float16 or float32 rounds as
   *     if from the exact value
   */
  public static double intToDouble(long v, boolean unsigned64) {
    boolean negative = !unsigned64 && v < 0;
    long mag = negative ? -v : v; // Long.MIN_VALUE stays itself: read below as unsigned 2^63
    if (Long.compareUnsigned(mag, 1L << 53) <= 0) {
      double d = (double) mag;
      return negative ? -d : d;
    }
    int shift = 64 - Long.numberOfLeadingZeros(mag) - 53;
    long kept = mag >>> shift;
    if ((mag & ((1L << shift) - 1)) != 0) {
      kept |= 1;
    }
    double d = Math.scalb((double) kept, shift);
    return negative ? -d : d;
  }

  /**
   * The raw bits of element {@code i} (zero-extended to 64 bits).
   *
   * @param b the buffer
   * @param i the flat (row-major) index of the element
   * @return the raw bits of element {@code i} (zero-extended to 64 bits)
   */
  public static long rawBits(HostBuffer b, int i) {
    return switch (b.data()) {
      case byte[] a -> a[i] & 0xFFL;
      case short[] a -> a[i] & 0xFFFFL;
      case int[] a -> a[i] & 0xFFFFFFFFL;
      case long[] a -> a[i];
      case float[] a -> Float.floatToRawIntBits(a[i]) & 0xFFFFFFFFL;
      case double[] a -> Double.doubleToRawLongBits(a[i]);
      default -> throw new IllegalStateException("unknown storage");
    };
  }

  /**
   * Stores the low bits of {@code bits} as element {@code i} (a buffer being filled).
   *
   * @param b the buffer
   * @param i the flat (row-major) index of the element
   * @param bits the bit pattern to store
   */
  public static void setRawBits(HostBuffer b, int i, long bits) {
    switch (b.data()) {
      case byte[] a -> a[i] = (byte) bits;
      case short[] a -> a[i] = (short) bits;
      case int[] a -> a[i] = (int) bits;
      case long[] a -> a[i] = bits;
      case float[] a -> a[i] = Float.intBitsToFloat((int) bits);
      case double[] a -> a[i] = Double.longBitsToDouble(bits);
      default -> throw new IllegalStateException("unknown storage");
    }
  }

  /**
   * The number of explicit mantissa bits of a float dtype.
   *
   * @param d the dtype
   * @return the number of explicit mantissa bits of a float dtype
   */
  public static int mantissaBits(DType d) {
    return switch (d) {
      case BFLOAT16 -> 7;
      case FLOAT16 -> 10;
      case FLOAT32 -> 23;
      case FLOAT64 -> 52;
      default -> throw new IllegalArgumentException(d + " is not a floating dtype");
    };
  }

  /**
   * The number of exponent bits of a float dtype.
   *
   * @param d the dtype
   * @return the number of exponent bits of a float dtype
   */
  public static int exponentBits(DType d) {
    return d.bits() - 1 - mantissaBits(d);
  }

  /**
   * XLA's {@code reduce_precision} on the bits of one element of float dtype {@code d}: round
   * the mantissa to {@code mantissaBits} (nearest-even), then values whose exponent is beyond
   * the reduced range become ±inf, and those below its smallest normal ±0; NaN stays NaN.
   *
   * @param bits the element's bit pattern
   * @param d the dtype
   * @param exponentBits the number of exponent bits to keep
   * @param mantissaBits the number of mantissa bits to keep
   * @return XLA's {@code reduce_precision} on the bits of one element of float dtype {@code d}
   */
  public static long reducePrecision(long bits, DType d, int exponentBits, int mantissaBits) {
    int nbits = d.bits();
    int srcMantissa = mantissaBits(d);
    int srcExponent = exponentBits(d);
    long signMask = 1L << (nbits - 1);
    long expMask = ((1L << srcExponent) - 1) << srcMantissa;
    long mantMask = (1L << srcMantissa) - 1;
    boolean isNan = (bits & expMask) == expMask && (bits & mantMask) != 0;
    long x = bits;
    if (mantissaBits < srcMantissa) {
      long lastBit = 1L << (srcMantissa - mantissaBits);
      long baseBias = (lastBit >> 1) - 1;
      long xLast = (x & lastBit) >>> (srcMantissa - mantissaBits);
      long truncation = ~(lastBit - 1);
      x = (x + xLast + baseBias) & truncation;
    }
    if (exponentBits < srcExponent) {
      long biasDiff = (1L << (srcExponent - 1)) - (1L << (exponentBits - 1));
      long reducedMax = (biasDiff + (1L << exponentBits) - 2) << srcMantissa;
      long reducedMin = biasDiff << srcMantissa;
      long xExp = x & expMask;
      long signed0 = x & signMask;
      if (xExp > reducedMax) {
        x = signed0 | expMask;
      } else if (xExp <= reducedMin) {
        x = signed0;
      }
    }
    x &= nbits == 64 ? -1L : (1L << nbits) - 1;
    return isNan ? bits : x;
  }

  /** Stores the double {@code v} (already representable) as bits of dtype {@code d}. */
  static long floatBits(double v, DType d) {
    return switch (d) {
      case FLOAT64 -> Double.doubleToRawLongBits(v);
      case FLOAT32 -> Float.floatToRawIntBits((float) v) & 0xFFFFFFFFL;
      case FLOAT16 -> HalfFloats.doubleToF16(v) & 0xFFFFL;
      case BFLOAT16 -> HalfFloats.doubleToBf16(v) & 0xFFFFL;
      default -> throw new IllegalArgumentException(d + " is not a floating dtype");
    };
  }
}
