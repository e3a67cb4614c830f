package org.jaxpresso.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Device arrays through the public API ({@code Jax.devices}, {@code devicePut}, jit placement,
 * {@code delete}, the Cleaner, the pool), run against a device given by the subclass: a
 * simulated one in every build, the real GPU where there is one. The GPU backend is made the
 * default for each test, as it is on a machine with a GPU.
 */
abstract class DeviceArrayContract {
  /** The device under test (created once per test class). */
  abstract GpuDevice gpu();

  private GpuBackend backend;
  private Device cuda;

  @BeforeEach
  void useGpu() {
    backend = GpuBackend.on(gpu());
    cuda = gpu().device();
    Backends.setDefault(backend);
  }

  @AfterEach
  void restore() {
    Backends.setDefault(null);
  }

  /** Runs {@code body} with the reference backend as the default (for expected values). */
  <T> T onReference(java.util.function.Supplier<T> body) {
    Backends.setDefault(org.jaxpresso.core.backend.ReferenceBackend.INSTANCE);
    try {
      return body.get();
    } finally {
      Backends.setDefault(backend);
    }
  }

  static Array vec(float... v) {
    return Array.of(v, v.length);
  }

  GpuDevice.Transfers since(GpuDevice.Transfers t0) {
    GpuDevice.Transfers t = gpu().transfers();
    return new GpuDevice.Transfers(t.uploads() - t0.uploads(),
        t.uploadedBytes() - t0.uploadedBytes(), t.downloads() - t0.downloads(),
        t.downloadedBytes() - t0.downloadedBytes());
  }

  @Test
  void devicesListTheGpuFirstThenTheHost() {
    List<Device> all = Jax.devices();
    assertEquals(cuda, all.get(0));
    assertTrue(all.contains(Device.HOST));
    assertEquals("CudaDevice(id=0)", cuda.toString());
    assertEquals("CpuDevice(id=0)", Device.HOST.toString());
    assertEquals(List.of(cuda), Jax.devices("gpu"));
    assertEquals(List.of(Device.HOST), Jax.devices("cpu"));
    assertThrows(IllegalArgumentException.class, () -> Jax.devices("tpu"));
  }

  @Test
  void devicePutCopiesOnceAndHostReadsAreCached() {
    Array x = vec(1, 2, 3);
    assertEquals(Device.HOST, x.device());
    assertFalse(x.committed());
    GpuDevice.Transfers t0 = gpu().transfers();
    Array d = Jax.devicePut(x, cuda);
    assertEquals(cuda, d.device());
    assertEquals(Set.of(cuda), d.devices());
    assertTrue(d.committed());
    assertEquals(new GpuDevice.Transfers(1, 12, 0, 0), since(t0));
    assertEquals("[1. 2. 3.]", d.toString());
    assertEquals("Array([1., 2., 3.], dtype=float32)", d.repr());
    assertArrayEquals(new float[] {1, 2, 3}, d.toFloatArray());
    assertEquals(2.0, d.getDouble(1));
    assertEquals(new GpuDevice.Transfers(1, 12, 1, 12), since(t0), "one download, cached");
    // Already there: no copy, same data, committed.
    Array again = Jax.devicePut(d, cuda);
    assertSame(d.buffer().getClass(), again.buffer().getClass());
    assertEquals(new GpuDevice.Transfers(1, 12, 1, 12), since(t0));
    // Back to the host: a host array committed to the CPU.
    Array h = Jax.devicePut(d, Device.HOST);
    assertEquals(Device.HOST, h.device());
    assertTrue(h.committed());
    assertArrayEquals(new float[] {1, 2, 3}, h.toFloatArray());
  }

  @Test
  void deviceGetIsAnExplicitTransfer() {
    Array d = Jax.devicePut(vec(4, 5), cuda);
    assertSame(d, d.blockUntilReady());
    GpuDevice.Transfers t0 = gpu().transfers();
    Array h = Jax.deviceGet(d);
    assertEquals(Device.HOST, h.device());
    assertFalse(h.committed());
    assertArrayEquals(new float[] {4, 5}, h.toFloatArray());
    assertEquals(new GpuDevice.Transfers(0, 0, 1, 8), since(t0));
  }

  @Test
  void devicePutOfAPytreeAndOfScalars() {
    List<Object> tree = Jax.devicePut(List.of(vec(1, 2), 3.0f), cuda);
    assertEquals(cuda, ((Array) tree.get(0)).device());
    assertEquals(cuda, ((Array) tree.get(1)).device());
    assertEquals("3.0", tree.get(1).toString());
    assertThrows(IllegalArgumentException.class,
        () -> Jax.devicePut(vec(1), new Device("cuda", 7)));
  }

