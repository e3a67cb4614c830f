package org.jaxpresso.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.errors.TracerArrayConversionError;
import org.jaxpresso.core.io.Npy;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.numpy.internal.NumpySupport;

/**
 * Array creation: {@code array}, {@code zeros}, {@code arange}, {@code linspace}, ... Use through
 * {@link Jnp}.
 */
public abstract class JnpCreation {
  /** Not instantiable; extended by the next family of the facade. */
  protected JnpCreation() {}

  // ---- array / asarray ----

  /**
   * An array from Java data, copied: an {@link NDArray} (returned as is: arrays are
   * immutable), a Java scalar (a weakly typed 0-d array, as {@code jnp.array(2.0)}), a primitive
   * Java array ({@code float[]} is float32, {@code double[]} float64 (float32 without x64),
   * {@code int[]} int32, {@code long[]} int64 (int32 without x64), {@code short[]} int16,
   * {@code byte[]} int8, {@code boolean[]} bool), nested Java arrays ({@code float[][]}, ...) or
   * nested {@link List}s of Java numbers.
   *
   * @param data the Java data: an array, a Java scalar, a (nested) Java array or a list
   * @return an array from Java data, copied
   * @throws JaxValueError for ragged nesting
   * @throws JaxTypeError for unsupported element types
   */
  public static NDArray array(Object data) {
    if (data instanceof NDArray a) {
      return a;
    }
    if (NumpySupport.isJavaScalar(data)) {
      return Array.fromJavaScalar(data);
    }
    List<Integer> shape = new ArrayList<>();
    shapeOf(data, 0, shape);
    int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
    DType dtype = inferDtype(data);
    List<Object> leaves = new ArrayList<>();
    flatten(data, 0, dims, leaves);
    return fromLeaves(leaves, dtype.canonical(), dims);
  }

  /**
   * An array from Java data converted to {@code dtype} (see {@link #array(Object)}).
   *
   * @param data the Java data: an array, a Java scalar, a (nested) Java array or a list
   * @param dtype the element type of the result
   * @return an array from Java data converted to {@code dtype} (see {@link #array(Object)})
   */
  public static NDArray array(Object data, DType dtype) {
    DType to = NumpySupport.requestedDtype(dtype, "array");
    if (data instanceof NDArray a) {
      return NumpySupport.convert(a, to, false);
    }
    if (NumpySupport.isJavaScalar(data)) {
      return NumpySupport.scalarOf(data, to);
    }
    List<Integer> shape = new ArrayList<>();
    shapeOf(data, 0, shape);
    int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
    List<Object> leaves = new ArrayList<>();
    flatten(data, 0, dims, leaves);
    return fromLeaves(leaves, to, dims);
  }

  /**
   * A 1-D int32 array of the values ({@code array(1, 2, 1)}).
   *
   * @param values the elements
   * @return a 1-D int32 array of the values ({@code array(1, 2, 1)})
   */
  public static NDArray array(int... values) {
    return Array.of(values, values.length);
  }

  /**
   * A 0-d int32 array, weakly typed as {@code jnp.array(1)}.
   *
   * @param value the value
   * @return a 0-d int32 array, weakly typed as {@code jnp.array(1)}
   */
  public static NDArray array(int value) {
    return Array.fromJavaScalar(value);
  }

  /**
   * A 1-D float32 array of the values.
   *
   * @param values the elements
   * @return a 1-D float32 array of the values
   */
  public static NDArray array(float... values) {
    return Array.of(values, values.length);
  }

  /**
   * A 1-D float64 (float32 without x64) array of the values.
   *
   * @param values the elements
   * @return a 1-D float64 (float32 without x64) array of the values
   */
  public static NDArray array(double... values) {
    return Array.of(values, values.length);
  }

  /**
   * A 0-d float32 array, weakly typed as {@code jnp.array(1.5)}.
   *
   * @param value the value
   * @return a 0-d float32 array, weakly typed as {@code jnp.array(1.5)}
   */
  public static NDArray array(double value) {
    return Array.fromJavaScalar(value);
  }

