package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.testing.Reference;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.junit.jupiter.api.Test;

/**
 * The control-flow jaxprs print byte for byte as JAX 0.11.2 prints them: the reference file's
 * {@code cond}, {@code while}, {@code fori} and {@code scan} jaxprs, and the probe's
 * {@code switch}, {@code fori_loop} (traced and static trip count) and {@code scan} sections
 * (copied below from {@code jax-0.11.2-probe.txt}), with the bodies written with lax ops.
 */
class ControlFlowGoldenTest {
  private static ClosedJaxpr makeJaxpr(Function<Object[], Object> fn, Object... args) {
    ClosedJaxpr j = JaxprTrace.trace(fn, args, "<lambda>", "make_jaxpr").jaxpr();
    JaxprChecker.check(j);
    return j;
  }

  private static String reference(String name) {
    return (String) ((Map<?, ?>) Reference.section("jaxprs").get(name)).get("ok");
  }

  private static Array f32(int n) {
    return Array.of(new float[n], n);
  }

  private static NDArray weak(Object javaScalar) {
    return Array.fromJavaScalar(javaScalar);
  }

  @Test
  void condOfTheReferenceFile() {
    // lax.cond(x.sum() > 0, lambda y: y, lambda y: -y, x)
    ClosedJaxpr j = makeJaxpr(a -> Lax.cond(Lax.gt(Lax.reduceSum(a[0], 0), 0.0),
        (NDArray y) -> y, y -> Lax.neg(y), (NDArray) a[0]), f32(10));
    assertEquals(reference("cond"), j.toString());
  }

  @Test
  void whileOfTheReferenceFile() {
    // lax.while_loop(lambda c: c.sum() < 100, lambda c: c * 2, x)
    ClosedJaxpr j = makeJaxpr(a -> Lax.whileLoop(c -> Lax.lt(Lax.reduceSum(c, 0), 100.0),
        c -> Lax.mul(c, 2.0), (NDArray) a[0]), f32(10));
    assertEquals(reference("while"), j.toString());
  }

  @Test
  void foriWithStaticBoundsIsTheReferenceScan() {
    // lax.fori_loop(0, 10, lambda i, c: c * 2., x)
    ClosedJaxpr j = makeJaxpr(
        a -> Lax.foriLoop(0, 10, (i, c) -> Lax.mul(c, 2.0), (NDArray) a[0]), f32(10));
    assertEquals(reference("fori"), j.toString());
  }

  @Test
  void scanOfTheReferenceFile() {
    // lax.scan(lambda c, x: (c + x, c * x), 0., xs): jnp's + converts the weak carry
    ClosedJaxpr j = makeJaxpr(a -> Lax.scan(
        (NDArray c, NDArray x) -> new Lax.Step<>(
            Lax.add(Lax.convertElementType(c, DType.FLOAT32), x),
            Lax.mul(Lax.convertElementType(c, DType.FLOAT32), x)),
        weak(0.0), (NDArray) a[0]), f32(10));
    assertEquals(reference("scan"), j.toString());
  }

  @Test
  void condOfTheProbe() {
    ClosedJaxpr j = makeJaxpr(a -> Lax.cond(Lax.gt(a[0], 0.0), (NDArray y) -> Lax.add(y, 1.0),
        y -> Lax.sub(y, 1.0), (NDArray) a[0]), Array.scalar(1.0, DType.FLOAT32));
    assertEquals("""
        { lambda ; a:f32[]. let
            b:bool[] = gt a 0.0:f32[]
            c:i32[] = convert_element_type[new_dtype=int32 weak_type=False] b
            d:f32[] = cond[
              branches=(
                { lambda ; e:f32[]. let f:f32[] = sub e 1.0:f32[] in (f,) }
                { lambda ; g:f32[]. let h:f32[] = add g 1.0:f32[] in (h,) }
              )
            ] c a
          in (d,) }""", j.toString());
  }

  @Test
  void switchOfTheProbe() {
    // lax.switch(i, [lambda x: x + 1., lambda x: x - 2., lambda x: x + 3.], x) at (1, 5.)
    ClosedJaxpr j = makeJaxpr(a -> Lax.switchCase(a[0], List.<Function<Object, NDArray>>of(
        x -> Lax.add(x, 1.0), x -> Lax.sub(x, 2.0), x -> Lax.add(x, 3.0)), a[1]), 1, 5.0);
    assertEquals("""
        { lambda ; a:i32[] b:f32[]. let
            c:i32[] = convert_element_type[new_dtype=int32 weak_type=False] a
            d:i32[] = clamp 0:i32[] c 2:i32[]
            e:f32[] = cond[
              branches=(
                { lambda ; f:f32[]. let g:f32[] = add f 1.0:f32[] in (g,) }
                { lambda ; h:f32[]. let i:f32[] = sub h 2.0:f32[] in (i,) }
                { lambda ; j:f32[]. let k:f32[] = add j 3.0:f32[] in (k,) }
              )
            ] d b
          in (e,) }""", j.toString());
  }

  @Test
  void whileOfTheProbe() {
    ClosedJaxpr j = makeJaxpr(a -> Lax.whileLoop(c -> Lax.lt(c, 10.0), c -> Lax.mul(c, 2.0),
        (NDArray) a[0]), Array.scalar(1.0, DType.FLOAT32));
    assertEquals("""
        { lambda ; a:f32[]. let
            b:f32[] = while[
              body_jaxpr={ lambda ; c:f32[]. let d:f32[] = mul c 2.0:f32[] in (d,) }
              body_nconsts=0
              cond_jaxpr={ lambda ; e:f32[]. let f:bool[] = lt e 10.0:f32[] in (f,) }
              cond_nconsts=0
            ] a
          in (b,) }""", j.toString());
  }

