package org.jaxpresso.numpy;

import java.util.function.BiFunction;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * Reductions: sum, mean, max, min, prod, all, any, argmax, argmin, var, std, with NumPy's axis,
 * keepdims and ddof (see {@link ReduceOptions}) and JAX's result dtypes. Use through {@link Jnp}.
 */
public abstract class JnpReductions extends JnpShaping {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpReductions() {}

  /** Reduce over {@code axes}: the start of a {@link ReduceOptions}. */
  public static ReduceOptions axis(int... axes) {
    return ReduceOptions.axis(axes);
  }

  /** The dtype sums and products accumulate in: small ints and bool widen to the default int. */
  static DType accumulationDtype(DType d) {
    if (d == DType.BOOL || (d.isSignedInteger() && d.bits() < DType.defaultInt().bits())) {
      return DType.defaultInt();
    }
    if (d.isUnsigned() && d.bits() < DType.defaultUint().bits()) {
      return DType.defaultUint();
    }
    return d;
  }

  private static NDArray reduce(Object x, ReduceOptions o, String name,
      BiFunction<NDArray, int[], NDArray> op, boolean needsIdentity) {
    NDArray a = NumpySupport.asArray(x);
    int[] axes = NumpySupport.normalizeAxes(o.axes(), a.ndim());
    if (needsIdentity) {
      for (int ax : axes) {
        if (a.shape()[ax] == 0) {
          throw new JaxValueError("zero-size array to reduction operation " + name + " which has no identity");
        }
      }
    }
    NDArray r = axes.length == 0 ? a : op.apply(a, axes);
    return o.keepsDims() ? keepDims(r, a.shape(), axes) : r;
  }

