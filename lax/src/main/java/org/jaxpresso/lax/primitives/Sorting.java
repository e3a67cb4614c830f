package org.jaxpresso.lax.primitives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.internal.reductions.Kernels;

/**
 * Sorting primitives: {@code sort} (variadic, keys first, lexicographic on the first
 * {@code num_keys} operands) and {@code top_k} (largest {@code k} values and their int32
 * indices along an axis).
 *
 * <p>The order is total: -0.0 equals 0.0, all NaNs are equal and come after +inf, unsigned
 * integers compare unsigned, False before True. The reference sort is always stable, which
 * is a valid result for {@code is_stable=False} too.
 */
public final class Sorting {
  private Sorting() {}

  /** {@code sort[dimension is_stable num_keys]}: operands of equal shape, each any dtype. */
  public static final Primitive SORT = Primitive.builder("sort")
      .family("reductions")
      .multipleResults()
      .abstractEval(Sorting::sortAvals)
      .impl((args, params) -> sort(args, params))
      .build();

  /** {@code top_k[axis is_stable k]}: values and int32 indices, largest first. */
  public static final Primitive TOP_K = Primitive.builder("top_k")
      .family("reductions")
      .multipleResults()
      .abstractEval((avals, params) -> topKAvals(avals.get(0), params))
      .impl((args, params) -> topK(args.get(0), params))
      .build();

  /**
   * The params of {@code sort}.
   *
   * @param dimension the dimension to sort along; negative counts from the end
   * @param isStable whether equal keys keep their input order
   * @param numKeys how many leading operands are sort keys
   * @return the params of {@code sort}
   */
  public static Params sortParams(int dimension, boolean isStable, int numKeys) {
    return Params.of("dimension", dimension, "is_stable", isStable, "num_keys", numKeys);
  }

  /**
   * The params of {@code top_k}.
   *
   * @param k how many of the largest values to keep
   * @param axis the axis to operate along; negative values count from the end
   * @param isStable whether equal keys keep their input order
   * @return the params of {@code top_k}
   */
  public static Params topKParams(int k, int axis, boolean isStable) {
    return Params.of("k", k, "axis", axis, "is_stable", isStable);
  }

  /**
   * JAX's {@code _sort_abstract_eval}: equal shapes ({@code Arguments to sort must have equal
   * shapes, got: (3,) (4,)}); the outputs are the operands' avals. Also checks what
   * {@code lax.sort} checks before binding: at least one operand, {@code 1 <= num_keys <=
   * len(operands)}, a dimension in range.
   */
  private static List<ShapedArray> sortAvals(List<ShapedArray> avals, Params params) {
    if (avals.isEmpty()) {
      throw new JaxTypeError("Sort requires at least one operand");
    }
    Shape s = avals.get(0).shape();
    for (ShapedArray a : avals) {
      if (!a.shape().equals(s)) {
        String shapes = avals.stream().map(x -> x.shape().toString())
            .collect(Collectors.joining(" "));
        throw new JaxTypeError("Arguments to sort must have equal shapes, got: " + shapes);
      }
    }
    int numKeys = params.getInt("num_keys");
    if (numKeys < 1 || numKeys > avals.size()) {
      throw new JaxValueError("num_keys=" + numKeys + " must be between 1 and len(operand)="
          + avals.size());
    }
    int dim = params.getInt("dimension");
    if (dim < 0 || dim >= s.rank()) {
      throw new JaxValueError(
          "axis " + dim + " is out of bounds for array of dimension " + s.rank());
    }
    return List.copyOf(avals);
  }

