package org.jaxpresso.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.backend.Dispatch;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.Elementwise;
import org.jaxpresso.lax.primitives.Transcendental;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;
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
  void eagerOpsCompileToGeneratedKernels() {
    Array x = Array.of(new float[] {1, 2, 3}, 3);
    Executable e = Backends.defaultBackend().compile(Dispatch.singleEquation(
        Transcendental.SIN, Params.EMPTY, List.of(x.aval())));
    CpuProgram p = assertInstanceOf(CpuProgram.class, e);
    assertEquals(1, p.generatedKernels(), p.report());
    assertEquals(Math.sin(2.0), e.execute(List.of(x)).get(0).getDouble(1), 1e-6);
    assertEquals("sin", CpuBackend.programName(Dispatch.singleEquation(Transcendental.SIN,
        Params.EMPTY, List.of(x.aval()))));
  }

  @Test
  void wrongArgumentsNameTheProgramAndTypes() {
    Array x = Array.of(new float[] {1, 2, 3}, 3);
    Executable e = Backends.defaultBackend().compile(Dispatch.singleEquation(
        Elementwise.NEG, Params.EMPTY, List.of(x.aval())));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> e.execute(List.of(Array.of(new float[] {1, 2}, 2))));
    assertEquals("compiled program neg argument 0 has type float32[2] but the program expects"
        + " float32[3]", bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> e.execute(List.of()));
  }

  @Test
  void simdFollowsTheVectorApiModule() {
    // The default surefire run adds jdk.incubator.vector; the scalar-fallback run does not.
    boolean expectScalar = Boolean.getBoolean("jaxpresso.test.expectScalar");
    assertEquals(!expectScalar, CpuBackend.simdAvailable());
  }
}
