package org.jaxpresso.lax.semantics;

import org.jaxpresso.core.DType;

/**
 * Integer and bool element semantics as XLA defines them on CPU, on values held in a
 * {@code long} the way {@link org.jaxpresso.core.backend.HostBuffer#getLong} reads them: signed
 * types sign-extended, uint8/16/32 and bool zero-extended, uint64 as its bit pattern. Results
 * are wrapped to the dtype's width when stored.
 *
 * <p>XLA's choices for the cases C leaves undefined (xla/service/elemental_ir_emitter.cc):
 * {@code x / 0 == -1} (all bits set: the maximum for unsigned types), {@code INT_MIN / -1 ==
 * INT_MIN}, {@code x % 0 == x}, {@code INT_MIN % -1 == 0}; shift amounts are read as unsigned
 * and an amount {@code >= } the bit width gives 0 ({@code shift_left}, {@code
 * shift_right_logical}) or the sign fill ({@code shift_right_arithmetic}).
 */
public final class IntOps {
  private IntOps() {}

  /**
   * Whether {@code d}'s values compare as unsigned (unsigned integers and bool).
   *
   * @param d the dtype
   * @return whether {@code d}'s values compare as unsigned (unsigned integers and bool)
   */
  public static boolean isUnsigned(DType d) {
    return d.isUnsigned() || d.isBool();
  }

  /**
   * The mask of {@code d}'s bits.
   *
   * @param d the dtype
   * @return the mask of {@code d}'s bits
   */
  public static long mask(DType d) {
    return d.bits() == 64 ? -1L : (1L << d.bits()) - 1;
  }

  /**
   * {@code v}'s low {@code d.bits()} bits read as a signed number.
   *
   * @param v the value
   * @param d the dtype
   * @return {@code v}'s low {@code d.bits()} bits read as a signed number
   */
  public static long signExtend(long v, DType d) {
    int s = 64 - d.bits();
    return (v << s) >> s;
  }

  /**
   * Three-way comparison in {@code d}'s order (unsigned for unsigned types and bool).
   *
   * @param a the first value
   * @param b the second value
   * @param d the dtype
   * @return negative, zero or positive as {@code a} is less than, equal to or greater than {@code
   *     b}
   */
  public static int compare(long a, long b, DType d) {
    return isUnsigned(d) ? Long.compareUnsigned(a, b) : Long.compare(a, b);
  }

  /**
   * The larger of two values in {@code d}'s order.
   *
   * @param a the first value
   * @param b the second value
   * @param d the dtype
   * @return the larger of two values in {@code d}'s order
   */
  public static long max(long a, long b, DType d) {
    return compare(a, b, d) >= 0 ? a : b;
  }

  /**
   * The smaller of two values in {@code d}'s order.
   *
   * @param a the first value
   * @param b the second value
   * @param d the dtype
   * @return the smaller of two values in {@code d}'s order
   */
  public static long min(long a, long b, DType d) {
    return compare(a, b, d) <= 0 ? a : b;
  }

  /**
   * Division truncating toward zero, with XLA's results for {@code x/0} and {@code MIN/-1}.
   *
   * @param a the first value
   * @param b the second value
   * @param d the dtype
   * @return the division truncating toward zero, with XLA's results for {@code x/0} and {@code
   *     MIN/-1}
   */
  public static long div(long a, long b, DType d) {
    if (b == 0) {
      return -1L;
    }
    if (d == DType.UINT64) {
      return Long.divideUnsigned(a, b);
    }
    // MIN / -1: Java's long division overflows to MIN (64-bit); narrower types wrap to MIN.
    return a / b;
  }

  /**
   * Remainder with the dividend's sign, with XLA's results for {@code x%0} and {@code MIN%-1}.
   *
   * @param a the first value
   * @param b the second value
   * @param d the dtype
   * @return the remainder with the dividend's sign, with XLA's results for {@code x%0} and {@code
   *     MIN%-1}
   */
  public static long rem(long a, long b, DType d) {
    if (b == 0) {
      return a;
    }
    if (d == DType.UINT64) {
      return Long.remainderUnsigned(a, b);
    }
    return a % b;
  }

  /**
   * {@code -a}, wrapping.
   *
   * @param a the first value
   * @return {@code -a}, wrapping
   */
  public static long neg(long a) {
    return -a;
  }

  /**
   * -1, 0 or 1 (0 or 1 for unsigned types).
   *
   * @param a the first value
   * @param d the dtype
   * @return -1, 0 or 1 (0 or 1 for unsigned types)
   */
  public static long sign(long a, DType d) {
    return isUnsigned(d) ? (a != 0 ? 1 : 0) : Long.signum(a);
  }

  /**
   * Bitwise not; logical not for bool.
   *
   * @param a the first value
   * @param d the dtype
   * @return the bitwise not; logical not for bool
   */
  public static long not(long a, DType d) {
    return d.isBool() ? a ^ 1 : ~a;
  }

  /**
   * {@code a << b}; 0 when {@code b} (unsigned) is at least the bit width.
   *
   * @param a the first value
   * @param b the second value
   * @param d the dtype
   * @return {@code a << b}; 0 when {@code b} (unsigned) is at least the bit width
   */
  public static long shiftLeft(long a, long b, DType d) {
    return Long.compareUnsigned(b & mask(d), d.bits()) < 0 ? a << b : 0;
  }

  /**
   * Logical right shift of {@code a}'s bits; 0 when {@code b} is at least the bit width.
   *
   * @param a the first value
   * @param b the second value
   * @param d the dtype
   * @return the logical right shift of {@code a}'s bits; 0 when {@code b} is at least the bit width
   */
  public static long shiftRightLogical(long a, long b, DType d) {
    return Long.compareUnsigned(b & mask(d), d.bits()) < 0 ? (a & mask(d)) >>> b : 0;
  }

  /**
   * Arithmetic right shift; the sign fill when {@code b} is at least the bit width.
   *
   * @param a the first value
   * @param b the second value
   * @param d the dtype
   * @return the arithmetic right shift; the sign fill when {@code b} is at least the bit width
   */
  public static long shiftRightArithmetic(long a, long b, DType d) {
    long s = signExtend(a, d);
    return Long.compareUnsigned(b & mask(d), d.bits()) < 0 ? s >> b : (s < 0 ? -1L : 0L);
  }

  /**
   * The number of set bits in {@code d}'s width.
   *
   * @param a the first value
   * @param d the dtype
   * @return the number of set bits in {@code d}'s width
   */
  public static long populationCount(long a, DType d) {
    return Long.bitCount(a & mask(d));
  }

  /**
   * The number of leading zero bits in {@code d}'s width.
   *
   * @param a the first value
   * @param d the dtype
   * @return the number of leading zero bits in {@code d}'s width
   */
  public static long clz(long a, DType d) {
    return Long.numberOfLeadingZeros(a & mask(d)) - (64 - d.bits());
  }

  /**
   * {@code a ** y} for {@code y >= 0} by repeated squaring, wrapping.
   *
   * @param a the first value
   * @param y the second value
   * @return {@code a ** y} for {@code y >= 0} by repeated squaring, wrapping
   */
  public static long pow(long a, int y) {
    long acc = 1;
    long x = a;
    int e = y;
    while (e > 0) {
      if ((e & 1) != 0) {
        acc *= x;
      }
      e >>= 1;
      x *= x;
    }
    return acc;
  }
}
