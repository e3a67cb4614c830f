package org.jaxpresso.runtime.gpu;

import java.lang.foreign.MemorySegment;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;

/**
 * The operations the GPU backend needs from a device: memory, copies, kernel launches and
 * matrix products. {@link CudaDeviceApi} implements it with the CUDA driver and cuBLAS; the
 * tests implement it on host memory (kernels run by a PTX interpreter), so the device-memory
 * logic above it (the pool, array lifetimes, transfers, {@link GpuExecutable}) is tested on
 * machines without a GPU.
 *
 * <p>All work is ordered as on one stream: a launch or copy issued after another sees its
 * effects, so memory freed to the pool after a launch can be reused by the next one.
 */
public interface DeviceApi {
  /**
   * Allocates device memory.
   *
   * @param bytes the size in bytes (at least 1)
   * @return the device address, or 0 when the device is out of memory
   * @throws RuntimeException for any other failure
   */
  long tryAlloc(long bytes);

  /**
   * Frees memory from {@link #tryAlloc}.
   *
   * @param ptr the device address
   */
  void free(long ptr);

  /**
   * The device's free and total memory in bytes ({@code cuMemGetInfo}).
   *
   * @return {@code {free, total}}
   */
  long[] memInfo();

  /**
   * Copies host memory to the device.
   *
   * @param dst the device address
   * @param src the host memory (a heap or native segment)
   * @param bytes the number of bytes
   */
  void copyToDevice(long dst, MemorySegment src, long bytes);

  /**
   * Copies device memory to the host, waiting for earlier work.
   *
   * @param dst the host memory (a heap or native segment)
   * @param src the device address
   * @param bytes the number of bytes
   */
  void copyToHost(MemorySegment dst, long src, long bytes);

  /**
   * Copies device memory to device memory.
   *
   * @param dst the destination address
   * @param src the source address
   * @param bytes the number of bytes
   */
  void copyDeviceToDevice(long dst, long src, long bytes);

  /**
   * Prepares a kernel (loads and JIT-compiles its module) so that launches do not pay for it.
   *
   * @param kernel a generated kernel
   */
  void load(PtxKernel kernel);

  /**
   * Launches one entry of a kernel's module with a 1-D grid.
   *
   * @param kernel the kernel
   * @param entry its entry point ({@code kernel.entry()} or {@code kernel.partialEntry()})
   * @param grid the number of blocks
   * @param block the threads per block
   * @param params the kernel's {@code .u64} parameters (device addresses), in order
   */
  void launch(PtxKernel kernel, String entry, int grid, int block, long[] params);

  /** Waits for all issued work (and reports its asynchronous errors). */
  void synchronize();

  /**
   * The number of multiprocessors (the launch cap is 32 blocks per multiprocessor).
   *
   * @return the multiprocessor count
   */
  int multiprocessors();

  /**
   * Whether {@link #gemm} is available (cuBLAS found).
   *
   * @return whether matrix products run on the device
   */
  boolean hasBlas();

  /**
   * A batch of row-major matrix products {@code C[b] = op(A[b]) op(B[b])}.
   *
   * @param g the product's shape, operands and precision
   */
  void gemm(Gemm g);

  /**
   * A strided batch of row-major products {@code C[i] = op(A[i]) op(B[i])} with {@code op(A)} of
   * shape {@code [m, k]} and {@code op(B)} of {@code [k, n]}, all float32 or all float64.
   *
   * @param f64 whether the operands are float64 (else float32)
   * @param tf32 whether float32 inputs may be rounded to TensorFloat-32 (JAX's DEFAULT and
   *     HIGH precision on GPUs that have it); false computes in full float32
   * @param batch the number of products
   * @param m rows of {@code op(A)} and {@code C}
   * @param n columns of {@code op(B)} and {@code C}
   * @param k the contracted size
   * @param a the address of {@code A[0]}: {@code [m, k]} row-major, or {@code [k, m]} when
   *     {@code transA}
   * @param transA whether {@code A} is stored transposed
   * @param strideA elements between consecutive {@code A[i]}
   * @param b the address of {@code B[0]}: {@code [k, n]} row-major, or {@code [n, k]} when
   *     {@code transB}
   * @param transB whether {@code B} is stored transposed
   * @param strideB elements between consecutive {@code B[i]}
   * @param c the address of {@code C[0]}, {@code [m, n]} row-major, overwritten
   * @param strideC elements between consecutive {@code C[i]}
   */
  record Gemm(boolean f64, boolean tf32, int batch, int m, int n, int k, long a, boolean transA,
      long strideA, long b, boolean transB, long strideB, long c, long strideC) {}
}
