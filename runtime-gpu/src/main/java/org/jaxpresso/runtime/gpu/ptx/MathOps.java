package org.jaxpresso.runtime.gpu.ptx;

import java.util.List;
import java.util.function.Supplier;

/**
 * The double-precision operations the GPU math library ({@link MathLibrary}) is written in:
 * straight-line IEEE arithmetic, comparisons and selects, no loops, and one kind of branch
 * ({@link #rarely}) that skips a rarely needed computation. Two
 * implementations exist: {@link PtxMathOps} emits PTX instructions (values are register names),
 * and {@link JavaMathOps} evaluates on Java doubles (values are {@link Double}s) so that the
 * very algorithm the GPU runs is tested against the CPU reference on the host. Every operation
 * is correctly rounded in both (PTX {@code .rn} arithmetic, {@code fma.rn}, {@code
 * sqrt.rn}, {@code div.rn}; Java's {@code +}, {@link Math#fma}, {@link Math#sqrt}), so the two
 * agree bit for bit.
 *
 * @param <D> a double value
 * @param <P> a predicate (boolean) value
 */
public interface MathOps<D, P> {
  /**
   * The constant {@code v}.
   *
   * @param v the value
   * @return the constant
   */
  D c(double v);

  /**
   * {@code a + b}.
   *
   * @param a the left operand
   * @param b the right operand
   * @return the correctly rounded sum
   */
  D add(D a, D b);

  /**
   * {@code a - b}.
   *
   * @param a the left operand
   * @param b the right operand
   * @return the correctly rounded difference
   */
  D sub(D a, D b);

  /**
   * {@code a * b}.
   *
   * @param a the left operand
   * @param b the right operand
   * @return the correctly rounded product
   */
  D mul(D a, D b);

  /**
   * {@code a / b}.
   *
   * @param a the dividend
   * @param b the divisor
   * @return the correctly rounded quotient
   */
  D div(D a, D b);

  /**
   * {@code a * b + c} with one rounding.
   *
   * @param a the first factor
   * @param b the second factor
   * @param c the addend
   * @return the fused multiply-add
   */
  D fma(D a, D b, D c);

  /**
   * {@code -a}.
   *
   * @param a the operand
   * @return {@code a} with its sign flipped
   */
  D neg(D a);

  /**
   * {@code |a|}.
   *
   * @param a the operand
   * @return {@code a} with its sign cleared
   */
  D abs(D a);

  /**
   * The square root.
   *
   * @param a the operand
   * @return the correctly rounded square root of {@code a}
   */
  D sqrt(D a);

  /**
   * {@code a} rounded to an integer, ties to even.
   *
   * @param a the operand
   * @return the nearest integer, as a double
   */
  D rint(D a);

  /**
   * {@code a} rounded toward negative infinity.
   *
   * @param a the operand
   * @return the largest integer not above {@code a}, as a double
   */
  D floor(D a);

  /**
   * The magnitude of {@code mag} with the sign of {@code sign}.
   *
   * @param mag the value supplying the magnitude
   * @param sign the value supplying the sign
   * @return {@code |mag|} with {@code sign}'s sign bit
   */
  D copySign(D mag, D sign);

  /**
   * The unbiased binary exponent of a positive normal {@code a}, as a double.
   *
   * @param a a positive normal double
   * @return {@code floor(log2(a))}, exactly
   */
  D exponent(D a);

  /**
   * A positive normal {@code a} scaled by a power of two into {@code [1, 2)}.
   *
   * @param a a positive normal double
   * @return {@code a / 2^exponent(a)}, exactly
   */
  D mantissa(D a);

  /**
   * {@code a * 2^n} for an integer-valued {@code n} in {@code [-2100, 2100]}.
   *
   * @param a the value to scale
   * @param n the integer-valued power of two
   * @return {@code a * 2^n}, rounded once
   */
  D scale(D a, D n);

  /**
   * {@code a < b}.
   *
   * @param a the left operand
   * @param b the right operand
   * @return whether {@code a < b} (false for NaNs)
   */
  P lt(D a, D b);

  /**
   * {@code a <= b}.
   *
   * @param a the left operand
   * @param b the right operand
   * @return whether {@code a <= b} (false for NaNs)
   */
  P le(D a, D b);

  /**
   * {@code a == b}.
   *
   * @param a the left operand
   * @param b the right operand
   * @return whether {@code a == b} (false for NaNs)
   */
  P eq(D a, D b);

  /**
   * Whether {@code a} is NaN.
   *
   * @param a the operand
   * @return true exactly when {@code a} is a NaN
   */
  P isNan(D a);

  /**
   * Whether {@code a} is infinite.
   *
   * @param a the operand
   * @return true exactly when {@code a} is positive or negative infinity
   */
  P isInf(D a);

  /**
   * Whether the sign bit of {@code a} is set (also for -0 and negative NaNs).
   *
   * @param a the operand
   * @return true exactly when the sign bit of {@code a} is 1
   */
  P signBit(D a);

  /**
   * {@code a && b}.
   *
   * @param a the left predicate
   * @param b the right predicate
   * @return their conjunction
   */
  P and(P a, P b);

  /**
   * {@code a || b}.
   *
   * @param a the left predicate
   * @param b the right predicate
   * @return their disjunction
   */
  P or(P a, P b);

  /**
   * {@code !a}.
   *
   * @param a the predicate
   * @return its negation
   */
  P not(P a);

  /**
   * {@code p ? a : b}.
   *
   * @param p the predicate
   * @param a the value when {@code p} holds
   * @param b the value otherwise
   * @return {@code a} or {@code b}
   */
  D select(P p, D a, D b);

  /**
   * Values of a rarely needed computation: {@code slow}'s values where {@code p} holds,
   * {@code fast} elsewhere. Unlike {@link #select}, {@code slow} is evaluated only when needed:
   * the PTX target emits it behind a branch that a warp skips when none of its threads needs it,
   * the Java target calls it only when {@code p} holds. {@code slow} must not use values it did
   * not compute itself except those computed before this call.
   *
   * @param p whether the slow values are wanted
   * @param fast the values otherwise
   * @param slow computes as many values as {@code fast} holds
   * @return the chosen values, one per element of {@code fast}
   */
  List<D> rarely(P p, List<D> fast, Supplier<List<D>> slow);
}
