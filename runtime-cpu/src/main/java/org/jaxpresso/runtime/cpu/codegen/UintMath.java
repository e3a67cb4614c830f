package org.jaxpresso.runtime.cpu.codegen;

/**
 * Scalar uint32 operations called from generated code: a uint32 lives in an {@code int} as its
 * bit pattern, so addition, subtraction, multiplication and the bitwise ops are the int ones;
 * these are the ops whose result depends on reading the bits as unsigned.
 */
public final class UintMath {
  private UintMath() {}

  /**
   * XLA's unsigned division: {@code x / 0} is all ones.
   *
   * @param x the dividend's bits
   * @param y the divisor's bits
   * @return the quotient's bits
   */
  public static int udiv(int x, int y) {
    return y == 0 ? -1 : Integer.divideUnsigned(x, y);
  }

  /**
   * XLA's unsigned remainder: {@code x % 0 == x}.
   *
   * @param x the dividend's bits
   * @param y the divisor's bits
   * @return the remainder's bits
   */
  public static int urem(int x, int y) {
    return y == 0 ? x : Integer.remainderUnsigned(x, y);
  }

  /**
   * The unsigned maximum.
   *
   * @param x the left operand's bits
   * @param y the right operand's bits
   * @return the larger, read as unsigned
   */
  public static int umax(int x, int y) {
    return Integer.compareUnsigned(x, y) >= 0 ? x : y;
  }

  /**
   * The unsigned minimum.
   *
   * @param x the left operand's bits
   * @param y the right operand's bits
   * @return the smaller, read as unsigned
   */
  public static int umin(int x, int y) {
    return Integer.compareUnsigned(x, y) <= 0 ? x : y;
  }

  /**
   * {@code clamp(lo, x, hi)} read as unsigned: {@code min(hi, max(lo, x))}.
   *
   * @param lo the lower bound's bits
   * @param x the value's bits
   * @param hi the upper bound's bits
   * @return {@code x} limited to {@code [lo, hi]}
   */
  public static int uclamp(int lo, int x, int hi) {
    return umin(hi, umax(lo, x));
  }

  /**
   * The sign of an unsigned value: 0 or 1.
   *
   * @param x the value's bits
   * @return 0 when {@code x} is 0, else 1
   */
  public static int usign(int x) {
    return x == 0 ? 0 : 1;
  }

  /**
   * Unsigned {@code x < y} as 0 or 1.
   *
   * @param x the left operand's bits
   * @param y the right operand's bits
   * @return 1 when {@code x < y} read as unsigned, else 0
   */
  public static int ult(int x, int y) {
    return Integer.compareUnsigned(x, y) < 0 ? 1 : 0;
  }

  /**
   * Unsigned {@code x <= y} as 0 or 1.
   *
   * @param x the left operand's bits
   * @param y the right operand's bits
   * @return 1 when {@code x <= y} read as unsigned, else 0
   */
  public static int ule(int x, int y) {
    return Integer.compareUnsigned(x, y) <= 0 ? 1 : 0;
  }

  /**
   * Unsigned {@code x > y} as 0 or 1.
   *
   * @param x the left operand's bits
   * @param y the right operand's bits
   * @return 1 when {@code x > y} read as unsigned, else 0
   */
  public static int ugt(int x, int y) {
    return Integer.compareUnsigned(x, y) > 0 ? 1 : 0;
  }

  /**
   * Unsigned {@code x >= y} as 0 or 1.
   *
   * @param x the left operand's bits
   * @param y the right operand's bits
   * @return 1 when {@code x >= y} read as unsigned, else 0
   */
  public static int uge(int x, int y) {
    return Integer.compareUnsigned(x, y) >= 0 ? 1 : 0;
  }
}
