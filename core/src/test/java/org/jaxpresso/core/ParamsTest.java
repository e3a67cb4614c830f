package org.jaxpresso.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsTest {
  @Test
  void sortedAndPrintedAsPython() {
    Params p = Params.of("out_sharding", null, "axes", new int[] {0});
    assertEquals(List.of("axes", "out_sharding"), p.names());
    assertEquals("[axes=(0,) out_sharding=None]", p.toString());
    assertEquals("[dimension=0 dtype=int32 shape=(4,) sharding=None]",
        Params.of("dimension", 0, "dtype", DType.INT32, "shape", new int[] {4}, "sharding", null).toString());
    assertEquals("[padding_config=((1, 2, 0),)]", Params.of("padding_config", new int[][] {{1, 2, 0}}).toString());
    assertEquals("[is_stable=True y=2.5]", Params.of("is_stable", true, "y", 2.5).toString());
    assertEquals("[]", Params.EMPTY.toString());
  }

  @Test
  void valueEqualityOverArrays() {
    Params a = Params.of("axes", new int[] {0, 1}, "n", 3);
    Params b = Params.of("n", 3, "axes", new int[] {0, 1});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, Params.of("axes", new int[] {1, 0}, "n", 3));
    assertNotEquals(a, Params.of("axes", new int[] {0, 1}));
  }

  @Test
  void arraysAreCopiedInAndOut() {
    int[] axes = {0};
    Params p = Params.of("axes", axes);
    axes[0] = 5;
    assertArrayEquals(new int[] {0}, p.ints("axes"));
    p.ints("axes")[0] = 7;
    assertArrayEquals(new int[] {0}, p.ints("axes"));
    assertEquals(p.with("axes", new int[] {1}).ints("axes")[0], 1);
  }

  @Test
  void badInput() {
    assertThrows(IllegalArgumentException.class, () -> Params.of("a"));
    assertThrows(IllegalArgumentException.class, () -> Params.of("a", 1, "a", 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Params.of("a", 1).get("b"));
    assertEquals("missing parameter b in [a=1]", e.getMessage());
  }
}
