package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.lax.primitives.Scan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code Lax.scan} and {@code Lax.map}: stacking, reverse, pytrees, forwarding, errors. */
class ControlFlowScanTest {
  private static NDArray f32(float... v) {
    return Array.of(v, v.length);
  }

  private static NDArray s32(long v) {
    return Array.scalar(v, DType.INT32);
  }

  private static NDArray s(double v) {
    return Array.scalar(v, DType.FLOAT32);
  }

  private static float[] floats(Object x) {
    return ((Array) x).toFloatArray();
  }

  private static ClosedJaxpr trace(Function<Object[], Object> fn, Object... args) {
    ClosedJaxpr j = JaxprTrace.trace(fn, args, "<lambda>", "make_jaxpr").jaxpr();
    JaxprChecker.check(j);
    return j;
  }

  @Test
  void cumulativeSumAndProducts() {
    NDArray xs = f32(1, 2, 3, 4);
    Lax.Step<NDArray, NDArray> r = Lax.scan(
        (NDArray c, NDArray x) -> new Lax.Step<>(Lax.add(c, x), Lax.mul(c, x)), s(0), xs);
    assertEquals(10f, ((Array) r.carry()).floatValue());
    assertArrayEquals(new float[] {0, 2, 9, 24}, floats(r.y()));
  }

  @Test
  void reverseRunsFromTheEndAndKeepsYsInIndexOrder() {
    NDArray xs = f32(1, 2, 3, 4);
    Lax.Step<NDArray, NDArray> r = Lax.scan(
        (NDArray c, NDArray x) -> new Lax.Step<>(Lax.add(c, x), Lax.add(c, x)), s(0), xs, null,
        true, 1);
    assertEquals(10f, ((Array) r.carry()).floatValue());
    assertArrayEquals(new float[] {10, 9, 7, 4}, floats(r.y()));
  }

  @Test
  void multipleCarriesAndOutputsAsPytrees() {
    // fibonacci-like carry (a, b) with xs a map of two sequences
    record Carry(NDArray a, NDArray b) {}
    Map<String, Object> xs = Map.of("u", f32(1, 1, 1), "v", Array.of(new int[] {10, 20, 30}, 3));
    Lax.Step<Carry, List<NDArray>> r = Lax.scan((Carry c, Map<String, Object> x) ->
        new Lax.Step<>(new Carry(c.b(), Lax.add(Lax.add(c.a(), c.b()), x.get("u"))),
            List.of(Lax.mul(c.a(), 2.0), Lax.add((NDArray) x.get("v"), 1))),
        new Carry(s(0), s(1)), xs);
    // (0,1) -> (1,2) -> (2,4) -> (4,7)
    assertEquals(4f, ((Array) r.carry().a()).floatValue());
    assertEquals(7f, ((Array) r.carry().b()).floatValue());
    assertArrayEquals(new float[] {0, 2, 4}, floats(r.y().get(0)));
    assertArrayEquals(new int[] {11, 21, 31}, ((Array) r.y().get(1)).toIntArray());
  }

