package org.jaxpresso.numpy.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Promotion;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.Jnp;

/**
 * What every jnp function shares: turning operands into arrays, JAX's {@code promote_args}
 * (rank promotion then dtype promotion with weak types), axis normalization and dtype requests.
 */
public final class NumpySupport {
  private static final Logger LOG = Logger.getLogger("org.jaxpresso.numpy");

  private NumpySupport() {}

  /**
   * An operand as an array: arrays as they are, Java scalars as weakly typed 0-d arrays, Java
   * arrays and lists through {@link Jnp#array(Object)}.
   *
   * @param x the operand: an array or a Java scalar
   * @return an operand as an array
   */
  public static NDArray asArray(Object x) {
    return switch (x) {
      case NDArray a -> a;
      case Number n -> Array.fromJavaScalar(n);
      case Boolean b -> Array.fromJavaScalar(b);
      case null -> throw new JaxTypeError("None is not a valid JAX array value");
      default -> Jnp.array(x);
    };
  }

  /**
   * Whether {@code x} is a Java scalar (weakly typed when it becomes an array).
   *
   * @param x the operand: an array or a Java scalar
   * @return whether {@code x} is a Java scalar (weakly typed when it becomes an array)
   */
  public static boolean isJavaScalar(Object x) {
    return x instanceof Number || x instanceof Boolean;
  }

  /**
   * JAX's {@code lattice_result_type} of the operands, canonicalized.
   *
   * @param operands the operand arrays
   * @return JAX's {@code lattice_result_type} of the operands, canonicalized
   */
  public static Promotion.Typed resultType(List<?> operands) {
    List<Promotion.Typed> ts = new ArrayList<>(operands.size());
    for (Object o : operands) {
      ts.add(Promotion.of(asArray(o).aval()));
    }
    return Promotion.resultType(ts);
  }

  /**
   * {@code x} as dtype {@code to} with weak type {@code weak}: unchanged if it already is; a
   * Java scalar is converted right away (no equation, as JAX converts Python scalars); an array
   * goes through {@code convert_element_type}.
   *
   * @param x the operand: an array or a Java scalar
   * @param to the dtype to convert to
   * @param weak whether the result is weakly typed
   * @return {@code x} as dtype {@code to} with weak type {@code weak}
   */
  public static NDArray convert(Object x, DType to, boolean weak) {
    if (isJavaScalar(x)) {
      Array a = scalarOf(x, to);
      return a.withWeakType(weak && to != DType.BOOL);
    }
    NDArray a = asArray(x);
    if (a.dtype() == to && a.weakType() == weak) {
      return a;
    }
    return Lax.convertElementType(a, to, weak);
  }

  /**
   * A 0-d array of {@code dtype} holding the Java scalar {@code x}.
   *
   * @param x the operand: an array or a Java scalar
   * @param dtype the element type of the result
   * @return a 0-d array of {@code dtype} holding the Java scalar {@code x}
   */
  public static Array scalarOf(Object x, DType dtype) {
    return switch (x) {
      case Boolean b -> Array.scalar(b ? 1L : 0L, dtype);
      case Double d -> Array.scalar(d, dtype);
      case Float f -> Array.scalar(f.doubleValue(), dtype);
      case Number n -> dtype.isFloating()
          ? Array.scalar(n.doubleValue(), dtype)
          : Array.scalar(n.longValue(), dtype);
      default -> throw new JaxTypeError("not a Java scalar: " + x);
    };
  }

  /**
   * JAX's {@code promote_dtypes}: every operand converted to the common (dtype, weak type).
   *
   * @param xs the input arrays
   * @return JAX's {@code promote_dtypes}: every operand converted to the common (dtype, weak type)
   */
  public static List<NDArray> promoteDtypes(Object... xs) {
    if (xs.length < 2) {
      List<NDArray> out = new ArrayList<>();
      for (Object x : xs) {
        out.add(canonical(x));
      }
      return out;
    }
    Promotion.Typed t = resultType(Arrays.asList(xs));
    List<NDArray> out = new ArrayList<>(xs.length);
    for (Object x : xs) {
      out.add(convert(x, t.dtype(), t.weak()));
    }
    return out;
  }

  /**
   * JAX's {@code promote_dtypes_inexact}: as {@link #promoteDtypes}, but a non-float result
   * becomes the default float type (int / int is float32).
   *
   * @param xs the input arrays
   * @return JAX's {@code promote_dtypes_inexact}
   */
  public static List<NDArray> promoteDtypesInexact(Object... xs) {
    Promotion.Typed t = resultType(Arrays.asList(xs));
    DType to = t.dtype().isFloating() ? t.dtype() : DType.defaultFloat();
    boolean weak = t.weak();
    List<NDArray> out = new ArrayList<>(xs.length);
    for (Object x : xs) {
      out.add(convert(x, to, weak));
    }
    return out;
  }

