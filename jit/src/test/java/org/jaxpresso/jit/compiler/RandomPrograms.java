package org.jaxpresso.jit.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.Lax;

/**
 * Generates small random lax programs for differential tests: 1-3 inputs of a random base shape
 * (rank 0-3, some inputs of a broadcastable smaller shape brought up with {@code
 * broadcast_in_dim}), 3-10 random ops (elementwise by dtype, comparisons, selects, conversions,
 * reductions with or without an elementwise epilogue broadcast back, index maps that keep the
 * shape, {@code cumsum} as a library op), 1-2 outputs.
 */
final class RandomPrograms {
  /** The dtypes programs use. */
  static final List<DType> DTYPES = List.of(DType.FLOAT32, DType.INT32, DType.BOOL,
      DType.FLOAT16);

  /** One generated program and its arguments. */
  record Case(long seed, ClosedJaxpr program, List<Array> args) {}

  private final Random rnd;
  private final int[] shape;

  private RandomPrograms(long seed) {
    this.rnd = new Random(seed);
    int rank = rnd.nextInt(4);
    shape = new int[rank];
    for (int d = 0; d < rank; d++) {
      shape[d] = rnd.nextInt(4) + (rnd.nextInt(8) == 0 ? 0 : 1);
    }
  }

  /** The program of seed {@code seed}. */
  static Case generate(long seed) {
    RandomPrograms g = new RandomPrograms(seed);
    int nIn = 1 + g.rnd.nextInt(3);
    List<Array> args = new ArrayList<>();
    List<int[]> inShapes = new ArrayList<>();
    for (int i = 0; i < nIn; i++) {
      DType d = DTYPES.get(g.rnd.nextInt(DTYPES.size()));
      int[] s = g.rnd.nextBoolean() ? g.shape.clone() : g.smallerShape();
      inShapes.add(s);
      args.add(g.randomArray(d, s));
    }
    long opsSeed = g.rnd.nextLong();
    ClosedJaxpr p = Jax.<List<NDArray>>makeJaxpr((List<NDArray> xs) -> new RandomPrograms(seed)
        .body(xs, inShapes, new Random(opsSeed))).apply(List.copyOf(args));
    return new Case(seed, p, args);
  }

  /** The base shape with some dimensions set to 1 (broadcastable to it). */
  private int[] smallerShape() {
    int[] s = shape.clone();
    for (int d = 0; d < s.length; d++) {
      if (rnd.nextBoolean()) {
        s[d] = 1;
      }
    }
    return s;
  }

  private Array randomArray(DType d, int[] s) {
    int n = 1;
    for (int x : s) {
      n *= x;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = switch (d) {
        case BOOL -> rnd.nextBoolean() ? 1 : 0;
        case INT32 -> rnd.nextInt(21) - 10;
        default -> Math.round((rnd.nextDouble() * 6 - 3) * 64) / 64.0;
      };
    }
    return Array.fromDoubles(d, v, s);
  }

