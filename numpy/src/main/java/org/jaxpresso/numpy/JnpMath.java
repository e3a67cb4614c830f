package org.jaxpresso.numpy;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * Elementwise arithmetic, transcendental functions, comparisons and selection, with NumPy's
 * (JAX's) type promotion and broadcasting. Use through {@link Jnp}.
 */
public abstract class JnpMath extends JnpCreation {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpMath() {}

  private static NDArray binary(String name, Object x, Object y,
      java.util.function.BinaryOperator<NDArray> op) {
    List<NDArray> a = NumpySupport.promoteArgs(name, x, y);
    return op.apply(a.get(0), a.get(1));
  }

  /** {@code x + y}. */
  public static NDArray add(Object x, Object y) {
    return binary("add", x, y, (a, b) -> a.dtype() == DType.BOOL ? Lax.bitwiseOr(a, b) : Lax.add(a, b));
  }

  /** {@code x - y}. */
  public static NDArray subtract(Object x, Object y) {
    return binary("subtract", x, y, Lax::sub);
  }

  /** {@code x * y}. */
  public static NDArray multiply(Object x, Object y) {
    return binary("multiply", x, y, (a, b) -> a.dtype() == DType.BOOL ? Lax.bitwiseAnd(a, b) : Lax.mul(a, b));
  }

  /** {@code x / y}, always floating (ints become float32). */
  public static NDArray divide(Object x, Object y) {
    return trueDivide(x, y);
  }

  /** {@code x / y}, always floating (ints become float32). */
  public static NDArray trueDivide(Object x, Object y) {
    List<NDArray> a = NumpySupport.promoteArgsInexact("true_divide", x, y);
    return Lax.div(a.get(0), a.get(1));
  }

  /** The larger of x and y elementwise (NaN propagates). */
  public static NDArray maximum(Object x, Object y) {
    return binary("maximum", x, y, Lax::max);
  }

  /** The smaller of x and y elementwise (NaN propagates). */
  public static NDArray minimum(Object x, Object y) {
    return binary("minimum", x, y, Lax::min);
  }

  /** {@code -x}. */
  public static NDArray negative(Object x) {
    return Lax.neg(NumpySupport.asArray(x));
  }

  /** {@code |x|}. */
  public static NDArray abs(Object x) {
    NDArray a = NumpySupport.asArray(x);
    return a.dtype().isUnsigned() || a.dtype() == DType.BOOL ? a : Lax.abs(a);
  }

  private static NDArray inexact(Object x) {
    return NumpySupport.promoteDtypesInexact(x).get(0);
  }

  /** Square root (ints become float32). */
  public static NDArray sqrt(Object x) {
    return Lax.sqrt(inexact(x));
  }

  /** {@code e**x}. */
  public static NDArray exp(Object x) {
    return Lax.exp(inexact(x));
  }

  /** Natural logarithm. */
  public static NDArray log(Object x) {
    return Lax.log(inexact(x));
  }

  /** Sine. */
  public static NDArray sin(Object x) {
    return Lax.sin(inexact(x));
  }

  /** Cosine. */
  public static NDArray cos(Object x) {
    return Lax.cos(inexact(x));
  }

  /** Hyperbolic tangent. */
  public static NDArray tanh(Object x) {
    return Lax.tanh(inexact(x));
  }

  private static NDArray compare(String name, Object x, Object y,
      java.util.function.BinaryOperator<NDArray> op) {
    return binary(name, x, y, op);
  }

  /** {@code x == y}. */
  public static NDArray equal(Object x, Object y) {
    return compare("equal", x, y, Lax::eq);
  }

  /** {@code x != y}. */
  public static NDArray notEqual(Object x, Object y) {
    return compare("not_equal", x, y, Lax::ne);
  }

  /** {@code x < y}. */
  public static NDArray less(Object x, Object y) {
    return compare("less", x, y, Lax::lt);
  }

  /** {@code x <= y}. */
  public static NDArray lessEqual(Object x, Object y) {
    return compare("less_equal", x, y, Lax::le);
  }

  /** {@code x > y}. */
  public static NDArray greater(Object x, Object y) {
    return compare("greater", x, y, Lax::gt);
  }

  /** {@code x >= y}. */
  public static NDArray greaterEqual(Object x, Object y) {
    return compare("greater_equal", x, y, Lax::ge);
  }

  /**
   * {@code condition ? x : y} elementwise, broadcasting all three; lowers to
   * {@code select_n(condition, y, x)} (false case first), as {@code jnp.where}.
   */
  public static NDArray where(Object condition, Object x, Object y) {
    NDArray c = NumpySupport.asArray(condition);
    if (c.dtype() != DType.BOOL) {
      c = Lax.ne(c, NumpySupport.convert(0, c.dtype(), false));
    }
    List<NDArray> xy = NumpySupport.promoteDtypes(x, y);
    int[] shape = NumpySupport.broadcastShapes(List.of(c.shape(), xy.get(0).shape(), xy.get(1).shape()));
    return Lax.selectN(broadcastTo(c, shape), broadcastTo(xy.get(1), shape), broadcastTo(xy.get(0), shape));
  }
}
