package org.jaxpresso.numpy;

import static org.jaxpresso.numpy.Jnp.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** Indexing and {@code .at[]} lower to JAX's exact jaxprs (reference file and probe). */
class IndexingJaxprTest {
  private static String ref(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = (Map<String, Object>) Reference.section("jaxprs").get(name);
    return (String) entry.get("ok");
  }

  private static Array zeros(DType dtype, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return Array.fromDoubles(dtype, new double[n], shape);
  }

  @Test
  void staticSlicesAsReference() {
    String got = Jax.makeJaxpr((NDArray x) -> List.of(x.get(slice(1, 3)),
            x.get(slice(null, null, 2)), x.get(newaxis()), x.get(slice(), 0)))
        .apply(zeros(DType.FLOAT32, 5, 3)).toString();
    assertEquals(ref("slices"), got);
  }

  @Test
  void gatherOfConstantIndexArrayAsReference() {
    Array idx = Array.of(new int[] {1, -2}, 2);
    String got = Jax.makeJaxpr((NDArray x) -> x.get(idx)).apply(zeros(DType.FLOAT32, 10))
        .toString();
    assertEquals(ref("int_index"), got);
  }

  @Test
  void dynamicSliceAsReference() {
    String got = Jax.makeJaxpr((NDArray x, NDArray i) -> get(x, ds(i, 2)))
        .apply(zeros(DType.FLOAT32, 10), Array.scalar(0L, DType.INT32)).toString();
    assertEquals(ref("dynamic_slice"), got);
  }

  @Test
  void atSetAsReference() {
    String got = Jax.makeJaxpr((NDArray x) -> x.at(0).set(10.0))
        .apply(zeros(DType.FLOAT32, 10)).toString();
    assertEquals(ref("at_set"), got);
  }

  @Test
  void staticIndexingOf2dAsProbe() {
    String got = Jax.makeJaxpr((NDArray x) -> List.of(x.get(slice(1, 3)),
            x.get(slice(null, null, 2)), x.get(slice(), 1), x.get(0), x.get(-1),
            x.get(slice(null, null, -1))))
        .apply(zeros(DType.FLOAT32, 4, 3)).toString();
    assertEquals("""
        { lambda ; a:f32[4,3]. let
            b:f32[2,3] = slice[limit_indices=(3, 3) start_indices=(1, 0) strides=None] a
            c:f32[2,3] = slice[limit_indices=(4, 3) start_indices=(0, 0) strides=(2, 1)] a
            d:f32[4,1] = slice[limit_indices=(4, 2) start_indices=(0, 1) strides=None] a
            e:f32[4] = squeeze[dimensions=(1,)] d
            f:f32[1,3] = slice[limit_indices=(1, 3) start_indices=(0, 0) strides=None] a
            g:f32[3] = squeeze[dimensions=(0,)] f
            h:f32[1,3] = slice[limit_indices=(4, 3) start_indices=(3, 0) strides=None] a
            i:f32[3] = squeeze[dimensions=(0,)] h
            j:f32[4,3] = rev[dimensions=(0,)] a
          in (b, c, e, g, i, j) }""", got);
  }

  @Test
  void tracedScalarIndexOf2dAsProbe() {
    String got = Jax.makeJaxpr((NDArray x, NDArray i) -> x.get(i))
        .apply(zeros(DType.FLOAT32, 4, 3), Array.scalar(0L, DType.INT32)).toString();
    assertEquals("""
        { lambda ; a:f32[4,3] b:i32[]. let
            c:bool[] = lt b 0:i32[]
            d:i32[] = add b 4:i32[]
            e:i32[] = select_n c b d
            f:bool[] = lt 0:i32[] 0:i32[]
            g:i32[] = add 0:i32[] 3:i32[]
            h:i32[] = select_n f 0:i32[] g
            i:f32[1,3] = dynamic_slice[slice_sizes=(1, 3)] a e h
            j:f32[3] = squeeze[dimensions=(0,)] i
          in (j,) }""", got);
  }

  @Test
  void tracedIndexArrayOf2dAsProbe() {
    String got = Jax.makeJaxpr((NDArray x, NDArray i) -> x.get(i))
        .apply(zeros(DType.FLOAT32, 4, 3), zeros(DType.INT32, 2)).toString();
    assertEquals("""
        { lambda ; a:f32[4,3] b:i32[2]. let
            c:bool[2] = lt b 0:i32[]
            d:i32[2] = add b 4:i32[]
            e:i32[2] = select_n c b d
            f:i32[2,1] = broadcast_in_dim[broadcast_dimensions=(0,)] e
            g:f32[2,3] = gather[
              dimension_numbers=GatherDimensionNumbers(offset_dims=(1,), collapsed_slice_dims=(0,), start_index_map=(0,), operand_batching_dims=(), start_indices_batching_dims=())
              fill_value=None
              indices_are_sorted=False
              mode=GatherScatterMode.PROMISE_IN_BOUNDS
              slice_sizes=(1, 3)
              unique_indices=False
            ] a f
          in (g,) }""", got);
  }