  @Test
  void multiDimensionalSlices() {
    NDArray xs = Array.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Lax.Step<NDArray, NDArray> r = Lax.scan((NDArray c, NDArray x) ->
        new Lax.Step<>(Lax.add(c, x), Lax.broadcastInDim(Lax.reduceSum(x, 0), new int[] {2, 1},
            new int[] {})), f32(0, 0), xs);
    assertArrayEquals(new float[] {9, 12}, floats(r.carry()));
    assertArrayEquals(new int[] {3, 2, 1}, r.y().shape());
    assertArrayEquals(new float[] {3, 3, 7, 7, 11, 11}, floats(r.y()));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void everyDtypeStacks(DType dtype) {
    Array xs = Array.fromDoubles(dtype, new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
    Lax.Step<NDArray, NDArray> r = Lax.scan((NDArray c, NDArray x) ->
        new Lax.Step<>(Lax.max(c, x), Lax.rev(x, 0)),
        Array.fromDoubles(dtype, new double[] {0, 0}, 2), (NDArray) xs);
    Array ys = (Array) r.y();
    assertEquals(xs.aval(), ys.aval());
    double[] expected = {0, 1, 1, 0, 1, 1};
    for (int i = 0; i < 6; i++) {
      assertEquals(expected[i], ys.getDouble(i) != 0 ? 1.0 : 0.0, "element " + i);
    }
    Array c = (Array) r.carry();
    assertTrue(c.getDouble(0) != 0 && c.getDouble(1) != 0);
  }

  @Test
  void zeroLengthScans() {
    Lax.Step<NDArray, NDArray> r = Lax.scan(
        (NDArray c, NDArray x) -> new Lax.Step<>(Lax.add(c, x), Lax.mul(x, 2.0)), s(5),
        Array.of(new float[0], 0));
    assertEquals(5f, ((Array) r.carry()).floatValue());
    assertArrayEquals(new int[] {0}, r.y().shape());
    Lax.Step<NDArray, NDArray> none = Lax.scan(
        (NDArray c, Object x) -> new Lax.Step<>(Lax.add(c, 1.0), Lax.broadcastInDim(c,
            new int[] {2}, new int[] {})), s(5), null, 0, false, 1);
    assertEquals(5f, ((Array) none.carry()).floatValue());
    assertArrayEquals(new int[] {0, 2}, none.y().shape());
    assertEquals(7, ((Array) Lax.foriLoop(0, 0, (i, x) -> Lax.add(x, 1), s32(7))).intValue());
  }

  @Test
  void lengthWithoutXsCountsSteps() {
    Lax.Step<NDArray, NDArray> r = Lax.scan(
        (NDArray c, Object x) -> new Lax.Step<>(Lax.mul(c, 2.0), c), s(1), null, 4, false, 1);
    assertEquals(16f, ((Array) r.carry()).floatValue());
    assertArrayEquals(new float[] {1, 2, 4, 8}, floats(r.y()));
  }

  @Test
  void mapStacksTheResults() {
    NDArray ys = Lax.map((NDArray x) -> Lax.mul(x, x), f32(1, 2, 3));
    assertArrayEquals(new float[] {1, 4, 9}, floats(ys));
    List<NDArray> pair = Lax.map((NDArray x) -> List.of(Lax.neg(x), Lax.reduceSum(x, 0)),
        Array.of(new float[] {1, 2, 3, 4}, 2, 2));
    assertArrayEquals(new float[] {-1, -2, -3, -4}, floats(pair.get(0)));
    assertArrayEquals(new float[] {3, 7}, floats(pair.get(1)));
    ClosedJaxpr j = trace(a -> Lax.map((NDArray x) -> Lax.sin(x), (NDArray) a[0]), f32(1, 2));
    assertTrue(j.toString().contains("ft_in=((), (), (None,))"), j.toString());
    assertTrue(j.toString().contains("ft_out=((), (RightsOnly(Right(None)),))"), j.toString());
  }

  @Test
  void forwardedCarriesBecomeConstsAndForwardedYsAreNotComputed() {
    ClosedJaxpr j = trace(a -> Lax.scan((List<NDArray> c, NDArray x) -> new Lax.Step<>(
        List.of(Lax.add(c.get(0), x), c.get(1)), List.of(x, Lax.mul(x, c.get(1)))),
        List.of(s(0), s(3)), (NDArray) a[0]), f32(1, 2, 3));
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[] c:f32[3] = scan[
              ft_in=((None,), (None,), (None,))
              ft_out=((None,), (RightsOnly(Left(None)), RightsOnly(Right(None))))
              jaxpr={ lambda ; d:f32[] e:f32[] f:f32[]. let
                  g:f32[] = add e f
                  h:f32[] = mul f d
                in (g, h) }
              length=3
              reverse=False
              unroll=1
            ] 3.0:f32[] 0.0:f32[] a
          in (b, 3.0:f32[], a, c) }""", j.toString());
    Array xs = (Array) f32(1, 2, 3);
    List<Array> out = JaxprInterpreter.eval(j, List.of(xs));
    assertEquals(6f, out.get(0).floatValue());
    assertArrayEquals(new float[] {3, 6, 9}, out.get(3).toFloatArray());
    Lax.Step<List<NDArray>, List<NDArray>> eager = Lax.scan((List<NDArray> c, NDArray x) ->
        new Lax.Step<>(List.of(Lax.add(c.get(0), x), c.get(1)), List.of(x, x)),
        List.of(s(0), s(3)), (NDArray) xs);
    assertSame(xs, eager.y().get(0));
    assertEquals(3f, ((Array) eager.carry().get(1)).floatValue());
  }

  @Test
  void closedOverTracersAreConstsAndUnrollIsAParam() {
    ClosedJaxpr j = trace(a -> Lax.scan((NDArray c, NDArray x) -> new Lax.Step<>(
        Lax.add(c, Lax.mul(x, a[1])), c), s(0), (NDArray) a[0], null, false, 2),
        f32(1, 2, 3), s(10));
    assertTrue(j.toString().contains("ft_in=((None,), (None,), (None,))"), j.toString());
    assertTrue(j.toString().contains("unroll=2"), j.toString());
    assertTrue(j.toString().contains("] b 0.0:f32[] a"), j.toString());
    List<Array> out = JaxprInterpreter.eval(j, List.of((Array) f32(1, 2, 3), (Array) s(10)));
    assertEquals(60f, out.get(0).floatValue());
    assertArrayEquals(new float[] {0, 10, 30}, out.get(1).toFloatArray());
  }

  @Test
  void scanInsideScanAndWhileInsideScan() {
    NDArray xs = Array.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Lax.Step<NDArray, NDArray> r = Lax.scan((NDArray c, NDArray row) -> {
      Lax.Step<NDArray, NDArray> inner = Lax.scan(
          (NDArray d, NDArray x) -> new Lax.Step<>(Lax.add(d, x), Lax.add(d, x)), c, row);
      return new Lax.Step<>(inner.carry(), inner.y());
    }, s(0), xs);
    assertEquals(21f, ((Array) r.carry()).floatValue());
    assertArrayEquals(new float[] {1, 3, 6, 10, 15, 21}, floats(r.y()));
    NDArray counts = Lax.map((NDArray x) -> Lax.whileLoop((NDArray c) -> Lax.lt(c, x),
        c -> Lax.mul(c, 2.0), s(1)), f32(1, 5, 20));
    assertArrayEquals(new float[] {1, 8, 32}, floats(counts));
  }

  @Test
  void carryTypeErrors() {
    assertEquals("scan body function carry input and carry output must have equal types, but"
        + " they differ:\n\nThe input carry has type float32[] but the corresponding output"
        + " carry component has type int32[], so the dtypes do not match.\n\nRevise the"
        + " function so that all output types match the corresponding input types.",
        assertThrows(JaxTypeError.class, () -> Lax.scan((NDArray c, NDArray x) ->
            new Lax.Step<>(Lax.convertElementType(c, DType.INT32), x), s(0), f32(1, 2)))
            .getMessage());
    assertEquals("scan body function carry input and carry output must have the same pytree"
        + " structure, but they differ:\n\nThe input carry is a map with keys [a] but the"
        + " corresponding component of the carry output is a map with keys [b], so the pytree"
        + " node metadata does not match, with the symmetric difference of key sets: {'a'"
        + " 'b'}.\n\nRevise the function so that the carry output has the same pytree structure"
        + " as the carry input.", assertThrows(JaxTypeError.class, () -> Lax.scan(
            (Map<String, Object> c, NDArray x) -> new Lax.Step<>(Map.of("b", c.get("a")), x),
            Map.of("a", s(0)), f32(1, 2))).getMessage());
    assertEquals("scan body output must be a pair, got None.", assertThrows(JaxTypeError.class,
        () -> Lax.scan((NDArray c, NDArray x) -> null, s(0), f32(1))).getMessage());
  }

  @Test
  void weakInitialCarryIsPromoted() {
    Lax.Step<Object, NDArray> r = Lax.scan((Object c, NDArray x) -> new Lax.Step<>(
        Lax.add(Lax.convertElementType(c, DType.FLOAT32), x), x), (Object) 1, f32(0.5f, 0.5f));
    assertEquals(DType.FLOAT32, ((Array) r.carry()).dtype());
    assertEquals(2f, ((Array) r.carry()).floatValue());
  }

  @Test
  void lengthErrors() {
    var body = (java.util.function.BiFunction<NDArray, Object, Lax.Step<NDArray, Object>>)
        (c, x) -> new Lax.Step<>(c, null);
    assertEquals("scan got `length` argument of 3 which disagrees with leading axis sizes [2].",
        assertThrows(JaxValueError.class, () -> Lax.scan(body, s(0), f32(1, 2), 3, false, 1))
            .getMessage());
    assertEquals("scan got values with different leading axis sizes: 2, 3.",
        assertThrows(JaxValueError.class, () -> Lax.scan(body, s(0),
            List.of(f32(1, 2), f32(1, 2, 3)))).getMessage());
    assertEquals("scan got no values to scan over and `length` not provided.",
        assertThrows(JaxValueError.class, () -> Lax.scan(body, s(0), null)).getMessage());
    assertEquals("scan got value with no leading axis to scan over: float32[].",
        assertThrows(JaxValueError.class, () -> Lax.scan(body, s(0), s(1))).getMessage());
    assertEquals("scan got value with no leading axis to scan over: 1.5.",
        assertThrows(JaxValueError.class, () -> Lax.scan(body, s(0), 1.5)).getMessage());
    assertEquals("`unroll` must be a `bool` or a non-negative `int`.",
        assertThrows(JaxValueError.class, () -> Lax.scan(body, s(0), f32(1), null, false, -1))
            .getMessage());
    assertEquals("lax.scan: f argument should be a callable.", assertThrows(JaxTypeError.class,
        () -> Lax.scan(null, s(0), f32(1))).getMessage());
  }

  @Test
  void theScanPrimitiveChecksItsOperands() {
    var body = ClosedJaxpr.of(trace(a -> List.of(Lax.add(a[0], a[1]), a[1]), s(0), s(0))
        .jaxpr());
    Params p = Scan.params(body, 3, false, 1, 0, 1, 1, new boolean[] {true});
    assertEquals(1, Scan.numCarry(p));
    assertEquals(1, Scan.numXs(p));
    assertEquals(0, Scan.numConsts(p));
    assertEquals(1, Scan.numYs(p));
    assertEquals(List.of(s(0).aval(), f32(1, 2, 3).aval()),
        Scan.SCAN.abstractEval(List.of(s(0).aval(), f32(1, 2, 3).aval()), p));
    assertThrows(JaxTypeError.class,
        () -> Scan.SCAN.abstractEval(List.of(s(0).aval(), f32(1, 2).aval()), p));
    assertThrows(JaxTypeError.class,
        () -> Scan.SCAN.abstractEval(List.of(s32(0).aval(), f32(1, 2, 3).aval()), p));
    assertThrows(JaxTypeError.class, () -> Scan.SCAN.abstractEval(List.of(s(0).aval()), p));
  }
}
