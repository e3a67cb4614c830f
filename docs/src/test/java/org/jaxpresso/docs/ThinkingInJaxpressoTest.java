package org.jaxpresso.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the tour in-process and checks it cell by cell: against the golden transcript
 * {@code tour-expected.txt} (timings and the PNG's path excepted), and, where real JAX 0.11.2
 * printed the same cell, against JAX's own output from the reference file.
 */
class ThinkingInJaxpressoTest {
  private static final Pattern TIMING =
      Pattern.compile("^# (eager: |jitted:) +([0-9.]+) (µs|ms|s)$", Pattern.MULTILINE);
  private static final Pattern RATIO =
      Pattern.compile("^# eager / jitted = ([0-9.]+)x$", Pattern.MULTILINE);
  private static final Pattern PNG =
      Pattern.compile("^# plot of y over x written to (.+)$", Pattern.MULTILINE);

  @TempDir static Path dir;
  private static TourOutput tour;

  @BeforeAll
  static void runTour() throws IOException {
    tour = TourOutput.run(dir);
  }

  /** The output with timings and the PNG's path replaced by placeholders. */
  private static String normalized(String text) {
    String t = TIMING.matcher(text).replaceAll(m -> "# " + m.group(1) + " <time>");
    t = RATIO.matcher(t).replaceAll("# eager / jitted = <ratio>");
    return PNG.matcher(t).replaceAll("# plot of y over x written to <path>");
  }

  @Test
  void everyCellPrintsWhatTheTranscriptSays() {
    TourOutput expected = TourOutput.parse(Reference.resource("/tour-expected.txt"));
    TourOutput actual = TourOutput.parse(normalized(tour.text()));
    List<String> codes = new ArrayList<>();
    expected.cells().forEach(c -> codes.add(c.code()));
    List<String> actualCodes = new ArrayList<>();
    actual.cells().forEach(c -> actualCodes.add(c.code()));
    assertEquals(codes, actualCodes, "the tour's cells, in order");
    for (int i = 0; i < expected.cells().size(); i++) {
      assertEquals(expected.cells().get(i).output(), actual.cells().get(i).output(),
          "output of cell " + i + ": " + expected.cells().get(i).code());
    }
  }

  @Test
  void timingsAreReportedWithTheirRatio() {
    Matcher m = TIMING.matcher(tour.text());
    List<Double> micros = new ArrayList<>();
    while (m.find()) {
      double scale = switch (m.group(3)) {
        case "s" -> 1e6;
        case "ms" -> 1e3;
        default -> 1;
      };
      micros.add(Double.parseDouble(m.group(2)) * scale);
    }
    assertEquals(2, micros.size(), "an eager and a jitted timing");
    Matcher r = RATIO.matcher(tour.text());
    assertTrue(r.find(), "the ratio is printed");
    double ratio = Double.parseDouble(r.group(1));
    // the printed numbers are rounded to 3 significant digits
    assertEquals(micros.get(0) / micros.get(1), ratio, 0.02 * ratio + 0.01);
  }

  @Test
  void thePlotIsAPngOfTheAnnouncedSize() throws IOException {
    Matcher m = PNG.matcher(tour.text());
    assertTrue(m.find(), "the tour says where the plot is");
    Path png = Path.of(m.group(1));
    assertTrue(png.isAbsolute(), "an absolute path: " + png);
    assertEquals(dir.resolve("sin-cos.png").toAbsolutePath(), png);
    byte[] head = Files.readAllBytes(png);
    assertEquals((byte) 0x89, head[0]);
    assertEquals("PNG", new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "a readable image");
    assertEquals(SinCosPlot.WIDTH, image.getWidth());
    assertEquals(SinCosPlot.HEIGHT, image.getHeight());
  }

  @Test
  void theTracedFunctionPrintsOnceThenHitsTheCache() {
    int first = tour.lesson("4. Tracing");
    TourOutput.Cell traced = tour.find("f.apply(x, y)", first);
    assertEquals(List.of("Running f():", "  x = JitTracer(float32[3,4])",
        "  y = JitTracer(float32[4])", "  result = JitTracer(float32[3])"),
        traced.output().lines().limit(4).toList());
    assertTrue(traced.output().lines().skip(4).findFirst().orElseThrow()
        .startsWith("Array(["), "then the float32[3] result");
    assertEquals(1, tour.text().lines().filter("Running f():"::equals).count(), "traced once");
    TourOutput.Cell cached = tour.find("f.apply(x2, y2)", first);
    assertTrue(cached.output().startsWith("Array(["), "no prints on the second call");
  }

  // ---- cells that real JAX 0.11.2 printed the same way (the reference file) ----

  @SuppressWarnings("unchecked")
  private static String repr(String name, int field) {
    Map<String, Object> entry = (Map<String, Object>) Reference.section("reprs").get(name);
    return (String) ((List<Object>) entry.get("ok")).get(field);
  }

  @SuppressWarnings("unchecked")
  private static String jaxpr(String name) {
    return (String) ((Map<String, Object>) Reference.section("jaxprs").get(name)).get("ok");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(String name) {
    return (Map<String, Object>) Reference.section("errors").get(name);
  }

  @Test
  void sectionOneMatchesJax() {
    int at = tour.lesson("1. jaxpresso vs NumPy");
    assertEquals(repr("linspace_0_10_1000", 0), tour.find("x", at).output());
    assertEquals("float32", tour.find("x.dtype()", at).output());
    assertEquals("true", tour.find("allclose(y,", at).output());
    int imm = tour.lesson("Immutability");
    assertEquals(repr("arange10", 1), tour.find("System.out.println(x);", imm).output());
    assertEquals(repr("arange10_at0_set10", 1), tour.find("System.out.println(y);", imm).output());
    assertEquals(repr("arange10", 1),
        tour.find("System.out.println(x);   // unchanged", imm).output());
    assertEquals(repr("arange10", 0), tour.find("x.repr()", imm).output());
    assertTrue(tour.text().lines().anyMatch(
        ("# TypeError: " + error("immutable_setitem").get("message"))::equals),
        "JAX's own message for x[0] = 10");
  }

  @Test
  void sectionTwoMatchesJax() {
    int at = tour.lesson("2. NumPy, lax");
    assertEquals(repr("add_1_1.0", 0), tour.find("add(1, 1.0)", at).output());
    assertEquals("JaxTypeError: " + error("lax_add_int_float").get("message"),
        tour.find("Lax.add(1, 1.0)", at).output());
    assertEquals(repr("lax_add_f32_1_1.0", 0), tour.find("Lax.add(float32(1), 1.0)", at).output());
    int conv = tour.lesson("Convolutions");
    assertEquals(repr("convolve_seed", 0), tour.find("convolve(x, y)", conv).output());
    assertEquals(repr("conv_general_seed", 0), tour.find("result.get(0, 0)", conv).output());
  }

  @Test
  void sectionThreeMatchesJax() {
    int at = tour.lesson("3. To JIT");
    assertEquals("true", tour.find("allclose(norm.apply(X)", at).output());
    assertEquals("NonConcreteBooleanIndexError: " + error("jit_boolean_mask").get("message"),
        tour.find("jit(getNegatives).apply(x)", at).output());
  }

  @Test
  void sectionsFourAndFiveMatchJax() {
    int at = tour.lesson("4. Tracing");
    assertEquals(jaxpr("seed_dot"), tour.find("Jax.makeJaxpr(", at).output());
    int st = tour.lesson("4. Static arguments");
    String jaxBool = (String) error("jit_bool_conversion").get("message");
    String traced = tour.find("f.apply(array(1), true)", st).output();
    assertEquals("TracerBoolConversionError: " + jaxBool.lines().findFirst().orElseThrow(),
        traced.lines().findFirst().orElseThrow());
    assertEquals(jaxBool.lines().reduce((a, b) -> b).orElseThrow(),
        traced.lines().reduce((a, b) -> b).orElseThrow(), "JAX's pointer to the docs");
    assertTrue(traced.contains("Jax.staticArgnums(1)"), traced);
    assertEquals(error("static_argnums_true").get("ok"),
        tour.find("g.apply(array(1), true)", st).output());
    assertEquals(error("static_argnums_false").get("ok"),
        tour.find("g.apply(array(1), false)", st).output());
    assertTrue(tour.find("jit((NDArray x, NDArray neg)", st).output()
        .startsWith("TracerBoolConversionError: " + jaxBool.lines().findFirst().orElseThrow()));
    int five = tour.lesson("5. Static vs traced");
    List<String> jaxReshape = ((String) error("traced_reshape").get("message")).lines().toList();
    List<String> reshape = tour.find("f.apply(ones(2, 3))", five).output().lines().toList();
    assertEquals("JaxTypeError: " + jaxReshape.get(0), reshape.get(0));
    assertEquals(jaxReshape.get(1), reshape.get(1));
    assertEquals("Array([1., 1., 1., 1., 1., 1.], dtype=float32)",
        tour.find("g.apply(ones(2, 3))", five).output());
  }

  @Test
  void controlFlowJaxprsMatchJax() {
    int at = tour.lesson("control flow under jit");
    assertEquals(jaxpr("cond"), tour.find("Jax.makeJaxpr(cond)", at).output());
    assertEquals(jaxpr("while"), tour.find("Jax.makeJaxpr(loop)", at).output());
    assertEquals(jaxpr("fori"), tour.find("Jax.makeJaxpr(fori)", at).output());
    assertEquals(jaxpr("scan"), tour.find("Jax.makeJaxpr(scan)", at).output());
  }
}
