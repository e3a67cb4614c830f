package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** Params are named and printed exactly as JAX 0.11.2 prints them in jaxprs. */
class ReductionParamsTest {
  private static String jaxpr(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> e = (Map<String, Object>) Reference.section("jaxprs").get(name);
    return ReductionTraceRecorder.flatten((String) e.get("ok"));
  }

  private static void assertInReference(String ref, List<String> eqns) {
    String text = jaxpr(ref);
    for (String eqn : eqns) {
      assertTrue(text.contains(eqn + " "), eqn + " not printed as in reference " + ref + ":\n"
          + text);
    }
  }

  private final Array x10 = Array.of(new float[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3}, 10);

  @Test
  void argmaxCumsumSortPrintLikeJax() {
    List<String> eqns = ReductionTraceRecorder.record(() -> List.of(
        Lax.argmax(x10, 0, DType.INT32), Lax.cumsum(x10, 0), Lax.sort(x10, 0, true)));
    assertEquals(List.of("argmax[axes=(0,) index_dtype=int32]", "cumsum[axis=0 reverse=False]",
        "sort[dimension=0 is_stable=True num_keys=1]"), eqns);
    assertInReference("argmax_cumsum_sort", eqns);
  }

  @Test
  void reduceSumCarriesOutSharding() {
    Array x = Array.of(new float[15], 5, 3);
    List<String> eqns = ReductionTraceRecorder.record(() -> Lax.reduceSum(x, 0));
    assertEquals(List.of("reduce_sum[axes=(0,) out_sharding=None]"), eqns);
    assertInReference("sum0", eqns);
    assertInReference("mean_std", ReductionTraceRecorder.record(() -> Lax.reduceSum(x, 0, 1)));
  }

  @Test
  void onlySumMaxMinCarryOutSharding() {
    // probe "prod min all any": reduce_prod[axes=(0,)], reduce_min[axes=(0,) out_sharding=None],
    // reduce_and[axes=(0,)], reduce_or[axes=(0,)]
    Array f = Array.of(new float[] {1, 2, 3, 4}, 4);
    Array b = Array.of(new boolean[] {true, false, true, true}, 4);
    List<String> eqns = ReductionTraceRecorder.record(() -> List.of(Lax.reduceProd(f, 0),
        Lax.reduceMin(f, 0), Lax.reduceMax(f, 0), Lax.reduceAnd(b, 0), Lax.reduceOr(b, 0),
        Lax.reduceXor(b, 0)));
    assertEquals(List.of("reduce_prod[axes=(0,)]", "reduce_min[axes=(0,) out_sharding=None]",
        "reduce_max[axes=(0,) out_sharding=None]", "reduce_and[axes=(0,)]",
        "reduce_or[axes=(0,)]", "reduce_xor[axes=(0,)]"), eqns);
    String msg = (String) ((Map<?, ?>) Reference.section("errors").get("traced_reshape"))
        .get("message");
    assertTrue(msg.contains("= " + eqns.get(0) + " "), msg);
  }

  @Test
  void variadicSortAndTopKParams() {
    Array k = Array.of(new float[] {2, 1, 3, 0}, 4);
    Array v = Array.of(new int[] {0, 1, 2, 3}, 4);
    List<String> eqns = ReductionTraceRecorder.record(() -> List.of(
        Lax.sort(List.of(k, v), -1, true, 1), Lax.topK(k, 2),
        Lax.cummax(k, 0, true), Lax.argmin(k, 0, DType.INT64)));
    assertEquals(List.of("sort[dimension=0 is_stable=True num_keys=1]",
        "top_k[axis=0 is_stable=True k=2]", "cummax[axis=0 reverse=True]",
        "argmin[axes=(0,) index_dtype=int32]"), eqns);
  }
}
