package org.jaxpresso.core.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.internal.FloatDigits.Trim;

/**
 * Python's {@code str()} of single NumPy scalars, as a 0-d array's {@code str} shows them, and
 * the text of bfloat16 values (ml_dtypes prints them with C++ {@code ostream <<}, i.e. {@code %g}).
 */
final class ScalarText {
  private ScalarText() {}

  /** {@code str()} of element {@code i} of {@code h} as a NumPy (or ml_dtypes) scalar. */
  static String str(HostBuffer h, int i) {
    DType dtype = h.dtype();
    return switch (dtype) {
      case BOOL -> h.getBoolean(i) ? "True" : "False";
      case UINT64 -> Long.toUnsignedString(h.getLong(i));
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32 -> Long.toString(h.getLong(i));
      case BFLOAT16 -> percentG(h.getDouble(i));
      case FLOAT16, FLOAT32, FLOAT64 -> floatStr(h.getDouble(i), dtype);
    };
  }

  /**
   * NumPy's scalar {@code str} of a float: shortest digits in the dtype, positional when
   * {@code 1e-4 <= |x| < cutoff} (or zero) with at least one fractional digit ({@code 2.0}),
   * otherwise scientific without trailing zeros ({@code 1e+16}, {@code 1.5e-05}). The cutoff
   * (NumPy 2.3 and later) is 1e3 for float16, 1e6 for float32 and 1e16 for float64.
   */
  static String floatStr(double v, DType dtype) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    boolean neg = Double.doubleToRawLongBits(v) < 0;
    double abs = Math.abs(v);
    BigDecimal d = FloatDigits.shortest(abs, dtype);
    double cutoff =
        switch (dtype) {
          case FLOAT16 -> 1e3;
          case FLOAT32 -> 1e6;
          default -> 1e16;
        };
    if (abs == 0.0 || (abs < cutoff && abs >= 1e-4)) {
      return FloatDigits.formatPositional(neg, d, 0, Trim.ZERO, -1, -1);
    }
    return FloatDigits.formatScientific(neg, d, 0, Trim.MINUS, -1, -1);
  }

  /**
   * C's {@code printf("%g")} (6 significant digits, round half to even on the exact value,
   * trailing zeros removed, scientific when the exponent is below -4 or at least 6); NaN prints
   * as {@code nan} whatever its sign, as ml_dtypes does.
   */
  static String percentG(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    boolean neg = Double.doubleToRawLongBits(v) < 0;
    double abs = Math.abs(v);
    if (abs == 0.0) {
      return neg ? "-0" : "0";
    }
    BigDecimal r =
        new BigDecimal(abs).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    int exp = FloatDigits.exponent(r);
    if (exp >= -4 && exp < 6) {
      return FloatDigits.formatPositional(neg, r, 0, Trim.MINUS, -1, -1);
    }
    return FloatDigits.formatScientific(neg, r, 0, Trim.MINUS, -1, 2);
  }
}