  private List<NDArray> body(List<NDArray> xs, List<int[]> inShapes, Random r) {
    List<NDArray> pool = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      NDArray x = xs.get(i);
      int[] bd = new int[shape.length];
      for (int d = 0; d < bd.length; d++) {
        bd[d] = d;
      }
      pool.add(java.util.Arrays.equals(inShapes.get(i), shape) ? x
          : Lax.broadcastInDim(x, shape, bd));
    }
    int steps = 3 + r.nextInt(8);
    for (int s = 0; s < steps; s++) {
      NDArray a = pool.get(r.nextInt(pool.size()));
      NDArray b = sameDtype(pool, a, r);
      pool.add(step(a, b, r));
    }
    List<NDArray> out = new ArrayList<>();
    out.add(pool.get(pool.size() - 1));
    if (r.nextBoolean()) {
      out.add(pool.get(r.nextInt(pool.size())));
    }
    return out;
  }

  private static NDArray sameDtype(List<NDArray> pool, NDArray a, Random r) {
    List<NDArray> same = new ArrayList<>();
    for (NDArray x : pool) {
      if (x.dtype() == a.dtype()) {
        same.add(x);
      }
    }
    return same.get(r.nextInt(same.size()));
  }

  private NDArray step(NDArray a, NDArray b, Random r) {
    DType d = a.dtype();
    int kind = r.nextInt(10);
    return switch (kind) {
      case 0, 1 -> unary(a, r);
      case 2, 3 -> binary(a, b, r);
      case 4 -> compare(a, b, r);
      case 5 -> Lax.selectN(Lax.lt(a, b), a, b);
      case 6 -> {
        DType to = DTYPES.get(r.nextInt(DTYPES.size()));
        yield Lax.convertElementType(d.isFloating() && !to.isFloating() && !to.isBool()
            ? Lax.clamp(Array.scalar(-100.0, d), a, Array.scalar(100.0, d)) : a, to);
      }
      case 7 -> reduceAndBroadcast(a, r);
      case 8 -> shape.length > 0 && !d.isBool() && r.nextBoolean()
          ? Lax.cumsum(a, r.nextInt(shape.length)) : shapeKeeping(a, r);
      default -> shapeKeeping(a, r);
    };
  }

  private NDArray unary(NDArray a, Random r) {
    DType d = a.dtype();
    if (d.isBool()) {
      return Lax.bitwiseNot(a);
    }
    if (d.isInteger()) {
      return switch (r.nextInt(5)) {
        case 0 -> Lax.neg(a);
        case 1 -> Lax.abs(a);
        case 2 -> Lax.bitwiseNot(a);
        case 3 -> Lax.integerPow(a, 3);
        default -> Lax.sign(a);
      };
    }
    return switch (r.nextInt(10)) {
      case 0 -> Lax.neg(a);
      case 1 -> Lax.sin(a);
      case 2 -> Lax.exp(a);
      case 3 -> Lax.sqrt(Lax.abs(a));
      case 4 -> Lax.tanh(a);
      case 5 -> Lax.floor(a);
      case 6 -> Lax.logistic(a);
      case 7 -> Lax.integerPow(a, 2);
      case 8 -> Lax.log1p(Lax.abs(a));
      default -> Lax.mul(a, Array.scalar(0.5, d));
    };
  }

  private NDArray binary(NDArray a, NDArray b, Random r) {
    DType d = a.dtype();
    if (d.isBool()) {
      return switch (r.nextInt(3)) {
        case 0 -> Lax.bitwiseAnd(a, b);
        case 1 -> Lax.bitwiseOr(a, b);
        default -> Lax.bitwiseXor(a, b);
      };
    }
    if (d.isInteger()) {
      return switch (r.nextInt(8)) {
        case 0 -> Lax.add(a, b);
        case 1 -> Lax.sub(a, b);
        case 2 -> Lax.mul(a, b);
        case 3 -> Lax.div(a, b);
        case 4 -> Lax.rem(a, b);
        case 5 -> Lax.max(a, b);
        case 6 -> Lax.shiftLeft(a, Lax.bitwiseAnd(b, 7));
        default -> Lax.add(a, 3);
      };
    }
    return switch (r.nextInt(7)) {
      case 0 -> Lax.add(a, b);
      case 1 -> Lax.sub(a, b);
      case 2 -> Lax.mul(a, b);
      case 3 -> Lax.div(a, b);
      case 4 -> Lax.max(a, b);
      case 5 -> Lax.min(a, b);
      default -> Lax.atan2(a, b);
    };
  }

  private static NDArray compare(NDArray a, NDArray b, Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Lax.lt(a, b);
      case 1 -> Lax.ge(a, b);
      case 2 -> Lax.eq(a, b);
      default -> Lax.ne(a, b);
    };
  }

  private NDArray reduceAndBroadcast(NDArray a, Random r) {
    if (shape.length == 0) {
      return a;
    }
    DType d = a.dtype();
    int axis = r.nextInt(shape.length);
    NDArray red;
    if (d.isBool()) {
      red = r.nextBoolean() ? Lax.reduceOr(a, axis) : Lax.reduceAnd(a, axis);
    } else if (r.nextInt(4) == 0 && shape[axis] > 0) {
      red = Lax.argmax(a, axis, DType.INT32);
    } else {
      red = switch (r.nextInt(3)) {
        case 0 -> Lax.reduceSum(a, axis);
        case 1 -> Lax.reduceMax(a, axis);
        default -> Lax.reduceMin(a, axis);
      };
    }
    if (r.nextBoolean()) {
      red = unary(red, r);
    }
    int[] bd = new int[shape.length - 1];
    for (int k = 0, j = 0; k < shape.length; k++) {
      if (k != axis) {
        bd[j++] = k;
      }
    }
    return Lax.broadcastInDim(red, shape, bd);
  }

  private NDArray shapeKeeping(NDArray a, Random r) {
    if (shape.length == 0) {
      return Lax.reshape(Lax.reshape(a, new int[] {1, 1}), new int[0]);
    }
    int axis = r.nextInt(shape.length);
    return switch (r.nextInt(4)) {
      case 0 -> Lax.rev(a, axis);
      case 1 -> {
        int n = 1;
        for (int x : shape) {
          n *= x;
        }
        yield Lax.reshape(Lax.reshape(a, new int[] {n}), shape);
      }
      case 2 -> {
        if (shape[axis] == 0) {
          yield a;
        }
        int[] start = new int[shape.length];
        int[] limit = shape.clone();
        start[axis] = 1;
        int[][] config = new int[shape.length][3];
        config[axis][0] = 1;
        NDArray pad = a.dtype().isBool() ? Array.scalar(true)
            : Array.scalar(2.0, a.dtype());
        yield Lax.pad(Lax.slice(a, start, limit), pad, config);
      }
      default -> {
        int[] perm = new int[shape.length];
        for (int k = 0; k < perm.length; k++) {
          perm[k] = perm.length - 1 - k;
        }
        int[] back = perm.clone();
        yield Lax.transpose(Lax.sin(Lax.convertElementType(Lax.transpose(a, perm),
            DType.FLOAT32)), back);
      }
    };
  }
}
