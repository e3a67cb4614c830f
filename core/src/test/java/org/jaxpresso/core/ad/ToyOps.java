package org.jaxpresso.core.ad;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;

/**
 * A tiny float64 primitive set (same-shape elementwise add, mul, neg, sin, cos and a full sum)
 * with JVP, transpose and batching rules, so core's machinery is tested without lax.
 */
final class ToyOps {
  private ToyOps() {}

  static double[] d(NDArray x) {
    return ((Array) x).toDoubleArray();
  }

  static Array arr(double[] v, int... shape) {
    return Array.fromDoubles(DType.FLOAT64, v, shape);
  }

  private static Primitive unary(String name, DoubleUnaryOperator f) {
    return Primitive.builder(name)
        .abstractEval((avals, p) -> List.of(avals.get(0)))
        .impl((args, p) -> {
          double[] x = d(args.get(0));
          double[] r = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            r[i] = f.applyAsDouble(x[i]);
          }
          return List.of(arr(r, args.get(0).aval().shape().dims()));
        })
        .buildUnregistered();
  }

  private static Primitive binary(String name, DoubleBinaryOperator f) {
    return Primitive.builder(name)
        .abstractEval((avals, p) -> {
          if (!avals.get(0).shape().equals(avals.get(1).shape())) {
            throw new IllegalArgumentException(name + ": shapes differ " + avals);
          }
          return List.of(avals.get(0));
        })
        .impl((args, p) -> {
          double[] x = d(args.get(0));
          double[] y = d(args.get(1));
          double[] r = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            r[i] = f.applyAsDouble(x[i], y[i]);
          }
          return List.of(arr(r, args.get(0).aval().shape().dims()));
        })
        .buildUnregistered();
  }

  static final Primitive ADD = binary("toy_add", Double::sum);
  static final Primitive MUL = binary("toy_mul", (a, b) -> a * b);
  static final Primitive NEG = unary("toy_neg", a -> -a);
  static final Primitive SIN = unary("toy_sin", Math::sin);
  static final Primitive COS = unary("toy_cos", Math::cos);

  /** Sum of all elements, to a 0-d array. */
  static final Primitive SUM = Primitive.builder("toy_sum")
      .abstractEval((avals, p) -> List.of(new ShapedArray(
          org.jaxpresso.core.Shape.SCALAR, avals.get(0).dtype(), false)))
      .impl((args, p) -> List.of(arr(new double[] {Arrays.stream(d(args.get(0))).sum()})))
      .buildUnregistered();

  /** Broadcast of a 0-d array to {@code shape}. */
  static final Primitive FILL = Primitive.builder("toy_fill")
      .abstractEval((avals, p) -> List.of(new ShapedArray(
          org.jaxpresso.core.Shape.of(p.ints("shape")), avals.get(0).dtype(), false)))
      .impl((args, p) -> {
        int[] shape = p.ints("shape");
        double[] r = new double[Math.toIntExact(org.jaxpresso.core.Shape.of(shape).size())];
        Arrays.fill(r, d(args.get(0))[0]);
        return List.of(arr(r, shape));
      })
      .buildUnregistered();

  static NDArray add(NDArray x, NDArray y) {
    return ADD.bind1(Params.EMPTY, x, y);
  }

  static NDArray mul(NDArray x, NDArray y) {
    return MUL.bind1(Params.EMPTY, x, y);
  }

  static NDArray neg(NDArray x) {
    return NEG.bind1(Params.EMPTY, x);
  }

  static NDArray sin(NDArray x) {
    return SIN.bind1(Params.EMPTY, x);
  }

  static NDArray cos(NDArray x) {
    return COS.bind1(Params.EMPTY, x);
  }

  static NDArray sum(NDArray x) {
    return SUM.bind1(Params.EMPTY, x);
  }

  static NDArray fill(NDArray s, int[] shape) {
    return FILL.bind1(Params.of("shape", shape), s);
  }

  private static boolean done;

  /** Attaches the rules and installs {@link LinearOps} for these primitives. */
  static synchronized void install() {
    if (done) {
      return;
    }
    done = true;
    ADD.defineJvp((p, t, q) -> Primitive.JvpResult.of(add(p.get(0), p.get(1)),
            t.get(0) == null ? t.get(1) : t.get(1) == null ? t.get(0) : add(t.get(0), t.get(1))))
        .defineTranspose((ct, a, avals, q) -> Arrays.asList(a.get(0) == null ? ct.get(0) : null,
            a.get(1) == null ? ct.get(0) : null))
        .defineBatch(sameDimBinary(ADD));
    MUL.defineJvp((p, t, q) -> {
      NDArray tx = t.get(0) == null ? null : mul(t.get(0), p.get(1));
      NDArray ty = t.get(1) == null ? null : mul(p.get(0), t.get(1));
      return Primitive.JvpResult.of(mul(p.get(0), p.get(1)),
          tx == null ? ty : ty == null ? tx : add(tx, ty));
    }).defineTranspose((ct, a, avals, q) -> a.get(0) == null
        ? Arrays.asList(mul(ct.get(0), a.get(1)), null)
        : Arrays.asList(null, mul(a.get(0), ct.get(0))))
        .defineBatch(sameDimBinary(MUL));
    NEG.defineJvp((p, t, q) -> Primitive.JvpResult.of(neg(p.get(0)), neg(t.get(0))))
        .defineTranspose((ct, a, avals, q) -> List.of(neg(ct.get(0))));
    SIN.defineJvp((p, t, q) -> Primitive.JvpResult.of(sin(p.get(0)),
        mul(t.get(0), cos(p.get(0)))));
    COS.defineJvp((p, t, q) -> Primitive.JvpResult.of(cos(p.get(0)),
        mul(neg(t.get(0)), sin(p.get(0)))));
    for (Primitive u : List.of(NEG, SIN, COS)) {
      u.defineBatch((vals, dims, q) -> new Primitive.BatchResult(u.bind(vals, q), dims));
    }
    SUM.defineJvp((p, t, q) -> Primitive.JvpResult.of(sum(p.get(0)), sum(t.get(0))))
        .defineTranspose((ct, a, avals, q) -> List.of(fill(ct.get(0),
            avals.get(0).shape().dims())));
    FILL.defineJvp((p, t, q) -> Primitive.JvpResult.of(FILL.bind(p, q).get(0),
        FILL.bind(t, q).get(0)));
    LinearOps.install(new LinearOps() {
      @Override
      public NDArray zeros(ShapedArray aval) {
        return arr(new double[Math.toIntExact(aval.size())], aval.shape().dims());
      }

      @Override
      public NDArray add(NDArray x, NDArray y) {
        return ToyOps.add(x, y);
      }

      @Override
      public NDArray moveAxis(NDArray x, int from, int to) {
        throw new UnsupportedOperationException("toy ops move no axes");
      }

      @Override
      public NDArray broadcastAxis(NDArray x, int size, int axis) {
        double[] v = d(x);
        double[] r = new double[v.length * size];
        for (int k = 0; k < size; k++) {
          System.arraycopy(v, 0, r, k * v.length, v.length);
        }
        int[] s = x.aval().shape().dims();
        int[] shape = new int[s.length + 1];
        shape[0] = size;
        System.arraycopy(s, 0, shape, 1, s.length);
        return arr(r, shape);
      }
    });
  }

  /** Batching of same-shape binary ops: both operands batched along dimension 0. */
  private static Primitive.BatchRule sameDimBinary(Primitive p) {
    return (vals, dims, q) -> {
      int size = -1;
      for (int i = 0; i < 2; i++) {
        if (dims[i] != Primitive.NOT_MAPPED) {
          size = vals.get(i).aval().shape().dim(dims[i]);
        }
      }
      List<NDArray> args = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        if (dims[i] != Primitive.NOT_MAPPED && dims[i] != 0) {
          throw new UnsupportedOperationException("toy batching needs dimension 0");
        }
        args.add(dims[i] == Primitive.NOT_MAPPED
            ? LinearOps.get().broadcastAxis(vals.get(i), size, 0) : vals.get(i));
      }
      return Primitive.BatchResult.of(p.bind(args, q).get(0), 0);
    };
  }
}
