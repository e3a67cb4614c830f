package org.jaxpresso.runtime.gpu;

import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Precision;

/**
 * Which {@code dot_general}s run as one cuBLAS strided-batched GEMM, and with which arguments.
 * The form cuBLAS takes directly: float32 or float64 operands and result of one dtype; batch
 * dimensions leading and in the same order on both sides (any number: they are contiguous, so
 * they flatten to one batch of {@code prod} products); one contracting dimension; at most one
 * free dimension per operand. Each operand may be stored transposed ({@code [k, m]} for the
 * lhs, {@code [n, k]} for the rhs): cuBLAS reads it so without a copy. {@link GpuLowering}
 * rewrites every other floating {@code dot_general} (and convolutions) into this form.
 */
final class GpuDot {
  private GpuDot() {}

  /** A product's geometry: sizes and which operands are stored transposed. */
  record Shape(int batch, int m, int n, int k, boolean transA, boolean transB) {}

  /**
   * The product computed by a {@code dot_general} of these avals, or null when it is not of
   * the direct form.
   *
   * @param lhs the left operand
   * @param rhs the right operand
   * @param out the result
   * @param dn the dimension numbers
   * @return its geometry, or null
   */
  static Shape direct(ShapedArray lhs, ShapedArray rhs, ShapedArray out,
      DotDimensionNumbers dn) {
    DType d = lhs.dtype();
    if (!GpuExecutable.blasType(d) || rhs.dtype() != d || out.dtype() != d) {
      return null;
    }
    int nb = dn.lhsBatch().length;
    for (int i = 0; i < nb; i++) {
      if (dn.lhsBatch()[i] != i || dn.rhsBatch()[i] != i) {
        return null;
      }
    }
    if (dn.lhsContracting().length != 1 || lhs.rank() > nb + 2 || rhs.rank() > nb + 2
        || lhs.rank() < nb + 1 || rhs.rank() < nb + 1) {
      return null;
    }
    int lc = dn.lhsContracting()[0];
    int rc = dn.rhsContracting()[0];
    int[] ls = lhs.shape().dims();
    int[] rs = rhs.shape().dims();
    int batch = 1;
    for (int i = 0; i < nb; i++) {
      batch = Math.multiplyExact(batch, ls[i]);
    }
    int k = ls[lc];
    boolean transA = lhs.rank() == nb + 2 && lc == nb;
    int m = lhs.rank() == nb + 1 ? 1 : ls[transA ? nb + 1 : nb];
    boolean transB = rhs.rank() == nb + 2 && rc == nb + 1;
    int n = rhs.rank() == nb + 1 ? 1 : rs[transB ? nb : nb + 1];
    if (k == 0) {
      return null;
    }
    return new Shape(batch, m, n, k, transA, transB);
  }

  /**
   * The cuBLAS call of library kernel {@code k}, or null when it is not a direct {@code
   * dot_general}.
   *
   * @param kp the kernel program
   * @param k a library kernel
   * @param ptrOf the device address of every value
   * @return the call, or null
   */
  static DeviceApi.Gemm gemm(KernelProgram kp, Kernel k, long[] ptrOf) {
    Eqn e = k.call();
    if (!e.primitive().name().equals("dot_general") || k.inputs().size() != 2) {
      return null;
    }
    ShapedArray lhs = kp.values().get(k.inputs().get(0)).aval();
    ShapedArray rhs = kp.values().get(k.inputs().get(1)).aval();
    ShapedArray out = kp.values().get(k.outputs().get(0)).aval();
    Shape s = direct(lhs, rhs, out, e.params().get("dimension_numbers",
        DotDimensionNumbers.class));
    if (s == null) {
      return null;
    }
    boolean f64 = lhs.dtype() == DType.FLOAT64;
    return new DeviceApi.Gemm(f64, !f64 && tf32Allowed(e.params()), s.batch(), s.m(), s.n(),
        s.k(), ptrOf[k.inputs().get(0)], s.transA(), (long) s.m() * s.k(),
        ptrOf[k.inputs().get(1)], s.transB(), (long) s.k() * s.n(), ptrOf[k.outputs().get(0)],
        (long) s.m() * s.n());
  }

  /**
   * Whether JAX lets a float32 product use TensorFloat-32 on the GPU: JAX's {@code
   * Precision.DEFAULT} ("uses tensorfloat32 if available") and {@code HIGH} ("uses
   * tensorfloat32 where available") do, {@code HIGHEST} ("uses float32") does not. With a
   * precision per operand, either operand asking for {@code HIGHEST} forbids it.
   *
   * @param params the {@code dot_general} (or convolution) parameters
   * @return whether TF32 is allowed
   */
  static boolean tf32Allowed(Params params) {
    Object p = params.has("precision") ? params.get("precision", Object.class) : null;
    if (p instanceof List<?> l) {
      for (Object x : l) {
        if (x == Precision.HIGHEST) {
          return false;
        }
      }
    } else if (p == Precision.HIGHEST) {
      return false;
    }
    return true;
  }

  /** A short description of a library kernel's operands, for the host-fallback log line. */
  static String describe(KernelProgram kp, Kernel k) {
    StringBuilder sb = new StringBuilder();
    for (int v : k.inputs()) {
      sb.append(sb.isEmpty() ? "" : ", ").append(kp.values().get(v).aval().str());
    }
    return sb + " -> " + Arrays.toString(k.outputs().stream()
        .map(v -> kp.values().get(v).aval().str()).toArray());
  }
}
