package org.jaxpresso.runtime.cpu.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprInterpreter;
import org.jaxpresso.runtime.cpu.CpuBackend;

/**
 * Compares generated CPU programs with {@link JaxprInterpreter}. Tolerances (relative to
 * max(1, |want|)): exact for integer, bool and fallback kernels; the scalar code is the reference
 * semantics, so only the Vector API differs: float32 transcendentals 1e-5 (SVML-class, a few
 * ulps), float32 sums reassociated over lanes and tasks 1e-5 * sqrt(n); float64 1e-12.
 */
final class CodegenTesting {
  private CodegenTesting() {}

  /** Compiles {@code program}, runs it and compares it with the interpreter. */
  static CpuProgram assertMatches(ClosedJaxpr program, List<Array> args, double tol) {
    CpuProgram p = CpuProgram.compile(program, "test", CpuBackend.simdAvailable());
    List<Array> want = JaxprInterpreter.eval(program, args);
    List<Array> got = p.execute(args);
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      String d = difference(want.get(i), got.get(i), tol);
      if (d != null) {
        fail("output " + i + ": " + d + "\nprogram:\n" + program + "\n" + p.kernels() + "\n"
            + p.report());
      }
    }
    return p;
  }

  /** Why {@code got} differs from {@code want} beyond {@code tol}, or null. */
  static String difference(Array want, Array got, double tol) {
    if (!want.aval().equals(got.aval())) {
      return "type " + got.aval() + " instead of " + want.aval();
    }
    long n = want.size();
    for (int k = 0; k < n; k++) {
      if (want.dtype().isFloating()) {
        double w = want.host().getDouble(k);
        double g = got.host().getDouble(k);
        if (Double.isNaN(w) && Double.isNaN(g) || w == g) {
          continue;
        }
        if (Math.abs(w - g) > tol * Math.max(1.0, Math.abs(w))) {
          return "element " + k + " is " + g + " instead of " + w;
        }
      } else if (want.host().getLong(k) != got.host().getLong(k)) {
        return "element " + k + " is " + got.host().getLong(k) + " instead of "
            + want.host().getLong(k);
      }
    }
    return null;
  }
}
