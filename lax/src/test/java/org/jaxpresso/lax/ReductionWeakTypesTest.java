package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.junit.jupiter.api.Test;

/**
 * Weak types follow JAX: reduce_sum/prod/max/min, the scans, sort and top_k values keep the
 * operand's weak type; logical reductions and argmax/argmin strip it; dot_general and
 * conv_general_dilated are weak only when both operands are.
 */
class ReductionWeakTypesTest {
  private final Array weak = Array.of(new float[] {1, 5, 2}, 3).withWeakType(true);
  private final Array weakInt = Array.of(new int[] {1, 5, 2}, 3).withWeakType(true);
  private final Array strong = Array.of(new float[] {1, 5, 2}, 3);

  @Test
  void keepingReductionsKeepWeakness() {
    for (NDArray r : List.of(Lax.reduceSum(weak, 0), Lax.reduceMax(weak, 0),
        Lax.reduceMin(weak, 0), Lax.reduceProd(weak, 0), Lax.cumsum(weak, 0),
        Lax.cumlogsumexp(weak, 0), Lax.sort(weak, 0, true), Lax.topK(weak, 2).get(0))) {
      assertEquals(true, r.weakType(), r.aval().toString());
    }
    assertEquals(false, Lax.reduceSum(strong, 0).weakType());
  }

  @Test
  void indexAndLogicalReductionsStripWeakness() {
    assertEquals(false, Lax.argmax(weak, 0, DType.INT32).weakType());
    assertEquals(false, Lax.argmin(weak, 0, DType.INT32).weakType());
    assertEquals(false, Lax.reduceAnd(weakInt, 0).weakType());
    assertEquals(false, Lax.reduceOr(weakInt, 0).weakType());
    assertEquals(false, Lax.reduceXor(weakInt, 0).weakType());
  }

  @Test
  void dotAndConvAreWeakOnlyIfBothAre() {
    assertEquals(true, Lax.dot(weak, weak).weakType());
    assertEquals(false, Lax.dot(weak, strong).weakType());
    Array w = Array.of(new float[] {1, 1}, 1, 1, 2).withWeakType(true);
    Array x = Array.of(new float[] {1, 2, 3}, 1, 1, 3).withWeakType(true);
    assertEquals(true, Lax.convGeneralDilated(x, w, new int[] {1}, Lax.VALID).weakType());
    assertEquals(false, Lax.convGeneralDilated(x.withWeakType(false), w, new int[] {1},
        Lax.VALID).weakType());
  }
}
