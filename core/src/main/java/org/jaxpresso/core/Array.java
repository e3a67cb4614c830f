package org.jaxpresso.core;

import java.util.Objects;
import org.jaxpresso.core.backend.Buffer;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.DeviceBuffer;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.internal.ArrayPrinter;

/**
 * A concrete, immutable array: an abstract value plus the buffer that holds its elements.
 *
 * <p>Every factory copies the Java data it is given, so nothing outside can change an array.
 *
 * <pre>{@code
 * Array a = Array.of(new float[] {1, 2, 3}, 3);
 * a.toString();   // "[1. 2. 3.]"
 * a.repr();       // "Array([1., 2., 3.], dtype=float32)"
 * }</pre>
 *
 * <p>Devices: the data lives in a {@link Buffer}, on the host ({@link HostBuffer}, the
 * default) or on an accelerator ({@link DeviceBuffer}, read back to the host lazily, once).
 * As in JAX, an array placed with {@code Jax.devicePut(x, device)} is <em>committed</em> to
 * that device: computations on it run there and their results are committed too; other arrays
 * are uncommitted and move to wherever the computation runs. {@link #delete()} frees the data
 * early; using the array afterwards is JAX's error {@code Array has been deleted}.
 */
public final class Array implements NDArray {
  private final ShapedArray aval;
  private final Buffer buffer;
  private final boolean committed;
  /** Set once by {@link #delete()}; read on every host access. */
  private boolean deleted;

  private Array(ShapedArray aval, Buffer buffer) {
    this(aval, buffer, false);
  }

  private Array(ShapedArray aval, Buffer buffer, boolean committed) {
    this.aval = aval;
    this.buffer = buffer;
    this.committed = committed;
  }

  /**
   * Backend SPI: an array over {@code buffer}, which it now owns (no copy).
   *
   * @param aval the abstract value (shape and dtype)
   * @param buffer the element storage
   * @return an array over {@code buffer}, which it now owns (no copy)
   * @throws IllegalArgumentException if the buffer's dtype or length disagrees with the aval
   */
  public static Array wrap(ShapedArray aval, Buffer buffer) {
    Objects.requireNonNull(aval, "aval");
    Objects.requireNonNull(buffer, "buffer");
    if (buffer.dtype() != aval.dtype() || buffer.length() != aval.size()) {
      throw new IllegalArgumentException(
          "buffer of " + buffer.length() + " " + buffer.dtype() + " elements cannot hold "
              + aval.str());
    }
    return new Array(aval, buffer);
  }

  /**
   * Backend SPI: as {@link #wrap(ShapedArray, Buffer)}, committed to the buffer's device when
   * {@code committed} (see the class comment).
   *
   * @param aval the abstract value (shape and dtype)
   * @param buffer the element storage
   * @param committed whether the array is committed to its buffer's device
   * @return an array over {@code buffer}, which it now owns (no copy)
   * @throws IllegalArgumentException if the buffer's dtype or length disagrees with the aval
   */
  public static Array wrap(ShapedArray aval, Buffer buffer, boolean committed) {
    Array a = wrap(aval, buffer);
    return committed ? new Array(aval, buffer, true) : a;
  }

  // ---- factories from Java data (all copy) ----

  /**
   * A float32 array of the given shape from a copy of {@code data}.
   *
   * @param data the flat element data, in row-major order
   * @param shape the dimensions of the result
   * @return a float32 array of the given shape from a copy of {@code data}
   */
  public static Array of(float[] data, int... shape) {
    return fromJava(DType.FLOAT32, data.clone(), shape);
  }

  /**
   * A float64 array (float32 unless x64 is enabled) from a copy of {@code data}.
   *
   * @param data the flat element data, in row-major order
   * @param shape the dimensions of the result
   * @return a float64 array (float32 unless x64 is enabled) from a copy of {@code data}
   */
  public static Array of(double[] data, int... shape) {
    DType d = DType.FLOAT64.canonical();
    if (d == DType.FLOAT64) {
      return fromJava(d, data.clone(), shape);
    }
    return fromDoubles(d, data, shape);
  }

