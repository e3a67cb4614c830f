package org.jaxpresso.lax.primitives;

import java.util.List;
import java.util.stream.Collectors;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.internal.shaping.Layout;

/**
 * Static and dynamic slicing: {@code slice}, {@code dynamic_slice} and
 * {@code dynamic_update_slice}. Dynamic start indices are clamped to {@code [0, dim - size]} as
 * XLA does.
 */
public final class Slicing {
  private Slicing() {}

  /** {@code slice[limit_indices start_indices strides]}; strides None means all 1s. */
  public static final Primitive SLICE = Shaping.unary("slice", Slicing::sliceRule,
      Slicing::sliceSource, null);

  /** {@code dynamic_slice[slice_sizes]}: args (operand, *scalar integer starts). */
  public static final Primitive DYNAMIC_SLICE = Primitive.builder("dynamic_slice")
      .family("shaping")
      .abstractEval((avals, p) -> List.of(dynamicSliceRule(avals, p.ints("slice_sizes"))))
      .impl((args, p) -> List.of(dynamicSliceImpl(args, p.ints("slice_sizes"))))
      .build();

  /** {@code dynamic_update_slice}: args (operand, update, *scalar integer starts). */
  public static final Primitive DYNAMIC_UPDATE_SLICE = Primitive.builder("dynamic_update_slice")
      .family("shaping")
      .abstractEval((avals, p) -> List.of(dynamicUpdateSliceRule(avals)))
      .impl((args, p) -> List.of(dynamicUpdateSliceImpl(args)))
      .build();

  private static String tuple(int[] a) {
    return Shape.tupleString(a);
  }

