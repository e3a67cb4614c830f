package org.jaxpresso.lax.primitives;

import static org.jaxpresso.lax.primitives.RuleSupport.bcast;
import static org.jaxpresso.lax.primitives.RuleSupport.c;
import static org.jaxpresso.lax.primitives.RuleSupport.range;

import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.errors.NotImplementedError;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;

/**
 * Transformation rules of the linear-algebra family. {@code svd} batches natively over leading
 * dimensions, so its batching rule moves the batch dimension to the front. Its JVP is JAX's
 * {@code _svd_jvp_rule} (real dtypes only, as jaxpresso has no complex ones, so the term JAX
 * adds for complex phases, {@code 0.5 (dS - dS^H) diag(1/s)}, is identically zero and left
 * out): reduced factors only, except for square matrices, where full and reduced coincide.
 */
final class LinalgRules {
  private static boolean done;

  private LinalgRules() {}

  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    Primitive svd = Linalg.SVD;
    svd.defineBatch((vals, dims, q) -> {
      int size = RuleSupport.batchSize(vals, dims);
      NDArray x = RuleSupport.batchFirst(vals.get(0), dims[0], size);
      List<NDArray> out = svd.bind(List.of(x), q);
      return new Primitive.BatchResult(out, new int[out.size()]);
    });
    svd.defineJvp((primals, tangents, q) -> svdJvp(primals.get(0), tangents.get(0), q));
  }

  /** JAX's {@code _svd_jvp_rule}: tangents of (s, u, vt), or of s alone. */
  private static Primitive.JvpResult svdJvp(NDArray a, NDArray da, Params q) {
    int[] shape = a.aval().shape().dims();
    int nb = shape.length - 2;
    int m = shape[nb];
    int n = shape[nb + 1];
    boolean computeUv = q.getBoolean("compute_uv");
    if (computeUv && q.getBoolean("full_matrices") && m != n) {
      throw new NotImplementedError(
          "Singular value decomposition JVP not implemented for full matrices");
    }
    List<NDArray> usv = Linalg.SVD.bind(List.of(a),
        q.with("full_matrices", false).with("compute_uv", true));
    NDArray s = usv.get(0);
    NDArray u = usv.get(1);
    NDArray vt = usv.get(2);
    NDArray ut = t(u);
    NDArray v = t(vt);
    NDArray dS = matmul(matmul(ut, da), v);
    int k = s.aval().shape().dim(nb);
    int[] kk = Arrays.copyOf(shape, nb + 2);
    kk[nb] = k;
    kk[nb + 1] = k;
    NDArray eye = eye(kk, a.aval().dtype());
    NDArray ds = Lax.reduceSum(Lax.mul(dS, eye), new int[] {nb + 1});
    if (!computeUv) {
      return new Primitive.JvpResult(List.of(s), Arrays.asList(ds));
    }
    int[] row = Arrays.copyOf(shape, nb + 2);
    row[nb] = 1;
    row[nb + 1] = k;
    int[] keep = new int[nb + 1];
    for (int i = 0; i < nb; i++) {
      keep[i] = i;
    }
    keep[nb] = nb + 1;
    NDArray sDim = Lax.broadcastInDim(s, row, keep);
    Shape square = Shape.of(kk);
    NDArray sRow = bcast(sDim, square);
    NDArray sCol = bcast(t(sDim), square);
    NDArray sDiffs = Lax.mul(Lax.add(sRow, sCol), Lax.sub(sRow, sCol));
    NDArray f = Lax.sub(Lax.div(c(sDiffs, 1), Lax.add(sDiffs, eye)), eye);
    NDArray dSS = Lax.mul(sRow, dS);
    NDArray sdS = Lax.mul(sCol, dS);
    NDArray dU = matmul(u, Lax.mul(f, Lax.add(dSS, t(dSS))));
    NDArray dV = matmul(v, Lax.mul(f, Lax.add(sdS, t(sdS))));
    if (m > n) {
      NDArray dAV = matmul(da, v);
      NDArray r = Lax.sub(dAV, matmul(u, matmul(ut, dAV)));
      dU = Lax.add(dU, Lax.div(r, bcast(sDim, r.aval().shape())));
    }
    if (n > m) {
      NDArray dAHU = matmul(t(da), u);
      NDArray r = Lax.sub(dAHU, matmul(v, matmul(vt, dAHU)));
      dV = Lax.add(dV, Lax.div(r, bcast(sDim, r.aval().shape())));
    }
    return new Primitive.JvpResult(List.of(s, u, vt), Arrays.asList(ds, dU, t(dV)));
  }

  /** The identity matrices of shape {@code [..., k, k]}. */
  private static NDArray eye(int[] shape, DType dtype) {
    int r = shape.length;
    return RuleSupport.convert(Lax.eq(Lax.broadcastedIota(DType.INT32, shape, r - 2),
        Lax.broadcastedIota(DType.INT32, shape, r - 1)), dtype);
  }

  /** The last two dimensions swapped. */
  private static NDArray t(NDArray x) {
    int r = x.aval().rank();
    int[] perm = range(0, r);
    perm[r - 2] = r - 1;
    perm[r - 1] = r - 2;
    return Lax.transpose(x, perm);
  }

  /** Batched matrix product over the leading dimensions. */
  private static NDArray matmul(NDArray x, NDArray y) {
    int r = x.aval().rank();
    int[] batch = range(0, r - 2);
    return Lax.dotGeneral(x, y,
        new DotDimensionNumbers(new int[] {r - 1}, new int[] {r - 2}, batch, batch));
  }
}
