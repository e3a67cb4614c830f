package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jaxpresso.Jax;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/**
 * The jaxprs of the linear-algebra functions print as JAX 0.11.2 prints them (reference JSON
 * {@code jaxprs} and the probe file's texts).
 */
class LinalgJaxprTest {
  private static String ref(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = (Map<String, Object>) Reference.section("jaxprs").get(name);
    return (String) entry.get("ok");
  }

  private static NDArray f32(int... shape) {
    return Jnp.zeros(shape);
  }

  @Test
  void seedDot() {
    String viaJnp = Jax.makeJaxpr((NDArray x, NDArray y) -> Jnp.dot(Jnp.add(x, 1), Jnp.add(y, 1)))
        .apply(f32(3, 4), f32(4)).toString();
    assertEquals(ref("seed_dot"), viaJnp);
  }

  @Test
  void matmulOperator() {
    assertEquals(ref("matmul"),
        Jax.makeJaxpr((NDArray x, NDArray w) -> Jnp.matmul(x, w)).apply(f32(5, 3), f32(3, 5))
            .toString());
  }

  /** JAX-NOTES 1.9(a): dot, @ and einsum('ij,jk->ik') print the same jaxpr. */
  @Test
  void dotMatmulAndEinsumPrintAlike() {
    String dot = Jax.makeJaxpr((NDArray x, NDArray w) -> Jnp.dot(Jnp.add(x, 1), w))
        .apply(f32(3, 4), f32(4, 5)).toString();
    String at = Jax.makeJaxpr((NDArray x, NDArray w) -> Jnp.matmul(Jnp.add(x, 1), w))
        .apply(f32(3, 4), f32(4, 5)).toString();
    String ein = Jax.makeJaxpr((NDArray x, NDArray w) -> Jnp.einsum("ij,jk->ik", Jnp.add(x, 1), w))
        .apply(f32(3, 4), f32(4, 5)).toString();
    String expected = """
        { lambda ; a:f32[3,4] b:f32[4,5]. let
            c:f32[3,4] = add a 1.0:f32[]
            d:f32[3,5] = dot_general[
              dimension_numbers=(([1], [0]), ([], []))
              preferred_element_type=float32
            ] c b
          in (d,) }""";
    assertEquals(expected, dot);
    assertEquals(expected, at);
    assertEquals(expected, ein);
  }

  @Test
  void probeEinsum() {
    assertEquals("""
        { lambda ; a:f32[2,3] b:f32[3,4]. let
            c:f32[2,4] = dot_general[
              dimension_numbers=(([1], [0]), ([], []))
              preferred_element_type=float32
            ] a b
          in (c,) }""",
        Jax.makeJaxpr((NDArray a, NDArray b) -> Jnp.einsum("ij,jk->ik", a, b))
            .apply(f32(2, 3), f32(3, 4)).toString());
  }

  @Test
  void probeBatchedMatmul() {
    assertEquals("""
        { lambda ; a:f32[5,2,3] b:f32[5,3,4]. let
            c:f32[5,2,4] = dot_general[
              dimension_numbers=(([2], [1]), ([0], [0]))
              preferred_element_type=float32
            ] a b
          in (c,) }""",
        Jax.makeJaxpr((NDArray a, NDArray b) -> Jnp.matmul(a, b))
            .apply(f32(5, 2, 3), f32(5, 3, 4)).toString());
  }

  @Test
  void probeMatvecAndVecdot() {
    String text = Jax.makeJaxpr((NDArray a, NDArray b) -> List.of(Jnp.matmul(a, b),
        Jnp.matmul(b, b))).apply(f32(2, 3), f32(3)).toString();
    assertEquals("""
        { lambda ; a:f32[2,3] b:f32[3]. let
            c:f32[2] = dot_general[
              dimension_numbers=(([1], [0]), ([], []))
              preferred_element_type=float32
            ] a b
            d:f32[] = dot_general[
              dimension_numbers=(([0], [0]), ([], []))
              preferred_element_type=float32
            ] b b
          in (c, d) }""", text);
  }

  @Test
  void probeOuter() {
    assertEquals("""
        { lambda ; a:f32[2] b:f32[3]. let
            c:f32[2,1] = broadcast_in_dim[broadcast_dimensions=(0,)] a
            d:f32[1,3] = broadcast_in_dim[broadcast_dimensions=(1,)] b
            e:f32[2,3] = mul c d
          in (e,) }""",
        Jax.makeJaxpr((NDArray a, NDArray b) -> Jnp.outer(a, b)).apply(f32(2), f32(3))
            .toString());
  }

  /** Mixed dtypes are not converted: dot_general takes them with preferred_element_type. */
  @Test
  void mixedDtypesGoStraightToDotGeneral() {
    String text = Jax.makeJaxpr((NDArray a, NDArray b) -> Jnp.dot(a, b))
        .apply(Jnp.zeros(new int[] {2, 3}, DType.INT32), f32(3)).toString();
    assertTrue(text.contains("c:f32[2] = dot_general["), text);
    assertTrue(text.contains("preferred_element_type=float32"), text);
    assertTrue(!text.contains("convert_element_type"), text);
  }

  /**
   * The reference jaxpr of {@code jnp.convolve(x, jnp.ones(3))} nests {@code jit[name=convolve]}
   * and {@code jit[name=_conv]}; the inlined equations must be JAX's, in JAX's order.
   */
  @Test
  void convolveLowersAsJax() {
    String text = Jax.makeJaxpr((NDArray x) -> Jnp.convolve(x, Jnp.ones(3))).apply(f32(10))
        .toString();
    assertEquals(equations(ref("convolve")), equations(text));
  }

  /** The primitive lines of a jaxpr (name, params and result type), without jit wrappers. */
  private static List<String> equations(String jaxpr) {
    List<String> out = new ArrayList<>();
    for (String line : jaxpr.split("\n")) {
      String t = line.strip();
      if (t.contains("= jit[")) {
        continue;
      }
      if (t.contains(" = ")) {
        String rhs = t.substring(t.indexOf(" = ") + 3);
        String type = t.substring(t.indexOf(':') + 1, t.indexOf(" = "));
        out.add(type + " " + rhs.replaceAll(" [a-z]+$", "").replaceAll(" [a-z]+ [a-z]+$", ""));
      } else if (t.contains("=") && !t.startsWith("name=") && !t.startsWith("jaxpr=")
          && !t.startsWith("{") && !t.startsWith("]")) {
        out.add(t);
      }
    }
    return out;
  }
}