  /**
   * A 1-D int64 (int32 without x64) array of the values.
   *
   * @param values the elements
   * @return a 1-D int64 (int32 without x64) array of the values
   */
  public static NDArray array(long... values) {
    return Array.of(values, values.length);
  }

  /**
   * A 1-D bool array of the values.
   *
   * @param values the elements
   * @return a 1-D bool array of the values
   */
  public static NDArray array(boolean... values) {
    return Array.of(values, values.length);
  }

  /**
   * A 0-d bool array.
   *
   * @param value the value
   * @return a 0-d bool array
   */
  public static NDArray array(boolean value) {
    return Array.scalar(value);
  }

  /**
   * {@link #array(Object)}; an array is returned as is.
   *
   * @param data the Java data: an array, a Java scalar, a (nested) Java array or a list
   * @return {@link #array(Object)}; an array is returned as is
   */
  public static NDArray asarray(Object data) {
    return array(data);
  }

  /**
   * {@link #array(Object, DType)}.
   *
   * @param data the Java data: an array, a Java scalar, a (nested) Java array or a list
   * @param dtype the element type of the result
   * @return {@link #array(Object, DType)}
   */
  public static NDArray asarray(Object data, DType dtype) {
    return array(data, dtype);
  }

  private static void shapeOf(Object data, int depth, List<Integer> shape) {
    int n;
    Object first;
    if (data instanceof List<?> l) {
      n = l.size();
      first = n > 0 ? l.get(0) : null;
    } else if (data != null && data.getClass().isArray()) {
      n = java.lang.reflect.Array.getLength(data);
      first = n > 0 && !data.getClass().getComponentType().isPrimitive() ? java.lang.reflect.Array.get(data, 0) : null;
    } else {
      return;
    }
    shape.add(n);
    if (first != null && !(first instanceof Number) && !(first instanceof Boolean)) {
      shapeOf(first, depth + 1, shape);
    }
  }

  private static void flatten(Object data, int depth, int[] dims, List<Object> out) {
    if (depth == dims.length) {
      if (!NumpySupport.isJavaScalar(data)) {
        throw new JaxValueError("setting an array element with a sequence. The requested array has an"
            + " inhomogeneous shape after " + depth + " dimensions. The detected shape was "
            + Shape.tupleString(dims) + " + inhomogeneous part.");
      }
      out.add(data);
      return;
    }
    int n;
    if (data instanceof List<?> l) {
      n = l.size();
    } else if (data != null && data.getClass().isArray()) {
      n = java.lang.reflect.Array.getLength(data);
    } else {
      throw new JaxValueError("setting an array element with a sequence. The requested array has an"
          + " inhomogeneous shape after " + depth + " dimensions. The detected shape was "
          + Shape.tupleString(dims) + " + inhomogeneous part.");
    }
    if (n != dims[depth]) {
      throw new JaxValueError("setting an array element with a sequence. The requested array has an"
          + " inhomogeneous shape after " + depth + " dimensions. The detected shape was "
          + Shape.tupleString(java.util.Arrays.copyOf(dims, depth)) + " + inhomogeneous part.");
    }
    for (int i = 0; i < n; i++) {
      Object e = data instanceof List<?> l ? l.get(i) : java.lang.reflect.Array.get(data, i);
      flatten(e, depth + 1, dims, out);
    }
  }

  private static DType inferDtype(Object data) {
    Class<?> c = data.getClass();
    while (c.isArray()) {
      Class<?> comp = c.getComponentType();
      if (comp.isPrimitive()) {
        if (comp == float.class) {
          return DType.FLOAT32;
        } else if (comp == double.class) {
          return DType.FLOAT64;
        } else if (comp == int.class) {
          return DType.INT32;
        } else if (comp == long.class) {
          return DType.INT64;
        } else if (comp == short.class) {
          return DType.INT16;
        } else if (comp == byte.class) {
          return DType.INT8;
        } else if (comp == boolean.class) {
          return DType.BOOL;
        }
        throw new JaxTypeError("unsupported Java array element type " + comp);
      }
      c = comp;
    }
    // boxed / lists: the widest kind among the leaves, as Python lists of scalars
    List<Object> leaves = new ArrayList<>();
    collect(data, leaves);
    boolean anyFloat = false;
    boolean anyInt = false;
    for (Object o : leaves) {
      if (o instanceof Double || o instanceof Float) {
        anyFloat = true;
      } else if (o instanceof Number) {
        anyInt = true;
      } else if (!(o instanceof Boolean)) {
        throw new JaxTypeError("Value " + o + " of type " + (o == null ? "null" : o.getClass().getName())
            + " is not a valid JAX array type. Only arrays of numeric types are supported by JAX.");
      }
    }
    if (anyFloat) {
      return DType.defaultFloat();
    }
    if (anyInt) {
      return DType.defaultInt();
    }
    return leaves.isEmpty() ? DType.defaultFloat() : DType.BOOL;
  }

