package org.jaxpresso.runtime.cpu.codegen;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.internal.HalfFloats;
import org.jaxpresso.lax.internal.elementwise.SpecialFunctions;
import org.jaxpresso.lax.semantics.Conversion;
import org.jaxpresso.lax.semantics.FloatOps;
import org.jaxpresso.lax.semantics.IntOps;

/**
 * Scalar operations called from generated mixed code ({@link MixedScalar}) that depend on the
 * dtype or wrap the reference implementations: the float special functions that need their
 * dtype ({@code erf_inv}, {@code nextafter}, {@code reduce_precision}), the bit ops on integers
 * held in an {@code int} (8, 16 and 32 bits, signed types sign-extended, unsigned ones as their
 * zero-extended value or, for uint32, as their bits), and the int64/uint64 ops held in a {@code
 * long}. Each calls the same {@link IntOps}, {@link FloatOps}, {@link Conversion} or {@link
 * SpecialFunctions} method as the reference evaluator, so results are bit-identical. Dtypes are
 * passed as their {@link DType#ordinal()}.
 */
public final class ScalarMath {
  private static final DType[] DTYPES = DType.values();

  private ScalarMath() {}

  private static DType dtype(int d) {
    return DTYPES[d];
  }

  /**
   * {@code erf_inv} as the reference computes it: XLA's float32 algorithm below float64.
   *
   * @param x the value
   * @param d the ordinal of the float dtype
   * @return the inverse error function of {@code x}, rounded to the dtype
   */
  public static double erfInv(double x, int d) {
    DType t = dtype(d);
    return t == DType.FLOAT64
        ? SpecialFunctions.erfInv(x)
        : FloatOps.round(SpecialFunctions.erfInvF32((float) x), t);
  }

  /**
   * {@code nextafter} in the dtype.
   *
   * @param x the value
   * @param y the direction
   * @param d the ordinal of the float dtype
   * @return the next value of the dtype from {@code x} toward {@code y}
   */
  public static double nextAfter(double x, double y, int d) {
    return FloatOps.nextAfter(x, y, dtype(d));
  }

  /**
   * {@code reduce_precision} of a value of float dtype {@code d}, on its bits.
   *
   * @param x the value (representable in the dtype)
   * @param d the ordinal of the float dtype
   * @param param {@code exponent_bits * 1000 + mantissa_bits}
   * @return the value with its exponent and mantissa reduced
   */
  public static double reducePrecision(double x, int d, int param) {
    DType t = dtype(d);
    HostBuffer b = HostBuffer.allocate(t, 1);
    b.setDouble(0, x);
    long bits = Conversion.reducePrecision(Conversion.rawBits(b, 0), t, param / 1000,
        param % 1000);
    Conversion.setRawBits(b, 0, bits);
    return b.getDouble(0);
  }

  // Integers of at most 32 bits held in an int.

  /** The value of an int-held integer of dtype {@code d} as the reference's long. */
  private static long widen(int x, DType d) {
    return d == DType.UINT32 ? Integer.toUnsignedLong(x) : x;
  }

  /**
   * {@code shift_left} on an int-held integer (XLA: 0 past the width); the caller wraps.
   *
   * @param x the value
   * @param y the shift count
   * @param d the ordinal of the integer dtype
   * @return the shifted value's low 32 bits
   */
  public static int shiftLeft(int x, int y, int d) {
    DType t = dtype(d);
    return (int) IntOps.shiftLeft(widen(x, t), widen(y, t), t);
  }

  /**
   * {@code shift_right_logical} on an int-held integer (XLA: 0 past the width).
   *
   * @param x the value
   * @param y the shift count
   * @param d the ordinal of the integer dtype
   * @return the shifted value's low 32 bits
   */
  public static int shiftRightLogical(int x, int y, int d) {
    DType t = dtype(d);
    return (int) IntOps.shiftRightLogical(widen(x, t), widen(y, t), t);
  }

  /**
   * {@code shift_right_arithmetic} on an int-held integer (XLA: the sign fill past the width).
   *
   * @param x the value
   * @param y the shift count
   * @param d the ordinal of the integer dtype
   * @return the shifted value's low 32 bits
   */
  public static int shiftRightArithmetic(int x, int y, int d) {
    DType t = dtype(d);
    return (int) IntOps.shiftRightArithmetic(widen(x, t), widen(y, t), t);
  }

