package org.jaxpresso.runtime.gpu.ptx;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jaxpresso.runtime.gpu.DeviceApi;

/**
 * A device for tests, in host memory: allocations come from the {@link PtxInterpreter}'s heap
 * (bounded by a capacity, so out-of-memory can be provoked), kernels run in the interpreter,
 * and matrix products in Java (rounding float32 inputs to TensorFloat-32 when the call allows
 * it, as the tensor cores do). Counts driver allocations, frees, launches and products so that
 * tests can check what the layers above did.
 */
public final class SimulatedDeviceApi implements DeviceApi {
  private final PtxInterpreter vm;
  private final long capacity;
  private long used;
  private final Map<Long, Long> sizes = new HashMap<>();
  private final Map<Long, ArrayDeque<Long>> freed = new HashMap<>();
  private final AtomicInteger allocs = new AtomicInteger();
  private final AtomicInteger frees = new AtomicInteger();
  private final AtomicInteger launches = new AtomicInteger();
  private final List<Gemm> gemms = new ArrayList<>();

  /**
   * A device with {@code capacity} bytes of memory.
   *
   * @param capacity the device memory in bytes (the interpreter's heap is a bit larger)
   */
  public SimulatedDeviceApi(int capacity) {
    this.vm = new PtxInterpreter(capacity + (1 << 16));
    this.capacity = capacity;
  }

  @Override
  public synchronized long tryAlloc(long bytes) {
    if (used + bytes > capacity) {
      return 0;
    }
    ArrayDeque<Long> q = freed.get(bytes);
    long p = q != null && !q.isEmpty() ? q.pop() : vm.alloc(bytes);
    sizes.put(p, bytes);
    used += bytes;
    allocs.incrementAndGet();
    return p;
  }

  @Override
  public synchronized void free(long ptr) {
    Long bytes = sizes.remove(ptr);
    if (bytes == null) {
      throw new IllegalStateException("free of an address that is not allocated: " + ptr);
    }
    used -= bytes;
    freed.computeIfAbsent(bytes, b -> new ArrayDeque<>()).push(ptr);
    frees.incrementAndGet();
  }

  @Override
  public synchronized long[] memInfo() {
    return new long[] {capacity - used, capacity};
  }

  private void checkRange(long ptr, long bytes) {
    Long base = null;
    for (Map.Entry<Long, Long> e : sizes.entrySet()) {
      if (ptr >= e.getKey() && ptr + bytes <= e.getKey() + e.getValue()) {
        base = e.getKey();
        break;
      }
    }
    if (base == null) {
      throw new IllegalStateException("access of " + bytes + " bytes at " + ptr
          + " outside every live allocation");
    }
  }

  @Override
  public synchronized void copyToDevice(long dst, MemorySegment src, long bytes) {
    checkRange(dst, bytes);
    vm.writeBytes(dst, src, bytes);
  }

  @Override
  public synchronized void copyToHost(MemorySegment dst, long src, long bytes) {
    checkRange(src, bytes);
    vm.readBytes(dst, src, bytes);
  }

  @Override
  public synchronized void copyDeviceToDevice(long dst, long src, long bytes) {
    checkRange(src, bytes);
    checkRange(dst, bytes);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment tmp = a.allocate(Math.max(1, bytes));
      vm.readBytes(tmp, src, bytes);
      vm.writeBytes(dst, tmp, bytes);
    }
  }

  @Override
  public void load(org.jaxpresso.runtime.gpu.ptx.PtxKernel kernel) {
    // The interpreter parses modules at launch; nothing to prepare.
  }

  @Override
  public synchronized void launch(PtxKernel kernel, String entry, int grid, int block,
      long[] params) {
    for (long p : params) {
      checkRange(p, 1);
    }
    launches.incrementAndGet();
    vm.launch(kernel.ptx(), entry, grid, block, params);
  }

  @Override
  public void synchronize() {}

  @Override
  public int multiprocessors() {
    return 1;
  }

  @Override
  public boolean hasBlas() {
    return true;
  }

  @Override
  public synchronized void gemm(Gemm g) {
    gemms.add(g);
    int size = g.f64() ? 8 : 4;
    for (int i = 0; i < g.batch(); i++) {
      double[] a = read(g.a() + size * i * g.strideA(), g.m() * g.k(), g.f64(), g.tf32());
      double[] b = read(g.b() + size * i * g.strideB(), g.k() * g.n(), g.f64(), g.tf32());
      double[] c = new double[g.m() * g.n()];
      for (int r = 0; r < g.m(); r++) {
        for (int col = 0; col < g.n(); col++) {
          double s = 0;
          for (int q = 0; q < g.k(); q++) {
            double x = g.transA() ? a[q * g.m() + r] : a[r * g.k() + q];
            double y = g.transB() ? b[col * g.k() + q] : b[q * g.n() + col];
            s += x * y;
          }
          c[r * g.n() + col] = s;
        }
      }
      write(g.c() + size * i * g.strideC(), c, g.f64());
    }
  }

  private double[] read(long ptr, int n, boolean f64, boolean tf32) {
    int size = f64 ? 8 : 4;
    checkRange(ptr, (long) n * size);
    double[] v = new double[n];
    try (Arena ar = Arena.ofConfined()) {
      MemorySegment s = ar.allocate(Math.max(1, (long) n * size), 8);
      vm.readBytes(s, ptr, (long) n * size);
      for (int i = 0; i < n; i++) {
        v[i] = f64 ? s.getAtIndex(ValueLayout.JAVA_DOUBLE, i)
            : tf32 ? toTf32(s.getAtIndex(ValueLayout.JAVA_FLOAT, i))
            : s.getAtIndex(ValueLayout.JAVA_FLOAT, i);
      }
    }
    return v;
  }

  private void write(long ptr, double[] c, boolean f64) {
    int size = f64 ? 8 : 4;
    checkRange(ptr, (long) c.length * size);
    try (Arena ar = Arena.ofConfined()) {
      MemorySegment s = ar.allocate(Math.max(1, (long) c.length * size), 8);
      for (int i = 0; i < c.length; i++) {
        if (f64) {
          s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, c[i]);
        } else {
          s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) c[i]);
        }
      }
      vm.writeBytes(ptr, s, (long) c.length * size);
    }
  }

  /** A float rounded to TensorFloat-32 (10 fraction bits, nearest-even), as tensor cores do. */
  static float toTf32(float x) {
    int bits = Float.floatToRawIntBits(x);
    if ((bits & 0x7F80_0000) == 0x7F80_0000) {
      return x;
    }
    int rounded = (bits + 0xFFF + ((bits >>> 13) & 1)) & ~0x1FFF;
    return Float.intBitsToFloat(rounded);
  }

  /**
   * Allocations obtained from this device so far.
   *
   * @return the number of successful {@link #tryAlloc} calls
   */
  public int allocations() {
    return allocs.get();
  }

  /**
   * Frees so far.
   *
   * @return the number of {@link #free} calls
   */
  public int frees() {
    return frees.get();
  }

  /**
   * Kernel launches so far.
   *
   * @return the number of {@link #launch} calls
   */
  public int launches() {
    return launches.get();
  }

  /**
   * The matrix products issued so far.
   *
   * @return a copy of the list of products
   */
  public synchronized List<Gemm> gemms() {
    return List.copyOf(gemms);
  }

  /**
   * Bytes allocated from this device and not freed.
   *
   * @return the live bytes
   */
  public synchronized long usedBytes() {
    return used;
  }
}
