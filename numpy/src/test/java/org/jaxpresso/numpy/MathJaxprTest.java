package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** The jaxprs of jnp math functions, against JAX 0.11.2's (modulo JAX's nested jits). */
class MathJaxprTest {
  private static final Array F3 = Array.of(new float[] {1, 2, 3}, 3);
  private static final Array I3 = Array.of(new int[] {1, 2, 3}, 3);

  private static String jaxpr(Function<NDArray, ?> f, NDArray x) {
    return Jax.makeJaxpr(f).apply(x).toString();
  }

  @Test
  void astypeMatchesReference() {
    @SuppressWarnings("unchecked")
    var entry = (java.util.Map<String, Object>) Reference.section("jaxprs").get("astype");
    Array x = Array.of(new float[10], 10);
    assertEquals(entry.get("ok"), jaxpr(a -> Jnp.astype(a, DType.INT64), x));
  }

  @Test
  void powersAndReciprocal() {
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = integer_pow[y=2] a
            c:f32[3] = integer_pow[y=3] a
            d:f32[3] = add b c
            e:f32[3] = integer_pow[y=-1] a
            f:f32[3] = add d e
          in (f,) }""", jaxpr(a -> Jnp.add(Jnp.add(Jnp.power(a, 2), Jnp.power(a, 3)),
        Jnp.power(a, -1)), F3));
    assertEquals("{ lambda ; a:f32[3]. let b:f32[3] = pow a 2.5:f32[] in (b,) }",
        jaxpr(a -> Jnp.power(a, 2.5), F3));
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = square a
            c:f32[3] = integer_pow[y=-1] a
            d:f32[3] = add b c
          in (d,) }""", jaxpr(a -> Jnp.add(Jnp.square(a), Jnp.reciprocal(a)), F3));
  }

  @Test
  void remainderFloatMatchesReferenceBody() {
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = rem a 3.0:f32[]
            c:bool[3] = ne b 0.0:f32[]
            d:bool[3] = lt b 0.0:f32[]
            e:bool[] = lt 3.0:f32[] 0.0:f32[]
            f:bool[3] = ne d e
            g:bool[3] = and f c
            h:f32[3] = add b 3.0:f32[]
            i:f32[3] = select_n g b h
          in (i,) }""", jaxpr(a -> Jnp.remainder(a, 3.0), F3));
  }

  @Test
  void floorDivideIntMatchesReferenceBody() {
    assertEquals("""
        { lambda ; a:i32[3]. let
            b:i32[3] = div a 2:i32[]
            c:i32[3] = sign a
            d:i32[] = sign 2:i32[]
            e:bool[3] = ne c d
            f:i32[3] = rem a 2:i32[]
            g:bool[3] = ne f 0:i32[]
            h:bool[3] = and e g
            i:i32[3] = sub b 1:i32[]
            j:i32[3] = select_n h b i
          in (j,) }""", jaxpr(a -> Jnp.floorDivide(a, 2), I3));
  }

  @Test
  void clipAndRound() {
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = max 0.0:f32[] a
            c:f32[3] = min 1.0:f32[] b
          in (c,) }""", jaxpr(a -> Jnp.clip(a, 0.0, 1.0), F3));
    assertEquals("{ lambda ; a:f32[3]. let b:f32[3] = round[rounding_method=1] a in (b,) }",
        jaxpr(a -> Jnp.round(a), F3));
  }

  @Test
  void isnanIsinfTrueDivide() {
    assertEquals("{ lambda ; a:f32[3]. let b:bool[3] = ne a a in (b,) }",
        jaxpr(a -> Jnp.isnan(a), F3));
    assertEquals("{ lambda ; a:f32[3]. let b:f32[3] = abs a; c:bool[3] = eq b inf:f32[] in (c,) }",
        jaxpr(a -> Jnp.isinf(a), F3));
    assertEquals("""
        { lambda ; a:i32[3]. let
            b:f32[3] = convert_element_type[new_dtype=float32 weak_type=False] a
            c:f32[3] = div b 2.0:f32[]
          in (c,) }""", jaxpr(a -> Jnp.trueDivide(a, 2), I3));
  }

  @Test
  void bitwiseAndShifts() {
    assertEquals("""
        { lambda ; a:i32[3] b:i32[3]. let
            c:i32[3] = and a b
            d:i32[3] = xor a b
            e:i32[3] = or c d
            f:i32[3] = not a
            g:i32[3] = or e f
          in (g,) }""", Jax.makeJaxpr((NDArray a, NDArray b) -> Jnp.bitwiseOr(
        Jnp.bitwiseOr(Jnp.bitwiseAnd(a, b), Jnp.bitwiseXor(a, b)), Jnp.invert(a)))
        .apply(I3, I3).toString());
    assertEquals("""
        { lambda ; a:i32[3]. let
            b:i32[3] = shift_left a 1:i32[]
            c:i32[3] = shift_right_arithmetic a 1:i32[]
            d:i32[3] = add b c
          in (d,) }""", jaxpr(a -> Jnp.add(Jnp.leftShift(a, 1), Jnp.rightShift(a, 1)), I3));
  }

  @Test
  void softmaxMatchesReference() {
    assertEquals("""
        { lambda ; a:f32[2,3]. let
            b:f32[2] = reduce_max[axes=(1,) out_sharding=None] a
            c:f32[2] = max -inf:f32[] b
            d:f32[2,1] = broadcast_in_dim[broadcast_dimensions=(0,)] c
            e:f32[2,1] = stop_gradient d
            f:f32[2,3] = sub a e
            g:f32[2,3] = exp f
            h:f32[2] = reduce_sum[axes=(1,) out_sharding=None] g
            i:f32[2,1] = broadcast_in_dim[broadcast_dimensions=(0,)] h
            j:f32[2,3] = div g i
          in (j,) }""", jaxpr(a -> Nn.softmax(a), Array.of(new float[6], 2, 3)));
  }

  @Test
  void logsumexpMatchesReference() {
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[] = reduce_max[axes=(0,) out_sharding=None] a
            c:f32[] = max -inf:f32[] b
            d:bool[] = is_finite c
            e:f32[] = select_n d 0.0:f32[] c
            f:f32[] = stop_gradient e
            g:f32[1] = broadcast_in_dim f
            h:f32[3] = sub a g
            i:f32[3] = exp h
            j:f32[] = reduce_sum[axes=(0,) out_sharding=None] i
            _:f32[] = sign j
            k:f32[] = abs j
            l:f32[] = log k
            m:f32[] = add l f
          in (m,) }""", jaxpr(a -> Nn.logsumexp(a), F3));
  }

  @Test
  void oneHotMatchesReferenceBody() {
    assertEquals("""
        { lambda ; a:i32[2]. let
            b:i32[2,1] = broadcast_in_dim[broadcast_dimensions=(0,)] a
            c:i32[1,3] = iota[dimension=1 dtype=int32 shape=(1, 3) sharding=None]\s
            d:bool[2,3] = eq b c
            e:f32[2,3] = convert_element_type[new_dtype=float32 weak_type=False] d
          in (e,) }""", jaxpr(a -> Nn.oneHot(a, 3), Array.of(new int[] {0, 2}, 2)));
  }

  @Test
  void reluIsJaxsCustomJvpOfAJittedMax() {
    // the probe's "relu": jax.nn.relu is @custom_jvp @jit (see NnReluTest for grad)
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:f32[3] = custom_jvp_call[
              name=relu
              call_jaxpr={ lambda ; c:f32[3]. let
                  d:f32[3] = jit[
                    name=relu
                    jaxpr={ lambda ; c:f32[3]. let d:f32[3] = max c 0.0:f32[] in (d,) }
                  ] c
                in (d,) }
              jvp=jvp
              symbolic_zeros=False
            ] a
          in (b,) }""", jaxpr(a -> Nn.relu(a), F3));
  }

  @Test
  void comparisonsAndLogicMatchReference() {
    assertEquals("""
        { lambda ; a:f32[3] b:f32[3]. let
            c:bool[3] = lt a b
            d:bool[3] = le a b
            e:bool[3] = and c d
            f:bool[3] = eq a b
            g:bool[3] = and e f
            h:bool[3] = ne a b
            i:bool[3] = and g h
            j:bool[3] = gt a b
            k:bool[3] = and i j
            l:bool[3] = ge a b
            m:bool[3] = and k l
          in (m,) }""", Jax.makeJaxpr((NDArray a, NDArray b) -> {
          NDArray r = Jnp.logicalAnd(Jnp.less(a, b), Jnp.lessEqual(a, b));
          r = Jnp.logicalAnd(r, Jnp.equal(a, b));
          r = Jnp.logicalAnd(r, Jnp.notEqual(a, b));
          r = Jnp.logicalAnd(r, Jnp.greater(a, b));
          return Jnp.logicalAnd(r, Jnp.greaterEqual(a, b));
        }).apply(F3, F3).toString());
    Array b3 = Array.of(new boolean[3], 3);
    assertEquals("""
        { lambda ; a:bool[3] b:bool[3]. let
            c:bool[3] = and a b
            d:bool[3] = not a
            e:bool[3] = or c d
          in (e,) }""", Jax.makeJaxpr((NDArray a, NDArray b) -> Jnp.logicalOr(
        Jnp.logicalAnd(a, b), Jnp.logicalNot(a))).apply(b3, b3).toString());
  }

  @Test
  void whereOfThreeArraysAndAstypeMatchReference() {
    Array b3 = Array.of(new boolean[3], 3);
    Function<java.util.List<NDArray>, NDArray> where3 = l -> Jnp.where(l.get(0), l.get(1),
        l.get(2));
    assertEquals("""
        { lambda ; a:bool[3] b:f32[3] c:f32[3]. let
            d:f32[3] = jit[
              name=_where
              jaxpr={ lambda ; a:bool[3] b:f32[3] c:f32[3]. let
                  d:f32[3] = select_n a c b
                in (d,) }
            ] a b c
          in (d,) }""", Jax.makeJaxpr(where3).apply(java.util.List.of(b3, F3, F3)).toString());
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:i32[3] = convert_element_type[new_dtype=int32 weak_type=False] a
            c:f16[3] = convert_element_type[new_dtype=float16 weak_type=False] a
            d:bool[3] = convert_element_type[new_dtype=bool weak_type=False] a
          in (b, c, d) }""", Jax.makeJaxpr((NDArray a) -> java.util.List.of(
        Jnp.astype(a, DType.INT32), Jnp.astype(a, DType.FLOAT16), Jnp.astype(a, DType.BOOL)))
        .apply(F3).toString());
  }

  @Test
  void floatTestsMatchReferenceBody() {
    assertEquals("""
        { lambda ; a:f32[3]. let
            b:bool[3] = ne a a
            c:f32[3] = abs a
            d:bool[3] = eq c inf:f32[]
            e:bool[3] = or b d
            f:bool[3] = is_finite a
            g:bool[3] = or e f
          in (g,) }""", jaxpr(a -> Jnp.logicalOr(Jnp.logicalOr(Jnp.isnan(a), Jnp.isinf(a)),
        Jnp.isfinite(a)), F3));
  }
}