  /**
   * JAX's {@code promote_dtypes_numeric}: as {@link #promoteDtypes}, but a bool result becomes
   * int32 (so {@code True // True} is an integer).
   *
   * @param xs the input arrays
   * @return JAX's {@code promote_dtypes_numeric}
   */
  public static List<NDArray> promoteDtypesNumeric(Object... xs) {
    Promotion.Typed t = resultType(Arrays.asList(xs));
    DType to = t.dtype() == DType.BOOL ? DType.INT32 : t.dtype();
    List<NDArray> out = new ArrayList<>(xs.length);
    for (Object x : xs) {
      out.add(convert(x, to, t.weak()));
    }
    return out;
  }

  /**
   * An operand as an array of a canonical dtype: a 64-bit array made directly (as a NumPy
   * int64 array) becomes 32-bit when x64 is off, as JAX converts NumPy inputs.
   *
   * @param x the operand: an array or a Java scalar
   * @return an operand as an array of a canonical dtype
   */
  public static NDArray canonical(Object x) {
    NDArray a = asArray(x);
    DType c = a.dtype().canonical();
    return c == a.dtype() ? a : convert(a, c, a.weakType());
  }

  /**
   * JAX's {@code _constant_like(x, v)} / {@code lax._const}: a strongly typed 0-d array of
   * {@code x}'s dtype holding {@code value} (a literal in a jaxpr).
   *
   * @param x the input array
   * @param value the value: a Java scalar or a 0-d array
   * @return JAX's {@code _constant_like(x, v)} / {@code lax._const}
   */
  public static NDArray constLike(NDArray x, Object value) {
    return scalarOf(value, x.dtype());
  }

  /**
   * JAX's {@code lax.full_like(x, value, dtype)}: {@code value} of {@code dtype} with x's shape
   * (a 0-d literal for a 0-d x, else {@code broadcast_in_dim} of one), weakly typed as x when
   * the dtype is x's own.
   *
   * @param x the input array
   * @param value the value: a Java scalar or a 0-d array
   * @param dtype the element type of the result
   * @return JAX's {@code lax.full_like(x, value, dtype)}
   */
  public static NDArray fullLike(NDArray x, Object value, DType dtype) {
    boolean weak = dtype == x.dtype() && x.weakType() && dtype != DType.BOOL;
    NDArray v = scalarOf(value, dtype).withWeakType(weak);
    return x.ndim() == 0 ? v : Lax.broadcastInDim(v, x.shape(), new int[0]);
  }

  /**
   * JAX's {@code _where(condition, x, y)}: a non-bool condition is compared with zero, x and y
   * are promoted together, all three broadcast to one shape (a 0-d condition is not
   * broadcast), then {@code select_n(condition, y, x)}; an empty result skips the select.
   *
   * @param condition the boolean condition
   * @param x the operand: an array or a Java scalar
   * @param y the second operand: an array or a Java scalar
   * @return JAX's {@code _where(condition, x, y)}
   */
  public static NDArray where(Object condition, Object x, Object y) {
    NDArray c = canonical(condition);
    if (c.dtype() != DType.BOOL) {
      c = Lax.ne(c, constLike(c, 0));
    }
    List<NDArray> xy = promoteDtypes(x, y);
    NDArray xa = xy.get(0);
    NDArray ya = xy.get(1);
    List<int[]> shapes = new ArrayList<>(List.of(xa.shape(), ya.shape()));
    if (c.ndim() > 0) {
      shapes.add(c.shape());
    }
    int[] shape = broadcastShapes(shapes);
    xa = Jnp.broadcastTo(xa, shape);
    ya = Jnp.broadcastTo(ya, shape);
    if (c.ndim() > 0) {
      c = Jnp.broadcastTo(c, shape);
    }
    if (Shape.of(shape).size() == 0) {
      return xa;
    }
    return Lax.selectN(c, ya, xa);
  }

  /**
   * JAX's {@code promote_shapes}: operands of differing non-zero ranks get leading size-1
   * dimensions ({@code broadcast_in_dim} to the common rank); lax broadcasts the rest.
   *
   * @param name the operation's name, for error messages
   * @param xs the input arrays
   * @return JAX's {@code promote_shapes}
   * @throws JaxValueError if the shapes cannot broadcast
   */
  public static List<NDArray> promoteShapes(String name, List<NDArray> xs) {
    if (xs.size() < 2) {
      return xs;
    }
    int maxRank = 0;
    java.util.Set<Integer> nonScalarRanks = new java.util.HashSet<>();
    for (NDArray x : xs) {
      maxRank = Math.max(maxRank, x.ndim());
      if (x.ndim() > 0) {
        nonScalarRanks.add(x.ndim());
      }
    }
    if (nonScalarRanks.size() < 2) {
      return xs;
    }
    List<int[]> shapes = new ArrayList<>();
    for (NDArray x : xs) {
      shapes.add(x.shape());
    }
    broadcastShapes(shapes);
    List<NDArray> out = new ArrayList<>(xs.size());
    for (NDArray x : xs) {
      out.add(broadcastToRank(x, maxRank));
    }
    return out;
  }

