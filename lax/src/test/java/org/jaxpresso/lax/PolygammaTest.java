package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.ad.Ad;
import org.jaxpresso.core.batching.Batching;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.lax.semantics.FloatOps;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Lax.polygamma} against mpmath at 50 digits (tools/refgen/gen_polygamma.py): float64
 * within {@code 1e-13} relative (the documented accuracy of the reference implementation; the
 * poles and domain errors exactly), narrower floats rounded once from it; shapes, dtypes,
 * weak types and errors in JAX's words; its JVP rule's error for the order; vmap with either
 * operand batched.
 */
class PolygammaTest {
  private static final Map<String, Array> REF = Reference.npz("/ref/polygamma.npz");
  private static final double TOL = 1e-13;

  @TestFactory
  Stream<DynamicTest> float64MatchesMpmath() {
    TreeSet<String> cases = new TreeSet<>();
    for (String k : REF.keySet()) {
      cases.add(k.substring(0, k.indexOf('|')));
    }
    return cases.stream().map(c -> DynamicTest.dynamicTest(c, () -> {
      Array m = REF.get(c + "|m");
      Array x = REF.get(c + "|x");
      double[] want = REF.get(c + "|out").toDoubleArray();
      NDArray got = Lax.polygamma(m, x);
      assertEquals(DType.FLOAT64, got.aval().dtype());
      double[] g = got.toDoubleArray();
      assertEquals(want.length, g.length);
      for (int i = 0; i < want.length; i++) {
        if (Double.isNaN(want[i]) || Double.isInfinite(want[i]) || want[i] == 0) {
          assertEquals(want[i], g[i], 0, c + " at " + i);
        } else {
          double rel = Math.abs(g[i] - want[i]) / Math.abs(want[i]);
          // negative x: the direct sum alternates in sign, so cancellation costs a few digits
          double tol = c.equals("negative") ? 1e-11 : TOL;
          assertTrue(rel <= tol, c + " at " + i + ": polygamma(" + m.toDoubleArray()[
              m.aval().rank() == 0 ? 0 : i] + ", " + x.toDoubleArray()[i] + ") = " + g[i]
              + ", want " + want[i] + " (relative error " + rel + ")");
        }
      }
    }));
  }

  @Test
  void narrowFloatsRoundTheDoubleResultOnce() {
    Array m = REF.get("positive|m");
    Array x = REF.get("positive|x");
    for (DType d : List.of(DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16)) {
      NDArray md = Lax.convertElementType(m, d);
      NDArray xd = Lax.convertElementType(x, d);
      NDArray got = Lax.polygamma(md, xd);
      assertEquals(d, got.aval().dtype());
      double[] mm = md.toDoubleArray();
      double[] xx = xd.toDoubleArray();
      double[] g = got.toDoubleArray();
      NDArray exact = Lax.polygamma(Lax.convertElementType(md, DType.FLOAT64),
          Lax.convertElementType(xd, DType.FLOAT64));
      double[] e = exact.toDoubleArray();
      for (int i = 0; i < g.length; i++) {
        assertEquals(FloatOps.round(e[i], d), g[i], 0, d + " polygamma(" + mm[i] + ", " + xx[i]
            + ")");
      }
    }
  }

  @Test
  void shapesDtypesAndWeakTypes() {
    Array x = Array.fromDoubles(DType.FLOAT32, new double[] {0.5, 1, 2, 3, 4, 5}, 2, 3);
    NDArray r = Lax.polygamma(Array.scalar(1.0, DType.FLOAT32), x);
    assertEquals(new ShapedArray(x.aval().shape(), DType.FLOAT32, false), r.aval());
    NDArray weak = Lax.polygamma(1.0, 2.0);
    assertTrue(weak.aval().weakType());
    assertEquals(0, weak.aval().rank());
    assertEquals(Math.PI * Math.PI / 6 - 1, weak.toDoubleArray()[0], 1e-6);
    NDArray empty = Lax.polygamma(Array.fromDoubles(DType.FLOAT32, new double[0], 0, 2),
        Array.fromDoubles(DType.FLOAT32, new double[0], 0, 2));
    assertEquals(List.of(0, 2), List.of(empty.aval().shape().dim(0),
        empty.aval().shape().dim(1)));
  }

  @Test
  void errorsInJaxWords() {
    Array i = Array.of(new int[] {1, 2}, 2);
    Array f = Array.of(new float[] {1, 2}, 2);
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Lax.polygamma(i, i));
    assertEquals("polygamma does not accept dtype int32 at position 0. Accepted dtypes at"
        + " position 0 are subtypes of floating.", e.getMessage());
    Array d = Array.fromDoubles(DType.FLOAT64, new double[] {1, 2}, 2);
    JaxTypeError mixed = assertThrows(JaxTypeError.class, () -> Lax.polygamma(f, d));
    assertTrue(mixed.getMessage().startsWith("lax.polygamma requires arguments to have the same"
        + " dtypes, got float32, float64."), mixed.getMessage());
    Array f3 = Array.of(new float[] {1, 2, 3}, 3);
    assertThrows(JaxTypeError.class, () -> Lax.polygamma(f, f3));
    JaxValueError jvp = assertThrows(JaxValueError.class, () -> Ad.jvp(
        a -> List.of(Lax.polygamma(a.get(0), a.get(1))), List.of(f, f), List.of(f, f)));
    assertEquals("polygamma gradient with respect to m is not supported", jvp.getMessage());
  }

  @Test
  void jvpOfDigammaIsTrigamma() {
    Array x = Array.of(new float[] {0.5f, 1f, 3f}, 3);
    Ad.JvpOutput o = Ad.jvp(a -> List.of(Lax.digamma(a.get(0))), List.of(x),
        List.of(Array.of(new float[] {1, 1, 2}, 3)));
    float[] t = o.tangents().get(0).toFloatArray();
    assertEquals((float) (Math.PI * Math.PI / 2), t[0], 1e-5);
    assertEquals((float) (Math.PI * Math.PI / 6), t[1], 1e-5);
    assertEquals((float) (2 * (Math.PI * Math.PI / 6 - 1 - 0.25)), t[2], 1e-5);
  }

  @Test
  void vmapOverEitherOperandEqualsStacking() {
    Array m = Array.fromDoubles(DType.FLOAT64, new double[] {0, 1, 2, 3}, 4);
    Array xs = Array.fromDoubles(DType.FLOAT64, new double[] {0.3, 1.5, 2.5, 7, 1, 2, 3, 4},
        2, 4);
    for (int[] dims : new int[][] {{Primitive.NOT_MAPPED, 0}, {0, 0}}) {
      List<NDArray> args = new ArrayList<>();
      args.add(dims[0] == 0 ? Lax.broadcastInDim(m, new int[] {2, 4}, new int[] {1}) : m);
      args.add(xs);
      NDArray got = Batching.vmap(a -> List.of(Lax.polygamma(a.get(0), a.get(1))), args, dims,
          j -> 0).get(0);
      for (int b = 0; b < 2; b++) {
        NDArray row = Lax.reshape(Lax.slice(xs, new int[] {b, 0}, new int[] {b + 1, 4}),
            new int[] {4});
        double[] want = Lax.polygamma(m, row).toDoubleArray();
        double[] g = Lax.reshape(Lax.slice(got, new int[] {b, 0}, new int[] {b + 1, 4}),
            new int[] {4}).toDoubleArray();
        assertArrayEquals(want, g, 0);
      }
    }
  }
}
