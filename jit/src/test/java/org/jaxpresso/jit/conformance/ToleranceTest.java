package org.jaxpresso.jit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.junit.jupiter.api.Test;

/** The suites' comparisons: ulps per dtype, exactness, NaN and signed zeros, coverage. */
class ToleranceTest {
  private static Array f(DType d, double... v) {
    return Array.fromDoubles(d, v, v.length);
  }

  @Test
  void ulpsFollowTheDtype() {
    assertEquals(0x1p-23, Tolerance.ulp(1.0, DType.FLOAT32));
    assertEquals(0x1p-52, Tolerance.ulp(1.0, DType.FLOAT64));
    assertEquals(0x1p-10, Tolerance.ulp(1.5, DType.FLOAT16));
    assertEquals(0x1p-7, Tolerance.ulp(1.0, DType.BFLOAT16));
    assertEquals(0x1p-149, Tolerance.ulp(0.0, DType.FLOAT32));
    assertEquals(0x1p-24, Tolerance.ulp(1e-7, DType.FLOAT16));
    assertEquals(0x1p-21, Tolerance.ulp(-6.0, DType.FLOAT32));
    assertThrows(IllegalArgumentException.class, () -> Tolerance.ulp(1, DType.INT32));
  }

  @Test
  void exactMeansBitsWithAnyNaN() {
    Tolerance t = Tolerance.EXACT;
    assertNull(t.difference(f(DType.FLOAT32, 1, Double.NaN, -0.0), f(DType.FLOAT32, 1,
        Double.NaN, -0.0)));
    assertNotNull(t.difference(f(DType.FLOAT32, -0.0), f(DType.FLOAT32, 0.0)));
    assertNotNull(t.difference(f(DType.FLOAT32, 1.0), f(DType.FLOAT32, Math.nextUp(1.0f))));
    assertNotNull(t.difference(f(DType.FLOAT32, 1.0), f(DType.FLOAT64, 1.0)));
    assertNotNull(t.difference(f(DType.FLOAT32, 1.0, 2.0), f(DType.FLOAT32, 1.0)));
    assertNotNull(t.difference(Array.fromLongs(DType.INT8, new long[] {3}, 1),
        Array.fromLongs(DType.INT8, new long[] {4}, 1)));
  }

  @Test
  void ulpTolerances() {
    Tolerance two = Tolerance.ulps(2);
    float one = 1.0f;
    float up2 = Math.nextUp(Math.nextUp(one));
    float up3 = Math.nextUp(up2);
    assertNull(two.difference(f(DType.FLOAT32, one), f(DType.FLOAT32, up2)));
    assertNotNull(two.difference(f(DType.FLOAT32, one), f(DType.FLOAT32, up3)));
    assertNotNull(two.difference(f(DType.FLOAT32, Double.POSITIVE_INFINITY),
        f(DType.FLOAT32, Float.MAX_VALUE)));
    assertNotNull(two.difference(f(DType.FLOAT32, Double.NaN), f(DType.FLOAT32, 1.0)));
    assertNotNull(two.difference(f(DType.FLOAT32, 1.0), f(DType.FLOAT32, Double.NaN)));
    assertNull(two.difference(f(DType.FLOAT32, 0.0), f(DType.FLOAT32, -0.0)));
    assertNull(new Tolerance(0, 1e-6, 0).difference(f(DType.FLOAT64, 1e6),
        f(DType.FLOAT64, 1e6 + 0.5)));
    assertNull(new Tolerance(0, 0, 1e-3).difference(f(DType.FLOAT64, 0), f(DType.FLOAT64,
        5e-4)));
    assertEquals("2 ulp", two.toString());
    assertEquals("exact", Tolerance.EXACT.toString());
  }

  @Test
  void standardTolerances() {
    assertEquals(Tolerance.ulps(Tolerances.F32_ULPS), Tolerances.standard("sin", DType.FLOAT32));
    assertEquals(Tolerance.ulps(Tolerances.HALF_ULPS), Tolerances.standard("exp",
        DType.BFLOAT16));
    assertTrue(Tolerances.standard("add", DType.FLOAT32).exact());
    assertTrue(Tolerances.standard("sqrt", DType.FLOAT64).exact());
    assertTrue(Tolerances.standard("reduce_sum", DType.FLOAT16).exact());
    assertTrue(Tolerances.standard("sin", DType.BOOL).exact());
  }

  @Test
  void differentialOutputs() {
    RandomProgram.Output exact = new RandomProgram.Output(true, 3);
    RandomProgram.Output loose = new RandomProgram.Output(false, 100);
    Array a = f(DType.FLOAT32, 1.0);
    Array b = f(DType.FLOAT32, 1.001);
    assertNotNull(DifferentialSuite.difference(a, b, exact));
    assertNull(DifferentialSuite.difference(a, f(DType.FLOAT32, 1.005), loose));
    assertNotNull(DifferentialSuite.difference(a, f(DType.FLOAT32, 1.02), loose));
    assertNotNull(DifferentialSuite.difference(f(DType.FLOAT32, Double.NaN), a, loose));
    assertNotNull(DifferentialSuite.difference(Array.fromLongs(DType.INT32, new long[] {1}, 1),
        Array.fromLongs(DType.INT32, new long[] {2}, 1), loose));
  }

  @Test
  void everyRegisteredPrimitiveIsCovered() {
    assertEquals(Map.of(), ConformanceCases.missing());
    assertTrue(ConformanceCases.primitives().size() > 100);
    assertTrue(ConformanceCases.primitives().contains("jit"));
  }

  @Test
  void randomProgramsAreDeterministic() {
    RandomProgram a = RandomProgram.generate(42);
    RandomProgram b = RandomProgram.generate(42);
    assertEquals(a.program().toString(), b.program().toString());
    assertEquals(a.args().toString(), b.args().toString());
    assertEquals(a.outputs(), b.outputs());
  }
}