  /**
   * {@code x} with leading size-1 dimensions up to {@code rank} (JAX's
   * {@code broadcast_to_rank}).
   *
   * @param x the input array
   * @param rank the number of dimensions
   * @return {@code x} with leading size-1 dimensions up to {@code rank} (JAX's {@code
   *     broadcast_to_rank})
   */
  public static NDArray broadcastToRank(NDArray x, int rank) {
    int nd = x.ndim();
    if (nd == rank) {
      return x;
    }
    int[] shape = new int[rank];
    Arrays.fill(shape, 1);
    int[] dims = new int[nd];
    int[] xs = x.shape();
    for (int i = 0; i < nd; i++) {
      shape[rank - nd + i] = xs[i];
      dims[i] = rank - nd + i;
    }
    return Lax.broadcastInDim(x, shape, dims);
  }

  /**
   * NumPy's broadcast of shapes: aligned at the end, sizes equal or 1.
   *
   * @param shapes the shapes to broadcast
   * @return numPy's broadcast of shapes: aligned at the end, sizes equal or 1
   * @throws JaxValueError {@code Incompatible shapes for broadcasting: shapes=[(3,), (2, 4)]}
   */
  public static int[] broadcastShapes(List<int[]> shapes) {
    int rank = 0;
    for (int[] s : shapes) {
      rank = Math.max(rank, s.length);
    }
    int[] out = new int[rank];
    Arrays.fill(out, 1);
    for (int[] s : shapes) {
      for (int i = 0; i < s.length; i++) {
        int d = rank - s.length + i;
        if (s[i] != 1) {
          if (out[d] != 1 && out[d] != s[i]) {
            StringBuilder sb = new StringBuilder("Incompatible shapes for broadcasting: shapes=[");
            for (int k = 0; k < shapes.size(); k++) {
              sb.append(k > 0 ? ", " : "").append(Shape.tupleString(shapes.get(k)));
            }
            throw new JaxValueError(sb.append(']').toString());
          }
          out[d] = s[i];
        }
      }
    }
    return out;
  }

  /**
   * JAX's {@code promote_args}: dtype promotion, then rank promotion.
   *
   * @param name the operation's name, for error messages
   * @param xs the input arrays
   * @return JAX's {@code promote_args}: dtype promotion, then rank promotion
   */
  public static List<NDArray> promoteArgs(String name, Object... xs) {
    return promoteShapes(name, promoteDtypes(xs));
  }

  /**
   * JAX's {@code promote_args_numeric}.
   *
   * @param name the operation's name, for error messages
   * @param xs the input arrays
   * @return JAX's {@code promote_args_numeric}
   */
  public static List<NDArray> promoteArgsNumeric(String name, Object... xs) {
    return promoteShapes(name, promoteDtypesNumeric(xs));
  }

  /**
   * JAX's {@code promote_args_inexact}.
   *
   * @param name the operation's name, for error messages
   * @param xs the input arrays
   * @return JAX's {@code promote_args_inexact}
   */
  public static List<NDArray> promoteArgsInexact(String name, Object... xs) {
    return promoteShapes(name, promoteDtypesInexact(xs));
  }

  /**
   * A possibly negative axis as an index in {@code [0, ndim)} (JAX's {@code _canonicalize_axis}).
   *
   * @param axis the axis to operate along; negative values count from the end
   * @param ndim the number of dimensions
   * @return a possibly negative axis as an index in {@code [0, ndim)} (JAX's {@code
   *     _canonicalize_axis})
   * @throws JaxValueError {@code axis 2 is out of bounds for array of dimension 2}
   */
  public static int normalizeAxis(int axis, int ndim) {
    return org.jaxpresso.numpy.internal.shaping.Axes.canonicalize(axis, ndim);
  }

  /**
   * Normalized, sorted, distinct axes; null means all axes (JAX's {@code _reduction_dims}).
   *
   * @param axes the axes to operate along; negative values count from the end
   * @param ndim the number of dimensions
   * @return normalized, sorted, distinct axes; null means all axes (JAX's {@code _reduction_dims})
   * @throws JaxValueError on an out-of-range axis, or {@code duplicate value in 'axis': (0, 0)}
   */
  public static int[] normalizeAxes(int[] axes, int ndim) {
    return org.jaxpresso.numpy.internal.shaping.Axes.reduction(axes, ndim);
  }

  /**
   * The dtype JAX uses for an explicit request: with x64 off, 64-bit requests become 32-bit,
   * with JAX's warning (logged once per dtype and function).
   *
   * @param requested the dtype asked for
   * @param where the operation's name, for warnings
   * @return the dtype JAX uses for an explicit request
   */
  public static DType requestedDtype(DType requested, String where) {
    DType c = requested.canonical();
    if (c != requested) {
      LOG.warning("Explicitly requested dtype " + requested + " requested in " + where
          + " is not available, and will be truncated to dtype " + c + ". To enable more dtypes,"
          + " set the jaxpresso.enable_x64 property or the JAX_ENABLE_X64 environment variable.");
    }
    return c;
  }

  /**
   * The aval of an operand.
   *
   * @param x the operand: an array or a Java scalar
   * @return the aval of an operand
   */
  public static ShapedArray aval(Object x) {
    return asArray(x).aval();
  }
}
