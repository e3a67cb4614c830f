package org.jaxpresso.lax.primitives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.ad.LinearOps;
import org.jaxpresso.lax.Lax;

/**
 * Helpers shared by the families' differentiation and batching rules (JAX's {@code defjvp},
 * {@code deflinear}, {@code _unbroadcast}, {@code defvectorized}, {@code defbroadcasting}), and
 * the {@link LinearOps} that core's machinery uses, installed when any family loads.
 */
final class RuleSupport {
  private RuleSupport() {}

  static final int NM = Primitive.NOT_MAPPED;

  static {
    LinearOps.install(new LinearOps() {
      @Override
      public NDArray zeros(ShapedArray aval) {
        return RuleSupport.zeros(aval);
      }

      @Override
      public NDArray add(NDArray x, NDArray y) {
        return Lax.add(x, y);
      }

      @Override
      public NDArray moveAxis(NDArray x, int from, int to) {
        return RuleSupport.moveAxis(x, from, to);
      }

      @Override
      public NDArray broadcastAxis(NDArray x, int size, int axis) {
        return RuleSupport.broadcastAxis(x, size, axis);
      }
    });
  }

  /** Makes sure the {@link LinearOps} are installed (called by every family's rules). */
  static void ensureInstalled() {}

  /** A 0-d constant {@code v} of {@code like}'s dtype and weak type (JAX's {@code _const}). */
  static Array c(NDArray like, double v) {
    Array a = Array.scalar(v, like.aval().dtype());
    return like.aval().weakType() ? Array.wrap(a.aval().withWeakType(true), a.host()) : a;
  }

  /**
   * {@code x} converted to {@code dtype} with weak type {@code weak}, as JAX's internal
   * {@code _convert_element_type}: unlike {@code Lax.convertElementType} the dtype is not
   * canonicalized, so a rule on a float64 array made directly with x64 off stays float64.
   */
  static NDArray convert(NDArray x, DType dtype, boolean weak) {
    boolean w = weak && dtype != DType.BOOL;
    if (x.aval().dtype() == dtype && x.aval().weakType() == w) {
      return x;
    }
    return Conversions.CONVERT_ELEMENT_TYPE.bind1(
        Params.of("new_dtype", dtype, "sharding", null, "weak_type", w), x);
  }

  /** {@code x} converted to {@code dtype}, strongly typed (not canonicalized either). */
  static NDArray convert(NDArray x, DType dtype) {
    if (x.aval().dtype() == dtype && !x.aval().weakType()) {
      return x;
    }
    return convert(x, dtype, false);
  }

  /** Zeros of {@code aval}. */
  static NDArray zeros(ShapedArray aval) {
    Array z = Array.scalar(0, aval.dtype());
    if (aval.weakType()) {
      z = Array.wrap(z.aval().withWeakType(true), z.host());
    }
    return aval.rank() == 0 ? z : Lax.broadcastInDim(z, aval.shape().dims(), new int[0]);
  }

  /** {@code t} broadcast to {@code shape} (t is 0-d, or of equal rank with size-1 dims). */
  static NDArray bcast(NDArray t, Shape shape) {
    if (t.aval().shape().equals(shape)) {
      return t;
    }
    int r = t.aval().rank();
    return Lax.broadcastInDim(t, shape.dims(), r == 0 ? new int[0] : range(0, r));
  }

  /** Sums {@code ct} down to {@code aval}'s shape (JAX's {@code _unbroadcast}). */
  static NDArray unbroadcast(NDArray ct, ShapedArray aval) {
    Shape s = aval.shape();
    if (ct.aval().shape().equals(s)) {
      return ct;
    }
    if (aval.rank() == 0) {
      return Lax.reduceSum(ct, range(0, ct.aval().rank()));
    }
    List<Integer> dims = new ArrayList<>();
    for (int d = 0; d < s.rank(); d++) {
      if (s.dim(d) == 1 && ct.aval().shape().dim(d) != 1) {
        dims.add(d);
      }
    }
    NDArray summed = Lax.reduceSum(ct, dims.stream().mapToInt(Integer::intValue).toArray());
    return Lax.reshape(summed, s.dims());
  }

  /** {@code a + b} where null is a symbolic zero. */
  static NDArray addT(NDArray a, NDArray b) {
    return a == null ? b : b == null ? a : Lax.add(a, b);
  }

  /** {@code [lo, hi)}. */
  static int[] range(int lo, int hi) {
    int[] r = new int[Math.max(0, hi - lo)];
    for (int i = 0; i < r.length; i++) {
      r[i] = lo + i;
    }
    return r;
  }