  /**
   * {@code population_count} of an int-held integer in its width.
   *
   * @param x the value
   * @param d the ordinal of the integer dtype
   * @return the number of set bits
   */
  public static int populationCount(int x, int d) {
    DType t = dtype(d);
    return (int) IntOps.populationCount(widen(x, t), t);
  }

  /**
   * {@code clz} of an int-held integer in its width.
   *
   * @param x the value
   * @param d the ordinal of the integer dtype
   * @return the number of leading zero bits
   */
  public static int clz(int x, int d) {
    DType t = dtype(d);
    return (int) IntOps.clz(widen(x, t), t);
  }

  /**
   * The case a {@code select_n} predicate held in an int picks: the first below 0, the last
   * past the end (the predicate read in its dtype's order).
   *
   * @param w the predicate
   * @param cases the number of cases
   * @param d the ordinal of the predicate's dtype
   * @return the index of the case
   */
  public static int selectIndex(int w, int cases, int d) {
    DType t = dtype(d);
    return selectIndexLong(widen(w, t), cases, d);
  }

  /**
   * The case a {@code select_n} predicate held in a long picks (int64/uint64 predicates).
   *
   * @param w the predicate
   * @param cases the number of cases
   * @param d the ordinal of the predicate's dtype
   * @return the index of the case
   */
  public static int selectIndexLong(long w, int cases, int d) {
    DType t = dtype(d);
    if (IntOps.compare(w, 0, t) <= 0) {
      return 0;
    }
    if (IntOps.compare(w, cases - 1, t) >= 0) {
      return cases - 1;
    }
    return (int) w;
  }

  // int64 and uint64 held in a long.

  /**
   * XLA's division ({@code x/0 == -1}).
   *
   * @param x the dividend
   * @param y the divisor
   * @param d the ordinal of int64 or uint64
   * @return the quotient
   */
  public static long div(long x, long y, int d) {
    return IntOps.div(x, y, dtype(d));
  }

  /**
   * XLA's remainder ({@code x%0 == x}).
   *
   * @param x the dividend
   * @param y the divisor
   * @param d the ordinal of int64 or uint64
   * @return the remainder
   */
  public static long rem(long x, long y, int d) {
    return IntOps.rem(x, y, dtype(d));
  }

  /**
   * The larger in the dtype's order.
   *
   * @param x the first value
   * @param y the second value
   * @param d the ordinal of int64 or uint64
   * @return the larger
   */
  public static long max(long x, long y, int d) {
    return IntOps.max(x, y, dtype(d));
  }

  /**
   * The smaller in the dtype's order.
   *
   * @param x the first value
   * @param y the second value
   * @param d the ordinal of int64 or uint64
   * @return the smaller
   */
  public static long min(long x, long y, int d) {
    return IntOps.min(x, y, dtype(d));
  }

  /**
   * {@code clamp(lo, x, hi)} in the dtype's order, as the reference: {@code min(hi, max(lo,
   * x))}.
   *
   * @param lo the lower bound
   * @param x the value
   * @param hi the upper bound
   * @param d the ordinal of int64 or uint64
   * @return the clamped value
   */
  public static long clamp(long lo, long x, long hi, int d) {
    DType t = dtype(d);
    long v = IntOps.compare(lo, x, t) >= 0 ? lo : x;
    return IntOps.compare(hi, v, t) <= 0 ? hi : v;
  }

  /**
   * -1, 0 or 1 (0 or 1 for uint64).
   *
   * @param x the value
   * @param d the ordinal of int64 or uint64
   * @return the sign
   */
  public static long sign(long x, int d) {
    return IntOps.sign(x, dtype(d));
  }

  /**
   * Three-way comparison in the dtype's order.
   *
   * @param x the first value
   * @param y the second value
   * @param d the ordinal of int64 or uint64
   * @return negative, zero or positive as {@code x} is below, equal to or above {@code y}
   */
  public static int compare(long x, long y, int d) {
    return IntOps.compare(x, y, dtype(d));
  }

  /**
   * {@code x == y} as 0 or 1.
   *
   * @param x the first value
   * @param y the second value
   * @return 1 when equal
   */
  public static int eq(long x, long y) {
    return x == y ? 1 : 0;
  }

