package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * Devices on a machine with only the host: {@code Jax.devices}, {@code devicePut},
 * committedness through eager operations and jit, {@code delete}. (Two devices at once are
 * tested in runtime-gpu, on a simulated GPU.)
 */
class DevicesTest {
  private static Array vec(float... v) {
    return Array.of(v, v.length);
  }

  @Test
  void theHostIsTheOnlyDevice() {
    assertEquals(List.of(Device.HOST), Jax.devices());
    assertEquals(List.of(Device.HOST), Jax.devices("cpu"));
    assertEquals("[CpuDevice(id=0)]", Jax.devices().toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Jax.devices("gpu"));
    assertEquals("Unknown backend gpu; available devices: [CpuDevice(id=0)]", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Jax.devicePut(vec(1), new Device("cuda", 0)));
  }

  @Test
  void devicePutCommitsWithoutCopying() {
    Array x = vec(1, 2, 3);
    assertFalse(x.committed());
    assertEquals(Device.HOST, x.device());
    assertEquals(Set.of(Device.HOST), x.devices());
    Array c = Jax.devicePut(x, Device.HOST);
    assertTrue(c.committed());
    assertSame(x.buffer(), c.buffer(), "host data is immutable: no copy");
    assertEquals(x.repr(), c.repr());
    Object s = Jax.devicePut((Object) 2.5f, Device.HOST);
    assertEquals("Array(2.5, dtype=float32, weak_type=True)", ((Array) s).repr());
    Map<String, Object> tree = Jax.devicePut(Map.of("a", x, "b", List.of(x)), Device.HOST);
    assertTrue(((Array) tree.get("a")).committed());
    assertTrue(((Array) ((List<?>) tree.get("b")).get(0)).committed());
  }

  @Test
  void committedInputsCommitTheResults() {
    Array c = Jax.devicePut(vec(1, 2), Device.HOST);
    Array eager = (Array) Lax.add(c, 1.0f);
    assertTrue(eager.committed());
    assertArrayEquals(new float[] {2, 3}, eager.toFloatArray());
    assertFalse(((Array) Lax.add(vec(1, 2), 1.0f)).committed());
    Function<NDArray, NDArray> f = Jax.jit(v -> Lax.mul(v, v));
    assertTrue(((Array) f.apply(c)).committed());
    assertFalse(((Array) f.apply(vec(1, 2))).committed());
    Function<NDArray, NDArray> g = Jax.jit(v -> Lax.mul(v, v), Jax.device(Device.HOST));
    Array r = (Array) g.apply(vec(3));
    assertTrue(r.committed());
    assertArrayEquals(new float[] {9}, r.toFloatArray());
    // Views keep committedness.
    assertTrue(c.reshapeView(Shape.of(2, 1)).committed());
    assertTrue(c.withWeakType(true).committed());
    assertFalse(c.withCommitted(false).committed());
  }

  @Test
  void deletedArraysRaiseJaxsError() {
    Array x = vec(1, 2, 3);
    Array view = x.reshapeView(Shape.of(3, 1));
    x.delete();
    assertTrue(x.isDeleted());
    x.delete();
    IllegalStateException e = assertThrows(IllegalStateException.class, x::toFloatArray);
    assertEquals("Array has been deleted with shape=float32[3].", e.getMessage());
    assertThrows(IllegalStateException.class, x::repr);
    assertThrows(IllegalStateException.class, x::tolist);
    assertThrows(IllegalStateException.class, () -> Lax.neg(x));
    assertThrows(IllegalStateException.class, () -> Jax.jit((NDArray v) -> v).apply(x));
    assertThrows(IllegalStateException.class, () -> Jax.devicePut(x, Device.HOST));
    assertThrows(IllegalStateException.class, () -> x.reshapeView(Shape.of(1, 3)));
    assertArrayEquals(new float[] {1, 2, 3}, view.toFloatArray(), "other arrays are intact");
  }

  @Test
  void deviceGetReturnsUncommittedHostArrays() {
    Array c = Jax.devicePut(vec(1, 2), Device.HOST);
    Array h = Jax.deviceGet(c);
    assertFalse(h.committed());
    assertSame(c.buffer(), h.buffer());
    assertSame(h, h.blockUntilReady());
    List<Array> both = Jax.deviceGet(List.of(c, h));
    assertFalse(both.get(0).committed());
  }

  @Test
  void tracersCannotBePlaced() {
    assertThrows(JaxTypeError.class, () -> Jax.jit((NDArray v) -> Jax.devicePut(v,
        Device.HOST)).apply(vec(1)));
  }
}
