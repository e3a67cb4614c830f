package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.testing.Json;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.lax.primitives.Gather;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shaping, slicing, gather and scatter primitives against NumPy reference values
 * ({@code tools/refgen/gen_shaping.py} → {@code ref/shaping.npz}): every case, every dtype.
 */
class ShapingReferenceTest {
  private static final Map<String, org.jaxpresso.core.Array> NPZ =
      Reference.npz("/ref/shaping.npz");

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cases() {
    byte[] text = (byte[]) NPZ.get("spec").toStorageArray();
    return (List<Map<String, Object>>) Json.parse(new String(text, StandardCharsets.UTF_8));
  }

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesNumPy() {
    LaxPrimitives.all();
    List<Map<String, Object>> cases = cases();
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> c = cases.get(i);
      String name = "#" + i + " " + c.get("op") + " " + c.get("dtype") + " " + c.get("params");
      tests.add(DynamicTest.dynamicTest(name, () -> check(c)));
    }
    return tests.stream();
  }

  @Test
  void casesCoverEveryOpAndDtype() {
    List<Map<String, Object>> cases = cases();
    for (String op : List.of("broadcast_in_dim", "reshape", "transpose", "squeeze", "rev",
        "concatenate", "pad", "slice", "dynamic_slice", "dynamic_update_slice", "gather",
        "scatter", "scatter-min", "scatter-max")) {
      for (DType d : DType.values()) {
        assertTrue(cases.stream().anyMatch(c -> c.get("op").equals(op)
            && c.get("dtype").equals(d.longName())), op + " lacks a " + d + " case");
      }
    }
    assertTrue(cases.size() > 2000, "only " + cases.size() + " cases");
  }

  @SuppressWarnings("unchecked")
  static void check(Map<String, Object> c) {
    String op = (String) c.get("op");
    Primitive prim = Primitive.lookup(op);
    List<org.jaxpresso.core.Array> ins = new ArrayList<>();
    for (Object spec : (List<Object>) c.get("ins")) {
      ins.add(array((List<Object>) spec));
    }
    org.jaxpresso.core.Array expected = array((List<Object>) c.get("out"));
    Params params = params(op, DType.fromName((String) c.get("dtype")),
        (Map<String, Object>) c.get("params"));
    List<ShapedArray> avals = prim.abstractEval(ins.stream().map(NDArray::aval).toList(), params);
    assertEquals(expected.aval(), avals.get(0), "abstract eval");
    NDArray got = prim.bind(ins, params).get(0);
    assertEquals(expected.aval(), got.aval(), "result aval");
    assertSameElements(expected, (org.jaxpresso.core.Array) got);
  }

  /** Element-wise equality with NaN equal to NaN (floats compared by value, ints by bits). */
  static void assertSameElements(org.jaxpresso.core.Array want, org.jaxpresso.core.Array got) {
    int n = Math.toIntExact(want.aval().size());
    for (int i = 0; i < n; i++) {
      if (want.dtype().isFloating()) {
        double a = want.getDouble(i);
        double b = got.getDouble(i);
        assertTrue(a == b || (Double.isNaN(a) && Double.isNaN(b)),
            "element " + i + ": want " + a + ", got " + b);
      } else {
        assertEquals(want.getLong(i), got.getLong(i), "element " + i);
      }
    }
  }

  /** The array {@code [dtype, offset, shape]} cut from its dtype's pool. */
  static org.jaxpresso.core.Array array(List<Object> spec) {
    DType dtype = DType.fromName((String) spec.get(0));
    int offset = ((Long) spec.get(1)).intValue();
    int[] shape = ints(spec.get(2));
    int size = 1;
    for (int d : shape) {
      size *= d;
    }
    Object pool = NPZ.get("pool_" + dtype.longName()).toStorageArray();
    Object data = Array.newInstance(pool.getClass().getComponentType(), size);
    System.arraycopy(pool, offset, data, 0, size);
    return org.jaxpresso.core.Array.fromStorage(dtype, data, shape);
  }

  @SuppressWarnings("unchecked")
  static int[] ints(Object v) {
    if (v instanceof Long l) {
      return new int[] {l.intValue()};
    }
    return ((List<Object>) v).stream().mapToInt(x -> ((Long) x).intValue()).toArray();
  }

  @SuppressWarnings("unchecked")
  static int[][] pairs(Object v) {
    List<Object> rows = (List<Object>) v;
    int[][] out = new int[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints(rows.get(i));
    }
    return out;
  }

  static Params params(String op, DType dtype, Map<String, Object> p) {
    return switch (op) {
      case "broadcast_in_dim" -> Params.of("shape", ints(p.get("shape")), "broadcast_dimensions",
          ints(p.get("broadcast_dimensions")), "sharding", null);
      case "reshape" -> Params.of("new_sizes", ints(p.get("new_sizes")), "dimensions",
          p.containsKey("dimensions") ? ints(p.get("dimensions")) : null, "sharding", null);
      case "transpose" -> Params.of("permutation", ints(p.get("permutation")));
      case "squeeze", "rev" -> Params.of("dimensions", ints(p.get("dimensions")));
      case "concatenate" -> Params.of("dimension", ints(p.get("dimension"))[0]);
      case "pad" -> Params.of("padding_config", pairs(p.get("padding_config")));
      case "iota" -> Params.of("dtype", dtype, "shape", ints(p.get("shape")), "dimension",
          ints(p.get("dimension"))[0], "sharding", null);
      case "slice" -> Params.of("start_indices", ints(p.get("start_indices")), "limit_indices",
          ints(p.get("limit_indices")), "strides",
          p.containsKey("strides") ? ints(p.get("strides")) : null);
      case "dynamic_slice" -> Params.of("slice_sizes", ints(p.get("slice_sizes")));
      case "dynamic_update_slice" -> Params.EMPTY;
      case "gather" -> {
        GatherScatterMode mode = mode(p);
        yield Params.of("dimension_numbers", new GatherDimensionNumbers(
                ints(p.get("offset_dims")), ints(p.get("collapsed_slice_dims")),
                ints(p.get("start_index_map")), ints(p.get("operand_batching_dims")),
                ints(p.get("start_indices_batching_dims"))),
            "slice_sizes", ints(p.get("slice_sizes")), "mode", mode, "fill_value",
            mode == GatherScatterMode.FILL_OR_DROP ? Gather.defaultFillValue(dtype) : null,
            "indices_are_sorted", false, "unique_indices", false);
      }
      default -> Params.of("dimension_numbers", new ScatterDimensionNumbers(
              ints(p.get("update_window_dims")), ints(p.get("inserted_window_dims")),
              ints(p.get("scatter_dims_to_operand_dims")), ints(p.get("operand_batching_dims")),
              ints(p.get("scatter_indices_batching_dims"))),
          "mode", mode(p), "indices_are_sorted", false, "unique_indices", false,
          "update_consts", List.of(), "update_jaxpr", null);
    };
  }

  static GatherScatterMode mode(Map<String, Object> p) {
    return GatherScatterMode.values()[ints(p.get("mode"))[0]];
  }
}
