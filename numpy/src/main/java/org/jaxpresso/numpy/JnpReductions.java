package org.jaxpresso.numpy;

import java.util.function.BiFunction;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;
import org.jaxpresso.numpy.internal.shaping.Axes;
import org.jaxpresso.numpy.internal.shaping.Median;

/**
 * Reductions and scans: sum, mean, max, min, prod, all, any, argmax, argmin, var, std, cumsum,
 * cumprod, countNonzero, median, with NumPy's axis,
 * keepdims and ddof (see {@link ReduceOptions}) and JAX's result dtypes. Use through {@link Jnp}.
 */
public abstract class JnpReductions extends JnpJoining {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpReductions() {}

  /**
   * Reduce over {@code axes}: the start of a {@link ReduceOptions}.
   *
   * @param axes the axes to operate along; negative values count from the end
   * @return options reducing over {@code axes}; chain {@code keepdims()} or {@code ddof(n)}
   */
  public static ReduceOptions axis(int... axes) {
    return ReduceOptions.axis(axes);
  }

  /**
   * Reduce over all axes, keeping them as size 1: {@code Jnp.sum(x, Jnp.keepdims())}.
   *
   * @return options reducing over all axes and keeping them as size 1
   */
  public static ReduceOptions keepdims() {
    return ReduceOptions.ALL.keepdims();
  }

  /**
   * Reduce over all axes with {@code ddof}: {@code Jnp.std(x, Jnp.ddof(1))}.
   *
   * @param ddof the delta degrees of freedom subtracted from the element count
   * @return options reducing over all axes with this {@code ddof}
   */
  public static ReduceOptions ddof(int ddof) {
    return ReduceOptions.ALL.ddof(ddof);
  }

  /** The dtype sums and products accumulate in: small ints and bool widen to the default int. */
  static DType accumulationDtype(DType d) {
    d = d.canonical();
    if (d == DType.BOOL || (d.isSignedInteger() && d.bits() < DType.defaultInt().bits())) {
      return DType.defaultInt();
    }
    if (d.isUnsigned() && d.bits() < DType.defaultUint().bits()) {
      return DType.defaultUint();
    }
    return d;
  }

  /** float16 and bfloat16 compute in float32 (JAX's {@code _upcast_f16}). */
  static DType upcastF16(DType d) {
    return d == DType.FLOAT16 || d == DType.BFLOAT16 ? DType.FLOAT32 : d;
  }

  /**
   * JAX's {@code _reduction}: axis checks, the empty check for reductions without identity,
   * integer promotion, f16 upcast, the reduction, keepdims, and the result dtype.
   */
  private static NDArray reduce(Object x, ReduceOptions o, String name,
      BiFunction<NDArray, int[], NDArray> op, BiFunction<NDArray, int[], NDArray> boolOp,
      boolean hasIdentity, boolean promoteIntegers, boolean upcast, DType dtype) {
    NDArray a = NumpySupport.asArray(x);
    int[] axes = Axes.reduction(o.axes(), a.ndim());
    if (!hasIdentity) {
      for (int ax : axes) {
        if (a.shape()[ax] == 0) {
          throw new JaxValueError("zero-size array to reduction operation " + name
              + " which has no identity");
        }
      }
    }
    DType result = (dtype != null ? dtype
        : promoteIntegers ? accumulationDtype(a.dtype()) : a.dtype()).canonical();
    DType comp = upcast && result.isFloating() ? upcastF16(result) : result;
    NDArray in = NumpySupport.convert(a, comp, false);
    NDArray r = (comp == DType.BOOL ? boolOp : op).apply(in, axes);
    if (o.keepsDims() && axes.length > 0) {
      r = Lax.expandDims(r, axes);
    }
    return NumpySupport.convert(r, result, false);
  }

  /**
   * Sum of all elements.
   *
   * @param x the operand: an array or a Java scalar
   * @return the sum of all elements
   */
  public static NDArray sum(Object x) {
    return sum(x, ReduceOptions.ALL);
  }

