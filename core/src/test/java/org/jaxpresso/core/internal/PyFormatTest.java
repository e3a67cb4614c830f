package org.jaxpresso.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PyFormatTest {
  @Test
  void reprDoubleMatchesPython() {
    // expected values are Python's repr(float(...))
    assertEquals("1.0", PyFormat.reprDouble(1.0));
    assertEquals("0.10000000149011612", PyFormat.reprDouble((float) 0.1));
    assertEquals("-0.9999999403953552", PyFormat.reprDouble(Math.nextAfter(-1.0f, 0)));
    assertEquals("1.4142135381698608", PyFormat.reprDouble((float) Math.sqrt(2)));
    assertEquals("1e-05", PyFormat.reprDouble(1e-5));
    assertEquals("0.0001", PyFormat.reprDouble(1e-4));
    assertEquals("1e+16", PyFormat.reprDouble(1e16));
    assertEquals("1000000000000000.0", PyFormat.reprDouble(1e15));
    assertEquals("1.5e+20", PyFormat.reprDouble(1.5e20));
    assertEquals("123.456", PyFormat.reprDouble(123.456));
    assertEquals("-2.5", PyFormat.reprDouble(-2.5));
    assertEquals("5e-324", PyFormat.reprDouble(Double.MIN_VALUE));
    assertEquals("1.7976931348623157e+308", PyFormat.reprDouble(Double.MAX_VALUE));
    assertEquals("3.4028234663852886e+38", PyFormat.reprDouble(Float.MAX_VALUE));
    assertEquals("nan", PyFormat.reprDouble(Double.NaN));
    assertEquals("inf", PyFormat.reprDouble(Double.POSITIVE_INFINITY));
    assertEquals("-inf", PyFormat.reprDouble(Double.NEGATIVE_INFINITY));
    assertEquals("0.0", PyFormat.reprDouble(0.0));
    assertEquals("-0.0", PyFormat.reprDouble(-0.0));
    assertEquals("2.0", PyFormat.reprDouble(2.0));
    assertEquals("100.0", PyFormat.reprDouble(100.0));
    assertEquals("0.001", PyFormat.reprDouble(0.001));
  }

  @Test
  void strOfParamValues() {
    assertEquals("None", PyFormat.str(null));
    assertEquals("True", PyFormat.str(true));
    assertEquals("()", PyFormat.str(new int[0]));
    assertEquals("(0,)", PyFormat.str(new int[] {0}));
    assertEquals("(1, 0)", PyFormat.str(new int[] {1, 0}));
    assertEquals("((0, 1), (1, 0))", PyFormat.str(new int[][] {{0, 1}, {1, 0}}));
    assertEquals("(1, 'x')", PyFormat.str(List.of(1, "'x'")));
    assertEquals("float32", PyFormat.str(org.jaxpresso.core.DType.FLOAT32));
  }
}