  /** Each entry plus {@code k}. */
  static int[] shift(int[] a, int k) {
    int[] r = a.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] += k;
    }
    return r;
  }

  /** {@code first} followed by {@code rest}. */
  static int[] prepend(int first, int[] rest) {
    int[] r = new int[rest.length + 1];
    r[0] = first;
    System.arraycopy(rest, 0, r, 1, rest.length);
    return r;
  }

  /** {@code x} with dimension {@code from} moved to {@code to}. */
  static NDArray moveAxis(NDArray x, int from, int to) {
    if (from == to) {
      return x;
    }
    int r = x.aval().rank();
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      if (i != from) {
        perm.add(i);
      }
    }
    perm.add(to, from);
    return Lax.transpose(x, perm.stream().mapToInt(Integer::intValue).toArray());
  }

  /** {@code x} with a new dimension of {@code size} at {@code axis}. */
  static NDArray broadcastAxis(NDArray x, int size, int axis) {
    int[] s = x.aval().shape().dims();
    int[] out = new int[s.length + 1];
    int[] dims = new int[s.length];
    for (int i = 0, k = 0; i < out.length; i++) {
      if (i == axis) {
        out[i] = size;
      } else {
        dims[k] = i;
        out[i] = s[k++];
      }
    }
    return Lax.broadcastInDim(x, out, dims);
  }

  /** {@code x} with its batch dimension first (broadcast to {@code size} if not mapped). */
  static NDArray batchFirst(NDArray x, int dim, int size) {
    return dim == NM ? broadcastAxis(x, size, 0) : moveAxis(x, dim, 0);
  }

  /** The batch size from the first mapped argument. */
  static int batchSize(List<NDArray> vals, int[] dims) {
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] != NM) {
        return vals.get(i).aval().shape().dim(dims[i]);
      }
    }
    throw new IllegalStateException("no batched argument");
  }

  /** A one-input primitive that maps elementwise: the batch dimension stays where it is. */
  static Primitive.BatchRule vectorized(Primitive p) {
    return (vals, dims, params) -> new Primitive.BatchResult(p.bind(vals, params),
        filled(p.multipleResults() ? p.abstractEval(avals(vals), params).size() : 1, dims[0]));
  }

  private static int[] filled(int n, int v) {
    int[] r = new int[n];
    Arrays.fill(r, v);
    return r;
  }

  private static List<ShapedArray> avals(List<NDArray> vals) {
    List<ShapedArray> r = new ArrayList<>();
    for (NDArray v : vals) {
      r.add(v.aval());
    }
    return r;
  }

  /**
   * An n-ary elementwise primitive with lax's broadcasting (rank-0 operands and size-1
   * dimensions): batched operands get their batch dimension first, unbatched ones of full rank
   * a leading size-1 dimension, 0-d batched ones trailing size-1 dimensions.
   */
  static Primitive.BatchRule broadcasting(Primitive p) {
    return (vals, dims, params) -> {
      int rank = 0;
      for (int i = 0; i < vals.size(); i++) {
        rank = Math.max(rank, vals.get(i).aval().rank() - (dims[i] == NM ? 0 : 1));
      }
      List<NDArray> args = new ArrayList<>();
      for (int i = 0; i < vals.size(); i++) {
        NDArray v = vals.get(i);
        int r = v.aval().rank();
        if (dims[i] == NM) {
          args.add(r == 0 ? v : Lax.broadcastInDim(v, prepend(1, v.aval().shape().dims()),
              range(1, r + 1)));
        } else {
          NDArray m = moveAxis(v, dims[i], 0);
          if (r - 1 < rank) {
            int[] shape = new int[rank + 1];
            Arrays.fill(shape, 1);
            shape[0] = m.aval().shape().dim(0);
            m = Lax.broadcastInDim(m, shape, new int[] {0});
          }
          args.add(m);
        }
      }
      return new Primitive.BatchResult(p.bind(args, params), new int[] {0});
    };
  }

  /**
   * Like {@link #broadcasting} for primitives that need operands of exactly equal shapes
   * besides 0-d ones ({@code select_n}, {@code clamp}): every batched operand, and every
   * unbatched one of positive rank, is broadcast to the full batched shape.
   */
  static Primitive.BatchRule fullBroadcasting(Primitive p) {
    return (vals, dims, params) -> {
      int size = batchSize(vals, dims);
      Shape out = Shape.SCALAR;
      for (int i = 0; i < vals.size(); i++) {
        int r = vals.get(i).aval().rank() - (dims[i] == NM ? 0 : 1);
        if (r > out.rank()) {
          out = dims[i] == NM ? vals.get(i).aval().shape()
              : Shape.of(removeAt(vals.get(i).aval().shape().dims(), dims[i]));
        }
      }
      int[] full = prepend(size, out.dims());
      List<NDArray> args = new ArrayList<>();
      for (int i = 0; i < vals.size(); i++) {
        NDArray v = vals.get(i);
        int r = v.aval().rank();
        if (dims[i] == NM) {
          args.add(r == 0 ? v : Lax.broadcastInDim(v, full, range(1, r + 1)));
        } else {
          NDArray m = moveAxis(v, dims[i], 0);
          args.add(r - 1 == out.rank() ? m : Lax.broadcastInDim(m, full, new int[] {0}));
        }
      }
      return new Primitive.BatchResult(p.bind(args, params), new int[] {0});
    };
  }

  /** {@code a} without entry {@code i}. */
  static int[] removeAt(int[] a, int i) {
    int[] r = new int[a.length - 1];
    for (int k = 0, j = 0; k < a.length; k++) {
      if (k != i) {
        r[j++] = a[k];
      }
    }
    return r;
  }

  /** Binds {@code p} on the primals; the tangent is a symbolic zero (JAX's defjvp_zero). */
  static Primitive.JvpRule zeroJvp(Primitive p) {
    return (primals, tangents, params) -> {
      List<NDArray> out = p.bind(primals, params);
      return new Primitive.JvpResult(out, Arrays.asList(new NDArray[out.size()]));
    };
  }

  /** A primitive linear in all its inputs: the tangent is the primitive of the tangents. */
  static Primitive.JvpRule linearJvp(Primitive p) {
    return (primals, tangents, params) -> {
      List<NDArray> ts = new ArrayList<>();
      for (int i = 0; i < primals.size(); i++) {
        NDArray t = tangents.get(i);
        ts.add(t != null ? t : zeros(primals.get(i).aval()));
      }
      return new Primitive.JvpResult(p.bind(primals, params), p.bind(ts, params));
    };
  }

  /** The contribution of one input's tangent to a single-output primitive's tangent. */
  @FunctionalInterface
  interface Partial {
    NDArray apply(NDArray t, List<NDArray> primals, NDArray out, Params params);
  }

  /**
   * JAX's {@code defjvp}/{@code defjvp2}: the tangent is the sum of each non-zero input
   * tangent's contribution, broadcast to the output's shape; null partials mark inputs that do
   * not contribute.
   */
  static Primitive.JvpRule jvp(Primitive p, Partial... partials) {
    return (primals, tangents, params) -> {
      NDArray out = p.bind(primals, params).get(0);
      NDArray total = null;
      for (int i = 0; i < partials.length; i++) {
        NDArray t = tangents.get(i);
        if (t != null && partials[i] != null) {
          NDArray contrib = partials[i].apply(t, primals, out, params);
          total = addT(total, bcast(contrib, out.aval().shape()));
        }
      }
      if (total != null && total.aval().dtype() != out.aval().dtype()) {
        total = convert(total, out.aval().dtype());
      }
      return Primitive.JvpResult.of(out, total);
    };
  }

  /**
   * A batching rule for primitives without a vectorized one: the primitive is applied to each
   * element of the batch and the results are stacked along a new leading dimension. Correct for
   * any primitive (the batch size is static), but it binds the primitive once per element.
   */
  static Primitive.BatchRule unrolled(Primitive p) {
    return (vals, dims, q) -> {
      int size = batchSize(vals, dims);
      List<List<NDArray>> results = new ArrayList<>();
      for (int k = 0; k < size; k++) {
        List<NDArray> args = new ArrayList<>();
        for (int i = 0; i < vals.size(); i++) {
          NDArray v = vals.get(i);
          args.add(dims[i] == NM ? v
              : Lax.squeeze(Lax.sliceInDim(v, k, k + 1, 1, dims[i]), dims[i]));
        }
        results.add(p.bind(args, q));
      }
      if (size == 0) {
        List<ShapedArray> in = new ArrayList<>();
        for (int i = 0; i < vals.size(); i++) {
          ShapedArray a = vals.get(i).aval();
          in.add(dims[i] == NM ? a
              : a.withShape(Shape.of(removeAt(a.shape().dims(), dims[i]))));
        }
        List<NDArray> outs = new ArrayList<>();
        for (ShapedArray o : p.abstractEval(in, q)) {
          outs.add(zeros(o.withShape(Shape.of(prepend(0, o.shape().dims())))));
        }
        return new Primitive.BatchResult(outs, new int[outs.size()]);
      }
      List<NDArray> outs = new ArrayList<>();
      for (int r = 0; r < results.get(0).size(); r++) {
        List<NDArray> parts = new ArrayList<>();
        for (List<NDArray> res : results) {
          parts.add(Lax.expandDims(res.get(r), 0));
        }
        outs.add(Lax.concatenate(parts, 0));
      }
      return new Primitive.BatchResult(outs, new int[outs.size()]);
    };
  }

  /** The same dtype check JAX's float0 handling implies: only floats carry tangents. */
  static boolean differentiable(DType d) {
    return d.isFloating();
  }
}
