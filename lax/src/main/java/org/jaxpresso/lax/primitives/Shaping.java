package org.jaxpresso.lax.primitives;

import org.jaxpresso.lax.internal.DTypeSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
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
import org.jaxpresso.core.internal.PyFormat;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.internal.shaping.Layout;

/**
 * Shape-changing primitives that move elements without arithmetic: {@code broadcast_in_dim},
 * {@code reshape}, {@code transpose}, {@code squeeze}, {@code rev}, {@code concatenate},
 * {@code pad} and {@code iota}. Each is declared once with its shape/dtype rule (JAX's error
 * messages) and a reference implementation valid for every dtype.
 */
public final class Shaping {
  private Shaping() {}

  /** A one-operand rule: the output aval from the operand aval and the params. */
  @FunctionalInterface
  interface UnaryRule {
    ShapedArray apply(ShapedArray operand, Params params);
  }

  /** A one-operand kernel: for each output flat index, the operand flat index to copy. */
  @FunctionalInterface
  interface SourceMap {
    int[] apply(int[] operandShape, int[] outShape, Params params);
  }

  /**
   * {@code broadcast_in_dim[broadcast_dimensions shape sharding]}: operand dim {@code i} maps to
   * output dim {@code broadcast_dimensions[i]}; prints only a non-empty broadcast_dimensions.
   */
  public static final Primitive BROADCAST_IN_DIM = unary("broadcast_in_dim",
      Shaping::broadcastInDimRule, Shaping::broadcastInDimSource, p -> {
        int[] bd = p.ints("broadcast_dimensions");
        return bd.length == 0 ? Params.EMPTY : Params.of("broadcast_dimensions", bd);
      });

  /** {@code reshape[dimensions new_sizes sharding]}: row-major, after an optional transpose. */
  public static final Primitive RESHAPE = unary("reshape", Shaping::reshapeRule,
      Shaping::reshapeSource, null);

  /** {@code transpose[permutation]}: {@code out.shape[i] = in.shape[perm[i]]}. */
  public static final Primitive TRANSPOSE = unary("transpose", Shaping::transposeRule,
      (in, out, p) -> permuted(in, p.ints("permutation")), null);

  /** {@code squeeze[dimensions]}: removes the listed size-1 dimensions. */
  public static final Primitive SQUEEZE = unary("squeeze", Shaping::squeezeRule,
      (in, out, p) -> identity(Layout.size(out)), null);

  /** {@code rev[dimensions]}: reverses the listed dimensions. */
  public static final Primitive REV = unary("rev", Shaping::revRule, Shaping::revSource, null);

  /** {@code concatenate[dimension]}: joins one or more same-dtype operands along a dimension. */
  public static final Primitive CONCATENATE = Primitive.builder("concatenate")
      .family("shaping")
      .abstractEval((avals, p) -> List.of(concatenateRule(avals, p.getInt("dimension"))))
      .impl((args, p) -> List.of(concatenateImpl(args, p.getInt("dimension"))))
      .build();

  /** {@code pad[padding_config]}: args (operand, padding_value); per dim (lo, hi, interior). */
  public static final Primitive PAD = Primitive.builder("pad")
      .family("shaping")
      .abstractEval((avals, p) -> List.of(padRule(avals, p.intPairs("padding_config"))))
      .impl((args, p) -> List.of(padImpl(args, p.intPairs("padding_config"))))
      .build();

  /** {@code iota[dimension dtype shape sharding]}: no operands; values count along dimension. */
  public static final Primitive IOTA = Primitive.builder("iota")
      .family("shaping")
      .abstractEval((avals, p) -> List.of(iotaRule(p)))
      .impl((args, p) -> List.of(iotaImpl(iotaRule(p), p.getInt("dimension"))))
      .build();

  // ---- factory ----

