package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reductions and scans against NumPy (tools/refgen/gen_numpy_shaping.py) over every dtype,
 * axes (none, positive, negative, several), 0-d and empty shapes: result dtype (JAX's rules,
 * x64 off), shape and values; then the same call with keepdims must give the same values with
 * the reduced axes kept as size 1.
 */
class ReductionTableTest {
  private static final Map<String, Array> REF =
      Reference.npz("/ref/numpy_shaping_reductions.npz");

  private static int[] axes(String s) {
    if (s.equals("None")) {
      return null;
    }
    return Arrays.stream(s.split(",")).mapToInt(t -> Integer.parseInt(t.replace("m", "-")))
        .toArray();
  }

  /** Calls {@code op} as the reference names it. */
  static NDArray call(String op, NDArray x, int[] axes, boolean keepdims, int ddof) {
    ReduceOptions o = new ReduceOptions(axes, keepdims, ddof);
    return switch (op) {
      case "sum" -> Jnp.sum(x, o);
      case "prod" -> Jnp.prod(x, o);
      case "max" -> Jnp.max(x, o);
      case "min" -> Jnp.min(x, o);
      case "mean" -> Jnp.mean(x, o);
      case "var" -> Jnp.var(x, o);
      case "std" -> Jnp.std(x, o);
      case "all" -> Jnp.all(x, o);
      case "any" -> Jnp.any(x, o);
      case "count_nonzero" -> Jnp.countNonzero(x, o);
      case "median" -> Jnp.median(x, o);
      case "argmax" -> Jnp.argmax(x, o);
      case "argmin" -> Jnp.argmin(x, o);
      case "cumsum" -> axes == null ? Jnp.cumsum(x) : Jnp.cumsum(x, axes[0]);
      case "cumprod" -> axes == null ? Jnp.cumprod(x) : Jnp.cumprod(x, axes[0]);
      default -> throw new IllegalArgumentException(op);
    };
  }

  private static int[] keptShape(int[] shape, int[] axes) {
    int[] out = shape.clone();
    if (axes == null) {
      Arrays.fill(out, 1);
    } else {
      for (int a : axes) {
        out[a < 0 ? a + shape.length : a] = 1;
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyReference() {
    return REF.keySet().stream().filter(k -> k.startsWith("out|")).sorted().map(key ->
        DynamicTest.dynamicTest(key, () -> {
          String[] p = key.split("\\|");
          String op = p[1];
          Array x = REF.get("in|" + p[2] + "|" + p[3]);
          int[] axes = axes(p[4]);
          int ddof = Integer.parseInt(p[5]);
          Array want = REF.get(key);
          NDArray got = call(op, x, axes, false, ddof);
          ShapingTestSupport.assertClose(want, got, key);
          if (!op.startsWith("cum")) {
            NDArray kept = call(op, x, axes, true, ddof);
            assertArrayEquals(keptShape(x.shape(), axes), kept.shape(), key + " keepdims shape");
            Array wantKept = want.reshapeView(org.jaxpresso.core.Shape.of(kept.shape()));
            ShapingTestSupport.assertClose(wantKept, kept, key + " keepdims");
          }
        }));
  }
}
