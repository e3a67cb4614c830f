package org.jaxpresso.jit.compiler;

import java.util.List;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.fusion.FusionPlan;
import org.jaxpresso.jit.compiler.fusion.FusionPlanner;
import org.jaxpresso.jit.compiler.kir.KernelLowering;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.KirPrinter;
import org.jaxpresso.jit.compiler.kir.KirVerifier;
import org.jaxpresso.jit.compiler.passes.PassPipeline;

/**
 * The backend-neutral pipeline: passes ({@link PassPipeline#standard()}), fusion, kernel IR and
 * buffer plan, with numbered dumps ({@code 00-jaxpr.txt} ... {@code 05-dot_transpose.txt}, {@code
 * 10-fused.txt}, {@code 20-kernels.kir}, {@code 25-buffers.txt}) when {@code -Djaxpresso.dump}
 * is set, and every stage verified when {@code -Djaxpresso.checks} is.
 *
 * <pre>{@code
 * CompiledProgram p = Compiler.compile(Jax.makeJaxpr(f).apply(x), "f");
 * List<Array> out = p.execute(List.of(x));
 * }</pre>
 */
public final class Compiler {
  private Compiler() {}

  /**
   * Compiles {@code program}, dumping into a fresh folder of the dump directory if set.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @param name the function's name, as jaxprs and dumps show it
   * @return {@code program}, dumping into a fresh folder of the dump directory if set
   */
  public static CompiledProgram compile(ClosedJaxpr program, String name) {
    return compile(program, name, Dump.forProgram(name));
  }

  /**
   * Compiles {@code program}, writing dumps into {@code dump}.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @param name the function's name, as jaxprs and dumps show it
   * @param dump where the compilation's dumps go
   * @return {@code program}, writing dumps into {@code dump}
   * @throws IllegalStateException if checks are on and a stage produced an invalid program
   */
  public static CompiledProgram compile(ClosedJaxpr program, String name, Dump dump) {
    return compile(program, name, dump, CompileOptions.current());
  }

  /**
   * Compiles {@code program} with {@code options}, writing dumps into {@code dump}; nested
   * compilations (control-flow sub-programs) inherit the options.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @param name the function's name, as jaxprs and dumps show it
   * @param dump where the compilation's dumps go
   * @param options what the backend asks of the compiler
   * @return the compiled program
   * @throws IllegalStateException if checks are on and a stage produced an invalid program
   */
  public static CompiledProgram compile(ClosedJaxpr program, String name, Dump dump,
      CompileOptions options) {
    return options.apply(() -> compileNow(program, name, dump));
  }

  private static CompiledProgram compileNow(ClosedJaxpr program, String name, Dump dump) {
    boolean checks = CompilerFlags.checks();
    if (checks) {
      JaxprChecker.check(program);
    }
    ClosedJaxpr optimized = PassPipeline.standard().run(program, dump);
    FusionPlan fusion = FusionPlanner.plan(optimized);
    dump.write("10-fused.txt", fusion::toString);
    KernelProgram kernels = KernelLowering.lower(fusion);
    dump.write("20-kernels.kir", () -> KirPrinter.print(kernels));
    if (checks) {
      List<String> problems = KirVerifier.verify(kernels);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("invalid kernel IR for " + name + ":\n  "
            + String.join("\n  ", problems) + "\n" + kernels);
      }
    }
    BufferPlan buffers = BufferPlanner.plan(kernels);
    dump.write("25-buffers.txt", buffers::toString);
    return new CompiledProgram(name, optimized, fusion, kernels, buffers);
  }
}