  static Primitive unary(String name, UnaryRule rule, SourceMap source,
      UnaryOperator<Params> printed) {
    Primitive.Builder b = Primitive.builder(name)
        .family("shaping")
        .abstractEval((avals, p) -> {
          checkArity(name, avals.size(), 1);
          return List.of(rule.apply(avals.get(0), p));
        })
        .impl((args, p) -> {
          Array x = args.get(0);
          ShapedArray out = rule.apply(x.aval(), p);
          int[] src = source.apply(x.aval().shape().dims(), out.shape().dims(), p);
          return List.of(gatherElements(out, x, src));
        });
    if (printed != null) {
      b.printedParams(printed);
    }
    return b.build();
  }

  static void checkArity(String name, int got, int expected) {
    if (got != expected) {
      throw new JaxTypeError(name + " takes " + expected + " operand" + (expected == 1 ? "" : "s")
          + ", got " + got);
    }
  }

  /** A new array of aval {@code out} whose element {@code i} is element {@code src[i]} of x. */
  static Array gatherElements(ShapedArray out, Array x, int[] src) {
    HostBuffer from = x.host();
    HostBuffer to = HostBuffer.allocate(out.dtype(), src.length);
    for (int i = 0; i < src.length; i++) {
      to.copyElement(from, src[i], i);
    }
    return Array.wrap(out, to);
  }

