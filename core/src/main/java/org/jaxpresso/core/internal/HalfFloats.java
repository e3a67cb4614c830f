package org.jaxpresso.core.internal;

/**
 * Exact conversions between Java floating types and the 16-bit formats bfloat16 and float16,
 * stored as 16-bit patterns. All narrowing conversions round to nearest, ties to even, with a
 * single rounding also from double (by way of round-to-odd to float, which is exact for any
 * target with at least two fewer significand bits than float).
 */
public final class HalfFloats {
  private HalfFloats() {}

  /**
   * The float value of a bfloat16 bit pattern (exact).
   *
   * @param bits the bit pattern
   * @return the float value of a bfloat16 bit pattern (exact)
   */
  public static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /**
   * The nearest bfloat16 to {@code f} (ties to even); NaN stays NaN (quiet).
   *
   * @param f the value to convert
   * @return the nearest bfloat16 to {@code f} (ties to even); NaN stays NaN (quiet)
   */
  public static short floatToBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
    return (short) (rounded >>> 16);
  }

  /**
   * The nearest bfloat16 to {@code d}, rounded once.
   *
   * @param d the value
   * @return the nearest bfloat16 to {@code d}, rounded once
   */
  public static short doubleToBf16(double d) {
    return floatToBf16(roundToOddFloat(d));
  }

  /**
   * The float value of a float16 bit pattern (exact).
   *
   * @param bits the bit pattern
   * @return the float value of a float16 bit pattern (exact)
   */
  public static float f16ToFloat(short bits) {
    return Float.float16ToFloat(bits);
  }

  /**
   * The nearest float16 to {@code f} (ties to even).
   *
   * @param f the value to convert
   * @return the nearest float16 to {@code f} (ties to even)
   */
  public static short floatToF16(float f) {
    return Float.floatToFloat16(f);
  }

  /**
   * The nearest float16 to {@code d}, rounded once.
   *
   * @param d the value
   * @return the nearest float16 to {@code d}, rounded once
   */
  public static short doubleToF16(double d) {
    return Float.floatToFloat16(roundToOddFloat(d));
  }

  /**
   * {@code d} rounded to float by truncation toward zero, with the last bit set when inexact
   * ("round to odd"): a later round-to-nearest to a narrower format then rounds as if directly
   * from {@code d}.
   */
  static float roundToOddFloat(double d) {
    float f = (float) d;
    if (Double.isNaN(d) || Double.isInfinite(d) || (double) f == d) {
      return f;
    }
    if (Float.isInfinite(f)) {
      // Overflowed past the largest float: the value is far outside every 16-bit range.
      return f;
    }
    if (Math.abs((double) f) > Math.abs(d)) {
      f = Math.nextAfter(f, 0.0);
    }
    int bits = Float.floatToRawIntBits(f) | 1;
    return Float.intBitsToFloat(bits);
  }
}
