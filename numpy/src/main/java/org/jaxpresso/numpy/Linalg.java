package org.jaxpresso.numpy;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.internal.PyFormat;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * JAX's {@code jax.numpy.linalg} functions: {@link #norm} and the singular value decomposition
 * {@link #svd} (with {@link #svdvals}). The operand is promoted to an inexact dtype first;
 * reductions follow {@link Jnp#sum} and {@link Jnp#max} (axis and keepdims through
 * {@link ReduceOptions}).
 *
 * <pre>{@code
 * Linalg.norm(array(3.0, 4.0))                          // Array(5., dtype=float32)
 * Linalg.norm(x, Jnp.axis(1).keepdims())                // row norms, as x.shape[0] x 1
 * Linalg.norm(x, Double.POSITIVE_INFINITY, Jnp.axis(0)) // max |x| per column
 * Linalg.norm(m, "fro")                                 // Frobenius norm of a matrix
 * Linalg.norm(m, 2.0)                                   // largest singular value
 * Linalg.SvdResult r = Linalg.svd(m, false);            // r.u() @ diag(r.s()) @ r.vh() == m
 * }</pre>
 */
public final class Linalg {
  private Linalg() {}

  /**
   * The result of {@link #svd(Object)}, as JAX's {@code SVDResult(U, S, Vh)}: {@code a = u @
   * diag(s) @ vh} for each matrix of {@code a}.
   *
   * @param u the left singular vectors as columns, {@code [..., m, m]} (full) or {@code [...,
   *     m, k]}
   * @param s the singular values, {@code [..., k]}, descending and non-negative, {@code k =
   *     min(m, n)}
   * @param vh the right singular vectors as rows, {@code [..., n, n]} (full) or {@code [..., k,
   *     n]}
   */
  public record SvdResult(NDArray u, NDArray s, NDArray vh) {
    /**
     * {@code [u, s, vh]}, the tuple JAX returns.
     *
     * @return {@code [u, s, vh]}, the tuple JAX returns
     */
    public List<NDArray> toList() {
      return List.of(u, s, vh);
    }
  }

  /**
   * {@code jnp.linalg.svd(a)}: the full singular value decomposition of each matrix of
   * {@code a} ({@code [..., m, n]}, promoted to an inexact dtype).
   *
   * @param a the input: an array or a Java scalar
   * @return {@code jnp.linalg.svd(a)}
   * @throws org.jaxpresso.core.errors.JaxTypeError for rank below 2 ({@code Input 0 to svd must
   *     have rank at least 2, but got shape=(3,)}) or a float16 / bfloat16 operand, which JAX's
   *     {@code svd} does not accept
   */
  public static SvdResult svd(Object a) {
    return svd(a, true);
  }

  /**
   * {@code jnp.linalg.svd(a, full_matrices)}: with {@code fullMatrices} {@code u} and {@code vh}
   * are square, otherwise {@code [..., m, k]} and {@code [..., k, n]}. Singular vectors are
   * unique only up to sign (and, for repeated singular values, up to a rotation).
   *
   * @param a the input: an array or a Java scalar
   * @param fullMatrices whether to return full rather than reduced factors
   * @return {@code jnp.linalg.svd(a, full_matrices)}
   */
  public static SvdResult svd(Object a, boolean fullMatrices) {
    List<NDArray> usv = Lax.svd(inexact(a), fullMatrices, true);
    return new SvdResult(usv.get(0), usv.get(1), usv.get(2));
  }

  /**
   * {@code jnp.linalg.svd(a, full_matrices, compute_uv)}: {@code [u, s, vh]} with
   * {@code computeUv}, otherwise {@code [s]}.
   *
   * @param a the input: an array or a Java scalar
   * @param fullMatrices whether to return full rather than reduced factors
   * @param computeUv whether to compute the singular vectors too
   * @return {@code jnp.linalg.svd(a, full_matrices, compute_uv)}
   */
  public static List<NDArray> svd(Object a, boolean fullMatrices, boolean computeUv) {
    return computeUv ? svd(a, fullMatrices).toList()
        : Lax.svd(inexact(a), fullMatrices, false);
  }

  /**
   * {@code jnp.linalg.svdvals(x)}: the singular values only, {@code [..., min(m, n)]}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code jnp.linalg.svdvals(x)}: the singular values only, {@code [..., min(m, n)]}
   */
  public static NDArray svdvals(Object x) {
    return svd(x, true, false).get(0);
  }

  /**
   * The 2-norm of {@code x} flattened (any rank): {@code sqrt(sum(x * x))}.
   *
   * @param x the operand: an array or a Java scalar
   * @return the 2-norm of {@code x} flattened (any rank): {@code sqrt(sum(x * x))}
   */
  public static NDArray norm(Object x) {
    return norm(x, ReduceOptions.ALL);
  }

  /**
   * The default norm over {@code o}'s axes: the vector 2-norm for one axis, the Frobenius norm
   * for two, {@code sqrt(sum(x * x))} of everything when no axes are given.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the default norm over {@code o}'s axes
   * @throws JaxValueError for more than two axes or an axis out of range
   */
  public static NDArray norm(Object x, ReduceOptions o) {
    NDArray a = inexact(x);
    if (o.axes() == null) {
      return Lax.sqrt(Jnp.sum(Lax.mul(a, a), o));
    }
    return dispatch(a, null, null, o);
  }

  /**
   * {@link #norm(Object, double, ReduceOptions)} over all axes (a vector or a matrix).
   *
   * @param x the operand: an array or a Java scalar
   * @param ord the order of the norm
   * @return {@link #norm(Object, double, ReduceOptions)} over all axes (a vector or a matrix)
   */
  public static NDArray norm(Object x, double ord) {
    return norm(x, ord, ReduceOptions.ALL);
  }

  /**
   * The norm of order {@code ord}. Vectors (one axis): {@code 2} (default), {@code 1}, {@code
   * inf} (max |x|), {@code -inf} (min |x|), {@code 0} (count of non-zeros) or any {@code p}
   * ({@code sum(|x|^p)^(1/p)}). Matrices (two axes): {@code 1}/{@code -1} (max/min column
   * sum of |x|), {@code inf}/{@code -inf} (max/min row sum), {@code 2} (the largest singular
   * value; 0 for an empty matrix) and {@code -2} (the smallest).
   *
   * @param x the operand: an array or a Java scalar
   * @param ord the order of the norm
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the norm of order {@code ord}
   * @throws JaxValueError for an order the kind of norm does not have, more than two axes, an
   *     axis out of range, or {@code -2} (also {@code -1}, {@code -inf}) of an empty matrix
   * @throws org.jaxpresso.core.errors.JaxTypeError for the matrix 2-norms of float16 and
   *     bfloat16, which JAX's {@code svd} does not accept
   */
  public static NDArray norm(Object x, double ord, ReduceOptions o) {
    return dispatch(inexact(x), ord, null, o);
  }

  /**
   * {@link #norm(Object, String, ReduceOptions)} over all axes.
   *
   * @param x the operand: an array or a Java scalar
   * @param ord the order of the norm
   * @return {@link #norm(Object, String, ReduceOptions)} over all axes
   */
  public static NDArray norm(Object x, String ord) {
    return norm(x, ord, ReduceOptions.ALL);
  }

  /**
   * A norm named by a string: {@code "fro"} / {@code "f"} (Frobenius, two axes) or
   * {@code "nuc"} (nuclear: the sum of the singular values, two axes).
   *
   * @param x the operand: an array or a Java scalar
   * @param ord the order of the norm
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return a norm named by a string
   * @throws JaxValueError for another name or a vector (one-axis) norm
   * @throws org.jaxpresso.core.errors.JaxTypeError for {@code "nuc"} of float16 and bfloat16,
   *     which JAX's {@code svd} does not accept
   */
  public static NDArray norm(Object x, String ord, ReduceOptions o) {
    return dispatch(inexact(x), null, ord, o);
  }

  private static NDArray inexact(Object x) {
    return NumpySupport.promoteDtypesInexact(x).get(0);
  }

  private static NDArray dispatch(NDArray x, Double ord, String name, ReduceOptions o) {
    int nd = x.ndim();
    int[] axes = o.axes();
    if (axes == null) {
      axes = new int[nd];
      for (int i = 0; i < nd; i++) {
        axes[i] = i;
      }
    } else {
      for (int i = 0; i < axes.length; i++) {
        axes[i] = NumpySupport.normalizeAxis(axes[i], nd);
      }
    }
    boolean keep = o.keepsDims();
    if (axes.length == 1) {
      if (name != null) {
        String msg = "Invalid order '" + name + "' for vector norm.";
        if (name.equals("inf")) {
          msg += "Use 'jax.numpy.inf' instead.";
        } else if (name.equals("-inf")) {
          msg += "Use '-jax.numpy.inf' instead.";
        }
        throw new JaxValueError(msg);
      }
      return vectorNorm(x, ord == null ? 2.0 : ord, axes[0], keep);
    }
    if (axes.length == 2) {
      return matrixNorm(x, ord, name, axes[0], axes[1], keep);
    }
    throw new JaxValueError("Improper number of axes for norm: axis=" + PyFormat.str(axes)
        + ". Pass one axis to compute a vector-norm, or two axes to compute a matrix-norm.");
  }

  private static ReduceOptions opts(boolean keep, int... axes) {
    ReduceOptions r = ReduceOptions.axis(axes);
    return keep ? r.keepdims() : r;
  }

  private static NDArray vectorNorm(NDArray x, double ord, int axis, boolean keep) {
    ReduceOptions o = opts(keep, axis);
    if (ord == 2.0) {
      return Lax.sqrt(Jnp.sum(Lax.mul(x, x), o));
    }
    if (ord == Double.POSITIVE_INFINITY) {
      return Jnp.max(Lax.abs(x), o);
    }
    if (ord == Double.NEGATIVE_INFINITY) {
      return Jnp.min(Lax.abs(x), o);
    }
    if (ord == 0.0) {
      NDArray nonzero = Lax.ne(x, Array.scalar(0.0, x.dtype()));
      return Jnp.sum(Lax.convertElementType(nonzero, x.dtype()), o);
    }
    if (ord == 1.0) {
      return Jnp.sum(Lax.abs(x), o);
    }
    NDArray absx = Lax.abs(x);
    NDArray out = Jnp.sum(Lax.pow(absx, Array.scalar(ord, x.dtype())), o);
    return Lax.pow(out, Array.scalar(1.0 / ord, x.dtype()));
  }

  private static NDArray matrixNorm(NDArray x, Double ord, String name, int row, int col,
      boolean keep) {
    if (row == col) {
      throw new JaxValueError("Duplicate axes given.");
    }
    if ((ord == null && name == null) || "fro".equals(name) || "f".equals(name)) {
      return Lax.sqrt(Jnp.sum(Lax.mul(x, x), opts(keep, row, col)));
    }
    if ("nuc".equals(name) || (ord != null && Math.abs(ord) == 2.0)) {
      return singularValueNorm(x, name != null ? 0.0 : ord, row, col, keep);
    }
    if (ord == null) {
      throw new JaxValueError("Invalid order '" + name + "' for matrix norm.");
    }
    NDArray absx = Lax.abs(x);
    if (ord == 1.0 || ord == -1.0) {
      int c = !keep && col > row ? col - 1 : col;
      NDArray colSums = Jnp.sum(absx, opts(keep, row));
      return ord > 0 ? maxFromZero(colSums, c, keep) : Jnp.min(colSums, opts(keep, c));
    }
    if (ord == Double.POSITIVE_INFINITY || ord == Double.NEGATIVE_INFINITY) {
      int r = !keep && row > col ? row - 1 : row;
      NDArray rowSums = Jnp.sum(absx, opts(keep, col));
      return ord > 0 ? maxFromZero(rowSums, r, keep) : Jnp.min(rowSums, opts(keep, r));
    }
    throw new JaxValueError("Invalid order '" + PyFormat.reprDouble(ord) + "' for matrix norm.");
  }

  /**
   * JAX's {@code amax(x, axis=axis, keepdims=keep, initial=0)}: {@code reduce_max} then
   * {@code max(0, .)}, so an empty axis gives 0.
   */
  private static NDArray maxFromZero(NDArray x, int axis, boolean keep) {
    NDArray r = Lax.max(Array.scalar(0.0, x.dtype()), Lax.reduceMax(x, axis));
    return keep ? Lax.expandDims(r, axis) : r;
  }

  /**
   * The matrix norms of the singular values, as JAX: the two axes moved last, {@code svd(x,
   * compute_uv=False)}, then the sum ({@code ord} 0 stands for {@code 'nuc'}), the maximum from
   * 0 ({@code 2}) or the minimum ({@code -2}) over the last axis, and for keepdims the two axes
   * restored as size 1.
   */
  private static NDArray singularValueNorm(NDArray x, double ord, int row, int col,
      boolean keep) {
    int nd = x.ndim();
    // jnp.moveaxis's lax.transpose returns its operand (traced or not) for the identity.
    NDArray moved = row == nd - 2 && col == nd - 1 ? x
        : Jnp.moveaxis(x, new int[] {row, col}, new int[] {-2, -1});
    NDArray s = svd(moved, true, false).get(0);
    int last = s.ndim() - 1;
    NDArray y;
    if (ord == 2.0) {
      y = maxFromZero(s, last, false);
    } else if (ord == -2.0) {
      y = Jnp.min(s, ReduceOptions.axis(last));
    } else {
      y = Jnp.sum(s, ReduceOptions.axis(last));
    }
    return keep ? Jnp.expandDims(y, row, col) : y;
  }
}
