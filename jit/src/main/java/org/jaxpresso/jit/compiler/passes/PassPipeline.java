package org.jaxpresso.jit.compiler.passes;

import java.util.List;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.JaxprChecker;
import org.jaxpresso.jit.compiler.CompilerFlags;
import org.jaxpresso.jit.compiler.Dump;

/**
 * Runs passes in order, dumping the program before the first ({@code 00-jaxpr.txt}) and after
 * each ({@code 01-inline.txt}, {@code 02-fold.txt}, ...), and, with {@link
 * CompilerFlags#checks()}, type-checking every result.
 *
 * <pre>{@code
 * ClosedJaxpr optimized = PassPipeline.standard().run(program, Dump.forProgram("f"));
 * }</pre>
 *
 * @param passes the passes, in order
 */
public record PassPipeline(List<Pass> passes) {
  /** Copies the list. */
  public PassPipeline {
    passes = List.copyOf(passes);
  }

  /**
   * The default pipeline: inline, fold, cse, dce, dot_transpose.
   *
   * @return the default pipeline: inline, fold, cse, dce, dot_transpose
   */
  public static PassPipeline standard() {
    return new PassPipeline(List.of(new InlinePass(), new ConstantFoldPass(), new CsePass(),
        new DcePass(), new DotTransposePass()));
  }

  /**
   * Runs the passes on {@code program}, writing dumps into {@code dump}.
   *
   * @param program the closed jaxpr (a jaxpr with its constant values)
   * @param dump where each pass's output is dumped
   * @return the output
   */
  public ClosedJaxpr run(ClosedJaxpr program, Dump dump) {
    boolean checks = CompilerFlags.checks();
    dump.write("00-jaxpr.txt", program::toString);
    ClosedJaxpr p = program;
    for (int i = 0; i < passes.size(); i++) {
      Pass pass = passes.get(i);
      p = pass.apply(p);
      if (checks) {
        JaxprChecker.check(p);
      }
      ClosedJaxpr result = p;
      dump.write(String.format("%02d-%s.txt", i + 1, pass.name()), result::toString);
    }
    return p;
  }
}
