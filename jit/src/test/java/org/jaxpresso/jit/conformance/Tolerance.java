package org.jaxpresso.jit.conformance;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;

/**
 * How far a backend's result may be from the reference: {@code ulps} units in the last place of
 * the reference value in the output's dtype, plus {@code relative} times its magnitude, plus
 * {@code absolute}. NaN
 * must meet NaN (any payload), infinities must be equal, and with a zero tolerance the result
 * must be bit-exact (the sign of zero included). Integer and bool outputs are always exact.
 *
 * @param ulps units in the last place allowed
 * @param relative relative error allowed on top of the ulps
 * @param absolute absolute error allowed on top of both
 */
public record Tolerance(int ulps, double relative, double absolute) {
  /** Bit-exact (NaNs of any payload equal). */
  public static final Tolerance EXACT = new Tolerance(0, 0, 0);

  /**
   * A tolerance of {@code n} ulps.
   *
   * @param n the ulps
   * @return the tolerance
   */
  public static Tolerance ulps(int n) {
    return new Tolerance(n, 0, 0);
  }

  /**
   * Whether this tolerance is exact.
   *
   * @return whether no error is allowed
   */
  public boolean exact() {
    return ulps == 0 && relative == 0 && absolute == 0;
  }

  /**
   * Why {@code got} differs from {@code want} beyond this tolerance, or null.
   *
   * @param want the reference result
   * @param got the backend's result
   * @return a description of the first mismatch, or null
   */
  public String difference(Array want, Array got) {
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval().str() + " instead of " + want.aval().str();
    }
    DType d = want.dtype();
    long n = want.size();
    for (int k = 0; k < n; k++) {
      boolean ok;
      if (d.isFloating()) {
        double w = want.host().getDouble(k);
        double g = got.host().getDouble(k);
        ok = within(w, g, d);
      } else {
        ok = want.host().getLong(k) == got.host().getLong(k);
      }
      if (!ok) {
        String where = n > 1 ? "element " + k + " of " : "";
        String detail = d.isFloating() ? " (" + ulpDistance(want.host().getDouble(k),
            got.host().getDouble(k), d) + " ulps, allowed " + this + ")" : "";
        return where + "result is " + got.host().getDouble(k) + " instead of "
            + want.host().getDouble(k) + detail;
      }
    }
    return null;
  }

  private boolean within(double w, double g, DType d) {
    if (Double.isNaN(w) || Double.isNaN(g)) {
      return Double.isNaN(w) && Double.isNaN(g);
    }
    if (exact() || Double.isInfinite(w) || Double.isInfinite(g)) {
      return Double.compare(w, g) == 0;
    }
    return Math.abs(w - g) <= ulps * ulp(w, d) + relative * Math.abs(w) + absolute;
  }

  /**
   * The unit in the last place of {@code v} in float dtype {@code d} (subnormal spacing below
   * the smallest normal).
   *
   * @param v a value of dtype {@code d}
   * @param d a floating dtype
   * @return the spacing of {@code d}'s values at {@code v}
   */
  public static double ulp(double v, DType d) {
    int mantissa = switch (d) {
      case FLOAT64 -> 52;
      case FLOAT32 -> 23;
      case FLOAT16 -> 10;
      case BFLOAT16 -> 7;
      default -> throw new IllegalArgumentException("ulp of non-float dtype " + d);
    };
    int minExp = switch (d) {
      case FLOAT64 -> -1022;
      case FLOAT16 -> -14;
      default -> -126;
    };
    int e = Math.max(Math.getExponent(v), minExp);
    return Math.scalb(1.0, e - mantissa);
  }

  /**
   * The distance from {@code want} to {@code got} in ulps of {@code want}, for messages.
   *
   * @param want the reference value
   * @param got the value compared
   * @param d the dtype
   * @return the distance, rounded up
   */
  public static double ulpDistance(double want, double got, DType d) {
    return Math.ceil(Math.abs(want - got) / ulp(want, d));
  }

  @Override
  public String toString() {
    return exact() ? "exact" : ulps + " ulp" + (relative == 0 ? "" : " + " + relative + " rel")
        + (absolute == 0 ? "" : " + " + absolute + " abs");
  }
}