  private static void collect(Object data, List<Object> out) {
    if (data instanceof List<?> l) {
      for (Object o : l) {
        collect(o, out);
      }
    } else if (data != null && data.getClass().isArray()) {
      for (int i = 0; i < java.lang.reflect.Array.getLength(data); i++) {
        collect(java.lang.reflect.Array.get(data, i), out);
      }
    } else {
      out.add(data);
    }
  }

  private static Array fromLeaves(List<Object> leaves, DType dtype, int[] dims) {
    if (dtype.isFloating()) {
      double[] v = new double[leaves.size()];
      for (int i = 0; i < v.length; i++) {
        Object o = leaves.get(i);
        v[i] = o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
      }
      return Array.fromDoubles(dtype, v, dims);
    }
    long[] v = new long[leaves.size()];
    for (int i = 0; i < v.length; i++) {
      Object o = leaves.get(i);
      v[i] = o instanceof Boolean b ? (b ? 1 : 0)
          : (o instanceof Double || o instanceof Float) ? (long) ((Number) o).doubleValue()
          : ((Number) o).longValue();
    }
    return Array.fromLongs(dtype, v, dims);
  }

  // ---- filled arrays ----

  /**
   * float32 zeros of the given shape.
   *
   * @param shape the dimensions of the result
   * @return the float32 zeros of the given shape
   */
  public static NDArray zeros(int... shape) {
    return full(shape, 0.0, DType.defaultFloat());
  }

  /**
   * Zeros of the given shape and dtype.
   *
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return the zeros of the given shape and dtype
   */
  public static NDArray zeros(int[] shape, DType dtype) {
    return full(shape, 0, dtype);
  }

  /**
   * float32 ones of the given shape.
   *
   * @param shape the dimensions of the result
   * @return the float32 ones of the given shape
   */
  public static NDArray ones(int... shape) {
    return full(shape, 1.0, DType.defaultFloat());
  }

  /**
   * Ones of the given shape and dtype.
   *
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return the ones of the given shape and dtype
   */
  public static NDArray ones(int[] shape, DType dtype) {
    return full(shape, 1, dtype);
  }

  /**
   * Uninitialized in NumPy; zeros here (arrays are immutable, so nothing is left unset).
   *
   * @param shape the dimensions of the result
   * @return uninitialized in NumPy; zeros here (arrays are immutable, so nothing is left unset)
   */
  public static NDArray empty(int... shape) {
    return zeros(shape);
  }

  /**
   * {@code empty} with a dtype: zeros.
   *
   * @param shape the dimensions of the result
   * @param dtype the element type of the result
   * @return {@code empty} with a dtype: zeros
   */
  public static NDArray empty(int[] shape, DType dtype) {
    return zeros(shape, dtype);
  }

  /**
   * An array of the given shape filled with {@code value} (a Java scalar or 0-d array; an array
   * broadcast to {@code shape}), of {@code value}'s dtype (a Java scalar gives a strong default
   * type).
   *
   * @param shape the dimensions of the result
   * @param value the fill value: a Java scalar or an array that broadcasts to the shape
   * @return an array of the given shape filled with {@code value} (a Java scalar or 0-d array
   */
  public static NDArray full(int[] shape, Object value) {
    NDArray v = NumpySupport.asArray(value);
    DType d = v.dtype();
    return full(shape, value, d);
  }