  /**
   * {@code x != y} as 0 or 1.
   *
   * @param x the first value
   * @param y the second value
   * @return 1 when different
   */
  public static int ne(long x, long y) {
    return x != y ? 1 : 0;
  }

  /**
   * {@code x < y} in the dtype's order, as 0 or 1.
   *
   * @param x the first value
   * @param y the second value
   * @param d the ordinal of int64 or uint64
   * @return 1 when less
   */
  public static int lt(long x, long y, int d) {
    return IntOps.compare(x, y, dtype(d)) < 0 ? 1 : 0;
  }

  /**
   * {@code x <= y} in the dtype's order, as 0 or 1.
   *
   * @param x the first value
   * @param y the second value
   * @param d the ordinal of int64 or uint64
   * @return 1 when less or equal
   */
  public static int le(long x, long y, int d) {
    return IntOps.compare(x, y, dtype(d)) <= 0 ? 1 : 0;
  }

  /**
   * {@code x > y} in the dtype's order, as 0 or 1.
   *
   * @param x the first value
   * @param y the second value
   * @param d the ordinal of int64 or uint64
   * @return 1 when greater
   */
  public static int gt(long x, long y, int d) {
    return IntOps.compare(x, y, dtype(d)) > 0 ? 1 : 0;
  }

  /**
   * {@code x >= y} in the dtype's order, as 0 or 1.
   *
   * @param x the first value
   * @param y the second value
   * @param d the ordinal of int64 or uint64
   * @return 1 when greater or equal
   */
  public static int ge(long x, long y, int d) {
    return IntOps.compare(x, y, dtype(d)) >= 0 ? 1 : 0;
  }

  /**
   * {@code shift_left} on 64 bits.
   *
   * @param x the value
   * @param y the shift count
   * @param d the ordinal of int64 or uint64
   * @return the shifted value
   */
  public static long shiftLeft(long x, long y, int d) {
    return IntOps.shiftLeft(x, y, dtype(d));
  }

  /**
   * {@code shift_right_logical} on 64 bits.
   *
   * @param x the value
   * @param y the shift count
   * @param d the ordinal of int64 or uint64
   * @return the shifted value
   */
  public static long shiftRightLogical(long x, long y, int d) {
    return IntOps.shiftRightLogical(x, y, dtype(d));
  }

  /**
   * {@code shift_right_arithmetic} on 64 bits.
   *
   * @param x the value
   * @param y the shift count
   * @param d the ordinal of int64 or uint64
   * @return the shifted value
   */
  public static long shiftRightArithmetic(long x, long y, int d) {
    return IntOps.shiftRightArithmetic(x, y, dtype(d));
  }

  /**
   * {@code population_count} on 64 bits.
   *
   * @param x the value
   * @param d the ordinal of int64 or uint64
   * @return the number of set bits
   */
  public static long populationCount(long x, int d) {
    return IntOps.populationCount(x, dtype(d));
  }

  /**
   * {@code clz} on 64 bits.
   *
   * @param x the value
   * @param d the ordinal of int64 or uint64
   * @return the number of leading zero bits
   */
  public static long clz(long x, int d) {
    return IntOps.clz(x, dtype(d));
  }

  /**
   * {@code integer_pow} on 64 bits, wrapping.
   *
   * @param x the base
   * @param y the exponent (at least 0)
   * @return the power
   */
  public static long pow(long x, int y) {
    return IntOps.pow(x, y);
  }

  /**
   * A float converted to int64 or uint64 ({@link Conversion#floatToInt}).
   *
   * @param v the value
   * @param d the ordinal of int64 or uint64
   * @return the converted value
   */
  public static long floatToLong(double v, int d) {
    return Conversion.floatToInt(v, dtype(d));
  }

  /**
   * An int64 or uint64 converted to float dtype {@code to}, as the reference: float64 directly
   * (uint64 read unsigned), narrower floats through {@link Conversion#intToDouble} and one
   * rounding.
   *
   * @param v the value
   * @param unsigned whether it is a uint64
   * @param to the ordinal of the float dtype
   * @return the converted value
   */
  public static double longToFloat(long v, boolean unsigned, int to) {
    DType t = dtype(to);
    if (t == DType.FLOAT64) {
      return unsigned ? HostBuffer.unsignedToDouble(v) : (double) v;
    }
    return FloatOps.round(Conversion.intToDouble(v, unsigned), t);
  }
}
