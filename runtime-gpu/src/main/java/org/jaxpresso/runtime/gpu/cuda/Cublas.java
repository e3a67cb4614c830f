package org.jaxpresso.runtime.gpu.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * cuBLAS ({@code libcublas.so.13} or {@code .12}) through FFM: a handle bound to a stream, and
 * row-major GEMM on device pointers for {@code dot_general}. Row-major {@code C = A B} is
 * column-major {@code C^T = B^T A^T}, so the operands are passed swapped with no transposition.
 * Math mode follows JAX's precision: {@code DEFAULT} lets float32 use TF32 tensor cores
 * ({@code CUBLAS_TF32_TENSOR_OP_MATH}); {@code HIGHEST} forbids it ({@code
 * CUBLAS_PEDANTIC_MATH}).
 */
public final class Cublas {
  /** {@code CUBLAS_OP_N}. */
  static final int OP_N = 0;
  /** {@code CUBLAS_DEFAULT_MATH}. */
  public static final int DEFAULT_MATH = 0;
  /** {@code CUBLAS_PEDANTIC_MATH}. */
  public static final int PEDANTIC_MATH = 2;
  /** {@code CUBLAS_TF32_TENSOR_OP_MATH}. */
  public static final int TF32_TENSOR_OP_MATH = 3;

  private final MethodHandle create;
  private final MethodHandle destroy;
  private final MethodHandle setStream;
  private final MethodHandle setMathMode;
  private final MethodHandle sgemm;
  private final MethodHandle dgemm;

  private Cublas(SymbolLookup lib) {
    Linker l = Linker.nativeLinker();
    create = bind(l, lib, "cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    destroy = bind(l, lib, "cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    setStream = bind(l, lib, "cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        ADDRESS));
    setMathMode = bind(l, lib, "cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS,
        JAVA_INT));
    FunctionDescriptor gemm = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
        JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS,
        JAVA_LONG, JAVA_INT);
    sgemm = bind(l, lib, "cublasSgemm_v2", gemm);
    dgemm = bind(l, lib, "cublasDgemm_v2", gemm);
  }

  private static MethodHandle bind(Linker l, SymbolLookup lib, String name,
      FunctionDescriptor fd) {
    return l.downcallHandle(lib.find(name).orElseThrow(() -> new CudaException(
        "libcublas has no symbol " + name)), fd);
  }

  /**
   * cuBLAS, if its library is found (loader, {@code jaxpresso.cuda.path}, CUDA_HOME).
   *
   * @return the bound library, or empty when it or a symbol is missing
   */
  public static Optional<Cublas> load() {
    return CudaLibraries.find("libcublas.so.13", "libcublas.so.12", "libcublas.so")
        .flatMap(lib -> {
          try {
            return Optional.of(new Cublas(lib));
          } catch (CudaException e) {
            return Optional.empty();
          }
        });
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

  private static void check(int status, String what) {
    if (status != 0) {
      throw new CudaException(what, status, "cublasStatus_t");
    }
  }

  /**
   * A new cuBLAS handle (needs a current context).
   *
   * @return the {@code cublasHandle_t}
   * @throws CudaException if cuBLAS cannot create it
   */
  public MemorySegment createHandle() {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment h = a.allocate(ADDRESS);
      check(call(create, h), "cublasCreate");
      return h.get(ADDRESS, 0);
    }
  }

  /**
   * Destroys a handle.
   *
   * @param handle a handle from {@link #createHandle}
   * @throws CudaException if cuBLAS reports an error
   */
  public void destroyHandle(MemorySegment handle) {
    check(call(destroy, handle), "cublasDestroy");
  }

  /**
   * Binds {@code handle} to {@code stream}.
   *
   * @param handle a handle from {@link #createHandle}
   * @param stream the {@code CUstream} later calls on the handle are queued on
   * @throws CudaException if cuBLAS reports an error
   */
  public void setStream(MemorySegment handle, MemorySegment stream) {
    check(call(setStream, handle, stream), "cublasSetStream");
  }

  /**
   * Sets the math mode ({@link #DEFAULT_MATH}, {@link #TF32_TENSOR_OP_MATH}, ...).
   *
   * @param handle a handle from {@link #createHandle}
   * @param mode the {@code cublasMath_t} value
   * @throws CudaException if cuBLAS reports an error
   */
  public void setMathMode(MemorySegment handle, int mode) {
    check(call(setMathMode, handle, mode), "cublasSetMathMode");
  }

  /**
   * Row-major {@code C[m,n] = A[m,k] B[k,n]} on device pointers, float32 or float64.
   *
   * @param handle a handle from {@link #createHandle}
   * @param m rows of A and C
   * @param n columns of B and C
   * @param k columns of A, rows of B
   * @param a device pointer to A, row-major and contiguous
   * @param b device pointer to B, row-major and contiguous
   * @param c device pointer to C, overwritten
   * @throws CudaException if cuBLAS reports an error
   * @param f64 whether the operands are float64 (else float32)
   */
  public void gemmRowMajor(MemorySegment handle, boolean f64, int m, int n, int k, long a,
      long b, long c) {
    try (Arena ar = Arena.ofConfined()) {
      MemorySegment alpha = f64 ? ar.allocateFrom(JAVA_DOUBLE, 1.0)
          : ar.allocateFrom(JAVA_FLOAT, 1.0f);
      MemorySegment beta = f64 ? ar.allocateFrom(JAVA_DOUBLE, 0.0)
          : ar.allocateFrom(JAVA_FLOAT, 0.0f);
      int status = call(f64 ? dgemm : sgemm, handle, OP_N, OP_N, n, m, k, alpha, b,
          Math.max(1, n), a, Math.max(1, k), beta, c, Math.max(1, n));
      check(status, (f64 ? "cublasDgemm" : "cublasSgemm") + " " + m + "x" + k + " by " + k
          + "x" + n);
    }
  }
}
