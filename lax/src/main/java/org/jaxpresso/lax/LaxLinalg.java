package org.jaxpresso.lax;

import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.primitives.Linalg;

/**
 * Linear algebra of {@link Lax}, as {@code jax.lax.linalg}: {@link #svd}. Use through
 * {@link Lax}; the strict layer is split by family so that each file stays small, and a static
 * import of {@code Lax.*} (or {@code Lax.svd(...)}) reaches every method.
 */
public abstract class LaxLinalg extends LaxControlFlow {
  /** Not instantiable; extended by the next family of the facade. */
  protected LaxLinalg() {}

  /**
   * {@code jax.lax.linalg.svd(x, full_matrices=True, compute_uv=True)}: {@code [u, s, vt]}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code jax.lax.linalg.svd(x, full_matrices=True, compute_uv=True)}
   * @see #svd(Object, boolean, boolean)
   */
  public static List<NDArray> svd(Object x) {
    return svd(x, true, true);
  }

  /**
   * {@code jax.lax.linalg.svd(x, full_matrices=..., compute_uv=...)}: the singular value
   * decomposition {@code x = u @ diag(s) @ vt} of each matrix of {@code x} ({@code [..., m, n]},
   * float32 or float64, leading dimensions batched). Returns {@code [u, s, vt]} with
   * {@code computeUv} (note the order: the {@code svd} primitive itself outputs s, u, vt) and
   * {@code [s]} without: {@code s} ({@code [..., k]}, {@code k = min(m, n)}) descending and
   * non-negative, {@code u} {@code [..., m, m]} and {@code vt} {@code [..., n, n]} with
   * {@code fullMatrices}, else {@code [..., m, k]} and {@code [..., k, n]}. Signs of singular
   * vectors are not unique.
   *
   * <pre>{@code
   * List<NDArray> usv = Lax.svd(m, false, true);   // u, s, vt
   * NDArray s = Lax.svd(m, true, false).get(0);     // singular values only
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param fullMatrices whether to return full rather than reduced factors
   * @param computeUv whether to compute the singular vectors too
   * @return {@code jax.lax.linalg.svd(x, full_matrices=..., compute_uv=...)}
   * @throws org.jaxpresso.core.errors.JaxTypeError for rank below 2 or a dtype other than
   *     float32 and float64
   */
  public static List<NDArray> svd(Object x, boolean fullMatrices, boolean computeUv) {
    NDArray a = LaxSupport.asArray(x);
    List<NDArray> out = Linalg.SVD.bind(List.of(a),
        Linalg.svdParams(fullMatrices, computeUv, null));
    return computeUv ? List.of(out.get(1), out.get(0), out.get(2)) : List.of(out.get(0));
  }
}
