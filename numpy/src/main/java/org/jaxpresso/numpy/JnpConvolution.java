package org.jaxpresso.numpy;

import java.util.List;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * One-dimensional {@code convolve} and {@code correlate}, lowering to {@code
 * conv_general_dilated} as JAX's {@code _conv} does. Use through {@link Jnp}.
 */
public abstract class JnpConvolution extends JnpReductions {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpConvolution() {}

  /** The output size of {@link #convolve(Object, Object, ConvolveMode)} and {@code correlate}. */
  public enum ConvolveMode {
    /** Every overlap: length {@code n + m - 1}. */
    FULL,
    /** The length of the longer input, centred. */
    SAME,
    /** Only complete overlaps: length {@code max(n, m) - min(n, m) + 1}. */
    VALID;

    /**
     * The mode named as NumPy names it ({@code "full"}, {@code "same"}, {@code "valid"}).
     *
     * @param name the mode's name
     * @return the mode named as NumPy names it ({@code "full"}, {@code "same"}, {@code "valid"})
     * @throws JaxValueError for any other name
     */
    public static ConvolveMode of(String name) {
      return switch (name) {
        case "full" -> FULL;
        case "same" -> SAME;
        case "valid" -> VALID;
        default -> throw new JaxValueError("mode must be one of ['full', 'same', 'valid']");
      };
    }
  }

  /**
   * {@link #convolve(Object, Object, ConvolveMode)} in {@link ConvolveMode#FULL} mode.
   *
   * @param a the input: an array or a Java scalar
   * @param v the second 1-D input
   * @return {@link #convolve(Object, Object, ConvolveMode)} in {@link ConvolveMode#FULL} mode
   */
  public static NDArray convolve(Object a, Object v) {
    return convolve(a, v, ConvolveMode.FULL);
  }

  /**
   * {@link #convolve(Object, Object, ConvolveMode)} with the mode named as in NumPy.
   *
   * @param a the input: an array or a Java scalar
   * @param v the second 1-D input
   * @param mode how out-of-bounds indices are handled
   * @return {@link #convolve(Object, Object, ConvolveMode)} with the mode named as in NumPy
   */
  public static NDArray convolve(Object a, Object v, String mode) {
    return convolve(a, v, ConvolveMode.of(mode));
  }

  /**
   * NumPy's {@code convolve} of two 1-D arrays: both promote to an inexact dtype, the shorter
   * one is the kernel, flipped ({@code rev}), and the two go through {@code
   * conv_general_dilated} as {@code [1, 1, n]} arrays.
   *
   * <pre>{@code
   * convolve(array(1, 2, 1), ones(10))
   * // Array([1., 3., 4., 4., 4., 4., 4., 4., 4., 4., 3., 1.], dtype=float32)
   * }</pre>
   *
   * @param a the input: an array or a Java scalar
   * @param v the second 1-D input
   * @param mode how out-of-bounds indices are handled
   * @return numPy's {@code convolve} of two 1-D arrays
   * @throws JaxValueError for inputs that are not 1-D or are empty
   */
  public static NDArray convolve(Object a, Object v, ConvolveMode mode) {
    return conv(a, v, mode, "convolve");
  }

  /**
   * {@link #correlate(Object, Object, ConvolveMode)} in mode {@code VALID} (NumPy's default).
   *
   * @param a the input: an array or a Java scalar
   * @param v the second 1-D input
   * @return {@link #correlate(Object, Object, ConvolveMode)} in mode {@code VALID} (NumPy's
   *     default)
   */
  public static NDArray correlate(Object a, Object v) {
    return correlate(a, v, ConvolveMode.VALID);
  }

  /**
   * {@link #correlate(Object, Object, ConvolveMode)} with the mode named as in NumPy.
   *
   * @param a the input: an array or a Java scalar
   * @param v the second 1-D input
   * @param mode how out-of-bounds indices are handled
   * @return {@link #correlate(Object, Object, ConvolveMode)} with the mode named as in NumPy
   */
  public static NDArray correlate(Object a, Object v, String mode) {
    return correlate(a, v, ConvolveMode.of(mode));
  }

  /**
   * NumPy's {@code correlate} of two 1-D arrays: {@code c[k] = sum_n a[n + k] * v[n]}; when
   * {@code v} is the longer input the operands swap and the result is reversed.
   *
   * <pre>{@code
   * correlate(array(1, 2, 3), array(0, 1, 0.5f), "same")   // Array([2. , 3.5, 3. ], dtype=float32)
   * }</pre>
   *
   * @param a the input: an array or a Java scalar
   * @param v the second 1-D input
   * @param mode how out-of-bounds indices are handled
   * @return numPy's {@code correlate} of two 1-D arrays
   * @throws JaxValueError for inputs that are not 1-D or are empty
   */
  public static NDArray correlate(Object a, Object v, ConvolveMode mode) {
    return conv(a, v, mode, "correlate");
  }

  private static NDArray conv(Object a, Object v, ConvolveMode mode, String op) {
    NDArray x0 = NumpySupport.asArray(a);
    NDArray y0 = NumpySupport.asArray(v);
    if (x0.ndim() != 1 || y0.ndim() != 1) {
      throw new JaxValueError(op + "() only support 1-dimensional inputs.");
    }
    List<NDArray> xy = NumpySupport.promoteDtypesInexact(x0, y0);
    NDArray x = xy.get(0);
    NDArray y = xy.get(1);
    if (x.shape()[0] == 0 || y.shape()[0] == 0) {
      throw new JaxValueError(op + ": inputs cannot be empty, got shapes " + x.aval().shape()
          + " and " + y.aval().shape() + ".");
    }
    boolean reverseOut = false;
    if (x.shape()[0] < y.shape()[0]) {
      NDArray t = x;
      x = y;
      y = t;
      reverseOut = op.equals("correlate");
    }
    if (op.equals("convolve")) {
      y = Lax.rev(y, 0);
    }
    int m = y.shape()[0];
    int[] pad = switch (mode) {
      case VALID -> new int[] {0, 0};
      case SAME -> new int[] {m / 2, m - m / 2 - 1};
      case FULL -> new int[] {m - 1, m - 1};
    };
    NDArray lhs = Lax.broadcastInDim(x, new int[] {1, 1, x.shape()[0]}, new int[] {2});
    NDArray rhs = Lax.broadcastInDim(y, new int[] {1, 1, m}, new int[] {2});
    NDArray out = Lax.convGeneralDilated(lhs, rhs, new int[] {1}, Lax.padding(new int[][] {pad}));
    if (reverseOut) {
      out = Lax.rev(out, 2);
    }
    return Lax.squeeze(out, 0, 1);
  }
}
