package org.jaxpresso.runtime.cpu.conformance;

import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompilerTesting;
import org.jaxpresso.jit.conformance.ConformanceBackend;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;

/**
 * The CPU backend as a {@link ConformanceBackend}: {@link CpuProgram} with or without SIMD, its
 * kernel IR verified ({@code KirVerifier}) before it runs.
 */
final class CpuConformance implements ConformanceBackend {
  private final boolean simd;
  private final java.util.Map<String, Integer> kernels = new java.util.TreeMap<>();
  /** Kernels run on the reference executor, by name without the kernel number. */
  private final java.util.Map<String, Integer> reference = new java.util.TreeMap<>();

  CpuConformance(boolean simd) {
    this.simd = simd;
  }

  @Override
  public String name() {
    return simd ? "cpu (Vector API)" : "cpu (scalar loops)";
  }

  @Override
  public Executable compile(ClosedJaxpr program, String name) {
    CpuProgram p = CpuProgram.compile(program, name, simd);
    CompilerTesting.assertVerifies(p.kernels());
    p.report().lines().forEach(l -> {
      String how = l.substring(l.indexOf(": ") + 2);
      kernels.merge(how, 1, Integer::sum);
      if (how.equals("reference")) {
        String k = l.strip().substring(0, l.strip().indexOf(": "));
        reference.merge(k.substring(k.indexOf('_') + 1), 1, Integer::sum);
      }
    });
    return p;
  }

  /** Prints how the suite's kernels ran: generated, library, control flow or reference. */
  @Override
  public void finish() {
    System.out.println(name() + " kernels by how they ran: " + kernels);
    System.out.println(name() + " kernels on the reference executor: " + reference);
  }
}