  /** Python's repr of a list of avals: {@code [ShapedArray(int32[], weak_type=True)]}. */
  static String avalList(List<ShapedArray> avals) {
    return avals.stream()
        .map(a -> "ShapedArray(" + a.str() + (a.weakType() ? ", weak_type=True" : "") + ")")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  // ---- slice ----

  static ShapedArray sliceRule(ShapedArray x, Params p) {
    int[] start = p.ints("start_indices");
    int[] limit = p.ints("limit_indices");
    int[] strides = p.ints("strides");
    Shaping.checkShapelike("slice", "start_indices", start);
    Shaping.checkShapelike("slice", "limit_indices", limit);
    int[] shape = x.shape().dims();
    if (shape.length != start.length) {
      throw new JaxTypeError("slice start_indices must have length equal to the number of "
          + "dimensions of the operand, got indices " + tuple(start) + " for operand shape "
          + x.shape() + ".");
    }
    if (start.length != limit.length) {
      throw new JaxTypeError("slice limit_indices must have the same length as start_indices, "
          + "got start_indices " + tuple(start) + " and limit_indices " + tuple(limit) + ".");
    }
    for (int d = 0; d < shape.length; d++) {
      if (limit[d] > shape[d]) {
        throw new JaxTypeError("slice limit_indices must be less than or equal to operand shape,"
            + " got limit_indices " + tuple(limit) + " for operand shape " + x.shape() + ".");
      }
    }
    for (int d = 0; d < shape.length; d++) {
      if (start[d] < 0) {
        throw new JaxTypeError("slice start_indices must be greater than or equal to zero, got "
            + "start_indices of " + tuple(start) + ".");
      }
    }
    for (int d = 0; d < shape.length; d++) {
      if (limit[d] < start[d]) {
        throw new JaxTypeError("slice limit_indices must be greater than or equal to "
            + "start_indices, got start_indices " + tuple(start) + " and limit_indices "
            + tuple(limit) + ".");
      }
    }
    int[] out = new int[shape.length];
    if (strides != null) {
      Shaping.checkShapelike("slice", "strides", strides);
      if (strides.length != shape.length) {
        throw new JaxTypeError("slice strides must have length equal to the number of dimensions"
            + " of the operand, got strides " + tuple(strides) + " for operand shape "
            + x.shape() + ".");
      }
      for (int s : strides) {
        if (s <= 0) {
          throw new JaxTypeError("slice strides must be positive, got " + tuple(strides));
        }
      }
    }
    for (int d = 0; d < shape.length; d++) {
      int diff = limit[d] - start[d];
      int s = strides == null ? 1 : strides[d];
      out[d] = diff == 0 ? 0 : (diff - 1) / s + 1;
    }
    return new ShapedArray(Shape.of(out), x.dtype(), x.weakType());
  }

  static int[] sliceSource(int[] in, int[] out, Params p) {
    int[] start = p.ints("start_indices");
    int[] strides = p.ints("strides");
    int[] inStrides = Layout.strides(in);
    int base = 0;
    int[] step = new int[in.length];
    for (int d = 0; d < in.length; d++) {
      base += start[d] * inStrides[d];
      step[d] = (strides == null ? 1 : strides[d]) * inStrides[d];
    }
    int[] src = Shaping.walk(out, step);
    for (int i = 0; i < src.length; i++) {
      src[i] += base;
    }
    return src;
  }

  // ---- dynamic_slice ----

  static void checkStartIndices(String name, List<ShapedArray> starts, String sep) {
    for (ShapedArray s : starts) {
      if (s.rank() != 0) {
        throw new JaxTypeError("start_indices arguments to " + name + " must be scalars, "
            + sep + "got indices " + avalList(starts));
      }
    }
    for (ShapedArray s : starts) {
      if (s.dtype() != starts.get(0).dtype() || !s.dtype().isInteger()) {
        String got = starts.stream().map(a -> a.dtype().longName())
            .collect(Collectors.joining(", "));
        throw new JaxTypeError("index arguments to " + name + " must be integers of the same "
            + "type, got" + (name.equals("dynamic_slice") ? ": " : " ") + got);
      }
    }
  }

  static ShapedArray dynamicSliceRule(List<ShapedArray> avals, int[] sizes) {
    if (avals.isEmpty()) {
      throw new JaxTypeError("dynamic_slice takes an operand and start indices, got 0 arguments");
    }
    ShapedArray x = avals.get(0);
    List<ShapedArray> starts = avals.subList(1, avals.size());
    if (x.rank() != starts.size()) {
      throw new JaxTypeError("dynamic_slice start_indices must have length equal to the number "
          + "of dimensions of the operand, got indices " + avalList(starts) + " for operand shape "
          + x.shape() + ".");
    }
    if (starts.size() != sizes.length) {
      throw new JaxTypeError("dynamic_slice slice_sizes must have the same length as "
          + "start_indices, got start_indices length " + starts.size() + " and slice_sizes "
          + tuple(sizes) + ".");
    }
    for (int d = 0; d < sizes.length; d++) {
      if (sizes[d] > x.shape().dim(d)) {
        throw new JaxTypeError("slice slice_sizes must be less than or equal to operand shape, "
            + "got slice_sizes " + tuple(sizes) + " for operand shape " + x.shape() + ".");
      }
    }
    for (int s : sizes) {
      if (s < 0) {
        throw new JaxTypeError("slice slice_sizes must be greater than or equal to zero, got "
            + "slice_sizes of " + tuple(sizes) + ".");
      }
    }
    checkStartIndices("dynamic_slice", starts, " ");
    return new ShapedArray(Shape.of(sizes), x.dtype(), x.weakType());
  }

  /** Start indices read from the scalar args, clamped to {@code [0, dim - size]}. */
  static int[] clampedStarts(List<Array> starts, int[] shape, int[] sizes) {
    int[] out = new int[shape.length];
    for (int d = 0; d < shape.length; d++) {
      long v = Layout.index(starts.get(d).host(), 0);
      out[d] = (int) Layout.clamp(v, 0, shape[d] - sizes[d]);
    }
    return out;
  }

  static Array dynamicSliceImpl(List<Array> args, int[] sizes) {
    ShapedArray out = dynamicSliceRule(LaxSupport.avals(args), sizes);
    Array x = args.get(0);
    int[] shape = x.aval().shape().dims();
    int[] start = clampedStarts(args.subList(1, args.size()), shape, sizes);
    int[] inStrides = Layout.strides(shape);
    int base = 0;
    for (int d = 0; d < shape.length; d++) {
      base += start[d] * inStrides[d];
    }
    int[] src = Shaping.walk(sizes, inStrides);
    for (int i = 0; i < src.length; i++) {
      src[i] += base;
    }
    return Shaping.gatherElements(out, x, src);
  }

  // ---- dynamic_update_slice ----

  static ShapedArray dynamicUpdateSliceRule(List<ShapedArray> avals) {
    if (avals.size() < 2) {
      throw new JaxTypeError("dynamic_update_slice takes an operand, an update and start "
          + "indices, got " + avals.size() + " arguments");
    }
    ShapedArray x = avals.get(0);
    ShapedArray u = avals.get(1);
    List<ShapedArray> starts = avals.subList(2, avals.size());
    if (x.rank() != u.rank()) {
      throw new JaxTypeError("dynamic_update_slice update must have the same rank as operand, "
          + "got update shape " + u.shape() + " for operand shape " + x.shape() + ".");
    }
    if (x.rank() != starts.size()) {
      throw new JaxTypeError("dynamic_update_slice start_indices must have length equal to the "
          + "rank of operand, got indices " + avalList(starts) + " for operand shape " + x.shape()
          + ".");
    }
    for (int d = 0; d < x.rank(); d++) {
      if (u.shape().dim(d) > x.shape().dim(d)) {
        throw new JaxTypeError("dynamic_update_slice update shape must be smaller than operand "
            + "shape, got update shape " + u.shape() + " for operand shape " + x.shape() + ".");
      }
    }
    checkStartIndices("dynamic_update_slice", starts, "");
    LaxSupport.checkSameDtypes("dynamic_update_slice", List.of(x, u));
    return new ShapedArray(x.shape(), x.dtype(), LaxSupport.allWeak(avals));
  }

  static Array dynamicUpdateSliceImpl(List<Array> args) {
    ShapedArray out = dynamicUpdateSliceRule(LaxSupport.avals(args));
    Array x = args.get(0);
    Array u = args.get(1);
    int[] shape = x.aval().shape().dims();
    int[] ushape = u.aval().shape().dims();
    int[] start = clampedStarts(args.subList(2, args.size()), shape, ushape);
    HostBuffer to = x.host().copy();
    HostBuffer from = u.host();
    int[] strides = Layout.strides(shape);
    int n = Layout.size(ushape);
    int[] idx = new int[ushape.length];
    for (int i = 0; i < n; i++) {
      int dst = 0;
      for (int d = 0; d < shape.length; d++) {
        dst += (start[d] + idx[d]) * strides[d];
      }
      to.copyElement(from, i, dst);
      Layout.next(idx, ushape);
    }
    return Array.wrap(out, to);
  }

  static {
    Primitive.addRuleLoader(ShapingRules::register);
    Primitive.addRuleLoader(GatherRules::register);
  }
}
