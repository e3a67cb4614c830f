package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.lax.primitives.Elementwise;
import org.jaxpresso.core.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error path of the elementwise primitives, with JAX's exception kinds and messages. */
class ElementwiseErrorsTest {
  private static Array f32(int... shape) {
    return Array.fromDoubles(DType.FLOAT32, new double[(int) size(shape)], shape);
  }

  private static Array of(DType d, int... shape) {
    return Array.fromLongs(d, new long[(int) size(shape)], shape);
  }

  private static long size(int[] shape) {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private static String jaxMessage(String key) {
    return (String) ((Map<String, Object>) Reference.section("errors").get(key)).get("message");
  }

  static Stream<Arguments> typeErrors() {
    Array f = f32(3);
    Array i = of(DType.INT32, 3);
    Array u = of(DType.UINT32, 3);
    Array b = of(DType.BOOL, 3);
    return Stream.of(
        Arguments.of("unary float op on int", (Supplier<NDArray>) () -> Lax.sin(i),
            "sin does not accept dtype int32. Accepted dtypes are subtypes of floating, "
                + "complexfloating."),
        Arguments.of("float-only special function", (Supplier<NDArray>) () -> Lax.erf(i),
            "erf does not accept dtype int32. Accepted dtypes are subtypes of floating."),
        Arguments.of("abs of unsigned", (Supplier<NDArray>) () -> Lax.abs(u),
            "abs does not accept dtype uint32. Accepted dtypes are subtypes of signedinteger, "
                + "floating, complexfloating."),
        Arguments.of("neg of bool", (Supplier<NDArray>) () -> Lax.neg(b),
            "neg does not accept dtype bool. Accepted dtypes are subtypes of integer, floating, "
                + "complexfloating."),
        Arguments.of("not of float", (Supplier<NDArray>) () -> Lax.bitwiseNot(f),
            "not does not accept dtype float32. Accepted dtypes are subtypes of integer, bool_."),
        Arguments.of("popcount of float", (Supplier<NDArray>) () -> Lax.populationCount(f),
            "population_count does not accept dtype float32. Accepted dtypes are subtypes of "
                + "integer."),
        Arguments.of("is_finite of int", (Supplier<NDArray>) () -> Lax.isFinite(i),
            "is_finite does not accept dtype int32. Accepted dtypes are subtypes of floating."),
        Arguments.of("add of bools", (Supplier<NDArray>) () -> Lax.add(b, b),
            "add does not accept dtype bool at position 0. Accepted dtypes at position 0 are "
                + "subtypes of integer, floating, complexfloating."),
        Arguments.of("shift of floats", (Supplier<NDArray>) () -> Lax.shiftLeft(f, f),
            "shift_left does not accept dtype float32 at position 0. Accepted dtypes at "
                + "position 0 are subtypes of integer."),
        Arguments.of("and of floats", (Supplier<NDArray>) () -> Lax.bitwiseAnd(i, f),
            "and does not accept dtype float32 at position 1. Accepted dtypes at position 1 are "
                + "subtypes of integer, bool_."),
        Arguments.of("nextafter of ints", (Supplier<NDArray>) () -> Lax.nextafter(i, i),
            "nextafter does not accept dtype int32 at position 0. Accepted dtypes at position 0 "
                + "are subtypes of floating."),
        Arguments.of("rem of bool", (Supplier<NDArray>) () -> Lax.rem(b, b),
            "rem does not accept dtype bool at position 0. Accepted dtypes at position 0 are "
                + "subtypes of integer, floating."),
        Arguments.of("lax.add(1, 1.0)", (Supplier<NDArray>) () -> Lax.add(1, 1.0),
            jaxMessage("lax_add_int_float")),
        Arguments.of("mul mixed floats", (Supplier<NDArray>) () -> Lax.mul(f,
                Array.fromDoubles(DType.FLOAT16, new double[3], 3)),
            "lax.mul requires arguments to have the same dtypes, got float32, float16. (Tip: "
                + "jnp.multiply is a similar function that does automatic type promotion on "
                + "inputs)."),
        Arguments.of("lt mixed", (Supplier<NDArray>) () -> Lax.lt(f, i),
            "lax.lt requires arguments to have the same dtypes, got float32, int32."),
        Arguments.of("shift_right_logical mixed", (Supplier<NDArray>) () ->
                Lax.shiftRightLogical(i, u),
            "lax.shift_right_logical requires arguments to have the same dtypes, got int32, "
                + "uint32. (Tip: jnp.right_shift is a similar function that does automatic type "
                + "promotion on inputs)."),
        Arguments.of("rank mismatch", (Supplier<NDArray>) () -> Lax.add(f32(2, 3), f32(3)),
            "add: arrays must have the same number of dimensions, got {1, 2}"),
        Arguments.of("incompatible shapes", (Supplier<NDArray>) () -> Lax.add(f32(3), f32(4)),
            jaxMessage("lax_add_shape_mismatch")),
        Arguments.of("incompatible shapes (eq)", (Supplier<NDArray>) () -> Lax.eq(f32(2, 3),
                f32(3, 2)),
            "eq got incompatible shapes for broadcasting: (2, 3), (3, 2)."),
        Arguments.of("pow int base", (Supplier<NDArray>) () -> Lax.pow(i, f),
            "pow does not accept dtype int32 at position 0. Accepted dtypes at position 0 are "
                + "subtypes of floating, complexfloating."),
        Arguments.of("pow mixed floats", (Supplier<NDArray>) () -> Lax.pow(f,
                Array.fromDoubles(DType.FLOAT16, new double[3], 3)),
            "the first argument to pow must have an inexact dtype (float or complex), and the "
                + "second argument must have an inexact or integer dtype, and two inexact dtypes"
                + " must match, but got float32 and float16 respectively."),
        Arguments.of("integer_pow negative on ints", (Supplier<NDArray>) () ->
                Lax.integerPow(i, -1),
            "Integers cannot be raised to negative powers, got integer_pow(int32[3], -1)"),
        Arguments.of("select no cases", (Supplier<NDArray>) () -> Lax.selectN(b),
            "select must have at least one case"),
        Arguments.of("select case shapes", (Supplier<NDArray>) () -> Lax.selectN(true, f32(3),
                f32(4)),
            "select cases must have the same shapes, got [(3,), (4,)]."),
        Arguments.of("select which shape", (Supplier<NDArray>) () -> Lax.selectN(
                of(DType.BOOL, 2), f32(3), f32(3)),
            "select `which` must be scalar or have the same shape as cases, got `which` shape "
                + "(2,) but case shape (3,)."),
        Arguments.of("select case dtypes", (Supplier<NDArray>) () -> Lax.selectN(b, f, i),
            "lax.select requires arguments to have the same dtypes, got float32, int32. (Tip: "
                + "jnp.where is a similar function that does automatic type promotion on "
                + "inputs)."),
        Arguments.of("select float which", (Supplier<NDArray>) () -> Lax.selectN(f, f, f),
            "select `which` must be boolean or integer type, got float32."),
        Arguments.of("select bool which, 3 cases", (Supplier<NDArray>) () ->
                Lax.selectN(b, f, f, f),
            "select with boolean `which` cannot have > 2 cases."),
        Arguments.of("clamp min shape", (Supplier<NDArray>) () -> Lax.clamp(f32(2), f32(3),
                f32(3)),
            "clamp requires min.shape == operand.shape or min.shape == (), got min.shape=(2,),"
                + " operand.shape=(3,)."),
        Arguments.of("clamp max shape", (Supplier<NDArray>) () -> Lax.clamp(f32(), f32(3),
                f32(1)),
            "clamp requires max.shape == operand.shape or max.shape == (), got max.shape=(1,),"
                + " operand.shape=(3,)."),
        Arguments.of("clamp dtypes", (Supplier<NDArray>) () -> Lax.clamp(0, f32(3), 1.0),
            "lax.clamp requires arguments to have the same dtypes, got int32, float32, float32."),
        Arguments.of("bitcast bool", (Supplier<NDArray>) () -> Lax.bitcastConvertType(b,
                DType.INT8),
            "lax.bitcast_convert_type does not support bool or complex values unless the "
                + "operand and destination types match. Got operand dtype=bool, "
                + "new_dtype=dtype('int8'). Consider using the arr.view() method instead."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeErrors")
  void raisesJaxTypeError(String what, Supplier<NDArray> call, String message) {
    JaxTypeError e = assertThrows(JaxTypeError.class, call::get);
    assertEquals(message, e.getMessage());
  }

  @Test
  void bitcastToWiderTypeNeedsTheRightLastDimension() {
    JaxValueError e = assertThrows(JaxValueError.class,
        () -> Lax.bitcastConvertType(of(DType.UINT8, 2, 3), DType.UINT32));
    assertEquals("Attempting to convert array of shape (2, 3) from uint8 of size 8 bits to "
        + "uint32 of size 32, bits but 3 * 8 != 32", e.getMessage());
  }

  @Test
  void reducePrecisionChecksItsParams() {
    JaxValueError e = assertThrows(JaxValueError.class, () -> Lax.reducePrecision(f32(3), 0, 7));
    assertEquals("reduce_precision: exponent_bits must be positive; got 0", e.getMessage());
    e = assertThrows(JaxValueError.class, () -> Lax.reducePrecision(f32(3), 8, -1));
    assertEquals("reduce_precision: mantissa_bits must be non-negative; got -1", e.getMessage());
    JaxTypeError t = assertThrows(JaxTypeError.class,
        () -> Lax.reducePrecision(of(DType.INT32, 3), 8, 7));
    assertEquals("reduce_precision does not accept dtype int32. Accepted dtypes are subtypes of "
        + "floating.", t.getMessage());
  }

  @Test
  void wrongOperandCountIsAProgrammingError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Elementwise.ADD.bind1(Params.EMPTY, f32(3)));
    assertEquals("add takes 2 operands, got 1", e.getMessage());
  }

  @Test
  void errorsDoNotDependOnOperandOrderForShapes() {
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Lax.add(f32(3), f32(2, 3)));
    assertEquals("add: arrays must have the same number of dimensions, got {1, 2}",
        e.getMessage());
  }
}
