package org.jaxpresso.lax.primitives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.internal.linalg.JacobiSvd;

/**
 * Linear-algebra primitives of {@code jax.lax.linalg}: {@code svd}.
 *
 * <p>They are JAX's "linalg primitives": the operand's leading dimensions are batch
 * dimensions, the last two a matrix; only float32 and float64 (and, in JAX, complex64 and
 * complex128, which jaxpresso does not have) are accepted.
 */
public final class Linalg {
  private Linalg() {}

  /**
   * The dtypes of JAX's linalg {@code _float | _complex}, in the order JAX's messages list them
   * (the iteration order of that Python set of NumPy types).
   */
  private static final String ACCEPTED = "float32, complex128, complex64, float64";

  /**
   * {@code svd[algorithm compute_uv full_matrices subset_by_index]}: a batch of {@code m x n}
   * matrices to its singular values {@code s} ({@code [..., k]}, descending, {@code k = min(m,
   * n)}) and, with {@code compute_uv}, {@code u} ({@code [..., m, m]} full or {@code [..., m,
   * k]}) and {@code vt} ({@code [..., n, n]} or {@code [..., k, n]}), in that order (s, u, vt).
   *
   * <p>The reference implementation is one-sided Jacobi in double precision rounded to the
   * dtype; like JAX on CPU it raises for an algorithm other than the default and for a
   * {@code subset_by_index} other than all of them, and gives NaNs for a matrix with a NaN or
   * an infinity.
   */
  public static final Primitive SVD = Primitive.builder("svd")
      .family("linalg")
      .multipleResults()
      .abstractEval((avals, params) -> svdAvals(avals.get(0), params))
      .impl((args, params) -> svd(args.get(0), params))
      .build();

  /**
   * The params of {@code svd}.
   *
   * @param fullMatrices whether to return full rather than reduced factors
   * @param computeUv whether to compute the singular vectors too
   * @return the params of {@code svd}
   * @param subsetByIndex {@code (start, end)} of the singular values to keep, or null for all
   */
  public static Params svdParams(boolean fullMatrices, boolean computeUv, int[] subsetByIndex) {
    return Params.of("full_matrices", fullMatrices, "compute_uv", computeUv,
        "subset_by_index", subsetByIndex == null ? null : subsetByIndex.clone(),
        "algorithm", null);
  }

  /**
   * JAX's {@code linalg_shape_rule} with {@code _svd_shape_rule}, then the dtype rule: rank at
   * least 2 ({@code Input 0 to svd must have rank at least 2, but got shape=(3,)}), a subset
   * only without full matrices ({@code full_matrices and subset_by_index cannot both be set}),
   * float32 or float64 ({@code svd does not accept dtype int32 at position 0. Accepted dtypes at
   * position 0 are subtypes of float32, complex128, complex64, float64.}). Outputs keep the
   * operand's dtype; they are weak when the operand is.
   */
  private static List<ShapedArray> svdAvals(ShapedArray x, Params params) {
    if (x.rank() < 2) {
      throw new JaxTypeError(
          "Input 0 to svd must have rank at least 2, but got shape=" + x.shape());
    }
    int[] dims = x.shape().dims();
    int nb = dims.length - 2;
    int m = dims[nb];
    int n = dims[nb + 1];
    int rank = Math.min(m, n);
    boolean full = params.getBoolean("full_matrices");
    int[] subset = params.ints("subset_by_index");
    if (subset != null) {
      if (subset.length != 2) {
        throw new JaxValueError("subset_by_index must be a tuple of size 2, got "
            + Arrays.toString(subset));
      }
      if (full && !(subset[0] == 0 && subset[1] == rank)) {
        throw new JaxValueError("full_matrices and subset_by_index cannot both be set");
      }
      rank = Math.min(rank, subset[1] - subset[0]);
    }
    DType d = x.dtype();
    if (d != DType.FLOAT32 && d != DType.FLOAT64) {
      throw new JaxTypeError("svd does not accept dtype " + d.longName()
          + " at position 0. Accepted dtypes at position 0 are subtypes of " + ACCEPTED + ".");
    }
    boolean weak = x.weakType();
    int[] batch = Arrays.copyOf(dims, nb);
    List<ShapedArray> out = new ArrayList<>();
    out.add(new ShapedArray(Shape.of(append(batch, rank)), d, weak));
    if (params.getBoolean("compute_uv")) {
      out.add(new ShapedArray(Shape.of(append(batch, m, full ? m : rank)), d, weak));
      out.add(new ShapedArray(Shape.of(append(batch, full ? n : rank, n)), d, weak));
    }
    return out;
  }

  private static int[] append(int[] batch, int... tail) {
    int[] out = Arrays.copyOf(batch, batch.length + tail.length);
    System.arraycopy(tail, 0, out, batch.length, tail.length);
    return out;
  }

  private static List<Array> svd(Array x, Params params) {
    List<ShapedArray> avals = svdAvals(x.aval(), params);
    if (params.get("algorithm") != null) {
      throw new UnsupportedOperationException(
          "The SVD algorithm parameter is not implemented on CPU.");
    }
    int[] dims = x.aval().shape().dims();
    int nb = dims.length - 2;
    int m = dims[nb];
    int n = dims[nb + 1];
    int[] subset = params.ints("subset_by_index");
    if (subset != null && !(subset[0] == 0 && subset[1] == Math.min(m, n))) {
      throw new UnsupportedOperationException("subset_by_index not implemented for CPU and GPU");
    }
    boolean full = params.getBoolean("full_matrices");
    boolean computeUv = params.getBoolean("compute_uv");
    int batch = 1;
    for (int i = 0; i < nb; i++) {
      batch *= dims[i];
    }
    HostBuffer in = x.host();
    List<HostBuffer> outs = new ArrayList<>();
    for (ShapedArray a : avals) {
      outs.add(HostBuffer.allocate(a.dtype(), Math.toIntExact(a.shape().size())));
    }
    double[] matrix = new double[m * n];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < matrix.length; i++) {
        matrix[i] = in.getDouble(b * matrix.length + i);
      }
      JacobiSvd.Result r = JacobiSvd.decompose(matrix, m, n, full, computeUv);
      store(outs.get(0), b, r.s());
      if (computeUv) {
        store(outs.get(1), b, r.u());
        store(outs.get(2), b, r.vt());
      }
    }
    List<Array> result = new ArrayList<>();
    for (int t = 0; t < avals.size(); t++) {
      result.add(Array.wrap(avals.get(t), outs.get(t)));
    }
    return result;
  }

  /** Writes one batch member's values, rounded to the buffer's dtype. */
  private static void store(HostBuffer out, int member, double[] values) {
    int base = member * values.length;
    for (int i = 0; i < values.length; i++) {
      out.setDouble(base + i, values[i]);
    }
  }

  static {
    Primitive.addRuleLoader(LinalgRules::register);
  }
}