  /**
   * Sum over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the sum over {@code axes}
   */
  public static NDArray sum(Object x, int... axes) {
    return sum(x, ReduceOptions.axis(axes));
  }

  /**
   * Sum with options, as {@code jnp.sum}: bool and small signed ints give int32, small
   * unsigned ints uint32; float16/bfloat16 accumulate in float32; an empty sum is 0.
   *
   * <pre>{@code Jnp.sum(x, Jnp.axis(1).keepdims())   // x.sum(axis=1, keepdims=True)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the sum, as {@code jnp.sum}
   */
  public static NDArray sum(Object x, ReduceOptions o) {
    return reduce(x, o, "sum", Lax::reduceSum, Lax::reduceOr, true, true, true, null);
  }

  /**
   * Sum with options, accumulated and returned in {@code dtype} (NumPy's {@code dtype=}).
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @param dtype the element type of the result
   * @return the sum with options, accumulated and returned in {@code dtype} (NumPy's {@code
   *     dtype=})
   */
  public static NDArray sum(Object x, ReduceOptions o, DType dtype) {
    DType d = NumpySupport.requestedDtype(dtype, "sum");
    return reduce(x, o, "sum", Lax::reduceSum, Lax::reduceOr, true, false, true, d);
  }

  /**
   * Product of all elements.
   *
   * @param x the operand: an array or a Java scalar
   * @return the product of all elements
   */
  public static NDArray prod(Object x) {
    return prod(x, ReduceOptions.ALL);
  }

  /**
   * Product over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the product over {@code axes}
   */
  public static NDArray prod(Object x, int... axes) {
    return prod(x, ReduceOptions.axis(axes));
  }

  /**
   * Product with options; dtypes as {@link #sum(Object, ReduceOptions)}; an empty product is 1.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the product with options; dtypes as {@link #sum(Object, ReduceOptions)}; an empty
   *     product is 1
   */
  public static NDArray prod(Object x, ReduceOptions o) {
    return reduce(x, o, "prod", Lax::reduceProd, Lax::reduceAnd, true, true, true, null);
  }

  /**
   * Maximum of all elements.
   *
   * @param x the operand: an array or a Java scalar
   * @return the maximum of all elements
   */
  public static NDArray max(Object x) {
    return max(x, ReduceOptions.ALL);
  }

  /**
   * Maximum over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the maximum over {@code axes}
   */
  public static NDArray max(Object x, int... axes) {
    return max(x, ReduceOptions.axis(axes));
  }

  /**
   * Maximum with options (NaN propagates; bool reduces with {@code reduce_or}).
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the maximum with options (NaN propagates; bool reduces with {@code reduce_or})
   * @throws JaxValueError {@code zero-size array to reduction operation max which has no
   *     identity} when a reduced axis is empty
   */
  public static NDArray max(Object x, ReduceOptions o) {
    return reduce(x, o, "max", Lax::reduceMax, Lax::reduceOr, false, false, false, null);
  }

  /**
   * {@link #max(Object)}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@link #max(Object)}
   */
  public static NDArray amax(Object x) {
    return max(x);
  }

  /**
   * {@link #max(Object, int...)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@link #max(Object, int...)}
   */
  public static NDArray amax(Object x, int... axes) {
    return max(x, axes);
  }

  /**
   * Minimum of all elements.
   *
   * @param x the operand: an array or a Java scalar
   * @return the minimum of all elements
   */
  public static NDArray min(Object x) {
    return min(x, ReduceOptions.ALL);
  }

  /**
   * Minimum over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the minimum over {@code axes}
   */
  public static NDArray min(Object x, int... axes) {
    return min(x, ReduceOptions.axis(axes));
  }

  /**
   * Minimum with options (NaN propagates; bool reduces with {@code reduce_and}).
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the minimum with options (NaN propagates; bool reduces with {@code reduce_and})
   * @throws JaxValueError {@code zero-size array to reduction operation min which has no
   *     identity} when a reduced axis is empty
   */
  public static NDArray min(Object x, ReduceOptions o) {
    return reduce(x, o, "min", Lax::reduceMin, Lax::reduceAnd, false, false, false, null);
  }

