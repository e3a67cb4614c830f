package org.jaxpresso.jit.conformance;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.GatherDimensionNumbers;
import org.jaxpresso.lax.GatherScatterMode;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.ScatterDimensionNumbers;

/**
 * Cases of the shaping, slicing, gather and scatter primitives, each followed by an
 * elementwise consumer in one variant so that the index maps are exercised fused as well as
 * alone; 0-d, empty and size-1 shapes throughout, out-of-bounds indices for the dynamic and
 * gather/scatter ops (clamped, dropped or filled as the mode says).
 */
final class ShapingCases {
  private ShapingCases() {}

  private static Array g(DType d, long seed, int... shape) {
    return Values.general(d, seed, shape);
  }

  private static Array i32(long v) {
    return Array.scalar(v, DType.INT32);
  }

  private static NDArray consume(NDArray x) {
    return Lax.max(x, Lax.rev(x, allDims(x)));
  }

  private static int[] allDims(NDArray x) {
    int[] d = new int[x.shape().length];
    for (int i = 0; i < d.length; i++) {
      d[i] = i;
    }
    return d;
  }

  /** The cases of {@code name}, or null if it is not one of these primitives. */
  static List<ConformanceCase> of(String name) {
    CaseSet s = new CaseSet(name);
    switch (name) {
      case "broadcast_in_dim" -> s.forEachDtype("0-d, size-1, empty", d -> List.of(g(d, 1),
          g(d, 2, 3, 1), g(d, 3, 0), g(d, 4, 4)), x -> List.of(
          Lax.broadcastInDim(x.get(0), new int[] {3, 4}, new int[0]),
          Lax.broadcastInDim(x.get(1), new int[] {2, 3, 5}, new int[] {1, 2}),
          Lax.broadcastInDim(x.get(2), new int[] {2, 0}, new int[] {1}),
          consume(Lax.broadcastInDim(x.get(3), new int[] {4, 3}, new int[] {0})),
          Lax.broadcastInDim(x.get(0), new int[0], new int[0])));
      case "concatenate" -> s.forEachDtype("rows, columns, empty", d -> List.of(g(d, 1, 2, 3),
          g(d, 2, 4, 3), g(d, 3, 2, 0), g(d, 4, 1)), x -> List.of(
          Lax.concatenate(0, x.get(0), x.get(1)),
          consume(Lax.concatenate(1, x.get(2), x.get(0), x.get(2))),
          Lax.concatenate(0, x.get(3), x.get(3), x.get(3))));
      case "dynamic_slice" -> s.forEachDtype("in range, clamped", d -> List.of(g(d, 1, 5, 6),
          i32(1), i32(2), i32(-3), i32(9)), x -> List.of(
          Lax.dynamicSlice(x.get(0), new Object[] {x.get(1), x.get(2)}, new int[] {2, 3}),
          consume(Lax.dynamicSlice(x.get(0), new Object[] {x.get(3), x.get(4)},
              new int[] {3, 2})),
          Lax.dynamicSlice(x.get(0), new Object[] {x.get(4), x.get(1)}, new int[] {0, 6})));
      case "dynamic_update_slice" -> s.forEachDtype("in range, clamped", d -> List.of(
          g(d, 1, 5, 6), g(d, 2, 2, 3), i32(1), i32(2), i32(-3), i32(9)), x -> List.of(
          Lax.dynamicUpdateSlice(x.get(0), x.get(1), x.get(2), x.get(3)),
          consume(Lax.dynamicUpdateSlice(x.get(0), x.get(1), x.get(4), x.get(5)))));
      case "gather" -> {
        GatherDimensionNumbers rows = new GatherDimensionNumbers(new int[] {1}, new int[] {0},
            new int[] {0});
        for (GatherScatterMode m : GatherScatterMode.values()) {
          boolean inBounds = m == GatherScatterMode.PROMISE_IN_BOUNDS;
          s.forEachDtype(m.name(), d -> List.of(g(d, 1, 5, 4), inBounds
              ? Array.fromLongs(DType.INT32, new long[] {4, 0, 2, 2}, 4, 1)
              : Array.fromLongs(DType.INT32, new long[] {4, -1, 2, 7, 0}, 5, 1)), x -> List.of(
              Lax.gather(x.get(0), x.get(1), rows, new int[] {1, 4}, m),
              consume(Lax.gather(x.get(0), x.get(1), rows, new int[] {1, 2}, m))));
        }
      }
      case "iota" -> s.forEachDtype("1-d, broadcasted, empty", d -> List.of(g(d, 1, 7),
          g(d, 2, 3, 4)), x -> List.of(Lax.add(x.get(0), Lax.iota(x.get(0).dtype(), 7)),
          Lax.mul(x.get(1), Lax.broadcastedIota(x.get(1).dtype(), new int[] {3, 4}, 1)),
          Lax.iota(x.get(0).dtype(), 0)));
      case "pad" -> s.forEachDtype("edge, interior, negative", d -> List.of(g(d, 1, 3, 4),
          g(d, 2), g(d, 3, 0, 2), g(d, 4)), x -> List.of(
          Lax.pad(x.get(0), x.get(1), new int[][] {{1, 2, 0}, {0, -1, 1}}),
          consume(Lax.pad(x.get(0), x.get(1), new int[][] {{-1, -1, 2}, {2, 0, 0}})),
          Lax.pad(x.get(2), x.get(1), new int[][] {{1, 1, 3}, {0, 1, 1}}),
          Lax.pad(x.get(3), x.get(1), new int[0][])));
      case "reshape" -> s.forEachDtype("split, merge, 0-d, empty", d -> List.of(
          g(d, 1, 3, 4), g(d, 2, 12), g(d, 3), g(d, 4, 0, 3)), x -> List.of(
          Lax.reshape(x.get(0), new int[] {2, 6}), consume(Lax.reshape(x.get(1),
              new int[] {3, 2, 2})), Lax.reshape(x.get(2), new int[] {1, 1}),
          Lax.reshape(x.get(3), new int[] {3, 0}), Lax.reshape(Lax.reshape(x.get(2),
              new int[] {1}), new int[0])));
      case "rev" -> s.forEachDtype("axes", d -> List.of(g(d, 1, 3, 4), g(d, 2, 37), g(d, 3),
          g(d, 4, 0, 2)), x -> List.of(Lax.rev(x.get(0), 0, 1), Lax.rev(x.get(0), 1),
          Lax.rev(x.get(1), 0), Lax.rev(x.get(2)), Lax.rev(x.get(3), 0)));
      case "slice" -> s.forEachDtype("strided, empty", d -> List.of(g(d, 1, 5, 6),
          g(d, 2, 37)), x -> List.of(
          Lax.slice(x.get(0), new int[] {1, 2}, new int[] {4, 6}, new int[] {2, 1}),
          consume(Lax.slice(x.get(0), new int[] {0, 1}, new int[] {5, 6}, new int[] {3, 4})),
          Lax.slice(x.get(1), new int[] {3}, new int[] {3}),
          Lax.slice(x.get(1), new int[] {5}, new int[] {36}, new int[] {7})));
      case "squeeze" -> s.forEachDtype("size-1 axes", d -> List.of(g(d, 1, 3, 1, 4),
          g(d, 2, 1), g(d, 3, 1, 0)), x -> List.of(Lax.squeeze(x.get(0), 1),
          Lax.squeeze(x.get(1), 0), Lax.squeeze(x.get(2), 0)));
      case "transpose" -> s.forEachDtype("permutations", d -> List.of(g(d, 1, 2, 3, 4),
          g(d, 2), g(d, 3, 0, 3), g(d, 4, 5, 7)), x -> List.of(
          Lax.transpose(x.get(0), 2, 0, 1), Lax.transpose(x.get(2), 1, 0),
          Lax.transpose(x.get(1)), consume(Lax.transpose(x.get(3), 1, 0))));
      case "scatter", "scatter-add", "scatter-sub", "scatter-mul", "scatter-min",
          "scatter-max" -> scatter(name, s);
      default -> {
        return null;
      }
    }
    return s.cases();
  }

