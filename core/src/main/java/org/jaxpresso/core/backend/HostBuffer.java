package org.jaxpresso.core.backend;

import java.util.Objects;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.internal.HalfFloats;

/**
 * A buffer in a plain Java array: {@code byte[]} for bool, int8 and uint8; {@code short[]} for
 * int16, uint16, float16 and bfloat16 (bit patterns); {@code int[]} for int32 and uint32;
 * {@code long[]} for int64 and uint64; {@code float[]}; {@code double[]}.
 *
 * <p>This is backend SPI. A buffer is written only while a kernel fills it; once it is wrapped
 * in an {@link org.jaxpresso.core.Array} it must never change again. Users never see it
 * mutate: every public way to make an array copies the caller's data.
 */
public final class HostBuffer implements Buffer {
  private final DType dtype;
  private final Object data;
  private final int length;

  private HostBuffer(DType dtype, Object data, int length) {
    this.dtype = dtype;
    this.data = data;
    this.length = length;
  }

  /**
   * A zero-filled buffer of {@code n} elements.
   *
   * @param dtype the element type of the result
   * @param n the number of elements
   * @return a zero-filled buffer of {@code n} elements
   */
  public static HostBuffer allocate(DType dtype, int n) {
    Object data =
        switch (dtype) {
          case BOOL, INT8, UINT8 -> new byte[n];
          case INT16, UINT16, FLOAT16, BFLOAT16 -> new short[n];
          case INT32, UINT32 -> new int[n];
          case INT64, UINT64 -> new long[n];
          case FLOAT32 -> new float[n];
          case FLOAT64 -> new double[n];
        };
    return new HostBuffer(dtype, data, n);
  }

  /**
   * The Java array class that holds elements of {@code dtype}.
   *
   * @param dtype the element type of the result
   * @return the Java array class that holds elements of {@code dtype}
   */
  public static Class<?> storageClass(DType dtype) {
    return switch (dtype) {
      case BOOL, INT8, UINT8 -> byte[].class;
      case INT16, UINT16, FLOAT16, BFLOAT16 -> short[].class;
      case INT32, UINT32 -> int[].class;
      case INT64, UINT64 -> long[].class;
      case FLOAT32 -> float[].class;
      case FLOAT64 -> double[].class;
    };
  }

  /**
   * Wraps a Java array of the storage class for {@code dtype}, taking ownership (no copy): the
   * caller must not write to it afterwards.
   *
   * @param dtype the element type of the result
   * @param javaArray the Java array holding the elements
   * @return a Java array of the storage class for {@code dtype}, taking ownership (no copy)
   * @throws IllegalArgumentException if the array's class does not match the dtype's storage
   */
  public static HostBuffer wrap(DType dtype, Object javaArray) {
    Objects.requireNonNull(javaArray, "javaArray");
    if (javaArray.getClass() != storageClass(dtype)) {
      throw new IllegalArgumentException(
          "a " + dtype + " buffer is stored in " + storageClass(dtype).getSimpleName()
              + ", got " + javaArray.getClass().getSimpleName());
    }
    return new HostBuffer(dtype, javaArray, java.lang.reflect.Array.getLength(javaArray));
  }

