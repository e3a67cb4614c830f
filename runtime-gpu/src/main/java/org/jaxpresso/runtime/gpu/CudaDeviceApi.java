package org.jaxpresso.runtime.gpu;

import java.lang.foreign.MemorySegment;
import org.jaxpresso.runtime.gpu.cuda.Cublas;
import org.jaxpresso.runtime.gpu.cuda.CudaDriver;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;

/**
 * {@link DeviceApi} on a real GPU: the CUDA driver (primary context of device 0, the legacy
 * default stream, so all work is ordered) and cuBLAS, through {@link GpuRuntime}. Every call
 * first makes the context current on the calling thread (once per thread), since arrays are
 * freed on the {@link java.lang.ref.Cleaner}'s thread too.
 */
final class CudaDeviceApi implements DeviceApi {
  private final GpuRuntime rt;
  private final CudaDriver cu;
  private final ThreadLocal<Boolean> entered = ThreadLocal.withInitial(() -> false);

  CudaDeviceApi(GpuRuntime rt) {
    this.rt = rt;
    this.cu = rt.driver();
  }

  private void enter() {
    if (!entered.get()) {
      rt.enter();
      entered.set(true);
    }
  }

  @Override
  public long tryAlloc(long bytes) {
    enter();
    return cu.tryAlloc(bytes);
  }

  @Override
  public void free(long ptr) {
    enter();
    cu.free(ptr);
  }

  @Override
  public long[] memInfo() {
    enter();
    return cu.memInfo();
  }

  @Override
  public void copyToDevice(long dst, MemorySegment src, long bytes) {
    enter();
    cu.copyToDevice(dst, src, bytes);
  }

  @Override
  public void copyToHost(MemorySegment dst, long src, long bytes) {
    enter();
    cu.copyToHost(dst, src, bytes);
  }

  @Override
  public void copyDeviceToDevice(long dst, long src, long bytes) {
    enter();
    cu.copyDeviceToDevice(dst, src, bytes);
  }

  @Override
  public void load(PtxKernel kernel) {
    enter();
    rt.function(kernel);
    if (kernel.splits() > 1) {
      rt.function(kernel, kernel.partialEntry());
    }
  }

  @Override
  public void launch(PtxKernel kernel, String entry, int grid, int block, long[] params) {
    enter();
    cu.launch(rt.function(kernel, entry), grid, block, 0, MemorySegment.NULL, params, entry);
  }

  @Override
  public void synchronize() {
    enter();
    cu.synchronize();
  }

  @Override
  public int multiprocessors() {
    return rt.multiprocessors();
  }

  @Override
  public boolean hasBlas() {
    return rt.cublas().isPresent();
  }

  @Override
  public void gemm(Gemm g) {
    enter();
    Cublas blas = rt.cublas().orElseThrow(() -> new IllegalStateException("cuBLAS is missing"));
    MemorySegment handle = rt.cublasHandle();
    blas.setMathMode(handle, !g.f64() && g.tf32() ? Cublas.TF32_TENSOR_OP_MATH
        : Cublas.DEFAULT_MATH);
    blas.gemmStridedBatched(handle, g.f64(), g.batch(), g.m(), g.n(), g.k(), g.a(), g.transA(),
        g.strideA(), g.b(), g.transB(), g.strideB(), g.c(), g.strideC());
  }
}
