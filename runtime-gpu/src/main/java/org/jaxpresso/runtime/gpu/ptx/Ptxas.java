package org.jaxpresso.runtime.gpu.ptx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CUDA toolkit's {@code ptxas} on generated PTX: how the build checks GPU code
 * generation on machines without a GPU. Found on the {@code PATH}, under {@code CUDA_HOME/bin},
 * or under {@code jaxpresso.cuda.path/bin}.
 */
public final class Ptxas {
  private Ptxas() {}

  /**
   * The outcome of one assembly.
   *
   * @param ok whether ptxas exited with status 0
   * @param log its standard output and error (errors name the line of the PTX)
   */
  public record Result(boolean ok, String log) {}

  /**
   * The ptxas executable, if one is installed.
   *
   * @return the first executable {@code ptxas} under {@code jaxpresso.cuda.path}, {@code
   *     CUDA_HOME}, {@code PATH} or {@code /usr/local/cuda}; empty when none
   */
  public static Optional<Path> find() {
    List<Path> candidates = new ArrayList<>();
    String prop = System.getProperty("jaxpresso.cuda.path");
    if (prop != null && !prop.isEmpty()) {
      candidates.add(Path.of(prop, "bin", "ptxas"));
    }
    String home = System.getenv("CUDA_HOME");
    if (home != null && !home.isEmpty()) {
      candidates.add(Path.of(home, "bin", "ptxas"));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, "ptxas"));
        }
      }
    }
    candidates.add(Path.of("/usr/local/cuda/bin/ptxas"));
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Assembles {@code ptx} for {@code arch} (e.g. {@code sm_90}) with {@code ptxas}.
   *
   * @param ptx the module text
   * @param arch the target, e.g. {@code sm_90}
   * @return whether it assembled, and ptxas's output
   * @throws IllegalStateException if ptxas is not installed or cannot be run
   */
  public static Result assemble(String ptx, String arch) {
    Path exe = find().orElseThrow(() -> new IllegalStateException(
        "ptxas not found on PATH, CUDA_HOME/bin or jaxpresso.cuda.path/bin"));
    try {
      Path dir = Files.createTempDirectory("jaxpresso-ptxas");
      try {
        Path in = dir.resolve("kernel.ptx");
        Path out = dir.resolve("kernel.cubin");
        Files.writeString(in, ptx, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(exe.toString(), "-arch=" + arch, in.toString(), "-o",
            out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return new Result(false, "ptxas timed out\n" + log);
        }
        return new Result(p.exitValue() == 0, log);
      } finally {
        try (var files = Files.list(dir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + exe + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running ptxas", e);
    }
  }

  /**
   * One module holding the entry points of several kernels (so a test assembles many kernels
   * in one ptxas run); entry names must differ.
   *
   * @param kernels kernels emitted by {@link PtxKernelEmitter}
   * @return one module with every kernel's entry points
   */
  public static String merge(List<PtxKernel> kernels) {
    StringBuilder sb = new StringBuilder(PtxKernelEmitter.header());
    String head = PtxKernelEmitter.header();
    for (PtxKernel k : kernels) {
      sb.append(k.ptx().substring(head.length())).append('\n');
    }
    return sb.toString();
  }
}
