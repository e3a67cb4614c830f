package org.jaxpresso.lax.internal.linalg;

/**
 * The singular value decomposition of one real matrix by one-sided (Hestenes) Jacobi rotations
 * in double precision: {@code a = u * diag(s) * vt} with {@code s} non-negative and descending,
 * {@code u} and {@code vt} with orthonormal columns and rows.
 *
 * <p>The matrix is scaled by its largest magnitude first (no overflow or underflow in the
 * column norms), its columns (of {@code a}, or of {@code a}'s transpose when it is wide) are
 * rotated pairwise until every pair is orthogonal to a few units in the last place, and the
 * singular values are the final column norms. Singular vectors of zero singular values, and the
 * extra columns of full matrices, complete the orthonormal bases (the unit vector with the
 * largest part orthogonal to the vectors already chosen, first such in index order). A matrix
 * with a NaN or an infinity gives NaN everywhere, as JAX does when LAPACK reports a failure.
 */
public final class JacobiSvd {
  private static final double EPS = Math.ulp(1.0);
  private static final int MAX_SWEEPS = 100;

  private JacobiSvd() {}

  /**
   * The decomposition, row-major.
   *
   * @param s the {@code min(m, n)} singular values, descending
   * @param u {@code m x m} (full) or {@code m x min(m, n)}; null without {@code computeUv}
   * @param vt {@code n x n} (full) or {@code min(m, n) x n}; null without {@code computeUv}
   */
  public record Result(double[] s, double[] u, double[] vt) {}