  @Test
  void everyDtypeRoundTrips() {
    for (DType d : DType.values()) {
      Array x = Array.fromDoubles(d, new double[] {0, 1, 0, 1, 1}, 5);
      Array back = Jax.devicePut(Jax.devicePut(x, cuda), Device.HOST);
      assertEquals(x.repr(), back.repr(), d.toString());
    }
    Array empty = Jax.devicePut(Array.of(new float[0], 0, 3), cuda);
    assertEquals("Array([], shape=(0, 3), dtype=float32)", empty.repr());
  }

  @Test
  void jittedCallsKeepResultsOnTheDevice() {
    Function<NDArray, NDArray> f = Jax.jit(x -> Lax.add(Lax.mul(x, 2.0f), 1.0f));
    Array x = Jax.devicePut(vec(1, 2, 3, 4), cuda);
    GpuDevice.Transfers t0 = gpu().transfers();
    Array y = (Array) f.apply(x);
    Array z = (Array) f.apply(y);
    Array w = (Array) f.apply(z);
    assertEquals(cuda, w.device());
    assertTrue(w.committed(), "computed from committed arrays");
    assertEquals(new GpuDevice.Transfers(0, 0, 0, 0), since(t0),
        "no copies between jitted calls");
    assertArrayEquals(new float[] {15, 23, 31, 39}, w.toFloatArray());
    assertEquals(new GpuDevice.Transfers(0, 0, 1, 16), since(t0), "one copy, on host access");
  }

  @Test
  void uncommittedInputsRunOnTheDefaultDeviceAndStayUncommitted() {
    Function<NDArray, NDArray> f = Jax.jit(x -> Lax.mul(x, x));
    GpuDevice.Transfers t0 = gpu().transfers();
    Array y = (Array) f.apply(vec(1, 2, 3));
    assertEquals(cuda, y.device());
    assertFalse(y.committed());
    assertEquals(1, since(t0).uploads(), "the host argument is uploaded for the call");
    assertArrayEquals(new float[] {1, 4, 9}, y.toFloatArray());
  }

  @Test
  void eagerOperationsRunWhereTheirCommittedInputsLive() {
    Array x = Jax.devicePut(vec(1, 2, 3), cuda);
    GpuDevice.Transfers t0 = gpu().transfers();
    Array y = (Array) Lax.add(x, x);
    assertEquals(cuda, y.device());
    assertTrue(y.committed());
    assertEquals(0, since(t0).downloads());
    assertArrayEquals(new float[] {2, 4, 6}, y.toFloatArray());
  }

  @Test
  void theJitDeviceOptionChoosesTheDevice() {
    Function<NDArray, NDArray> onCpu = Jax.jit(x -> Lax.neg(x), Jax.device(Device.HOST));
    Array y = (Array) onCpu.apply(vec(1, 2));
    assertEquals(Device.HOST, y.device());
    assertTrue(y.committed());
    Function<NDArray, NDArray> onGpu = Jax.jit(x -> Lax.neg(x), Jax.device(cuda));
    Array z = (Array) onGpu.apply(y.withCommitted(false));
    assertEquals(cuda, z.device());
    assertArrayEquals(new float[] {1, 2}, z.toFloatArray());
    JaxValueError e = assertThrows(JaxValueError.class, () -> onGpu.apply(y));
    assertEquals("Received incompatible devices for jitted computation. Got jit's device"
        + " argument with device ids [0] on platform GPU and argument args[0] of <lambda> with"
        + " shape float32[2] and device ids [0] on platform CPU", e.getMessage());
  }

  @Test
  void mixingCommittedDevicesIsJaxsError() {
    Array g = Jax.devicePut(vec(1, 2, 3), cuda);
    Array c = Jax.devicePut(vec(1, 2, 3), Device.HOST);
    var f = Jax.jit((NDArray a, NDArray b) -> Lax.add(a, b), Jax.name("f"));
    JaxValueError e = assertThrows(JaxValueError.class, () -> f.apply(g, c));
    assertEquals("Received incompatible devices for jitted computation. Got argument args[0]"
        + " of f with shape float32[3] and device ids [0] on platform GPU and argument args[1]"
        + " of f with shape float32[3] and device ids [0] on platform CPU", e.getMessage());
    JaxValueError eager = assertThrows(JaxValueError.class, () -> Lax.add(c, g));
    assertTrue(eager.getMessage().startsWith("Received incompatible devices for jitted"
        + " computation. Got argument args[0] of add with shape float32[3] and device ids [0]"
        + " on platform CPU"), eager.getMessage());
    // An uncommitted array goes where the committed one is.
    Array sum = (Array) f.apply(g, vec(1, 1, 1));
    assertEquals(cuda, sum.device());
    assertArrayEquals(new float[] {2, 3, 4}, sum.toFloatArray());
  }

