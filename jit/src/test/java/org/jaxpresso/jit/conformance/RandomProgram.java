package org.jaxpresso.jit.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;

/**
 * A random small lax program for differential testing, generated from a seed: 1-3 inputs of
 * random dtypes (floats of all widths, signed and unsigned ints, bool) and shapes (rank 0-3,
 * sizes 0-5, 17 and 33, one in eight programs of rank 1-2 with a dimension of 64, 130 or 257;
 * some inputs with dimensions of size 1 brought up with {@code broadcast_in_dim}), then 3-12
 * random ops: elementwise unary and binary ops by dtype, comparisons, {@code select_n}, {@code clamp}, {@code convert_element_type}, reductions (sum,
 * product, max, min, and/or/xor, argmax/argmin) over random axes, kept or broadcast back,
 * slices, pads, reshapes, transposes, reversals, concatenations, {@code cumsum}, and updates
 * of intermediates ({@code dynamic_update_slice}, {@code scatter-add}) that a buffer plan may
 * perform in place.
 *
 * <p>Half the programs keep a single dtype (no comparisons, selects or conversions) so that
 * whole kernels are in one dtype, which code generators take first.
 *
 * <p>Each value records whether every backend must compute it bit-exactly (it depends only on
 * IEEE-exact ops: everything but transcendentals and float sums and products, which backends
 * may compute within a few ulps or reassociate) and a static bound on the magnitudes it was
 * computed from. Discontinuous ops (comparisons, rounding, conversions to integers, {@code
 * rem}, arg-reductions, square roots) only ever consume exact values, and inexact values only
 * flow through Lipschitz-continuous ops with bounded magnitudes, so an inexact output's error
 * is at most a small multiple of its dtype's epsilon times its bound: see {@link
 * #tolerance(DType)}.
 *
 * @param seed the seed
 * @param program the program
 * @param args its arguments
 * @param outputs what each output's comparison allows
 */
