package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.batching.Batching;
import org.junit.jupiter.api.Test;

/** vmap over index operands (dynamic_slice starts, gather indices): per-element results. */
class RulesBatchedIndicesTest {
  private static final Array X = Array.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
      4, 3);

  @Test
  void dynamicSliceWithBatchedStarts() {
    Array starts = Array.of(new int[] {0, 2, 1}, 3);
    NDArray got = Batching.vmap(a -> List.of(Lax.dynamicSlice(a.get(0),
        new Object[] {a.get(1), 0}, new int[] {2, 3})), List.of(X, starts),
        new int[] {-1, 0}, j -> 0).get(0);
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 3, 4, 5, 6, 7, 8},
        got.toFloatArray());
  }

  @Test
  void gatherWithBatchedIndicesAndOperand() {
    GatherDimensionNumbers dn = new GatherDimensionNumbers(new int[] {1}, new int[] {0},
        new int[] {0});
    Array idx = Array.of(new int[] {3, 0}, 2, 1, 1);
    Array xs = Array.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6,
        7, 8, 9, 10, 11}, 2, 4, 3);
    NDArray got = Batching.vmap(a -> List.of(Lax.gather(a.get(0), a.get(1), dn,
        new int[] {1, 3}, GatherScatterMode.CLIP)), List.of(xs, idx), new int[] {0, 0},
        j -> 0).get(0);
    assertArrayEquals(new float[] {9, 10, 11, 0, 1, 2}, got.toFloatArray());
  }

  @Test
  void gatherWithOnlyIndicesBatched() {
    GatherDimensionNumbers dn = new GatherDimensionNumbers(new int[] {1}, new int[] {0},
        new int[] {0});
    Array idx = Array.of(new int[] {3, 1, 0, 2}, 2, 2, 1);
    NDArray got = Batching.vmap(a -> List.of(Lax.gather(a.get(0), a.get(1), dn,
        new int[] {1, 3}, GatherScatterMode.CLIP)), List.of(X, idx), new int[] {-1, 0},
        j -> 0).get(0);
    assertArrayEquals(new float[] {9, 10, 11, 3, 4, 5, 0, 1, 2, 6, 7, 8}, got.toFloatArray());
  }

  @Test
  void scatterAddWithBatchedIndicesAndUpdates() {
    ScatterDimensionNumbers dn = new ScatterDimensionNumbers(new int[] {1}, new int[] {0},
        new int[] {0});
    Array idx = Array.of(new int[] {3, 3, 0, 1}, 2, 2, 1);
    Array upd = Array.of(new float[] {1, 1, 1, 2, 2, 2, 5, 5, 5, 7, 7, 7}, 2, 2, 3);
    Array zeros = Array.of(new float[12], 4, 3);
    NDArray got = Batching.vmap(a -> List.of(Lax.scatterAdd(a.get(0), a.get(1), a.get(2), dn,
        null)), List.of(zeros, idx, upd), new int[] {-1, 0, 0}, j -> 0).get(0);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 5, 5, 5, 7, 7, 7, 0, 0,
        0, 0, 0, 0}, got.toFloatArray());
  }

  @Test
  void dynamicSliceWithBatchedOperandAndStartsClamps() {
    Array xs = Array.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6,
        7, 8, 9, 10, 11}, 2, 4, 3);
    Array starts = Array.of(new int[] {9, -1}, 2);
    NDArray got = Batching.vmap(a -> List.of(Lax.dynamicSlice(a.get(0),
        new Object[] {a.get(1), a.get(1)}, new int[] {2, 2})), List.of(xs, starts),
        new int[] {0, 0}, j -> 0).get(0);
    assertArrayEquals(new float[] {7, 8, 10, 11, 0, 1, 3, 4}, got.toFloatArray());
  }

  @Test
  void dynamicUpdateSliceWithBatchedStarts() {
    Array starts = Array.of(new int[] {3, 1}, 2);
    Array upd = Array.of(new float[] {-1, -2, -3, -4, -5, -6}, 2, 3);
    NDArray got = Batching.vmap(a -> List.of(Lax.dynamicUpdateSlice(a.get(0), a.get(1),
        a.get(2), 0)), List.of(X, upd, starts), new int[] {-1, -1, 0}, j -> 0).get(0);
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, -1, -2, -3, -4, -5, -6, 0, 1, 2, -1, -2,
        -3, -4, -5, -6, 9, 10, 11}, got.toFloatArray());
  }
}
