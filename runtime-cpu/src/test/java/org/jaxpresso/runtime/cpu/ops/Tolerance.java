package org.jaxpresso.runtime.cpu.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;

/**
 * The documented error bound of the heavy kernels, checked element by element against the
 * reference implementation (which accumulates in float64 and rounds once):
 * {@code |got - ref| <= (K + 2) u sum|a b| + r max(|got|, |ref|)}, where K is the number of
 * products summed into the element, u the unit roundoff of the working type (2^-24 for float32,
 * bfloat16 and float16 results, 2^-53 for float64), r the relative rounding of a narrow result
 * (2^-7 bfloat16, 2^-10 float16, else 0) and {@code sum|a b|} the same operation run by the
 * reference on the absolute values in float64.
 */
final class Tolerance {
  private Tolerance() {}

  /** Random values in [-1, 1) for float dtypes, small integers otherwise. */
  static Array random(Random rnd, DType dtype, int... shape) {
    long size = 1;
    for (int d : shape) {
      size *= d;
    }
    if (dtype.isFloating()) {
      double[] v = new double[(int) size];
      for (int i = 0; i < v.length; i++) {
        v[i] = rnd.nextDouble() * 2 - 1;
      }
      return Array.fromDoubles(dtype, v, shape);
    }
    long[] v = new long[(int) size];
    for (int i = 0; i < v.length; i++) {
      v[i] = dtype.isUnsigned() ? rnd.nextInt(4) : rnd.nextInt(7) - 3;
    }
    return Array.fromLongs(dtype, v, shape);
  }

  /** {@code |x|} in float64. */
  static Array absF64(Array x) {
    double[] v = new double[(int) x.aval().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.abs(x.getDouble(i));
    }
    return Array.fromDoubles(DType.FLOAT64, v, x.aval().shape().dims());
  }

  /**
   * Checks {@code got} against the reference of {@code prim} on {@code a, b}: bitwise for
   * non-float results, within the bound for float ones.
   */
  static void check(Primitive prim, Params params, Array a, Array b, Array got, long terms,
      String what) {
    Array ref = prim.impl(List.of(a, b), params).get(0);
    assertEquals(ref.aval(), got.aval(), what + ": aval");
    DType d = ref.dtype();
    if (!d.isFloating()) {
      assertArrayEquals(ref.toLongArray(), got.toLongArray(), what);
      return;
    }
    Array mag = prim.impl(List.of(absF64(a), absF64(b)),
        params.with("preferred_element_type", null)).get(0);
    double u = d == DType.FLOAT64 ? 0x1p-53 : 0x1p-24;
    double r = switch (d) {
      case BFLOAT16 -> 0x1p-7;
      case FLOAT16 -> 0x1p-10;
      default -> 0;
    };
    double tiny = d == DType.FLOAT16 ? 0x1p-24 : d == DType.BFLOAT16 ? 0x1p-126 : 0x1p-1000;
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < ref.aval().size(); i++) {
      double x = got.getDouble(i);
      double y = ref.getDouble(i);
      double bound = (terms + 2) * u * mag.getDouble(i) * (1 + r)
          + r * Math.max(Math.abs(x), Math.abs(y)) + tiny;
      if (!(Math.abs(x - y) <= bound) && bad.size() < 5) {
        bad.add("[" + i + "] got " + x + ", reference " + y + ", bound " + bound);
      }
    }
    if (!bad.isEmpty()) {
      fail(what + ": " + bad);
    }
  }
}
