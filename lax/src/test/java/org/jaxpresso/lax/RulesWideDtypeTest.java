package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ad.Ad;
import org.junit.jupiter.api.Test;

/**
 * With x64 off, float64 arrays made directly are real float64 arrays: rules that convert
 * (masks of max/min/reduce_max/sort/gather, svd's identity, pow's exponent) keep their dtype
 * rather than canonicalizing it to float32, so JVPs and VJPs of such arrays stay float64.
 */
class RulesWideDtypeTest {
  private static final Array A = Array.fromDoubles(DType.FLOAT64,
      new double[] {1, 2, 3, 4, 5, 7}, 3, 2);
  private static final Array B = Array.fromDoubles(DType.FLOAT64,
      new double[] {2, 1, 3, 0, 6, 7}, 3, 2);

  private static void check(String name, Function<List<NDArray>, NDArray> f, Array... xs) {
    List<NDArray> in = List.of(xs);
    Ad.JvpOutput o = Ad.jvp(a -> List.of(f.apply(a)), in, in);
    assertEquals(DType.FLOAT64, o.tangents().get(0).aval().dtype(), name + " tangent");
    Ad.Linearized lin = Ad.linearize(a -> List.of(f.apply(a)), in);
    List<NDArray> cts = lin.vjp(List.of(o.primals().get(0)));
    for (NDArray c : cts) {
      assertEquals(DType.FLOAT64, c.aval().dtype(), name + " cotangent");
    }
  }

  @Test
  void float64RulesWithX64Off() {
    assertEquals(false, Flags.x64Enabled());
    check("max", a -> Lax.max(a.get(0), a.get(1)), A, B);
    check("reduce_max", a -> Lax.reduceMax(a.get(0), 1), A);
    check("svd", a -> Lax.svd(a.get(0), false, true).get(1), A);
    check("svd s", a -> Lax.svd(a.get(0), true, false).get(0), A);
    check("pow", a -> Lax.pow(a.get(0), Array.scalar(2, DType.INT32)), A);
    check("sort", a -> Lax.sort(a.get(0), 0, true), A);
    check("polygamma", a -> Lax.polygamma(Array.scalar(1.0, DType.FLOAT64), a.get(0)), A);
    check("digamma", a -> Lax.digamma(a.get(0)), A);
  }
}
