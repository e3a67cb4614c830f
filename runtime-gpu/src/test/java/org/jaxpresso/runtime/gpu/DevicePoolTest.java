package org.jaxpresso.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.runtime.gpu.ptx.SimulatedDeviceApi;
import org.junit.jupiter.api.Test;

/** {@link DevicePool} on a simulated device: size classes, reuse, trimming, out of memory. */
class DevicePoolTest {
  @Test
  void sizeClassesWasteAtMostAQuarter() {
    assertEquals(256, DevicePool.sizeClass(0));
    assertEquals(256, DevicePool.sizeClass(1));
    assertEquals(256, DevicePool.sizeClass(256));
    assertEquals(320, DevicePool.sizeClass(257));
    assertEquals(512, DevicePool.sizeClass(449));
    assertEquals(1280, DevicePool.sizeClass(1025));
    assertEquals(402_653_184L, DevicePool.sizeClass(400_000_000L));
    for (long b = 1; b < 1 << 22; b = b * 3 + 1) {
      long c = DevicePool.sizeClass(b);
      assertTrue(c >= b && (b <= 256 || c <= b * 1.25 + 1), b + " -> " + c);
      assertEquals(c, DevicePool.sizeClass(c), "a class is its own class");
    }
  }

  @Test
  void releasedBlocksAreReusedWithoutTheDriver() {
    SimulatedDeviceApi api = new SimulatedDeviceApi(1 << 20);
    DevicePool pool = new DevicePool(api, "CudaDevice(id=0)");
    long a = pool.allocate(1000);
    pool.release(a, 1000);
    long b = pool.allocate(900);
    assertEquals(a, b, "same class (1024): the cached block");
    long c = pool.allocate(3000);
    assertNotEquals(a, c);
    assertEquals(2, api.allocations());
    DevicePool.Stats s = pool.stats();
    assertEquals(1, s.reuses());
    assertEquals(1024 + 3072, s.inUseBytes());
    pool.release(b, 900);
    pool.release(c, 3000);
    assertEquals(1024 + 3072, pool.stats().cachedBytes());
    pool.trim();
    assertEquals(0, pool.stats().cachedBytes());
    assertEquals(2, api.frees());
    assertEquals(0, api.usedBytes());
  }

  @Test
  void outOfMemoryTrimsTheCacheFirst() {
    SimulatedDeviceApi api = new SimulatedDeviceApi(4096);
    DevicePool pool = new DevicePool(api, "CudaDevice(id=0)");
    long a = pool.allocate(2048);
    pool.release(a, 2048);
    long b = pool.allocate(3000);
    assertEquals(1, pool.stats().driverFrees(), "the cached 2 KB block made room");
    pool.release(b, 3000);
  }

  @Test
  void outOfMemoryWaitsForTheCleanerThenNamesTheRequest() {
    SimulatedDeviceApi api = new SimulatedDeviceApi(8192);
    GpuDevice dev = new GpuDevice(api, new Device("cuda", 0));
    for (int i = 0; i < 3; i++) {
      dev.allocate(DType.FLOAT32, 512);
    }
    // The three buffers above are unreachable: the pool collects them to make room.
    GpuBuffer big = dev.allocate(DType.FLOAT32, 1024);
    List<GpuBuffer> live = new ArrayList<>();
    live.add(big);
    DeviceOutOfMemoryError e = assertThrows(DeviceOutOfMemoryError.class,
        () -> dev.allocate(DType.FLOAT64, 1000));
    assertEquals("RESOURCE_EXHAUSTED: Out of memory while trying to allocate 8000 bytes on"
        + " CudaDevice(id=0): 4096 bytes free of 8192 (cuMemGetInfo); 4096 bytes held by live"
        + " arrays and running programs of this process. Delete arrays you no longer need"
        + " (Array.delete()) or use smaller batches.", e.getMessage());
    assertEquals(8000, e.requestedBytes());
    assertEquals(4096, e.freeBytes());
    live.get(0).delete();
    dev.allocate(DType.FLOAT64, 1000).delete();
  }

  @Test
  void sharedHandlesReleaseTheBlockOnceAllAreGone() {
    SimulatedDeviceApi api = new SimulatedDeviceApi(1 << 16);
    GpuDevice dev = new GpuDevice(api, new Device("cuda", 0));
    GpuBuffer a = dev.allocate(DType.INT32, 10);
    GpuBuffer b = a.share();
    a.delete();
    assertTrue(a.isDeleted());
    assertThrows(IllegalStateException.class, a::pointer);
    assertThrows(IllegalStateException.class, a::share);
    assertEquals(256, dev.pool().stats().inUseBytes(), "b still holds it");
    b.delete();
    b.delete();
    assertEquals(0, dev.pool().stats().inUseBytes());
    assertEquals(256, dev.pool().stats().cachedBytes());
  }
}