  /**
   * An array of the given shape and dtype filled with {@code value}.
   *
   * @param shape the dimensions of the result
   * @param value the fill value: a Java scalar or an array that broadcasts to the shape
   * @param dtype the element type of the result
   * @return an array of the given shape and dtype filled with {@code value}
   */
  public static NDArray full(int[] shape, Object value, DType dtype) {
    DType to = NumpySupport.requestedDtype(dtype, "full");
    Shape.of(shape);
    NDArray v = NumpySupport.convert(value, to, false);
    return broadcastTo(v, shape);
  }

  /**
   * Zeros with {@code x}'s shape and dtype.
   *
   * @param x the operand: an array or a Java scalar
   * @return the zeros with {@code x}'s shape and dtype
   */
  public static NDArray zerosLike(Object x) {
    NDArray a = NumpySupport.asArray(x);
    return full(a.shape(), 0, a.dtype());
  }

  /**
   * Ones with {@code x}'s shape and dtype.
   *
   * @param x the operand: an array or a Java scalar
   * @return the ones with {@code x}'s shape and dtype
   */
  public static NDArray onesLike(Object x) {
    NDArray a = NumpySupport.asArray(x);
    return full(a.shape(), 1, a.dtype());
  }

  /**
   * {@code value} with {@code x}'s shape and dtype.
   *
   * @param x the operand: an array or a Java scalar
   * @param value the fill value: a Java scalar or an array that broadcasts to the shape
   * @return {@code value} with {@code x}'s shape and dtype
   */
  public static NDArray fullLike(Object x, Object value) {
    NDArray a = NumpySupport.asArray(x);
    return full(a.shape(), value, a.dtype());
  }

  /**
   * {@link #zerosLike}.
   *
   * @param x the operand: an array or a Java scalar
   * @return {@link #zerosLike}
   */
  public static NDArray emptyLike(Object x) {
    return zerosLike(x);
  }

