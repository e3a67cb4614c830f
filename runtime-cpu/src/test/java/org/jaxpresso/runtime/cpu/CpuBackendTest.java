package org.jaxpresso.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

class CpuBackendTest {
  @Test
  void cpuIsTheDefaultBackendAndRunsEagerOps() {
    assertEquals("cpu", Backends.defaultBackend().platform());
    Array r = (Array) Lax.add(Array.of(new float[] {1, 2}, 2), Array.of(new float[] {3, 4}, 2));
    assertEquals(DType.FLOAT32, r.dtype());
    assertEquals(4.0, r.getDouble(0));
    assertEquals(6.0, r.getDouble(1));
  }

  @Test
  void simdFollowsTheVectorApiModule() {
    // The default surefire run adds jdk.incubator.vector; the scalar-fallback run does not.
    boolean expectScalar = Boolean.getBoolean("jaxpresso.test.expectScalar");
    assertEquals(!expectScalar, CpuBackend.simdAvailable());
  }
}
