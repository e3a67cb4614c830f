package org.jaxpresso.lax.primitives;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.internal.reductions.Kernels;

/**
 * Cumulative reductions along one axis ({@code cumsum cumprod cummax cummin cumlogsumexp}),
 * params {@code axis reverse}, result of the operand's shape and dtype.
 *
 * <p>Floats accumulate in double and each output is rounded once; integers wrap in their
 * width; max/min propagate NaN. {@code cumlogsumexp} takes floats only: JAX's dtype rule
 * admits integers but its lowering cannot handle them, so this port rejects them up front.
 */
public final class Cumulative {
  private Cumulative() {}

  /** {@code cumsum[axis reverse]}: numbers. */
  public static final Primitive CUMSUM = cumulative("cumsum", Op.SUM);

  /** {@code cumprod[axis reverse]}: numbers. */
  public static final Primitive CUMPROD = cumulative("cumprod", Op.PROD);

  /** {@code cummax[axis reverse]}: numbers; NaN propagates. */
  public static final Primitive CUMMAX = cumulative("cummax", Op.MAX);

  /** {@code cummin[axis reverse]}: numbers; NaN propagates. */
  public static final Primitive CUMMIN = cumulative("cummin", Op.MIN);

  /** {@code cumlogsumexp[axis reverse]}: floats; {@code log(sum(exp(x)))} of each prefix. */
  public static final Primitive CUMLOGSUMEXP = cumulative("cumlogsumexp", Op.LOGSUMEXP);

  private enum Op {
    SUM, PROD, MAX, MIN, LOGSUMEXP
  }

  /**
   * The params {@code axis} and {@code reverse}.
   *
   * @param axis the axis to operate along; negative values count from the end
   * @param reverse whether to run from the last element to the first
   * @return the params {@code axis} and {@code reverse}
   */
  public static Params params(int axis, boolean reverse) {
    return Params.of("axis", axis, "reverse", reverse);
  }

  private static Primitive cumulative(String name, Op op) {
    return Primitive.builder(name)
        .family("reductions")
        .abstractEval((avals, params) -> List.of(aval(name, op, avals.get(0), params)))
        .impl((args, params) -> {
          Array x = args.get(0);
          ShapedArray out = aval(name, op, x.aval(), params);
          return List.of(scan(op, x, params.getInt("axis"), params.getBoolean("reverse"), out));
        })
        .build();
  }

  /**
   * JAX's {@code _cumred_shape_rule} ({@code XLA operations do not allow negative axes},
   * {@code axis 2 is out of bounds for array of shape (3,)}) and dtype rule ({@code cumsum does
   * not accept dtype bool. Accepted dtypes are subtypes of number.}).
   */
  private static ShapedArray aval(String name, Op op, ShapedArray x, Params params) {
    int axis = params.getInt("axis");
    if (axis < 0) {
      throw new JaxValueError("XLA operations do not allow negative axes");
    }
    if (axis >= x.rank()) {
      throw new JaxValueError(
          "axis " + axis + " is out of bounds for array of shape " + x.shape());
    }
    DType d = x.dtype();
    if (d.isBool()) {
      throw new JaxTypeError(name + " does not accept dtype " + d
          + ". Accepted dtypes are subtypes of number.");
    }
    if (op == Op.LOGSUMEXP && !d.isFloating()) {
      throw new JaxTypeError(name + " does not accept dtype " + d
          + ". Accepted dtypes are subtypes of floating.");
    }
    return x;
  }

  private static Array scan(Op op, Array x, int axis, boolean reverse, ShapedArray out) {
    int[] shape = x.aval().shape().dims();
    int outer = Kernels.product(shape, 0, axis);
    int n = shape[axis];
    int inner = Kernels.product(shape, axis + 1, shape.length);
    HostBuffer in = x.host();
    DType d = x.dtype();
    HostBuffer r = HostBuffer.allocate(d, in.length());
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        int base = o * n * inner + j;
        double facc = 0;
        long iacc = 0;
        for (int step = 0; step < n; step++) {
          int k = reverse ? n - 1 - step : step;
          int i = base + k * inner;
          if (d.isFloating()) {
            double v = in.getDouble(i);
            facc = step == 0 ? v : switch (op) {
              case SUM -> facc + v;
              case PROD -> facc * v;
              case MAX -> Math.max(facc, v);
              case MIN -> Math.min(facc, v);
              case LOGSUMEXP -> logAddExp(facc, v);
            };
            r.setDouble(i, facc);
          } else {
            long v = in.getLong(i);
            iacc = step == 0 ? v : switch (op) {
              case SUM -> iacc + v;
              case PROD -> iacc * v;
              case MAX -> Kernels.compareIntegral(d, v, iacc) > 0 ? v : iacc;
              case MIN -> Kernels.compareIntegral(d, v, iacc) < 0 ? v : iacc;
              case LOGSUMEXP -> throw new IllegalStateException("integer cumlogsumexp");
            };
            r.setLong(i, iacc);
          }
        }
      }
    }
    return Array.wrap(out, r);
  }

  /** {@code log(exp(a) + exp(b))} without overflow; NaN propagates; -inf is the identity. */
  static double logAddExp(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.NaN;
    }
    double m = Math.max(a, b);
    if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY) {
      return m;
    }
    return m + Math.log1p(Math.exp(-Math.abs(a - b)));
  }

  static {
    Primitive.addRuleLoader(ReductionRules::register);
  }
}