  @Override
  public Device device() {
    return Device.HOST;
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public HostBuffer toHost() {
    return this;
  }

  /**
   * The Java array behind this buffer (backend SPI: never write to a wrapped buffer).
   *
   * @return the Java array behind this buffer (backend SPI: never write to a wrapped buffer)
   */
  public Object data() {
    return data;
  }

  /**
   * A copy of this buffer.
   *
   * @return a copy of this buffer
   */
  public HostBuffer copy() {
    Object c =
        switch (data) {
          case byte[] a -> a.clone();
          case short[] a -> a.clone();
          case int[] a -> a.clone();
          case long[] a -> a.clone();
          case float[] a -> a.clone();
          case double[] a -> a.clone();
          default -> throw new IllegalStateException();
        };
    return new HostBuffer(dtype, c, length);
  }

  /**
   * Element {@code i} as a double: floats exactly, integers by value (uint64 read unsigned,
   * so values past 2^53 round), bool as 0 or 1.
   *
   * @param i the flat (row-major) index of the element
   * @return the element {@code i} as a double
   */
  public double getDouble(int i) {
    return switch (dtype) {
      case BOOL, INT8 -> ((byte[]) data)[i];
      case UINT8 -> ((byte[]) data)[i] & 0xFF;
      case INT16 -> ((short[]) data)[i];
      case UINT16 -> ((short[]) data)[i] & 0xFFFF;
      case FLOAT16 -> HalfFloats.f16ToFloat(((short[]) data)[i]);
      case BFLOAT16 -> HalfFloats.bf16ToFloat(((short[]) data)[i]);
      case INT32 -> ((int[]) data)[i];
      case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
      case INT64 -> ((long[]) data)[i];
      case UINT64 -> unsignedToDouble(((long[]) data)[i]);
      case FLOAT32 -> ((float[]) data)[i];
      case FLOAT64 -> ((double[]) data)[i];
    };
  }

  /**
   * Element {@code i} as a long: integers by value (uint8/16/32 zero-extended; uint64 as its
   * two's-complement bit pattern), bool as 0 or 1, floats truncated toward zero (Java's cast).
   *
   * @param i the flat (row-major) index of the element
   * @return the element {@code i} as a long
   */
  public long getLong(int i) {
    return switch (dtype) {
      case BOOL, INT8 -> ((byte[]) data)[i];
      case UINT8 -> ((byte[]) data)[i] & 0xFF;
      case INT16 -> ((short[]) data)[i];
      case UINT16 -> ((short[]) data)[i] & 0xFFFF;
      case INT32 -> ((int[]) data)[i];
      case UINT32 -> Integer.toUnsignedLong(((int[]) data)[i]);
      case INT64, UINT64 -> ((long[]) data)[i];
      case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> (long) getDouble(i);
    };
  }

  /**
   * Element {@code i} as a boolean: nonzero is true (NaN counts as true, as in NumPy).
   *
   * @param i the flat (row-major) index of the element
   * @return the element {@code i} as a boolean: nonzero is true (NaN counts as true, as in NumPy)
   */
  public boolean getBoolean(int i) {
    return switch (dtype) {
      case BOOL, INT8, UINT8 -> ((byte[]) data)[i] != 0;
      case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> getDouble(i) != 0.0;
      default -> getLong(i) != 0;
    };
  }

  /**
   * Stores {@code v} at {@code i}, rounded to nearest-even for the float types; for integer
   * types {@code v} is truncated to a long and wrapped; for bool, nonzero is true.
   *
   * @param i the flat (row-major) index of the element
   * @param v the value
   */
  public void setDouble(int i, double v) {
    switch (dtype) {
      case FLOAT16 -> ((short[]) data)[i] = HalfFloats.doubleToF16(v);
      case BFLOAT16 -> ((short[]) data)[i] = HalfFloats.doubleToBf16(v);
      case FLOAT32 -> ((float[]) data)[i] = (float) v;
      case FLOAT64 -> ((double[]) data)[i] = v;
      case BOOL -> ((byte[]) data)[i] = (byte) (v != 0.0 ? 1 : 0);
      default -> setLong(i, (long) v);
    }
  }

  /**
   * Stores the integer {@code v} at {@code i}, wrapping to the dtype's width (two's
   * complement); float types store the nearest value; bool stores {@code v != 0}.
   *
   * @param i the flat (row-major) index of the element
   * @param v the value
   */
  public void setLong(int i, long v) {
    switch (dtype) {
      case BOOL -> ((byte[]) data)[i] = (byte) (v != 0 ? 1 : 0);
      case INT8, UINT8 -> ((byte[]) data)[i] = (byte) v;
      case INT16, UINT16 -> ((short[]) data)[i] = (short) v;
      case INT32, UINT32 -> ((int[]) data)[i] = (int) v;
      case INT64, UINT64 -> ((long[]) data)[i] = v;
      case FLOAT16, BFLOAT16, FLOAT32, FLOAT64 -> setDouble(i, (double) v);
    }
  }

  /**
   * Stores a boolean as 1 or 0 (in any dtype).
   *
   * @param i the flat (row-major) index of the element
   * @param v the value
   */
  public void setBoolean(int i, boolean v) {
    setLong(i, v ? 1 : 0);
  }

  /**
   * Copies element {@code src} of {@code from} (same dtype) to element {@code dst} here.
   *
   * @param from the buffer to copy from
   * @param src the index of the element to read in {@code from}
   * @param dst the index of the element to write here
   */
  public void copyElement(HostBuffer from, int src, int dst) {
    switch (data) {
      case byte[] a -> a[dst] = ((byte[]) from.data)[src];
      case short[] a -> a[dst] = ((short[]) from.data)[src];
      case int[] a -> a[dst] = ((int[]) from.data)[src];
      case long[] a -> a[dst] = ((long[]) from.data)[src];
      case float[] a -> a[dst] = ((float[]) from.data)[src];
      case double[] a -> a[dst] = ((double[]) from.data)[src];
      default -> throw new IllegalStateException();
    }
  }

  /**
   * The double nearest to the unsigned 64-bit value {@code v}.
   *
   * @param v the value
   * @return the double nearest to the unsigned 64-bit value {@code v}
   */
  public static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    // Halve (keeping the sticky bit), convert, double.
    return (double) ((v >>> 1) | (v & 1)) * 2.0;
  }
}
