package org.jaxpresso.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.internal.FloatDigits.Trim;
import org.junit.jupiter.api.Test;

/**
 * The shortest-digit rule (Dragon4 as NumPy uses it): the digits round back to the value in its
 * own format, no shorter decimal does, and of the shortest ones the closest is chosen.
 */
class FloatDigitsTest {
  /**
   * The value of {@code dtype} nearest to the decimal {@code d} (IEEE round-half-even). For the
   * 16-bit formats the decimal goes through double, which is exact enough for the short decimals
   * tested here: their distance to a 16-bit halfway point is either zero or far above 1e-16.
   */
  private static double parse(BigDecimal d, DType dtype) {
    return switch (dtype) {
      case FLOAT16 -> HalfFloats.f16ToFloat(HalfFloats.doubleToF16(d.doubleValue()));
      case BFLOAT16 -> HalfFloats.bf16ToFloat(HalfFloats.doubleToBf16(d.doubleValue()));
      case FLOAT32 -> d.floatValue();
      default -> d.doubleValue();
    };
  }

  private static void checkShortest(double x, DType dtype) {
    BigDecimal s = FloatDigits.shortestExact(x, dtype);
    assertEquals(x, parse(s, dtype), () -> "digits " + s + " of " + x + " do not round-trip");
    int p = s.precision();
    if (p > 1) {
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal shorter = new BigDecimal(x).round(new MathContext(p - 1, mode));
        assertTrue(
            parse(shorter, dtype) != x, () -> shorter + " is shorter than " + s + " for " + x);
      }
    }
  }

  @Test
  void everyFloat16() {
    for (int bits = 1; bits < 0x7C00; bits++) {
      checkShortest(HalfFloats.f16ToFloat((short) bits), DType.FLOAT16);
    }
  }

  @Test
  void everyBfloat16() {
    for (int bits = 1; bits < 0x7F80; bits++) {
      checkShortest(HalfFloats.bf16ToFloat((short) bits), DType.BFLOAT16);
    }
  }

  @Test
  void float32AgreesWithJavaWhereJavaIsShortest() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      float f = Float.intBitsToFloat(r.nextInt(1, 0x7F800000));
      checkShortest(f, DType.FLOAT32);
      BigDecimal ours = FloatDigits.shortestExact(f, DType.FLOAT32);
      assertEquals(ours, FloatDigits.shortest(f, DType.FLOAT32), "fast path for " + f);
      BigDecimal java = new BigDecimal(Float.toString(f)).stripTrailingZeros();
      // Java keeps two digits where one would do (Float.toString's spec); otherwise equal.
      if (java.precision() > 2 || ours.precision() > 1) {
        assertEquals(java, ours, "float " + f);
      }
    }
  }

  @Test
  void float64AgreesWithJavaWhereJavaIsShortest() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 5_000; i++) {
      double d = Double.longBitsToDouble(r.nextLong(1, 0x7FF0000000000000L));
      BigDecimal ours = FloatDigits.shortestExact(d, DType.FLOAT64);
      assertEquals(ours, FloatDigits.shortest(d, DType.FLOAT64), "fast path for " + d);
      BigDecimal java = new BigDecimal(Double.toString(d)).stripTrailingZeros();
      if (java.precision() > 2 || ours.precision() > 1) {
        assertEquals(java, ours, "double " + d);
      }
      assertEquals(d, ours.doubleValue());
    }
    assertEquals(new BigDecimal("5E-324"), FloatDigits.shortest(Double.MIN_VALUE, DType.FLOAT64));
  }

  @Test
  void oneDigitValuesWhereJavaKeepsTwo() {
    // Java prints 4.9E-324 and 1.4E-45 for the smallest subnormals; NumPy prints 5e-324, 1e-45.
    assertEquals("4.9E-324", Double.toString(Double.MIN_VALUE));
    assertEquals(new BigDecimal("1E-45"), FloatDigits.shortest(Float.MIN_VALUE, DType.FLOAT32));
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 2_000; i++) {
      // single-digit decimals: the fast path must agree with the exact rule on all of them
      double d = (r.nextInt(1, 10)) * Math.pow(10, r.nextInt(-300, 300));
      assertEquals(
          FloatDigits.shortestExact(d, DType.FLOAT64), FloatDigits.shortest(d, DType.FLOAT64));
      float f = (float) ((r.nextInt(1, 10)) * Math.pow(10, r.nextInt(-40, 38)));
      if (f != 0 && Float.isFinite(f)) {
        assertEquals(
            FloatDigits.shortestExact(f, DType.FLOAT32), FloatDigits.shortest(f, DType.FLOAT32));
      }
    }
  }

  @Test
  void decimalHalfwayToANeighbourIdentifiesAnEvenSignificand() {
    // 3e10 lies exactly between two floats; the nearer-even one is 30000001024.
    assertEquals(new BigDecimal("3E+10"), FloatDigits.shortest(3e10f, DType.FLOAT32));
  }

  @Test
  void precisionCutOffAndMinimumDigitsUseTheExactValue() {
    // 2^-9 = 0.001953125 rounds half to even at 8 fractional digits.
    assertEquals(new BigDecimal("0.00195312"),
        FloatDigits.positional(0.001953125, DType.FLOAT64, 8, 0));
    // float32 1.2 is 1.2000000476837158...: extra digits are real digits, not zeros.
    assertEquals(new BigDecimal("1.20000005"),
        FloatDigits.scientific(1.2f, DType.FLOAT32, 8, 8));
    assertEquals("1.20000005e+00",
        FloatDigits.formatScientific(false, new BigDecimal("1.20000005"), 8, Trim.KEEP, 1, 2));
  }

  @Test
  void trimModes() {
    BigDecimal two = new BigDecimal("2");
    assertEquals("2.", FloatDigits.formatPositional(false, two, 0, Trim.DOT, -1, -1));
    assertEquals("2.0", FloatDigits.formatPositional(false, two, 0, Trim.ZERO, -1, -1));
    assertEquals("-2", FloatDigits.formatPositional(true, two, 0, Trim.MINUS, -1, -1));
    assertEquals(" 2.  ", FloatDigits.formatPositional(false, two, 0, Trim.DOT, 2, 2));
    assertEquals("2.e+00", FloatDigits.formatScientific(false, two, 0, Trim.DOT, -1, -1));
    assertEquals("2e+100",
        FloatDigits.formatScientific(false, new BigDecimal("2E+100"), 0, Trim.MINUS, -1, -1));
  }

  @Test
  void percentGIsSixSignificantDigits() {
    assertEquals("0.100098", ScalarText.percentG(0.10009765625));
    assertEquals("1.49943e-07", ScalarText.percentG(1.4994293451309204e-07));
    assertEquals("123392", ScalarText.percentG(123392));
    assertEquals("1.2329e+06", ScalarText.percentG(1232896));
    assertEquals("-0", ScalarText.percentG(-0.0));
    assertEquals("nan", ScalarText.percentG(-Double.NaN));
    assertEquals("-inf", ScalarText.percentG(Double.NEGATIVE_INFINITY));
  }
}
