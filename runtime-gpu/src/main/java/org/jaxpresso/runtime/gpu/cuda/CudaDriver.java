package org.jaxpresso.runtime.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The CUDA driver API ({@code libcuda.so.1}) through the foreign function and memory API: no JNI
 * and no native build step. Covers what the backend needs: initialization, devices and their
 * primary contexts, modules loaded from PTX text with the JIT's error log captured, functions,
 * launches, device memory (alloc, free, synchronous and asynchronous copies), streams and
 * events. Calls go to the versioned symbols the CUDA headers map to ({@code cuMemAlloc_v2},
 * {@code cuMemcpyHtoD_v2}, ...). Contexts: the device's primary context (retained, then made
 * current on the calling thread), which is what the runtime API and JAX use, rather than a
 * private {@code cuCtxCreate} context whose signature changed across CUDA versions.
 *
 * <pre>{@code
 * CudaDriver cu = CudaDriver.load().orElseThrow();
 * cu.init();
 * MemorySegment ctx = cu.primaryContext(0);
 * }</pre>
 */
public final class CudaDriver {
  /** {@code CU_JIT_INFO_LOG_BUFFER}. */
  static final int JIT_INFO_LOG_BUFFER = 3;
  /** {@code CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES}. */
  static final int JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4;
  /** {@code CU_JIT_ERROR_LOG_BUFFER}. */
  static final int JIT_ERROR_LOG_BUFFER = 5;
  /** {@code CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES}. */
  static final int JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
  /** {@code CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT}. */
  public static final int ATTR_MULTIPROCESSOR_COUNT = 16;
  /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR}. */
  public static final int ATTR_COMPUTE_CAPABILITY_MAJOR = 75;
  /** {@code CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR}. */
  public static final int ATTR_COMPUTE_CAPABILITY_MINOR = 76;
  private static final int LOG_BYTES = 16384;
  /** {@code CU_JIT_INPUT_PTX}. */
  private static final int JIT_INPUT_PTX = 1;
  /** {@code CUDA_ERROR_OUT_OF_MEMORY}. */
  static final int ERROR_OUT_OF_MEMORY = 2;

  private final MethodHandle cuInit;
  private final MethodHandle cuDeviceGetCount;
  private final MethodHandle cuDeviceGet;
  private final MethodHandle cuDeviceGetName;
  private final MethodHandle cuDeviceGetAttribute;
  private final MethodHandle cuDevicePrimaryCtxRetain;
  private final MethodHandle cuCtxSetCurrent;
  private final MethodHandle cuCtxSynchronize;
  private final MethodHandle cuModuleLoadDataEx;
  private final MethodHandle cuModuleGetFunction;
  private final MethodHandle cuModuleUnload;
  private final MethodHandle cuLaunchKernel;
  private final MethodHandle cuMemAlloc;
  private final MethodHandle cuMemFree;
  private final MethodHandle cuMemGetInfo;
  private final MethodHandle cuMemcpyHtoD;
  private final MethodHandle cuMemcpyDtoH;
  private final MethodHandle cuMemcpyDtoD;
  private final MethodHandle cuMemcpyHtoDAsync;
  private final MethodHandle cuMemcpyDtoHAsync;
  private final MethodHandle cuStreamCreate;
  private final MethodHandle cuStreamSynchronize;
  private final MethodHandle cuStreamDestroy;
  private final MethodHandle cuEventCreate;
  private final MethodHandle cuEventRecord;
  private final MethodHandle cuEventSynchronize;
  private final MethodHandle cuEventElapsedTime;
  private final MethodHandle cuEventDestroy;
  private final MethodHandle cuGetErrorString;
  /** The linker (cubin images for the disk cache) and the version query: optional symbols. */
  private final MethodHandle cuLinkCreate;
  private final MethodHandle cuLinkAddData;
  private final MethodHandle cuLinkComplete;
  private final MethodHandle cuLinkDestroy;
  private final MethodHandle cuDriverGetVersion;

  private CudaDriver(SymbolLookup lib) {
    Linker l = Linker.nativeLinker();
    cuInit = bind(l, lib, "cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    cuDeviceGetCount = bind(l, lib, "cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuDeviceGet = bind(l, lib, "cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuDeviceGetName = bind(l, lib, "cuDeviceGetName",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    cuDeviceGetAttribute = bind(l, lib, "cuDeviceGetAttribute",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    cuDevicePrimaryCtxRetain = bind(l, lib, "cuDevicePrimaryCtxRetain",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    cuCtxSetCurrent = bind(l, lib, "cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuCtxSynchronize = bind(l, lib, "cuCtxSynchronize", FunctionDescriptor.of(JAVA_INT));
    cuModuleLoadDataEx = bind(l, lib, "cuModuleLoadDataEx", FunctionDescriptor.of(JAVA_INT,
        ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    cuModuleGetFunction = bind(l, lib, "cuModuleGetFunction",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    cuModuleUnload = bind(l, lib, "cuModuleUnload", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuLaunchKernel = bind(l, lib, "cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
        ADDRESS));
    cuMemAlloc = bind(l, lib, "cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        JAVA_LONG));
    cuMemFree = bind(l, lib, "cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    cuMemGetInfo = bind(l, lib, "cuMemGetInfo_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        ADDRESS));
    cuMemcpyHtoD = bind(l, lib, "cuMemcpyHtoD_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
        ADDRESS, JAVA_LONG));
    cuMemcpyDtoH = bind(l, lib, "cuMemcpyDtoH_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        JAVA_LONG, JAVA_LONG));
    cuMemcpyDtoD = bind(l, lib, "cuMemcpyDtoD_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
        JAVA_LONG, JAVA_LONG));
    cuMemcpyHtoDAsync = bind(l, lib, "cuMemcpyHtoDAsync_v2", FunctionDescriptor.of(JAVA_INT,
        JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
    cuMemcpyDtoHAsync = bind(l, lib, "cuMemcpyDtoHAsync_v2", FunctionDescriptor.of(JAVA_INT,
        ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS));
    cuStreamCreate = bind(l, lib, "cuStreamCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        JAVA_INT));
    cuStreamSynchronize = bind(l, lib, "cuStreamSynchronize",
        FunctionDescriptor.of(JAVA_INT, ADDRESS));
    cuStreamDestroy = bind(l, lib, "cuStreamDestroy_v2", FunctionDescriptor.of(JAVA_INT,
        ADDRESS));
    cuEventCreate = bind(l, lib, "cuEventCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        JAVA_INT));
    cuEventRecord = bind(l, lib, "cuEventRecord", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        ADDRESS));
    cuEventSynchronize = bind(l, lib, "cuEventSynchronize", FunctionDescriptor.of(JAVA_INT,
        ADDRESS));
    MethodHandle elapsed = bindOptional(l, lib, "cuEventElapsedTime_v2",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    cuEventElapsedTime = elapsed != null ? elapsed : bind(l, lib, "cuEventElapsedTime",
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    cuEventDestroy = bind(l, lib, "cuEventDestroy_v2", FunctionDescriptor.of(JAVA_INT,
        ADDRESS));
    cuGetErrorString = bind(l, lib, "cuGetErrorString", FunctionDescriptor.of(JAVA_INT,
        JAVA_INT, ADDRESS));
    cuLinkCreate = bindOptional(l, lib, "cuLinkCreate_v2", FunctionDescriptor.of(JAVA_INT,
        JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    cuLinkAddData = bindOptional(l, lib, "cuLinkAddData_v2", FunctionDescriptor.of(JAVA_INT,
        ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    cuLinkComplete = bindOptional(l, lib, "cuLinkComplete", FunctionDescriptor.of(JAVA_INT,
        ADDRESS, ADDRESS, ADDRESS));
    cuLinkDestroy = bindOptional(l, lib, "cuLinkDestroy", FunctionDescriptor.of(JAVA_INT,
        ADDRESS));
    cuDriverGetVersion = bindOptional(l, lib, "cuDriverGetVersion", FunctionDescriptor.of(
        JAVA_INT, ADDRESS));
  }

  private static MethodHandle bind(Linker l, SymbolLookup lib, String name,
      FunctionDescriptor fd) {
    MemorySegment sym = lib.find(name).orElseThrow(() -> new CudaException(
        "libcuda has no symbol " + name + " (driver too old?)"));
    return l.downcallHandle(sym, fd);
  }

  private static MethodHandle bindOptional(Linker l, SymbolLookup lib, String name,
      FunctionDescriptor fd) {
    return lib.find(name).map(s -> l.downcallHandle(s, fd)).orElse(null);
  }

  /**
   * The driver, if {@code libcuda.so.1} can be found and has every symbol used; empty otherwise
   * (no GPU driver installed). Does not initialize CUDA.
   *
   * @return the bound driver, or empty when the library or a symbol is missing
   */
  public static Optional<CudaDriver> load() {
    Optional<SymbolLookup> lib = CudaLibraries.find("libcuda.so.1", "libcuda.so");
    if (lib.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new CudaDriver(lib.get()));
    } catch (CudaException e) {
      return Optional.empty();
    }
  }

  private static int call(MethodHandle h, Object... args) {
    try {
      return (int) h.invokeWithArguments(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("native call failed: " + t);
    }
  }

  /**
   * Throws a {@link CudaException} naming {@code what} unless {@code status} is success.
   *
   * @param status a driver status code
   * @param what the call that returned it, for the message
   * @throws CudaException when {@code status} is not 0 ({@code CUDA_SUCCESS})
   */
  public void check(int status, String what) {
    if (status != 0) {
      throw new CudaException(what, status, errorString(status));
    }
  }

  /**
   * The driver's description of status {@code code}.
   *
   * @param code a driver status code
   * @return the driver's text for it, or {@code unknown error}
   */
  public String errorString(int code) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(ADDRESS);
      if (call(cuGetErrorString, code, out) != 0) {
        return "unknown error";
      }
      MemorySegment p = out.get(ADDRESS, 0);
      return p.equals(MemorySegment.NULL) ? "unknown error"
          : p.reinterpret(4096).getString(0, StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code cuInit(0)}: returns the status (0 on success) without throwing.
   *
   * @return the driver status; 0 when CUDA is usable
   */
  public int init() {
    return call(cuInit, 0);
  }

  /**
   * The number of CUDA devices.
   *
   * @return the number of devices the driver sees
   * @throws CudaException if the driver call fails
   */
  public int deviceCount() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment n = a.allocate(JAVA_INT);
      check(call(cuDeviceGetCount, n), "cuDeviceGetCount");
      return n.get(JAVA_INT, 0);
    }
  }

  /**
   * The device handle of ordinal {@code ordinal}.
   *
   * @param ordinal the device index, from 0
   * @return the {@code CUdevice} handle
   * @throws CudaException if there is no such device
   */
  public int device(int ordinal) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment d = a.allocate(JAVA_INT);
      check(call(cuDeviceGet, d, ordinal), "cuDeviceGet(" + ordinal + ")");
      return d.get(JAVA_INT, 0);
    }
  }

  /**
   * The device's name, e.g. {@code NVIDIA H200}.
   *
   * @param device a device handle from {@link #device}
   * @return the device's marketing name
   * @throws CudaException if the driver call fails
   */
  public String deviceName(int device) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment buf = a.allocate(256);
      check(call(cuDeviceGetName, buf, 256, device), "cuDeviceGetName");
      return buf.getString(0, StandardCharsets.UTF_8);
    }
  }

  /**
   * A device attribute ({@code CU_DEVICE_ATTRIBUTE_*}).
   *
   * @param device a device handle from {@link #device}
   * @param attribute the attribute's code, e.g. {@link #ATTR_MULTIPROCESSOR_COUNT}
   * @return the attribute's value
   * @throws CudaException if the driver call fails
   */
  public int attribute(int device, int attribute) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(JAVA_INT);
      check(call(cuDeviceGetAttribute, v, attribute, device), "cuDeviceGetAttribute("
          + attribute + ")");
      return v.get(JAVA_INT, 0);
    }
  }

  /**
   * Retains the device's primary context (released at process exit).
   *
   * @param device a device handle from {@link #device}
   * @return the {@code CUcontext}
   * @throws CudaException if the driver call fails
   */
  public MemorySegment primaryContext(int device) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment c = a.allocate(ADDRESS);
      check(call(cuDevicePrimaryCtxRetain, c, device), "cuDevicePrimaryCtxRetain");
      return c.get(ADDRESS, 0);
    }
  }

  /**
   * Makes {@code ctx} current on the calling thread.
   *
   * @param ctx a context from {@link #primaryContext}
   * @throws CudaException if the driver call fails
   */
  public void setCurrent(MemorySegment ctx) {
    check(call(cuCtxSetCurrent, ctx), "cuCtxSetCurrent");
  }

  /**
   * Waits for all work of the current context.
   *
   * @throws CudaException if the driver call or earlier asynchronous work failed
   */
  public void synchronize() {
    check(call(cuCtxSynchronize), "cuCtxSynchronize");
  }

  /**
   * Loads a module from PTX text, JIT-compiling it for the current device.
   *
   * @param ptx the PTX source
   * @param name the kernel's name, for the error message
   * @return the {@code CUmodule}
   * @throws CudaException with the JIT's error log if the PTX does not compile
   */
  public MemorySegment loadModule(String ptx, String name) {
    try (Arena a = Arena.ofConfined()) {
      return loadImage(a.allocateFrom(ptx, StandardCharsets.UTF_8), name);
    }
  }

  /**
   * Loads a module from a compiled image (a cubin from {@link #compileToCubin}).
   *
   * @param cubin the image's bytes
   * @param name the kernel's name, for the error message
   * @return the {@code CUmodule}
   * @throws CudaException with the driver's log if the image does not load
   */
  public MemorySegment loadModuleImage(byte[] cubin, String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment image = a.allocate(Math.max(1, cubin.length), 16);
      MemorySegment.copy(MemorySegment.ofArray(cubin), 0, image, 0, cubin.length);
      return loadImage(image, name);
    }
  }

  /**
   * Whether the driver has the linker {@link #compileToCubin} needs.
   *
   * @return whether cubin images can be produced
   */
  public boolean canLink() {
    return cuLinkCreate != null && cuLinkAddData != null && cuLinkComplete != null
        && cuLinkDestroy != null;
  }

  /**
   * JIT-compiles PTX for the current device to a cubin image ({@code cuLinkCreate}, {@code
   * cuLinkAddData}, {@code cuLinkComplete}), for the disk cache.
   *
   * @param ptx the PTX source
   * @param name the kernel's name, for the error message
   * @return the cubin's bytes
   * @throws CudaException with the JIT's error log if the PTX does not compile
   */
  public byte[] compileToCubin(String ptx, String name) {
    if (!canLink()) {
      throw new CudaException("this driver has no cuLink* functions");
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment errLog = a.allocate(LOG_BYTES);
      MemorySegment opts = a.allocate(JAVA_INT, 2);
      opts.setAtIndex(JAVA_INT, 0, JIT_ERROR_LOG_BUFFER);
      opts.setAtIndex(JAVA_INT, 1, JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
      MemorySegment vals = a.allocate(ADDRESS, 2);
      vals.setAtIndex(ADDRESS, 0, errLog);
      vals.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(LOG_BYTES));
      MemorySegment state = a.allocate(ADDRESS);
      check(call(cuLinkCreate, 2, opts, vals, state), "cuLinkCreate");
      MemorySegment st = state.get(ADDRESS, 0);
      try {
        MemorySegment text = a.allocateFrom(ptx, StandardCharsets.UTF_8);
        int status = call(cuLinkAddData, st, JIT_INPUT_PTX, text, text.byteSize(),
            a.allocateFrom(name), 0, MemorySegment.NULL, MemorySegment.NULL);
        if (status != 0) {
          throw new CudaException("cuLinkAddData of kernel " + name + " failed with " + status
              + " (" + errorString(status) + "); JIT log:\n"
              + errLog.getString(0, StandardCharsets.UTF_8));
        }
        MemorySegment out = a.allocate(ADDRESS);
        MemorySegment size = a.allocate(JAVA_LONG);
        check(call(cuLinkComplete, st, out, size), "cuLinkComplete of kernel " + name);
        long n = size.get(JAVA_LONG, 0);
        return out.get(ADDRESS, 0).reinterpret(n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
      } finally {
        call(cuLinkDestroy, st);
      }
    }
  }

  /**
   * The driver's CUDA version ({@code cuDriverGetVersion}), e.g. 13000, or 0 if unknown.
   *
   * @return the version number
   */
  public int driverVersion() {
    if (cuDriverGetVersion == null) {
      return 0;
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(JAVA_INT);
      return call(cuDriverGetVersion, v) == 0 ? v.get(JAVA_INT, 0) : 0;
    }
  }

  private MemorySegment loadImage(MemorySegment image, String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment errLog = a.allocate(LOG_BYTES);
      MemorySegment infoLog = a.allocate(LOG_BYTES);
      MemorySegment opts = a.allocate(JAVA_INT, 4);
      opts.setAtIndex(JAVA_INT, 0, JIT_ERROR_LOG_BUFFER);
      opts.setAtIndex(JAVA_INT, 1, JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
      opts.setAtIndex(JAVA_INT, 2, JIT_INFO_LOG_BUFFER);
      opts.setAtIndex(JAVA_INT, 3, JIT_INFO_LOG_BUFFER_SIZE_BYTES);
      MemorySegment vals = a.allocate(ADDRESS, 4);
      vals.setAtIndex(ADDRESS, 0, errLog);
      vals.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(LOG_BYTES));
      vals.setAtIndex(ADDRESS, 2, infoLog);
      vals.setAtIndex(ADDRESS, 3, MemorySegment.ofAddress(LOG_BYTES));
      MemorySegment mod = a.allocate(ADDRESS);
      int status = call(cuModuleLoadDataEx, mod, image, 4, opts, vals);
      if (status != 0) {
        throw new CudaException("cuModuleLoadDataEx of kernel " + name + " failed with "
            + status + " (" + errorString(status) + "); JIT log:\n"
            + errLog.getString(0, StandardCharsets.UTF_8));
      }
      return mod.get(ADDRESS, 0);
    }
  }

  /**
   * The function {@code name} of {@code module}.
   *
   * @param module a module from {@link #loadModule}
   * @param name the function's entry name
   * @return the {@code CUfunction}
   * @throws CudaException if the module has no such function
   */
  public MemorySegment function(MemorySegment module, String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment f = a.allocate(ADDRESS);
      check(call(cuModuleGetFunction, f, module, a.allocateFrom(name)),
          "cuModuleGetFunction(" + name + ")");
      return f.get(ADDRESS, 0);
    }
  }

  /**
   * Unloads {@code module}.
   *
   * @param module a module from {@link #loadModule}
   * @throws CudaException if the driver call fails
   */
  public void unloadModule(MemorySegment module) {
    check(call(cuModuleUnload, module), "cuModuleUnload");
  }

  /**
   * Launches {@code f} with 1-D grid and block on {@code stream}; {@code args} are the values of
   * the kernel's {@code .u64} parameters (device pointers). {@code kernelParams} is built as the
   * driver wants it: an array of pointers to argument slots.
   *
   * @param f the function to launch, from {@link #function}
   * @param grid the number of blocks
   * @param block the number of threads per block
   * @param sharedBytes the dynamic shared memory per block, in bytes
   * @param stream the stream, or {@link MemorySegment#NULL} for the default stream
   * @param args the kernel's {@code .u64} arguments, in order
   * @param name the kernel's name, for the error message
   * @throws CudaException if the launch is rejected
   */
  public void launch(MemorySegment f, int grid, int block, int sharedBytes, MemorySegment stream,
      long[] args, String name) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment slots = a.allocate(JAVA_LONG, Math.max(1, args.length));
      MemorySegment params = a.allocate(ADDRESS, Math.max(1, args.length));
      for (int i = 0; i < args.length; i++) {
        slots.setAtIndex(JAVA_LONG, i, args[i]);
        params.setAtIndex(ADDRESS, i, slots.asSlice(8L * i, 8));
      }
      int status;
      try {
        // invokeExact: no boxing on the launch path.
        status = (int) cuLaunchKernel.invokeExact(f, grid, 1, 1, block, 1, 1, sharedBytes,
            stream, params, MemorySegment.NULL);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new CudaException("native call failed: " + t);
      }
      if (status != 0) {
        throw new CudaException("cuLaunchKernel(" + name + ", grid " + grid + ", block " + block
            + ")", status, errorString(status));
      }
    }
  }

  /**
   * {@code {free, total}} device memory in bytes.
   *
   * @return a two-element array: free bytes, then total bytes
   * @throws CudaException if the driver call fails
   */
  public long[] memInfo() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment free = a.allocate(JAVA_LONG);
      MemorySegment total = a.allocate(JAVA_LONG);
      check(call(cuMemGetInfo, free, total), "cuMemGetInfo");
      return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
    }
  }

  /**
   * Allocates {@code bytes} of device memory.
   *
   * @param bytes the size; 0 allocates one byte so the pointer is valid
   * @return the device pointer
   * @throws CudaException naming the request and the free memory when the device is full
   */
  public long alloc(long bytes) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment p = a.allocate(JAVA_LONG);
      int status = call(cuMemAlloc, p, Math.max(bytes, 1));
      if (status != 0) {
        String free = "";
        try {
          free = "; " + memInfo()[0] + " bytes free";
        } catch (CudaException e) {
          free = "";
        }
        throw new CudaException("cuMemAlloc of " + bytes + " bytes failed with " + status
            + " (" + errorString(status) + ")" + free);
      }
      return p.get(JAVA_LONG, 0);
    }
  }

  /**
   * Allocates {@code bytes} of device memory, or returns 0 when the device is out of memory
   * ({@code CUDA_ERROR_OUT_OF_MEMORY}), so that a pool can make room and retry.
   *
   * @param bytes the size; 0 allocates one byte so the pointer is valid
   * @return the device pointer, or 0 when out of memory
   * @throws CudaException for any other failure
   */
  public long tryAlloc(long bytes) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment p = a.allocate(JAVA_LONG);
      int status = call(cuMemAlloc, p, Math.max(bytes, 1));
      if (status == ERROR_OUT_OF_MEMORY) {
        return 0;
      }
      check(status, "cuMemAlloc of " + bytes + " bytes");
      return p.get(JAVA_LONG, 0);
    }
  }

  /**
   * Frees device memory from {@link #alloc}.
   *
   * @param ptr a pointer from {@link #alloc}
   * @throws CudaException if the driver call fails
   */
  public void free(long ptr) {
    check(call(cuMemFree, ptr), "cuMemFree");
  }

  /**
   * Copies {@code bytes} from host memory to the device (synchronous).
   *
   * @param dst the device pointer to write
   * @param src the host memory to read
   * @param bytes the number of bytes
   * @throws CudaException if the driver call fails
   */
  public void copyToDevice(long dst, MemorySegment src, long bytes) {
    check(call(cuMemcpyHtoD, dst, src, bytes), "cuMemcpyHtoD of " + bytes + " bytes");
  }

  /**
   * Copies {@code bytes} from the device to host memory (synchronous).
   *
   * @param dst the host memory to write
   * @param src the device pointer to read
   * @param bytes the number of bytes
   * @throws CudaException if the driver call fails
   */
  public void copyToHost(MemorySegment dst, long src, long bytes) {
    check(call(cuMemcpyDtoH, dst, src, bytes), "cuMemcpyDtoH of " + bytes + " bytes");
  }

  /**
   * Copies {@code bytes} within the device.
   *
   * @param dst the device pointer to write
   * @param src the device pointer to read
   * @param bytes the number of bytes
   * @throws CudaException if the driver call fails
   */
  public void copyDeviceToDevice(long dst, long src, long bytes) {
    check(call(cuMemcpyDtoD, dst, src, bytes), "cuMemcpyDtoD of " + bytes + " bytes");
  }

  /**
   * Copies host to device asynchronously on {@code stream} (host memory must stay alive).
   *
   * @param dst the device pointer to write
   * @param src the host memory to read, alive until the stream reaches the copy
   * @param bytes the number of bytes
   * @param stream the stream to enqueue the copy on
   * @throws CudaException if the driver rejects the copy
   */
  public void copyToDeviceAsync(long dst, MemorySegment src, long bytes, MemorySegment stream) {
    check(call(cuMemcpyHtoDAsync, dst, src, bytes, stream), "cuMemcpyHtoDAsync");
  }

  /**
   * Copies device to host asynchronously on {@code stream}.
   *
   * @param dst the host memory to write, valid once the stream has passed the copy
   * @param src the device pointer to read
   * @param bytes the number of bytes
   * @param stream the stream to enqueue the copy on
   * @throws CudaException if the driver rejects the copy
   */
  public void copyToHostAsync(MemorySegment dst, long src, long bytes, MemorySegment stream) {
    check(call(cuMemcpyDtoHAsync, dst, src, bytes, stream), "cuMemcpyDtoHAsync");
  }

  /**
   * A new stream.
   *
   * @return the {@code CUstream}
   * @throws CudaException if the driver call fails
   */
  public MemorySegment createStream() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment s = a.allocate(ADDRESS);
      check(call(cuStreamCreate, s, 0), "cuStreamCreate");
      return s.get(ADDRESS, 0);
    }
  }

  /**
   * Waits for {@code stream}.
   *
   * @param stream the stream to wait for
   * @throws CudaException if the driver call or work on the stream failed
   */
  public void synchronize(MemorySegment stream) {
    check(call(cuStreamSynchronize, stream), "cuStreamSynchronize");
  }

  /**
   * Destroys {@code stream}.
   *
   * @param stream a stream from {@link #createStream}
   * @throws CudaException if the driver call fails
   */
  public void destroyStream(MemorySegment stream) {
    check(call(cuStreamDestroy, stream), "cuStreamDestroy");
  }

  /**
   * A new event (default flags: timing enabled).
   *
   * @return the {@code CUevent}
   * @throws CudaException if the driver call fails
   */
  public MemorySegment createEvent() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment e = a.allocate(ADDRESS);
      check(call(cuEventCreate, e, 0), "cuEventCreate");
      return e.get(ADDRESS, 0);
    }
  }

  /**
   * Records {@code event} on {@code stream}.
   *
   * @param event an event from {@link #createEvent}
   * @param stream the stream whose current position the event marks
   * @throws CudaException if the driver call fails
   */
  public void record(MemorySegment event, MemorySegment stream) {
    check(call(cuEventRecord, event, stream), "cuEventRecord");
  }

  /**
   * Waits for {@code event}.
   *
   * @param event a recorded event
   * @throws CudaException if the driver call fails
   */
  public void synchronizeEvent(MemorySegment event) {
    check(call(cuEventSynchronize, event), "cuEventSynchronize");
  }

  /**
   * Milliseconds between two recorded events.
   *
   * @param start the earlier recorded event
   * @param end the later recorded event
   * @return the time between them, in milliseconds
   * @throws CudaException if either event has not completed
   */
  public float elapsedMillis(MemorySegment start, MemorySegment end) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment ms = a.allocate(JAVA_FLOAT);
      check(call(cuEventElapsedTime, ms, start, end), "cuEventElapsedTime");
      return ms.get(JAVA_FLOAT, 0);
    }
  }

  /**
   * Destroys {@code event}.
   *
   * @param event an event from {@link #createEvent}
   * @throws CudaException if the driver call fails
   */
  public void destroyEvent(MemorySegment event) {
    check(call(cuEventDestroy, event), "cuEventDestroy");
  }
}
