package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shape functions against NumPy (tools/refgen/gen_numpy_shaping.py), each case over every
 * dtype: the inputs are cast to the dtype, and the result must keep it and hold the reference
 * values cast the same way.
 */
class ShapingTableTest {
  private static final Map<String, Array> REF = Reference.npz("/ref/numpy_shaping.npz");

  private static final int[][] PER_AXIS = {{0, 1}, {2, 0}, {1, 1}};

  /** Case name (as in the reference file) to the call, given the inputs by name. */
  private static Map<String, Function<Map<String, NDArray>, Object>> cases() {
    Map<String, Function<Map<String, NDArray>, Object>> c = new LinkedHashMap<>();
    c.put("reshape_4_m1", in -> Jnp.reshape(in.get("x"), 4, -1));
    c.put("reshape_m1", in -> Jnp.reshape(in.get("x"), -1));
    c.put("ravel", in -> Jnp.ravel(in.get("x")));
    c.put("transpose", in -> Jnp.transpose(in.get("x")));
    c.put("transpose_2_0_1", in -> Jnp.transpose(in.get("x"), 2, 0, 1));
    c.put("transpose_m1_0_1", in -> Jnp.transpose(in.get("x"), -1, 0, 1));
    c.put("swapaxes_0_m1", in -> Jnp.swapaxes(in.get("x"), 0, -1));
    c.put("swapaxes_1_1", in -> Jnp.swapaxes(in.get("x"), 1, 1));
    c.put("moveaxis_0_m1", in -> Jnp.moveaxis(in.get("x"), 0, -1));
    c.put("moveaxis_2_0", in -> Jnp.moveaxis(in.get("x"), 2, 0));
    c.put("moveaxis_01_m1m2",
        in -> Jnp.moveaxis(in.get("x"), new int[] {0, 1}, new int[] {-1, -2}));
    c.put("moveaxis_20_01", in -> Jnp.moveaxis(in.get("x"), new int[] {2, 0}, new int[] {0, 1}));
    c.put("squeeze_one", in -> Jnp.squeeze(in.get("one")));
    c.put("squeeze_one_m1", in -> Jnp.squeeze(in.get("one"), -1));
    c.put("expand_dims_0_m1", in -> Jnp.expandDims(in.get("x"), 0, -1));
    c.put("flip", in -> Jnp.flip(in.get("x")));
    c.put("flip_1", in -> Jnp.flip(in.get("x"), 1));
    c.put("flip_0_m1", in -> Jnp.flip(in.get("x"), 0, -1));
    c.put("flip_e", in -> Jnp.flip(in.get("e")));
    c.put("roll_5", in -> Jnp.roll(in.get("x"), 5));
    c.put("roll_m7", in -> Jnp.roll(in.get("x"), -7));
    c.put("roll_1_2", in -> Jnp.roll(in.get("x"), 1, 2));
    c.put("roll_m2_1", in -> Jnp.roll(in.get("x"), -2, 1));
    c.put("roll_13_2_0", in -> Jnp.roll(in.get("x"), new int[] {13, 2}, new int[] {1, 0}));
    c.put("roll_1_02", in -> Jnp.roll(in.get("x"), new int[] {1}, new int[] {0, 2}));
    c.put("roll_e_1_1", in -> Jnp.roll(in.get("e"), 1, 1));
    c.put("atleast1d_s", in -> Jnp.atleast1d(in.get("s")));
    c.put("atleast1d_v", in -> Jnp.atleast1d(in.get("v")));
    c.put("atleast2d_s", in -> Jnp.atleast2d(in.get("s")));
    c.put("atleast2d_v", in -> Jnp.atleast2d(in.get("v")));
    c.put("atleast2d_x", in -> Jnp.atleast2d(in.get("x")));
    c.put("concatenate_xy_0", in -> Jnp.concatenate(List.of(in.get("x"), in.get("y")), 0));
    c.put("concatenate_xy_m1", in -> Jnp.concatenate(List.of(in.get("x"), in.get("y")), -1));
    c.put("concatenate_xzx_1",
        in -> Jnp.concatenate(List.of(in.get("x"), in.get("z"), in.get("x")), 1));
    c.put("concatenate_vw", in -> Jnp.concatenate(List.of(in.get("v"), in.get("w"))));
    c.put("concatenate_ee_1", in -> Jnp.concatenate(List.of(in.get("e"), in.get("e")), 1));
    c.put("concatenate_ee_0", in -> Jnp.concatenate(List.of(in.get("e"), in.get("e")), 0));
    c.put("concatenate_flat_xv", in -> Jnp.concatenateFlat(List.of(in.get("x"), in.get("v"))));
    c.put("concatenate_many",
        in -> Jnp.concatenate(java.util.Collections.nCopies(20, in.get("v"))));
    c.put("stack_xy_0", in -> Jnp.stack(List.of(in.get("x"), in.get("y"))));
    c.put("stack_xy_1", in -> Jnp.stack(List.of(in.get("x"), in.get("y")), 1));
    c.put("stack_xy_m1", in -> Jnp.stack(List.of(in.get("x"), in.get("y")), -1));
    c.put("stack_ss", in -> Jnp.stack(List.of(in.get("s"), in.get("s"))));
    c.put("stack_ee_2", in -> Jnp.stack(List.of(in.get("e"), in.get("e")), 2));
    c.put("hstack_vw", in -> Jnp.hstack(List.of(in.get("v"), in.get("w"))));
    c.put("hstack_ss", in -> Jnp.hstack(List.of(in.get("s"), in.get("s"))));
    c.put("hstack_mm", in -> Jnp.hstack(List.of(in.get("m"), in.get("m"))));
    c.put("vstack_vv", in -> Jnp.vstack(List.of(in.get("v"), in.get("v"))));
    c.put("vstack_mv3", in -> Jnp.vstack(List.of(in.get("m"), in.get("w"))));
    c.put("vstack_ss", in -> Jnp.vstack(List.of(in.get("s"), in.get("s"))));
    c.put("split_x_3_1", in -> Jnp.split(in.get("x"), 3, 1));
    c.put("split_x_2_m1", in -> Jnp.split(in.get("x"), 2, -1));
    c.put("split_x_i13_2", in -> Jnp.split(in.get("x"), new int[] {1, 3}, 2));
    c.put("split_x_i004_2", in -> Jnp.split(in.get("x"), new int[] {0, 0, 4}, 2));
    c.put("split_e_3_2", in -> Jnp.split(in.get("e"), 3, 2));
    c.put("tile_v_2", in -> Jnp.tile(in.get("v"), 2));
    c.put("tile_x_2", in -> Jnp.tile(in.get("x"), 2));
    c.put("tile_x_2_1_1", in -> Jnp.tile(in.get("x"), 2, 1, 1));
    c.put("tile_m_2_1_3", in -> Jnp.tile(in.get("m"), 2, 1, 3));
    c.put("tile_s_3", in -> Jnp.tile(in.get("s"), 3));
    c.put("tile_x_0", in -> Jnp.tile(in.get("x"), 0));
    c.put("tile_e_2", in -> Jnp.tile(in.get("e"), 2));
    c.put("repeat_x_2", in -> Jnp.repeat(in.get("x"), 2));
    c.put("repeat_x_2_1", in -> Jnp.repeat(in.get("x"), 2, 1));
    c.put("repeat_x_3_m1", in -> Jnp.repeat(in.get("x"), 3, -1));
    c.put("repeat_x_0_1", in -> Jnp.repeat(in.get("x"), 0, 1));
    c.put("repeat_x_102_1", in -> Jnp.repeat(in.get("x"), new int[] {1, 0, 2}, 1));
    c.put("repeat_x_000_1", in -> Jnp.repeat(in.get("x"), new int[] {0, 0, 0}, 1));
    c.put("repeat_s_3", in -> Jnp.repeat(in.get("s"), 3));
    c.put("pad_v_1_2", in -> Jnp.pad(in.get("v"), new int[][] {{1, 2}}));
    c.put("pad_v_3", in -> Jnp.pad(in.get("v"), 3));
    c.put("pad_x_per_axis", in -> Jnp.pad(in.get("x"), PER_AXIS));
    c.put("pad_x_1_2_value7", in -> Jnp.pad(in.get("x"), new int[][] {{1, 2}}, 7));
    c.put("pad_e_1", in -> Jnp.pad(in.get("e"), new int[][] {{1, 1}, {0, 0}, {0, 2}}));
    c.put("pad_s_2", in -> Jnp.pad(in.get("s"), 2));
    for (PadMode mode : List.of(PadMode.EDGE, PadMode.REFLECT, PadMode.SYMMETRIC, PadMode.WRAP)) {
      String m = mode.numpyName();
      c.put("pad_v_2_3_" + m, in -> Jnp.pad(in.get("v"), new int[][] {{2, 3}}, mode));
      c.put("pad_v_7_11_" + m, in -> Jnp.pad(in.get("v"), new int[][] {{7, 11}}, mode));
      c.put("pad_m_per_axis_" + m, in -> Jnp.pad(in.get("m"), new int[][] {{1, 2}, {4, 3}}, mode));
      c.put("pad_one_2_" + m,
          in -> Jnp.pad(in.get("one"), new int[][] {{2, 1}, {0, 1}, {3, 2}}, mode));
      c.put("pad_e_0_" + m, in -> Jnp.pad(in.get("e"), new int[][] {{1, 1}, {0, 0}, {1, 0}}, mode));
    }
    return c;
  }

