package org.jaxpresso.numpy;

import java.util.function.Function;
import java.util.logging.Logger;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * Neural-network activation functions, as {@code jax.nn}: each lowers to lax primitives the way
 * JAX's does (custom-derivative wrappers aside).
 *
 * <pre>{@code
 * Nn.relu(x);                        // max x 0.0
 * Nn.softmax(logits);                // over the last axis
 * Nn.oneHot(array(0, 2), 3);         // [[1., 0., 0.], [0., 0., 1.]]
 * }</pre>
 *
 * <p>{@link #softmax}, {@link #logSoftmax} and {@link #logsumexp} subtract the maximum under
 * {@code stop_gradient}, as JAX does, so their jaxprs read like JAX's.
 */
public final class Nn {
  private static final Logger LOG = Logger.getLogger("org.jaxpresso.numpy");

  private Nn() {}

  /**
   * JAX's {@code relu}: {@code @jax.custom_jvp @jax.jit def relu(x): return jnp.maximum(x, 0)}
   * with {@code relu.defjvps(lambda g, ans, x: lax.select(x > 0, g, lax.full_like(g, 0)))}.
   */
  private static final Function<NDArray, NDArray> RELU = Jax.customJvp("relu",
      Jax.jit((NDArray x) -> Jnp.maximum(x, 0), Jax.name("relu")), "jvp",
      (x, g) -> new Jax.JvpPair<>(Nn.RELU.apply(x),
          Lax.selectN(Lax.gt(x, 0.0), fullLike(g, 0.0), g)));

  /**
   * {@code max(x, 0)} ({@code jnp.maximum(x, 0)}): {@code relu(array(-1f, 2f))} is [0, 2]. As
   * in JAX it is a {@code custom_jvp} function (one {@code custom_jvp_call} equation around a
   * {@code jit} of the maximum) whose derivative is 1 where {@code x > 0} and 0 elsewhere,
   * including at 0 (where the derivative of {@code max} would be 0.5).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code max(x, 0)} ({@code jnp.maximum(x, 0)}): {@code relu(array(-1f, 2f))} is [0, 2]
   */
  public static NDArray relu(Object x) {
    return RELU.apply(NumpySupport.canonical(x));
  }

  /** JAX's {@code lax.full_like(g, v)}: {@code v} broadcast to g's shape in g's dtype. */
  private static NDArray fullLike(NDArray g, double v) {
    Array c = Array.scalar(v, g.aval().dtype());
    if (g.aval().weakType()) {
      c = Array.wrap(c.aval().withWeakType(true), c.host());
    }
    return g.aval().rank() == 0 ? c
        : Lax.broadcastInDim(c, g.aval().shape().dims(), new int[0]);
  }

  /**
   * The logistic sigmoid {@code 1 / (1 + exp(-x))} ({@code logistic}; floats only).
   *
   * @param x the operand: an array or a Java scalar
   * @return the logistic sigmoid {@code 1 / (1 + exp(-x))} ({@code logistic}; floats only)
   */
  public static NDArray sigmoid(Object x) {
    return Lax.logistic(NumpySupport.canonical(x));
  }

  /**
   * {@link #softmax(Object, int...)} over the last axis.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@link #softmax(Object, int...)} over the last axis
   */
  public static NDArray softmax(Object x) {
    return softmax(x, -1);
  }

  /**
   * {@code exp(x - max) / sum(exp(x - max))} over {@code axis} (several axes allowed): the
   * maximum (at least -inf) is kept as a size-1 dimension, subtracted, exponentiated, summed
   * and divided, as {@code jax.nn.softmax}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code exp(x - max) / sum(exp(x - max))} over {@code axis} (several axes allowed)
   * @throws org.jaxpresso.core.errors.JaxValueError for an out-of-range axis
   */
  public static NDArray softmax(Object x, int... axis) {
    NDArray a = NumpySupport.canonical(x);
    int[] axes = NumpySupport.normalizeAxes(axis, a.ndim());
    NDArray max = stopGradient(keepdimsMax(a, axes));
    NDArray unnormalized = Jnp.exp(Jnp.subtract(a, max));
    return Jnp.divide(unnormalized, keepdims(Lax.reduceSum(unnormalized, axes), a.shape(), axes));
  }

  /**
   * {@link #logSoftmax(Object, int...)} over the last axis.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@link #logSoftmax(Object, int...)} over the last axis
   */
  public static NDArray logSoftmax(Object x) {
    return logSoftmax(x, -1);
  }

  /**
   * {@code x - max - log(sum(exp(x - max)))} over {@code axis}, as {@code jax.nn.log_softmax}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code x - max - log(sum(exp(x - max)))} over {@code axis}, as {@code
   *     jax.nn.log_softmax}
   * @throws org.jaxpresso.core.errors.JaxValueError for an out-of-range axis
   */
  public static NDArray logSoftmax(Object x, int... axis) {
    NDArray a = NumpySupport.canonical(x);
    int[] axes = NumpySupport.normalizeAxes(axis, a.ndim());
    NDArray shifted = Jnp.subtract(a, stopGradient(keepdimsMax(a, axes)));
    NDArray e = Jnp.exp(shifted);
    NDArray sum = keepdims(Lax.reduceSum(e, axes), e.shape(), axes);
    return Jnp.subtract(shifted, Jnp.log(sum));
  }

  /**
   * {@code log(sum(exp(x)))} over all elements, computed stably.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@code log(sum(exp(x)))} over all elements, computed stably
   */
  public static NDArray logsumexp(Object x) {
    return logsumexp(x, ReduceOptions.ALL);
  }

  /**
   * {@code log(sum(exp(x)))} over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@code log(sum(exp(x)))} over {@code axes}
   */
  public static NDArray logsumexp(Object x, int... axes) {
    return logsumexp(x, ReduceOptions.axis(axes));
  }

  /**
   * {@code log(sum(exp(x)))} over the options' axes (all when none), with {@code keepdims}:
   * the finite maximum is subtracted before {@code exp} and added back after {@code log}, as
   * {@code jax.nn.logsumexp}; ints become float32.
   *
   * @param x the operand: an array or a Java scalar
   * @param options the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return {@code log(sum(exp(x)))} over the options' axes (all when none), with {@code keepdims}
   * @throws org.jaxpresso.core.errors.JaxValueError for an out-of-range axis
   */
  public static NDArray logsumexp(Object x, ReduceOptions options) {
    NDArray a = NumpySupport.promoteArgsInexact("logsumexp", x).get(0);
    int[] axes = NumpySupport.normalizeAxes(options.axes(), a.ndim());
    boolean keep = options.keepsDims();
    NDArray amax = Lax.max(NumpySupport.constLike(a, Double.NEGATIVE_INFINITY),
        Lax.reduceMax(a, axes));
    if (keep) {
      amax = keepdims(amax, a.shape(), axes);
    }
    amax = stopGradient(Lax.selectN(Lax.isFinite(amax),
        NumpySupport.fullLike(amax, 0, amax.dtype()), amax));
    NDArray amaxWithDims = keep ? amax : keepdims(amax, a.shape(), axes);
    NDArray expA = Lax.exp(Lax.sub(a, amaxWithDims));
    NDArray sumexp = Lax.reduceSum(expA, axes);
    if (keep) {
      sumexp = keepdims(sumexp, a.shape(), axes);
    }
    Lax.sign(sumexp); // JAX computes the sign for return_sign; unused here, as in JAX's jaxpr
    sumexp = Lax.abs(sumexp);
    return Lax.add(Lax.log(sumexp), amax);
  }

  /**
   * {@link #gelu(Object, boolean)} with the tanh approximation (JAX's default).
   *
   * @param x the operand: an array or a Java scalar
   * @return {@link #gelu(Object, boolean)} with the tanh approximation (JAX's default)
   */
  public static NDArray gelu(Object x) {
    return gelu(x, true);
  }

  /**
   * The Gaussian error linear unit: with {@code approximate}, {@code x * 0.5 * (1 + tanh(
   * sqrt(2/pi) * (x + 0.044715 * x**3)))}; otherwise exactly {@code 0.5 * x * erfc(-x /
   * sqrt(2))}. Ints become float32.
   *
   * @param x the operand: an array or a Java scalar
   * @param approximate whether to use the tanh approximation
   * @return the Gaussian error linear unit
   */
  public static NDArray gelu(Object x, boolean approximate) {
    NDArray a = NumpySupport.promoteArgsInexact("gelu", x).get(0);
    if (approximate) {
      NDArray sqrt2OverPi = NumpySupport.constLike(a, Math.sqrt(2 / Math.PI));
      NDArray inner = Jnp.add(a, Jnp.multiply(0.044715, Jnp.power(a, 3)));
      NDArray cdf = Jnp.multiply(0.5,
          Jnp.add(1.0, Jnp.tanh(Jnp.multiply(sqrt2OverPi, inner))));
      return Jnp.multiply(a, cdf);
    }
    NDArray sqrtHalf = NumpySupport.constLike(a, Math.sqrt(0.5));
    NDArray half = Jnp.multiply(0.5, a);
    NDArray erfc = Lax.erfc(Jnp.multiply(Jnp.negative(a), sqrtHalf));
    return Jnp.multiply(half, erfc);
  }

  /**
   * {@link #oneHot(Object, int, DType, int)} as float32 along a new last axis.
   *
   * @param x the operand: an array or a Java scalar
   * @param numClasses the number of classes
   * @return the one-hot encoding, with the new axis at {@code axis}
   */
  public static NDArray oneHot(Object x, int numClasses) {
    return oneHot(x, numClasses, DType.FLOAT32, -1);
  }

  /**
   * {@link #oneHot(Object, int, DType, int)} along a new last axis.
   *
   * @param x the operand: an array or a Java scalar
   * @param numClasses the number of classes
   * @param dtype the element type of the result
   * @return the one-hot encoding, with the new axis at {@code axis}
   */
  public static NDArray oneHot(Object x, int numClasses, DType dtype) {
    return oneHot(x, numClasses, dtype, -1);
  }

  /**
   * 1 where {@code x == class}, else 0, along a new axis {@code axis} of size {@code
   * numClasses} (out-of-range values give all zeros): {@code x} with a size-1 axis compared with
   * a {@code broadcasted_iota}, then converted to {@code dtype}, as {@code jax.nn.one_hot}.
   *
   * @param x the operand: an array or a Java scalar
   * @param numClasses the number of classes
   * @param dtype the element type of the result
   * @param axis the axis to operate along; negative values count from the end
   * @return the one-hot encoding, with the new axis at {@code axis}
   * @throws org.jaxpresso.core.errors.JaxValueError for an out-of-range axis
   */
  public static NDArray oneHot(Object x, int numClasses, DType dtype, int axis) {
    NDArray a = NumpySupport.canonical(x);
    if (!a.dtype().isInteger()) {
      LOG.warning("jax.nn.one_hot input should be integer-typed; got dtype=" + a.dtype());
    }
    DType to = NumpySupport.requestedDtype(dtype, "one_hot");
    int outAxis = NumpySupport.normalizeAxis(axis, a.ndim() + 1);
    NDArray lhs = Lax.expandDims(a, outAxis);
    int[] rhsShape = new int[a.ndim() + 1];
    java.util.Arrays.fill(rhsShape, 1);
    rhsShape[outAxis] = numClasses;
    NDArray rhs = Lax.broadcastedIota(a.dtype(), rhsShape, outAxis);
    return Lax.convertElementType(Jnp.equal(lhs, rhs), to, false);
  }

  /** {@code max(-inf, reduce_max(x, axes))} with the reduced axes kept as size 1. */
  private static NDArray keepdimsMax(NDArray a, int[] axes) {
    Object initial = a.dtype().isFloating() ? Double.NEGATIVE_INFINITY
        : a.dtype() == DType.BOOL ? false : IInfo.of(a.dtype()).min();
    NDArray m = Lax.max(NumpySupport.constLike(a, initial), Lax.reduceMax(a, axes));
    return keepdims(m, a.shape(), axes);
  }

  /** A reduction result given back its reduced axes as size 1 ({@code broadcast_in_dim}). */
  private static NDArray keepdims(NDArray r, int[] shape, int[] axes) {
    int[] out = shape.clone();
    boolean[] reduced = new boolean[shape.length];
    for (int ax : axes) {
      out[ax] = 1;
      reduced[ax] = true;
    }
    int[] dims = new int[shape.length - axes.length];
    int k = 0;
    for (int i = 0; i < shape.length; i++) {
      if (!reduced[i]) {
        dims[k++] = i;
      }
    }
    return Lax.broadcastInDim(r, out, dims);
  }

  private static NDArray stopGradient(NDArray x) {
    return Lax.stopGradient(x);
  }
}
