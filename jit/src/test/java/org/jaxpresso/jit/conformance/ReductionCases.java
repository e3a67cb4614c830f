package org.jaxpresso.jit.conformance;

import java.util.List;
import java.util.function.BiFunction;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;

/**
 * Cases of reductions, arg-reductions, cumulative ops, sorts, {@code dot_general} and
 * convolutions: over single, several and no axes, over empty axes (the identity), 0-d
 * operands, with an elementwise producer (input fusion) and an elementwise epilogue. Sums and
 * products get small dyadic values (plus infinities and NaN in one operand) so that any
 * accumulation order is exact.
 */
final class ReductionCases {
  private ReductionCases() {}

  /** Small dyadic values with an infinity and a NaN for floats (exact in any order). */
  static Array summable(DType d, long seed, int... shape) {
    Array a = Values.small(d, seed, shape);
    if (!d.isFloating() || a.size() < 8) {
      return a;
    }
    double[] v = new double[Math.toIntExact(a.size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.host().getDouble(i);
    }
    v[1] = Double.POSITIVE_INFINITY;
    v[7] = Double.NaN;
    return Array.fromDoubles(d, v, shape);
  }

  /** Factors whose products stay exact: mostly +-1, some +-2 and +-0.5, a zero. */
  static Array multipliable(DType d, long seed, int... shape) {
    Array a = Values.small(d, seed, shape);
    if (!d.isFloating()) {
      return a;
    }
    double[] v = new double[Math.toIntExact(a.size())];
    java.util.Random r = new java.util.Random(seed);
    double[] f = {1, -1, 1, -1, 1, -1, 2, -0.5, 0.5, -2};
    for (int i = 0; i < v.length; i++) {
      v[i] = i == 3 ? 0.0 : f[r.nextInt(f.length)];
    }
    return Array.fromDoubles(d, v, shape);
  }

  private static List<NDArray> reductions(List<NDArray> x,
      BiFunction<NDArray, int[], NDArray> r) {
    NDArray m = x.get(0);
    return List.of(r.apply(m, new int[] {0}), r.apply(m, new int[] {1}),
        r.apply(m, new int[] {0, 1}), r.apply(m, new int[0]),
        r.apply(Lax.max(m, Lax.rev(m, 0)), new int[] {1}),
        Lax.neg(r.apply(m, new int[] {1})),
        r.apply(x.get(1), new int[] {0}), r.apply(x.get(1), new int[] {1}),
        r.apply(x.get(2), new int[0]), r.apply(x.get(3), new int[] {0}),
        r.apply(x.get(4), new int[] {0, 2}));
  }

  /** The cases of {@code name}, or null if it is not one of these primitives. */
  static List<ConformanceCase> of(String name) {
    CaseSet s = new CaseSet(name);
    switch (name) {
      case "reduce_sum" -> reduce(s, ReductionCases::summable, Lax::reduceSum);
      case "reduce_prod" -> reduce(s, ReductionCases::multipliable, Lax::reduceProd);
      case "reduce_max" -> reduce(s, Values::general, Lax::reduceMax);
      case "reduce_min" -> reduce(s, Values::general, Lax::reduceMin);
      case "reduce_and" -> reduce(s, Values::general, Lax::reduceAnd);
      case "reduce_or" -> reduce(s, Values::general, Lax::reduceOr);
      case "reduce_xor" -> reduce(s, Values::general, Lax::reduceXor);
      case "argmax", "argmin" -> {
        boolean max = name.equals("argmax");
        for (DType index : new DType[] {DType.INT32, DType.INT8, DType.INT64}) {
          s.forEachDtype("index " + index.shortName(), d -> List.of(Values.general(d, 1, 3, 5),
              Values.small(d, 2, 37), Values.small(d, 3, 2, 7, 3)), x -> {
                BiFunction<NDArray, Integer, NDArray> f = (a, ax) -> max
                    ? Lax.argmax(a, ax, index) : Lax.argmin(a, ax, index);
                return List.of(f.apply(x.get(0), 0), f.apply(x.get(0), 1),
                    f.apply(x.get(1), 0), f.apply(x.get(2), 1),
                    f.apply(Lax.neg(x.get(2)), 2));
              });
        }
      }
      case "cumsum", "cumprod", "cummax", "cummin", "cumlogsumexp" -> cumulative(name, s);
      case "sort" -> s.forEachDtype("keys, key-value, empty", d -> List.of(
          Values.general(d, 1, 3, 9), Values.small(d, 2, 3, 9), Values.general(d, 3, 0, 4),
          Values.general(d, 4, 37)), x -> List.of(Lax.sort(x.get(0), 1, true),
          Lax.sort(x.get(0), 0, false), Lax.sort(List.of(x.get(1), x.get(0)), 1, true, 1)
              .get(1), Lax.sort(x.get(2), 1, true), Lax.sort(x.get(3), 0, true)));
      case "top_k" -> s.forEachDtype("k of 1, 3, all", d -> List.of(Values.general(d, 1, 3, 9),
          Values.general(d, 2, 37)), x -> List.of(Lax.topK(x.get(0), 3).get(0),
          Lax.topK(x.get(0), 3).get(1), Lax.topK(x.get(1), 1).get(1),
          Lax.topK(x.get(1), 37).get(0)));
      case "dot_general" -> dot(s);
      case "conv_general_dilated" -> s.forEachDtype("strided, padded", d -> List.of(
          Values.small(d, 1, 2, 3, 6, 5), Values.small(d, 2, 4, 3, 3, 2)), x -> List.of(
          Lax.convGeneralDilated(x.get(0), x.get(1), new int[] {1, 1},
              Lax.padding(new int[][] {{1, 1}, {0, 1}})),
          Lax.convGeneralDilated(x.get(0), x.get(1), new int[] {2, 1},
              Lax.padding(new int[][] {{0, 0}, {0, 0}}))));
      default -> {
        return null;
      }
    }
    return s.cases();
  }

  private interface Maker {
    Array make(DType d, long seed, int... shape);
  }

  private static void reduce(CaseSet s, Maker values, BiFunction<NDArray, int[], NDArray> r) {
    s.forEachDtype("axes, empty, 0-d, fused", d -> List.of(values.make(d, 1, 3, 5),
        values.make(d, 2, 0, 4), values.make(d, 3), values.make(d, 4, 37),
        values.make(d, 5, 2, 3, 4)), x -> reductions(x, r));
  }

  private static void cumulative(String name, CaseSet s) {
    for (boolean reverse : new boolean[] {false, true}) {
      s.forEachDtype(reverse ? "reverse" : "forward", d -> List.of(
          name.equals("cumprod") ? multipliable(d, 1, 3, 6) : name.equals("cumsum")
              ? summable(d, 1, 3, 6) : Values.general(d, 1, 3, 6),
          Values.small(d, 2, 0, 3), Values.small(d, 3, 37)), x -> {
            BiFunction<NDArray, Integer, NDArray> f = (a, ax) -> switch (name) {
              case "cumsum" -> Lax.cumsum(a, ax, reverse);
              case "cumprod" -> Lax.cumprod(a, ax, reverse);
              case "cummax" -> Lax.cummax(a, ax, reverse);
              case "cummin" -> Lax.cummin(a, ax, reverse);
              default -> Lax.cumlogsumexp(a, ax, reverse);
            };
            return List.of(f.apply(x.get(0), 0), f.apply(x.get(0), 1), f.apply(x.get(1), 0),
                f.apply(x.get(2), 0));
          });
    }
  }

  private static void dot(CaseSet s) {
    DotDimensionNumbers batched = new DotDimensionNumbers(new int[] {2}, new int[] {1},
        new int[] {0}, new int[] {0});
    s.forEachDtype("matmul, batched, empty contraction", d -> List.of(Values.small(d, 1, 3, 4),
        Values.small(d, 2, 4, 5), Values.small(d, 3, 2, 3, 4), Values.small(d, 4, 2, 4, 5),
        Values.small(d, 5, 3, 0), Values.small(d, 6, 0, 2), Values.small(d, 7, 37)), x ->
        List.of(Lax.dot(x.get(0), x.get(1)), Lax.dotGeneral(x.get(2), x.get(3), batched),
            Lax.dot(x.get(4), x.get(5)), Lax.dot(x.get(6), x.get(6)),
            Lax.max(Lax.dot(x.get(0), x.get(1)), Lax.dot(x.get(0), x.get(1)))));
  }
}