  /**
   * {@link #min(Object)}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@link #min(Object)}
   */
  public static NDArray amin(Object x) {
    return min(x);
  }

  /**
   * {@link #min(Object, int...)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return {@link #min(Object, int...)}
   */
  public static NDArray amin(Object x, int... axes) {
    return min(x, axes);
  }

  /**
   * {@link #min(Object, ReduceOptions)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return {@link #min(Object, ReduceOptions)}
   */
  public static NDArray amin(Object x, ReduceOptions o) {
    return min(x, o);
  }

  /**
   * {@link #max(Object, ReduceOptions)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return {@link #max(Object, ReduceOptions)}
   */
  public static NDArray amax(Object x, ReduceOptions o) {
    return max(x, o);
  }

  /**
   * Whether every element is true (nonzero).
   *
   * @param x the operand: an array or a Java scalar
   * @return whether every element is true (nonzero)
   */
  public static NDArray all(Object x) {
    return all(x, ReduceOptions.ALL);
  }

  /**
   * Whether every element is true over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return whether every element is true over {@code axes}
   */
  public static NDArray all(Object x, int... axes) {
    return all(x, ReduceOptions.axis(axes));
  }

  /**
   * {@code all} with options: the operand is converted to bool ({@code convert_element_type},
   * so NaN is true), then {@code reduce_and}; empty gives true.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return {@code all} with options
   */
  public static NDArray all(Object x, ReduceOptions o) {
    return reduce(x, o, "all", Lax::reduceAnd, Lax::reduceAnd, true, false, false, DType.BOOL);
  }

  /**
   * Whether any element is true (nonzero).
   *
   * @param x the operand: an array or a Java scalar
   * @return whether any element is true (nonzero)
   */
  public static NDArray any(Object x) {
    return any(x, ReduceOptions.ALL);
  }

  /**
   * Whether any element is true over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return whether any element is true over {@code axes}
   */
  public static NDArray any(Object x, int... axes) {
    return any(x, ReduceOptions.axis(axes));
  }

  /**
   * {@code any} with options ({@code reduce_or} of the bool conversion); empty gives false.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return {@code any} with options ({@code reduce_or} of the bool conversion); empty gives false
   */
  public static NDArray any(Object x, ReduceOptions o) {
    return reduce(x, o, "any", Lax::reduceOr, Lax::reduceOr, true, false, false, DType.BOOL);
  }

  /**
   * Mean of all elements.
   *
   * @param x the operand: an array or a Java scalar
   * @return the mean of all elements
   */
  public static NDArray mean(Object x) {
    return mean(x, ReduceOptions.ALL);
  }

  /**
   * Mean over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the mean over {@code axes}
   */
  public static NDArray mean(Object x, int... axes) {
    return mean(x, ReduceOptions.axis(axes));
  }

  /**
   * Mean with options, as {@code jnp.mean}: ints and bool average as float32; float16 and
   * bfloat16 accumulate in float32; lowers to {@code reduce_sum} (then {@code broadcast_in_dim}
   * for keepdims) and {@code div} by the count. The result is never weakly typed.
   *
   * <pre>{@code Jnp.mean(x, 0)   // reduce_sum[axes=(0,) out_sharding=None]; div b 3.0:f32[]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the mean, as {@code jnp.mean}
   */
  public static NDArray mean(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.asArray(x);
    DType result = a.dtype().isFloating() ? a.dtype().canonical() : DType.defaultFloat();
    return meanAs(a, o, result, upcastF16(result));
  }

  private static NDArray meanAs(NDArray a, ReduceOptions o, DType result, DType comp) {
    int[] axes = Axes.reduction(o.axes(), a.ndim());
    long n = count(a, axes);
    NDArray s = sum(a, o, comp);
    NDArray m = Lax.div(s, Array.scalar((double) n, comp).withWeakType(false));
    return NumpySupport.convert(m, result, false);
  }