  static int[] identity(int n) {
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = i;
    }
    return s;
  }

  static String tuple(int[] a) {
    return Shape.tupleString(a);
  }

  /** JAX's {@code _check_shapelike}: every element nonnegative. */
  static void checkShapelike(String fun, String arg, int[] obj) {
    for (int d : obj) {
      if (d < 0) {
        throw new JaxTypeError(fun + " " + arg + " must have every element be nonnegative, got "
            + tuple(obj) + ".");
      }
    }
  }

  // ---- broadcast_in_dim ----

  static ShapedArray broadcastInDimRule(ShapedArray x, Params p) {
    int[] shape = p.ints("shape");
    int[] bd = p.ints("broadcast_dimensions");
    checkShapelike("broadcast_in_dim", "shape", shape);
    checkShapelike("broadcast_in_dim", "broadcast_dimensions", bd);
    int ndim = x.rank();
    if (ndim != bd.length) {
      throw new JaxTypeError("broadcast_in_dim broadcast_dimensions must have length equal to "
          + "operand ndim; got broadcast_dimensions " + tuple(bd) + " for operand ndim " + ndim
          + ".");
    }
    if (shape.length < ndim) {
      throw new JaxTypeError("broadcast_in_dim target broadcast shape must have equal or higher"
          + " rank to the operand shape; got operand ndim " + ndim + " and target broadcast ndim "
          + shape.length + ".");
    }
    for (int d : bd) {
      if (d >= shape.length) {
        throw new JaxTypeError("broadcast_in_dim broadcast_dimensions must be a subset of output"
            + " dimensions, got " + tuple(bd) + " for operand ndim " + ndim + " and shape "
            + tuple(shape) + ".");
      }
    }
    for (int i = 0; i < ndim; i++) {
      int n = x.shape().dim(i);
      if (n != 1 && n != shape[bd[i]]) {
        throw new JaxTypeError("broadcast_in_dim operand dimension sizes must either be 1, or be"
            + " equal to their corresponding dimensions in the target broadcast shape; got"
            + " operand of shape " + x.shape() + ", target broadcast shape " + tuple(shape)
            + ", broadcast_dimensions " + tuple(bd) + " ");
      }
    }
    for (int i = 1; i < bd.length; i++) {
      if (bd[i] <= bd[i - 1]) {
        throw new JaxTypeError("broadcast_in_dim broadcast_dimensions must be strictly"
            + " increasing; got broadcast_dimensions " + tuple(bd));
      }
    }
    return new ShapedArray(Shape.of(shape), x.dtype(), x.weakType());
  }

  static int[] broadcastInDimSource(int[] in, int[] out, Params p) {
    int[] bd = p.ints("broadcast_dimensions");
    int[] inStrides = Layout.strides(in);
    int[] outStride = new int[out.length];
    for (int i = 0; i < in.length; i++) {
      outStride[bd[i]] = in[i] == 1 ? 0 : inStrides[i];
    }
    return walk(out, outStride);
  }

  /** For each output index (row-major), the dot product of its multi-index with strides. */
  static int[] walk(int[] outShape, int[] strides) {
    int n = Layout.size(outShape);
    int[] src = new int[n];
    if (n == 0) {
      return src;
    }
    int[] idx = new int[outShape.length];
    for (int i = 0; i < n; i++) {
      int s = 0;
      for (int d = 0; d < idx.length; d++) {
        s += idx[d] * strides[d];
      }
      src[i] = s;
      Layout.next(idx, outShape);
    }
    return src;
  }

  // ---- reshape ----

  static ShapedArray reshapeRule(ShapedArray x, Params p) {
    int[] newSizes = p.ints("new_sizes");
    int[] dims = p.ints("dimensions");
    for (int d : newSizes) {
      if (d < 0) {
        throw new JaxTypeError("reshape new_sizes must all be positive, got " + tuple(newSizes)
            + ".");
      }
    }
    long newSize = Shape.of(newSizes).size();
    if (newSize != x.size()) {
      // JAX 0.11 leaves this to XLA's verifier; earlier versions raised this message.
      throw new JaxTypeError("reshape total size must be unchanged, got new_sizes "
          + tuple(newSizes) + " for shape " + x.shape() + ".");
    }
    if (dims != null && !isPermutation(dims, x.rank())) {
      throw new JaxTypeError("reshape dimensions must be a permutation of operand dimensions, "
          + "got dimensions " + tuple(dims) + " for shape " + x.shape() + ".");
    }
    return new ShapedArray(Shape.of(newSizes), x.dtype(), x.weakType());
  }

  static int[] reshapeSource(int[] in, int[] out, Params p) {
    int[] dims = p.ints("dimensions");
    return dims == null ? identity(Layout.size(out)) : permuted(in, dims);
  }

  static boolean isPermutation(int[] perm, int rank) {
    if (perm.length != rank) {
      return false;
    }
    boolean[] seen = new boolean[rank];
    for (int d : perm) {
      if (d < 0 || d >= rank || seen[d]) {
        return false;
      }
      seen[d] = true;
    }
    return true;
  }

  /** Sources of the transpose of an array of shape {@code in} by {@code perm}. */
  static int[] permuted(int[] in, int[] perm) {
    int[] inStrides = Layout.strides(in);
    int[] outShape = new int[perm.length];
    int[] strides = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      outShape[i] = in[perm[i]];
      strides[i] = inStrides[perm[i]];
    }
    return walk(outShape, strides);
  }

  // ---- transpose ----

  static ShapedArray transposeRule(ShapedArray x, Params p) {
    int[] perm = p.ints("permutation");
    if (!isPermutation(perm, x.rank())) {
      throw new JaxTypeError("transpose permutation isn't a permutation of operand dimensions, "
          + "got permutation " + tuple(perm) + " for operand shape " + x.shape() + ".");
    }
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      out[i] = x.shape().dim(perm[i]);
    }
    return new ShapedArray(Shape.of(out), x.dtype(), x.weakType());
  }

  // ---- squeeze ----

  static ShapedArray squeezeRule(ShapedArray x, Params p) {
    int[] dims = p.ints("dimensions");
    int[] shape = x.shape().dims();
    Set<Integer> set = Arrays.stream(dims).boxed().collect(Collectors.toSet());
    if (set.size() != dims.length) {
      throw new JaxValueError("dimensions are not unique: " + tuple(dims));
    }
    for (int d : dims) {
      if (d < 0 || d >= shape.length) {
        throw new JaxValueError("dimensions outside range [0, ndim): " + tuple(dims));
      }
    }
    for (int d : dims) {
      if (shape[d] != 1) {
        throw new JaxValueError("cannot select an axis to squeeze out which has size not equal"
            + " to one, got shape=" + x.shape() + " and dimensions=" + tuple(dims));
      }
    }
    int[] out = new int[shape.length - dims.length];
    int k = 0;
    for (int i = 0; i < shape.length; i++) {
      if (!set.contains(i)) {
        out[k++] = shape[i];
      }
    }
    return new ShapedArray(Shape.of(out), x.dtype(), x.weakType());
  }

  // ---- rev ----

  static ShapedArray revRule(ShapedArray x, Params p) {
    int[] dims = p.ints("dimensions");
    checkShapelike("rev", "dimensions", dims);
    if (new HashSet<>(Arrays.stream(dims).boxed().toList()).size() != dims.length) {
      throw new JaxTypeError("rev dimensions must be unique, got " + tuple(dims) + ".");
    }
    int max = Arrays.stream(dims).max().orElse(-1);
    if (dims.length > 0 && max >= x.rank()) {
      throw new JaxTypeError("rev dimensions must all be less than operand ndim, got dimension "
          + max + " for operand ndim " + x.rank() + ".");
    }
    return x;
  }

  static int[] revSource(int[] in, int[] out, Params p) {
    int[] dims = p.ints("dimensions");
    int n = Layout.size(in);
    int[] src = new int[n];
    if (n == 0) {
      return src;
    }
    int[] strides = Layout.strides(in);
    int[] idx = new int[in.length];
    for (int i = 0; i < n; i++) {
      int s = 0;
      for (int d = 0; d < in.length; d++) {
        int c = Layout.contains(dims, d) ? in[d] - 1 - idx[d] : idx[d];
        s += c * strides[d];
      }
      src[i] = s;
      Layout.next(idx, in);
    }
    return src;
  }

  // ---- concatenate ----

  static ShapedArray concatenateRule(List<ShapedArray> avals, int dimension) {
    if (avals.isEmpty()) {
      throw new JaxTypeError("concatenate expects at least one operand, got 0.");
    }
    String shapes = avals.stream().map(a -> a.shape().toString())
        .collect(Collectors.joining(", "));
    if (avals.stream().map(ShapedArray::rank).distinct().count() != 1) {
      throw new JaxTypeError("Cannot concatenate arrays with different numbers of dimensions: "
          + "got " + shapes + ".");
    }
    int rank = avals.get(0).rank();
    if (dimension < 0 || dimension >= rank) {
      throw new JaxTypeError("concatenate dimension out of bounds: dimension " + dimension
          + " for shapes " + shapes + ".");
    }
    int[] first = avals.get(0).shape().dims();
    int total = 0;
    for (ShapedArray a : avals) {
      int[] s = a.shape().dims();
      for (int d = 0; d < rank; d++) {
        if (d != dimension && s[d] != first[d]) {
          throw new JaxTypeError("Cannot concatenate arrays with shapes that differ in dimensions"
              + " other than the one being concatenated: concatenating along dimension "
              + dimension + " for shapes " + shapes + ".");
        }
      }
      total += s[dimension];
    }
    LaxSupport.checkSameDtypes("concatenate", avals);
    int[] out = first.clone();
    out[dimension] = total;
    return new ShapedArray(Shape.of(out), avals.get(0).dtype(), LaxSupport.allWeak(avals));
  }

  static Array concatenateImpl(List<Array> args, int dimension) {
    ShapedArray out = concatenateRule(LaxSupport.avals(args), dimension);
    int[] outShape = out.shape().dims();
    int[] outStrides = Layout.strides(outShape);
    HostBuffer to = HostBuffer.allocate(out.dtype(), Math.toIntExact(out.size()));
    int offset = 0;
    for (Array a : args) {
      int[] s = a.aval().shape().dims();
      int n = Layout.size(s);
      int[] idx = new int[s.length];
      HostBuffer from = a.host();
      for (int i = 0; i < n; i++) {
        int dst = 0;
        for (int d = 0; d < s.length; d++) {
          dst += (idx[d] + (d == dimension ? offset : 0)) * outStrides[d];
        }
        to.copyElement(from, i, dst);
        Layout.next(idx, s);
      }
      offset += s[dimension];
    }
    return Array.wrap(out, to);
  }

  // ---- pad ----

  static String configString(int[][] config) {
    return PyFormat.str(config);
  }

  static ShapedArray padRule(List<ShapedArray> avals, int[][] config) {
    checkArity("pad", avals.size(), 2);
    ShapedArray x = avals.get(0);
    ShapedArray v = avals.get(1);
    if (v.rank() != 0) {
      throw new JaxValueError("padding_value must be a scalar; got np.shape(padding_value)="
          + v.shape());
    }
    if (config.length != x.rank()) {
      throw new JaxValueError("length of padding_config must equal the number of axes of "
          + "operand, got padding_config " + configString(config) + " for operand shape "
          + x.shape());
    }
    int[] out = new int[x.rank()];
    for (int d = 0; d < config.length; d++) {
      if (config[d].length != 3) {
        throw new JaxValueError("padding_config entries must be (lo, hi, interior) triples, got "
            + configString(config));
      }
      if (config[d][2] < 0) {
        throw new JaxValueError("interior padding in padding_config must be nonnegative, got "
            + "padding_config " + configString(config));
      }
    }
    boolean ok = true;
    for (int d = 0; d < config.length; d++) {
      int n = x.shape().dim(d);
      long dilated = n == 0 ? 0 : (long) (n - 1) * (config[d][2] + 1) + 1;
      long size = config[d][0] + config[d][1] + dilated;
      out[d] = (int) size;
      ok &= size >= 0;
    }
    if (!ok) {
      throw new JaxValueError("Dimension size after padding is not at least 0, got result shape "
          + tuple(out) + ", for padding_config " + configString(config) + " and operand shape "
          + x.shape());
    }
    if (x.dtype() != v.dtype()) {
      throw new JaxTypeError("pad operand and padding_value must be same dtype: got "
          + x.dtype() + " and " + v.dtype() + ".");
    }
    return new ShapedArray(Shape.of(out), x.dtype(), LaxSupport.allWeak(avals));
  }

  static Array padImpl(List<Array> args, int[][] config) {
    ShapedArray out = padRule(LaxSupport.avals(args), config);
    Array x = args.get(0);
    int[] outShape = out.shape().dims();
    int[] outStrides = Layout.strides(outShape);
    int total = Math.toIntExact(out.size());
    HostBuffer to = HostBuffer.allocate(out.dtype(), total);
    HostBuffer fill = args.get(1).host();
    for (int i = 0; i < total; i++) {
      to.copyElement(fill, 0, i);
    }
    int[] s = x.aval().shape().dims();
    int n = Layout.size(s);
    int[] idx = new int[s.length];
    HostBuffer from = x.host();
    for (int i = 0; i < n; i++) {
      int dst = 0;
      boolean inside = true;
      for (int d = 0; d < s.length && inside; d++) {
        long c = config[d][0] + (long) idx[d] * (config[d][2] + 1);
        inside = c >= 0 && c < outShape[d];
        dst += (int) c * outStrides[d];
      }
      if (inside) {
        to.copyElement(from, i, dst);
      }
      Layout.next(idx, s);
    }
    return Array.wrap(out, to);
  }

  // ---- iota ----

  static ShapedArray iotaRule(Params p) {
    DType dtype = p.dtype("dtype");
    int[] shape = p.ints("shape");
    int dimension = p.getInt("dimension");
    checkShapelike("iota", "shape", shape);
    DTypeSet.NUM.check("iota", new ShapedArray(Shape.SCALAR, dtype, false));
    if (dimension < 0 || dimension >= shape.length) {
      throw new JaxValueError("iota dimension must be between 0 and len(shape), got dimension="
          + dimension + " for shape=" + tuple(shape));
    }
    return new ShapedArray(Shape.of(shape), dtype, false);
  }

  static Array iotaImpl(ShapedArray out, int dimension) {
    int[] shape = out.shape().dims();
    int n = Layout.size(shape);
    HostBuffer to = HostBuffer.allocate(out.dtype(), n);
    int[] idx = new int[shape.length];
    for (int i = 0; i < n; i++) {
      to.setLong(i, idx[dimension]);
      Layout.next(idx, shape);
    }
    return Array.wrap(out, to);
  }

  static {
    Primitive.addRuleLoader(ShapingRules::register);
  }
}
