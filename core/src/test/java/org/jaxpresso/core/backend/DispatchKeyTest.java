package org.jaxpresso.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.junit.jupiter.api.Test;

/**
 * The eager cache's key: every part of a signature (dtype, shape, weak type, params, the
 * primitive) separates entries, and equal params built anew share one.
 */
class DispatchKeyTest {
  /** The identity on any array, with params it ignores. */
  private static final Primitive ID = Primitive.builder("test_dispatch_key_id")
      .abstractEval((avals, params) -> List.of(avals.get(0)))
      .impl((args, params) -> List.of(args.get(0)))
      .buildUnregistered();

  /** The same rule under another primitive. */
  private static final Primitive OTHER = Primitive.builder("test_dispatch_key_other")
      .abstractEval((avals, params) -> List.of(avals.get(0)))
      .impl((args, params) -> List.of(args.get(0)))
      .buildUnregistered();

  private static int added(Runnable r) {
    int before = Dispatch.cacheSize();
    r.run();
    return Dispatch.cacheSize() - before;
  }

  @Test
  void everyPartOfTheSignatureSeparatesEntries() {
    Array f = Array.of(new float[] {1, 2, 3}, 3);
    Params k1 = Params.of("k", 1);
    assertEquals(1, added(() -> ID.bind1(k1, f)));
    assertEquals(0, added(() -> ID.bind1(Params.of("k", 1), Array.of(new float[] {4, 5, 6}, 3))),
        "equal params and avals of new objects find the entry");
    assertEquals(1, added(() -> ID.bind1(Params.of("k", 2), f)), "params");
    assertEquals(1, added(() -> ID.bind1(k1, f.withWeakType(true))), "weak type");
    assertEquals(1, added(() -> ID.bind1(k1, Array.of(new float[] {1, 2, 3}, 3, 1))), "shape");
    assertEquals(1, added(() -> ID.bind1(k1, Array.fromDoubles(DType.FLOAT64,
        new double[] {1, 2, 3}, 3))), "dtype");
    assertEquals(1, added(() -> OTHER.bind1(k1, f)), "primitive");
    assertEquals(0, added(() -> OTHER.bind1(Params.of("k", 1), f)));
  }

  @Test
  void arrayValuedParamsCompareByContent() {
    Array f = Array.of(new float[] {1, 2}, 2);
    assertEquals(1, added(() -> ID.bind1(Params.of("axes", new int[] {0, 7}), f)));
    assertEquals(0, added(() -> ID.bind1(Params.of("axes", new int[] {0, 7}), f)));
    assertEquals(1, added(() -> ID.bind1(Params.of("axes", new int[] {7, 0}), f)));
  }
}
