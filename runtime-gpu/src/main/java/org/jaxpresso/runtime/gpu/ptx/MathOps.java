package org.jaxpresso.runtime.gpu.ptx;

/**
 * The double-precision operations the GPU math library ({@link MathLibrary}) is written in:
 * straight-line IEEE arithmetic, comparisons and selects, no loops or branches. Two
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
  /** The constant {@code v}. */
  D c(double v);

  /** {@code a + b}. */
  D add(D a, D b);

  /** {@code a - b}. */
  D sub(D a, D b);

  /** {@code a * b}. */
  D mul(D a, D b);

  /** {@code a / b}. */
  D div(D a, D b);

  /** {@code a * b + c} with one rounding. */
  D fma(D a, D b, D c);

  /** {@code -a}. */
  D neg(D a);

  /** {@code |a|}. */
  D abs(D a);

  /** The square root. */
  D sqrt(D a);

  /** {@code a} rounded to an integer, ties to even. */
  D rint(D a);

  /** {@code a} rounded toward negative infinity. */
  D floor(D a);

  /** The magnitude of {@code mag} with the sign of {@code sign}. */
  D copySign(D mag, D sign);

  /** The unbiased binary exponent of a positive normal {@code a}, as a double. */
  D exponent(D a);

  /** A positive normal {@code a} scaled by a power of two into {@code [1, 2)}. */
  D mantissa(D a);

  /** {@code a * 2^n} for an integer-valued {@code n} in {@code [-2100, 2100]}. */
  D scale(D a, D n);

  /** {@code a < b}. */
  P lt(D a, D b);

  /** {@code a <= b}. */
  P le(D a, D b);

  /** {@code a == b}. */
  P eq(D a, D b);

  /** Whether {@code a} is NaN. */
  P isNan(D a);

  /** Whether {@code a} is infinite. */
  P isInf(D a);

  /** Whether the sign bit of {@code a} is set (also for -0 and negative NaNs). */
  P signBit(D a);

  /** {@code a && b}. */
  P and(P a, P b);

  /** {@code a || b}. */
  P or(P a, P b);

  /** {@code !a}. */
  P not(P a);

  /** {@code p ? a : b}. */
  D select(P p, D a, D b);
}
