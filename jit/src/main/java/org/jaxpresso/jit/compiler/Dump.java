package org.jaxpresso.jit.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.jaxpresso.core.Flags;

/**
 * Where one compilation writes its debugging files: {@code DIR/NNNN-name/} under the dump
 * directory ({@code -Djaxpresso.dump=DIR}, see {@link Flags#dumpDir()}), numbered in pipeline
 * order: {@code 00-jaxpr.txt}, {@code 01-inline.txt} ... (passes), {@code 10-fused.txt} (the
 * fusion plan), {@code 20-kernels.kir} (the kernel IR), {@code 25-buffers.txt} (the buffer
 * plan); backends add {@code 30-...} and later. A disabled dump writes nothing.
 */
public final class Dump {
  private static final AtomicInteger PROGRAMS = new AtomicInteger();
  private static final Dump NONE = new Dump(null);

  private final Path dir;

  private Dump(Path dir) {
    this.dir = dir;
  }

  /**
   * A dump that writes nothing.
   *
   * @return a dump that writes nothing
   */
  public static Dump none() {
    return NONE;
  }

  /**
   * The dump for a new compilation of a program called {@code name}: a fresh numbered folder
   * under the dump directory, or {@link #none()} when the flag is unset.
   *
   * @param name the function's name, as jaxprs and dumps show it
   * @return the dump for a new compilation of a program called {@code name}
   */
  public static Dump forProgram(String name) {
    String root = Flags.dumpDir();
    if (root == null) {
      return NONE;
    }
    String safe = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    return into(Path.of(root).resolve(String.format("%04d-%s", PROGRAMS.incrementAndGet(), safe)));
  }

  /**
   * A dump that writes straight into {@code dir} (created when first written).
   *
   * @param dir the folder to write into
   * @return a dump that writes straight into {@code dir} (created when first written)
   */
  public static Dump into(Path dir) {
    return new Dump(dir);
  }

  /**
   * Whether files are written.
   *
   * @return whether files are written
   */
  public boolean enabled() {
    return dir != null;
  }

  /**
   * The folder written to, or null when disabled.
   *
   * @return the folder written to, or null when disabled
   */
  public Path dir() {
    return dir;
  }

  /**
   * Writes {@code text} to {@code fileName} in the dump folder (nothing when disabled).
   *
   * @param fileName the file's name in the dump folder
   * @param text the text
   * @throws UncheckedIOException if the file cannot be written
   */
  public void write(String fileName, String text) {
    write(fileName, () -> text);
  }

  /**
   * Writes the text {@code text} supplies (computed only when the dump is enabled).
   *
   * @param fileName the file's name in the dump folder
   * @param supplier supplies the text, only when the dump is enabled
   * @throws UncheckedIOException if the file cannot be written
   */
  public void write(String fileName, java.util.function.Supplier<String> supplier) {
    if (dir == null) {
      return;
    }
    String text = supplier.get();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(fileName), text.endsWith("\n") ? text : text + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write dump file " + dir.resolve(fileName), e);
    }
  }
}
