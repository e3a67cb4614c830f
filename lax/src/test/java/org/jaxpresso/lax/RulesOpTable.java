package org.jaxpresso.lax;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.RulesCheck.In;

/** The differentiable primitives and the inputs they are checked on (float64). */
final class RulesOpTable {
  private RulesOpTable() {}

  /**
   * One case.
   *
   * @param name the primitive (and variant)
   * @param f the function of the inputs
   * @param ins input generators
   * @param tol relative tolerance against finite differences
   */
  record Case(String name, Function<List<NDArray>, NDArray> f, List<In> ins, double tol) {}

  private static Case c(String name, Function<List<NDArray>, NDArray> f, In... ins) {
    return new Case(name, f, List.of(ins), 1e-6);
  }

  private static Case u(String name, Function<NDArray, NDArray> f, double lo, double hi) {
    return c(name, a -> f.apply(a.get(0)), In.of(lo, hi, 2, 3));
  }

  private static Case b(String name, java.util.function.BiFunction<NDArray, NDArray, NDArray> f,
      double lo, double hi, double lo2, double hi2) {
    return c(name, a -> f.apply(a.get(0), a.get(1)), In.of(lo, hi, 2, 3), In.of(lo2, hi2, 2, 3));
  }

  static List<Case> all() {
    List<Case> cs = new ArrayList<>();
    cs.add(u("neg", Lax::neg, -2, 2));
    cs.add(u("abs", Lax::abs, 0.1, 2));
    cs.add(u("sign", Lax::sign, 0.1, 2));
    cs.add(u("floor", Lax::floor, 0.1, 0.9));
    cs.add(u("ceil", Lax::ceil, 0.1, 0.9));
    cs.add(u("round", Lax::round, 0.1, 0.4));
    cs.add(u("square", Lax::square, -2, 2));
    cs.add(u("integer_pow[y=3]", x -> Lax.integerPow(x, 3), -2, 2));
    cs.add(u("integer_pow[y=-2]", x -> Lax.integerPow(x, -2), 0.5, 2));
    cs.add(u("integer_pow[y=0]", x -> Lax.integerPow(x, 0), 0.5, 2));
    cs.add(u("copy", x -> Elementwise().copy(x), -2, 2));
    cs.add(u("exp", Lax::exp, -2, 2));
    cs.add(u("exp2", Lax::exp2, -2, 2));
    cs.add(u("expm1", Lax::expm1, -2, 2));
    cs.add(u("log", Lax::log, 0.5, 3));
    cs.add(u("log1p", Lax::log1p, 0.5, 3));
    cs.add(u("tanh", Lax::tanh, -2, 2));
    cs.add(u("logistic", Lax::logistic, -2, 2));
    cs.add(u("sin", Lax::sin, -2, 2));
    cs.add(u("cos", Lax::cos, -2, 2));
    cs.add(u("tan", Lax::tan, -1, 1));
    cs.add(u("asin", Lax::asin, -0.8, 0.8));
    cs.add(u("acos", Lax::acos, -0.8, 0.8));
    cs.add(u("atan", Lax::atan, -2, 2));
    cs.add(u("sinh", Lax::sinh, -2, 2));
    cs.add(u("cosh", Lax::cosh, -2, 2));
    cs.add(u("asinh", Lax::asinh, -2, 2));
    cs.add(u("acosh", Lax::acosh, 1.5, 3));
    cs.add(u("atanh", Lax::atanh, -0.8, 0.8));
    cs.add(u("sqrt", Lax::sqrt, 0.5, 3));
    cs.add(u("rsqrt", Lax::rsqrt, 0.5, 3));
    cs.add(u("cbrt", Lax::cbrt, 0.5, 3));
    cs.add(u("erf", Lax::erf, -2, 2));
    cs.add(u("erfc", Lax::erfc, -2, 2));
    cs.add(u("erf_inv", Lax::erfInv, -0.8, 0.8));
    cs.add(u("lgamma", Lax::lgamma, 0.5, 3));
    cs.add(u("digamma", Lax::digamma, 0.5, 3));
    cs.add(u("digamma (negative non-integers)", Lax::digamma, -2.9, -2.1));
    Array orders = Array.fromDoubles(DType.FLOAT64, new double[] {0, 1, 2, 3, 1, 4}, 2, 3);
    cs.add(u("polygamma", x -> Lax.polygamma(orders, x), 0.5, 3));
    cs.add(u("polygamma (scalar order)", x -> Lax.polygamma(Array.scalar(2.0, DType.FLOAT64),
        x), -1.9, -1.1));
    for (int[] shape : new int[][] {{3, 3}, {4, 2}, {2, 4}, {2, 3, 2}}) {
      String dims = java.util.Arrays.toString(shape);
      cs.add(c("svd s " + dims, a -> Lax.svd(a.get(0), false, false).get(0),
          In.of(-2, 2, shape)));
      cs.add(c("svd u*u " + dims, a -> Lax.square(Lax.svd(a.get(0), false, true).get(0)),
          In.of(-2, 2, shape)));
      cs.add(c("svd vt*vt " + dims, a -> Lax.square(Lax.svd(a.get(0), false, true).get(2)),
          In.of(-2, 2, shape)));
      cs.add(c("svd u s vt " + dims, a -> usvt(Lax.svd(a.get(0), false, true)),
          In.of(-2, 2, shape)));
    }
    cs.add(c("svd full_matrices square", a -> Lax.square(Lax.svd(a.get(0), true, true).get(0)),
        In.of(-2, 2, 3, 3)));
    cs.add(u("reduce_precision", x -> Lax.reducePrecision(x, 11, 52), -2, 2));
    cs.add(u("convert_element_type", x -> Lax.convertElementType(x, DType.FLOAT64, true),
        -2, 2));
    cs.add(b("add", Lax::add, -2, 2, -2, 2));
    cs.add(b("sub", Lax::sub, -2, 2, -2, 2));
    cs.add(b("mul", Lax::mul, -2, 2, -2, 2));
    cs.add(b("div", Lax::div, -2, 2, 0.5, 2));
    cs.add(b("rem", Lax::rem, 2, 3, 0.7, 0.9));
    cs.add(b("max", Lax::max, -2, 2, -2, 2));
    cs.add(b("min", Lax::min, -2, 2, -2, 2));
    cs.add(b("atan2", Lax::atan2, -2, 2, 0.5, 2));
    cs.add(b("pow", Lax::pow, 0.5, 2, -2, 2));
    cs.add(c("add (scalar broadcast)", a -> Lax.add(a.get(0), a.get(1)), In.of(-2, 2, 2, 3),
        In.of(-2, 2)));
    cs.add(c("mul (size-1 broadcast)", a -> Lax.mul(a.get(0), a.get(1)), In.of(-2, 2, 2, 3),
        In.of(-2, 2, 1, 3)));
    cs.add(c("pow (integer exponent)", a -> Lax.pow(a.get(0), a.get(1)), In.of(0.5, 2, 2, 3),
        In.fixed(Array.of(new int[] {1, 2, 3, -1, 0, 2}, 2, 3))));
    cs.add(c("select_n", a -> Lax.selectN(a.get(0), a.get(1), a.get(2)),
        In.fixed(Array.of(new boolean[] {true, false, true, false, false, true}, 2, 3)),
        In.of(-2, 2, 2, 3), In.of(-2, 2, 2, 3)));
    cs.add(c("clamp", a -> Lax.clamp(a.get(0), a.get(1), a.get(2)), In.of(-1, -0.5),
        In.of(-2, 2, 2, 3), In.of(0.5, 1)));
    cs.add(c("broadcast_in_dim", a -> Lax.broadcastInDim(a.get(0), new int[] {4, 2, 3},
        new int[] {1, 2}), In.of(-2, 2, 2, 1)));
    cs.add(c("reshape", a -> Lax.reshape(a.get(0), new int[] {3, 2}), In.of(-2, 2, 2, 3)));
    cs.add(c("transpose", a -> Lax.transpose(a.get(0), 1, 0, 2), In.of(-2, 2, 2, 3, 2)));
    cs.add(c("squeeze", a -> Lax.squeeze(a.get(0), 1), In.of(-2, 2, 2, 1, 3)));
    cs.add(c("rev", a -> Lax.rev(a.get(0), 1), In.of(-2, 2, 2, 3)));
    cs.add(c("concatenate", a -> Lax.concatenate(List.of(a.get(0), a.get(1)), 1),
        In.of(-2, 2, 2, 3), In.of(-2, 2, 2, 2)));
    cs.add(c("pad", a -> Lax.pad(a.get(0), a.get(1), new int[][] {{1, -1, 1}, {-1, 2, 0}}),
        In.of(-2, 2, 2, 3), In.of(-2, 2)));
    cs.add(c("slice", a -> Lax.slice(a.get(0), new int[] {0, 1}, new int[] {3, 5},
        new int[] {2, 2}), In.of(-2, 2, 3, 5)));
    cs.add(c("reduce_sum", a -> Lax.reduceSum(a.get(0), 0, 2), In.of(-2, 2, 2, 3, 2)));
    cs.add(c("reduce_max", a -> Lax.reduceMax(a.get(0), 1), In.of(-2, 2, 2, 3)));
    cs.add(c("reduce_min", a -> Lax.reduceMin(a.get(0), 0), In.of(-2, 2, 2, 3)));
    cs.add(c("reduce_prod", a -> Lax.reduceProd(a.get(0), 0, 2), In.of(0.5, 2, 2, 3, 2)));
    cs.add(c("cumsum", a -> Lax.cumsum(a.get(0), 1, false), In.of(-2, 2, 2, 3)));
    cs.add(c("cumsum reverse", a -> Lax.cumsum(a.get(0), 0, true), In.of(-2, 2, 2, 3)));
    cs.add(c("dot_general matmul", a -> Lax.dotGeneral(a.get(0), a.get(1),
        DotDimensionNumbers.of(new int[] {1}, new int[] {0})), In.of(-2, 2, 2, 3),
        In.of(-2, 2, 3, 4)));
    cs.add(c("dot_general batched", a -> Lax.dotGeneral(a.get(0), a.get(1),
        new DotDimensionNumbers(new int[] {2}, new int[] {1}, new int[] {0}, new int[] {2})),
        In.of(-2, 2, 2, 4, 3), In.of(-2, 2, 5, 3, 2)));
    cs.add(c("dynamic_slice", a -> Lax.dynamicSlice(a.get(0), new Object[] {1, 2},
        new int[] {2, 2}), In.of(-2, 2, 4, 5)));
    cs.add(c("dynamic_update_slice", a -> Lax.dynamicUpdateSlice(a.get(0), a.get(1), 2, 1),
        In.of(-2, 2, 4, 5), In.of(-2, 2, 2, 3)));
    Array idx = Array.of(new int[] {3, 0, 3}, 3, 1);
    GatherDimensionNumbers gdn = new GatherDimensionNumbers(new int[] {1}, new int[] {0},
        new int[] {0});
    cs.add(c("gather", a -> Lax.gather(a.get(0), a.get(1), gdn, new int[] {1, 3},
        GatherScatterMode.CLIP), In.of(-2, 2, 5, 3), In.fixed(idx)));
    cs.add(c("gather (fill)", a -> Lax.gather(a.get(0), a.get(1), gdn, new int[] {1, 3},
        GatherScatterMode.FILL_OR_DROP, 0.0), In.of(-2, 2, 5, 3),
        In.fixed(Array.of(new int[] {3, 7, 1}, 3, 1))));
    ScatterDimensionNumbers sdn = new ScatterDimensionNumbers(new int[] {1}, new int[] {0},
        new int[] {0});
    cs.add(c("scatter-add", a -> Lax.scatterAdd(a.get(0), a.get(1), a.get(2), sdn, null),
        In.of(-2, 2, 5, 3), In.fixed(idx), In.of(-2, 2, 3, 3)));
    cs.add(c("scatter-sub", a -> Lax.scatterSub(a.get(0), a.get(1), a.get(2), sdn, null),
        In.of(-2, 2, 5, 3), In.fixed(idx), In.of(-2, 2, 3, 3)));
    cs.add(c("sort", a -> Lax.sort(a.get(0), 1, true), In.of(-2, 2, 3, 4)));
    cs.add(c("sort (two operands, one key)", a -> Lax.sort(List.of(a.get(0), a.get(1)), 0,
        true, 1).get(1), In.of(-2, 2, 4, 3), In.of(-2, 2, 4, 3)));
    cs.add(c("top_k", a -> Lax.topK(a.get(0), 2).get(0), In.of(-2, 2, 3, 5)));
    cs.add(c("conv_general_dilated", a -> Lax.convGeneralDilated(a.get(0), a.get(1),
        new int[] {1, 1}, Padding.VALID), In.of(-1, 1, 2, 3, 5, 4), In.of(-1, 1, 2, 3, 2, 3)));
    cs.add(c("conv_general_dilated strided padded dilated", a -> Lax.convGeneralDilated(
        a.get(0), a.get(1), new int[] {2, 1}, Padding.of(new int[][] {{1, 2}, {0, 1}}),
        ConvOptions.defaults().lhsDilation(1, 2).rhsDilation(2, 1)),
        In.of(-1, 1, 2, 2, 6, 4), In.of(-1, 1, 3, 2, 2, 2)));
    cs.add(c("conv_general_dilated NHWC", a -> Lax.convGeneralDilated(a.get(0), a.get(1),
        new int[] {1}, Padding.SAME, ConvOptions.defaults().dimensionNumbers("NWC", "WIO",
            "NWC")), In.of(-1, 1, 2, 5, 3), In.of(-1, 1, 3, 3, 2)));
    cs.add(c("conv_general_dilated feature groups", a -> Lax.convGeneralDilated(a.get(0),
        a.get(1), new int[] {1}, Padding.VALID, ConvOptions.defaults().featureGroupCount(2)),
        In.of(-1, 1, 2, 4, 5), In.of(-1, 1, 6, 2, 2)));
    cs.add(c("conv_general_dilated batch groups", a -> Lax.convGeneralDilated(a.get(0),
        a.get(1), new int[] {1}, Padding.VALID, ConvOptions.defaults().batchGroupCount(2)),
        In.of(-1, 1, 4, 3, 5), In.of(-1, 1, 4, 3, 2)));
    cs.add(c("cumprod", a -> Lax.cumprod(a.get(0), 1, false), In.of(0.5, 2, 2, 5)));
    cs.add(c("cumprod reverse", a -> Lax.cumprod(a.get(0), 0, true), In.of(-2, 2, 3, 2)));
    cs.add(c("cumprod with a zero", a -> Lax.cumprod(a.get(0), 0, false),
        In.fixed(Array.of(new double[] {1.5, 0, 2, -1}, 4))));
    cs.add(c("cummax", a -> Lax.cummax(a.get(0), 1, false), In.of(-2, 2, 2, 6)));
    cs.add(c("cummin reverse", a -> Lax.cummin(a.get(0), 1, true), In.of(-2, 2, 2, 6)));
    cs.add(c("cumlogsumexp", a -> Lax.cumlogsumexp(a.get(0), 1, false), In.of(-2, 2, 2, 5)));
    cs.add(c("scatter (duplicate indices, last wins)", a -> Lax.scatter(a.get(0), a.get(1),
        a.get(2), sdn, null), In.of(-2, 2, 5, 3), In.fixed(idx), In.of(-2, 2, 3, 3)));
    cs.add(c("scatter (out of bounds dropped)", a -> Lax.scatter(a.get(0), a.get(1),
        a.get(2), sdn, null), In.of(-2, 2, 5, 3),
        In.fixed(Array.of(new int[] {4, 9, 1}, 3, 1)), In.of(-2, 2, 3, 3)));
    cs.add(c("scatter-mul (unique indices)", a ->
        org.jaxpresso.lax.internal.shaping.ShapingOps.scatter("scatter-mul", a.get(0),
            a.get(1), a.get(2), sdn, null, false, true), In.of(-2, 2, 5, 3),
        In.fixed(Array.of(new int[] {4, 0, 2}, 3, 1)), In.of(-2, 2, 3, 3)));
    cs.add(c("scatter-max", a -> Lax.scatterMax(a.get(0), a.get(1), a.get(2), sdn, null),
        In.of(-2, 2, 5, 3), In.fixed(idx), In.of(-2, 2, 3, 3)));
    cs.add(c("scatter-min", a -> Lax.scatterMin(a.get(0), a.get(1), a.get(2), sdn, null),
        In.of(-2, 2, 5, 3), In.fixed(idx), In.of(-2, 2, 3, 3)));
    return cs;
  }

