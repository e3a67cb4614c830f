package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.jaxpresso.Jax;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/**
 * The jaxprs of reductions and shape functions, byte for byte against JAX 0.11.2 (the probe
 * file and the reference JSON), where the jnp function is not a nested {@code jit} in JAX.
 */
class ReductionJaxprTest {
  private static NDArray f32(int... shape) {
    return Jnp.zeros(shape);
  }

  private static String jaxpr(java.util.function.Function<NDArray, ?> fn, NDArray x) {
    return Jax.makeJaxpr(fn).apply(x).toString();
  }

  @SuppressWarnings("unchecked")
  private static String reference(String name) {
    Map<String, Object> j = (Map<String, Object>) Reference.section("jaxprs").get(name);
    return (String) j.get("ok");
  }

  @Test
  void meanOverAxis0IsReduceSumThenDiv() {
    assertEquals("""
        { lambda ; a:f32[3,4]. let
            b:f32[4] = reduce_sum[axes=(0,) out_sharding=None] a
            c:f32[4] = div b 3.0:f32[]
          in (c,) }""", jaxpr(x -> Jnp.mean(x, 0), f32(3, 4)));
  }

  @Test
  void sumOfAllAxes() {
    assertEquals("""
        { lambda ; a:f32[3,4]. let
            b:f32[] = reduce_sum[axes=(0, 1) out_sharding=None] a
          in (b,) }""", jaxpr(x -> Jnp.sum(x), f32(3, 4)));
  }

  @Test
  void maxOverAxis1() {
    assertEquals("""
        { lambda ; a:f32[3,4]. let
            b:f32[3] = reduce_max[axes=(1,) out_sharding=None] a
          in (b,) }""", jaxpr(x -> Jnp.max(x, 1), f32(3, 4)));
  }

  @Test
  void sum0MatchesTheReferenceJson() {
    assertEquals(reference("sum0"), jaxpr(x -> Jnp.sum(x, 0), f32(5, 3)));
  }

  @Test
  void argmaxOfAMatrixReshapesFirst() {
    assertEquals("""
        { lambda ; a:f32[3,4]. let
            b:f32[12] = reshape[dimensions=None new_sizes=(12,) sharding=None] a
            c:i32[] = argmax[axes=(0,) index_dtype=int32] b
            d:i32[3] = argmin[axes=(1,) index_dtype=int32] a
          in (c, d) }""", jaxpr(x -> List.of(Jnp.argmax(x), Jnp.argmin(x, 1)), f32(3, 4)));
  }

  @Test
  void argmaxOfAVectorMatchesTheReferenceJsonFirstEquation() {
    String ref = reference("argmax_cumsum_sort");
    String mine = jaxpr(x -> List.of(Jnp.argmax(x), Jnp.cumsum(x)), f32(10));
    assertEquals(ref.lines().toList().get(1), mine.lines().toList().get(1));
    assertEquals("    c:f32[10] = cumsum[axis=0 reverse=False] a", mine.lines().toList().get(2));
  }

  @Test
  void prodMinAllAny() {
    assertEquals("""
        { lambda ; a:f32[4]. let
            b:f32[] = reduce_prod[axes=(0,)] a
            c:f32[] = reduce_min[axes=(0,) out_sharding=None] a
            d:bool[4] = gt a 0.0:f32[]
            e:bool[] = reduce_and[axes=(0,)] d
            f:bool[4] = gt a 0.0:f32[]
            g:bool[] = reduce_or[axes=(0,)] f
          in (b, c, e, g) }""", jaxpr(x -> List.of(Jnp.prod(x), Jnp.min(x),
        Jnp.all(Jnp.greater(x, 0)), Jnp.any(Jnp.greater(x, 0))), f32(4)));
  }

  @Test
  void reshapeTranspose() {
    assertEquals("""
        { lambda ; a:f32[3,4]. let
            b:f32[4,3] = reshape[dimensions=None new_sizes=(4, 3) sharding=None] a
            c:f32[12] = reshape[dimensions=None new_sizes=(12,) sharding=None] a
            d:f32[4,3] = transpose[permutation=(1, 0)] a
            e:f32[2,3,2] = reshape[dimensions=None new_sizes=(2, 3, 2) sharding=None] a
            f:f32[2,2,3] = transpose[permutation=(2, 0, 1)] e
          in (b, c, d, f) }""", jaxpr(x -> List.of(Jnp.reshape(x, 4, 3), Jnp.reshape(x, -1),
        Jnp.transpose(x), Jnp.transpose(Jnp.reshape(x, 2, 3, 2), 2, 0, 1)), f32(3, 4)));
  }

  @Test
  void expandDimsSqueeze() {
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[1,3] = broadcast_in_dim[broadcast_dimensions=(1,)] a
            c:f32[1,3] = broadcast_in_dim[broadcast_dimensions=(1,)] a
            d:f32[1,3,1] = reshape[dimensions=None new_sizes=(1, 3, 1) sharding=None] a
            e:f32[3] = squeeze[dimensions=(0, 2)] d
          in (b, c, e) }""", jaxpr(x -> List.of(Jnp.expandDims(x, 0), Jnp.expandDims(x, 0),
        Jnp.squeeze(Jnp.reshape(x, 1, 3, 1))), f32(3)));
  }

  @Test
  void concatenateIsOneEquation() {
    assertEquals("{ lambda ; a:f32[3]. let b:f32[6] = concatenate[dimension=0] a a in (b,) }",
        jaxpr(x -> Jnp.concatenate(List.of(x, x)), f32(3)));
  }

  @Test
  void cumsumInlinesJaxsJitBody() {
    // JAX wraps this in jit[name=cumsum]; the facade inlines the body (see the numpy brief).
    assertEquals(
        "{ lambda ; a:f32[2,3]. let b:f32[2,3] = cumsum[axis=1 reverse=False] a in (b,) }",
        jaxpr(x -> Jnp.cumsum(x, 1), f32(2, 3)));
  }

  @Test
  void constantPadIsOnePad() {
    // JAX wraps this in jit[name=_pad] with the value as an argument; inlined here.
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[6] = pad[padding_config=((1, 2, 0),)] a 0.0:f32[]
          in (b,) }""", jaxpr(x -> Jnp.pad(x, new int[][] {{1, 2}}), f32(3)));
  }

  @Test
  void meanOfIntsConvertsThenSums() {
    assertEquals("""
        { lambda ; a:i32[4]. let
            b:f32[4] = convert_element_type[new_dtype=float32 weak_type=False] a
            c:f32[] = reduce_sum[axes=(0,) out_sharding=None] b
            d:f32[] = div c 4.0:f32[]
          in (d,) }""", jaxpr(x -> Jnp.mean(x), Jnp.zeros(new int[] {4},
        org.jaxpresso.core.DType.INT32)));
  }

  @Test
  void keepdimsBroadcastsBeforeTheDivide() {
    assertEquals("""
        { lambda ; a:f32[5,3]. let
            b:f32[3] = reduce_sum[axes=(0,) out_sharding=None] a
            c:f32[1,3] = broadcast_in_dim[broadcast_dimensions=(1,)] b
            d:f32[1,3] = div c 5.0:f32[]
          in (d,) }""", jaxpr(x -> Jnp.mean(x, Jnp.axis(0).keepdims()), f32(5, 3)));
  }
}
