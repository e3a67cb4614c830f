package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * conv_general_dilated: the API.md example, params printed exactly as JAX's jaxprs, padding
 * resolution, dimension-number parsing and every error path.
 */
class ConvGeneralDilatedTest {
  private static Array zeros(DType d, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return Array.fromDoubles(d, new double[n], shape);
  }

  private static void type(String msg, Executable e) {
    assertEquals(msg, assertThrows(JaxTypeError.class, e).getMessage());
  }

  private static void value(String msg, Executable e) {
    assertEquals(msg, assertThrows(JaxValueError.class, e).getMessage());
  }

  @Test
  void apiSectionTwoExample() {
    Array x = Array.of(new int[] {1, 2, 1}, 1, 1, 3);
    Array xf = Array.fromDoubles(DType.FLOAT32, x.toDoubleArray(), 1, 1, 3);
    Array y = Array.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 10);
    NDArray r = Lax.convGeneralDilated(xf, y, new int[] {1}, Lax.padding(new int[][] {{9, 9}}));
    assertEquals("float32[1,1,12]", r.aval().str());
    Map<?, ?> seed = (Map<?, ?>) Reference.section("reprs").get("conv_general_seed");
    String str = (String) ((List<?>) seed.get("ok")).get(1);  // "[1. 3. 4. ... 3. 1.]"
    float[] expected = new float[12];
    String[] parts = str.substring(1, str.length() - 1).trim().split("\\s+");
    for (int i = 0; i < parts.length; i++) {
      expected[i] = Float.parseFloat(parts[i]);
    }
    assertEquals(12, parts.length);
    assertArrayEquals(expected, ((Array) r).toFloatArray());
    // without the explicit promotion, lax refuses mixed dtypes
    assertEquals("lax.conv_general_dilated requires arguments to have the same dtypes, got"
        + " int32, float32.", assertThrows(JaxTypeError.class,
            () -> Lax.convGeneralDilated(x, y, new int[] {1}, Lax.padding(new int[][] {{9, 9}})))
        .getMessage());
  }

  private static List<String> paramLines(String jaxpr) {
    int start = jaxpr.indexOf("conv_general_dilated[\n") + "conv_general_dilated[\n".length();
    int end = jaxpr.indexOf("]", jaxpr.indexOf("window_strides=", start));
    return java.util.Arrays.stream(jaxpr.substring(start, end).split("\n"))
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> printed(Runnable r) {
    List<org.jaxpresso.core.Params> ps = ReductionTraceRecorder.recordParams(() -> {
      r.run();
      return null;
    });
    assertEquals(1, ps.size());
    return ps.get(0).asMap().entrySet().stream()
        .map(e -> e.getKey() + "=" + org.jaxpresso.core.internal.PyFormat.str(e.getValue()))
        .toList();
  }

  @Test
  void conv2dParamsPrintLikeJax() {
    String ref = (String) ((Map<?, ?>) Reference.section("jaxprs").get("conv2d")).get("ok");
    List<String> got = printed(() -> Lax.convGeneralDilated(zeros(DType.FLOAT32, 1, 2, 5, 5),
        zeros(DType.FLOAT32, 3, 2, 3, 3), new int[] {1, 1}, Lax.SAME));
    assertEquals(paramLines(ref), got);
    assertEquals(10, got.size());
  }

  @Test
  void convolveParamsPrintLikeJax() {
    String ref = (String) ((Map<?, ?>) Reference.section("jaxprs").get("convolve")).get("ok");
    List<String> got = printed(() -> Lax.convGeneralDilated(zeros(DType.FLOAT32, 1, 1, 10),
        zeros(DType.FLOAT32, 1, 1, 3), new int[] {1}, Lax.padding(new int[][] {{2, 2}})));
    assertEquals(paramLines(ref), got);
  }

  @Test
  void probeConvolutionsPrintLikeJax() {
    // jax-0.11.2-probe.txt, "conv NCHW SAME stride2", "conv NHWC VALID dilated", "conv grouped"
    List<String> a = printed(() -> Lax.convGeneralDilated(zeros(DType.FLOAT32, 1, 3, 8, 8),
        zeros(DType.FLOAT32, 4, 3, 3, 3), new int[] {2, 2}, Lax.SAME));
    assertTrue(a.contains("padding=((0, 1), (0, 1))"), a.toString());
    assertTrue(a.contains("window_strides=(2, 2)"), a.toString());
    List<String> b = printed(() -> Lax.convGeneralDilated(zeros(DType.FLOAT32, 1, 8, 8, 3),
        zeros(DType.FLOAT32, 3, 3, 3, 4), new int[] {1, 1}, Lax.VALID,
        ConvOptions.defaults().rhsDilation(2, 2).dimensionNumbers("NHWC", "HWIO", "NHWC")));
    assertEquals(List.of("batch_group_count=1",
        "dimension_numbers=ConvDimensionNumbers(lhs_spec=(0, 3, 1, 2), rhs_spec=(3, 2, 0, 1),"
            + " out_spec=(0, 3, 1, 2))",
        "feature_group_count=1", "lhs_dilation=(1, 1)", "out_sharding=None",
        "padding=((0, 0), (0, 0))", "precision=None", "preferred_element_type=None",
        "rhs_dilation=(2, 2)", "window_strides=(1, 1)"), b);
    List<String> c = printed(() -> Lax.convGeneralDilated(zeros(DType.FLOAT32, 1, 4, 5),
        zeros(DType.FLOAT32, 6, 2, 3), new int[] {1}, Lax.padding(new int[][] {{1, 1}}),
        ConvOptions.defaults().featureGroupCount(2).precision(Precision.HIGH)
            .preferredElementType(DType.FLOAT32)));
    assertEquals(List.of("batch_group_count=1",
        "dimension_numbers=ConvDimensionNumbers(lhs_spec=(0, 1, 2), rhs_spec=(0, 1, 2),"
            + " out_spec=(0, 1, 2))",
        "feature_group_count=2", "lhs_dilation=(1,)", "out_sharding=None", "padding=((1, 1),)",
        "precision=(Precision.HIGH, Precision.HIGH)", "preferred_element_type=float32",
        "rhs_dilation=(1,)", "window_strides=(1,)"), c);
  }

  @Test
  void paddingModes() {
    int[] in = {8, 8};
    assertArrayEquals(new int[][] {{0, 1}, {0, 1}},
        Lax.SAME.resolve(in, new int[] {3, 3}, new int[] {2, 2}));
    assertArrayEquals(new int[][] {{1, 0}, {1, 0}},
        Lax.SAME_LOWER.resolve(in, new int[] {3, 3}, new int[] {2, 2}));
    assertArrayEquals(new int[][] {{0, 0}, {0, 0}},
        Lax.VALID.resolve(in, new int[] {3, 3}, new int[] {2, 2}));
    assertArrayEquals(new int[][] {{0, 0}}, Lax.SAME.resolve(new int[] {2}, new int[] {1},
        new int[] {5}));
    assertEquals("SAME", Lax.SAME.toString());
    assertEquals("((9, 9),)", Lax.padding(new int[][] {{9, 9}}).toString());
    assertEquals(Lax.padding(new int[][] {{1, 2}}), Lax.padding(new int[][] {{1, 2}}));
    value("padding argument to conv_general_dilated should be a string or a sequence of (low,"
        + " high) pairs, got ((1, 2, 3),)", () -> Lax.padding(new int[][] {{1, 2, 3}}));
  }

  @Test
  void dimensionNumbersFromStrings() {
    assertEquals("ConvDimensionNumbers(lhs_spec=(0, 3, 1, 2), rhs_spec=(3, 2, 0, 1),"
        + " out_spec=(0, 3, 1, 2))", ConvDimensionNumbers.of("NHWC", "HWIO", "NHWC").toString());
    assertEquals(ConvDimensionNumbers.defaults(4), ConvDimensionNumbers.of("NCHW", "OIHW",
        "NCHW"));
    type("convolution dimension_numbers[1] must contain the characters 'O' and 'I' exactly once,"
        + " got HWIW.", () -> ConvDimensionNumbers.of("NHWC", "HWIW", "NHWC"));
    type("convolution dimension_numbers[0] cannot have duplicate characters, got NCHH.",
        () -> ConvDimensionNumbers.of("NCHH", "OIHW", "NCHW"));
    type("convolution dimension_numbers elements must each have the same set of spatial"
        + " characters, got ('NCHW', 'OIHX', 'NCHW').",
        () -> ConvDimensionNumbers.of("NCHW", "OIHX", "NCHW"));
    Array x = zeros(DType.FLOAT32, 1, 1, 4, 4);
    type("convolution dimension_numbers[2] must have len equal to the ndim of lhs and rhs, got 3"
        + " for lhs and rhs ranks 4 and 4.", () -> Lax.convGeneralDilated(x, x,
            new int[] {1, 1}, Lax.VALID,
            ConvOptions.defaults().dimensionNumbers("NCHW", "OIHW", "NCH")));
    type("convolution requires lhs and rhs ndim to be equal, got 4 and 3.",
        () -> Lax.convGeneralDilated(x, zeros(DType.FLOAT32, 1, 1, 4), new int[] {1, 1},
            Lax.VALID));
  }

  @Test
  void shapeRuleErrors() {
    Array x = zeros(DType.FLOAT32, 2, 4, 5);
    Array w = zeros(DType.FLOAT32, 6, 2, 3);
    int[] s = {1};
    Padding p = Lax.VALID;
    value("conv_general_dilated feature_group_count must be a positive integer, got 0.",
        () -> Lax.convGeneralDilated(x, w, s, p, ConvOptions.defaults().featureGroupCount(0)));
    value("conv_general_dilated feature_group_count must divide lhs feature dimension size, but"
        + " 3 does not divide 4.",
        () -> Lax.convGeneralDilated(x, w, s, p, ConvOptions.defaults().featureGroupCount(3)));
    value("conv_general_dilated lhs feature dimension size divided by feature_group_count must"
        + " equal the rhs input feature dimension size, but 4 // 1 != 2.",
        () -> Lax.convGeneralDilated(x, w, s, p));
    value("conv_general_dilated rhs output feature dimension size must be a multiple of"
        + " feature_group_count, but 6 is not a multiple of 4.",
        () -> Lax.convGeneralDilated(x, zeros(DType.FLOAT32, 6, 1, 3), s, p,
            ConvOptions.defaults().featureGroupCount(4)));
    Array x2 = zeros(DType.FLOAT32, 3, 2, 5);
    value("conv_general_dilated batch_group_count must be a positive integer, got -1.",
        () -> Lax.convGeneralDilated(x2, w, s, p, ConvOptions.defaults().batchGroupCount(-1)));
    value("conv_general_dilated batch_group_count must divide lhs batch dimension size, but 2"
        + " does not divide 3.",
        () -> Lax.convGeneralDilated(x2, w, s, p, ConvOptions.defaults().batchGroupCount(2)));
    value("conv_general_dilated rhs output feature dimension size must be a multiple of"
        + " batch_group_count, but 6 is not a multiple of 4.",
        () -> Lax.convGeneralDilated(zeros(DType.FLOAT32, 4, 2, 5), w, s, p,
            ConvOptions.defaults().batchGroupCount(4)));
    value("At most one of batch_group_count and feature_group_count may be > 1, got"
        + " batch_group_count=2 and feature_group_count=2",
        () -> Lax.convGeneralDilated(zeros(DType.FLOAT32, 2, 4, 5), w, s, p,
            ConvOptions.defaults().batchGroupCount(2).featureGroupCount(2)));
    value("conv_general_dilated window and window_strides must have the same number of"
        + " dimensions, but got 1 and 2",
        () -> Lax.convGeneralDilated(x2, w, new int[] {1, 1}, Lax.padding(new int[][] {{0, 0}})));
    type("conv_general_dilated window_strides must have every element be strictly positive, got"
        + " (0,).", () -> Lax.convGeneralDilated(x2, w, new int[] {0}, p));
    type("All dilations must be positive, got (0,).", () -> Lax.convGeneralDilated(x2, w, s, p,
        ConvOptions.defaults().rhsDilation(0)));
    value("conv_general_dilated lhs_dilation must have one entry per spatial dimension (1), got"
        + " (1, 1).", () -> Lax.convGeneralDilated(x2, w, s, Lax.padding(new int[][] {{0, 0}}),
            ConvOptions.defaults().lhsDilation(1, 1)));
    type("Wrong number of explicit pads for convolution: expected 1, got 2.",
        () -> Lax.convGeneralDilated(x2, w, s, Lax.padding(new int[][] {{0, 0}, {0, 0}})));
    value("Negative padding is larger than the size of the corresponding dimension: got"
        + " padding=((-3, -3),) for lhs_shape[2:]=(5,)",
        () -> Lax.convGeneralDilated(x2, w, s, Lax.padding(new int[][] {{-3, -3}})));
    value("String padding is not implemented for transposed convolution using this op. Please"
        + " either exactly specify the required padding or use conv_transpose.",
        () -> Lax.convGeneralDilated(x2, w, s, Lax.SAME, ConvOptions.defaults().lhsDilation(2)));
    value("conv_general_dilated lhs and rhs must have the same number of dimensions, but got"
        + " (3, 2, 5) and (6, 2, 3, 1).", () -> Lax.convGeneralDilated(x2,
            zeros(DType.FLOAT32, 6, 2, 3, 1), s, p,
            ConvOptions.defaults().dimensionNumbers(ConvDimensionNumbers.defaults(3))));
  }

  @Test
  void operandsNeedBatchAndFeatureDimensions() {
    Array v = zeros(DType.FLOAT32, 3);
    type("conv_general_dilated requires operands of rank n+2 (batch, feature, then n spatial"
        + " dimensions), got shapes (3,) and (3,)",
        () -> Lax.convGeneralDilated(v, v, new int[0], Lax.VALID));
  }

  @Test
  void preferredElementTypeValidation() {
    Array i8 = zeros(DType.INT8, 1, 1, 3);
    Array f32 = zeros(DType.FLOAT32, 1, 1, 3);
    int[] s = {1};
    type("Input type is incompatible with `preferred_element_type`. The compatible combinations"
        + " of (input_type, preferred_element_type) are (integral, integral), (integral,"
        + " floating), (floating, floating), (complex, complex.",
        () -> Lax.convGeneralDilated(f32, f32, s, Lax.VALID,
            ConvOptions.defaults().preferredElementType(DType.INT32)));
    type("`preferred_element_type` must have the same signedness as the original type.",
        () -> Lax.convGeneralDilated(i8, i8, s, Lax.VALID,
            ConvOptions.defaults().preferredElementType(DType.UINT32)));
    type("`preferred_element_type` must not be narrower than the original type.",
        () -> Lax.convGeneralDilated(f32, f32, s, Lax.VALID,
            ConvOptions.defaults().preferredElementType(DType.FLOAT16)));
    assertEquals(DType.FLOAT16, Lax.convGeneralDilated(i8, i8, s, Lax.VALID,
        ConvOptions.defaults().preferredElementType(DType.FLOAT16)).dtype());
  }
}
