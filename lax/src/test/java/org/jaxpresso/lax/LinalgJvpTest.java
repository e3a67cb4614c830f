package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ad.Ad;
import org.jaxpresso.core.errors.NotImplementedError;
import org.junit.jupiter.api.Test;

/**
 * svd's JVP beyond the finite-difference checks of {@link RulesDerivativeTest}: JAX's error
 * for full factors of a non-square matrix, the closed form of the singular values' tangent
 * ({@code diag(u^T dA v)}), and float32.
 */
class LinalgJvpTest {
  @Test
  void fullMatricesOfANonSquareMatrixIsJaxsError() {
    Array a = Array.fromDoubles(DType.FLOAT64, new double[] {1, 2, 3, 4, 5, 7}, 3, 2);
    NotImplementedError e = assertThrows(NotImplementedError.class, () -> Ad.jvp(
        x -> Lax.svd(x.get(0), true, true), List.of(a), List.of(a)));
    assertEquals("Singular value decomposition JVP not implemented for full matrices",
        e.getMessage());
    // singular values alone (compute_uv=False) are fine with full_matrices=True
    Ad.JvpOutput s = Ad.jvp(x -> Lax.svd(x.get(0), true, false), List.of(a), List.of(a));
    assertArrayEquals(Lax.svd(a, false, false).get(0).toDoubleArray(),
        s.tangents().get(0).toDoubleArray(), 1e-12);
  }

  @Test
  void singularValueTangentIsTheDiagonalOfUtDaV() {
    Array a = Array.fromDoubles(DType.FLOAT32, new double[] {2, 0.5, -1, 1, 3, 0.25}, 2, 3);
    Array da = Array.fromDoubles(DType.FLOAT32, new double[] {0.3, -1, 0.5, 2, 0.1, -0.7},
        2, 3);
    List<NDArray> usv = Lax.svd(a, false, true);
    NDArray ut = Lax.transpose(usv.get(0), 1, 0);
    NDArray v = Lax.transpose(usv.get(2), 1, 0);
    NDArray ds = Lax.dotGeneral(Lax.dotGeneral(ut, da, DotDimensionNumbers.of(new int[] {1},
        new int[] {0})), v, DotDimensionNumbers.of(new int[] {1}, new int[] {0}));
    float[] m = ds.toFloatArray();
    Ad.JvpOutput out = Ad.jvp(x -> List.of(Lax.svd(x.get(0), false, false).get(0)),
        List.of(a), List.of(da));
    assertEquals(DType.FLOAT32, out.tangents().get(0).aval().dtype());
    assertArrayEquals(new float[] {m[0], m[3]}, out.tangents().get(0).toFloatArray(), 1e-5f);
  }
}
