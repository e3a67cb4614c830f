package org.jaxpresso.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModuleCache}: keys, round trips, misses, and the property. */
class ModuleCacheTest {
  @Test
  void keysDependOnTextAndTarget(@TempDir Path dir) {
    String k = ModuleCache.key(".entry a", "sm_90 driver 13000");
    assertTrue(k.matches("[0-9a-f]{64}\\.cubin"), k);
    assertEquals(k, ModuleCache.key(".entry a", "sm_90 driver 13000"));
    assertNotEquals(k, ModuleCache.key(".entry b", "sm_90 driver 13000"));
    assertNotEquals(k, ModuleCache.key(".entry a", "sm_90 driver 12080"));
  }

  @Test
  void storesAndFindsImages(@TempDir Path dir) throws Exception {
    ModuleCache c = new ModuleCache(dir.resolve("cache"));
    assertTrue(c.get("ptx", "t").isEmpty());
    c.put("ptx", "t", new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, c.get("ptx", "t").orElseThrow());
    assertEquals(1, c.hits());
    assertEquals(1, c.misses());
    try (var files = Files.list(dir.resolve("cache"))) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
    c.remove("ptx", "t");
    assertTrue(c.get("ptx", "t").isEmpty());
  }

  @Test
  void anUnwritableFolderIsOnlyAMiss(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("not-a-folder");
    Files.writeString(file, "x");
    ModuleCache c = new ModuleCache(file);
    c.put("ptx", "t", new byte[] {1});
    assertTrue(c.get("ptx", "t").isEmpty());
  }

  @Test
  void thePropertyConfiguresIt(@TempDir Path dir) {
    String old = System.getProperty(ModuleCache.PROPERTY);
    try {
      System.clearProperty(ModuleCache.PROPERTY);
      assertTrue(ModuleCache.configured().isEmpty());
      System.setProperty(ModuleCache.PROPERTY, dir.toString());
      assertTrue(ModuleCache.configured().isPresent());
    } finally {
      if (old == null) {
        System.clearProperty(ModuleCache.PROPERTY);
      } else {
        System.setProperty(ModuleCache.PROPERTY, old);
      }
    }
  }
}
