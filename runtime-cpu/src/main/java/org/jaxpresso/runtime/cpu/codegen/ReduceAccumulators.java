package org.jaxpresso.runtime.cpu.codegen;

import java.util.Arrays;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;

/**
 * The accumulator arrays of generated reductions. Float32, float64, int32 and uint32 values
 * fold straight into their result arrays ({@code float[]}, {@code double[]}, {@code int[]}).
 * Float16 and bfloat16 fold into a {@code double[]} scratch and round once at the end, as the
 * reference does; 8- and 16-bit integers and bools fold into an {@code int[]} scratch (sums and
 * products wrap to the width when stored, which is the same modulo the width). Arg-reductions
 * write the index of the best value straight into their int32 or int64 result.
 */
final class ReduceAccumulators {
  private ReduceAccumulators() {}

  /** Whether {@code c} is an arg-reduction. */
  static boolean isArg(KernelOp c) {
    return c == KernelOp.ARGMAX || c == KernelOp.ARGMIN;
  }

  /**
   * The accumulator element type of a reduction of values of {@code value} (int32 or int64 for
   * an arg-reduction: {@code index}).
   */
  static DType accType(KernelOp combiner, DType value, DType index) {
    if (isArg(combiner)) {
      // 8- and 16-bit indices are tracked in an int32 scratch and narrowed at the end.
      return index == DType.INT64 || index == DType.UINT32 ? index : DType.INT32;
    }
    return switch (value) {
      case FLOAT32 -> DType.FLOAT32;
      case FLOAT64, FLOAT16, BFLOAT16 -> DType.FLOAT64;
      case INT64, UINT64 -> value;
      default -> DType.INT32;
    };
  }

  /** Whether the accumulator is the result array itself (no scratch, no conversion). */
  static boolean direct(KernelOp combiner, DType value) {
    if (isArg(combiner)) {
      return value == DType.INT32 || value == DType.UINT32 || value == DType.INT64;
    }
    return value == DType.FLOAT32 || value == DType.FLOAT64
        || value == DType.INT32 || value == DType.UINT32 || value == DType.INT64
        || value == DType.UINT64;
  }

  /**
   * The accumulator of an arg-reduction over a non-innermost axis, for {@code n} outputs:
   * {@code {int[] index, best values (double[] for floats, long[] for 64-bit integers, int[]
   * for the rest), int[] points seen}}.
   */
  static Object[] argColumns(DType value, int n) {
    Object best = value.isFloating() ? new double[n]
        : MixedScalar.isLong(value) ? new long[n] : new int[n];
    return new Object[] {new int[n], best, new int[n]};
  }

  /** A fresh accumulator array of {@code n} elements of {@code type}. */
  static Object allocate(DType type, int n) {
    return switch (type) {
      case FLOAT32 -> new float[n];
      case FLOAT64 -> new double[n];
      case INT64, UINT64 -> new long[n];
      default -> new int[n];
    };
  }

  /** A fresh result array of {@code n} elements of {@code dtype}. */
  static Object result(DType dtype, int n) {
    return HostBuffer.allocate(dtype, n).data();
  }

  /** Sets elements {@code [from, to)} of an accumulator to a reduction's identity. */
  static void fill(Object a, int from, int to, Kernel.Reduction r) {
    if (a instanceof Object[] cols) {
      // A column arg-reduction: index and count 0, the best value the identity.
      Arrays.fill((int[]) cols[0], from, to, 0);
      Arrays.fill((int[]) cols[2], from, to, 0);
      switch (cols[1]) {
        case double[] x -> Arrays.fill(x, from, to, r.identity().getDouble(0));
        case int[] x -> Arrays.fill(x, from, to, (int) r.identity().getLong(0));
        case long[] x -> Arrays.fill(x, from, to, r.identity().getLong(0));
        default -> throw new IllegalStateException("no column arg accumulator " + cols[1]);
      }
      return;
    }
    if (isArg(r.combiner())) {
      return;
    }
    if (a instanceof long[] x) {
      Arrays.fill(x, from, to, r.identity().getLong(0));
      return;
    }
    double v = r.identity().getDouble(0);
    switch (a) {
      case int[] x -> Arrays.fill(x, from, to, (int) (long) v);
      case float[] x -> Arrays.fill(x, from, to, (float) v);
      case double[] x -> Arrays.fill(x, from, to, v);
      default -> throw new IllegalStateException("no accumulator of " + a.getClass());
    }
  }

  /** Writes a scratch accumulator into the result array of {@code dtype}, rounded or wrapped. */
  static void convert(Object acc, Object result, DType dtype) {
    if (acc instanceof Object[] cols) {
      int[] index = (int[]) cols[0];
      switch (result) {
        case int[] x -> System.arraycopy(index, 0, x, 0, x.length);
        case long[] x -> {
          for (int i = 0; i < x.length; i++) {
            x[i] = index[i];
          }
        }
        default -> convert(index, result, dtype);
      }
      return;
    }
    switch (dtype) {
      case FLOAT16, BFLOAT16 -> {
        double[] a = (double[]) acc;
        short[] r = (short[]) result;
        boolean f16 = dtype == DType.FLOAT16;
        for (int i = 0; i < r.length; i++) {
          r[i] = f16 ? CpuMath.f16Store(a[i]) : CpuMath.bf16Store(a[i]);
        }
      }
      case BOOL -> {
        int[] a = (int[]) acc;
        byte[] r = (byte[]) result;
        for (int i = 0; i < r.length; i++) {
          r[i] = (byte) (a[i] != 0 ? 1 : 0);
        }
      }
      case INT8, UINT8 -> {
        int[] a = (int[]) acc;
        byte[] r = (byte[]) result;
        for (int i = 0; i < r.length; i++) {
          r[i] = (byte) a[i];
        }
      }
      case INT16, UINT16 -> {
        int[] a = (int[]) acc;
        short[] r = (short[]) result;
        for (int i = 0; i < r.length; i++) {
          r[i] = (short) a[i];
        }
      }
      default -> throw new IllegalStateException("no scratch accumulator for " + dtype);
    }
  }
}
