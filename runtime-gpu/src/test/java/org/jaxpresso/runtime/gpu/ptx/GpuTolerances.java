package org.jaxpresso.runtime.gpu.ptx;

import org.jaxpresso.core.DType;
import org.jaxpresso.jit.conformance.Tolerance;
import org.jaxpresso.jit.conformance.Tolerances;

/**
 * The GPU backend's documented accuracy in conformance terms (as {@link
 * PtxTestPrograms#difference}): transcendentals within 2 ulps in float32, float16 and bfloat16
 * (computed in double, rounded once), and relative 1e-12 in float64 (the double math library:
 * erf_inv 1e-6, pow 1e-11, lgamma and digamma also 1e-12 absolute near their roots);
 * everything else as {@link Tolerances#standard}.
 */
public final class GpuTolerances {
  private GpuTolerances() {}

  /**
   * The tolerance of {@code primitive} producing {@code dtype} on the GPU.
   *
   * @param primitive the primitive under test
   * @param dtype the output's dtype
   * @return the tolerance
   */
  public static Tolerance of(String primitive, DType dtype) {
    Tolerance t = Tolerances.standard(primitive, dtype);
    if (t.exact()) {
      return t;
    }
    if (dtype != DType.FLOAT64) {
      return Tolerance.ulps(2);
    }
    double rel = primitive.equals("erf_inv") ? 1e-6 : primitive.equals("pow") ? 1e-11 : 1e-12;
    double abs = primitive.equals("lgamma") || primitive.equals("digamma") ? 1e-12 : 0;
    return new Tolerance(0, rel, abs);
  }
}
