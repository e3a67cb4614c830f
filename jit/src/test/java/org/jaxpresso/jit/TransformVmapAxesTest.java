package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * vmap's per-leaf {@code in_axes} and {@code out_axes} (tree prefixes of the arguments and the
 * result), {@code axis_size}, and JAX's errors for specifications that are not prefixes, for
 * inconsistent sizes and for nothing mapped.
 */
class TransformVmapAxesTest {
  private static final Array W = Array.of(new float[] {1, 2, 3}, 3);
  private static final Array XS = Array.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
  private static final Array XS_T = Array.of(new float[] {1, 4, 2, 5, 3, 6}, 3, 2);

  /** A record argument: its components are the pytree's children. */
  record Layer(NDArray w, NDArray b) {}

  private static NDArray row(NDArray x, int i) {
    int n = x.aval().shape().dim(1);
    return Lax.reshape(Lax.slice(x, new int[] {i, 0}, new int[] {i + 1, n}), new int[] {n});
  }

  @Test
  void listArgumentWithOneSharedAndOneMappedLeaf() {
    Function<List<NDArray>, NDArray> f = p -> Lax.mul(p.get(0), p.get(1));
    NDArray got = Jax.vmap(f, Arrays.asList(null, 0), 0).apply(List.of(W, XS));
    for (int i = 0; i < 2; i++) {
      assertArrayEquals(f.apply(List.of(W, row(XS, i))).toFloatArray(),
          row(got, i).toFloatArray());
    }
    // the same with the mapped leaf's batch along axis 1
    NDArray t = Jax.vmap(f, Arrays.asList(null, 1), 0).apply(List.of(W, XS_T));
    assertArrayEquals(got.toFloatArray(), t.toFloatArray());
  }

  @Test
  void mapAndRecordArguments() {
    Function<Map<String, NDArray>, NDArray> f = p -> Lax.add(p.get("w"), p.get("b"));
    java.util.Map<String, Object> spec = new java.util.HashMap<>();
    spec.put("w", null);
    spec.put("b", 0);
    NDArray got = Jax.vmap(f, spec, 0).apply(Map.of("w", W, "b", XS));
    assertArrayEquals(new float[] {2, 4, 6, 5, 7, 9}, got.toFloatArray());
    Function<Layer, NDArray> g = l -> Lax.sub(l.b(), l.w());
    NDArray r = Jax.vmap(g, recordSpec(), 0).apply(new Layer(W, XS));
    assertArrayEquals(new float[] {0, 0, 0, 3, 3, 3}, r.toFloatArray());
  }

  /** The spec {@code Layer(w=None, b=0)}, as a record of the argument's type. */
  private static Object recordSpec() {
    return new AxesLayer(null, 0);
  }

  /** The axis specification of a {@link Layer}. */
  record AxesLayer(Integer w, Integer b) {}

  @Test
  void outAxesPerOutputLeaf() {
    Function<NDArray, List<NDArray>> f = x -> List.of(Lax.mul(x, 2f), Lax.sin(W));
    List<NDArray> got = Jax.vmap(f, 0, Arrays.asList(1, null)).apply(XS);
    assertArrayEquals(new int[] {3, 2}, got.get(0).aval().shape().dims());
    assertArrayEquals(new float[] {2, 8, 4, 10, 6, 12}, got.get(0).toFloatArray());
    assertArrayEquals(Lax.sin(W).toFloatArray(), got.get(1).toFloatArray());
    List<NDArray> both = Jax.vmap(f, 0, 0).apply(XS);
    assertArrayEquals(new int[] {2, 3}, both.get(1).aval().shape().dims());
    JaxValueError e = assertThrows(JaxValueError.class,
        () -> Jax.vmap(f, 0, Arrays.asList(null, 0)).apply(XS));
    assertEquals("vmap has mapped output but out_axes is None", e.getMessage());
  }

  @Test
  void axisSizeBroadcastsWhenNothingIsMapped() {
    Function<NDArray, NDArray> f = x -> Lax.sin(x);
    NDArray got = Jax.vmap(f, null, 0, 4).apply(W);
    assertArrayEquals(new int[] {4, 3}, got.aval().shape().dims());
    assertArrayEquals(Lax.sin(W).toFloatArray(), row(got, 3).toFloatArray());
    JaxValueError none = assertThrows(JaxValueError.class,
        () -> Jax.vmap(f, (Object) null, (Object) 0).apply(W));
    assertEquals("vmap must have at least one non-None value in in_axes or axis_size must be"
        + " specified", none.getMessage());
    JaxValueError bad = assertThrows(JaxValueError.class,
        () -> Jax.vmap(f, 0, 0, 5).apply(XS_T));
    assertEquals("vmap got inconsistent sizes for array axes to be mapped:\n"
        + "  * the `axis_size` argument was 5;\n"
        + "  * one axis had size 3: axis 0 of args[0] of type float32[3,2]", bad.getMessage());
  }