public record RandomProgram(long seed, ClosedJaxpr program, List<Array> args,
    List<Output> outputs) {

  /**
   * How an output is compared.
   *
   * @param exact whether it must be bit-exact
   * @param bound the magnitude its error is relative to (for inexact outputs)
   */
  public record Output(boolean exact, double bound) {}

  /** The dtypes of inputs. */
  static final List<DType> DTYPES = List.of(DType.FLOAT32, DType.FLOAT32, DType.FLOAT64,
      DType.FLOAT16, DType.BFLOAT16, DType.INT32, DType.INT32, DType.INT8, DType.UINT8,
      DType.UINT32, DType.INT16, DType.BOOL, DType.BOOL);
  /** The dtypes conversions target (canonical ones: x64 is off). */
  static final List<DType> TARGETS = List.of(DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16,
      DType.INT32, DType.INT8, DType.UINT8, DType.UINT32, DType.BOOL);
  private static final int[] SIZES = {0, 1, 1, 2, 3, 3, 4, 5, 5, 17, 33};
  private static final int[] LARGE_SIZES = {64, 130, 257};
  private static final double MAX_BOUND = 64;

  /**
   * The relative tolerance of inexact outputs of {@code d}: the error allowed is this times
   * {@code max(1, |want|, bound)}. float64 1e-10, float32 1e-4 (a few ulps per op over chains
   * of up to twelve ops with reassociated sums of up to 33 terms), float16 1e-2 and bfloat16
   * 6e-2 (about ten ulps).
   *
   * @param d the output's dtype
   * @return the relative tolerance
   */
  public static double tolerance(DType d) {
    return switch (d) {
      case FLOAT64 -> 1e-10;
      case FLOAT32 -> 1e-4;
      case FLOAT16 -> 1e-2;
      default -> 6e-2;
    };
  }

  /** A value of the program under construction. */
  private record V(NDArray x, boolean exact, double bound) {
    DType dtype() {
      return x.dtype();
    }

    int[] shape() {
      return x.shape();
    }
  }

  /**
   * The program of {@code seed}.
   *
   * @param seed the seed
   * @return the program, its arguments and output tolerances
   */
  public static RandomProgram generate(long seed) {
    Random r = new Random(seed * 0x5DEECE66DL + 11);
    int rank = r.nextInt(4);
    int[] shape = new int[rank];
    for (int d = 0; d < rank; d++) {
      shape[d] = SIZES[r.nextInt(SIZES.length)];
    }
    if (rank > 0 && rank < 3 && r.nextInt(8) == 0) {
      // Now and then a dimension spanning several vector registers and loop iterations.
      shape[r.nextInt(rank)] = LARGE_SIZES[r.nextInt(LARGE_SIZES.length)];
    }
    int nIn = 1 + r.nextInt(3);
    // Half the programs keep one dtype throughout (no compares, selects or conversions), so
    // that whole kernels stay in one dtype, which is what code generators take first.
    boolean mono = r.nextBoolean();
    DType monoType = DTYPES.get(r.nextInt(DTYPES.size()));
    List<Array> args = new ArrayList<>();
    for (int i = 0; i < nIn; i++) {
      DType d = mono ? monoType : DTYPES.get(r.nextInt(DTYPES.size()));
      int[] s = shape.clone();
      if (r.nextBoolean()) {
        for (int k = 0; k < s.length; k++) {
          s[k] = r.nextInt(3) == 0 ? 1 : s[k];
        }
      }
      args.add(input(d, s, r));
    }
    long opsSeed = r.nextLong();
    List<Output> outs = new ArrayList<>();
    ClosedJaxpr p = Jax.makeJaxpr((List<NDArray> xs) -> {
      outs.clear();
      return new Builder(new Random(opsSeed), shape, mono).build(xs, outs);
    }).apply(new ArrayList<NDArray>(args));
    return new RandomProgram(seed, p, List.copyOf(args), List.copyOf(outs));
  }

  private static Array input(DType d, int[] s, Random r) {
    int n = 1;
    for (int x : s) {
      n *= x;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = switch (d.kind()) {
        case BOOL -> r.nextInt(2);
        case FLOAT -> (r.nextInt(385) - 192) / 64.0;
        default -> r.nextInt(8) == 0 ? r.nextInt() : r.nextInt(21) - (d.isUnsigned() ? 0 : 10);
      };
    }
    return d.isFloating() ? Array.fromDoubles(d, v, s) : Array.fromLongs(d,
        Arrays.stream(v).mapToLong(x -> (long) x).toArray(), s);
  }

  /** The generator of one program's body. */
  private static final class Builder {
    private final Random r;
    private final int[] shape;
    private final boolean mono;
    private final List<V> pool = new ArrayList<>();

    Builder(Random r, int[] shape, boolean mono) {
      this.r = r;
      this.shape = shape;
      this.mono = mono;
    }

    List<NDArray> build(List<NDArray> xs, List<Output> outs) {
      for (NDArray x : xs) {
        double bound = x.dtype().isFloating() ? 3 : x.dtype().isBool() ? 1 : 1e10;
        pool.add(new V(Arrays.equals(x.shape(), shape) ? x : bcast(x, shape), true, bound));
      }
      int steps = 3 + r.nextInt(10);
      for (int s = 0; s < steps; s++) {
        V v;
        try {
          v = step(pool.get(r.nextInt(pool.size())));
        } catch (JaxTypeError | JaxValueError rejected) {
          // An op the dtype does not support (abs of unsigned ints, shifts of bools...).
          v = null;
        }
        if (v != null) {
          pool.add(v);
        }
      }
      List<NDArray> out = new ArrayList<>();
      List<V> chosen = new ArrayList<>(List.of(pool.get(pool.size() - 1)));
      for (int k = r.nextInt(3); k > 0; k--) {
        chosen.add(pool.get(r.nextInt(pool.size())));
      }
      for (V v : chosen) {
        out.add(v.x());
        outs.add(new Output(v.exact(), v.bound()));
      }
      return out;
    }

    private static NDArray bcast(NDArray x, int[] to) {
      int[] dims = new int[x.shape().length];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = to.length - dims.length + i;
      }
      return Lax.broadcastInDim(x, to, dims);
    }

    /** Another value of {@code a}'s shape and dtype: from the pool, converted or broadcast. */
    private V partner(V a) {
      List<V> same = new ArrayList<>();
      for (V v : pool) {
        if (Arrays.equals(v.shape(), a.shape())) {
          same.add(v);
        }
      }
      V b = same.get(r.nextInt(same.size()));
      if (b.dtype() != a.dtype()) {
        b = convert(b, a.dtype());
      }
      return b;
    }

    private V convert(V b, DType to) {
      NDArray x = b.x();
      if (b.dtype().isFloating() && !to.isFloating() && !to.isBool()) {
        if (!b.exact()) {
          return null;
        }
        double lim = to.isUnsigned() ? 200 : 100;
        x = Lax.clamp(Array.scalar(to.isUnsigned() ? 0.0 : -lim, b.dtype()), x,
            Array.scalar(lim, b.dtype()));
      }
      if (!b.exact() && (to.isBool() || !to.isFloating())) {
        return null;
      }
      NDArray y = Lax.convertElementType(x, to);
      double bound = to.isBool() ? 1 : b.dtype().isFloating() ? b.bound() : to.isFloating()
          ? Math.max(b.bound(), 1e10) : 1e10;
      return new V(y, b.exact(), bound);
    }

    private V step(V a) {
      int kind = r.nextInt(14);
      if (mono && kind >= 6 && kind <= 8) {
        kind = kind - 3;
      }
      return switch (kind) {
        case 0, 1, 2 -> unary(a);
        case 3, 4, 5 -> {
          V b = partner(a);
          yield b == null ? null : binary(a, b);
        }
        case 6 -> compare(a);
        case 7 -> select(a);
        case 8 -> convert(a, TARGETS.get(r.nextInt(TARGETS.size())));
        case 9, 10 -> reduce(a);
        case 11, 12 -> shapeOp(a);
        default -> a.dtype().isBool() ? unary(a) : clampOrPow(a);
      };
    }

    private static V exact(NDArray x, double bound) {
      return new V(x, true, bound);
    }

    private V unary(V a) {
      DType d = a.dtype();
      NDArray x = a.x();
      if (d.isBool()) {
        return exact(Lax.bitwiseNot(x), 1);
      }
      if (!d.isFloating()) {
        return switch (r.nextInt(6)) {
          case 0 -> exact(Lax.neg(x), a.bound());
          case 1 -> exact(Lax.abs(x), a.bound());
          case 2 -> exact(Lax.bitwiseNot(x), a.bound());
          case 3 -> exact(Lax.sign(x), 1);
          case 4 -> exact(Lax.populationCount(x), 64);
          default -> exact(Lax.integerPow(x, 2), 1e10);
        };
      }
      if (a.exact() && r.nextInt(3) == 0) {
        return switch (r.nextInt(7)) {
          case 0 -> exact(Lax.floor(x), a.bound() + 1);
          case 1 -> exact(Lax.round(x), a.bound() + 1);
          case 2 -> exact(Lax.sqrt(Lax.abs(x)), Math.sqrt(a.bound()) + 1);
          case 3 -> exact(Lax.ceil(x), a.bound() + 1);
          case 4 -> exact(Lax.sign(x), 1);
          case 5 -> new V(Lax.log(Lax.add(Lax.abs(x), Array.scalar(0.5, d))), false,
              Math.max(1, Math.log(a.bound() + 1)));
          default -> new V(Lax.rsqrt(Lax.add(Lax.abs(x), Array.scalar(1.0, d))), false, 1);
        };
      }
      if (!a.exact() && a.bound() > MAX_BOUND) {
        return null;
      }
      // Transcendentals of exact values are off by ulps of their (bounded) result; of inexact
      // values, by the input's error, which these 1-Lipschitz functions do not amplify.
      double b = a.exact() ? 1 : Math.max(a.bound(), 1);
      return switch (r.nextInt(12)) {
        case 0 -> new V(Lax.neg(x), a.exact(), a.bound());
        case 1 -> new V(Lax.abs(x), a.exact(), a.bound());
        case 2 -> new V(Lax.sin(x), false, b);
        case 3 -> new V(Lax.cos(x), false, b);
        case 4 -> new V(Lax.tanh(x), false, b);
        case 5 -> new V(Lax.logistic(x), false, b);
        case 6 -> new V(Lax.atan(x), false, b);
        case 7 -> new V(Lax.exp(Lax.neg(Lax.abs(x))), false, b);
        case 8 -> new V(Lax.log1p(Lax.abs(x)), false, Math.max(b, Math.log1p(a.bound())));
        case 9 -> new V(Lax.erf(x), false, b);
        case 10 -> new V(Lax.mul(x, Array.scalar(0.5, d)), a.exact(), a.bound());
        default -> new V(Lax.square(x), a.exact(), a.bound() * a.bound());
      };
    }

    private V binary(V a, V b) {
      DType d = a.dtype();
      NDArray x = a.x();
      NDArray y = b.x();
      if (d.isBool()) {
        return exact(switch (r.nextInt(3)) {
          case 0 -> Lax.bitwiseAnd(x, y);
          case 1 -> Lax.bitwiseOr(x, y);
          default -> Lax.bitwiseXor(x, y);
        }, 1);
      }
      if (!d.isFloating()) {
        return exact(switch (r.nextInt(10)) {
          case 0 -> Lax.add(x, y);
          case 1 -> Lax.sub(x, y);
          case 2 -> Lax.mul(x, y);
          case 3 -> Lax.div(x, y);
          case 4 -> Lax.rem(x, y);
          case 5 -> Lax.max(x, y);
          case 6 -> Lax.min(x, y);
          case 7 -> Lax.shiftLeft(x, y);
          case 8 -> Lax.shiftRightLogical(x, y);
          default -> r.nextBoolean() ? Lax.bitwiseXor(x, y) : Lax.shiftRightArithmetic(x, y);
        }, 1e10);
      }
      boolean exact = a.exact() && b.exact();
      double ba = a.bound();
      double bb = b.bound();
      int op = r.nextInt(8);
      if (!exact && (op == 5 || op == 6) || op == 2 && !exact && ba * bb > MAX_BOUND * MAX_BOUND
          || !exact && ba + bb > 2 * MAX_BOUND) {
        op = 3;
      }
      return switch (op) {
        case 0 -> new V(Lax.add(x, y), exact, ba + bb);
        case 1 -> new V(Lax.sub(x, y), exact, ba + bb);
        case 2 -> new V(Lax.mul(x, y), exact, ba * bb);
        case 3 -> new V(Lax.max(x, y), exact, Math.max(ba, bb));
        case 4 -> new V(Lax.min(x, y), exact, Math.max(ba, bb));
        case 5 -> exact(Lax.rem(x, y), ba);
        case 6 -> exact(Lax.div(x, y), Double.POSITIVE_INFINITY);
        default -> new V(Lax.div(x, Lax.add(Lax.abs(y), Array.scalar(1.0, d))), exact, ba);
      };
    }

    private V compare(V a) {
      if (!a.exact()) {
        return unary(a);
      }
      V b = partner(a);
      if (b == null || !b.exact()) {
        return null;
      }
      return exact(switch (r.nextInt(6)) {
        case 0 -> Lax.lt(a.x(), b.x());
        case 1 -> Lax.le(a.x(), b.x());
        case 2 -> Lax.eq(a.x(), b.x());
        case 3 -> Lax.ne(a.x(), b.x());
        case 4 -> Lax.gt(a.x(), b.x());
        default -> Lax.ge(a.x(), b.x());
      }, 1);
    }

    private V select(V a) {
      List<V> preds = new ArrayList<>();
      for (V v : pool) {
        if (v.dtype().isBool() && Arrays.equals(v.shape(), a.shape())) {
          preds.add(v);
        }
      }
      V b = partner(a);
      if (preds.isEmpty() || b == null) {
        return null;
      }
      V p = preds.get(r.nextInt(preds.size()));
      return new V(Lax.selectN(p.x(), a.x(), b.x()), a.exact() && b.exact(),
          Math.max(a.bound(), b.bound()));
    }

    private V clampOrPow(V a) {
      NDArray x = a.x();
      DType d = a.dtype();
      if (r.nextBoolean() || !a.exact() && a.bound() > 8) {
        NDArray lo = d.isFloating() ? Array.scalar(-1.5, d) : Array.scalar(d.isUnsigned() ? 1
            : -2, d);
        NDArray hi = d.isFloating() ? Array.scalar(2.25, d) : Array.scalar(7L, d);
        return new V(Lax.clamp(lo, x, hi), a.exact(), 3);
      }
      int y = r.nextInt(5) - (d.isFloating() ? 1 : 0);
      double b = Math.pow(Math.max(a.bound(), 1), Math.max(y, 1));
      if (y < 0) {
        return a.exact() ? exact(Lax.integerPow(x, y), Double.POSITIVE_INFINITY) : null;
      }
      return new V(Lax.integerPow(x, y), a.exact() || !d.isFloating(), b);
    }

    private V reduce(V a) {
      int[] s = a.shape();
      if (s.length == 0) {
        return null;
      }
      DType d = a.dtype();
      int axis = r.nextInt(s.length);
      int[] axes = r.nextInt(4) == 0 && s.length > 1 ? new int[] {axis, (axis + 1) % s.length}
          : new int[] {axis};
      Arrays.sort(axes);
      long n = 1;
      for (int ax : axes) {
        n *= s[ax];
      }
      NDArray x = a.x();
      V red;
      if (d.isBool()) {
        red = exact(switch (r.nextInt(3)) {
          case 0 -> Lax.reduceOr(x, axes);
          case 1 -> Lax.reduceAnd(x, axes);
          default -> Lax.reduceXor(x, axes);
        }, 1);
      } else {
        int k = r.nextInt(6);
        if ((k == 4 || k == 5) && (!a.exact() || axes.length > 1 || s[axis] == 0)) {
          k = 2;
        }
        boolean reassoc = d.isFloating();
        red = switch (k) {
          case 0 -> new V(Lax.reduceSum(x, axes), !reassoc && a.exact(), a.bound() * n);
          case 1 -> reassoc && Math.pow(Math.max(a.bound(), 1), n) > 1e6 ? new V(
              Lax.reduceMax(x, axes), a.exact(), a.bound()) : new V(Lax.reduceProd(x, axes),
              !reassoc && a.exact(), Math.pow(Math.max(a.bound(), 1), n));
          case 2 -> new V(Lax.reduceMax(x, axes), a.exact(), a.bound());
          case 3 -> new V(Lax.reduceMin(x, axes), a.exact(), a.bound());
          case 4 -> exact(Lax.argmax(x, axis, DType.INT32), 64);
          default -> exact(Lax.argmin(x, axis, DType.INT32), 64);
        };
        if (!red.exact() && red.bound() > MAX_BOUND * 64) {
          return null;
        }
      }
      if (r.nextBoolean()) {
        return red;
      }
      int[] keep = new int[s.length - (red.shape().length == s.length - 1 ? 1 : axes.length)];
      for (int k = 0, j = 0; k < s.length; k++) {
        boolean reduced = red.shape().length == s.length - 1 ? k == axis
            : Arrays.binarySearch(axes, k) >= 0;
        if (!reduced) {
          keep[j++] = k;
        }
      }
      return new V(Lax.broadcastInDim(red.x(), s, keep), red.exact(), red.bound());
    }

    private V shapeOp(V a) {
      NDArray x = a.x();
      int[] s = a.shape();
      DType d = a.dtype();
      if (s.length == 0) {
        return new V(Lax.reshape(Lax.broadcastInDim(x, new int[] {1, 1}, new int[0]),
            new int[0]), a.exact(), a.bound());
      }
      int axis = r.nextInt(s.length);
      int kind = r.nextInt(10);
      if (kind >= 8) {
        return update(a, axis, kind == 8);
      }
      if (kind == 6 && !d.isBool()) {
        // cumsum: a library op; float prefix sums may be computed in another order.
        boolean reassoc = d.isFloating();
        double bound = a.bound() * s[axis];
        if (reassoc && (!a.exact() && a.bound() > MAX_BOUND || bound > MAX_BOUND * 64)) {
          return null;
        }
        return new V(Lax.cumsum(x, axis, r.nextBoolean()), a.exact() && !reassoc,
            d.isFloating() ? bound : 1e10);
      }
      NDArray y = switch (kind) {
        case 0, 6 -> Lax.rev(x, axis);
        case 1 -> {
          int[] perm = new int[s.length];
          for (int k = 0; k < perm.length; k++) {
            perm[k] = (k + 1) % s.length;
          }
          yield Lax.transpose(x, perm);
        }
        case 2 -> {
          int n = 1;
          for (int v : s) {
            n *= v;
          }
          yield r.nextBoolean() ? Lax.reshape(x, new int[] {n})
              : Lax.reshape(x, new int[] {1, n});
        }
        case 3 -> {
          int[] start = new int[s.length];
          int[] limit = s.clone();
          int[] strides = new int[s.length];
          Arrays.fill(strides, 1);
          start[axis] = Math.min(1, s[axis]);
          strides[axis] = 1 + r.nextInt(2);
          yield Lax.slice(x, start, limit, strides);
        }
        case 4 -> {
          int[][] cfg = new int[s.length][3];
          cfg[axis] = new int[] {r.nextInt(3) - 1, r.nextInt(3), r.nextInt(2)};
          if (s[axis] == 0) {
            cfg[axis][2] = 0;
          }
          if (s[axis] + cfg[axis][0] + cfg[axis][1] + Math.max(0, s[axis] - 1) * cfg[axis][2]
              < 0) {
            cfg[axis][0] = 0;
          }
          NDArray pad = d.isBool() ? Array.scalar(true) : d.isFloating()
              ? Array.scalar(1.25, d) : Array.scalar(3L, d);
          yield Lax.pad(x, pad, cfg);
        }
        case 5 -> Lax.concatenate(axis, x, Lax.rev(x, axis));
        default -> Lax.broadcastInDim(x, prepend(s), shift(s.length));
      };
      return new V(y, a.exact(), a.bound());
    }

    /**
     * {@code dynamic_update_slice} (start possibly out of range: clamped) or {@code scatter-add}
     * (indices possibly out of range: dropped) of a reversed window of {@code a} into {@code a}:
     * on an intermediate no one else reads, the buffer plan may update it in place.
     */
    private V update(V a, int axis, boolean dus) {
      int[] s = a.shape();
      NDArray x = a.x();
      int w = Math.min(2, s[axis]);
      int[] start = new int[s.length];
      int[] limit = s.clone();
      limit[axis] = w;
      NDArray window = Lax.rev(Lax.slice(x, start, limit), axis);
      if (dus) {
        Object[] starts = new Object[s.length];
        for (int k = 0; k < s.length; k++) {
          starts[k] = Array.scalar(k == axis ? r.nextInt(s[axis] + 3) - 1 : 0, DType.INT32);
        }
        return new V(Lax.dynamicUpdateSlice(x, window, starts), a.exact(), a.bound());
      }
      if (a.dtype().isBool() || s.length != 1) {
        return null;
      }
      long[] idx = new long[w];
      for (int k = 0; k < w; k++) {
        idx[k] = r.nextInt(s[0] + 2) - 1;
      }
      NDArray out = Lax.scatterAdd(x, Array.fromLongs(DType.INT32, idx, w, 1), window,
          new org.jaxpresso.lax.ScatterDimensionNumbers(new int[0], new int[] {0},
              new int[] {0}), org.jaxpresso.lax.GatherScatterMode.FILL_OR_DROP);
      return new V(out, a.exact() && !a.dtype().isFloating(), a.bound() * 3);
    }

    private static int[] prepend(int[] s) {
      int[] t = new int[s.length + 1];
      t[0] = 2;
      System.arraycopy(s, 0, t, 1, s.length);
      return t;
    }

    private static int[] shift(int n) {
      int[] t = new int[n];
      for (int i = 0; i < n; i++) {
        t[i] = i + 1;
      }
      return t;
    }
  }
}