  @Test
  void deleteFreesAndLaterUseIsJaxsError() {
    Array d = Jax.devicePut(vec(1, 2, 3), cuda);
    Array view = d.reshapeView(org.jaxpresso.core.Shape.of(3, 1));
    long inUse = gpu().pool().stats().inUseBytes();
    assertFalse(d.isDeleted());
    d.delete();
    assertTrue(d.isDeleted());
    d.delete();
    IllegalStateException e = assertThrows(IllegalStateException.class, d::toFloatArray);
    assertEquals("Array has been deleted with shape=float32[3].", e.getMessage());
    assertThrows(IllegalStateException.class, d::toString);
    assertThrows(IllegalStateException.class, () -> Jax.jit((NDArray x) -> x).apply(d));
    assertThrows(IllegalStateException.class, () -> Jax.devicePut(d, Device.HOST));
    assertArrayEquals(new float[] {1, 2, 3}, view.toFloatArray(), "a view keeps the data");
    view.delete();
    assertEquals(inUse - DevicePool.MIN_CLASS, gpu().pool().stats().inUseBytes(),
        "the block went back to the pool when its last array was deleted");
    // Host arrays can be deleted too.
    Array h = vec(1);
    h.delete();
    assertThrows(IllegalStateException.class, h::item);
  }

  @Test
  void unreachableArraysGiveTheirMemoryBack() throws InterruptedException {
    System.gc();
    long before = gpu().pool().stats().inUseBytes();
    DevicePool.Stats s0 = gpu().pool().stats();
    for (int i = 0; i < 50; i++) {
      Jax.devicePut(vec(i, i + 1), cuda);
    }
    DevicePool.Stats s1 = gpu().pool().stats();
    assertEquals(50, s1.driverAllocations() + s1.reuses() - s0.driverAllocations()
        - s0.reuses(), "50 blocks were handed out");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (gpu().pool().stats().inUseBytes() > before && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertTrue(gpu().pool().stats().inUseBytes() <= before,
        "the Cleaner gave every block back to the pool");
  }

  @Test
  void thePoolReusesBlocksAcrossCalls() {
    Function<NDArray, NDArray> f = Jax.jit(x -> Lax.exp(Lax.mul(x, 0.5f)));
    Array x = Jax.devicePut(vec(1, 2, 3, 4, 5, 6, 7, 8), cuda);
    ((Array) f.apply(x)).delete();
    long allocations = gpu().pool().stats().driverAllocations();
    for (int i = 0; i < 5; i++) {
      ((Array) f.apply(x)).delete();
    }
    assertEquals(allocations, gpu().pool().stats().driverAllocations(),
        "steady state: every block comes from the pool");
  }

  @Test
  void productsRunAsBatchedGemmWithJaxsPrecision() {
    Array a = Array.fromDoubles(DType.FLOAT32, ramp(2 * 3 * 4, 0.1), 2, 3, 4);
    Array b = Array.fromDoubles(DType.FLOAT32, ramp(2 * 4 * 5, -0.07), 2, 4, 5);
    var dn = new org.jaxpresso.lax.DotDimensionNumbers(new int[] {2}, new int[] {1},
        new int[] {0}, new int[] {0});
    for (var p : org.jaxpresso.lax.Precision.values()) {
      Array want = (Array) onReference(() -> Lax.dotGeneral(a, b, dn,
          org.jaxpresso.lax.Precision.HIGHEST, null));
      Array got = (Array) Jax.jit((NDArray u, NDArray v) -> Lax.dotGeneral(u, v, dn, p, null))
          .apply(Jax.devicePut(a, cuda), Jax.devicePut(b, cuda));
      assertClose(want.toFloatArray(), got.toFloatArray(),
          p == org.jaxpresso.lax.Precision.HIGHEST ? 1e-6 : 1e-2);
    }
  }

  static double[] ramp(int n, double step) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Math.sin(i * 0.37) + step * i;
    }
    return v;
  }

  static void assertClose(float[] want, float[] got, double rel) {
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      double tol = rel * Math.max(1, Math.abs(want[i]));
      assertTrue(Math.abs(want[i] - got[i]) <= tol, "element " + i + ": want " + want[i]
          + ", got " + got[i]);
    }
  }

  @Test
  void outOfMemoryNamesTheRequestAndTheFreeMemory() {
    long free = gpu().api().memInfo()[0];
    long tooMuch = free + gpu().pool().stats().cachedBytes() + (1L << 30);
    DeviceOutOfMemoryError e = assertThrows(DeviceOutOfMemoryError.class,
        () -> gpu().pool().allocate(tooMuch));
    assertTrue(e.getMessage().startsWith("RESOURCE_EXHAUSTED: Out of memory while trying to"
        + " allocate " + tooMuch + " bytes on CudaDevice(id=0): "), e.getMessage());
    assertTrue(e.getMessage().contains(" bytes free of "), e.getMessage());
    assertEquals(tooMuch, e.requestedBytes());
    assertTrue(e.freeBytes() < tooMuch);
    GpuBuffer ok = gpu().allocate(DType.FLOAT32, 4);
    assertNotSame(null, ok, "the device still works");
    ok.delete();
  }
}
