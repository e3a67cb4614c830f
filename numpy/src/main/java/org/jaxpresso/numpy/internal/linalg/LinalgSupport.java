package org.jaxpresso.numpy.internal.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * Small lowering helpers shared by the linear-algebra functions: identity-free transposes and
 * squeezes (JAX skips them for any array, tracers included), masks built from {@code iota}, and
 * {@code where} as {@code select_n}.
 */
public final class LinalgSupport {
  private LinalgSupport() {}

  /**
   * A weakly typed operand (a Java scalar, or a value computed only from them) in the result
   * dtype of a contraction: it must not widen {@code dot_general}'s operand type past {@code
   * preferred_element_type} ({@code dot(int8 array, 2)} is int8). Strong operands are returned
   * as they are; {@code dot_general} takes mixed dtypes.
   *
   * @param x the input array
   * @param resultDtype the dtype of the result
   * @return a weakly typed operand (a Java scalar, or a value computed only from them) in the
   *     result dtype of a contraction
   */
  public static NDArray adoptWeak(NDArray x, DType resultDtype) {
    return x.weakType() && x.dtype() != resultDtype
        ? NumpySupport.convert(x, resultDtype, true) : x;
  }

  /**
   * The list as an int array.
   *
   * @param xs the input arrays
   * @return the list as an int array
   */
  public static int[] ints(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The permutation that sorts {@code xs} ascending (NumPy's {@code argsort}).
   *
   * @param xs the input arrays
   * @return the permutation that sorts {@code xs} ascending (NumPy's {@code argsort})
   */
  public static int[] argsort(List<Integer> xs) {
    Integer[] idx = new Integer[xs.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (p, q) -> Integer.compare(xs.get(p), xs.get(q)));
    int[] out = new int[idx.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /**
   * {@code x} transposed by {@code perm}, or {@code x} itself for the identity.
   *
   * @param x the input array
   * @param perm the permutation of the axes
   * @return {@code x} transposed by {@code perm}, or {@code x} itself for the identity
   */
  public static NDArray transpose(NDArray x, int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] != i) {
        return Lax.transpose(x, perm);
      }
    }
    return x;
  }

  /**
   * {@code x} with the size-1 {@code dims} removed, or {@code x} itself when there are none.
   *
   * @param x the input array
   * @param dims the dimensions to remove
   * @return {@code x} with the size-1 {@code dims} removed, or {@code x} itself when there are none
   */
  public static NDArray squeeze(NDArray x, int[] dims) {
    return dims.length == 0 ? x : Lax.squeeze(x, dims);
  }

  /**
   * {@code x} as a 1-D array (no equation when it already is one).
   *
   * @param x the input array
   * @return {@code x} as a 1-D array (no equation when it already is one)
   */
  public static NDArray ravel(NDArray x) {
    if (x.ndim() == 1) {
      return x;
    }
    int size = 1;
    for (int d : x.shape()) {
      size *= d;
    }
    return Lax.reshape(x, new int[] {size});
  }

  /**
   * A Python list of ints, as Python prints it: {@code [1, 2]}.
   *
   * @param xs the input arrays
   * @return a Python list of ints, as Python prints it: {@code [1, 2]}
   */
  public static String pyList(int[] xs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < xs.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(xs[i]);
    }
    return sb.append(']').toString();
  }

  /**
   * {@code a} with axes {@code axis1} and {@code axis2} moved to the end, in that order (JAX's
   * {@code moveaxis(a, (axis1, axis2), (-2, -1))}).
   *
   * @param a the input array
   * @param axis1 the first axis
   * @param axis2 the second axis
   * @param op the operation's name, for error messages
   * @return {@code a} with axes {@code axis1} and {@code axis2} moved to the end, in that order
   *     (JAX's {@code moveaxis(a, (axis1, axis2), (-2, -1))})
   * @throws JaxValueError for fewer than two axes ({@code diagonal}), an axis out of range or
   *     equal axes
   */
  public static NDArray moveToEnd(NDArray a, int axis1, int axis2, String op) {
    if (op.equals("diagonal") && a.ndim() < 2) {
      throw new JaxValueError("diagonal requires an array of at least two dimensions.");
    }
    int ax1 = NumpySupport.normalizeAxis(axis1, a.ndim());
    int ax2 = NumpySupport.normalizeAxis(axis2, a.ndim());
    if (ax1 == ax2) {
      throw new JaxValueError("axis1 and axis2 can not be same. axis1=" + axis1 + " and axis2="
          + axis2);
    }
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < a.ndim(); i++) {
      if (i != ax1 && i != ax2) {
        perm.add(i);
      }
    }
    perm.add(ax1);
    perm.add(ax2);
    return transpose(a, ints(perm));
  }

