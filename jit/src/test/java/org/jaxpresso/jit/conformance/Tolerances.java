package org.jaxpresso.jit.conformance;

import java.util.Set;
import org.jaxpresso.core.DType;

/**
 * The suite's documented tolerances. The reference (the primitives' implementations, run by
 * {@link org.jaxpresso.core.jaxpr.JaxprInterpreter}) computes every float op in double and
 * rounds once to the dtype; a backend must match it:
 *
 * <ul>
 *   <li>bit-exact for everything IEEE 754 defines exactly (add, sub, mul, div, rem, sqrt,
 *       min/max, comparisons, rounding, conversions, selects, integer and bitwise ops, index
 *       maps, gathers and scatters, max/min/and/or/xor reductions, sorts);
 *   <li>bit-exact for sums and products (reductions, cumulative ops, {@code dot_general},
 *       convolutions): the suite feeds them small dyadic values, so every partial result is
 *       exact whatever order a backend accumulates in;
 *   <li>for the transcendental functions below: {@value #F32_ULPS} ulps in float32 and {@value
 *       #F64_ULPS} in float64 (vector math libraries such as SVML are specified to about 1
 *       ulp, and the reference itself is within half an ulp), {@value #HALF_ULPS} ulp in
 *       float16 and bfloat16 (computed in float32 and rounded once: a double rounding).
 * </ul>
 */
public final class Tolerances {
  /** Ulps allowed for float32 transcendentals. */
  public static final int F32_ULPS = 2;
  /** Ulps allowed for float64 transcendentals. */
  public static final int F64_ULPS = 2;
  /** Ulps allowed for float16 and bfloat16 transcendentals. */
  public static final int HALF_ULPS = 1;

  /** Primitives whose results are not exactly rounded by IEEE 754. */
  public static final Set<String> TRANSCENDENTAL = Set.of("exp", "exp2", "expm1", "log",
      "log1p", "tanh", "logistic", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
      "asinh", "acosh", "atanh", "cbrt", "rsqrt", "erf", "erfc", "erf_inv", "lgamma", "digamma",
      "atan2", "pow", "cumlogsumexp", "polygamma");

  private Tolerances() {}

  /**
   * The standard tolerance of {@code primitive} producing {@code dtype}.
   *
   * @param primitive the primitive under test
   * @param dtype the output's dtype
   * @return the tolerance
   */
  public static Tolerance standard(String primitive, DType dtype) {
    if (!dtype.isFloating() || !TRANSCENDENTAL.contains(primitive)) {
      return Tolerance.EXACT;
    }
    return switch (dtype) {
      case FLOAT32 -> Tolerance.ulps(F32_ULPS);
      case FLOAT64 -> Tolerance.ulps(F64_ULPS);
      default -> Tolerance.ulps(HALF_ULPS);
    };
  }
}