  @Test
  void atSetAndAddAsProbe() {
    String got = Jax.makeJaxpr((NDArray x, NDArray i) -> List.of(x.at(0).set(5.0),
            x.at(i).add(1.0)))
        .apply(zeros(DType.FLOAT32, 4), zeros(DType.INT32, 2)).toString();
    assertEquals("""
        { lambda ; a:f32[4] b:i32[2]. let
            c:i32[1] = broadcast_in_dim 0:i32[]
            d:f32[4] = scatter[
              dimension_numbers=ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,), operand_batching_dims=(), scatter_indices_batching_dims=())
              indices_are_sorted=True
              mode=GatherScatterMode.FILL_OR_DROP
              unique_indices=True
              update_consts=()
              update_jaxpr=None
            ] a c 5.0:f32[]
            e:bool[2] = lt b 0:i32[]
            f:i32[2] = add b 4:i32[]
            g:i32[2] = select_n e b f
            h:i32[2,1] = broadcast_in_dim[broadcast_dimensions=(0,)] g
            i:f32[2] = broadcast_in_dim 1.0:f32[]
            j:f32[4] = scatter-add[
              dimension_numbers=ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,), operand_batching_dims=(), scatter_indices_batching_dims=())
              indices_are_sorted=False
              mode=GatherScatterMode.FILL_OR_DROP
              unique_indices=False
              update_consts=()
              update_jaxpr={ lambda ; k:f32[] l:f32[]. let m:f32[] = add k l in (m,) }
            ] a h i
          in (d, j) }""", got);
  }

  @Test
  void atSetOfTracedScalarIndexAsProbe() {
    String got = Jax.makeJaxpr((NDArray x, NDArray i) -> x.at(i).set(1.0))
        .apply(zeros(DType.FLOAT32, 4), Array.scalar(0L, DType.INT32)).toString();
    assertEquals("""
        { lambda ; a:f32[4] b:i32[]. let
            c:bool[] = lt b 0:i32[]
            d:i32[] = add b 4:i32[]
            e:i32[] = select_n c b d
            f:i32[1] = broadcast_in_dim e
            g:f32[4] = scatter[
              dimension_numbers=ScatterDimensionNumbers(update_window_dims=(), inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,), operand_batching_dims=(), scatter_indices_batching_dims=())
              indices_are_sorted=True
              mode=GatherScatterMode.FILL_OR_DROP
              unique_indices=True
              update_consts=()
              update_jaxpr=None
            ] a f 1.0:f32[]
          in (g,) }""", got);
  }

  @Test
  void takeAlongAxisAsProbeBody() {
    String got = Jax.makeJaxpr((NDArray x, NDArray i) -> takeAlongAxis(x, i, 1))
        .apply(zeros(DType.FLOAT32, 2, 3), zeros(DType.INT32, 2, 1)).toString();
    assertEquals("""
        { lambda ; a:f32[2,3] b:i32[2,1]. let
            c:bool[2,1] = lt b 0:i32[]
            d:i32[2,1] = add b 3:i32[]
            e:i32[2,1] = select_n c b d
            f:i32[2,1,1] = reshape[dimensions=None new_sizes=(2, 1, 1) sharding=None] e
            g:f32[2,1] = gather[
              dimension_numbers=GatherDimensionNumbers(offset_dims=(), collapsed_slice_dims=(1,), start_index_map=(1,), operand_batching_dims=(0,), start_indices_batching_dims=(0,))
              fill_value=nan
              indices_are_sorted=False
              mode=GatherScatterMode.FILL_OR_DROP
              slice_sizes=(1, 1)
              unique_indices=False
            ] a f
          in (g,) }""", got);
  }

  @Test
  void sortAndArgsortAsProbeBodies() {
    String got = Jax.makeJaxpr((NDArray x) -> List.of(sort(x), argsort(x)))
        .apply(zeros(DType.FLOAT32, 4)).toString();
    assertEquals("""
        { lambda ; a:f32[4]. let
            b:f32[4] = sort[dimension=0 is_stable=True num_keys=1] a
            c:i32[4] = iota[dimension=0 dtype=int32 shape=(4,) sharding=None]\s
            _:f32[4] d:i32[4] = sort[dimension=0 is_stable=True num_keys=1] a c
          in (b, d) }""", got);
  }
}