  /**
   * The bool mask {@code [n, m]} that is true where {@code column == row + k}.
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 is the main one, positive above, negative below
   * @return the bool mask {@code [n, m]} that is true where {@code column == row + k}
   */
  public static NDArray diagonalMask(int n, int m, int k) {
    int[] shape = {n, m};
    NDArray rows =
        Lax.add(Lax.broadcastedIota(DType.INT32, shape, 0), Array.scalar(k, DType.INT32));
    return Lax.eq(rows, Lax.broadcastedIota(DType.INT32, shape, 1));
  }

  /**
   * JAX's {@code _tri}: the bool mask {@code [n, m]}, true where {@code column <= row + k}.
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 is the main one, positive above, negative below
   * @return JAX's {@code _tri}: the bool mask {@code [n, m]}, true where {@code column <= row + k}
   */
  public static NDArray lowerMask(int n, int m, int k) {
    int[] shape = {n, m};
    NDArray rows =
        Lax.add(Lax.broadcastedIota(DType.INT32, shape, 0), Array.scalar(k, DType.INT32));
    return Lax.ge(rows, Lax.broadcastedIota(DType.INT32, shape, 1));
  }

  /**
   * {@code where(pred, onTrue, onFalse)} as {@code select_n(pred, onFalse, onTrue)}.
   *
   * @param pred the boolean predicate
   * @param onTrue the values where {@code pred} is true
   * @param onFalse the values where {@code pred} is false
   * @return {@code where(pred, onTrue, onFalse)} as {@code select_n(pred, onFalse, onTrue)}
   */
  public static NDArray where(NDArray pred, NDArray onTrue, NDArray onFalse) {
    return Lax.selectN(pred, onFalse, onTrue);
  }

  /**
   * A 0-d zero of {@code x}'s dtype and weak type.
   *
   * @param x the input array
   * @return a 0-d zero of {@code x}'s dtype and weak type
   */
  public static Array zeroScalar(NDArray x) {
    return Array.scalar(0L, x.dtype()).withWeakType(x.weakType());
  }

  /**
   * Zeros of {@code x}'s shape, dtype and weak type (a {@code broadcast_in_dim} of a literal).
   *
   * @param x the input array
   * @return the zeros of {@code x}'s shape, dtype and weak type (a {@code broadcast_in_dim} of a
   *     literal)
   */
  public static NDArray zerosLike(NDArray x) {
    return Lax.broadcastInDim(zeroScalar(x), x.shape(), new int[0]);
  }

  /**
   * The diagonal at {@code offset} of the last two axes of {@code a}, as its last axis: the
   * two axes flattened into one and sliced with stride {@code m + 1}.
   *
   * @param a the input array
   * @param offset the offset of the diagonal from the main diagonal
   * @return the diagonal at {@code offset} of the last two axes of {@code a}, as its last axis
   */
  public static NDArray diagonalOfLastTwo(NDArray a, int offset) {
    int r = a.ndim();
    int[] s = a.shape();
    int n = s[r - 2];
    int m = s[r - 1];
    int len = Math.max(0, Math.min(n - Math.max(0, -offset), m - Math.max(0, offset)));
    int[] flat = Arrays.copyOf(s, r - 1);
    flat[r - 2] = n * m;
    NDArray f = Lax.reshape(a, flat);
    int[] start = new int[r - 1];
    int[] limit = flat.clone();
    int[] strides = new int[r - 1];
    Arrays.fill(strides, 1);
    if (len == 0) {
      limit[r - 2] = 0;
    } else {
      start[r - 2] = Math.max(0, -offset) * m + Math.max(0, offset);
      limit[r - 2] = start[r - 2] + (len - 1) * (m + 1) + 1;
      strides[r - 2] = m + 1;
    }
    return Lax.slice(f, start, limit, strides);
  }
}