  private static long count(NDArray a, int[] axes) {
    long n = 1;
    for (int ax : axes) {
      n *= a.shape()[ax];
    }
    return n;
  }

  /**
   * Variance of all elements (ddof 0).
   *
   * @param x the operand: an array or a Java scalar
   * @return the variance of all elements (ddof 0)
   */
  public static NDArray var(Object x) {
    return var(x, ReduceOptions.ALL);
  }

  /**
   * Variance over {@code axes} (ddof 0).
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the variance over {@code axes} (ddof 0)
   */
  public static NDArray var(Object x, int... axes) {
    return var(x, ReduceOptions.axis(axes));
  }

  /**
   * Variance with options, as JAX's {@code _var}: {@code sum(square(x - mean(x, keepdims))) / (n
   * - ddof)} computed in float32 for ints, bool, float16 and bfloat16 (the result is float32
   * for ints and bool, else the input dtype); NaN when {@code n - ddof <= 0}.
   *
   * <pre>{@code Jnp.var(x, Jnp.axis(0).ddof(1))   // x.var(axis=0, ddof=1)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the variance, as {@code jnp.var}
   */
  public static NDArray var(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.asArray(x);
    int[] axes = Axes.reduction(o.axes(), a.ndim());
    return (NDArray) VAR.call(a, o.ddofValue(), axesList(axes), o.keepsDims());
  }

  private static java.util.List<Integer> axesList(int[] axes) {
    return java.util.Arrays.stream(axes).boxed().toList();
  }

  /**
   * JAX's jitted {@code _var(a, ddof; axis, keepdims)}: ddof is traced, the axes and keepdims
   * are static, so jaxprs show {@code jit[name=_var ...]} as JAX's do.
   */
  private static final org.jaxpresso.jit.Jitted VAR = org.jaxpresso.Jax.jitted(
      args -> varBody((NDArray) args[0], args[1], intArray(args[2]), (Boolean) args[3]), 4,
      org.jaxpresso.Jax.staticArgnums(2, 3), org.jaxpresso.Jax.name("_var"));

  /** JAX's jitted {@code _std}: {@code sqrt(_var(...))}. */
  private static final org.jaxpresso.jit.Jitted STD = org.jaxpresso.Jax.jitted(
      args -> Lax.sqrt((NDArray) VAR.call(args[0], args[1], args[2], args[3])), 4,
      org.jaxpresso.Jax.staticArgnums(2, 3), org.jaxpresso.Jax.name("_std"));