  private static void scatter(String name, CaseSet s) {
    ScatterDimensionNumbers rows = new ScatterDimensionNumbers(new int[] {1}, new int[] {0},
        new int[] {0});
    boolean replace = name.equals("scatter");
    for (GatherScatterMode m : new GatherScatterMode[] {GatherScatterMode.FILL_OR_DROP,
        GatherScatterMode.CLIP}) {
      // Duplicate indices combine in an order-independent way only for the combining scatters;
      // plain scatter gets unique ones. Small dyadic values keep sums and products exact.
      long[] idx = replace ? new long[] {4, 0, 2, 9} : new long[] {4, 0, 2, 2, -1, 9};
      s.forEachDtype(m.name(), d -> List.of(Values.small(d, 1, 5, 3),
          Array.fromLongs(DType.INT32, idx, idx.length, 1),
          Values.small(d, 2, idx.length, 3)), x -> {
            NDArray out = switch (name) {
              case "scatter" -> Lax.scatter(x.get(0), x.get(1), x.get(2), rows, m);
              case "scatter-add" -> Lax.scatterAdd(x.get(0), x.get(1), x.get(2), rows, m);
              case "scatter-sub" -> Lax.scatterSub(x.get(0), x.get(1), x.get(2), rows, m);
              case "scatter-mul" -> Lax.scatterMul(x.get(0), x.get(1), x.get(2), rows, m);
              case "scatter-min" -> Lax.scatterMin(x.get(0), x.get(1), x.get(2), rows, m);
              default -> Lax.scatterMax(x.get(0), x.get(1), x.get(2), rows, m);
            };
            return List.of(out, consume(out));
          });
    }
  }
}
