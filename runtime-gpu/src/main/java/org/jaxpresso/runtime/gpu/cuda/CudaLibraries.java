package org.jaxpresso.runtime.gpu.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the CUDA shared libraries: first through the dynamic loader (so {@code
 * LD_LIBRARY_PATH} and the system's driver install work unchanged), then under the folder named
 * by the {@code jaxpresso.cuda.path} system property, then under {@code CUDA_HOME}, then the
 * usual install folders. Nothing is loaded until a backend asks, and a missing library is an
 * empty result, never an error, so machines without CUDA are unaffected.
 */
public final class CudaLibraries {
  private CudaLibraries() {}

  /**
   * The folders searched after the loader, in order.
   *
   * @return {@code jaxpresso.cuda.path}, {@code CUDA_HOME} and the usual install folders
   */
  public static List<Path> searchFolders() {
    List<Path> dirs = new ArrayList<>();
    String prop = System.getProperty("jaxpresso.cuda.path");
    if (prop != null && !prop.isEmpty()) {
      Path p = Path.of(prop);
      dirs.add(p);
      dirs.add(p.resolve("lib64"));
      dirs.add(p.resolve("lib"));
    }
    String home = System.getenv("CUDA_HOME");
    if (home != null && !home.isEmpty()) {
      dirs.add(Path.of(home, "lib64"));
      dirs.add(Path.of(home, "lib"));
    }
    dirs.add(Path.of("/usr/local/cuda/lib64"));
    dirs.add(Path.of("/usr/local/nvidia/lib64"));
    dirs.add(Path.of("/usr/lib/x86_64-linux-gnu"));
    dirs.add(Path.of("/usr/lib64"));
    dirs.add(Path.of("/usr/lib/wsl/lib"));
    return dirs;
  }

  /**
   * Whether a library called {@code name} can exist here: a file of that name in {@code
   * LD_LIBRARY_PATH} or a search folder, or an entry in the loader's cache ({@code
   * /etc/ld.so.cache}). Checked before any native lookup so that machines without CUDA never
   * call a restricted FFM method (which makes the JDK print a warning).
   *
   * @param name a library file name, e.g. {@code libcuda.so.1}
   * @return {@code false} only when the library is certainly absent
   */
  public static boolean probablyPresent(String name) {
    List<Path> dirs = new ArrayList<>(searchFolders());
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String d : ld.split(":")) {
        if (!d.isEmpty()) {
          dirs.add(Path.of(d));
        }
      }
    }
    for (Path d : dirs) {
      if (Files.exists(d.resolve(name))) {
        return true;
      }
    }
    try {
      byte[] cache = Files.readAllBytes(Path.of("/etc/ld.so.cache"));
      return new String(cache, java.nio.charset.StandardCharsets.ISO_8859_1).contains(name);
    } catch (java.io.IOException | SecurityException e) {
      return false;
    }
  }

  /**
   * The first of {@code names} (e.g. {@code libcuda.so.1}) that loads, by the loader or from a
   * search folder; the library stays loaded for the life of the process. Names that {@link
   * #probablyPresent} rules out are not tried.
   *
   * @param names the library file names to try, in order of preference
   * @return the loaded library, or empty when none loads
   */
  public static Optional<SymbolLookup> find(String... names) {
    List<String> candidates = new ArrayList<>();
    for (String name : names) {
      if (probablyPresent(name)) {
        candidates.add(name);
      }
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    names = candidates.toArray(String[]::new);
    for (String name : names) {
      try {
        return Optional.of(SymbolLookup.libraryLookup(name, Arena.global()));
      } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
        // Not known to the loader: try the folders below.
      }
    }
    for (Path dir : searchFolders()) {
      for (String name : names) {
        Path p = dir.resolve(name);
        if (Files.isRegularFile(p)) {
          try {
            return Optional.of(SymbolLookup.libraryLookup(p, Arena.global()));
          } catch (IllegalArgumentException | UnsatisfiedLinkError e) {
            // Present but not loadable (wrong architecture): keep looking.
          }
        }
      }
    }
    return Optional.empty();
  }
}
