package org.jaxpresso.lax.internal.elementwise;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.lax.internal.Broadcast;

/**
 * The reference loops of elementwise primitives: read each operand through its broadcast index
 * map, apply a scalar function (floats as doubles, integers and bool as longs, see {@link
 * org.jaxpresso.lax.semantics.IntOps}), store into a fresh buffer of the output dtype (floats round to nearest-even there).
 */
public final class Kernels {
  private Kernels() {}

  /** A unary float function; {@code d} is the operand's dtype. */
  @FunctionalInterface
  public interface FloatUnary {
    /**
     * The result, before rounding to the output dtype.
     *
     * @param x the value
     * @param d the dtype
     * @return the result, before rounding to the output dtype
     */
    double apply(double x, DType d);
  }

  /** A unary integer/bool function; {@code d} is the operand's dtype. */
  @FunctionalInterface
  public interface IntUnary {
    /**
     * The result, wrapped to the output dtype when stored.
     *
     * @param x the value
     * @param d the dtype
     * @return the result, wrapped to the output dtype when stored
     */
    long apply(long x, DType d);
  }

  /** A binary float function; {@code d} is the operands' dtype. */
  @FunctionalInterface
  public interface FloatBinary {
    /**
     * The result, before rounding to the output dtype.
     *
     * @param x the value
     * @param y the second value
     * @param d the dtype
     * @return the result, before rounding to the output dtype
     */
    double apply(double x, double y, DType d);
  }

  /** A binary integer/bool function; {@code d} is the operands' dtype. */
  @FunctionalInterface
  public interface IntBinary {
    /**
     * The result, wrapped to the output dtype when stored.
     *
     * @param x the value
     * @param y the second value
     * @param d the dtype
     * @return the result, wrapped to the output dtype when stored
     */
    long apply(long x, long y, DType d);
  }

  /** A float comparison. */
  @FunctionalInterface
  public interface FloatTest {
    /**
     * Whether the relation holds (false when either is NaN, except for {@code ne}).
     *
     * @param x the value
     * @param y the second value
     * @return whether the relation holds (false when either is NaN, except for {@code ne})
     */
    boolean test(double x, double y);
  }

  /** An integer/bool comparison in the operands' dtype order. */
  @FunctionalInterface
  public interface IntTest {
    /**
     * Whether the relation holds.
     *
     * @param x the value
     * @param y the second value
     * @param d the dtype
     * @return whether the relation holds
     */
    boolean test(long x, long y, DType d);
  }

  /**
   * {@code f} or {@code g} (by the operand's dtype) applied to every element of {@code x}.
   *
   * @param out the result's abstract value (shape and dtype)
   * @param x the input array
   * @param f the operation on floating-point elements
   * @param g the operation on integer (and bool) elements
   * @return {@code f} or {@code g} (by the operand's dtype) applied to every element of {@code x}
   */
  public static Array unary(ShapedArray out, Array x, FloatUnary f, IntUnary g) {
    int n = Math.toIntExact(out.size());
    HostBuffer a = x.host();
    HostBuffer r = HostBuffer.allocate(out.dtype(), n);
    DType d = x.dtype();
    if (d.isFloating()) {
      for (int i = 0; i < n; i++) {
        r.setDouble(i, f.apply(a.getDouble(i), d));
      }
    } else {
      for (int i = 0; i < n; i++) {
        r.setLong(i, g.apply(a.getLong(i), d));
      }
    }
    return Array.wrap(out, r);
  }

  /**
   * {@code f} or {@code g} applied to broadcast pairs of elements of {@code x} and {@code y}.
   *
   * @param out the result's abstract value (shape and dtype)
   * @param x the input array
   * @param y the second input array
   * @param f the operation on floating-point elements
   * @param g the operation on integer (and bool) elements
   * @return {@code f} or {@code g} applied to broadcast pairs of elements of {@code x} and {@code
   *     y}
   */
  public static Array binary(ShapedArray out, Array x, Array y, FloatBinary f, IntBinary g) {
    int[][] maps = Broadcast.indexMaps(out.shape(), x.aval().shape(), y.aval().shape());
    int n = Math.toIntExact(out.size());
    HostBuffer a = x.host();
    HostBuffer b = y.host();
    HostBuffer r = HostBuffer.allocate(out.dtype(), n);
    DType d = x.dtype();
    if (d.isFloating()) {
      for (int i = 0; i < n; i++) {
        r.setDouble(i, f.apply(a.getDouble(maps[0][i]), b.getDouble(maps[1][i]), d));
      }
    } else {
      for (int i = 0; i < n; i++) {
        r.setLong(i, g.apply(a.getLong(maps[0][i]), b.getLong(maps[1][i]), d));
      }
    }
    return Array.wrap(out, r);
  }

  /**
   * A comparison of broadcast pairs, into a bool array.
   *
   * @param out the result's abstract value (shape and dtype)
   * @param x the input array
   * @param y the second input array
   * @param f the operation on floating-point elements
   * @param g the operation on integer (and bool) elements
   * @return a comparison of broadcast pairs, into a bool array
   */
  public static Array compare(ShapedArray out, Array x, Array y, FloatTest f, IntTest g) {
    int[][] maps = Broadcast.indexMaps(out.shape(), x.aval().shape(), y.aval().shape());
    int n = Math.toIntExact(out.size());
    HostBuffer a = x.host();
    HostBuffer b = y.host();
    HostBuffer r = HostBuffer.allocate(DType.BOOL, n);
    DType d = x.dtype();
    if (d.isFloating()) {
      for (int i = 0; i < n; i++) {
        r.setBoolean(i, f.test(a.getDouble(maps[0][i]), b.getDouble(maps[1][i])));
      }
    } else {
      for (int i = 0; i < n; i++) {
        r.setBoolean(i, g.test(a.getLong(maps[0][i]), b.getLong(maps[1][i]), d));
      }
    }
    return Array.wrap(out, r);
  }

  /**
   * The broadcast index maps of {@code args} onto {@code out}'s shape.
   *
   * @param out the result's abstract value (shape and dtype)
   * @param args the operands
   * @return the broadcast index maps of {@code args} onto {@code out}'s shape
   */
  public static int[][] indexMaps(ShapedArray out, List<Array> args) {
    org.jaxpresso.core.Shape[] shapes = new org.jaxpresso.core.Shape[args.size()];
    for (int k = 0; k < shapes.length; k++) {
      shapes[k] = args.get(k).aval().shape();
    }
    return Broadcast.indexMaps(out.shape(), shapes);
  }
}