  private static Map<String, NDArray> inputs(DType dtype) {
    Map<String, NDArray> in = new LinkedHashMap<>();
    for (var e : REF.entrySet()) {
      if (e.getKey().startsWith("in|")) {
        in.put(e.getKey().substring(3), ShapingTestSupport.cast(e.getValue(), dtype));
      }
    }
    return in;
  }

  private static List<Array> expected(String name) {
    Array whole = REF.get("out|" + name);
    if (whole != null) {
      return List.of(whole);
    }
    List<Array> parts = new ArrayList<>();
    for (int i = 0; REF.containsKey("out|" + name + "|" + i); i++) {
      parts.add(REF.get("out|" + name + "|" + i));
    }
    assertTrue(!parts.isEmpty(), "no reference for " + name);
    return parts;
  }

  @TestFactory
  Stream<DynamicTest> everyCaseOverEveryDtype() {
    return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      List<Array> want = expected(e.getKey());
      // Joining promotes its operands (JAX's promote_dtypes), which canonicalizes 64-bit types.
      boolean promotes = e.getKey().matches("(concatenate|stack|hstack|vstack).*");
      for (DType d : ShapingTestSupport.ALL_DTYPES) {
        DType wantDtype = promotes ? d.canonical() : d;
        Object got = e.getValue().apply(inputs(d));
        List<?> gotParts = got instanceof List<?> l ? l : List.of(got);
        assertEquals(want.size(), gotParts.size(), e.getKey() + " " + d + ": number of parts");
        for (int i = 0; i < want.size(); i++) {
          ShapingTestSupport.assertSame(ShapingTestSupport.cast(want.get(i), wantDtype),
              (NDArray) gotParts.get(i), e.getKey() + " " + d + " part " + i);
        }
      }
    }));
  }

  @Test
  void everyReferenceCaseHasACall() {
    Map<String, Function<Map<String, NDArray>, Object>> c = cases();
    for (String key : REF.keySet()) {
      if (key.startsWith("out|")) {
        String name = key.substring(4).replaceAll("\\|\\d+$", "");
        assertTrue(c.containsKey(name), "reference case without a call: " + name);
      }
    }
  }
}
