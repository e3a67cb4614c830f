package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/** Jaxprs of transformed functions, compared with what JAX 0.11.2 prints (the probe file). */
class TransformJaxprTest {
  private static final Array X3 = Array.of(new float[] {1, 2, 3}, 3);

  @Test
  void gradOfSumOfSinMatchesJax() {
    Function<NDArray, NDArray> f = x -> Lax.reduceSum(Lax.sin(x), 0);
    String got = Jax.makeJaxpr(Jax.grad(f)).apply(X3).toString();
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = sin a
            c:f32[3] = cos a
            _:f32[] = reduce_sum[axes=(0,) out_sharding=None] b
            d:f32[3] = broadcast_in_dim 1.0:f32[]
            e:f32[3] = mul d c
          in (e,) }""", got.strip());
  }

  @Test
  void gradOfSquareMatchesJax() {
    Function<NDArray, NDArray> f = x -> Lax.integerPow(x, 2);
    String got = Jax.makeJaxpr(Jax.grad(f)).apply(Array.fromJavaScalar(3.0)).toString();
    assertEquals("""
        { lambda ; a:f32[]. let
            _:f32[] = integer_pow[y=2] a
            b:f32[] = mul 2.0:f32[] a
            c:f32[] = mul 1.0:f32[] b
          in (c,) }""", got.strip());
  }

  @Test
  void jvpAndVjpMatchJax() {
    BiFunction<NDArray, NDArray, Object> jvp = (x, t) -> {
      Jax.JvpPair<NDArray> r = Jax.jvp(Lax::sin, x, t);
      return java.util.List.of(r.primal(), r.tangent());
    };
    assertEquals("""
        { lambda ; a:f32[3] b:f32[3]. let
            c:f32[3] = sin a
            d:f32[3] = cos a
            e:f32[3] = mul b d
          in (c, e) }""", Jax.makeJaxpr(jvp).apply(X3, X3).toString().strip());
    BiFunction<NDArray, NDArray, NDArray> vjp =
        (x, ct) -> Jax.vjp((NDArray y) -> Lax.sin(y), x).pullback().apply(ct);
    assertEquals("""
        { lambda ; a:f32[3] b:f32[3]. let
            _:f32[3] = sin a
            c:f32[3] = cos a
            d:f32[3] = mul b c
          in (d,) }""", Jax.makeJaxpr(vjp).apply(X3, X3).toString().strip());
  }

  @Test
  void vmapOfDotAddsABatchDimensionPair() {
    BiFunction<NDArray, NDArray, NDArray> dot = (x, y) -> Lax.dotGeneral(x, y,
        DotDimensionNumbers.of(new int[] {0}, new int[] {0}), null, DType.FLOAT32);
    Array a = Array.fromDoubles(DType.FLOAT32, new double[15], 5, 3);
    String got = Jax.makeJaxpr(Jax.vmap(dot, new Integer[] {0, 0}, 0)).apply(a, a).toString();
    assertEquals("""
        { lambda ; a:f32[5,3] b:f32[5,3]. let
            c:f32[5] = dot_general[
              dimension_numbers=(([1], [1]), ([0], [0]))
              preferred_element_type=float32
            ] a b
          in (c,) }""", got.strip());
  }

  @Test
  void vmapWithUnmappedArgumentBroadcastsIt() {
    BiFunction<NDArray, NDArray, NDArray> mul = Lax::mul;
    Array a = Array.fromDoubles(DType.FLOAT32, new double[15], 5, 3);
    String got = Jax.makeJaxpr(Jax.vmap(mul, new Integer[] {0, null}, 0)).apply(a, X3)
        .toString();
    assertEquals("""
        { lambda ; a:f32[5,3] b:f32[3]. let
            c:f32[1,3] = broadcast_in_dim[broadcast_dimensions=(1,)] b
            d:f32[5,3] = mul a c
          in (d,) }""", got.strip());
  }
}
