package org.jaxpresso.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.testing.Json;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * repr and str against NumPy's own array2string ({@code ref/printing.json}, written by
 * {@code tools/refgen/gen_printing.py}): every dtype, 0-d, empty, 1-D to 4-D, summarized,
 * non-finite, negative zero, scientific switches and their thresholds, line wrapping.
 */
class ArrayPrinterNumpyTest {
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> cases() {
    return (List<Map<String, Object>>) Json.parse(Reference.resource("/ref/printing.json"));
  }

  @SuppressWarnings("unchecked")
  private static Array build(Map<String, Object> c) {
    int[] shape =
        ((List<Object>) c.get("shape")).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    return PrintFixtures.build(
        DType.fromName((String) c.get("dtype")),
        shape,
        (List<String>) c.get("values"),
        (Boolean) c.get("weak"));
  }

  @TestFactory
  Stream<DynamicTest> reprAndStrMatchNumpy() {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    (String) c.get("name"),
                    () -> {
                      Array a = build(c);
                      assertEquals(c.get("repr"), a.repr(), "repr");
                      assertEquals(c.get("str"), a.toString(), "str");
                    }));
  }

  @Test
  void coversEveryDtype() {
    List<Map<String, Object>> cases = cases();
    for (DType d : DType.values()) {
      assertTrue(
          cases.stream().anyMatch(c -> c.get("dtype").equals(d.longName())),
          "no printing case for " + d);
    }
  }
}
