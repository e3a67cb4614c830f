package org.jaxpresso.runtime.cpu.codegen;

import java.util.List;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * A sub-program of a control-flow kernel (a loop body, a loop condition, a branch) compiled to
 * steps, run on raw storage: an environment of Java arrays by value id, as {@link CpuProgram}
 * runs its steps, without wrapping inputs and outputs into arrays. Immutable; each run gets its
 * environment from {@link #newEnv()} and its buffers from {@link #newBuffers()}.
 */
final class SubProgram {
  /** How an output of the sub-program relates to its inputs, for carry hazards. */
  enum Origin {
    /** Written by a generated kernel into its planned buffer. */
    BUFFER,
    /** Returned by a library or reference step: fresh storage, or possibly an input's. */
    LIBRARY,
    /** A constant or literal of the program. */
    CONSTANT,
    /** An input of the program, forwarded ({@link #forwarded} says which). */
    INPUT
  }

  final String name;
  final KernelProgram program;
  final BufferPlan plan;
  final Step[] steps;
  final Object[] template;
  final int[] inputIds;
  final int[] outputIds;
  final Origin[] origin;
  final int[] forwarded;

  SubProgram(String name, KernelProgram program, List<Step> steps) {
    this.name = name;
    this.program = program;
    this.plan = BufferPlanner.plan(program);
    this.steps = steps.toArray(Step[]::new);
    template = new Object[program.values().size()];
    inputIds = new int[program.inputCount()];
    for (KernelProgram.Value v : program.values()) {
      switch (v.source()) {
        case INPUT -> inputIds[v.position()] = v.id();
        case CONST, LITERAL -> template[v.id()] = v.constant().host().data();
        case KERNEL -> { }
      }
    }
    int nout = program.outputs().size();
    outputIds = new int[nout];
    origin = new Origin[nout];
    forwarded = new int[nout];
    for (int o = 0; o < nout; o++) {
      KernelProgram.Value v = program.values().get(program.outputs().get(o));
      outputIds[o] = v.id();
      forwarded[o] = -1;
      origin[o] = switch (v.source()) {
        case INPUT -> {
          forwarded[o] = v.position();
          yield Origin.INPUT;
        }
        case CONST, LITERAL -> Origin.CONSTANT;
        case KERNEL -> this.steps[v.position()].generated() ? Origin.BUFFER : Origin.LIBRARY;
      };
    }
  }

  /**
   * Compiles {@code program}'s kernels to steps.
   *
   * @param name the sub-program's name, for reports and dumps
   * @param program the kernel program
   * @param sourceFile the source file name generated classes carry
   * @param simd whether to generate Vector API loops
   * @param dump where the sub-program's classes go (a folder of its own)
   */
  static SubProgram compile(String name, KernelProgram program, String sourceFile, boolean simd,
      Dump dump) {
    return new SubProgram(name, program,
        new StepCompiler(program, sourceFile, simd, dump).compileAll());
  }

  /** A fresh environment holding the constants. */
  Object[] newEnv() {
    return template.clone();
  }

  /** Fresh buffers for one run (allocated on first use, kept while the object lives). */
  Buffers newBuffers() {
    return new Buffers(plan);
  }

  /** Runs every step in order (the interpreted form of what generated loops inline). */
  void runSteps(Object[] env, Buffers buffers) {
    for (Step s : steps) {
      s.run(env, buffers);
    }
  }

  /** The report lines of this sub-program's steps, each prefixed by {@code indent}. */
  void report(StringBuilder sb, String indent) {
    for (int i = 0; i < steps.length; i++) {
      sb.append(indent).append(program.kernels().get(i).name()).append(": ");
      CpuProgram.describe(steps[i], sb, indent);
    }
  }
}
