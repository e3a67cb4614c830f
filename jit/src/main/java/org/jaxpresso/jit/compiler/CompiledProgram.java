package org.jaxpresso.jit.compiler;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.exec.ReferenceExecutor;
import org.jaxpresso.jit.compiler.fusion.FusionPlan;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * A program that went through the whole backend-neutral pipeline: the optimized jaxpr, its
 * fusion plan, kernel IR and buffer plan. {@link #execute} runs it with the reference executor
 * of the kernel IR; backends lower {@link #kernels()} to code instead.
 *
 * @param name the program's name (used in dumps and kernel names)
 * @param optimized the jaxpr after the passes
 * @param fusion the fusion plan
 * @param kernels the kernel IR
 * @param buffers the buffer plan
 */
public record CompiledProgram(String name, ClosedJaxpr optimized, FusionPlan fusion,
    KernelProgram kernels, BufferPlan buffers) {

  /**
   * Runs the program.
   *
   * @param args the inputs, one per program input
   * @return the outputs
   * @throws IllegalArgumentException if the number, shapes or dtypes of the arguments differ
   *     from the program's inputs
   */
  public List<Array> execute(List<Array> args) {
    List<Var> invars = optimized.jaxpr().invars();
    if (args.size() != invars.size()) {
      throw new IllegalArgumentException("compiled program " + name + " takes " + invars.size()
          + " arguments, got " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      ShapedArray want = invars.get(i).aval();
      ShapedArray got = args.get(i).aval();
      if (!want.shape().equals(got.shape()) || want.dtype() != got.dtype()) {
        throw new IllegalArgumentException("compiled program " + name + " argument " + i
            + " has type " + got.str() + " but the program expects " + want.str());
      }
    }
    return ReferenceExecutor.run(kernels, buffers, args);
  }
}
