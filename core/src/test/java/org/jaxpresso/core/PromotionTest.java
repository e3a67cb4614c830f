package org.jaxpresso.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PromotionTest {
  @AfterEach
  void resetX64() {
    Flags.resetX64();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> promotion(String key) {
    return (Map<String, Object>) Reference.section("promotion").get(key);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyDtypePairMatchesJax() {
    Map<String, Object> table = promotion("promote_types");
    assertEquals(169, table.size());
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Object> e : table.entrySet()) {
      String[] ab = e.getKey().split(",");
      String expected = (String) ((Map<String, Object>) e.getValue()).get("ok");
      DType got = Promotion.promoteTypes(DType.fromName(ab[0]), DType.fromName(ab[1]));
      if (!got.longName().equals(expected)) {
        wrong.add(e.getKey() + ": expected " + expected + ", got " + got);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyDtypeWithAJavaScalarMatchesJax() {
    Map<String, Object> table = promotion("with_java_scalar");
    assertEquals(39, table.size());
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Object> e : table.entrySet()) {
      String[] ab = e.getKey().split("\\+");
      List<Object> expected = (List<Object>) ((Map<String, Object>) e.getValue()).get("ok");
      // jnp.zeros((), dtype=a) canonicalizes the dtype first; the scalar is weak.
      DType a = DType.fromName(ab[0]).canonical();
      Array scalar =
          switch (ab[1]) {
            case "int" -> Array.fromJavaScalar(1);
            case "float" -> Array.fromJavaScalar(1.0);
            case "bool" -> Array.fromJavaScalar(true);
            default -> throw new IllegalStateException(ab[1]);
          };
      Promotion.Typed got =
          Promotion.resultType(Promotion.strong(a), Promotion.of(scalar.aval()));
      String exp = expected.get(0) + ((Boolean) expected.get(1) ? "*" : "");
      if (!got.toString().equals(exp)) {
        wrong.add(e.getKey() + ": expected " + exp + ", got " + got);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void weakRules() {
    // all weak: join of the strong counterparts, still weak
    assertEquals("float32*", Promotion.resultType(Promotion.weak(DType.INT32), Promotion.weak(DType.FLOAT32)).toString());
    assertEquals("int32*", Promotion.resultType(Promotion.weak(DType.INT32), Promotion.weak(DType.INT32)).toString());
    // weak adopts the strong operand's width
    assertEquals("int8", Promotion.resultType(Promotion.strong(DType.INT8), Promotion.weak(DType.INT32)).toString());
    assertEquals("float16", Promotion.resultType(Promotion.strong(DType.FLOAT16), Promotion.weak(DType.FLOAT32)).toString());
    // int with weak float becomes a weak float (jnp.arange(3) * 2.5)
    assertEquals("float32*", Promotion.resultType(Promotion.strong(DType.INT32), Promotion.weak(DType.FLOAT32)).toString());
    // bool + weak int is weak int32 (jnp.array(True) + 1); bool + True stays bool
    assertEquals("int32*", Promotion.resultType(Promotion.strong(DType.BOOL), Promotion.weak(DType.INT32)).toString());
    assertEquals("bool", Promotion.resultType(Promotion.strong(DType.BOOL), Promotion.strong(DType.BOOL)).toString());
    // one operand: unchanged
    assertEquals("uint8", Promotion.resultType(List.of(Promotion.strong(DType.UINT8))).toString());
  }

  @Test
  void x64ChangesTheUnsignedEdgeAndCanonicalization() {
    assertEquals(DType.INT32, Promotion.resultType(Promotion.strong(DType.UINT32), Promotion.strong(DType.INT32)).dtype());
    Flags.setX64(true);
    assertEquals(DType.INT64, Promotion.resultType(Promotion.strong(DType.UINT32), Promotion.strong(DType.INT32)).dtype());
    assertEquals("float64*", Promotion.resultType(Promotion.weak(DType.INT64), Promotion.weak(DType.FLOAT64)).toString());
    // the x64_enabled reference: promote_types(int64, float32) is float32
    assertEquals(DType.FLOAT32, Promotion.promoteTypes(DType.INT64, DType.FLOAT32));
  }
}
