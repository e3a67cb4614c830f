package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.runtime.gpu.GpuCodegen;
import org.junit.jupiter.api.Test;

/**
 * Fused {@code concatenate} kernels (a select chain over shifted operands, clamped loads) on
 * the GPU path: every kernel is generated PTX (none left to the host), assembles with
 * {@code ptxas}, and computes on {@link PtxInterpreter} what the reference executor computes.
 */
public class PtxConcatenateTest {
  private static final DType[] DTYPES = {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16,
      DType.BFLOAT16, DType.INT32, DType.INT64, DType.UINT8, DType.BOOL};

  private static Array values(DType d, int seed, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = d.isBool() ? (i + seed) % 3 & 1 : ((i * 7 + seed) % 23) - 9;
    }
    return Array.fromDoubles(d, v, shape);
  }

  private static NDArray heatStep(NDArray u) {
    int n = u.shape()[0];
    NDArray mid = Lax.slice(u, new int[] {1}, new int[] {n - 1});
    NDArray right = Lax.slice(u, new int[] {2}, new int[] {n});
    NDArray left = Lax.slice(u, new int[] {0}, new int[] {n - 2});
    NDArray lap = Lax.add(Lax.sub(right, Lax.mul(mid, Array.scalar(2.0, u.dtype()))), left);
    NDArray inner = Lax.add(mid, Lax.mul(lap, Array.scalar(0.25, u.dtype())));
    return Lax.concatenate(0, Lax.slice(u, new int[] {0}, new int[] {1}), inner,
        Lax.slice(u, new int[] {n - 1}, new int[] {n}));
  }

  /** Compiles {@code j}, assembles its kernels, and compares the interpreted PTX. */
  private static void check(ClosedJaxpr j, List<Array> args, String what,
      List<String> failures) {
    CompiledProgram p = Compiler.compile(j, "concat", Dump.none());
    List<PtxKernel> ptx = GpuCodegen.generate(p, Dump.none());
    assertEquals(1, ptx.size(), () -> what + "\n" + p.kernels());
    assertNotNull(ptx.get(0), () -> what + " is left to the host\n" + p.kernels());
    PtxasAssumptions.assertAssembles(ptx, what + "\n" + p.kernels());
    List<Array> want = p.execute(args);
    List<Array> got = InterpretedProgram.run(p.kernels(), args, 2);
    String diff = PtxTestPrograms.difference(KernelOp.ADD, want.get(0), got.get(0), args);
    if (diff != null) {
      failures.add(what + ": " + diff);
    }
  }

  @Test
  void fusedConcatenatesAssembleAndCompute() {
    List<String> failures = new ArrayList<>();
    for (DType d : DTYPES) {
      for (int axis = 0; axis < 2; axis++) {
        int ax = axis;
        int[] sb = {3, 4};
        int[] se = {3, 4};
        sb[axis] = 2;
        se[axis] = 0;
        Array a = values(d, 0, 3, 4);
        Array b = values(d, 5, sb);
        Array e = values(d, 2, se);
        ClosedJaxpr j = Jax.makeJaxpr((NDArray x, NDArray y, NDArray z) -> {
          NDArray c = Lax.concatenate(ax, Lax.max(x, Lax.rev(x, ax)), z, y, Lax.rev(x, 0));
          return Lax.max(c, Lax.rev(c, ax));
        }).apply(a, b, e);
        check(j, List.of(a, b, e), d + " axis " + axis, failures);
      }
    }
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16}) {
      Array u = values(d, 1, 37);
      check(Jax.makeJaxpr(PtxConcatenateTest::heatStep).apply(u), List.of(u), "heat " + d,
          failures);
    }
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
  }
}