  /** {@code u @ diag(s) @ vt} over leading batch dimensions: invariant to the vectors' signs. */
  private static NDArray usvt(List<NDArray> usv) {
    NDArray u = usv.get(0);
    NDArray s = usv.get(1);
    NDArray vt = usv.get(2);
    int r = u.aval().rank();
    int[] us = u.aval().shape().dims();
    int[] keep = new int[r - 1];
    for (int i = 0; i < r - 2; i++) {
      keep[i] = i;
    }
    keep[r - 2] = r - 1;
    NDArray scaled = Lax.mul(u, Lax.broadcastInDim(s, us, keep));
    int[] batch = new int[r - 2];
    for (int i = 0; i < r - 2; i++) {
      batch[i] = i;
    }
    return Lax.dotGeneral(scaled, vt,
        new DotDimensionNumbers(new int[] {r - 1}, new int[] {r - 2}, batch, batch));
  }

  private static ElementwiseCalls Elementwise() {
    return new ElementwiseCalls();
  }

  /** Binds primitives that have no Lax method. */
  static final class ElementwiseCalls {
    NDArray copy(NDArray x) {
      return org.jaxpresso.lax.primitives.Elementwise.COPY.bind1(
          org.jaxpresso.core.Params.EMPTY, x);
    }
  }
}
