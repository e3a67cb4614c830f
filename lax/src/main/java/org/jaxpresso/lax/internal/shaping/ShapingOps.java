package org.jaxpresso.lax.internal.shaping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.GatherDimensionNumbers;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.ScatterDimensionNumbers;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.primitives.Gather;
import org.jaxpresso.lax.primitives.Scatter;
import org.jaxpresso.lax.primitives.Shaping;
import org.jaxpresso.lax.primitives.Slicing;

/**
 * The wrappers behind {@code Lax}'s shaping methods: what JAX's {@code lax.*} Python functions
 * do before binding (canonicalizing axes, skipping no-op binds on concrete arrays, wrapping
 * negative dynamic starts, choosing default fill values).
 */
public final class ShapingOps {
  private ShapingOps() {}

  /**
   * {@code lax.broadcast_in_dim}.
   *
   * @param x the operand: an array or a Java scalar
   * @param shape the dimensions of the result
   * @param broadcastDimensions for each operand dimension, the result dimension it maps to
   * @return {@code lax.broadcast_in_dim}
   */
  public static NDArray broadcastInDim(Object x, int[] shape, int[] broadcastDimensions) {
    NDArray a = LaxSupport.asArray(x);
    // JAX returns a concrete operand as is when ndim == len(shape) and no broadcast dimensions
    // are given; only the rank-0 case of that is well formed, so only it short-cuts here.
    if (a.aval().rank() == 0 && shape.length == 0 && broadcastDimensions.length == 0
        && a instanceof Array) {
      return a;
    }
    return Shaping.BROADCAST_IN_DIM.bind1(Params.of("shape", shape, "broadcast_dimensions",
        broadcastDimensions, "sharding", null), a);
  }