  /**
   * An int32 array from a copy of {@code data}.
   *
   * @param data the flat element data, in row-major order
   * @param shape the dimensions of the result
   * @return an int32 array from a copy of {@code data}
   */
  public static Array of(int[] data, int... shape) {
    return fromJava(DType.INT32, data.clone(), shape);
  }

  /**
   * An int64 array (int32 unless x64 is enabled) from a copy of {@code data}.
   *
   * @param data the flat element data, in row-major order
   * @param shape the dimensions of the result
   * @return an int64 array (int32 unless x64 is enabled) from a copy of {@code data}
   */
  public static Array of(long[] data, int... shape) {
    DType d = DType.INT64.canonical();
    if (d == DType.INT64) {
      return fromJava(d, data.clone(), shape);
    }
    return fromLongs(d, data, shape);
  }

  /**
   * A bool array from a copy of {@code data}.
   *
   * @param data the flat element data, in row-major order
   * @param shape the dimensions of the result
   * @return a bool array from a copy of {@code data}
   */
  public static Array of(boolean[] data, int... shape) {
    byte[] b = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      b[i] = (byte) (data[i] ? 1 : 0);
    }
    return fromJava(DType.BOOL, b, shape);
  }

  /**
   * An array of {@code dtype} whose elements are {@code values} converted as by
   * {@link HostBuffer#setDouble} (floats round to nearest-even; integers truncate and wrap).
   *
   * @param dtype the element type of the result
   * @param values the elements, in row-major order
   * @param shape the dimensions of the result
   * @return an array of {@code dtype} whose elements are {@code values} converted as by {@link
   *     HostBuffer#setDouble} (floats round to nearest-even
   */
  public static Array fromDoubles(DType dtype, double[] values, int... shape) {
    checkLength(values.length, shape);
    HostBuffer b = HostBuffer.allocate(dtype, values.length);
    for (int i = 0; i < values.length; i++) {
      b.setDouble(i, values[i]);
    }
    return new Array(new ShapedArray(Shape.of(shape), dtype, false), b);
  }

  /**
   * An array of {@code dtype} whose elements are {@code values}, wrapped to its width.
   *
   * @param dtype the element type of the result
   * @param values the elements, in row-major order
   * @param shape the dimensions of the result
   * @return an array of {@code dtype} whose elements are {@code values}, wrapped to its width
   */
  public static Array fromLongs(DType dtype, long[] values, int... shape) {
    checkLength(values.length, shape);
    HostBuffer b = HostBuffer.allocate(dtype, values.length);
    for (int i = 0; i < values.length; i++) {
      b.setLong(i, values[i]);
    }
    return new Array(new ShapedArray(Shape.of(shape), dtype, false), b);
  }

  /**
   * An array from a copy of a Java array that is the storage class of {@code dtype} (see
   * {@link HostBuffer}): e.g. {@code short[]} bit patterns for bfloat16.
   *
   * @param dtype the element type of the result
   * @param javaArray the Java array holding the elements
   * @param shape the dimensions of the result
   * @return an array from a copy of a Java array that is the storage class of {@code dtype} (see
   *     {@link HostBuffer})
   */
  public static Array fromStorage(DType dtype, Object javaArray, int... shape) {
    HostBuffer copy = HostBuffer.wrap(dtype, javaArray).copy();
    checkLength(copy.length(), shape);
    return new Array(new ShapedArray(Shape.of(shape), dtype, false), copy);
  }

  /**
   * A 0-d array of {@code dtype} holding {@code v} (rounded or wrapped to the dtype).
   *
   * @param v the value
   * @param dtype the element type of the result
   * @return a 0-d array of {@code dtype} holding {@code v} (rounded or wrapped to the dtype)
   */
  public static Array scalar(double v, DType dtype) {
    return fromDoubles(dtype, new double[] {v});
  }

  /**
   * A 0-d array of {@code dtype} holding the integer {@code v} (wrapped to the dtype).
   *
   * @param v the value
   * @param dtype the element type of the result
   * @return a 0-d array of {@code dtype} holding the integer {@code v} (wrapped to the dtype)
   */
  public static Array scalar(long v, DType dtype) {
    return fromLongs(dtype, new long[] {v});
  }

  /**
   * A 0-d bool array.
   *
   * @param v the value
   * @return a 0-d bool array
   */
  public static Array scalar(boolean v) {
    return of(new boolean[] {v});
  }

  /**
   * The 0-d array JAX makes from a Java scalar: {@code Integer}, {@code Long}, {@code Short},
   * {@code Byte} become weakly typed int32 (int64 with x64), {@code Float} and {@code Double}
   * weakly typed float32 (float64 with x64), {@code Boolean} a bool.
   *
   * @param scalar a Java {@code Integer}, {@code Long}, {@code Double}, {@code Float} or {@code
   *     Boolean}
   * @return the 0-d array JAX makes from a Java scalar
   * @throws IllegalArgumentException for other types, or an integer out of the default int's
   *     range ({@code Python int 2147483648 too large to convert to int32})
   */
  public static Array fromJavaScalar(Object scalar) {
    return switch (scalar) {
      case Boolean b -> scalar(b);
      case Double d -> weak(scalar(d, DType.defaultFloat()));
      case Float f -> weak(scalar(f.doubleValue(), DType.defaultFloat()));
      case Integer i -> weak(scalar(i.longValue(), DType.defaultInt()));
      case Short s -> weak(scalar(s.longValue(), DType.defaultInt()));
      case Byte b -> weak(scalar(b.longValue(), DType.defaultInt()));
      case Long l -> {
        DType d = DType.defaultInt();
        if (d == DType.INT32 && (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)) {
          throw new IllegalArgumentException(
              "Python int " + l + " too large to convert to int32");
        }
        yield weak(scalar(l.longValue(), d));
      }
      case null -> throw new IllegalArgumentException("null is not a valid JAX array value");
      default ->
          throw new IllegalArgumentException(
              "Value " + scalar + " of type " + scalar.getClass().getName()
                  + " is not a valid JAX array type. Only arrays of numeric types are supported"
                  + " by JAX.");
    };
  }

  private static Array weak(Array a) {
    return a.withWeakType(true);
  }

  private static Array fromJava(DType dtype, Object ownedData, int[] shape) {
    HostBuffer b = HostBuffer.wrap(dtype, ownedData);
    checkLength(b.length(), shape);
    return new Array(new ShapedArray(Shape.of(shape), dtype, false), b);
  }

  private static void checkLength(int n, int[] shape) {
    long size = Shape.of(shape).size();
    if (size != n) {
      throw new IllegalArgumentException(
          "cannot make an array of shape " + Shape.tupleString(shape) + " (size " + size
              + ") from " + n + " elements");
    }
  }

  // ---- accessors ----

  @Override
  public ShapedArray aval() {
    return aval;
  }

  /**
   * The buffer holding the data (backend SPI).
   *
   * @return the buffer holding the data (backend SPI)
   */
  public Buffer buffer() {
    if (deleted) {
      throw deletedError();
    }
    return buffer;
  }

  /**
   * The device holding the data, as JAX's {@code x.device}.
   *
   * @return the device holding the data
   */
  public Device device() {
    return buffer.device();
  }

  /**
   * The devices holding the data, as JAX's {@code x.devices()}: one device here.
   *
   * @return the set of the one device holding the data
   */
  public java.util.Set<Device> devices() {
    return java.util.Set.of(buffer.device());
  }

  /**
   * Whether the array is committed to its device (placed there by {@code Jax.devicePut(x,
   * device)} or computed from committed arrays), as JAX's {@code x.committed}: computations
   * on it then run on that device.
   *
   * @return whether the array is committed to {@link #device()}
   */
  public boolean committed() {
    return committed;
  }

  /**
   * The same data, committed to its device or not (no copy).
   *
   * @param commit whether the result is committed
   * @return an array over the same data with the given committedness
   */
  public Array withCommitted(boolean commit) {
    return commit == committed ? this : new Array(aval, sharedBuffer(), commit);
  }

  /**
   * Frees the data now, as JAX's {@code x.delete()}: device memory goes back to its pool (once
   * no other array shares it). Any later use of this array raises {@code Array has been
   * deleted with shape=float32[3].} (an {@link IllegalStateException}, JAX's RuntimeError).
   * Deleting twice is allowed.
   */
  public void delete() {
    deleted = true;
    if (buffer instanceof DeviceBuffer d) {
      d.delete();
    }
  }

  /**
   * Whether {@link #delete()} was called, as JAX's {@code x.is_deleted()}.
   *
   * @return whether the array was deleted
   */
  public boolean isDeleted() {
    return deleted;
  }

  private IllegalStateException deletedError() {
    return new IllegalStateException("Array has been deleted with shape=" + aval.str() + ".");
  }

  /** The buffer for another array over the same data: device buffers get their own handle. */
  private Buffer sharedBuffer() {
    if (deleted) {
      throw deletedError();
    }
    return buffer instanceof DeviceBuffer d ? d.share() : buffer;
  }

  /**
   * Waits until the array's value is computed (device work runs asynchronously), as JAX's
   * {@code block_until_ready}; returns this array.
   *
   * @return this array
   * @throws IllegalStateException if the array was {@linkplain #delete() deleted}
   */
  @Override
  public Array blockUntilReady() {
    if (buffer() instanceof DeviceBuffer d) {
      d.blockUntilReady();
    }
    return this;
  }

  /**
   * The data on the host (a copy if it lives on another device); never write to it.
   *
   * @return the data on the host (a copy if it lives on another device); never write to it
   * @throws IllegalStateException if the array was {@linkplain #delete() deleted}
   */
  public HostBuffer host() {
    if (deleted) {
      throw deletedError();
    }
    return buffer.toHost();
  }

  /**
   * The same data with another weak type (no copy: buffers are immutable).
   *
   * @param weak whether the result is weakly typed
   * @return the same data with another weak type (no copy: buffers are immutable)
   */
  public Array withWeakType(boolean weak) {
    return weak == aval.weakType() ? this
        : new Array(aval.withWeakType(weak), sharedBuffer(), committed);
  }

  /**
   * The same data viewed with another shape of the same size (no copy).
   *
   * @param shape the dimensions of the result
   * @return the same data viewed with another shape of the same size (no copy)
   */
  public Array reshapeView(Shape shape) {
    if (shape.size() != aval.size()) {
      throw new IllegalArgumentException(
          "cannot reshape array of shape " + aval.shape() + " (size " + aval.size()
              + ") into shape " + shape + " (size " + shape.size() + ")");
    }
    return new Array(aval.withShape(shape), sharedBuffer(), committed);
  }

  /**
   * Element at a row-major flat index, as a double (see {@link HostBuffer#getDouble}).
   *
   * @param flatIndex the flat (row-major) index of the element
   * @return the element at a row-major flat index, as a double (see {@link HostBuffer#getDouble})
   */
  public double getDouble(int flatIndex) {
    return host().getDouble(flatIndex);
  }

  /**
   * Element at a row-major flat index, as a long (see {@link HostBuffer#getLong}).
   *
   * @param flatIndex the flat (row-major) index of the element
   * @return the element at a row-major flat index, as a long (see {@link HostBuffer#getLong})
   */
  public long getLong(int flatIndex) {
    return host().getLong(flatIndex);
  }

  /**
   * Element at a row-major flat index, as a boolean (nonzero is true).
   *
   * @param flatIndex the flat (row-major) index of the element
   * @return the element at a row-major flat index, as a boolean (nonzero is true)
   */
  public boolean getBoolean(int flatIndex) {
    return host().getBoolean(flatIndex);
  }

  /** The elements as floats (converted from any dtype), row-major. */
  @Override
  public float[] toFloatArray() {
    HostBuffer h = host();
    if (h.data() instanceof float[] f) {
      return f.clone();
    }
    float[] r = new float[h.length()];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) h.getDouble(i);
    }
    return r;
  }

  /** The elements as doubles (converted from any dtype), row-major. */
  @Override
  public double[] toDoubleArray() {
    HostBuffer h = host();
    double[] r = new double[h.length()];
    for (int i = 0; i < r.length; i++) {
      r[i] = h.getDouble(i);
    }
    return r;
  }

  /** The elements as ints (floats truncated toward zero, wider ints wrapped), row-major. */
  @Override
  public int[] toIntArray() {
    HostBuffer h = host();
    if (h.data() instanceof int[] a && aval.dtype() == DType.INT32) {
      return a.clone();
    }
    int[] r = new int[h.length()];
    for (int i = 0; i < r.length; i++) {
      r[i] = (int) h.getLong(i);
    }
    return r;
  }

  /** The elements as longs (floats truncated toward zero), row-major. */
  @Override
  public long[] toLongArray() {
    HostBuffer h = host();
    long[] r = new long[h.length()];
    for (int i = 0; i < r.length; i++) {
      r[i] = h.getLong(i);
    }
    return r;
  }

  /** The elements as booleans (nonzero is true), row-major. */
  @Override
  public boolean[] toBooleanArray() {
    HostBuffer h = host();
    boolean[] r = new boolean[h.length()];
    for (int i = 0; i < r.length; i++) {
      r[i] = h.getBoolean(i);
    }
    return r;
  }

  @Override
  public boolean bool() {
    if (aval.size() != 1) {
      throw new JaxValueError(aval.size() == 0
          ? "The truth value of an empty array is ambiguous. Use a.size() > 0 to check that an array is not empty."
          : "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()");
    }
    return getBoolean(0);
  }

  private void checkOneElement(String what) {
    if (aval.size() != 1) {
      throw new JaxTypeError("only length-1 arrays can be converted to Java scalars (" + what
          + " of an array of shape " + aval.shape() + ")");
    }
  }

  @Override
  public Object item() {
    checkOneElement("item");
    return scalarAt(host(), 0);
  }

  private Object scalarAt(HostBuffer h, int i) {
    DType d = aval.dtype();
    if (d.isBool()) {
      return h.getBoolean(i);
    }
    if (d.isFloating()) {
      return h.getDouble(i);
    }
    return h.getLong(i);
  }

  @Override
  public int intValue() {
    checkOneElement("intValue");
    return (int) longValue();
  }

  @Override
  public long longValue() {
    checkOneElement("longValue");
    return aval.dtype().isFloating() ? (long) getDouble(0) : getLong(0);
  }

  @Override
  public float floatValue() {
    checkOneElement("floatValue");
    return (float) getDouble(0);
  }

  @Override
  public double doubleValue() {
    checkOneElement("doubleValue");
    return getDouble(0);
  }

  @Override
  public Object tolist() {
    HostBuffer h = host();
    if (aval.rank() == 0) {
      return scalarAt(h, 0);
    }
    return tolist(h, 0, 0, aval.shape().strides());
  }

  private java.util.List<Object> tolist(HostBuffer h, int axis, long offset, long[] strides) {
    int n = aval.shape().dim(axis);
    java.util.List<Object> out = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long pos = offset + i * strides[axis];
      out.add(axis == aval.rank() - 1 ? scalarAt(h, (int) pos) : tolist(h, axis + 1, pos, strides));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  /**
   * The storage-class Java array of this dtype (see {@link HostBuffer}), copied.
   *
   * @return the storage-class Java array of this dtype (see {@link HostBuffer}), copied
   */
  public Object toStorageArray() {
    return host().copy().data();
  }

  /** JAX's repr: {@code Array([0., 1.], dtype=float32)}, with {@code weak_type=True} if weak. */
  @Override
  public String repr() {
    return ArrayPrinter.repr(this);
  }

  /** JAX's str (NumPy's): {@code [0. 1.]}; a 0-d array prints as the Java/Python scalar. */
  @Override
  public String toString() {
    return ArrayPrinter.str(this);
  }
}
