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
 * Math mode follows JAX's precision: {@code DEFAULT} and {@code HIGH} let float32 use TF32
 * tensor cores ({@code CUBLAS_TF32_TENSOR_OP_MATH}); {@code HIGHEST} forbids it ({@code
 * CUBLAS_DEFAULT_MATH}, which never lowers float32 inputs).
 */
public final class Cublas {
  /** {@code CUBLAS_OP_N}. */
  static final int OP_N = 0;
  /** {@code CUBLAS_OP_T}. */
  static final int OP_T = 1;
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
  private final MethodHandle sgemmBatched;
  private final MethodHandle dgemmBatched;

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
    FunctionDescriptor batched = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
        JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG,
        JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT);
    sgemmBatched = bind(l, lib, "cublasSgemmStridedBatched", batched);
    dgemmBatched = bind(l, lib, "cublasDgemmStridedBatched", batched);
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

  /**
   * A strided batch of row-major products {@code C[i] = op(A[i]) op(B[i])} on device pointers
   * ({@code cublasSgemmStridedBatched} / {@code cublasDgemmStridedBatched}), with {@code
   * op(A)} of shape {@code [m, k]} and {@code op(B)} of {@code [k, n]}. Row-major {@code C = A
   * B} is column-major {@code C^T = B^T A^T}: the operands are passed swapped, a row-major
   * operand stored transposed becomes a column-major {@code OP_T}.
   *
   * @param handle a handle from {@link #createHandle}
   * @param f64 whether the operands are float64 (else float32)
   * @param batch the number of products (0 does nothing)
   * @param m rows of {@code op(A)} and {@code C}
   * @param n columns of {@code op(B)} and {@code C}
   * @param k the contracted size
   * @param a device pointer to {@code A[0]}: {@code [m, k]}, or {@code [k, m]} when {@code
   *     transA}
   * @param transA whether {@code A} is stored transposed
   * @param strideA elements between consecutive {@code A[i]}
   * @param b device pointer to {@code B[0]}: {@code [k, n]}, or {@code [n, k]} when {@code
   *     transB}
   * @param transB whether {@code B} is stored transposed
   * @param strideB elements between consecutive {@code B[i]}
   * @param c device pointer to {@code C[0]}, {@code [m, n]}, overwritten
   * @param strideC elements between consecutive {@code C[i]}
   * @throws CudaException if cuBLAS reports an error
   */
  public void gemmStridedBatched(MemorySegment handle, boolean f64, int batch, int m, int n,
      int k, long a, boolean transA, long strideA, long b, boolean transB, long strideB, long c,
      long strideC) {
    if (batch == 0 || m == 0 || n == 0) {
      return;
    }
    try (Arena ar = Arena.ofConfined()) {
      MemorySegment alpha = f64 ? ar.allocateFrom(JAVA_DOUBLE, 1.0)
          : ar.allocateFrom(JAVA_FLOAT, 1.0f);
      MemorySegment beta = f64 ? ar.allocateFrom(JAVA_DOUBLE, 0.0)
          : ar.allocateFrom(JAVA_FLOAT, 0.0f);
      int ldb = Math.max(1, transB ? k : n);
      int lda = Math.max(1, transA ? m : k);
      int status = call(f64 ? dgemmBatched : sgemmBatched, handle, transB ? OP_T : OP_N,
          transA ? OP_T : OP_N, n, m, k, alpha, b, ldb, strideB, a, lda, strideA, beta, c,
          Math.max(1, n), strideC, batch);
      check(status, (f64 ? "cublasDgemmStridedBatched" : "cublasSgemmStridedBatched") + " of "
          + batch + " products " + m + "x" + k + " by " + k + "x" + n);
    }
  }
}