  /** {@code r} (the reduction of an array of {@code shape} over {@code axes}) with size-1 axes restored. */
  static NDArray keepDims(NDArray r, int[] shape, int[] axes) {
    if (axes.length == 0) {
      return r;
    }
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

  /** Sum of all elements. */
  public static NDArray sum(Object x) {
    return sum(x, ReduceOptions.ALL);
  }

  /** Sum over {@code axes}. */
  public static NDArray sum(Object x, int... axes) {
    return sum(x, ReduceOptions.axis(axes));
  }

  /** Sum with options; bool and small ints accumulate in the default int type. */
  public static NDArray sum(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.asArray(x);
    DType acc = accumulationDtype(a.dtype());
    NDArray in = acc == a.dtype() ? a : Lax.convertElementType(a, acc);
    return reduce(in, o, "sum", Lax::reduceSum, false);
  }

  /** Product of all elements. */
  public static NDArray prod(Object x) {
    return prod(x, ReduceOptions.ALL);
  }

  /** Product over {@code axes}. */
  public static NDArray prod(Object x, int... axes) {
    return prod(x, ReduceOptions.axis(axes));
  }

  /** Product with options. */
  public static NDArray prod(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.asArray(x);
    DType acc = accumulationDtype(a.dtype());
    NDArray in = acc == a.dtype() ? a : Lax.convertElementType(a, acc);
    return reduce(in, o, "prod", Lax::reduceProd, false);
  }

  /** Maximum of all elements. */
  public static NDArray max(Object x) {
    return max(x, ReduceOptions.ALL);
  }

  /** Maximum over {@code axes}. */
  public static NDArray max(Object x, int... axes) {
    return max(x, ReduceOptions.axis(axes));
  }

  /** Maximum with options (NaN propagates). */
  public static NDArray max(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.asArray(x);
    return reduce(a, o, "max", a.dtype() == DType.BOOL ? Lax::reduceOr : Lax::reduceMax, true);
  }

  /** {@link #max(Object)}. */
  public static NDArray amax(Object x) {
    return max(x);
  }

  /** {@link #max(Object, int...)}. */
  public static NDArray amax(Object x, int... axes) {
    return max(x, axes);
  }

  /** Minimum of all elements. */
  public static NDArray min(Object x) {
    return min(x, ReduceOptions.ALL);
  }

  /** Minimum over {@code axes}. */
  public static NDArray min(Object x, int... axes) {
    return min(x, ReduceOptions.axis(axes));
  }

  /** Minimum with options (NaN propagates). */
  public static NDArray min(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.asArray(x);
    return reduce(a, o, "min", a.dtype() == DType.BOOL ? Lax::reduceAnd : Lax::reduceMin, true);
  }

  /** {@link #min(Object)}. */
  public static NDArray amin(Object x) {
    return min(x);
  }

  /** {@link #min(Object, int...)}. */
  public static NDArray amin(Object x, int... axes) {
    return min(x, axes);
  }

  private static NDArray truth(Object x) {
    NDArray a = NumpySupport.asArray(x);
    return a.dtype() == DType.BOOL ? a : Lax.ne(a, NumpySupport.convert(0, a.dtype(), false));
  }

  /** Whether every element is true (nonzero). */
  public static NDArray all(Object x) {
    return all(x, ReduceOptions.ALL);
  }

  /** {@code all} with options. */
  public static NDArray all(Object x, ReduceOptions o) {
    return reduce(truth(x), o, "all", Lax::reduceAnd, false);
  }

  /** Whether any element is true (nonzero). */
  public static NDArray any(Object x) {
    return any(x, ReduceOptions.ALL);
  }

  /** {@code any} with options. */
  public static NDArray any(Object x, ReduceOptions o) {
    return reduce(truth(x), o, "any", Lax::reduceOr, false);
  }

  /** Mean of all elements. */
  public static NDArray mean(Object x) {
    return mean(x, ReduceOptions.ALL);
  }

  /** Mean over {@code axes}. */
  public static NDArray mean(Object x, int... axes) {
    return mean(x, ReduceOptions.axis(axes));
  }

  /**
   * Mean with options: ints average as float32; float16 and bfloat16 accumulate in float32;
   * lowers to {@code reduce_sum} then {@code div} by the count, as JAX.
   */
  public static NDArray mean(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.promoteDtypesInexact(x).get(0);
    if (a.weakType()) {
      a = Lax.convertElementType(a, a.dtype());
    }
    int[] axes = NumpySupport.normalizeAxes(o.axes(), a.ndim());
    long n = 1;
    for (int ax : axes) {
      n *= a.shape()[ax];
    }
    DType out = a.dtype();
    DType comp = out == DType.FLOAT16 || out == DType.BFLOAT16 ? DType.FLOAT32 : out;
    NDArray in = comp == out ? a : Lax.convertElementType(a, comp);
    NDArray s = axes.length == 0 ? in : Lax.reduceSum(in, axes);
    NDArray m = Lax.div(s, Array.scalar((double) n, comp).withWeakType(false));
    if (comp != out) {
      m = Lax.convertElementType(m, out);
    }
    return o.keepsDims() ? keepDims(m, a.shape(), axes) : m;
  }

  /** Variance of all elements (ddof 0). */
  public static NDArray var(Object x) {
    return var(x, ReduceOptions.ALL);
  }

  /** Variance over {@code axes} (ddof 0). */
  public static NDArray var(Object x, int... axes) {
    return var(x, ReduceOptions.axis(axes));
  }

  /**
   * Variance with options: {@code sum(square(x - mean(x, keepdims))) / (n - ddof)}, NaN when
   * {@code n - ddof <= 0}, as JAX's {@code _var}.
   */
  public static NDArray var(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.promoteDtypesInexact(x).get(0);
    int[] axes = NumpySupport.normalizeAxes(o.axes(), a.ndim());
    long n = 1;
    for (int ax : axes) {
      n *= a.shape()[ax];
    }
    DType d = a.dtype();
    NDArray centered = Lax.sub(a, mean(a, new ReduceOptions(axes, true, 0)));
    NDArray sq = Lax.square(centered);
    NDArray denom = Array.scalar((double) (n - o.ddofValue()), d);
    NDArray s = axes.length == 0 ? sq : Lax.reduceSum(sq, axes);
    NDArray v = Lax.div(s, denom);
    if (n - o.ddofValue() <= 0) {
      v = Lax.broadcastInDim(Array.scalar(Double.NaN, d), v.shape(), new int[0]);
    }
    return o.keepsDims() ? keepDims(v, a.shape(), axes) : v;
  }

  /** Standard deviation of all elements (ddof 0). */
  public static NDArray std(Object x) {
    return std(x, ReduceOptions.ALL);
  }

  /** Standard deviation over {@code axes} (ddof 0). */
  public static NDArray std(Object x, int... axes) {
    return std(x, ReduceOptions.axis(axes));
  }

  /** Standard deviation with options: {@code sqrt(var)}. */
  public static NDArray std(Object x, ReduceOptions o) {
    return Lax.sqrt(var(x, o));
  }

  /** Index of the maximum of the flattened array (int32). */
  public static NDArray argmax(Object x) {
    NDArray a = NumpySupport.asArray(x);
    return argmax(ravel(a), 0);
  }

  /**
   * Indices of the maxima along {@code axis} (first on ties; NaN wins).
   *
   * @throws JaxValueError for an empty axis
   */
  public static NDArray argmax(Object x, int axis) {
    NDArray a = NumpySupport.asArray(x);
    int ax = NumpySupport.normalizeAxis(axis, Math.max(a.ndim(), 1));
    if (a.ndim() == 0) {
      a = Lax.reshape(a, new int[] {1});
    }
    if (a.shape()[ax] == 0) {
      throw new JaxValueError("attempt to get argmax of an empty sequence");
    }
    return Lax.argmax(a, ax, DType.defaultInt());
  }

  /** Index of the minimum of the flattened array (int32). */
  public static NDArray argmin(Object x) {
    NDArray a = NumpySupport.asArray(x);
    return argmin(ravel(a), 0);
  }

  /**
   * Indices of the minima along {@code axis} (first on ties; NaN wins).
   *
   * @throws JaxValueError for an empty axis
   */
  public static NDArray argmin(Object x, int axis) {
    NDArray a = NumpySupport.asArray(x);
    int ax = NumpySupport.normalizeAxis(axis, Math.max(a.ndim(), 1));
    if (a.ndim() == 0) {
      a = Lax.reshape(a, new int[] {1});
    }
    if (a.shape()[ax] == 0) {
      throw new JaxValueError("attempt to get argmin of an empty sequence");
    }
    return Lax.argmin(a, ax, DType.defaultInt());
  }
}
