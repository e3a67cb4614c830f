package org.jaxpresso.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {
  @Test
  void bf16RoundTripsEveryPattern() {
    for (int b = 0; b < 0x10000; b++) {
      float f = HalfFloats.bf16ToFloat((short) b);
      short back = HalfFloats.floatToBf16(f);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(back)));
      } else {
        assertEquals((short) b, back, "pattern " + Integer.toHexString(b));
        assertEquals((short) b, HalfFloats.doubleToBf16(f), "pattern " + Integer.toHexString(b));
      }
    }
  }

  @Test
  void bf16RoundsToNearestEven() {
    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties to even (1.0)
    assertEquals(1.0f, HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(1f + 0x1p-8f)));
    // 1 + 3*2^-8 is halfway between 1+2^-7 and 1+2^-6: ties to even (1+2^-6)
    assertEquals(1f + 0x1p-6f, HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(1f + 3 * 0x1p-8f)));
    assertEquals(1f + 0x1p-7f, HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(1f + 0x1p-8f + 0x1p-20f)));
    assertEquals(Float.POSITIVE_INFINITY, HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.MAX_VALUE)));
  }

  @Test
  void doubleConversionsRoundOnce() {
    // A double just above the bf16 tie point: rounding to float first would land exactly on the
    // tie and then round to even (down); a single rounding goes up.
    double d = 1.0 + 0x1p-8 + 0x1p-40;
    assertEquals(1f + 0x1p-7f, HalfFloats.bf16ToFloat(HalfFloats.doubleToBf16(d)));
    assertEquals(1.0f, HalfFloats.bf16ToFloat(HalfFloats.doubleToBf16(1.0 + 0x1p-8 - 0x1p-40)));
    // float16: ulp(1) = 2^-10
    double h = 1.0 + 0x1p-11 + 0x1p-40;
    assertEquals(1f + 0x1p-10f, HalfFloats.f16ToFloat(HalfFloats.doubleToF16(h)));
    assertEquals(1.0f, HalfFloats.f16ToFloat(HalfFloats.doubleToF16(1.0 + 0x1p-11)));
  }

  @Test
  void f16MatchesExactRoundingForManyDoubles() {
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 20000; i++) {
      double d = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(34) - 20);
      float got = HalfFloats.f16ToFloat(HalfFloats.doubleToF16(d));
      // the two f16 neighbours around d: got must be the nearest (ties impossible at random)
      short s = HalfFloats.doubleToF16(d);
      float up = HalfFloats.f16ToFloat((short) (s + 1));
      float down = HalfFloats.f16ToFloat((short) (s - 1));
      BigDecimal x = new BigDecimal(d);
      BigDecimal eg = x.subtract(new BigDecimal(got)).abs();
      if (!Float.isInfinite(up) && !Float.isNaN(up)) {
        assertTrue(eg.compareTo(x.subtract(new BigDecimal(up)).abs()) <= 0, "d=" + d);
      }
      if (!Float.isInfinite(down) && !Float.isNaN(down)) {
        assertTrue(eg.compareTo(x.subtract(new BigDecimal(down)).abs()) <= 0, "d=" + d);
      }
    }
  }
}
