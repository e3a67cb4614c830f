package org.jaxpresso.runtime.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The optional on-disk cache of compiled kernel modules, so a new process does not pay the
 * driver's JIT again: set {@code -Djaxpresso.gpu.cache=DIR}. Each entry is a cubin image named
 * by the SHA-256 of the PTX text and the target (compute capability and driver version, which
 * both change the machine code), written atomically (a temporary file moved in place), so
 * processes can share the folder. A missing, unreadable or unwritable entry is a miss, never an
 * error: the cache only saves time. (The driver keeps a JIT cache of its own too, in {@code
 * ~/.nv/ComputeCache}, which this one does not depend on.)
 */
public final class ModuleCache {
  /** The system property naming the folder. */
  public static final String PROPERTY = "jaxpresso.gpu.cache";
  private static final Logger LOG = Logger.getLogger(ModuleCache.class.getName());

  private final Path dir;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /**
   * A cache in {@code dir} (created when the first entry is written).
   *
   * @param dir the folder
   */
  public ModuleCache(Path dir) {
    this.dir = dir;
  }

  /**
   * The cache the {@value #PROPERTY} property names, if it is set.
   *
   * @return the configured cache, or empty
   */
  public static Optional<ModuleCache> configured() {
    String p = System.getProperty(PROPERTY);
    return p == null || p.isBlank() ? Optional.empty() : Optional.of(new ModuleCache(
        Path.of(p)));
  }

  /**
   * The entry's file name: SHA-256 of the target and the PTX, in hex, then {@code .cubin}.
   *
   * @param ptx the module's PTX text
   * @param target what the image is compiled for, e.g. {@code sm_90 driver 13000}
   * @return the file name
   */
  public static String key(String ptx, String target) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(target.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(ptx.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()) + ".cubin";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /**
   * The cached image of a module, if there is one.
   *
   * @param ptx the module's PTX text
   * @param target what the image is compiled for
   * @return its bytes, or empty on a miss
   */
  public Optional<byte[]> get(String ptx, String target) {
    Path f = dir.resolve(key(ptx, target));
    try {
      byte[] b = Files.readAllBytes(f);
      hits.incrementAndGet();
      return Optional.of(b);
    } catch (IOException e) {
      misses.incrementAndGet();
      return Optional.empty();
    }
  }

  /**
   * Stores a module's image (a failure to write is logged and ignored).
   *
   * @param ptx the module's PTX text
   * @param target what the image is compiled for
   * @param image the compiled image
   */
  public void put(String ptx, String target, byte[] image) {
    Path f = dir.resolve(key(ptx, target));
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "module", ".tmp");
      Files.write(tmp, image);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warning("jaxpresso cuda: cannot write the module cache entry " + f + ": " + e);
    }
  }

  /**
   * Drops an entry (e.g. one the driver refused to load).
   *
   * @param ptx the module's PTX text
   * @param target what the image is compiled for
   */
  public void remove(String ptx, String target) {
    try {
      Files.deleteIfExists(dir.resolve(key(ptx, target)));
    } catch (IOException e) {
      LOG.warning("jaxpresso cuda: cannot remove a module cache entry: " + e);
    }
  }

  /**
   * Lookups that found an entry.
   *
   * @return the hit count
   */
  public long hits() {
    return hits.get();
  }

  /**
   * Lookups that found none.
   *
   * @return the miss count
   */
  public long misses() {
    return misses.get();
  }
}
