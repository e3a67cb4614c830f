package org.jaxpresso.core.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jaxpresso.core.DType;

/**
 * Decimal digits of binary floating-point values, chosen as NumPy's Dragon4 chooses them, and
 * their text in NumPy's positional and scientific forms ({@code format_float_positional},
 * {@code format_float_scientific}).
 *
 * <p>"Shortest" digits are computed in the value's own format: a float32 prints with the fewest
 * digits that identify it among float32s, a float16 among float16s. A decimal identifies a value
 * when it lies strictly inside the interval halfway to its neighbours (Dragon4's margins).
 * Digits beyond a precision cut-off, or added to reach a minimum count, come from the exact
 * binary value rounded half to even. As in IEEE round-half-even parsing, a decimal exactly
 * halfway to a neighbour still identifies a value whose significand is even.
 */
final class FloatDigits {
  private static final int MAX_DIGITS = 20;

  private FloatDigits() {}

  /** How trailing zeros and the decimal point are trimmed (NumPy's {@code trim} option). */
  enum Trim {
    /** {@code 'k'}: keep trailing zeros (as produced). */
    KEEP,
    /** {@code '.'}: drop trailing zeros, keep the point: {@code 1.}. */
    DOT,
    /** {@code '0'}: drop trailing zeros but keep one after the point: {@code 1.0}. */
    ZERO,
    /** {@code '-'}: drop trailing zeros and a bare point: {@code 1}. */
    MINUS
  }

  /**
   * The shortest decimal that identifies {@code abs} (positive, finite) among the values of
   * {@code dtype}; zero for zero. The result has no trailing zeros.
   *
   * <p>For float32 and float64 this takes Java's {@code toString} digits, which follow the same
   * rule (JDK 19+) except that Java may keep two digits where one identifies the value; those
   * cases, and the 16-bit formats, go through {@link #shortestExact}.
   */
  static BigDecimal shortest(double abs, DType dtype) {
    if (abs != 0.0 && (dtype == DType.FLOAT32 || dtype == DType.FLOAT64)) {
      String java = dtype == DType.FLOAT32 ? Float.toString((float) abs) : Double.toString(abs);
      BigDecimal d = new BigDecimal(java).stripTrailingZeros();
      if (d.precision() > 2) {
        return d;
      }
    }
    return shortestExact(abs, dtype);
  }

