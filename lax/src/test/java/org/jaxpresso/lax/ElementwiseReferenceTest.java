package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code ref/elementwise.npz} (NumPy/SciPy references from
 * tools/refgen/gen_elementwise.py): all accepted dtypes of every elementwise primitive, 0-d,
 * empty and broadcast-edge shapes, each compared with its op's tolerance.
 */
class ElementwiseReferenceTest {
  private static final Map<String, Array> REF = Reference.npz("/ref/elementwise.npz");

  static Stream<String> cases() {
    TreeSet<String> names = new TreeSet<>();
    for (String k : REF.keySet()) {
      if (k.endsWith("__out")) {
        names.add(k.substring(0, k.length() - "__out".length()));
      }
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesReference(String name) {
    String[] parts = name.split("__");
    String op = parts[0];
    Function<List<NDArray>, NDArray> call = ElementwiseOpTable.callFor(op, parts);
    assertNotNull(call, "no op table row for " + op);
    List<NDArray> inputs = new ArrayList<>();
    for (String in : ElementwiseOpTable.inputsFor(op)) {
      Array a = REF.get(name + "__" + in);
      assertNotNull(a, "missing input " + name + "__" + in);
      inputs.add(a);
    }
    Array expected = REF.get(name + "__out");
    Array actual = (Array) call.apply(inputs);
    assertEquals(expected.dtype(), actual.dtype(), name + ": dtype");
    assertEquals(expected.aval().shape(), actual.aval().shape(), name + ": shape");
    ElementwiseOpTable.Op row = ElementwiseOpTable.OPS.get(op);
    int ulps = row == null ? 0 : (expected.dtype() == DType.FLOAT64 ? row.ulps64() : row.ulps());
    assertClose(name, inputs, expected, actual, ulps);
  }

  static void assertClose(String name, List<NDArray> inputs, Array expected, Array actual,
      int ulps) {
    int n = Math.toIntExact(expected.aval().size());
    DType d = expected.dtype();
    for (int i = 0; i < n; i++) {
      boolean ok;
      if (d.isFloating()) {
        ok = ulpDistance(expected, actual, i) <= ulps;
      } else {
        ok = expected.getLong(i) == actual.getLong(i);
      }
      if (!ok) {
        StringBuilder in = new StringBuilder();
        for (NDArray x : inputs) {
          Array a = (Array) x;
          int j = a.aval().size() == n ? i : 0;
          in.append(a.aval().size() == 0 ? "[]" : describe(a, j)).append(' ');
        }
        fail(name + "[" + i + "]: inputs " + in + "expected " + describe(expected, i) + " got "
            + describe(actual, i) + " (tolerance " + ulps + " ulp)");
      }
    }
  }

  private static String describe(Array a, int i) {
    return a.dtype().isFloating() ? Double.toString(a.getDouble(i)) : Long.toString(a.getLong(i));
  }

  /** The distance in units in the last place of the dtype; NaN is at distance 0 from NaN. */
  static long ulpDistance(Array a, Array b, int i) {
    double x = a.getDouble(i);
    double y = b.getDouble(i);
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.isNaN(x) && Double.isNaN(y) ? 0 : Long.MAX_VALUE;
    }
    if (x == y) {
      return 0; // includes -0 == +0
    }
    return Math.abs(ordered(x, a.dtype()) - ordered(y, a.dtype()));
  }

  private static long ordered(double v, DType d) {
    long bits;
    long sign;
    switch (d) {
      case FLOAT64 -> {
        bits = Double.doubleToRawLongBits(v);
        sign = Long.MIN_VALUE;
      }
      case FLOAT32 -> {
        bits = Float.floatToRawIntBits((float) v) & 0xFFFFFFFFL;
        sign = 1L << 31;
      }
      case FLOAT16 -> {
        bits = Float.floatToFloat16((float) v) & 0xFFFFL;
        sign = 1L << 15;
      }
      default -> {
        bits = (Float.floatToRawIntBits((float) v) >>> 16) & 0xFFFFL;
        sign = 1L << 15;
      }
    }
    long mag = bits & ~sign;
    return (bits & sign) != 0 ? -mag : mag;
  }

  @Test
  void everyOpHasACaseForEveryAcceptedDtype() {
    List<String> missing = new ArrayList<>();
    for (ElementwiseOpTable.Op op : ElementwiseOpTable.OPS.values()) {
      for (DType d : op.dtypes()) {
        if (!REF.containsKey(op.name() + "__" + d.longName() + "__out")) {
          missing.add(op.name() + "__" + d.longName());
        }
      }
    }
    for (DType from : ElementwiseOpTable.ALL) {
      for (DType to : ElementwiseOpTable.ALL) {
        String c = "convert_element_type__" + from.longName() + "__" + to.longName();
        if (!REF.containsKey(c + "__out")) {
          missing.add(c);
        }
      }
    }
    assertTrue(missing.isEmpty(), "cases missing from ref/elementwise.npz: " + missing);
  }

  @Test
  void broadcastEdgeShapesAreCovered() {
    List<String> shapes = new ArrayList<>();
    for (String k : REF.keySet()) {
      if (k.startsWith("add__bcast") && k.endsWith("__out")) {
        shapes.add(REF.get(k).aval().shape().toString());
      }
    }
    assertTrue(shapes.contains("(3, 4)"), shapes.toString());
    assertTrue(shapes.contains("(2, 3)"), shapes.toString());
    assertTrue(shapes.contains("(0, 3)"), shapes.toString());
    assertTrue(shapes.contains("(0,)"), shapes.toString());
  }
}