  @Test
  void inconsistentSizesInJaxsWords() {
    BiFunction<NDArray, NDArray, NDArray> add = (x, y) -> Lax.add(x, y);
    Array x2 = Array.of(new float[] {1, 2}, 2);
    Array x1 = Array.of(new float[] {1}, 1);
    JaxValueError two = assertThrows(JaxValueError.class,
        () -> Jax.vmap(add, new Integer[] {0, 0}, 0).apply(x2, W));
    assertEquals("vmap got inconsistent sizes for array axes to be mapped:\n"
        + "  * one axis had size 2: axis 0 of args[0] of type float32[2];\n"
        + "  * one axis had size 3: axis 0 of args[1] of type float32[3]", two.getMessage());
    Function<List<NDArray>, NDArray> sum3 = p -> Lax.add(Lax.add(p.get(0), p.get(1)), p.get(2));
    JaxValueError three = assertThrows(JaxValueError.class,
        () -> Jax.vmap(sum3, 0, 0).apply(List.of(x2, x2, x1)));
    assertEquals("vmap got inconsistent sizes for array axes to be mapped:\n"
        + "  * most axes (2 of them) had size 2, e.g. axis 0 of args[0][0] of type"
        + " float32[2];\n"
        + "  * one axis had size 1: axis 0 of args[0][2] of type float32[1]",
        three.getMessage());
  }

  @Test
  void specificationsThatAreNotPrefixes() {
    Function<NDArray, NDArray> id = x -> x;
    JaxValueError e = assertThrows(JaxValueError.class,
        () -> Jax.vmap(id, Arrays.asList(0, 0), 0).apply(W));
    assertEquals("vmap in_axes specification must be a tree prefix of the corresponding value,"
        + " got specification ([0, 0],) for value tree PyTreeDef((*,)).", e.getMessage());
    BiFunction<NDArray, NDArray, NDArray> add = (x, y) -> Lax.add(x, y);
    JaxValueError count = assertThrows(JaxValueError.class,
        () -> Jax.vmap(add, new Object[] {0, 0, 0}, 0).apply(W, W));
    assertEquals("vmap in_axes specification must be a tree prefix of the corresponding value,"
        + " got specification (0, 0, 0) for value tree PyTreeDef((*, *)).", count.getMessage());
    Function<NDArray, List<NDArray>> pair = x -> List.of(x, x);
    JaxValueError out = assertThrows(JaxValueError.class,
        () -> Jax.vmap(pair, 0, Arrays.asList(0, 0, 0)).apply(XS));
    assertEquals("vmap out_axes specification must be a tree prefix of the corresponding value,"
        + " got specification [0, 0, 0] for value tree PyTreeDef([*, *]).", out.getMessage());
    JaxTypeError type = assertThrows(JaxTypeError.class,
        () -> Jax.vmap(id, 0.5, 0).apply(W));
    assertEquals("vmap in_axes must be an int, None, or (nested) container with those types as"
        + " leaves, but got (0.5,).", type.getMessage());
    JaxValueError rank = assertThrows(JaxValueError.class,
        () -> Jax.vmap(id, 2, 0).apply(XS));
    assertEquals("vmap was requested to map its argument along axis 2, which implies that its"
        + " rank should be at least 3, but is only 2 (its shape is (2, 3))", rank.getMessage());
  }

  @Test
  void perLeafAxesComposeWithGradAndJit() {
    Function<List<NDArray>, NDArray> loss = p -> Lax.reduceSum(Lax.mul(p.get(0), p.get(1)), 0);
    Function<List<NDArray>, List<NDArray>> g = Jax.grad(loss);
    List<NDArray> perExample = Jax.vmap(g, Arrays.asList(null, 0), 0).apply(List.of(W, XS));
    assertArrayEquals(XS.toFloatArray(), perExample.get(0).toFloatArray());
    assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, perExample.get(1).toFloatArray());
    List<NDArray> jitted = Jax.jit(Jax.vmap(g, Arrays.asList(null, 0), 0))
        .apply(List.of(W, XS));
    assertArrayEquals(perExample.get(1).toFloatArray(), jitted.get(1).toFloatArray());
  }
}