  /**
   * Decomposes the {@code m x n} row-major matrix {@code a}.
   *
   * @param a the input array
   * @param m the number of rows
   * @param n the number of columns
   * @return the singular values and, when asked for, the singular vectors
   * @param fullMatrices whether {@code u} and {@code vt} are square
   * @param computeUv whether to compute {@code u} and {@code vt} at all
   */
  public static Result decompose(double[] a, int m, int n, boolean fullMatrices,
      boolean computeUv) {
    int k = Math.min(m, n);
    int uCols = fullMatrices ? m : k;
    int vtRows = fullMatrices ? n : k;
    if (k == 0) {
      return computeUv ? new Result(new double[0], identity(m, uCols), identity(vtRows, n))
          : new Result(new double[0], null, null);
    }
    double scale = 0.0;
    for (double v : a) {
      if (!Double.isFinite(v)) {
        return nanResult(k, m * uCols, vtRows * n, computeUv);
      }
      scale = Math.max(scale, Math.abs(v));
    }
    boolean tall = m >= n;
    int rows = tall ? m : n;
    int cols = tall ? n : m;
    double[][] c = new double[cols][rows];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double v = scale == 0.0 ? 0.0 : a[i * n + j] / scale;
        if (tall) {
          c[j][i] = v;
        } else {
          c[i][j] = v;
        }
      }
    }
    double[][] v = computeUv ? identityColumns(cols) : null;
    rotate(c, v, rows);
    double[] norms = new double[cols];
    Integer[] order = new Integer[cols];
    for (int j = 0; j < cols; j++) {
      norms[j] = norm(c[j]);
      order[j] = j;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(norms[q], norms[p]));
    double[] s = new double[k];
    for (int j = 0; j < k; j++) {
      s[j] = norms[order[j]] * scale;
    }
    if (!computeUv) {
      return new Result(s, null, null);
    }
    // The columns' directions (length `rows`) and the rotations' columns (length `cols`).
    double[][] w = new double[tall ? uCols : vtRows][];
    double[][] r = new double[tall ? vtRows : uCols][];
    for (int j = 0; j < k; j++) {
      double[] col = c[order[j]];
      double nrm = norms[order[j]];
      if (nrm > 0.0) {
        double[] unit = new double[rows];
        for (int i = 0; i < rows; i++) {
          unit[i] = col[i] / nrm;
        }
        w[j] = unit;
      }
      r[j] = v[order[j]];
    }
    complete(w, rows);
    complete(r, cols);
    double[][] left = tall ? w : r;
    double[][] right = tall ? r : w;
    double[] u = new double[m * uCols];
    for (int j = 0; j < uCols; j++) {
      for (int i = 0; i < m; i++) {
        u[i * uCols + j] = left[j][i];
      }
    }
    double[] vt = new double[vtRows * n];
    for (int j = 0; j < vtRows; j++) {
      System.arraycopy(right[j], 0, vt, j * n, n);
    }
    return new Result(s, u, vt);
  }

  /** Cyclic sweeps of plane rotations on the columns {@code c} (and {@code v}) until orthogonal. */
  private static void rotate(double[][] c, double[][] v, int rows) {
    int cols = c.length;
    double tol = EPS * rows;
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < cols - 1; p++) {
        for (int q = p + 1; q < cols; q++) {
          double alpha = dot(c[p], c[p]);
          double beta = dot(c[q], c[q]);
          double gamma = dot(c[p], c[q]);
          if (gamma == 0.0 || Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) {
            continue;
          }
          rotated = true;
          double zeta = (beta - alpha) / (2.0 * gamma);
          double t = (zeta >= 0 ? 1.0 : -1.0) / (Math.abs(zeta) + Math.hypot(1.0, zeta));
          double cs = 1.0 / Math.hypot(1.0, t);
          double sn = cs * t;
          apply(c[p], c[q], cs, sn);
          if (v != null) {
            apply(v[p], v[q], cs, sn);
          }
        }
      }
      if (!rotated) {
        return;
      }
    }
  }

  private static void apply(double[] x, double[] y, double cs, double sn) {
    for (int i = 0; i < x.length; i++) {
      double a = x[i];
      double b = y[i];
      x[i] = cs * a - sn * b;
      y[i] = sn * a + cs * b;
    }
  }

  /**
   * Fills the null slots of {@code vecs} (unit vectors of length {@code dim}) so that all are
   * orthonormal: each time the unit vector {@code e_i} whose part orthogonal to the vectors
   * present is largest (the first on ties), orthogonalized twice and normalized.
   */
  private static void complete(double[][] vecs, int dim) {
    for (int slot = 0; slot < vecs.length; slot++) {
      if (vecs[slot] != null) {
        continue;
      }
      double[] best = null;
      double bestNorm = -1.0;
      for (int i = 0; i < dim; i++) {
        double[] e = new double[dim];
        e[i] = 1.0;
        for (int pass = 0; pass < 2; pass++) {
          for (double[] b : vecs) {
            if (b != null) {
              double d = dot(b, e);
              for (int t = 0; t < dim; t++) {
                e[t] -= d * b[t];
              }
            }
          }
        }
        double nrm = norm(e);
        if (nrm > bestNorm * (1.0 + 1e-12)) {
          best = e;
          bestNorm = nrm;
        }
      }
      for (int t = 0; t < dim; t++) {
        best[t] /= bestNorm;
      }
      vecs[slot] = best;
    }
  }

  private static double dot(double[] x, double[] y) {
    double sum = 0.0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i] * y[i];
    }
    return sum;
  }

  private static double norm(double[] x) {
    return Math.sqrt(dot(x, x));
  }

  private static double[][] identityColumns(int n) {
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1.0;
    }
    return v;
  }

  private static double[] identity(int rows, int cols) {
    double[] out = new double[rows * cols];
    for (int i = 0; i < Math.min(rows, cols); i++) {
      out[i * cols + i] = 1.0;
    }
    return out;
  }

  private static Result nanResult(int k, int uSize, int vtSize, boolean computeUv) {
    double[] s = new double[k];
    java.util.Arrays.fill(s, Double.NaN);
    if (!computeUv) {
      return new Result(s, null, null);
    }
    double[] u = new double[uSize];
    double[] vt = new double[vtSize];
    java.util.Arrays.fill(u, Double.NaN);
    java.util.Arrays.fill(vt, Double.NaN);
    return new Result(s, u, vt);
  }
}
