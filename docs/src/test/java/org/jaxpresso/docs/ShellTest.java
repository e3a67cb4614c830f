package org.jaxpresso.docs;

import static org.jaxpresso.numpy.Jnp.linspace;
import static org.jaxpresso.numpy.Jnp.sin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drives {@code ./jaxpresso-shell} non-interactively: the tutorial's lines piped into JShell,
 * with this build's class path (the launcher is told not to build, since the build is running).
 */
class ShellTest {
  private static final Path ROOT =
      Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();

  @Test
  void evaluatesTheTutorialInJShell() throws IOException, InterruptedException {
    Path script = ROOT.resolve("jaxpresso-shell");
    assertTrue(Files.isExecutable(script), script + " is executable");
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "-q")
        .directory(ROOT.toFile())
        .redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("JAXPRESSO_SHELL_NO_BUILD", "1");
    Process shell = pb.start();
    try (OutputStream in = shell.getOutputStream()) {
      in.write("""
          sin(linspace(0, 1, 5))
          jit((NDArray x) -> x.mul(2)).apply(arange(3)).repr()
          Lax.add(float32(1), 1.0).repr()
          DType.FLOAT32
          /exit
          """.getBytes(StandardCharsets.UTF_8));
    }
    String out;
    try {
      assertTrue(shell.waitFor(180, TimeUnit.SECONDS), "jshell exits after /exit");
    } finally {
      out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      shell.destroyForcibly();
    }
    assertEquals(0, shell.exitValue(), out);
    assertTrue(out.contains("$1 ==> " + sin(linspace(0, 1, 5))), out);
    assertTrue(out.contains("$2 ==> \"Array([0, 2, 4], dtype=int32)\""), out);
    assertTrue(out.contains("$3 ==> \"Array(2., dtype=float32)\""), out);
    assertTrue(out.contains("$4 ==> float32"), out);
    assertTrue(!out.contains("Error:") && !out.contains("Exception"), out);
  }
}