  private static List<Array> sort(List<Array> args, Params params) {
    sortAvals(args.stream().map(Array::aval).toList(), params);
    int dim = params.getInt("dimension");
    int numKeys = params.getInt("num_keys");
    int[] shape = args.get(0).aval().shape().dims();
    int outer = Kernels.product(shape, 0, dim);
    int n = shape[dim];
    int inner = Kernels.product(shape, dim + 1, shape.length);
    List<HostBuffer> ins = args.stream().map(Array::host).toList();
    List<HostBuffer> outs = new ArrayList<>();
    for (Array a : args) {
      outs.add(HostBuffer.allocate(a.dtype(), a.host().length()));
    }
    Integer[] perm = new Integer[n];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        int base = o * n * inner + j;
        for (int k = 0; k < n; k++) {
          perm[k] = k;
        }
        Comparator<Integer> cmp = (p, q) -> {
          for (int key = 0; key < numKeys; key++) {
            int c = Kernels.compareForSort(ins.get(key), base + p * inner, base + q * inner);
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
        Arrays.sort(perm, cmp); // stable (merge sort on objects)
        for (int t = 0; t < ins.size(); t++) {
          for (int k = 0; k < n; k++) {
            outs.get(t).copyElement(ins.get(t), base + perm[k] * inner, base + k * inner);
          }
        }
      }
    }
    List<Array> result = new ArrayList<>();
    for (int t = 0; t < args.size(); t++) {
      result.add(Array.wrap(args.get(t).aval(), outs.get(t)));
    }
    return result;
  }

  /**
   * JAX's {@code _top_k_abstract_eval}: {@code k} non-negative and at most the axis size,
   * rank at least 1, axis in range; outputs (operand dtype, int32) with {@code k} on the axis.
   */
  private static List<ShapedArray> topKAvals(ShapedArray x, Params params) {
    int k = params.getInt("k");
    int axis = params.getInt("axis");
    if (k < 0) {
      throw new JaxValueError("k argument to top_k must be nonnegative, got " + k);
    }
    if (x.rank() == 0) {
      throw new JaxTypeError("top_k operand must have >= 1 dimension, got " + x.shape());
    }
    if (axis < 0 || axis >= x.rank()) {
      throw new JaxValueError("axis argument out of range: axis=" + axis + " for operand.shape="
          + x.shape());
    }
    int[] dims = x.shape().dims();
    if (dims[axis] < k) {
      throw new JaxValueError("k argument to top_k must be no larger than size along axis; got k="
          + k + " with shape=" + listOf(dims) + " and axis=" + axis);
    }
    dims[axis] = k;
    Shape s = Shape.of(dims);
    return List.of(new ShapedArray(s, x.dtype(), x.weakType()),
        new ShapedArray(s, DType.INT32, x.weakType()));
  }

  private static String listOf(int[] dims) {
    return Arrays.stream(dims).mapToObj(String::valueOf)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static List<Array> topK(Array x, Params params) {
    List<ShapedArray> avals = topKAvals(x.aval(), params);
    int k = params.getInt("k");
    int axis = params.getInt("axis");
    int[] shape = x.aval().shape().dims();
    int outer = Kernels.product(shape, 0, axis);
    int n = shape[axis];
    int inner = Kernels.product(shape, axis + 1, shape.length);
    HostBuffer in = x.host();
    HostBuffer values = HostBuffer.allocate(x.dtype(), outer * k * inner);
    HostBuffer indices = HostBuffer.allocate(DType.INT32, outer * k * inner);
    Integer[] perm = new Integer[n];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        int base = o * n * inner + j;
        for (int t = 0; t < n; t++) {
          perm[t] = t;
        }
        Arrays.sort(perm, (p, q) -> Kernels.compareForSort(in, base + q * inner, base + p * inner));
        for (int t = 0; t < k; t++) {
          int dst = (o * k + t) * inner + j;
          values.copyElement(in, base + perm[t] * inner, dst);
          indices.setLong(dst, perm[t]);
        }
      }
    }
    return List.of(Array.wrap(avals.get(0), values), Array.wrap(avals.get(1), indices));
  }

  static {
    Primitive.addRuleLoader(SortingRules::register);
  }
}
