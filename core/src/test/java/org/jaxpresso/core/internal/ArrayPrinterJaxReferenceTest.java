package org.jaxpresso.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every entry of the {@code reprs} section of the JAX 0.11.2 reference: the array is rebuilt
 * from the elements its {@code str} shows, and both its repr and its str must match JAX's text
 * byte for byte. A summarized entry (its str elides elements) names the generator of its data.
 */
class ArrayPrinterJaxReferenceTest {
  /** Data of the reference arrays whose str is summarized, by entry name. */
  private static final Map<String, Function<int[], Array>> SUMMARIZED =
      Map.of("long_int", shape -> arange(DType.INT32, shape));

  private static Array arange(DType dtype, int[] shape) {
    int n = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = i;
    }
    return Array.fromLongs(dtype, v, shape);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> entry(Object value) {
    return (List<Object>) ((Map<String, Object>) value).get("ok");
  }

  private static int[] shapeOf(Object shape) {
    return ((List<?>) shape).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
  }

  private static Array rebuild(String name, List<Object> e) {
    String str = (String) e.get(1);
    DType dtype = DType.fromName((String) e.get(2));
    int[] shape = shapeOf(e.get(3));
    boolean weak = (Boolean) e.get(4);
    if (str.contains("...")) {
      Function<int[], Array> gen = SUMMARIZED.get(name);
      if (gen == null) {
        throw new AssertionError("summarized reference entry " + name + " has no generator");
      }
      return gen.apply(shape).withWeakType(weak);
    }
    String body = str.replace("[", " ").replace("]", " ").strip();
    List<String> values = body.isEmpty() ? List.of() : Arrays.asList(body.split("\\s+"));
    return PrintFixtures.build(dtype, shape, values, weak);
  }

  @TestFactory
  Stream<DynamicTest> everyReprEntryMatchesJax() {
    Map<String, Object> reprs = Reference.section("reprs");
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Object> en : reprs.entrySet()) {
      List<Object> e = entry(en.getValue());
      tests.add(
          DynamicTest.dynamicTest(
              en.getKey(),
              () -> {
                Array a = rebuild(en.getKey(), e);
                assertEquals(e.get(0), a.repr(), "repr");
                assertEquals(e.get(1), a.toString(), "str");
              }));
    }
    return tests.stream();
  }

  @Test
  void referenceHasTheExpectedEntries() {
    Map<String, Object> reprs = Reference.section("reprs");
    assertEquals(35, reprs.size());
    assertTrue(reprs.containsKey("bf16"));
    assertFalse(reprs.isEmpty());
  }
}
