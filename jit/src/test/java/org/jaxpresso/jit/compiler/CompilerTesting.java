package org.jaxpresso.jit.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.jit.compiler.fusion.FusionPlan;
import org.jaxpresso.jit.compiler.fusion.FusionPlanner;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.KirVerifier;
import org.jaxpresso.jit.compiler.passes.PassPipeline;

/** Structural and differential assertions for compiler tests. */
public final class CompilerTesting {
  private CompilerTesting() {}

  /** The fusion plan of {@code program} after the standard passes. */
  public static FusionPlan fusionPlan(ClosedJaxpr program) {
    return FusionPlanner.plan(PassPipeline.standard().run(program, Dump.none()));
  }

  /** Asserts that {@code program} (after the standard passes) fuses into {@code n} kernels. */
  public static void assertKernelCount(ClosedJaxpr program, int n) {
    FusionPlan plan = fusionPlan(program);
    assertEquals(n, plan.kernelCount(), () -> "kernel count of\n" + program + "\n" + plan);
  }

  /** Asserts that the kernel IR of {@code program} verifies. */
  public static void assertVerifies(KernelProgram program) {
    List<String> problems = KirVerifier.verify(program);
    assertTrue(problems.isEmpty(), () -> problems + "\n" + program);
  }

  /**
   * Compiles {@code program}, checks every stage, runs it on {@code args} and compares each
   * output with the interpreter's, bit for bit (NaNs equal).
   */
  public static CompiledProgram assertSameAsInterpreter(ClosedJaxpr program, List<Array> args) {
    CompiledProgram c = Compiler.compile(program, "test", Dump.none());
    JaxprChecker.check(c.optimized());
    assertVerifies(c.kernels());
    List<Array> want = JaxprInterpreter.eval(program, args);
    List<Array> got = c.execute(args);
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      String diff = difference(want.get(i), got.get(i));
      if (diff != null) {
        fail("output " + i + " differs: " + diff + "\nprogram:\n" + program + "\n"
            + c.fusion() + c.kernels() + "\nargs: " + args);
      }
    }
    return c;
  }

  /** Why {@code got} differs from {@code want} (aval or a bit pattern), or null. */
  public static String difference(Array want, Array got) {
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval() + " instead of " + want.aval();
    }
    int n = Math.toIntExact(want.aval().size());
    for (int k = 0; k < n; k++) {
      boolean same;
      if (want.dtype().isFloating()) {
        double a = want.getDouble(k);
        double b = got.getDouble(k);
        same = Double.compare(a, b) == 0 || (Double.isNaN(a) && Double.isNaN(b));
      } else {
        same = want.getLong(k) == got.getLong(k);
      }
      if (!same) {
        return "element " + k + ": " + got.repr() + " instead of " + want.repr();
      }
    }
    return null;
  }
}