  /** {@link #shortest} computed from the exact value and its neighbours in {@code dtype}. */
  static BigDecimal shortestExact(double abs, DType dtype) {
    if (abs == 0.0) {
      return BigDecimal.ZERO;
    }
    BigDecimal x = new BigDecimal(abs);
    double up = nextUp(abs, dtype);
    double down = nextDown(abs, dtype);
    BigDecimal half = new BigDecimal("0.5");
    BigDecimal lo = x.add(new BigDecimal(down)).multiply(half);
    BigDecimal hi =
        Double.isInfinite(up)
            ? x.add(x.subtract(new BigDecimal(down)).multiply(half))
            : x.add(new BigDecimal(up)).multiply(half);
    boolean even = (encoding(abs, dtype) & 1) == 0;
    int low = 1;
    int high = MAX_DIGITS;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (identifies(x, mid, lo, hi, even)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    MathContext floorCtx = new MathContext(low, RoundingMode.FLOOR);
    MathContext ceilCtx = new MathContext(low, RoundingMode.CEILING);
    BigDecimal floor = x.round(floorCtx);
    BigDecimal ceil = x.round(ceilCtx);
    boolean floorIn = inside(floor, lo, hi, even);
    boolean ceilIn = inside(ceil, lo, hi, even);
    BigDecimal chosen;
    if (floorIn && ceilIn) {
      int c = x.subtract(floor).compareTo(ceil.subtract(x));
      if (c == 0) {
        chosen = floor.unscaledValue().testBit(0) ? ceil : floor;
      } else {
        chosen = c < 0 ? floor : ceil;
      }
    } else {
      chosen = floorIn ? floor : ceil;
    }
    return chosen.stripTrailingZeros();
  }

  private static boolean identifies(
      BigDecimal x, int digits, BigDecimal lo, BigDecimal hi, boolean even) {
    return inside(x.round(new MathContext(digits, RoundingMode.FLOOR)), lo, hi, even)
        || inside(x.round(new MathContext(digits, RoundingMode.CEILING)), lo, hi, even);
  }

  /** Whether {@code d} rounds to the value whose rounding interval is (lo, hi). */
  private static boolean inside(BigDecimal d, BigDecimal lo, BigDecimal hi, boolean even) {
    int l = d.compareTo(lo);
    int h = d.compareTo(hi);
    return even ? l >= 0 && h <= 0 : l > 0 && h < 0;
  }

  /** The bit pattern of the positive value {@code v} in {@code dtype}. */
  private static long encoding(double v, DType dtype) {
    return switch (dtype) {
      case FLOAT64 -> Double.doubleToRawLongBits(v);
      case FLOAT32 -> Float.floatToRawIntBits((float) v);
      case FLOAT16 -> HalfFloats.floatToF16((float) v);
      case BFLOAT16 -> HalfFloats.floatToBf16((float) v);
      default -> throw new IllegalArgumentException("not a floating dtype: " + dtype);
    };
  }

  /**
   * Digits for positional notation, as Dragon4 in unique mode with a fractional cut-off: the
   * shortest digits when they need at most {@code precision} fractional digits, else the exact
   * value rounded to {@code precision} fractional digits; then, if fewer than
   * {@code minDigits} fractional digits remain, the exact value rounded to {@code minDigits}.
   */
  static BigDecimal positional(double abs, DType dtype, int precision, int minDigits) {
    BigDecimal s = shortest(abs, dtype);
    BigDecimal exact = new BigDecimal(abs);
    if (fractionDigits(s) > precision) {
      return exact.setScale(precision, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
    if (fractionDigits(s) < minDigits) {
      return exact.setScale(minDigits, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
    return s;
  }

  /**
   * Digits for scientific notation: like {@link #positional} but {@code precision} and
   * {@code minDigits} count the digits after the first significant one.
   */
  static BigDecimal scientific(double abs, DType dtype, int precision, int minDigits) {
    BigDecimal s = shortest(abs, dtype);
    if (abs == 0.0) {
      return s;
    }
    BigDecimal exact = new BigDecimal(abs);
    if (s.precision() - 1 > precision) {
      return roundSignificant(exact, precision + 1);
    }
    if (s.precision() - 1 < minDigits) {
      return roundSignificant(exact, minDigits + 1);
    }
    return s;
  }

  private static BigDecimal roundSignificant(BigDecimal exact, int digits) {
    return exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** The number of digits after the point of a stripped decimal (0 for integers). */
  static int fractionDigits(BigDecimal d) {
    return Math.max(0, d.scale());
  }

  /** The decimal exponent of the first significant digit of a nonzero decimal (0 for zero). */
  static int exponent(BigDecimal d) {
    return d.signum() == 0 ? 0 : d.precision() - d.scale() - 1;
  }

  /**
   * Positional text of {@code digits} (non-negative): the integer part left-padded with spaces
   * to {@code padLeft} characters (sign included), the fraction zero-filled to {@code minDigits}
   * digits, trimmed per {@code trim}, right-padded with spaces to {@code padRight} characters.
   */
  static String formatPositional(
      boolean negative, BigDecimal digits, int minDigits, Trim trim, int padLeft, int padRight) {
    BigDecimal d = digits.setScale(Math.max(0, digits.scale()));
    String plain = d.toPlainString();
    int dot = plain.indexOf('.');
    String intPart = dot < 0 ? plain : plain.substring(0, dot);
    String frac = dot < 0 ? "" : plain.substring(dot + 1);
    if (frac.length() < minDigits) {
      frac = frac + "0".repeat(minDigits - frac.length());
    }
    return pad(negative, intPart, trimmed(frac, trim), padLeft, padRight);
  }

  /**
   * Scientific text of {@code digits} (non-negative): {@code d.ddde+XX} with the fraction
   * zero-filled to {@code minDigits} digits and trimmed per {@code trim}, the part before the
   * point left-padded to {@code padLeft}, the exponent at least {@code expDigits} digits (and at
   * least 2).
   */
  static String formatScientific(
      boolean negative, BigDecimal digits, int minDigits, Trim trim, int padLeft, int expDigits) {
    int exp = exponent(digits);
    String unscaled = digits.signum() == 0 ? "0" : digits.unscaledValue().toString();
    String frac = unscaled.substring(1);
    if (frac.length() < minDigits) {
      frac = frac + "0".repeat(minDigits - frac.length());
    }
    String mantissa = pad(negative, unscaled.substring(0, 1), trimmed(frac, trim), padLeft, 0);
    String e = Integer.toString(Math.abs(exp));
    int width = Math.max(2, expDigits);
    if (e.length() < width) {
      e = "0".repeat(width - e.length()) + e;
    }
    return mantissa + "e" + (exp < 0 ? "-" : "+") + e;
  }

  /** The fraction after trimming, with the point: ".25", ".", ".0" or "". */
  private static String trimmed(String frac, Trim trim) {
    if (trim == Trim.KEEP) {
      return "." + frac;
    }
    int end = frac.length();
    while (end > 0 && frac.charAt(end - 1) == '0') {
      end--;
    }
    String f = frac.substring(0, end);
    if (!f.isEmpty()) {
      return "." + f;
    }
    return switch (trim) {
      case DOT -> ".";
      case ZERO -> ".0";
      case MINUS -> "";
      case KEEP -> throw new AssertionError("handled above");
    };
  }

  private static String pad(
      boolean negative, String intPart, String pointAndFrac, int padLeft, int padRight) {
    StringBuilder sb = new StringBuilder();
    String head = (negative ? "-" : "") + intPart;
    if (head.length() < padLeft) {
      sb.append(" ".repeat(padLeft - head.length()));
    }
    sb.append(head).append(pointAndFrac);
    int right = Math.max(0, pointAndFrac.length() - 1);
    if (right < padRight) {
      sb.append(" ".repeat(padRight - right));
    }
    return sb.toString();
  }

  /** The next larger value of {@code dtype} after the positive finite {@code v}. */
  static double nextUp(double v, DType dtype) {
    return switch (dtype) {
      case FLOAT64 -> Math.nextUp(v);
      case FLOAT32 -> Math.nextUp((float) v);
      case FLOAT16 -> HalfFloats.f16ToFloat((short) (HalfFloats.floatToF16((float) v) + 1));
      case BFLOAT16 -> HalfFloats.bf16ToFloat((short) (HalfFloats.floatToBf16((float) v) + 1));
      default -> throw new IllegalArgumentException("not a floating dtype: " + dtype);
    };
  }

  /** The next smaller value of {@code dtype} before the positive finite {@code v}. */
  static double nextDown(double v, DType dtype) {
    return switch (dtype) {
      case FLOAT64 -> Math.nextDown(v);
      case FLOAT32 -> Math.nextDown((float) v);
      case FLOAT16 -> HalfFloats.f16ToFloat((short) (HalfFloats.floatToF16((float) v) - 1));
      case BFLOAT16 -> HalfFloats.bf16ToFloat((short) (HalfFloats.floatToBf16((float) v) - 1));
      default -> throw new IllegalArgumentException("not a floating dtype: " + dtype);
    };
  }
}
