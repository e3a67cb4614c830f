package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.DynamicTest;

/**
 * Reads the NumPy reference cases written by {@code tools/refgen/gen_reductions.py}: keys
 * {@code op|dtype|params|id|role}, params {@code name=value} joined by {@code &}.
 */
final class ReductionRefCases {
  private ReductionRefCases() {}

  /** One reference case: op name, dtype label, params, inputs and expected outputs. */
  record Case(String op, String dtype, Map<String, String> params, List<Array> ins,
      List<Array> outs) {
    String name() {
      return op + " " + dtype + " " + params + " in " + ins.stream()
          .map(a -> a.aval().shortStr()).toList();
    }

    int[] ints(String key) {
      String v = params.getOrDefault(key, "");
      if (v.isEmpty()) {
        return new int[0];
      }
      return java.util.Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    int integer(String key) {
      return Integer.parseInt(params.get(key));
    }

    boolean has(String key) {
      return params.containsKey(key);
    }
  }

  /** The cases of an npz resource, in file order. */
  static List<Case> load(String resource) {
    Map<String, Array> all = Reference.npz(resource);
    Map<String, Map<String, Array>> byCase = new LinkedHashMap<>();
    for (Map.Entry<String, Array> e : all.entrySet()) {
      int cut = e.getKey().lastIndexOf('|');
      byCase.computeIfAbsent(e.getKey().substring(0, cut), k -> new TreeMap<>())
          .put(e.getKey().substring(cut + 1), e.getValue());
    }
    List<Case> cases = new ArrayList<>();
    for (Map.Entry<String, Map<String, Array>> e : byCase.entrySet()) {
      String[] parts = e.getKey().split("\\|", -1);
      Map<String, String> params = new LinkedHashMap<>();
      if (!parts[2].isEmpty()) {
        for (String kv : parts[2].split("&")) {
          int eq = kv.indexOf('=');
          params.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
      List<Array> ins = new ArrayList<>();
      List<Array> outs = new ArrayList<>();
      for (int i = 0; e.getValue().containsKey("in" + i); i++) {
        ins.add(e.getValue().get("in" + i));
      }
      for (int i = 0; e.getValue().containsKey("out" + i); i++) {
        outs.add(e.getValue().get("out" + i));
      }
      cases.add(new Case(parts[0], parts[1], params, ins, outs));
    }
    return cases;
  }

  /**
   * One dynamic test per case whose op satisfies {@code select}: runs {@code run} and compares
   * every output with the reference, floats within {@code ulps} units in the last place.
   */
  static Stream<DynamicTest> tests(String resource, java.util.function.Predicate<String> select,
      Function<Case, List<NDArray>> run, Function<Case, Integer> ulps) {
    List<Case> cases = load(resource).stream().filter(c -> select.test(c.op())).toList();
    if (cases.isEmpty()) {
      fail("no reference cases selected from " + resource);
    }
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      List<NDArray> got = run.apply(c);
      assertEquals(c.outs().size(), got.size(), "number of results");
      for (int i = 0; i < got.size(); i++) {
        assertSameArray(c.outs().get(i), (Array) got.get(i), ulps.apply(c), c.name());
      }
    }));
  }

  /**
   * The tolerance for a case whose result is float64: NumPy sums float64 pairwise while the
   * reference sums in order, and float64 has no wider accumulator, so the last bits may differ
   * (a few ulps of max(|value|, 1): sums of mixed signs cancel); narrower floats are accumulated in double and must match exactly.
   */
  static int summationUlps(Case c) {
    return c.dtype().contains("float64") ? 4 : 0;
  }

  /** Same dtype, shape and elements (NaN equals NaN; floats within {@code ulps}). */
  static void assertSameArray(Array expected, Array actual, int ulps, String what) {
    assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
    assertArrayEquals(expected.aval().shape().dims(), actual.aval().shape().dims(),
        what + ": shape");
    int n = Math.toIntExact(expected.aval().size());
    DType d = expected.dtype();
    for (int i = 0; i < n; i++) {
      if (d.isFloating()) {
        double e = expected.getDouble(i);
        double a = actual.getDouble(i);
        if (Double.isNaN(e) && Double.isNaN(a)) {
          continue;
        }
        double tol = ulps * ulp(d, Math.max(Math.abs(e), 1.0));
        if (!(Double.compare(e, a) == 0 || (ulps > 0 && Math.abs(e - a) <= tol))) {
          fail(what + ": element " + i + " expected " + e + " but was " + a + "\nexpected "
              + expected.repr() + "\nactual   " + actual.repr());
        }
      } else if (expected.getLong(i) != actual.getLong(i)) {
        fail(what + ": element " + i + " expected " + expected.getLong(i) + " but was "
            + actual.getLong(i) + "\nexpected " + expected.repr() + "\nactual   "
            + actual.repr());
      }
    }
  }

  private static double ulp(DType d, double v) {
    int mant = switch (d) {
      case BFLOAT16 -> 7;
      case FLOAT16 -> 10;
      case FLOAT32 -> 23;
      default -> 52;
    };
    double m = Math.max(Math.abs(v), Double.MIN_NORMAL);
    return Math.scalb(1.0, Math.getExponent(m) - mant);
  }
}
