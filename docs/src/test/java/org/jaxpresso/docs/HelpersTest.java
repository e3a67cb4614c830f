package org.jaxpresso.docs;

import static org.jaxpresso.numpy.Jnp.arange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jaxpresso.core.errors.JaxIndexError;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour's helpers: the cell printer, the timer, the plot, and the snippet extractor. */
class HelpersTest {
  @TempDir Path dir;

  private static String printed(java.util.function.Consumer<Cells> body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    body.accept(new Cells(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void cellsPrintCodeThenTheValueOrTheJaxError() {
    String out = printed(c -> {
      c.lesson("L");
      c.show("a\nb", () -> arange(3));
      c.show("err", () -> {
        throw new JaxTypeError("bad");
      });
      c.show("idx", () -> {
        throw new JaxIndexError("oob");
      });
      c.show("val", () -> {
        throw new JaxValueError("v");
      });
      c.show("ints", () -> new int[] {1, 2});
      c.note("n");
    });
    assertEquals("\n== L ==\n>>> a\n... b\nArray([0, 1, 2], dtype=int32)\n>>> err\n"
        + "JaxTypeError: bad\n>>> idx\nJaxIndexError: oob\n>>> val\nJaxValueError: v\n"
        + ">>> ints\n[1, 2]\n# n\n", out);
  }

  @Test
  void cellsLetOtherExceptionsThrough() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> printed(c ->
        c.show("bug", () -> {
          throw new IllegalStateException("a bug, not a lesson");
        })));
    assertEquals("a bug, not a lesson", e.getMessage());
  }

  @Test
  void cellsFormatJavaValues() {
    assertEquals("null", Cells.format(null));
    assertEquals("[1.5]", Cells.format(new double[] {1.5}));
    assertEquals("[2.0]", Cells.format(new float[] {2}));
    assertEquals("[[a], b]", Cells.format(new Object[] {new String[] {"a"}, "b"}));
    assertEquals("true", Cells.format(true));
  }

  @Test
  void timingRunsWarmupsThenTheMedianOfTheRuns() {
    AtomicInteger calls = new AtomicInteger();
    double micros = Timing.medianMicros(() -> {
      calls.incrementAndGet();
      return arange(3);
    }, 2, 4);
    assertEquals(6, calls.get());
    assertTrue(micros >= 0);
  }

  @Test
  void timingRejectsBadCounts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Timing.medianMicros(() -> arange(1), 0, 0));
    assertEquals("medianMicros needs runs >= 1 and warmups >= 0, got runs=0, warmups=0",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Timing.medianMicros(() -> arange(1), -1, 1));
    assertEquals("medianMicros needs runs >= 1 and warmups >= 0, got runs=1, warmups=-1",
        e.getMessage());
  }

  @Test
  void timingFormatsLikeTimeit() {
    assertEquals("812 µs", Timing.format(812.3));
    assertEquals("3.10 ms", Timing.format(3100));
    assertEquals("1.50 s", Timing.format(1_500_000));
    assertEquals("1.00 ms", Timing.format(999.9));
    assertEquals("999 µs", Timing.format(999.4));
    assertEquals("1.00 s", Timing.format(999_999));
  }

  @Test
  void plotRejectsSeriesOfDifferentLengths() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SinCosPlot.write(new float[2], new float[3], dir.resolve("p.png")));
    assertEquals("plot needs x and y of the same length, got 2 and 3", e.getMessage());
  }

  @Test
  void plotCreatesMissingDirectories() throws IOException {
    Path png = SinCosPlot.write(new float[] {0, 1}, new float[] {1, 0},
        dir.resolve("a/b/p.png"));
    assertTrue(Files.size(png) > 0);
    assertEquals(dir.resolve("a/b/p.png").toAbsolutePath(), png);
  }

  @Test
  void snippetsAreRunnableBlocksWithOptionalOutputs() throws IOException {
    Path md = dir.resolve("page.md");
    Files.writeString(md, """
        # Page
        ```java
        not runnable();
        ```
        ```java runnable
        import java.time.Duration;
        System.out.println(1);
        ```

        ```output
        1
        ```
        ```java runnable
        int x = 2;
        ```
        """);
    List<Snippets.Snippet> snippets = Snippets.of(md);
    assertEquals(2, snippets.size());
    assertEquals("page.md:6", snippets.get(0).where());
    assertEquals("1", snippets.get(0).expectedOutput());
    assertNull(snippets.get(1).expectedOutput());
    String unit = Snippets.wrap(snippets.get(0), "S", List.of("import static java.lang.Math.*;"));
    assertTrue(unit.contains("import static java.lang.Math.*;\nimport java.time.Duration;\n"));
    assertTrue(unit.contains("public final class S {"));
    assertTrue(unit.contains("System.out.println(1);"));
  }

  @Test
  void anUnclosedFenceIsAnError() throws IOException {
    Path md = dir.resolve("bad.md");
    Files.writeString(md, "```java runnable\nint x;\n");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Snippets.of(md));
    assertTrue(e.getMessage().endsWith("bad.md:1: unclosed code fence"), e.getMessage());
  }
}
