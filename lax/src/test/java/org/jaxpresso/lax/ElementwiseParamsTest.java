package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.lax.internal.elementwise.Rules;
import org.jaxpresso.lax.primitives.Bitwise;
import org.jaxpresso.lax.primitives.Comparisons;
import org.jaxpresso.lax.primitives.Conversions;
import org.jaxpresso.lax.primitives.Elementwise;
import org.jaxpresso.lax.primitives.RoundingMethod;
import org.jaxpresso.lax.primitives.Transcendental;
import org.junit.jupiter.api.Test;

/** Params are named and printed as JAX 0.11 prints them in jaxprs. */
class ElementwiseParamsTest {
  private static String printed(Primitive p, Params params) {
    return p.printedParams(params).toString();
  }

  @Test
  void printedNamesAreJaxs() {
    assertEquals("and", Bitwise.AND.name());
    assertEquals("not", Bitwise.NOT.name());
    assertEquals("shift_right_logical", Bitwise.SHIFT_RIGHT_LOGICAL.name());
    assertEquals("ge", Comparisons.GE.name());
    assertEquals("erf_inv", Transcendental.ERF_INV.name());
    assertEquals("is_finite", Elementwise.IS_FINITE.name());
  }

  @Test
  void accuracyIsHiddenWhenNone() {
    for (Primitive p : new Primitive[] {Transcendental.EXP, Transcendental.LOG,
        Transcendental.TANH, Transcendental.LOGISTIC, Transcendental.SIN, Transcendental.COS,
        Transcendental.SQRT, Transcendental.RSQRT, Transcendental.CBRT, Transcendental.TAN,
        Transcendental.EXP2, Transcendental.EXPM1, Transcendental.LOG1P}) {
      assertEquals("[]", printed(p, Rules.ACCURACY_NONE), p.name());
    }
    assertEquals("[accuracy=HIGHEST]",
        printed(Transcendental.SIN, Params.of("accuracy", "HIGHEST")));
  }

  @Test
  void mulHidesOutDtypeWhenNone() {
    assertEquals("[]", printed(Elementwise.MUL, Params.of("out_dtype", null)));
    assertEquals("[out_dtype=float32]",
        printed(Elementwise.MUL, Params.of("out_dtype", DType.FLOAT32)));
  }

  @Test
  void roundPrintsItsMethodAsANumber() {
    assertEquals("[rounding_method=1]", printed(Elementwise.ROUND,
        Params.of("rounding_method", RoundingMethod.TO_NEAREST_EVEN)));
    assertEquals("[rounding_method=0]", printed(Elementwise.ROUND,
        Params.of("rounding_method", RoundingMethod.AWAY_FROM_ZERO)));
  }

  @Test
  void convertElementTypeHidesSharding() {
    assertEquals("[new_dtype=float32 weak_type=False]", printed(Conversions.CONVERT_ELEMENT_TYPE,
        Params.of("new_dtype", DType.FLOAT32, "sharding", null, "weak_type", false)));
  }

  @Test
  void otherParamsPrintInFull() {
    assertEquals("[y=-1]", printed(Elementwise.INTEGER_POW, Params.of("y", -1)));
    assertEquals("[exponent_bits=8 mantissa_bits=7]", printed(Conversions.REDUCE_PRECISION,
        Params.of("exponent_bits", 8, "mantissa_bits", 7)));
    assertEquals("[new_dtype=float32]", printed(Conversions.BITCAST_CONVERT_TYPE,
        Params.of("new_dtype", DType.FLOAT32)));
  }
}
