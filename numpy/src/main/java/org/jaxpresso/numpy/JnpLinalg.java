package org.jaxpresso.numpy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Promotion;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.jaxpresso.numpy.internal.linalg.Einsum;
import org.jaxpresso.numpy.internal.linalg.LinalgSupport;

/**
 * Linear algebra: {@code dot matmul vdot inner outer tensordot einsum trace diag diagonal tril
 * triu}, lowering to {@code dot_general} (with {@code preferred_element_type} = the promoted
 * dtype, as JAX: operands are not converted first) and to masks built from {@code iota}. Use
 * through {@link Jnp}; {@code jnp.linalg} is {@link Linalg}.
 */
public abstract class JnpLinalg extends JnpConvolution {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpLinalg() {}

  /** The order in which {@link #einsum(EinsumOrder, String, Object...)} contracts operands. */
  public enum EinsumOrder {
    /** The first two operands, then their result with the next (JAX's {@code optimize=False}). */
    LEFT_TO_RIGHT,
    /** At each step the pair whose result is smallest relative to its inputs. */
    GREEDY
  }

  private static int[] range(int from, int to) {
    int[] r = new int[Math.max(0, to - from)];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** {@code dot_general} of a and b then JAX's {@code _convert_element_type} to the result type. */
  private static NDArray contract(NDArray a, NDArray b, DotDimensionNumbers dims,
      Promotion.Typed t) {
    NDArray r = Lax.dotGeneral(LinalgSupport.adoptWeak(a, t.dtype()),
        LinalgSupport.adoptWeak(b, t.dtype()), dims, null, t.dtype());
    return NumpySupport.convert(r, t.dtype(), t.weak());
  }

  /**
   * NumPy's {@code dot}: the last axis of {@code x} contracts with the only axis of a 1-D
   * {@code y}, or with the second-to-last axis of {@code y}; with a 0-d operand it is an
   * elementwise product. Lowers to one {@code dot_general} whose {@code
   * preferred_element_type} is the promoted dtype.
   *
   * <pre>{@code
   * dot(array(new int[][] {{1, 2}, {3, 4}}), array(1, 1))   // Array([3, 7], dtype=int32)
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return numPy's {@code dot}
   * @throws JaxTypeError if the contracted sizes differ ({@code dot_general requires
   *     contracting dimensions to have the same shape, got (4,) and (3,).})
   */
  public static NDArray dot(Object x, Object y) {
    NDArray a = NumpySupport.asArray(x);
    NDArray b = NumpySupport.asArray(y);
    Promotion.Typed t = NumpySupport.resultType(List.of(a, b));
    int[] ca = new int[0];
    int[] cb = new int[0];
    if (a.ndim() != 0 && b.ndim() != 0) {
      ca = new int[] {a.ndim() - 1};
      cb = new int[] {b.ndim() == 1 ? 0 : b.ndim() - 2};
    }
    return contract(a, b, DotDimensionNumbers.of(ca, cb), t);
  }

  /**
   * NumPy's {@code matmul} ({@code @}): 1-D operands act as a row (first) or column (second)
   * vector whose axis disappears from the result; leading batch axes broadcast (a size-1 batch
   * axis against a larger one is squeezed and becomes a free axis, as JAX lowers it).
   *
   * <pre>{@code
   * matmul(ones(5, 2, 3), ones(5, 3, 4)).shape()   // [5, 2, 4]
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return numPy's {@code matmul} ({@code @})
   * @throws JaxValueError for 0-d operands or batch shapes that do not broadcast
   * @throws JaxTypeError if the inner sizes differ
   */
  public static NDArray matmul(Object x, Object y) {
    NDArray a = NumpySupport.asArray(x);
    NDArray b = NumpySupport.asArray(y);
    NDArray[] ops = {a, b};
    for (int i = 0; i < 2; i++) {
      if (ops[i].ndim() < 1) {
        throw new JaxValueError("matmul input operand " + i
            + " must have ndim at least 1, but it has ndim " + ops[i].ndim());
      }
    }
    Promotion.Typed t = NumpySupport.resultType(List.of(a, b));
    boolean aMat = a.ndim() > 1;
    boolean bMat = b.ndim() > 1;
    int na = aMat ? a.ndim() - 2 : 0;
    int nb = bMat ? b.ndim() - 2 : 0;
    int nBatch = Math.max(na, nb);
    List<Integer> aSqueeze = new ArrayList<>();
    List<Integer> bSqueeze = new ArrayList<>();
    List<Integer> bothSqueeze = new ArrayList<>();
    List<Integer> aBatch = new ArrayList<>();
    List<Integer> bBatch = new ArrayList<>();
    List<Integer> idxBatch = new ArrayList<>();
    List<Integer> idxAOther = new ArrayList<>();
    List<Integer> idxBOther = new ArrayList<>();
    for (int i = 0; i < nBatch; i++) {
      int ia = i - (nBatch - na);
      int ib = i - (nBatch - nb);
      Integer ba = ia >= 0 ? a.shape()[ia] : null;
      Integer bb = ib >= 0 ? b.shape()[ib] : null;
      if (ba == null) {
        idxBOther.add(i);
      } else if (bb == null) {
        idxAOther.add(i);
      } else if (ba == 1 && bb == 1) {
        aSqueeze.add(idxBatch.size() + idxAOther.size() + aSqueeze.size());
        bSqueeze.add(idxBatch.size() + idxBOther.size() + bSqueeze.size());
        bothSqueeze.add(i);
      } else if (ba == 1) {
        idxBOther.add(i);
        aSqueeze.add(idxBatch.size() + idxAOther.size() + aSqueeze.size());
      } else if (bb == 1) {
        idxAOther.add(i);
        bSqueeze.add(idxBatch.size() + idxBOther.size() + bSqueeze.size());
      } else if (ba.equals(bb)) {
        aBatch.add(idxBatch.size() + idxAOther.size());
        bBatch.add(idxBatch.size() + idxBOther.size());
        idxBatch.add(i);
      } else {
        throw new JaxValueError("Incompatible types for matmul arguments: " + a.aval().str()
            + " and " + b.aval().str());
      }
    }
    if (aMat) {
      idxAOther.add(nBatch);
    }
    if (bMat) {
      idxBOther.add(nBatch + (aMat ? 1 : 0));
    }
    List<Integer> order = new ArrayList<>(idxBatch);
    order.addAll(idxAOther);
    order.addAll(idxBOther);
    int[] perm = LinalgSupport.argsort(order);
    a = LinalgSupport.squeeze(a, LinalgSupport.ints(aSqueeze));
    b = LinalgSupport.squeeze(b, LinalgSupport.ints(bSqueeze));
    DotDimensionNumbers dims = new DotDimensionNumbers(new int[] {a.ndim() - 1},
        new int[] {b.ndim() - 1 - (bMat ? 1 : 0)}, LinalgSupport.ints(aBatch),
        LinalgSupport.ints(bBatch));
    NDArray out = Lax.dotGeneral(LinalgSupport.adoptWeak(a, t.dtype()),
        LinalgSupport.adoptWeak(b, t.dtype()), dims, null, t.dtype());
    out = LinalgSupport.transpose(out, perm);
    if (!bothSqueeze.isEmpty()) {
      out = Lax.expandDims(out, LinalgSupport.ints(bothSqueeze));
    }
    return NumpySupport.convert(out, t.dtype(), t.weak());
  }

  /**
   * NumPy's {@code vdot}: the dot product of the flattened operands (no complex dtypes here, so
   * no conjugation).
   *
   * <pre>{@code
   * NDArray m = array(new int[][] {{1, 2}, {3, 4}});
   * vdot(m, onesLike(m))   // Array(10, dtype=int32)
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return numPy's {@code vdot}: the dot product of the flattened operands (no complex dtypes
   *     here, so no conjugation)
   * @throws JaxTypeError if the sizes differ
   */
  public static NDArray vdot(Object x, Object y) {
    return dot(LinalgSupport.ravel(NumpySupport.asArray(x)),
        LinalgSupport.ravel(NumpySupport.asArray(y)));
  }

  /**
   * NumPy's {@code inner}: contracts the last axis of both operands (result shape {@code
   * x.shape[:-1] + y.shape[:-1]}); with a 0-d operand, the elementwise product.
   *
   * <pre>{@code
   * inner(ones(2, 3), ones(5, 3)).shape()   // [2, 5]
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return numPy's {@code inner}
   */
  public static NDArray inner(Object x, Object y) {
    NDArray a = NumpySupport.asArray(x);
    NDArray b = NumpySupport.asArray(y);
    if (a.ndim() == 0 || b.ndim() == 0) {
      List<NDArray> ab = NumpySupport.promoteArgs("multiply", a, b);
      return product(ab.get(0), ab.get(1));
    }
    return tensordot(a, b, new int[] {-1}, new int[] {-1});
  }

  /**
   * NumPy's {@code outer}: {@code ravel(x)[:, None] * ravel(y)[None, :]} after promotion.
   *
   * <pre>{@code
   * outer(array(1, 2), array(1, 2, 3))   // Array([[1, 2, 3], [2, 4, 6]], dtype=int32)
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return numPy's {@code outer}: {@code ravel(x)[:, None] * ravel(y)[None, :]} after promotion
   */
  public static NDArray outer(Object x, Object y) {
    List<NDArray> ab = NumpySupport.promoteDtypes(x, y);
    NDArray a = LinalgSupport.ravel(ab.get(0));
    NDArray b = LinalgSupport.ravel(ab.get(1));
    int n = a.shape()[0];
    int m = b.shape()[0];
    return product(Lax.broadcastInDim(a, new int[] {n, 1}, new int[] {0}),
        Lax.broadcastInDim(b, new int[] {1, m}, new int[] {1}));
  }

  /** jnp.multiply of promoted operands: {@code and} for bool, {@code mul} otherwise. */
  private static NDArray product(NDArray a, NDArray b) {
    return a.dtype() == org.jaxpresso.core.DType.BOOL ? Lax.bitwiseAnd(a, b) : Lax.mul(a, b);
  }

  /**
   * {@link #tensordot(Object, Object, int)} over the last two axes of x and first two of y.
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return {@link #tensordot(Object, Object, int)} over the last two axes of x and first two of y
   */
  public static NDArray tensordot(Object x, Object y) {
    return tensordot(x, y, 2);
  }

  /**
   * NumPy's {@code tensordot} with an integer {@code axes}: the last {@code axes} axes of
   * {@code x} contract with the first {@code axes} axes of {@code y}, in order.
   *
   * <pre>{@code
   * tensordot(ones(2, 3, 4), ones(3, 4, 5), 2).shape()   // [2, 5]
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return numPy's {@code tensordot} with an integer {@code axes}
   * @throws JaxTypeError if {@code axes} exceeds a rank or the contracted sizes differ
   */
  public static NDArray tensordot(Object x, Object y, int axes) {
    NDArray a = NumpySupport.asArray(x);
    NDArray b = NumpySupport.asArray(y);
    if (axes > Math.min(a.ndim(), b.ndim())) {
      throw new JaxTypeError("Number of tensordot axes (axes " + axes + ") exceeds input ranks ("
          + a.aval().shape() + " and " + b.aval().shape() + ")");
    }
    Promotion.Typed t = NumpySupport.resultType(List.of(a, b));
    return contract(a, b,
        DotDimensionNumbers.of(range(a.ndim() - axes, a.ndim()), range(0, axes)), t);
  }

  /**
   * NumPy's {@code tensordot} with explicit axis lists: {@code axesX[i]} of x contracts with
   * {@code axesY[i]} of y (negative axes count from the end).
   *
   * <pre>{@code
   * tensordot(ones(2, 3, 5), ones(3, 4, 5), new int[] {1, 2}, new int[] {0, 2}).shape()  // [2, 4]
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @param axesX the axes of {@code x} to contract
   * @param axesY the axes of {@code y} to contract, paired with {@code axesX}
   * @return numPy's {@code tensordot} with explicit axis lists
   * @throws JaxTypeError if the lists differ in length or the contracted sizes differ
   * @throws JaxValueError for an axis out of range
   */
  public static NDArray tensordot(Object x, Object y, int[] axesX, int[] axesY) {
    NDArray a = NumpySupport.asArray(x);
    NDArray b = NumpySupport.asArray(y);
    if (axesX.length != axesY.length) {
      throw new JaxTypeError("tensordot requires axes lists to have equal length, got "
          + LinalgSupport.pyList(axesX) + " and " + LinalgSupport.pyList(axesY) + ".");
    }
    int[] ca = new int[axesX.length];
    int[] cb = new int[axesY.length];
    for (int i = 0; i < ca.length; i++) {
      ca[i] = NumpySupport.normalizeAxis(axesX[i], a.ndim());
      cb[i] = NumpySupport.normalizeAxis(axesY[i], b.ndim());
    }
    Promotion.Typed t = NumpySupport.resultType(List.of(a, b));
    return contract(a, b, DotDimensionNumbers.of(ca, cb), t);
  }

  /**
   * NumPy's {@code einsum}: Einstein summation over the subscripts ({@code "ij,jk->ik"},
   * implicit output {@code "ij,jk"}, ellipsis {@code "...ij,...jk->...ik"}, repeated indices
   * for diagonals and traces {@code "ii->i"}, {@code "ii"}). Pairs of operands contract through
   * {@code dot_general} (batch dimensions for labels shared with the output), single operands
   * through masks and {@code reduce_sum}; operands are not converted, {@code
   * preferred_element_type} is the promoted dtype. The contraction order is greedy (see {@link
   * #einsum(EinsumOrder, String, Object...)}).
   *
   * <pre>{@code
   * einsum("ij,jk->ik", x, w)   // the same jaxpr as dot(x, w)
   * einsum("ii", eye(3))        // Array(3., dtype=float32)
   * }</pre>
   *
   * @param subscripts the einsum subscripts, such as {@code "ij,jk->ik"}
   * @param operands the operand arrays
   * @return numPy's {@code einsum}
   * @throws JaxValueError for malformed subscripts, operand counts or mismatched sizes
   */
  public static NDArray einsum(String subscripts, Object... operands) {
    return einsum(EinsumOrder.GREEDY, subscripts, operands);
  }

  /**
   * {@link #einsum(String, Object...)} with the contraction order chosen: {@link
   * EinsumOrder#LEFT_TO_RIGHT} (JAX's {@code optimize=False}) or {@link EinsumOrder#GREEDY}.
   *
   * @param order the memory order
   * @param subscripts the einsum subscripts, such as {@code "ij,jk->ik"}
   * @param operands the operand arrays
   * @return {@link #einsum(String, Object...)} with the contraction order chosen
   */
  public static NDArray einsum(EinsumOrder order, String subscripts, Object... operands) {
    List<NDArray> arrays = new ArrayList<>(operands.length);
    for (Object o : operands) {
      arrays.add(NumpySupport.asArray(o));
    }
    return Einsum.einsum(subscripts, arrays, order);
  }

  /**
   * Sum of the main diagonal of the first two axes.
   *
   * @param x the operand: an array or a Java scalar
   * @return the sum of the main diagonal of the first two axes
   */
  public static NDArray trace(Object x) {
    return trace(x, 0, 0, 1);
  }

  /**
   * NumPy's {@code trace}: the sum of the diagonal at {@code offset} of the plane {@code
   * (axis1, axis2)}, over the remaining axes; small integers and bool accumulate in the default
   * integer type, as {@code sum}.
   *
   * <pre>{@code
   * trace(arange(9).reshape(3, 3), 1, 0, 1)   // Array(6, dtype=int32)
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param offset the offset of the diagonal from the main diagonal
   * @param axis1 the first axis
   * @param axis2 the second axis
   * @return numPy's {@code trace}
   * @throws JaxValueError for fewer than two axes, equal axes or an axis out of range
   */
  public static NDArray trace(Object x, int offset, int axis1, int axis2) {
    NDArray a = NumpySupport.asArray(x);
    NDArray moved = LinalgSupport.moveToEnd(a, axis1, axis2, "trace");
    int r = moved.ndim();
    int n = moved.shape()[r - 2];
    int m = moved.shape()[r - 1];
    NDArray mask = LinalgSupport.diagonalMask(n, m, offset);
    NDArray masked = LinalgSupport.where(
        Lax.broadcastInDim(mask, moved.shape(), new int[] {r - 2, r - 1}), moved,
        LinalgSupport.zerosLike(moved));
    return sum(masked, ReduceOptions.axis(-2, -1));
  }

  /**
   * {@link #diag(Object, int)} with {@code k = 0}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@link #diag(Object, int)} with {@code k = 0}
   */
  public static NDArray diag(Object x) {
    return diag(x, 0);
  }

  /**
   * NumPy's {@code diag}: for a 1-D {@code x}, the square matrix with {@code x} on diagonal
   * {@code k}; for a 2-D {@code x}, its diagonal {@code k}.
   *
   * <pre>{@code
   * diag(array(1, 2), 1)   // Array([[0, 1, 0], [0, 0, 2], [0, 0, 0]], dtype=int32)
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param k the diagonal: 0 is the main one, positive above, negative below
   * @return numPy's {@code diag}
   * @throws JaxValueError for other ranks
   */
  public static NDArray diag(Object x, int k) {
    NDArray v = NumpySupport.asArray(x);
    if (v.ndim() == 1) {
      int n = v.shape()[0] + Math.abs(k);
      NDArray padded = Lax.pad(v, LinalgSupport.zeroScalar(v),
          new int[][] {{Math.max(0, k), Math.max(0, -k), 0}});
      NDArray row = Lax.broadcastInDim(padded, new int[] {n, n}, new int[] {1});
      return LinalgSupport.where(LinalgSupport.diagonalMask(n, n, k), row,
          LinalgSupport.zerosLike(row));
    }
    if (v.ndim() == 2) {
      return diagonal(v, k, 0, 1);
    }
    throw new JaxValueError("diag input must be 1d or 2d");
  }

  /**
   * The main diagonal of the first two axes.
   *
   * @param x the operand: an array or a Java scalar
   * @return the main diagonal of the first two axes
   */
  public static NDArray diagonal(Object x) {
    return diagonal(x, 0, 0, 1);
  }

  /**
   * NumPy's {@code diagonal}: the diagonal at {@code offset} of the plane {@code (axis1,
   * axis2)}, as the last axis of the result (a reshape and a strided {@code slice}).
   *
   * <pre>{@code
   * diagonal(arange(9).reshape(3, 3))   // Array([0, 4, 8], dtype=int32)
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param offset the offset of the diagonal from the main diagonal
   * @param axis1 the first axis
   * @param axis2 the second axis
   * @return numPy's {@code diagonal}
   * @throws JaxValueError for fewer than two axes, equal axes or an axis out of range
   */
  public static NDArray diagonal(Object x, int offset, int axis1, int axis2) {
    NDArray a = NumpySupport.asArray(x);
    NDArray moved = LinalgSupport.moveToEnd(a, axis1, axis2, "diagonal");
    return LinalgSupport.diagonalOfLastTwo(moved, offset);
  }

  /**
   * The lower triangle (on and below the main diagonal) of the last two axes.
   *
   * @param x the operand: an array or a Java scalar
   * @return the lower triangle (on and below the main diagonal) of the last two axes
   */
  public static NDArray tril(Object x) {
    return tril(x, 0);
  }

  /**
   * NumPy's {@code tril}: {@code x} with the entries above diagonal {@code k} of the last two
   * axes set to zero.
   *
   * <pre>{@code
   * tril(ones(2, 2))   // Array([[1., 0.], [1., 1.]], dtype=float32)
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param k the diagonal: 0 is the main one, positive above, negative below
   * @return numPy's {@code tril}: {@code x} with the entries above diagonal {@code k} of the last
   *     two axes set to zero
   * @throws JaxValueError for fewer than two axes
   */
  public static NDArray tril(Object x, int k) {
    return triangle(NumpySupport.asArray(x), k, true);
  }

  /**
   * The upper triangle (on and above the main diagonal) of the last two axes.
   *
   * @param x the operand: an array or a Java scalar
   * @return the upper triangle (on and above the main diagonal) of the last two axes
   */
  public static NDArray triu(Object x) {
    return triu(x, 0);
  }

  /**
   * NumPy's {@code triu}: {@code x} with the entries below diagonal {@code k} of the last two
   * axes set to zero.
   *
   * <pre>{@code
   * triu(ones(2, 2))   // Array([[1., 1.], [0., 1.]], dtype=float32)
   * }</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param k the diagonal: 0 is the main one, positive above, negative below
   * @return numPy's {@code triu}: {@code x} with the entries below diagonal {@code k} of the last
   *     two axes set to zero
   * @throws JaxValueError for fewer than two axes
   */
  public static NDArray triu(Object x, int k) {
    return triangle(NumpySupport.asArray(x), k, false);
  }

  private static NDArray triangle(NDArray m, int k, boolean lower) {
    if (m.ndim() < 2) {
      throw new JaxValueError("Argument to jax.numpy." + (lower ? "tril" : "triu")
          + " must be at least 2D");
    }
    int[] s = m.shape();
    int n = s[s.length - 2];
    int cols = s[s.length - 1];
    NDArray mask = LinalgSupport.lowerMask(n, cols, lower ? k : k - 1);
    NDArray full = s.length == 2 ? mask : Lax.broadcast(mask, Arrays.copyOf(s, s.length - 2));
    NDArray zeros = LinalgSupport.zerosLike(m);
    return lower ? LinalgSupport.where(full, m, zeros) : LinalgSupport.where(full, zeros, m);
  }
}
