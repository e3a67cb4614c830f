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
 *
 * <p>The environment has slots past the values: at {@link #offSlot} the offset table ({@code
 * int[]} by value id: where each value starts in its storage, 0 but for views, see {@link
 * ScanViews}), then one slot per nested control-flow step where that step keeps its frames, so
 * a loop or cond inside a loop body makes its frames and buffers once per run of the enclosing
 * frame, not once per iteration.
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
  /** The environment slot of the offset table. */
  final int offSlot;
  /** For a scan body: which scanned elements and ys are views; else null. */
  final ScanViews views;

  SubProgram(String name, KernelProgram program, List<Step> steps) {
    this(name, program, steps.toArray(Step[]::new), null);
  }

  private SubProgram(String name, KernelProgram program, Step[] steps, ScanViews views) {
    this.name = name;
    this.program = program;
    this.views = views;
    this.plan = BufferPlanner.plan(program);
    this.steps = steps;
    int nvalues = program.values().size();
    offSlot = nvalues;
    int nested = 0;
    for (int i = 0; i < steps.length; i++) {
      if (steps[i] instanceof ControlFlowStep c) {
        steps[i] = c.withFrameSlot(nvalues + 1 + nested++);
      }
    }
    template = new Object[nvalues + 1 + nested];
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

  /**
   * This program as the body of a scan with {@code consts} constants and {@code ncarry}
   * carries: scanned elements and ys read and written in place where its steps allow ({@link
   * ScanViews}).
   */
  SubProgram scanBody(int consts, int ncarry) {
    ScanViews v = ScanViews.plan(this, consts, ncarry);
    return new SubProgram(name, program, v.steps(), v);
  }

  /** A fresh environment holding the constants and a zero offset table. */
  Object[] newEnv() {
    Object[] env = template.clone();
    env[offSlot] = new int[offSlot];
    return env;
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
