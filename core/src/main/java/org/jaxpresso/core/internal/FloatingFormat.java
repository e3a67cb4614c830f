package org.jaxpresso.core.internal;

import java.math.BigDecimal;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.internal.FloatDigits.Trim;

/**
 * NumPy's {@code FloatingFormat} with its default options ({@code precision=8},
 * {@code floatmode='maxprec'}, {@code suppress=False}, {@code sign='-'}): one formatter fitted to
 * the elements an array prints, so that they all share a notation and a width.
 *
 * <p>Scientific notation is chosen when a nonzero finite magnitude reaches
 * {@code 10**min(8, finfo.precision)} (1e3 for float16, 1e6 for float32, 1e8 for float64), or
 * falls below 1e-4, or when the largest is more than 1000 times the smallest (all compared in
 * the array's dtype). Otherwise values print positionally with at most 8 fractional digits,
 * aligned on the point. {@code nan} and {@code inf} are right-aligned in the common width.
 */
final class FloatingFormat {
  private static final int PRECISION = 8;
  private static final String NAN = "nan";
  private static final String INF = "inf";

  private final DType dtype;
  private boolean expFormat;
  private int precision = PRECISION;
  private int minDigits;
  private int padLeft;
  private int padRight;
  private int expSize = -1;
  private Trim trim = Trim.DOT;

  /** A formatter for float values of {@code dtype} fitted to {@code data} (the printed ones). */
  FloatingFormat(double[] data, DType dtype) {
    this.dtype = dtype;
    fill(data);
  }

  private void fill(double[] data) {
    int finiteCount = 0;
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    boolean negInf = false;
    for (double v : data) {
      if (Double.isFinite(v)) {
        finiteCount++;
        double a = Math.abs(v);
        if (a != 0.0) {
          max = Math.max(max, a);
          min = Math.min(min, a);
        }
      } else if (v == Double.NEGATIVE_INFINITY) {
        negInf = true;
      }
    }
    if (min != Double.POSITIVE_INFINITY) {
      expFormat =
          max >= expCutoffMax()
              || min < inDtype(1e-4)
              || ratio(max, min) > 1000.0;
    }
    if (finiteCount == 0) {
      padLeft = 0;
      padRight = 0;
      trim = Trim.DOT;
      expSize = -1;
    } else if (expFormat) {
      int maxFrac = 0;
      int maxInt = 0;
      int maxExp = 0;
      for (double v : data) {
        if (!Double.isFinite(v)) {
          continue;
        }
        BigDecimal d = FloatDigits.scientific(Math.abs(v), dtype, PRECISION, 0);
        maxFrac = Math.max(maxFrac, d.signum() == 0 ? 0 : d.precision() - 1);
        maxInt = Math.max(maxInt, signBit(v) ? 2 : 1);
        int e = Math.abs(FloatDigits.exponent(d));
        maxExp = Math.max(maxExp, Math.max(2, Integer.toString(e).length()));
      }
      expSize = maxExp;
      trim = Trim.KEEP;
      precision = maxFrac;
      minDigits = maxFrac;
      padLeft = maxInt;
      padRight = expSize + 2 + precision;
    } else {
      int maxFrac = 0;
      int maxInt = 0;
      for (double v : data) {
        if (!Double.isFinite(v)) {
          continue;
        }
        BigDecimal d = FloatDigits.positional(Math.abs(v), dtype, PRECISION, 0);
        maxFrac = Math.max(maxFrac, FloatDigits.fractionDigits(d));
        int intLen = d.setScale(0, java.math.RoundingMode.DOWN).toPlainString().length();
        maxInt = Math.max(maxInt, intLen + (signBit(v) ? 1 : 0));
      }
      padLeft = maxInt;
      padRight = maxFrac;
      expSize = -1;
      trim = Trim.DOT;
      minDigits = 0;
    }
    if (finiteCount != data.length) {
      int offset = padRight + 1;
      padLeft = Math.max(padLeft, Math.max(NAN.length() - offset,
          INF.length() + (negInf ? 1 : 0) - offset));
    }
  }

  /** The text of one element, padded to the common width. */
  String format(double x) {
    if (!Double.isFinite(x)) {
      String ret = Double.isNaN(x) ? NAN : (x < 0 ? "-" : "") + INF;
      int width = padLeft + padRight + 1;
      return " ".repeat(Math.max(0, width - ret.length())) + ret;
    }
    boolean neg = signBit(x);
    double abs = Math.abs(x);
    if (expFormat) {
      BigDecimal d = FloatDigits.scientific(abs, dtype, precision, minDigits);
      return FloatDigits.formatScientific(neg, d, minDigits, trim, padLeft, expSize);
    }
    BigDecimal d = FloatDigits.positional(abs, dtype, precision, minDigits);
    return FloatDigits.formatPositional(neg, d, minDigits, trim, padLeft, padRight);
  }

  private static boolean signBit(double v) {
    return Double.doubleToRawLongBits(v) < 0;
  }

  /** {@code 10.**min(8, np.finfo(dtype).precision)}. */
  private double expCutoffMax() {
    return switch (dtype) {
      case FLOAT16 -> 1e3;
      case FLOAT32 -> 1e6;
      default -> 1e8;
    };
  }

  /** A Python float constant as NumPy converts it to the array's dtype for a comparison. */
  private double inDtype(double v) {
    return switch (dtype) {
      case FLOAT16 -> HalfFloats.f16ToFloat(HalfFloats.doubleToF16(v));
      case BFLOAT16 -> HalfFloats.bf16ToFloat(HalfFloats.doubleToBf16(v));
      case FLOAT32 -> (float) v;
      default -> v;
    };
  }

  /** {@code max / min} computed in the array's dtype (overflowing to inf). */
  private double ratio(double max, double min) {
    return switch (dtype) {
      case FLOAT16 -> HalfFloats.f16ToFloat(HalfFloats.floatToF16((float) max / (float) min));
      case BFLOAT16 -> HalfFloats.bf16ToFloat(HalfFloats.floatToBf16((float) max / (float) min));
      case FLOAT32 -> (float) max / (float) min;
      default -> max / min;
    };
  }
}
