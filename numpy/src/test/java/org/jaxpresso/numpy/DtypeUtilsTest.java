package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** resultType, promoteTypes, finfo and iinfo against JAX's reference and NumPy. */
class DtypeUtilsTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> promotion(String name) {
    return (Map<String, Object>) Reference.section("promotion").get(name);
  }

  @Test
  @SuppressWarnings("unchecked")
  void promoteTypesMatchesJaxForEveryPair() {
    Map<String, Object> table = promotion("promote_types");
    assertEquals(169, table.size());
    for (var e : table.entrySet()) {
      String[] pair = e.getKey().split(",");
      String expected = (String) ((Map<String, Object>) e.getValue()).get("ok");
      assertEquals(expected, Jnp.promoteTypes(DType.fromName(pair[0]), DType.fromName(pair[1]))
          .longName(), e.getKey());
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void addingJavaScalarsMatchesJax() {
    Map<String, Object> table = promotion("with_java_scalar");
    for (var e : table.entrySet()) {
      String[] parts = e.getKey().split("\\+");
      List<Object> expected = (List<Object>) ((Map<String, Object>) e.getValue()).get("ok");
      Object scalar = switch (parts[1]) {
        case "int" -> 1;
        case "float" -> 1.0;
        default -> true;
      };
      var zero = Jnp.zeros(new int[0], DType.fromName(parts[0]));
      var sum = Jnp.add(zero, scalar);
      assertEquals(expected.get(0), sum.dtype().longName(), e.getKey());
      assertEquals(expected.get(1), sum.weakType(), e.getKey());
      assertEquals(sum.dtype(), Jnp.resultType(zero, scalar), e.getKey());
    }
  }

  @Test
  void resultTypeOfMixedOperands() {
    assertEquals(DType.FLOAT32, Jnp.resultType(1, 1.0));
    assertEquals(DType.INT32, Jnp.resultType(Integer.class));
    assertEquals(DType.INT8, Jnp.resultType(DType.INT8, 1));
    assertEquals(DType.FLOAT16, Jnp.resultType(DType.INT8, DType.FLOAT16));
    assertEquals(DType.BFLOAT16, Jnp.resultType(DType.BFLOAT16, Double.class));
    assertEquals(DType.INT32, Jnp.resultType(DType.INT64));
    assertEquals(DType.FLOAT32, Jnp.resultType(DType.UINT64, DType.INT8));
    assertEquals(DType.BOOL, Jnp.resultType(true, Boolean.class));
    assertEquals(DType.FLOAT32, Jnp.resultType(Array.of(new int[] {1}, 1), 2.5));
    assertEquals("at least one array or dtype is required",
        assertThrows(JaxValueError.class, () -> Jnp.resultType()).getMessage());
  }

  @Test
  void finfoValues() {
    FInfo f32 = Jnp.finfo(DType.FLOAT32);
    assertEquals(Math.ulp(1.0f), f32.eps());
    assertEquals(Float.MAX_VALUE, f32.max());
    assertEquals(-Float.MAX_VALUE, f32.min());
    assertEquals(Float.MIN_NORMAL, f32.tiny());
    assertEquals(Float.MIN_VALUE, f32.smallestSubnormal());
    assertEquals(1e-6, f32.resolution());
    assertEquals(32, f32.bits());
    assertEquals(6, f32.precision());
    FInfo f16 = Jnp.finfo(DType.FLOAT16);
    assertEquals(65504.0, f16.max());
    assertEquals(Math.scalb(1.0, -14), f16.tiny());
    assertEquals(Math.scalb(1.0, -10), f16.eps());
    assertEquals(3, f16.precision());
    FInfo bf16 = Jnp.finfo(DType.BFLOAT16);
    assertEquals(0x1.FEp127, bf16.max());
    assertEquals(Float.MIN_NORMAL, bf16.tiny());
    assertEquals(0.0078125, bf16.eps());
    assertEquals(2, bf16.precision());
    assertEquals(Double.MAX_VALUE, Jnp.finfo(DType.FLOAT64).max());
    assertEquals(Double.MIN_NORMAL, Jnp.finfo(DType.FLOAT64).tiny());
    assertEquals(-1022, Jnp.finfo(DType.FLOAT64).minexp());
    assertEquals(128, f32.maxexp());
    assertEquals(-24, f32.negep());
  }

  @Test
  void finfoAndIinfoPrintAsNumPy() {
    // NumPy 2.4: repr(np.finfo(np.float16)), ... and repr(np.iinfo(...))
    assertEquals("finfo(resolution=0.001, min=-6.55040e+04, max=6.55040e+04, dtype=float16)",
        Jnp.finfo(DType.FLOAT16).toString());
    assertEquals(
        "finfo(resolution=1e-06, min=-3.4028235e+38, max=3.4028235e+38, dtype=float32)",
        Jnp.finfo(DType.FLOAT32).toString());
    assertEquals("finfo(resolution=1e-15, min=-1.7976931348623157e+308, "
        + "max=1.7976931348623157e+308, dtype=float64)", Jnp.finfo(DType.FLOAT64).toString());
    assertEquals("iinfo(min=-128, max=127, dtype=int8)", Jnp.iinfo(DType.INT8).toString());
    assertEquals("iinfo(min=0, max=18446744073709551615, dtype=uint64)",
        Jnp.iinfo(DType.UINT64).toString());
  }

  @Test
  void iinfoValues() {
    assertEquals(-128, Jnp.iinfo(DType.INT8).min());
    assertEquals(32767, Jnp.iinfo(DType.INT16).max());
    assertEquals(Integer.MIN_VALUE, Jnp.iinfo(DType.INT32).min());
    assertEquals(Long.MAX_VALUE, Jnp.iinfo(DType.INT64).max());
    assertEquals(255, Jnp.iinfo(DType.UINT8).max());
    assertEquals(65535, Jnp.iinfo(DType.UINT16).max());
    assertEquals(4294967295L, Jnp.iinfo(DType.UINT32).max());
    assertEquals(0, Jnp.iinfo(DType.UINT32).min());
    assertEquals(16, Jnp.iinfo(DType.UINT16).bits());
  }

  @Test
  void errorsInNumPyWords() {
    assertEquals("data type <class 'numpy.int32'> not inexact",
        assertThrows(JaxValueError.class, () -> Jnp.finfo(DType.INT32)).getMessage());
    assertEquals("data type <class 'numpy.bool'> not inexact",
        assertThrows(JaxValueError.class, () -> Jnp.finfo(DType.BOOL)).getMessage());
    assertEquals("Invalid integer data type 'f'.",
        assertThrows(JaxValueError.class, () -> Jnp.iinfo(DType.FLOAT32)).getMessage());
    assertEquals("Invalid integer data type 'b'.",
        assertThrows(JaxValueError.class, () -> Jnp.iinfo(DType.BOOL)).getMessage());
  }
}
