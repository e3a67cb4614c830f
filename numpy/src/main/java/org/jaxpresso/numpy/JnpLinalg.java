package org.jaxpresso.numpy;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/** Linear algebra: dot, matmul and friends, lowering to {@code dot_general}. Use through {@link Jnp}. */
public abstract class JnpLinalg extends JnpReductions {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpLinalg() {}

  private static int[] range(int from, int to) {
    int[] r = new int[Math.max(0, to - from)];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /**
   * NumPy's {@code dot}: scalars multiply; otherwise the last axis of {@code x} contracts with
   * the only axis of a 1-D {@code y}, or with the second-to-last axis of {@code y}. Lowers to
   * {@code dot_general} with {@code preferred_element_type} = the promoted dtype.
   */
  public static NDArray dot(Object x, Object y) {
    List<NDArray> ab = NumpySupport.promoteDtypes(x, y);
    NDArray a = ab.get(0);
    NDArray b = ab.get(1);
    if (a.ndim() == 0 || b.ndim() == 0) {
      return multiply(a, b);
    }
    int ca = a.ndim() - 1;
    int cb = b.ndim() == 1 ? 0 : b.ndim() - 2;
    checkContracting("dot", a, ca, b, cb);
    return Lax.dotGeneral(a, b, DotDimensionNumbers.of(new int[] {ca}, new int[] {cb}), null, a.dtype());
  }

  private static void checkContracting(String name, NDArray a, int ca, NDArray b, int cb) {
    if (a.shape()[ca] != b.shape()[cb]) {
      throw new JaxTypeError(name + " requires contracting dimensions to have the same shape, got ("
          + a.shape()[ca] + ",) and (" + b.shape()[cb] + ",).");
    }
  }

  /**
   * NumPy's {@code matmul} ({@code @}): 1-D operands are promoted to matrices and the added
   * axis removed afterwards; leading (batch) axes broadcast.
   *
   * @throws JaxTypeError for 0-d operands or mismatched inner sizes
   */
  public static NDArray matmul(Object x, Object y) {
    List<NDArray> ab = NumpySupport.promoteDtypes(x, y);
    NDArray a = ab.get(0);
    NDArray b = ab.get(1);
    if (a.ndim() == 0 || b.ndim() == 0) {
      throw new JaxTypeError("matmul: inputs must be at least 1-dimensional, got shapes "
          + a.aval().shape() + " and " + b.aval().shape());
    }
    boolean vecA = a.ndim() == 1;
    boolean vecB = b.ndim() == 1;
    if (vecA) {
      a = Lax.expandDims(a, 0);
    }
    if (vecB) {
      b = Lax.expandDims(b, 1);
    }
    int na = a.ndim();
    int nb = b.ndim();
    checkContracting("matmul", a, na - 1, b, nb - 2);
    int batch = Math.max(na, nb) - 2;
    int[] sa = a.shape();
    int[] sb = b.shape();
    int[] batchShape = NumpySupport.broadcastShapes(List.of(
        java.util.Arrays.copyOf(sa, na - 2), java.util.Arrays.copyOf(sb, nb - 2)));
    a = broadcastBatch(a, batchShape);
    b = broadcastBatch(b, batchShape);
    NDArray out = Lax.dotGeneral(a, b, new DotDimensionNumbers(
        new int[] {batch + 1}, new int[] {batch}, range(0, batch), range(0, batch)), null, a.dtype());
    List<Integer> drop = new ArrayList<>();
    if (vecA) {
      drop.add(batch);
    }
    if (vecB) {
      drop.add(out.ndim() - 1);
    }
    return drop.isEmpty() ? out : Lax.squeeze(out, drop.stream().mapToInt(Integer::intValue).toArray());
  }

  private static NDArray broadcastBatch(NDArray x, int[] batchShape) {
    int n = x.ndim();
    int[] s = x.shape();
    int[] target = new int[batchShape.length + 2];
    System.arraycopy(batchShape, 0, target, 0, batchShape.length);
    target[batchShape.length] = s[n - 2];
    target[batchShape.length + 1] = s[n - 1];
    return java.util.Arrays.equals(s, target) ? x : broadcastTo(x, target);
  }
}
