package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Large arguments of {@code sin}, {@code cos} and {@code tan} are reduced exactly on the GPU (a
 * regression test: the math library used to reduce by a three-part {@code pi/2} only, so past
 * 2^52 results were 0 or 1, for example {@code sin(1e38)} gave 0 instead of 0.98916; found by
 * the conformance suite, {@code PtxConformanceTest}). The generated kernels run in the PTX
 * interpreter against the reference, as XLA reduces exactly too.
 */
class TrigLargeArgumentTest {
  @Test
  void largeArgumentsAreReducedExactly() {
    List<Executable> checks = new ArrayList<>();
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.BFLOAT16}) {
      Array x = Array.fromDoubles(d,
          new double[] {1e10, 1e20, 1e38, -3e30, 6e5, 0x1p19, -1e15, 1.5}, 8);
      for (String f : new String[] {"sin", "cos", "tan"}) {
        ClosedJaxpr p = Jax.makeJaxpr((NDArray a) -> switch (f) {
          case "sin" -> Lax.sin(a);
          case "cos" -> Lax.cos(a);
          default -> Lax.tan(a);
        }).apply(x);
        CompiledProgram c = Compiler.compile(p, f, Dump.none());
        Array want = JaxprInterpreter.eval(p, List.of(x)).get(0);
        Array got = InterpretedProgram.run(c.kernels(), List.of(x), 2).get(0);
        checks.add(() -> assertNull(GpuTolerances.of(f, d).difference(want, got),
            f + " on " + d + " of " + x));
      }
    }
    assertAll(checks);
  }
}
