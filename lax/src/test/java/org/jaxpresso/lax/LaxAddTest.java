package org.jaxpresso.lax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.junit.jupiter.api.Test;

class LaxAddTest {
  @Test
  void laxAddOfIntAndFloatFailsAsInJax() {
    JaxTypeError e = assertThrows(JaxTypeError.class, () -> Lax.add(1, 1.0));
    assertEquals("lax.add requires arguments to have the same dtypes, got int32, float32. (Tip: jnp.add"
        + " is a similar function that does automatic type promotion on inputs).", e.getMessage());
  }

  @Test
  void laxAddOfStrongFloat32AndWeakScalarIsStrong() {
    NDArray r = Lax.add(Array.scalar(1.0, DType.FLOAT32), 1.0);
    assertEquals(DType.FLOAT32, r.dtype());
    assertEquals(false, r.weakType());
    assertEquals(2.0, ((Array) r).getDouble(0));
  }

  @Test
  void weakPlusWeakIsWeak() {
    NDArray r = Lax.add(1, 1);
    assertEquals(DType.INT32, r.dtype());
    assertEquals(true, r.weakType());
  }
}