  @Test
  void foriWithTracedBoundIsAWhileOverIUpperX() {
    // lax.fori_loop(0, n, lambda i, c: c + i, x) at (jnp.int32(0), 5): jnp's + converts weak i
    ClosedJaxpr j = makeJaxpr(a -> Lax.foriLoop(0, a[1],
        (i, c) -> Lax.add(c, Lax.convertElementType(i, DType.INT32)), (NDArray) a[0]),
        Array.scalar(0L, DType.INT32), 5);
    assertEquals("""
        { lambda ; a:i32[] b:i32[]. let
            _:i32[] _:i32[] c:i32[] = while[
              body_jaxpr={ lambda ; d:i32[] e:i32[] f:i32[]. let
                  g:i32[] = add d 1:i32[]
                  h:i32[] = convert_element_type[new_dtype=int32 weak_type=False] d
                  i:i32[] = add f h
                in (g, e, i) }
              body_nconsts=0
              cond_jaxpr={ lambda ; j:i32[] k:i32[] l:i32[]. let
                  m:bool[] = lt j k
                in (m,) }
              cond_nconsts=0
            ] 0:i32[] b a
          in (c,) }""", j.toString());
  }

  @Test
  void foriWithStaticTripCountOfTheProbe() {
    ClosedJaxpr j = makeJaxpr(a -> Lax.foriLoop(0, 3, (i, c) -> Lax.mul(c, 2.0), (NDArray) a[0]),
        Array.scalar(1.0, DType.FLOAT32));
    assertEquals("""
        { lambda ; a:f32[]. let
            _:i32[] b:f32[] = scan[
              ft_in=((), (None, None), ())
              ft_out=((None, None), ())
              jaxpr={ lambda ; c:i32[] d:f32[]. let
                  e:i32[] = add c 1:i32[]
                  f:f32[] = mul d 2.0:f32[]
                in (e, f) }
              length=3
              reverse=False
              unroll=1
            ] 0:i32[] a
          in (b,) }""", j.toString());
  }

  @Test
  void scanOfTheProbe() {
    ClosedJaxpr j = makeJaxpr(a -> Lax.scan(
        (NDArray c, NDArray x) -> new Lax.Step<>(
            Lax.add(Lax.convertElementType(c, DType.FLOAT32), x),
            Lax.mul(Lax.convertElementType(c, DType.FLOAT32), x)),
        weak(0.0), (NDArray) a[0]), f32(5));
    assertEquals("""
        { lambda ; a:f32[5]. let
            b:f32[] c:f32[5] = scan[
              ft_in=((), (None,), (None,))
              ft_out=((None,), (RightsOnly(Right(None)),))
              jaxpr={ lambda ; d:f32[] e:f32[]. let
                  f:f32[] = convert_element_type[new_dtype=float32 weak_type=False] d
                  g:f32[] = add f e
                  h:f32[] = convert_element_type[new_dtype=float32 weak_type=False] d
                  i:f32[] = mul h e
                in (g, i) }
              length=5
              reverse=False
              unroll=1
            ] 0.0:f32[] a
          in (b, c) }""", j.toString());
  }

  @Test
  void javaScalarPredicatesAndIndicesAreLiterals() {
    ClosedJaxpr t = makeJaxpr(a -> Lax.cond(true, (NDArray y) -> Lax.neg(y), y -> y,
        (NDArray) a[0]), f32(2));
    assertEquals("""
        { lambda ; a:f32[2]. let
            b:f32[2] = cond[
              branches=(
                { lambda ; c:f32[2]. let  in (c,) }
                { lambda ; d:f32[2]. let e:f32[2] = neg d in (e,) }
              )
            ] 1:i32[] a
          in (b,) }""", t.toString());
    ClosedJaxpr n = makeJaxpr(a -> Lax.cond(0.0, (NDArray y) -> Lax.neg(y), y -> y,
        (NDArray) a[0]), f32(2));
    assertEquals(true, n.toString().contains("] 0:i32[] a"), n.toString());
    ClosedJaxpr sw = makeJaxpr(a -> Lax.switchCase(7, List.<Function<NDArray, NDArray>>of(
        y -> Lax.neg(y), y -> y), (NDArray) a[0]), f32(2));
    assertEquals(true, sw.toString().contains("b:i32[] = clamp 0:i32[] 7:i32[] 1:i32[]"),
        sw.toString());
  }

  @Test
  void weakJavaScalarCarryPromotedWithoutAnEquation() {
    ClosedJaxpr j = makeJaxpr(a -> Lax.scan((Object c, NDArray x) -> new Lax.Step<>(
        Lax.add(Lax.convertElementType(c, DType.FLOAT32), x), x), (Object) 0, (NDArray) a[0]),
        f32(3));
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[] = scan[
              ft_in=((), (None,), (None,))
              ft_out=((None,), (RightsOnly(Left(None)),))
              jaxpr={ lambda ; c:f32[] d:f32[]. let e:f32[] = add c d in (e,) }
              length=3
              reverse=False
              unroll=1
            ] 0.0:f32[] a
          in (b, a) }""", j.toString());
  }
}
