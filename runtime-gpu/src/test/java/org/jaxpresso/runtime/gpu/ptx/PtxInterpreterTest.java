package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.exec.ReferenceExecutor;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * The generated PTX executed by {@link PtxInterpreter} (no GPU) and compared with the reference
 * executor of the same kernel IR, with the tolerances of the GPU conformance test: every op on
 * every dtype, every conversion, and whole programs including reductions and two-pass
 * reductions.
 */
public class PtxInterpreterTest {
  @Test
  void everyOpOnEveryDtype() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (DType d : DType.values()) {
      for (KernelOp op : KernelOp.values()) {
        KernelProgram p = PtxTestPrograms.oneOpOrNull(op, d);
        if (p == null) {
          continue;
        }
        for (int seed = 0; seed < 3; seed++) {
          List<Array> args = PtxTestPrograms.arguments(p, new Random(op.ordinal() * 131L
              + d.ordinal() * 7L + seed));
          List<Array> want = ReferenceExecutor.run(p, BufferPlanner.plan(p), args);
          List<Array> got = InterpretedProgram.run(p, args, 2);
          String diff = PtxTestPrograms.difference(op, want.get(0), got.get(0), args);
          if (diff != null) {
            failures.add(op.textName() + " on " + d + ": " + diff);
            break;
          }
        }
        checked++;
      }
    }
    System.out.println("interpreted " + checked + " op/dtype kernels");
    if (!failures.isEmpty()) {
      fail(failures.size() + " ops differ:\n" + String.join("\n", failures));
    }
  }

  @Test
  void everyConversion() {
    List<String> failures = new ArrayList<>();
    for (DType from : DType.values()) {
      for (DType to : DType.values()) {
        KernelProgram p = PtxOpCoverageTest.oneOp("k_cvt", KernelOp.CONVERT, List.of(from), to,
            0);
        List<Array> args = PtxTestPrograms.arguments(p, new Random(from.ordinal() * 17L
            + to.ordinal()));
        List<Array> want = ReferenceExecutor.run(p, BufferPlanner.plan(p), args);
        List<Array> got = InterpretedProgram.run(p, args, 2);
        String diff = PtxTestPrograms.difference(KernelOp.CONVERT, want.get(0), got.get(0),
            args);
        if (diff != null) {
          failures.add(from + " -> " + to + ": " + diff);
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " conversions differ:\n" + String.join("\n", failures));
    }
  }

  @Test
  void programs() {
    List<String> failures = new ArrayList<>();
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16}) {
      for (PtxProgramTest.Case c : PtxProgramTest.cases()) {
        Array x = PtxTestPrograms.matrix(d);
        ClosedJaxpr j = Jax.makeJaxpr((NDArray v) -> c.fn().apply(v, d)).apply(x);
        CompiledProgram ref = Compiler.compile(j, c.name(), Dump.none());
        List<Array> want = ref.execute(List.of(x));
        List<Array> got = InterpretedProgram.run(ref.kernels(), List.of(x), 2);
        for (int i = 0; i < want.size(); i++) {
          String diff = PtxTestPrograms.difference(KernelOp.REDUCE_SUM, want.get(i), got.get(i),
              List.of(x));
          if (diff != null) {
            failures.add(c.name() + " on " + d + " output " + i + ": " + diff);
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      fail(String.join("\n", failures));
    }
  }

  @Test
  void twoPassReductions() {
    double[] v = new double[3 * 40000];
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.sin(i * 0.37) * 5 + (i == 70001 ? 9 : 0);
    }
    Array x = Array.fromDoubles(DType.FLOAT32, v, 40000, 3);
    ClosedJaxpr j = Jax.makeJaxpr((NDArray a) -> List.of(Lax.reduceSum(a, 0, 1),
        Lax.argmax(a, 0, DType.INT32), Lax.reduceMax(a, 0))).apply(x);
    CompiledProgram ref = Compiler.compile(j, "split", Dump.none());
    List<Array> want = ref.execute(List.of(x));
    List<Array> got = InterpretedProgram.run(ref.kernels(), List.of(x), 3);
    for (int i = 0; i < want.size(); i++) {
      String diff = PtxTestPrograms.difference(KernelOp.REDUCE_SUM, want.get(i), got.get(i),
          List.of());
      if (diff != null) {
        fail("output " + i + ": " + diff + "\n" + ref.kernels());
      }
    }
  }
}
