package org.jaxpresso.runtime.gpu;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.runtime.gpu.cuda.Cublas;
import org.jaxpresso.runtime.gpu.cuda.CudaDriver;
import org.jaxpresso.runtime.gpu.cuda.CudaLibraries;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;

/**
 * The process's CUDA state for device 0: the driver, the primary context, the multiprocessor
 * count, a cuBLAS handle and the loaded kernels, cached by PTX text (so a kernel is JIT-compiled
 * by the driver once per process). Created on first use by {@link #get()}, which is empty where
 * there is no driver or no device.
 */
public final class GpuRuntime {
  private static volatile Optional<GpuRuntime> instance;
  private static volatile String unavailable = "not probed yet";

  private final CudaDriver driver;
  private final MemorySegment context;
  private final int multiprocessors;
  private final String deviceName;
  private final Cublas cublas;
  private final ThreadLocal<MemorySegment> handles = new ThreadLocal<>();
  private final Map<String, MemorySegment> modules = new ConcurrentHashMap<>();
  private final Map<FunctionKey, MemorySegment> functions = new ConcurrentHashMap<>();
  private final GpuDevice device;
  private final ModuleCache diskCache;
  private final String target;

  /** A loaded function's identity (records hash with the strings' cached hash codes). */
  private record FunctionKey(String entry, String ptx) {}

  private GpuRuntime(CudaDriver driver) {
    this.driver = driver;
    int dev = driver.device(0);
    this.context = driver.primaryContext(dev);
    driver.setCurrent(context);
    this.multiprocessors = driver.attribute(dev, CudaDriver.ATTR_MULTIPROCESSOR_COUNT);
    this.deviceName = driver.deviceName(dev);
    this.cublas = Cublas.load().orElse(null);
    this.device = new GpuDevice(new CudaDeviceApi(this), new Device("cuda", 0));
    this.target = "sm_" + driver.attribute(dev, CudaDriver.ATTR_COMPUTE_CAPABILITY_MAJOR)
        + driver.attribute(dev, CudaDriver.ATTR_COMPUTE_CAPABILITY_MINOR) + " driver "
        + driver.driverVersion();
    this.diskCache = driver.canLink() ? ModuleCache.configured().orElse(null) : null;
  }

  /**
   * Device 0 as the backend uses it: memory pool, transfers, launches.
   *
   * @return the device {@code cuda:0}
   */
  public GpuDevice device() {
    return device;
  }

  /**
   * The runtime, or empty if libcuda is missing, {@code cuInit} fails, or there is no device.
   *
   * @return the process-wide runtime, created on the first call
   */
  public static Optional<GpuRuntime> get() {
    Optional<GpuRuntime> r = instance;
    if (r == null) {
      synchronized (GpuRuntime.class) {
        if (instance == null) {
          instance = create();
        }
        r = instance;
      }
    }
    return r;
  }

  private static Optional<GpuRuntime> create() {
    try {
      Optional<CudaDriver> d = CudaDriver.load();
      if (d.isEmpty()) {
        unavailable = "libcuda.so.1 not found (loader, jaxpresso.cuda.path, CUDA_HOME, "
            + CudaLibraries.searchFolders() + ") or lacking a driver API symbol";
        return Optional.empty();
      }
      int status = d.get().init();
      if (status != 0) {
        unavailable = "cuInit failed with " + status + " (" + d.get().errorString(status) + ")";
        return Optional.empty();
      }
      if (d.get().deviceCount() == 0) {
        unavailable = "the CUDA driver reports no device";
        return Optional.empty();
      }
      GpuRuntime rt = new GpuRuntime(d.get());
      unavailable = null;
      return Optional.of(rt);
    } catch (RuntimeException | LinkageError e) {
      unavailable = "CUDA initialization failed: " + e;
      return Optional.empty();
    }
  }

  /**
   * Why {@link #get()} is empty (for diagnostics), or null when the GPU is available.
   *
   * @return the reason, or {@code null}
   */
  public static String unavailableReason() {
    get();
    return unavailable;
  }

  /**
   * The driver bindings.
   *
   * @return the CUDA driver API this runtime uses
   */
  public CudaDriver driver() {
    return driver;
  }

  /** Makes the context current on the calling thread. */
  public void enter() {
    driver.setCurrent(context);
  }

  /**
   * The device's multiprocessor count.
   *
   * @return the number of streaming multiprocessors of device 0
   */
  public int multiprocessors() {
    return multiprocessors;
  }

  /**
   * The device's name.
   *
   * @return the name of device 0, e.g. {@code NVIDIA H200}
   */
  public String deviceName() {
    return deviceName;
  }

  /**
   * cuBLAS, if installed.
   *
   * @return the cuBLAS bindings, or empty when the library is missing
   */
  public Optional<Cublas> cublas() {
    return Optional.ofNullable(cublas);
  }

  /**
   * The calling thread's cuBLAS handle (created on first use).
   *
   * @return the {@code cublasHandle_t} of the calling thread
   * @throws IllegalStateException if cuBLAS is not installed
   */
  public MemorySegment cublasHandle() {
    if (cublas == null) {
      throw new IllegalStateException("cuBLAS (libcublas.so.13 or .12) was not found: install"
          + " it, or name its folder with -Djaxpresso.cuda.path or CUDA_HOME");
    }
    MemorySegment h = handles.get();
    if (h == null) {
      h = cublas.createHandle();
      handles.set(h);
    }
    return h;
  }

  /**
   * The disk cache of compiled modules ({@code -Djaxpresso.gpu.cache=DIR}), if configured.
   *
   * @return the cache, or empty
   */
  public Optional<ModuleCache> moduleCache() {
    return Optional.ofNullable(diskCache);
  }

  /** Loads a module: from the disk cache's cubin, or JIT-compiled (and stored there). */
  private MemorySegment load(String ptx, String name) {
    if (diskCache == null) {
      return driver.loadModule(ptx, name);
    }
    Optional<byte[]> cached = diskCache.get(ptx, target);
    if (cached.isPresent()) {
      try {
        return driver.loadModuleImage(cached.get(), name);
      } catch (RuntimeException e) {
        diskCache.remove(ptx, target);
      }
    }
    byte[] cubin = driver.compileToCubin(ptx, name);
    diskCache.put(ptx, target, cubin);
    return driver.loadModuleImage(cubin, name);
  }

  /**
   * The loaded function of {@code kernel} (its module JIT-compiled on first use).
   *
   * @param kernel a generated kernel
   * @return the {@code CUfunction} of its entry point
   */
  public MemorySegment function(PtxKernel kernel) {
    return function(kernel, kernel.entry());
  }

  /**
   * Entry point {@code entry} of {@code kernel}'s module (loaded once for all its entries).
   *
   * @param kernel a generated kernel
   * @param entry the name of one of its module's entry points
   * @return the {@code CUfunction}
   */
  public MemorySegment function(PtxKernel kernel, String entry) {
    return functions.computeIfAbsent(new FunctionKey(entry, kernel.ptx()), key -> {
      MemorySegment module = modules.computeIfAbsent(kernel.ptx(), text -> {
        enter();
        return load(text, kernel.entry());
      });
      return driver.function(module, entry);
    });
  }
}
