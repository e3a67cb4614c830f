package org.jaxpresso.numpy;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.internal.PyFormat;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * JAX's {@code jax.numpy.linalg} functions that lower to plain lax primitives: {@link #norm}.
 * The operand is promoted to an inexact dtype first; reductions follow {@link Jnp#sum} and
 * {@link Jnp#max} (axis and keepdims through {@link ReduceOptions}).
 *
 * <pre>{@code
 * Linalg.norm(array(3.0, 4.0))                          // Array(5., dtype=float32)
 * Linalg.norm(x, Jnp.axis(1).keepdims())                // row norms, as x.shape[0] x 1
 * Linalg.norm(x, Double.POSITIVE_INFINITY, Jnp.axis(0)) // max |x| per column
 * Linalg.norm(m, "fro")                                 // Frobenius norm of a matrix
 * }</pre>
 */
public final class Linalg {
  private Linalg() {}

  /** The 2-norm of {@code x} flattened (any rank): {@code sqrt(sum(x * x))}. */
  public static NDArray norm(Object x) {
    return norm(x, ReduceOptions.ALL);
  }

  /**
   * The default norm over {@code o}'s axes: the vector 2-norm for one axis, the Frobenius norm
   * for two, {@code sqrt(sum(x * x))} of everything when no axes are given.
   *
   * @throws JaxValueError for more than two axes or an axis out of range
   */
  public static NDArray norm(Object x, ReduceOptions o) {
    NDArray a = inexact(x);
    if (o.axes() == null) {
      return Lax.sqrt(Jnp.sum(Lax.mul(a, a), o));
    }
    return dispatch(a, null, null, o);
  }

  /** {@link #norm(Object, double, ReduceOptions)} over all axes (a vector or a matrix). */
  public static NDArray norm(Object x, double ord) {
    return norm(x, ord, ReduceOptions.ALL);
  }

  /**
   * The norm of order {@code ord}. Vectors (one axis): {@code 2} (default), {@code 1}, {@code
   * inf} (max |x|), {@code -inf} (min |x|), {@code 0} (count of non-zeros) or any {@code p}
   * ({@code sum(|x|^p)^(1/p)}). Matrices (two axes): {@code 1}/{@code -1} (max/min column
   * sum of |x|) and {@code inf}/{@code -inf} (max/min row sum).
   *
   * @throws JaxValueError for an order the kind of norm does not have, more than two axes, or
   *     an axis out of range
   * @throws UnsupportedOperationException for the matrix 2-norms ({@code 2}, {@code -2}),
   *     which need singular values
   */
  public static NDArray norm(Object x, double ord, ReduceOptions o) {
    return dispatch(inexact(x), ord, null, o);
  }

  /** {@link #norm(Object, String, ReduceOptions)} over all axes. */
  public static NDArray norm(Object x, String ord) {
    return norm(x, ord, ReduceOptions.ALL);
  }

  /**
   * A norm named by a string: {@code "fro"} / {@code "f"} (Frobenius, two axes).
   *
   * @throws JaxValueError for another name or a vector (one-axis) norm
   * @throws UnsupportedOperationException for {@code "nuc"}, which needs singular values
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
      throw new UnsupportedOperationException("norm: the matrix norm ord="
          + (name != null ? "'" + name + "'" : PyFormat.reprDouble(ord))
          + " needs singular values (svd), which jaxpresso does not provide yet; use ord='fro',"
          + " 1, -1, inf or -inf");
    }
    if (ord == null) {
      throw new JaxValueError("Invalid order '" + name + "' for matrix norm.");
    }
    NDArray absx = Lax.abs(x);
    if (ord == 1.0 || ord == -1.0) {
      int c = !keep && col > row ? col - 1 : col;
      NDArray colSums = Jnp.sum(absx, opts(keep, row));
      return ord > 0 ? Jnp.max(colSums, opts(keep, c)) : Jnp.min(colSums, opts(keep, c));
    }
    if (ord == Double.POSITIVE_INFINITY || ord == Double.NEGATIVE_INFINITY) {
      int r = !keep && row > col ? row - 1 : row;
      NDArray rowSums = Jnp.sum(absx, opts(keep, col));
      return ord > 0 ? Jnp.max(rowSums, opts(keep, r)) : Jnp.min(rowSums, opts(keep, r));
    }
    throw new JaxValueError("Invalid order '" + PyFormat.reprDouble(ord) + "' for matrix norm.");
  }
}
