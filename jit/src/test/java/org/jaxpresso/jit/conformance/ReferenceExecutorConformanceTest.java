package org.jaxpresso.jit.conformance;

import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.CompilerTesting;
import org.jaxpresso.jit.compiler.Dump;

/**
 * The conformance suite on the kernel IR's reference executor (the whole jit pipeline, then
 * {@link org.jaxpresso.jit.compiler.exec.ReferenceExecutor}), with the optimized jaxpr checked
 * and the kernel IR verified: it evaluates every op with the reference's own scalar semantics,
 * so every result must be bit-exact.
 */
class ReferenceExecutorConformanceTest extends BackendConformanceSuite {
  @Override
  protected ConformanceBackend backend() {
    return new ConformanceBackend() {
      @Override
      public String name() {
        return "kernel-IR reference executor";
      }

      @Override
      public Executable compile(ClosedJaxpr program, String name) {
        CompiledProgram c = Compiler.compile(program, name, Dump.none());
        JaxprChecker.check(c.optimized());
        CompilerTesting.assertVerifies(c.kernels());
        return c::execute;
      }

      @Override
      public Tolerance tolerance(String primitive, DType dtype) {
        return Tolerance.EXACT;
      }
    };
  }
}