  /**
   * {@code x} broadcast to {@code shape} by NumPy's rules (aligned at the end).
   *
   * @param x the operand: an array or a Java scalar
   * @param shape the dimensions of the result
   * @return {@code x} broadcast to {@code shape} by NumPy's rules (aligned at the end)
   * @throws JaxValueError if it cannot broadcast
   */
  public static NDArray broadcastTo(Object x, int... shape) {
    NDArray a = NumpySupport.asArray(x);
    int[] s = a.shape();
    if (java.util.Arrays.equals(s, shape)) {
      return a;
    }
    int[] result = NumpySupport.broadcastShapes(List.of(s, shape));
    if (!java.util.Arrays.equals(result, shape)) {
      throw new JaxValueError("Incompatible shapes for broadcasting: " + Shape.tupleString(s)
          + " and requested shape " + Shape.tupleString(shape));
    }
    int lead = shape.length - s.length;
    // size-1 dims of the operand that stretch are squeezed out, as JAX's _broadcast_to does
    List<Integer> keep = new ArrayList<>();
    List<Integer> dims = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      if (s[i] == shape[lead + i]) {
        keep.add(i);
        dims.add(lead + i);
      }
    }
    NDArray operand = a;
    if (keep.size() != s.length) {
      int[] squeezed = new int[s.length - keep.size()];
      int k = 0;
      for (int i = 0; i < s.length; i++) {
        if (!keep.contains(i)) {
          squeezed[k++] = i;
        }
      }
      operand = Lax.squeeze(a, squeezed);
    }
    return Lax.broadcastInDim(operand, shape, dims.stream().mapToInt(Integer::intValue).toArray());
  }

  // ---- ranges ----

  /**
   * {@code [0, 1, ..., stop-1]} as int32.
   *
   * @param stop the end value (exclusive)
   * @return {@code [0, 1, ..., stop-1]} as int32
   */
  public static NDArray arange(int stop) {
    return arange(0, stop, 1);
  }

  /**
   * {@code start, start+step, ...} below {@code stop} (int32).
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @return {@code start, start+step, ...} below {@code stop} (int32)
   */
  public static NDArray arange(int start, int stop) {
    return arange(start, stop, 1);
  }

  /**
   * {@code start, start+step, ...} up to (not including) {@code stop}, int32.
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @param step the spacing between values
   * @return {@code start, start+step, ...} up to (not including) {@code stop}, int32
   * @throws JaxValueError if step is 0
   */
  public static NDArray arange(int start, int stop, int step) {
    if (step == 0) {
      throw new JaxValueError("arange: step cannot be zero");
    }
    int n = Math.max(0, (int) Math.ceil((stop - (double) start) / step));
    DType d = DType.defaultInt();
    NDArray r = Lax.iota(d, n);
    if (step != 1) {
      r = Lax.mul(Array.scalar(step, d).withWeakType(false), r);
    }
    if (start != 0) {
      r = Lax.add(Array.scalar(start, d).withWeakType(false), r);
    }
    return r;
  }

  /**
   * {@code [0., 1., ..., ceil(stop)-1]} as float32.
   *
   * @param stop the end value (exclusive)
   * @return {@code [0., 1., ..., ceil(stop)-1]} as float32
   */
  public static NDArray arange(double stop) {
    return arange(0.0, stop, 1.0);
  }

  /**
   * A float32 range from {@code start} to {@code stop} (excluded) by {@code step}.
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @param step the spacing between values
   * @return a float32 range from {@code start} to {@code stop} (excluded) by {@code step}
   */
  public static NDArray arange(double start, double stop, double step) {
    if (step == 0) {
      throw new JaxValueError("arange: step cannot be zero");
    }
    int n = Math.max(0, (int) Math.ceil((stop - start) / step));
    DType d = DType.defaultFloat();
    // NumPy computes start + i*step in float64 and rounds once
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = start + i * step;
    }
    return Array.fromDoubles(d, v, n);
  }

  /**
   * {@code num} evenly spaced float32 values from {@code start} to {@code stop} inclusive.
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @param num the number of values
   * @return {@code num} evenly spaced float32 values from {@code start} to {@code stop} inclusive
   */
  public static NDArray linspace(double start, double stop, int num) {
    return linspace(start, stop, num, true);
  }

  /**
   * {@code num} evenly spaced values from JAX's {@code _linspace} formula
   * {@code start*(1-t) + stop*t}, {@code t = iota/div}, in float32, with the endpoint appended
   * exactly. The products are ordered as XLA's algebraic simplifier orders them on the CPU
   * (division by the constant becomes multiplication by its reciprocal, and constant factors
   * fold: {@code stop*t = iota*(stop*(1/div))}), so the values agree with JAX's bit for bit
   * ({@code linspace(0, 10, 1000)} reproduces JAX's printout).
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @param num the number of values
   * @param endpoint whether {@code stop} is the last value (otherwise it is excluded)
   * @return {@code num} evenly spaced values from JAX's {@code _linspace} formula {@code
   *     start*(1-t) + stop*t}, {@code t = iota/div}, in float32, with the endpoint appended exactly
   * @throws JaxValueError if num is negative
   */
  public static NDArray linspace(double start, double stop, int num, boolean endpoint) {
    if (num < 0) {
      throw new JaxValueError("Number of samples, " + num + ", must be non-negative.");
    }
    DType d = DType.defaultFloat();
    NDArray a = Array.scalar(start, d);
    NDArray b = Array.scalar(stop, d);
    if (num == 0) {
      return Array.fromDoubles(d, new double[0], 0);
    }
    if (num == 1) {
      return Lax.broadcastInDim(a, new int[] {1}, new int[0]);
    }
    int div = endpoint ? num - 1 : num;
    NDArray reciprocal = Lax.div(Array.scalar(1.0, d), Array.scalar(div, d));
    NDArray iota = Lax.iota(d, div);
    NDArray t = Lax.mul(iota, reciprocal);
    NDArray lo = Lax.mul(a, Lax.sub(Array.scalar(1.0, d), t));
    NDArray hi = Lax.mul(iota, Lax.mul(b, reciprocal));
    NDArray out = Lax.add(lo, hi);
    if (endpoint) {
      out = Lax.concatenate(List.of(out, Lax.broadcastInDim(b, new int[] {1}, new int[0])), 0);
    }
    return out;
  }

  /**
   * {@code base ** linspace(start, stop, num)} (base 10).
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @param num the number of values
   * @return {@code base ** linspace(start, stop, num)} (base 10)
   */
  public static NDArray logspace(double start, double stop, int num) {
    return logspace(start, stop, num, 10.0);
  }

  /**
   * {@code base ** linspace(start, stop, num)}.
   *
   * @param start the first value (inclusive)
   * @param stop the end value (exclusive)
   * @param num the number of values
   * @param base the base of the exponent
   * @return {@code base ** linspace(start, stop, num)}
   */
  public static NDArray logspace(double start, double stop, int num, double base) {
    NDArray e = linspace(start, stop, num);
    return Lax.pow(Array.scalar(base, DType.defaultFloat()), e);
  }

  /**
   * The n x n float32 identity.
   *
   * @param n the number of rows
   * @return the n x n float32 identity
   */
  public static NDArray eye(int n) {
    return eye(n, n, 0, DType.defaultFloat());
  }

  /**
   * An n x m float32 array with ones on diagonal k.
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 is the main one, positive above, negative below
   * @return an n x m float32 array with ones on diagonal k
   */
  public static NDArray eye(int n, int m, int k) {
    return eye(n, m, k, DType.defaultFloat());
  }

  /**
   * An n x m array of {@code dtype} with ones on diagonal {@code k} (k > 0 above).
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 is the main one, positive above, negative below
   * @param dtype the element type of the result
   * @return an n x m array of {@code dtype} with ones on diagonal {@code k} (k > 0 above)
   */
  public static NDArray eye(int n, int m, int k, DType dtype) {
    DType to = NumpySupport.requestedDtype(dtype, "eye");
    NDArray rows = Lax.broadcastedIota(DType.INT32, new int[] {n, m}, 0);
    NDArray cols = Lax.broadcastedIota(DType.INT32, new int[] {n, m}, 1);
    NDArray onDiag = Lax.eq(Lax.add(rows, Array.scalar(k, DType.INT32)), cols);
    return Lax.convertElementType(onDiag, to);
  }

  /**
   * The n x n identity of {@code dtype}.
   *
   * @param n the number of rows
   * @param dtype the element type of the result
   * @return the n x n identity of {@code dtype}
   */
  public static NDArray identity(int n, DType dtype) {
    return eye(n, n, 0, dtype);
  }

  /**
   * The n x n float32 identity.
   *
   * @param n the number of rows
   * @return the n x n float32 identity
   */
  public static NDArray identity(int n) {
    return eye(n);
  }

  /**
   * An n x m float32 array with ones at and below diagonal {@code k}.
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 is the main one, positive above, negative below
   * @return an n x m float32 array with ones at and below diagonal {@code k}
   */
  public static NDArray tri(int n, int m, int k) {
    NDArray rows = Lax.broadcastedIota(DType.INT32, new int[] {n, m}, 0);
    NDArray cols = Lax.broadcastedIota(DType.INT32, new int[] {n, m}, 1);
    NDArray below = Lax.ge(Lax.add(rows, Array.scalar(k, DType.INT32)), cols);
    return Lax.convertElementType(below, DType.defaultFloat());
  }

  /**
   * The n x n lower-triangular ones.
   *
   * @param n the number of rows
   * @return the n x n lower-triangular ones
   */
  public static NDArray tri(int n) {
    return tri(n, n, 0);
  }

  // ---- scalar constructors, as jnp.float32(1) ----

  /**
   * A strongly typed 0-d float32 (or float32 array from a Java array / list).
   *
   * @param x the operand: an array or a Java scalar
   * @return a strongly typed 0-d float32 (or float32 array from a Java array / list)
   */
  public static NDArray float32(Object x) {
    return array(x, DType.FLOAT32);
  }

  /**
   * float64 (float32 without x64, with JAX's warning).
   *
   * @param x the operand: an array or a Java scalar
   * @return float64 (float32 without x64, with JAX's warning)
   */
  public static NDArray float64(Object x) {
    return array(x, DType.FLOAT64);
  }

  /**
   * float16.
   *
   * @param x the operand: an array or a Java scalar
   * @return float16
   */
  public static NDArray float16(Object x) {
    return array(x, DType.FLOAT16);
  }

  /**
   * bfloat16.
   *
   * @param x the operand: an array or a Java scalar
   * @return bfloat16
   */
  public static NDArray bfloat16(Object x) {
    return array(x, DType.BFLOAT16);
  }

  /**
   * int8.
   *
   * @param x the operand: an array or a Java scalar
   * @return int8
   */
  public static NDArray int8(Object x) {
    return array(x, DType.INT8);
  }

  /**
   * int16.
   *
   * @param x the operand: an array or a Java scalar
   * @return int16
   */
  public static NDArray int16(Object x) {
    return array(x, DType.INT16);
  }

  /**
   * int32.
   *
   * @param x the operand: an array or a Java scalar
   * @return int32
   */
  public static NDArray int32(Object x) {
    return array(x, DType.INT32);
  }

  /**
   * int64 (int32 without x64).
   *
   * @param x the operand: an array or a Java scalar
   * @return int64 (int32 without x64)
   */
  public static NDArray int64(Object x) {
    return array(x, DType.INT64);
  }

  /**
   * uint8.
   *
   * @param x the operand: an array or a Java scalar
   * @return uint8
   */
  public static NDArray uint8(Object x) {
    return array(x, DType.UINT8);
  }

  /**
   * uint16.
   *
   * @param x the operand: an array or a Java scalar
   * @return uint16
   */
  public static NDArray uint16(Object x) {
    return array(x, DType.UINT16);
  }

  /**
   * uint32.
   *
   * @param x the operand: an array or a Java scalar
   * @return uint32
   */
  public static NDArray uint32(Object x) {
    return array(x, DType.UINT32);
  }

  /**
   * uint64 (uint32 without x64).
   *
   * @param x the operand: an array or a Java scalar
   * @return uint64 (uint32 without x64)
   */
  public static NDArray uint64(Object x) {
    return array(x, DType.UINT64);
  }

  /**
   * bool.
   *
   * @param x the operand: an array or a Java scalar
   * @return bool
   */
  public static NDArray bool_(Object x) {
    return array(x, DType.BOOL);
  }

  // ---- files: load / save / savez ----

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  /**
   * Reads a file written by {@code np.save} / {@code np.savez} (or {@link #save} /
   * {@link #savez}), as {@code jnp.load}: a {@code .npy} file gives an {@link NDArray}
   * converted as {@code jnp.asarray} converts (with x64 off, 64-bit dtypes become 32-bit); a
   * {@code .npz} archive, recognized by its zip signature as {@code numpy.load} does, gives a
   * {@code Map<String, NDArray>} by name in file order whose arrays keep their stored dtypes
   * (JAX returns NumPy's {@code NpzFile} unconverted). bfloat16 is read from {@code <V2}
   * data, as ml_dtypes saves it. See {@link #loadNpy} and {@link #loadNpz} for typed results.
   *
   * <pre>{@code
   * NDArray x = (NDArray) Jnp.load(Path.of("x.npy"));
   * }</pre>
   *
   * @param path the file path
   * @return a file written by {@code np.save} / {@code np.savez} (or {@link #save} / {@link
   *     #savez}), as {@code jnp.load}
   * @throws IOException if the file cannot be read or is not a C-order {@code .npy} of a
   *     supported dtype (Fortran order, complex, object and string arrays are refused) or a
   *     {@code .npz} of such; the message names the file
   */
  public static Object load(Path path) throws IOException {
    return isZip(path) ? loadNpz(path) : loadNpy(path);
  }

  /**
   * Reads a {@code .npy} file as an array (see {@link #load}).
   *
   * @param path the file path
   * @return a {@code .npy} file as an array (see {@link #load})
   * @throws IOException as {@link #load}, and for a {@code .npz} archive
   */
  public static NDArray loadNpy(Path path) throws IOException {
    if (isZip(path)) {
      throw new IOException("load " + path + ": this is a .npz archive (use loadNpz or load)");
    }
    Array a;
    try {
      a = Npy.read(path);
    } catch (IOException e) {
      throw fileError(path, e);
    }
    return Lax.convertElementType(a, a.dtype().canonical());
  }

  /**
   * Reads every array of a {@code .npz} archive, by name (without {@code .npy}) in file order,
   * stored or deflated; the arrays keep their stored dtypes (see {@link #load}).
   *
   * @param path the file path
   * @return every array of a {@code .npz} archive, by name (without {@code .npy}) in file order,
   *     stored or deflated
   * @throws IOException as {@link #load}, and for a file that is not a zip archive
   */
  public static Map<String, NDArray> loadNpz(Path path) throws IOException {
    if (!isZip(path)) {
      throw new IOException("load " + path + ": not a .npz archive (no zip signature)");
    }
    try {
      return Collections.unmodifiableMap(new LinkedHashMap<>(Npy.readNpz(path)));
    } catch (IOException e) {
      throw fileError(path, e);
    }
  }

  private static boolean isZip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
    }
  }

  private static IOException fileError(Path path, IOException e) {
    return new IOException("load " + path + ": " + e.getMessage(), e);
  }

  /**
   * Writes an array (or Java data, as {@link #array(Object)}) to a version 1.0 {@code .npy}
   * file, as {@code np.save}: {@code .npy} is appended to the file name unless it ends so; the
   * exact dtype is kept (bfloat16 as {@code <V2}).
   *
   * <pre>{@code
   * Jnp.save(Path.of("x"), Jnp.arange(3));   // writes x.npy
   * }</pre>
   *
   * @param path the file path
   * @param arr the array, or Java data as {@link #array(Object)} takes
   * @throws IOException if the file cannot be written
   * @throws org.jaxpresso.core.errors.TracerArrayConversionError for a traced array
   */
  public static void save(Path path, Object arr) throws IOException {
    Array a = concrete(arr);
    Npy.write(a, withSuffix(path, ".npy"));
  }

  /**
   * Writes arrays by name to an uncompressed {@code .npz} archive, as {@code np.savez(file,
   * **arrays)}: {@code .npz} is appended unless the name ends so; each array keeps its dtype.
   *
   * <pre>{@code
   * Jnp.savez(Path.of("params.npz"), Map.of("w", w, "b", b));
   * }</pre>
   *
   * @param path the file path
   * @param arrays the input arrays
   * @throws IOException if the file cannot be written
   * @throws JaxValueError for an empty name
   * @throws org.jaxpresso.core.errors.TracerArrayConversionError for a traced array
   */
  public static void savez(Path path, Map<String, ?> arrays) throws IOException {
    Map<String, Array> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : arrays.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty()) {
        throw new JaxValueError("savez: array names must be non-empty, got " + e.getKey());
      }
      out.put(e.getKey(), concrete(e.getValue()));
    }
    try (OutputStream os = Files.newOutputStream(withSuffix(path, ".npz"))) {
      Npy.writeNpz(out, os);
    }
  }

  /**
   * Writes arrays to an uncompressed {@code .npz} archive under NumPy's positional names
   * {@code arr_0, arr_1, ...}, as {@code np.savez(file, *arrays)}.
   *
   * @param path the file path
   * @param arrays the input arrays
   * @throws IOException if the file cannot be written
   */
  public static void savez(Path path, Object... arrays) throws IOException {
    Map<String, Object> named = new LinkedHashMap<>();
    for (int i = 0; i < arrays.length; i++) {
      named.put("arr_" + i, arrays[i]);
    }
    savez(path, named);
  }

  private static Array concrete(Object x) {
    if (x instanceof Tracer t) {
      throw new TracerArrayConversionError(t.aval().str(), t.origin());
    }
    if (x == null) {
      throw new JaxTypeError("save: expected an array, got null");
    }
    NDArray a = array(x);
    if (!(a instanceof Array arr)) {
      throw new JaxTypeError("save: expected a concrete array, got " + a.getClass().getName());
    }
    return arr;
  }

  private static Path withSuffix(Path path, String suffix) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    return name.endsWith(suffix) ? path : path.resolveSibling(name + suffix);
  }
}
