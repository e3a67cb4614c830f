package org.jaxpresso.runtime.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Library search without loading anything: folders in order, absent names found absent. */
public class CudaLibrariesTest {
  @Test
  void propertyFolderComesFirst() {
    String old = System.getProperty("jaxpresso.cuda.path");
    try {
      System.setProperty("jaxpresso.cuda.path", "/opt/my-cuda");
      assertEquals(Path.of("/opt/my-cuda"), CudaLibraries.searchFolders().get(0));
      assertEquals(Path.of("/opt/my-cuda/lib64"), CudaLibraries.searchFolders().get(1));
      assertTrue(CudaLibraries.searchFolders().contains(Path.of("/usr/local/cuda/lib64")));
    } finally {
      if (old == null) {
        System.clearProperty("jaxpresso.cuda.path");
      } else {
        System.setProperty("jaxpresso.cuda.path", old);
      }
    }
  }

  @Test
  void anAbsentLibraryIsNotLookedUp() {
    String name = "libjaxpresso-no-such-library.so.7";
    assertFalse(CudaLibraries.probablyPresent(name));
    assertTrue(CudaLibraries.find(name).isEmpty());
  }

  @Test
  void theDriverLoadsOnlyWhereItExists() {
    boolean present = CudaLibraries.probablyPresent("libcuda.so.1")
        || CudaLibraries.probablyPresent("libcuda.so");
    if (!present) {
      assertTrue(CudaDriver.load().isEmpty());
      assertTrue(Cublas.load().isEmpty() || CudaLibraries.probablyPresent("libcublas.so.13")
          || CudaLibraries.probablyPresent("libcublas.so.12")
          || CudaLibraries.probablyPresent("libcublas.so"));
    }
  }
}
