package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.lax.Lax;

/**
 * The cases of {@code tools/refgen/gen_numpy_linalg.py}: keys {@code op|params|dtypes|id|role},
 * inputs canonicalized as {@code jnp.asarray} would (64-bit types become 32-bit with x64 off),
 * expected values in float64.
 */
final class LinalgReferenceCases {
  private LinalgReferenceCases() {}

  /** One case: the op, its params, its inputs and the expected value. */
  record Case(String op, Map<String, String> params, String rawParams, String dtypes,
      List<NDArray> inputs, Array expected) {
    String param(String name) {
      return params.get(name);
    }

    int intParam(String name) {
      return Integer.parseInt(params.get(name));
    }

    int[] intsParam(String name) {
      String[] parts = params.get(name).split("\\.");
      int[] out = new int[parts.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = Integer.parseInt(parts[i]);
      }
      return out;
    }

    @Override
    public String toString() {
      return op + "|" + rawParams + "|" + dtypes;
    }
  }

  /** Every case of one .npz resource, in key order. */
  static List<Case> load(String resource) {
    Map<String, Array> arrays = Reference.npz(resource);
    Map<String, Map<String, Array>> groups = new TreeMap<>();
    for (Map.Entry<String, Array> e : arrays.entrySet()) {
      String key = e.getKey();
      int cut = key.lastIndexOf('|');
      groups.computeIfAbsent(key.substring(0, cut), k -> new TreeMap<>())
          .put(key.substring(cut + 1), e.getValue());
    }
    List<Case> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Array>> g : groups.entrySet()) {
      String[] parts = g.getKey().split("\\|", -1);
      Map<String, String> params = new LinkedHashMap<>();
      if (!parts[1].equals("-")) {
        for (String kv : parts[1].split("&")) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            params.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
        }
      }
      List<NDArray> inputs = new ArrayList<>();
      for (int i = 0; g.getValue().containsKey("in" + i); i++) {
        inputs.add(canonical(g.getValue().get("in" + i)));
      }
      out.add(new Case(parts[0], params, parts[1], parts[2], inputs, g.getValue().get("out")));
    }
    return out;
  }

  /** {@code x} as {@code jnp.asarray} makes it with x64 off: 64-bit types become 32-bit. */
  static NDArray canonical(Array x) {
    DType c = x.dtype().canonical();
    return c == x.dtype() ? x : Lax.convertElementType(x, c);
  }

  /**
   * Asserts {@code actual} has {@code dtype}, the expected shape, and the expected values
   * (exact for integers and bool, within a dtype-sized tolerance for floats).
   */
  static void check(Case c, NDArray actual, DType dtype) {
    String what = c.toString();
    assertEquals(dtype, actual.dtype(), what + ": dtype");
    assertArrayEquals(c.expected().shape(), actual.shape(), what + ": shape");
    double[] want = c.expected().toDoubleArray();
    double[] got = ((Array) actual).toDoubleArray();
    double scale = 0;
    for (double w : want) {
      if (Double.isFinite(w)) {
        scale = Math.max(scale, Math.abs(w));
      }
    }
    double rtol = switch (dtype) {
      case BFLOAT16 -> 1e-2;
      case FLOAT16 -> 2e-3;
      case FLOAT32 -> 2e-6;
      default -> 0;
    };
    for (int i = 0; i < want.length; i++) {
      double w = dtype == DType.BOOL ? (want[i] != 0 ? 1 : 0) : want[i];
      if (rtol == 0 || Double.isInfinite(w) || Double.isNaN(w)) {
        assertTrue(w == got[i] || (Double.isNaN(w) && Double.isNaN(got[i])),
            what + " at " + i + ": expected " + w + " got " + got[i]);
      } else {
        double tol = rtol * (Math.abs(w) + scale) + 1e-30;
        assertTrue(Math.abs(w - got[i]) <= tol,
            what + " at " + i + ": expected " + w + " got " + got[i]);
      }
    }
  }
}