  /**
   * {@code lax.broadcast}: prepends the dimensions {@code sizes}.
   *
   * @param x the operand: an array or a Java scalar
   * @param sizes the sizes of the new leading dimensions
   * @return {@code lax.broadcast}: prepends the dimensions {@code sizes}
   */
  public static NDArray broadcast(Object x, int[] sizes) {
    NDArray a = LaxSupport.asArray(x);
    int rank = a.aval().rank();
    int[] shape = new int[sizes.length + rank];
    System.arraycopy(sizes, 0, shape, 0, sizes.length);
    System.arraycopy(a.aval().shape().dims(), 0, shape, sizes.length, rank);
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = sizes.length + i;
    }
    return broadcastInDim(a, shape, dims);
  }

  /**
   * {@code lax.reshape}; {@code dimensions} null or a permutation applied first.
   *
   * @param x the operand: an array or a Java scalar
   * @param newSizes the sizes of the new leading dimensions
   * @param dimensions the permutation applied before reshaping, or {@code null} for none
   * @return {@code lax.reshape}; {@code dimensions} null or a permutation applied first
   */
  public static NDArray reshape(Object x, int[] newSizes, int[] dimensions) {
    NDArray a = LaxSupport.asArray(x);
    int[] shape = a.aval().shape().dims();
    boolean sameDims = dimensions == null || isIdentity(dimensions, shape.length);
    if (shape.length > 0 && Arrays.equals(shape, newSizes) && sameDims && a instanceof Array) {
      return a;
    }
    return Shaping.RESHAPE.bind1(Params.of("new_sizes", newSizes, "dimensions",
        sameDims ? null : dimensions, "sharding", null), a);
  }

  /**
   * {@code lax.transpose}.
   *
   * @param x the operand: an array or a Java scalar
   * @param permutation the permutation of the axes
   * @return {@code lax.transpose}
   */
  public static NDArray transpose(Object x, int[] permutation) {
    NDArray a = LaxSupport.asArray(x);
    if (isIdentity(permutation, a.aval().rank()) && a instanceof Array) {
      return a;
    }
    return Shaping.TRANSPOSE.bind1(Params.of("permutation", permutation), a);
  }

  /**
   * {@code lax.squeeze}: negative dimensions count from the end; sorted before binding.
   *
   * @param x the operand: an array or a Java scalar
   * @param dimensions the size-1 dimensions to remove
   * @return {@code lax.squeeze}: negative dimensions count from the end; sorted before binding
   */
  public static NDArray squeeze(Object x, int[] dimensions) {
    NDArray a = LaxSupport.asArray(x);
    int rank = a.aval().rank();
    int[] dims = new int[dimensions.length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = canonicalizeAxis(dimensions[i], rank);
    }
    Arrays.sort(dims);
    if (dims.length == 0 && a instanceof Array) {
      return a;
    }
    return Shaping.SQUEEZE.bind1(Params.of("dimensions", dims), a);
  }

  /**
   * {@code lax.expand_dims}: a {@code broadcast_in_dim} inserting size-1 dimensions.
   *
   * @param x the operand: an array or a Java scalar
   * @param dimensions the positions of the new size-1 dimensions in the result
   * @return {@code lax.expand_dims}: a {@code broadcast_in_dim} inserting size-1 dimensions
   */
  public static NDArray expandDims(Object x, int[] dimensions) {
    NDArray a = LaxSupport.asArray(x);
    if (Arrays.stream(dimensions).distinct().count() != dimensions.length) {
      throw new JaxValueError("repeated axis in lax.expand_dims: " + Shape.tupleString(dimensions));
    }
    int rankOut = a.aval().rank() + dimensions.length;
    int[] dims = new int[dimensions.length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = canonicalizeAxis(dimensions[i], rankOut);
    }
    if (Arrays.stream(dims).distinct().count() != dims.length) {
      throw new JaxValueError("repeated axis in lax.expand_dims: " + Shape.tupleString(dims));
    }
    int[] sorted = dims.clone();
    Arrays.sort(sorted);
    List<Integer> shape = new ArrayList<>();
    for (int d : a.aval().shape().dims()) {
      shape.add(d);
    }
    for (int d : sorted) {
      shape.add(d, 1);
    }
    int[] bd = new int[a.aval().rank()];
    int k = 0;
    for (int i = 0; i < rankOut; i++) {
      if (Arrays.binarySearch(sorted, i) < 0) {
        bd[k++] = i;
      }
    }
    return broadcastInDim(a, shape.stream().mapToInt(Integer::intValue).toArray(), bd);
  }

  /**
   * {@code lax.rev}.
   *
   * @param x the operand: an array or a Java scalar
   * @param dimensions the dimensions to reverse
   * @return {@code lax.rev}
   */
  public static NDArray rev(Object x, int[] dimensions) {
    return Shaping.REV.bind1(Params.of("dimensions", dimensions), LaxSupport.asArray(x));
  }

  /**
   * {@code lax.slice}; {@code strides} null means 1s.
   *
   * @param x the operand: an array or a Java scalar
   * @param start the first value (inclusive)
   * @param limit the end index (exclusive) in each dimension
   * @param strides the step in each dimension
   * @return {@code lax.slice}; {@code strides} null means 1s
   */
  public static NDArray slice(Object x, int[] start, int[] limit, int[] strides) {
    return Slicing.SLICE.bind1(Params.of("start_indices", start, "limit_indices", limit,
        "strides", strides), LaxSupport.asArray(x));
  }

  /**
   * {@code lax.slice_in_dim}: a slice along one axis (negative indices wrap once).
   *
   * @param x the operand: an array or a Java scalar
   * @param start the first value (inclusive)
   * @param limit the end index (exclusive) in each dimension
   * @param stride the step between elements
   * @param axis the axis to operate along; negative values count from the end
   * @return {@code lax.slice_in_dim}: a slice along one axis (negative indices wrap once)
   */
  public static NDArray sliceInDim(Object x, int start, int limit, int stride, int axis) {
    NDArray a = LaxSupport.asArray(x);
    int[] shape = a.aval().shape().dims();
    int ax = canonicalizeAxis(axis, shape.length);
    int[] s = new int[shape.length];
    int[] l = shape.clone();
    int[] st = new int[shape.length];
    Arrays.fill(st, 1);
    int n = shape[ax];
    s[ax] = start < 0 ? start + n : start;
    l[ax] = limit < 0 ? limit + n : limit;
    st[ax] = stride;
    return slice(a, s, l, st);
  }

  /**
   * {@code lax.dynamic_slice}: starts are Java integers or scalar integer arrays; negative
   * Java starts and negative concrete array starts are wrapped once by the dimension size (as
   * JAX's {@code _dynamic_slice_indices}), then the primitive clamps.
   *
   * @param x the operand: an array or a Java scalar
   * @param starts the start index in each dimension
   * @param sizes the size of the slice in each dimension
   * @return {@code lax.dynamic_slice}
   */
  public static NDArray dynamicSlice(Object x, Object[] starts, int[] sizes) {
    NDArray a = LaxSupport.asArray(x);
    List<NDArray> args = new ArrayList<>();
    args.add(a);
    args.addAll(startIndices(a, starts));
    return Slicing.DYNAMIC_SLICE.bind(args, Params.of("slice_sizes", sizes)).get(0);
  }

  /**
   * {@code lax.dynamic_update_slice}, with starts treated as in {@link #dynamicSlice}.
   *
   * @param x the operand: an array or a Java scalar
   * @param update the values to write; the same dtype and rank as {@code x}
   * @param starts the start index in each dimension
   * @return {@code lax.dynamic_update_slice}, with starts treated as in {@link #dynamicSlice}
   */
  public static NDArray dynamicUpdateSlice(Object x, Object update, Object[] starts) {
    NDArray a = LaxSupport.asArray(x);
    List<NDArray> args = new ArrayList<>();
    args.add(a);
    args.add(LaxSupport.asArray(update));
    args.addAll(startIndices(a, starts));
    return Slicing.DYNAMIC_UPDATE_SLICE.bind(args, Params.EMPTY).get(0);
  }

  static List<NDArray> startIndices(NDArray operand, Object[] starts) {
    int[] shape = operand.aval().shape().dims();
    if (starts.length != shape.length) {
      throw new JaxValueError("Length of slice indices must match number of operand dimensions ("
          + starts.length + " vs " + Shape.tupleString(shape) + ")");
    }
    List<NDArray> out = new ArrayList<>();
    for (int d = 0; d < starts.length; d++) {
      NDArray i = LaxSupport.asArray(starts[d]);
      if (i instanceof Array c && c.aval().rank() == 0 && c.dtype().isSignedInteger()
          && c.getLong(0) < 0) {
        Array wrapped = Array.scalar(c.getLong(0) + shape[d], c.dtype());
        i = wrapped.withWeakType(c.weakType());
      }
      out.add(i);
    }
    return out;
  }

  /**
   * {@code lax.gather}; a null fill value under FILL_OR_DROP means JAX's default.
   *
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param dn which dimensions play which role
   * @param sliceSizes the size of the slice in each operand dimension
   * @param mode how out-of-bounds indices are handled
   * @param fillValue the value used where no input element applies
   * @param indicesAreSorted whether the caller promises that the indices are sorted
   * @param uniqueIndices whether the caller promises that no index repeats
   * @return {@code lax.gather}; a null fill value under FILL_OR_DROP means JAX's default
   */
  public static NDArray gather(Object operand, Object indices, GatherDimensionNumbers dn,
      int[] sliceSizes, GatherScatterMode mode, Object fillValue, boolean indicesAreSorted,
      boolean uniqueIndices) {
    NDArray op = LaxSupport.asArray(operand);
    mode = mode == null ? GatherScatterMode.FILL_OR_DROP : mode;
    Object fill = null;
    if (mode == GatherScatterMode.FILL_OR_DROP) {
      fill = fillValue == null ? Gather.defaultFillValue(op.dtype()) : pyScalar(fillValue);
    }
    return Gather.GATHER.bind1(Params.of("dimension_numbers", dn, "slice_sizes", sliceSizes,
        "mode", mode, "fill_value", fill, "indices_are_sorted", indicesAreSorted,
        "unique_indices", uniqueIndices), op, LaxSupport.asArray(indices));
  }

  /**
   * Binds one of the scatter primitives by its printed name.
   *
   * @param name the scatter primitive's name, e.g. {@code scatter-add}
   * @param operand the array to operate on
   * @param indices the integer index array
   * @param updates the values to write at the indexed positions
   * @param dn which dimensions play which role
   * @param mode how out-of-bounds indices are handled
   * @param indicesAreSorted whether the caller promises that the indices are sorted
   * @param uniqueIndices whether the caller promises that no index repeats
   * @return the output
   */
  public static NDArray scatter(String name, Object operand, Object indices, Object updates,
      ScatterDimensionNumbers dn, GatherScatterMode mode, boolean indicesAreSorted,
      boolean uniqueIndices) {
    var prim = switch (name) {
      case "scatter" -> Scatter.SCATTER;
      case "scatter-add" -> Scatter.SCATTER_ADD;
      case "scatter-mul" -> Scatter.SCATTER_MUL;
      case "scatter-min" -> Scatter.SCATTER_MIN;
      case "scatter-max" -> Scatter.SCATTER_MAX;
      case "scatter-sub" -> Scatter.SCATTER_SUB;
      default -> throw new IllegalArgumentException("no scatter primitive " + name);
    };
    NDArray op = LaxSupport.asArray(operand);
    return prim.bind1(Params.of("dimension_numbers", dn, "mode",
            mode == null ? GatherScatterMode.FILL_OR_DROP : mode,
            "indices_are_sorted", indicesAreSorted, "unique_indices", uniqueIndices,
            "update_consts", List.of(), "update_jaxpr", combiner(name, op.dtype())),
        op, LaxSupport.asArray(indices), LaxSupport.asArray(updates));
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, org.jaxpresso.core.jaxpr.Jaxpr>
      COMBINERS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The {@code update_jaxpr} JAX prints for a combining scatter, e.g. {@code { lambda ; a:f32[]
   * b:f32[]. let c:f32[] = add a b in (c,) }}; null for plain {@code scatter}. One jaxpr per
   * (scatter, dtype), so equal calls have equal params and share compiled programs.
   *
   * @param name the combining primitive's name
   * @param dtype the element type of the result
   * @return the {@code update_jaxpr} JAX prints for a combining scatter, e.g. {@code { lambda ;
   *     a:f32[] b:f32[]. let c:f32[] = add a b in (c,) }}
   */
  public static org.jaxpresso.core.jaxpr.Jaxpr combiner(String name, org.jaxpresso.core.DType dtype) {
    org.jaxpresso.core.Primitive op = switch (name) {
      case "scatter-add" -> org.jaxpresso.lax.primitives.Elementwise.ADD;
      case "scatter-mul" -> org.jaxpresso.lax.primitives.Elementwise.MUL;
      case "scatter-min" -> org.jaxpresso.lax.primitives.Elementwise.MIN;
      case "scatter-max" -> org.jaxpresso.lax.primitives.Elementwise.MAX;
      case "scatter-sub" -> org.jaxpresso.lax.primitives.Elementwise.SUB;
      default -> null;
    };
    if (op == null) {
      return null;
    }
    return COMBINERS.computeIfAbsent(name + ":" + dtype, k -> {
      org.jaxpresso.core.ShapedArray s = new org.jaxpresso.core.ShapedArray(
          org.jaxpresso.core.Shape.SCALAR, dtype, false);
      org.jaxpresso.core.jaxpr.Var a = org.jaxpresso.core.jaxpr.Var.of(s);
      org.jaxpresso.core.jaxpr.Var b = org.jaxpresso.core.jaxpr.Var.of(s);
      org.jaxpresso.core.jaxpr.Var c = org.jaxpresso.core.jaxpr.Var.of(s);
      return new org.jaxpresso.core.jaxpr.Jaxpr(List.of(), List.of(a, b),
          List.of(new org.jaxpresso.core.jaxpr.Eqn(op, List.of(a, b), Params.EMPTY, List.of(c))),
          List.of(c));
    });
  }

  /**
   * {@code lax.concatenate}.
   *
   * @param operands the operand arrays
   * @param dimension the dimension to join along
   * @return {@code lax.concatenate}
   */
  public static NDArray concatenate(List<?> operands, int dimension) {
    if (operands.isEmpty()) {
      throw new JaxValueError("concatenate requires a non-empty sequences of arrays");
    }
    List<NDArray> args = LaxSupport.asArrays(operands.toArray());
    if (args.size() == 1 && args.get(0) instanceof Array a) {
      return a;
    }
    return Shaping.CONCATENATE.bind(args, Params.of("dimension", dimension)).get(0);
  }

  /**
   * {@code lax.pad}: per dimension {@code (lo, hi, interior)}.
   *
   * @param x the operand: an array or a Java scalar
   * @param paddingValue the scalar to pad with, of {@code x}'s dtype
   * @param config per dimension {@code {lo, hi, interior}}; negative lo and hi crop
   * @return {@code lax.pad}: per dimension {@code (lo, hi, interior)}
   */
  public static NDArray pad(Object x, Object paddingValue, int[][] config) {
    return Shaping.PAD.bind1(Params.of("padding_config", config), LaxSupport.asArray(x),
        LaxSupport.asArray(paddingValue));
  }

  /**
   * {@code lax.broadcasted_iota} ({@code lax.iota} is the 1-d case).
   *
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @param dimension the dimension along which the values count
   * @return {@code lax.broadcasted_iota} ({@code lax.iota} is the 1-d case)
   */
  public static NDArray iota(DType dtype, int[] shape, int dimension) {
    return Shaping.IOTA.bind(List.of(), Params.of("dtype", dtype.canonical(), "shape", shape,
        "dimension", dimension, "sharding", null)).get(0);
  }

  /**
   * JAX's {@code canonicalize_axis}: {@code axis 3 is out of bounds for array of dimension 2}.
   *
   * @param axis the axis to operate along; negative values count from the end
   * @param rank the number of dimensions
   * @return JAX's {@code canonicalize_axis}: {@code axis 3 is out of bounds for array of dimension
   *     2}
   */
  public static int canonicalizeAxis(int axis, int rank) {
    if (axis < -rank || axis >= rank) {
      throw new JaxValueError("axis " + axis + " is out of bounds for array of dimension " + rank);
    }
    return axis < 0 ? axis + rank : axis;
  }

  static boolean isIdentity(int[] perm, int rank) {
    if (perm.length != rank) {
      return false;
    }
    for (int i = 0; i < rank; i++) {
      if (perm[i] != i) {
        return false;
      }
    }
    return true;
  }

  static Object pyScalar(Object v) {
    return switch (v) {
      case Float f -> f.doubleValue();
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Double d -> d;
      case Long l -> l;
      case Boolean b -> b;
      default -> throw new JaxTypeError("gather fill_value must be a Python scalar (a Java "
          + "Number or Boolean), got " + v);
    };
  }
}
