package org.jaxpresso.runtime.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The float64 kernel sources are derived from the float32 ones by {@code
 * tools/codegen/microkernel_tiles.py}; this test fails when one was edited without rerunning it
 * (the same substitutions, in Java).
 */
class MicroKernelSourcesTest {
  private static final Path DIR = Path.of("src/main/java/org/jaxpresso/runtime/cpu/kernels");

  /** The script's {@code to_double}. */
  static String toDouble(String text) {
    return text.replace("Float", "Double").replace("float", "double")
        .replace("double32", "float64").replaceAll("\\b0f\\b", "0.0").replace("sgemm", "dgemm");
  }

  @Test
  void doubleMicroKernelIsTheFloatOneWithItsTypesSubstituted() throws IOException {
    String f = Files.readString(DIR.resolve("FloatMicroKernel.java"));
    String d = Files.readString(DIR.resolve("DoubleMicroKernel.java"));
    String header = "// Generated from FloatMicroKernel.java by tools/codegen/microkernel_tiles.py:"
        + " edit that file.\n";
    assertTrue(d.startsWith(header), "DoubleMicroKernel.java lacks its generated header");
    assertEquals(toDouble(f), d.substring(header.length()),
        "DoubleMicroKernel.java differs from FloatMicroKernel.java with its types substituted:"
            + " run python3 tools/codegen/microkernel_tiles.py");
  }

  @Test
  void doubleTilesAreTheFloatTilesWithTheirTypesSubstituted() throws IOException {
    String f = Files.readString(DIR.resolve("FloatTiles.java"));
    String d = Files.readString(DIR.resolve("DoubleTiles.java"));
    assertEquals(toDouble(f), d,
        "DoubleTiles.java differs from FloatTiles.java with its types substituted:"
            + " run python3 tools/codegen/microkernel_tiles.py");
  }
}
