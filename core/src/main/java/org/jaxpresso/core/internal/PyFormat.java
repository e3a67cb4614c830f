package org.jaxpresso.core.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Python's text forms of values, as JAX prints them: {@code repr(float)}, tuples, None. */
public final class PyFormat {
  private PyFormat() {}

  /**
   * Python's {@code repr(float)}: the shortest digits that round-trip, positional when the
   * decimal exponent is in [-4, 16), else scientific ({@code 1e-05}, {@code 1e+16},
   * {@code 1.5e+20}); {@code nan}, {@code inf}, {@code -inf}; {@code -0.0}.
   *
   * @param v the value
   * @return python's {@code repr(float)}
   */
  public static String reprDouble(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0.0) {
      return (1.0 / v < 0) ? "-0.0" : "0.0";
    }
    // Java's Double.toString gives the shortest round-tripping digits (JDK 19+).
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v)));
    String digits = bd.unscaledValue().toString();
    int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
    // strip trailing zeros of the digit string
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    if (digits.length() == 2) {
      // Java prints at least two significant digits; Python prefers one when it round-trips.
      BigDecimal one = new BigDecimal(Math.abs(v)).round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
      if (one.doubleValue() == Math.abs(v)) {
        digits = one.unscaledValue().toString();
        exp = digits.length() - 1 - one.scale();
        digits = digits.substring(0, 1);
      }
    }
    StringBuilder sb = new StringBuilder();
    if (v < 0) {
      sb.append('-');
    }
    if (exp >= -5 + 1 && exp < 16) {
      if (exp >= 0) {
        if (digits.length() <= exp + 1) {
          sb.append(digits).append("0".repeat(exp + 1 - digits.length())).append(".0");
        } else {
          sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
        }
      } else {
        sb.append("0.").append("0".repeat(-exp - 1)).append(digits);
      }
    } else {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) {
        sb.append('0');
      }
      sb.append(a);
    }
    return sb.toString();
  }

  /**
   * Python's {@code str()} of a parameter value: null is {@code None}, booleans
   * {@code True}/{@code False}, {@code int[]}/{@code long[]}/collections tuples
   * ({@code (0,)}, {@code (0, 1)}), doubles by {@link #reprDouble}, anything else its
   * {@code toString()}.
   *
   * @param v the value
   * @return python's {@code str()} of a parameter value
   */
  public static String str(Object v) {
    return switch (v) {
      case null -> "None";
      case Boolean b -> b ? "True" : "False";
      case Double d -> reprDouble(d);
      case Float f -> reprDouble(f.doubleValue());
      case int[] a -> {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
          sb.append(i > 0 ? ", " : "").append(a[i]);
        }
        yield sb.append(a.length == 1 ? ",)" : ")").toString();
      }
      case long[] a -> {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
          sb.append(i > 0 ? ", " : "").append(a[i]);
        }
        yield sb.append(a.length == 1 ? ",)" : ")").toString();
      }
      case int[][] a -> {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
          sb.append(i > 0 ? ", " : "").append(str(a[i]));
        }
        yield sb.append(a.length == 1 ? ",)" : ")").toString();
      }
      case Object[] a -> tuple(java.util.Arrays.asList(a));
      case Collection<?> c -> tuple(c);
      case Map<?, ?> m -> m.toString();
      default -> v.toString();
    };
  }

  private static String tuple(Collection<?> c) {
    StringBuilder sb = new StringBuilder("(");
    Iterator<?> it = c.iterator();
    for (int i = 0; it.hasNext(); i++) {
      sb.append(i > 0 ? ", " : "").append(str(it.next()));
    }
    return sb.append(c.size() == 1 ? ",)" : ")").toString();
  }
}