  @SuppressWarnings("unchecked")
  private static int[] intArray(Object axes) {
    return ((java.util.List<Integer>) axes).stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The body of {@code _var}: {@code sum(square(a - mean(a, keepdims))) / (n - ddof)}, NaN
   * where {@code n - ddof <= 0}; ints and half floats compute in float32 (ints' result is
   * float32, half floats' their own dtype).
   */
  private static NDArray varBody(NDArray a, Object ddof, int[] axes, boolean keepdims) {
    DType result = a.dtype().isFloating() ? a.dtype().canonical() : DType.defaultFloat();
    DType comp = upcastF16(result);
    long n = count(a, axes);
    NDArray in = NumpySupport.convert(a, comp, false);
    NDArray centered = Lax.sub(in, meanAs(in, new ReduceOptions(axes, true, 0), comp, comp));
    NDArray sq = Lax.square(centered);
    NDArray normalizer = Lax.sub(Array.scalar((double) n, comp), NumpySupport.convert(ddof, comp, false));
    NDArray s = sum(sq, new ReduceOptions(axes, keepdims, 0), comp);
    NDArray v = Lax.div(s, normalizer);
    v = Jnp.where(Lax.gt(normalizer, Array.scalar(0.0, comp)), v, Double.NaN);
    return NumpySupport.convert(v, result, false);
  }

  /**
   * Standard deviation of all elements (ddof 0).
   *
   * @param x the operand: an array or a Java scalar
   * @return the standard deviation of all elements (ddof 0)
   */
  public static NDArray std(Object x) {
    return std(x, ReduceOptions.ALL);
  }

  /**
   * Standard deviation over {@code axes} (ddof 0).
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the standard deviation over {@code axes} (ddof 0)
   */
  public static NDArray std(Object x, int... axes) {
    return std(x, ReduceOptions.axis(axes));
  }

  /**
   * Standard deviation with options: {@code sqrt(var)}, through JAX's jitted {@code _std}.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the standard deviation with options: {@code sqrt(var)}, through JAX's jitted {@code
   *     _std}
   */
  public static NDArray std(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.asArray(x);
    int[] axes = Axes.reduction(o.axes(), a.ndim());
    return (NDArray) STD.call(a, o.ddofValue(), axesList(axes), o.keepsDims());
  }

  /**
   * Index of the maximum of the flattened array (int32): a 2-D input lowers to
   * {@code reshape} then {@code argmax[axes=(0,) index_dtype=int32]}.
   *
   * @param x the operand: an array or a Java scalar
   * @return the index of the maximum of the flattened array (int32)
   * @throws JaxValueError {@code attempt to get argmax of an empty sequence}
   */
  public static NDArray argmax(Object x) {
    return argReduce(x, ReduceOptions.ALL, "argmax", true);
  }

  /**
   * Indices of the maxima along {@code axis} (first on ties; NaN wins).
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return the indices of the maxima along {@code axis} (first on ties; NaN wins)
   * @throws JaxValueError for an empty axis or a bad axis
   */
  public static NDArray argmax(Object x, int axis) {
    return argReduce(x, ReduceOptions.axis(axis), "argmax", true);
  }

  /**
   * {@code argmax} with one axis (or all) and keepdims.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return {@code argmax} with one axis (or all) and keepdims
   */
  public static NDArray argmax(Object x, ReduceOptions o) {
    return argReduce(x, o, "argmax", true);
  }

  /**
   * Index of the minimum of the flattened array (int32).
   *
   * @param x the operand: an array or a Java scalar
   * @return the index of the minimum of the flattened array (int32)
   */
  public static NDArray argmin(Object x) {
    return argReduce(x, ReduceOptions.ALL, "argmin", false);
  }

  /**
   * Indices of the minima along {@code axis} (first on ties; NaN wins).
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return the indices of the minima along {@code axis} (first on ties; NaN wins)
   * @throws JaxValueError for an empty axis or a bad axis
   */
  public static NDArray argmin(Object x, int axis) {
    return argReduce(x, ReduceOptions.axis(axis), "argmin", false);
  }

  /**
   * {@code argmin} with one axis (or all) and keepdims.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return {@code argmin} with one axis (or all) and keepdims
   */
  public static NDArray argmin(Object x, ReduceOptions o) {
    return argReduce(x, o, "argmin", false);
  }

  private static NDArray argReduce(Object x, ReduceOptions o, String name, boolean isMax) {
    NDArray a = NumpySupport.asArray(x);
    int[] given = o.axes();
    int[] dims;
    int axis;
    if (given == null) {
      dims = Axes.reduction(null, a.ndim());
      a = ravel(a);
      axis = 0;
    } else {
      if (given.length != 1) {
        throw new JaxValueError(name + " takes a single axis, got " + Axes.tuple(given));
      }
      axis = Axes.canonicalize(given[0], a.ndim());
      dims = new int[] {axis};
    }
    if (a.shape()[axis] == 0) {
      throw new JaxValueError("attempt to get " + name + " of an empty sequence");
    }
    DType index = DType.defaultInt();
    NDArray r = isMax ? Lax.argmax(a, axis, index) : Lax.argmin(a, axis, index);
    return o.keepsDims() && dims.length > 0 ? Lax.expandDims(r, dims) : r;
  }

  /**
   * Running sums of the flattened array; bool and small ints accumulate as
   * {@link #sum(Object, ReduceOptions)} does.
   *
   * <pre>{@code Jnp.cumsum(Jnp.array(1, 2, 3))   // [1, 3, 6]}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @return the running sums of the flattened array
   */
  public static NDArray cumsum(Object x) {
    return cumulative(x, null, true);
  }

  /**
   * Running sums along {@code axis}; lowers to {@code cumsum[axis=... reverse=False]}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return the running sums along {@code axis}; lowers to {@code cumsum[axis=... reverse=False]}
   */
  public static NDArray cumsum(Object x, int axis) {
    return cumulative(x, axis, true);
  }

  /**
   * Running products of the flattened array.
   *
   * @param x the operand: an array or a Java scalar
   * @return the running products of the flattened array
   */
  public static NDArray cumprod(Object x) {
    return cumulative(x, null, false);
  }

  /**
   * Running products along {@code axis}; lowers to {@code cumprod[axis=... reverse=False]}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axis the axis to operate along; negative values count from the end
   * @return the running products along {@code axis}; lowers to {@code cumprod[axis=...
   *     reverse=False]}
   */
  public static NDArray cumprod(Object x, int axis) {
    return cumulative(x, axis, false);
  }

  /** JAX's {@code _cumulative_reduction} with integer promotion. */
  private static NDArray cumulative(Object x, Integer axis, boolean isSum) {
    NDArray a = NumpySupport.asArray(x);
    if (axis == null || a.ndim() == 0) {
      a = ravel(a);
    }
    int ax = Axes.canonicalize(axis == null ? 0 : axis, a.ndim());
    NDArray in = NumpySupport.convert(a, accumulationDtype(a.dtype()), false);
    return isSum ? Lax.cumsum(in, ax) : Lax.cumprod(in, ax);
  }

  /**
   * The number of nonzero (true) elements, as int32.
   *
   * <pre>{@code Jnp.countNonzero(Jnp.array(0, 1, 2))   // Array(2, dtype=int32)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @return the number of nonzero (true) elements, as int32
   */
  public static NDArray countNonzero(Object x) {
    return countNonzero(x, ReduceOptions.ALL);
  }

  /**
   * The number of nonzero elements over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the number of nonzero elements over {@code axes}
   */
  public static NDArray countNonzero(Object x, int... axes) {
    return countNonzero(x, ReduceOptions.axis(axes));
  }

  /**
   * {@code sum(x != 0, dtype=int32)} with options.
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return {@code sum(x != 0, dtype=int32)} with options
   */
  public static NDArray countNonzero(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.asArray(x);
    NDArray nz = Lax.ne(a, NumpySupport.convert(0, a.dtype(), a.weakType()));
    return sum(nz, o, DType.defaultInt());
  }

  /**
   * The median of all elements.
   *
   * @param x the operand: an array or a Java scalar
   * @return the median of all elements
   */
  public static NDArray median(Object x) {
    return median(x, ReduceOptions.ALL);
  }

  /**
   * The median over {@code axes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param axes the axes to operate along; negative values count from the end
   * @return the median over {@code axes}
   */
  public static NDArray median(Object x, int... axes) {
    return median(x, ReduceOptions.axis(axes));
  }

  /**
   * The median with options, as {@code jnp.median} ({@code quantile} at 0.5, midpoint method):
   * ints and bool become float32; the values are sorted along the (merged) axes and the two
   * middle ones averaged; a slice holding a NaN gives NaN, as does an empty one.
   *
   * <pre>{@code Jnp.median(Jnp.array(3., 1., 2., 10.))   // Array(2.5, dtype=float32)}</pre>
   *
   * @param x the operand: an array or a Java scalar
   * @param o the reduction options, e.g. {@code Jnp.axis(1).keepdims()}
   * @return the median with options, as {@code jnp.median} ({@code quantile} at 0.5, midpoint
   *     method)
   */
  public static NDArray median(Object x, ReduceOptions o) {
    NDArray a = NumpySupport.promoteDtypesInexact(x).get(0);
    return Median.median(a, o);
  }
}
