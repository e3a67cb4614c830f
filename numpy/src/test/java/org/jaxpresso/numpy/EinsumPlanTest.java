package org.jaxpresso.numpy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.internal.linalg.EinsumPath;
import org.jaxpresso.numpy.internal.linalg.EinsumSpec;
import org.junit.jupiter.api.Test;

/**
 * The einsum parser and planner follow opt_einsum (implicit outputs, ellipsis labels, the
 * order operands are popped in), and the lowering follows JAX's {@code _einsum}.
 */
class EinsumPlanTest {
  @Test
  void implicitOutputIsTheSortedSingleLabels() {
    assertEquals(new EinsumSpec(List.of("ij", "jk"), "ik"),
        EinsumSpec.parse("ij,jk", new int[] {2, 2}));
    assertEquals(new EinsumSpec(List.of("ba"), "ab"), EinsumSpec.parse("ba", new int[] {2}));
    assertEquals(new EinsumSpec(List.of("ii"), ""), EinsumSpec.parse("ii", new int[] {2}));
    assertEquals(new EinsumSpec(List.of("ij", "jk"), "ik"),
        EinsumSpec.parse(" ij , jk -> ik ", new int[] {2, 2}));
  }

  @Test
  void ellipsesTakeUnusedLabelsRightAligned() {
    assertEquals(new EinsumSpec(List.of("bj"), "b"), EinsumSpec.parse("...j->...", new int[] {2}));
    assertEquals(new EinsumSpec(List.of("cij", "jk"), "cik"),
        EinsumSpec.parse("...ij,...jk", new int[] {3, 2}));
    assertEquals(new EinsumSpec(List.of("cdij", "djk"), "cdik"),
        EinsumSpec.parse("...ij,...jk->...ik", new int[] {4, 3}));
    assertEquals(new EinsumSpec(List.of("i", "i"), ""),
        EinsumSpec.parse("...i,...i->...", new int[] {1, 1}));
  }

  @Test
  void leftToRightPopsTheLaterOperandFirst() {
    List<EinsumPath.Step> steps = EinsumPath.plan(EinsumSpec.parse("ij,jk,kl->il",
        new int[] {2, 2, 2}), List.of(new int[] {2, 3}, new int[] {3, 4}, new int[] {4, 2}),
        Jnp.EinsumOrder.LEFT_TO_RIGHT);
    assertEquals(2, steps.size());
    assertArrayEquals(new int[] {1, 0}, steps.get(0).operands());
    assertEquals(List.of("jk", "ij"), steps.get(0).inputs());
    assertEquals("ki", steps.get(0).result());
    assertEquals(List.of("ki", "kl"), steps.get(1).inputs());
    assertEquals("il", steps.get(1).result());
  }

  @Test
  void greedyContractsTheCheapestPairFirst() {
    List<EinsumPath.Step> steps = EinsumPath.plan(EinsumSpec.parse("ab,cd,bc->ad",
        new int[] {2, 2, 2}), List.of(new int[] {2, 3}, new int[] {4, 2}, new int[] {3, 4}),
        Jnp.EinsumOrder.GREEDY);
    assertArrayEquals(new int[] {2, 1}, steps.get(0).operands());
    assertEquals(List.of("bc", "cd"), steps.get(0).inputs());
    assertEquals("bd", steps.get(0).result());
  }

  @Test
  void transposeOnlyWhenTheOrderDiffers() {
    String ji = Jax.makeJaxpr((NDArray a) -> Jnp.einsum("ij->ji", a))
        .apply(Jnp.zeros(2, 3)).toString();
    assertEquals("{ lambda ; a:f32[2,3]. let b:f32[3,2] = transpose[permutation=(1, 0)] a in"
        + " (b,) }", ji);
    String bki = Jax.makeJaxpr((NDArray a, NDArray b) -> Jnp.einsum("bij,bjk->bki", a, b))
        .apply(Jnp.zeros(2, 3, 4), Jnp.zeros(2, 4, 5)).toString();
    assertEquals("""
        { lambda ; a:f32[2,3,4] b:f32[2,4,5]. let
            c:f32[2,5,3] = dot_general[
              dimension_numbers=(([1], [2]), ([0], [0]))
              preferred_element_type=float32
            ] b a
          in (c,) }""", bki);
  }

  @Test
  void singleOperandSumsAndDiagonals() {
    String sum = Jax.makeJaxpr((NDArray a) -> Jnp.einsum("ij->j", a))
        .apply(Jnp.zeros(2, 3)).toString();
    assertEquals("""
        { lambda ; a:f32[2,3]. let
            b:f32[3] = reduce_sum[axes=(0,) out_sharding=None] a
          in (b,) }""", sum);
    String diag = Jax.makeJaxpr((NDArray a) -> Jnp.einsum("ii->i", a))
        .apply(Jnp.zeros(3, 3)).toString();
    assertEquals("""
        { lambda ; a:f32[3,3]. let
            b:u32[3,3] = iota[dimension=0 dtype=uint32 shape=(3, 3) sharding=None]\s
            c:u32[3,3] = iota[dimension=1 dtype=uint32 shape=(3, 3) sharding=None]\s
            d:bool[3,3] = eq b c
            e:bool[3,3] = broadcast_in_dim[broadcast_dimensions=(0, 1)] d
            f:f32[3,3] = broadcast_in_dim 0.0:f32[]
            g:f32[3,3] = select_n e f a
            h:f32[3] = reduce_sum[axes=(0,) out_sharding=None] g
          in (h,) }""", diag);
  }
}
