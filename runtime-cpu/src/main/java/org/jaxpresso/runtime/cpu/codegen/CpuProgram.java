package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.CompileOptions;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * A program compiled for the CPU: the front end's kernel program, one {@link Step} per kernel
 * (generated hidden classes for loops and reductions, library calls, reference fallbacks) and
 * the buffer plan. Everything per program is computed once here; a call allocates only its
 * value table, the buffers it writes and the result arrays. Thread-safe.
 */
public final class CpuProgram implements Executable {
  private final String name;
  private final KernelProgram kernels;
  private final List<Step> steps;
  private final List<RowBlocks.Unit> units;
  /** The units' steps, in run order (an array: a run walks it without an iterator). */
  private final Step[] unitSteps;
  private final Buffers.Layout layout;
  private final Object[] template;
  private final int[] inputIds;
  private final ShapedArray[] inputAvals;
  private final int[] outputIds;
  private final Array[] fixedOutputs;
  private final ShapedArray[] outputAvals;
  /** Per output: the input position it returns unchanged, or -1. */
  private final int[] outputInputs;

  private CpuProgram(String name, KernelProgram kernels, BufferPlan plan, List<Step> steps) {
    this.name = name;
    this.kernels = kernels;
    this.steps = List.copyOf(steps);
    this.units = RowBlocks.group(kernels, plan, this.steps);
    this.unitSteps = new Step[units.size()];
    for (int u = 0; u < unitSteps.length; u++) {
      unitSteps[u] = units.get(u).step();
    }
    this.layout = new Buffers.Layout(plan);
    int nv = kernels.values().size();
    template = new Object[nv];
    int nin = kernels.inputCount();
    inputIds = new int[nin];
    inputAvals = new ShapedArray[nin];
    for (KernelProgram.Value v : kernels.values()) {
      switch (v.source()) {
        case INPUT -> {
          inputIds[v.position()] = v.id();
          inputAvals[v.position()] = v.aval();
        }
        case CONST, LITERAL -> template[v.id()] = v.constant().host().data();
        case KERNEL -> { }
      }
    }
    int nout = kernels.outputs().size();
    outputIds = new int[nout];
    fixedOutputs = new Array[nout];
    outputAvals = new ShapedArray[nout];
    outputInputs = new int[nout];
    for (int o = 0; o < nout; o++) {
      KernelProgram.Value v = kernels.values().get(kernels.outputs().get(o));
      outputIds[o] = v.id();
      outputAvals[o] = v.aval();
      outputInputs[o] = v.source() == KernelProgram.Source.INPUT ? v.position() : -1;
      if (v.source() == KernelProgram.Source.CONST || v.source() == KernelProgram.Source.LITERAL) {
        fixedOutputs[o] = v.constant();
      }
    }
  }

  /**
   * Compiles {@code program} through the front end ({@link Compiler}) and generates its
   * kernels; {@code simd} selects the Vector API loops.
   *
   * @param program the closed jaxpr to compile
   * @param name the program's name, used for generated classes and dumps
   * @param simd whether to generate Vector API loops
   * @return the executable program
   */
  public static CpuProgram compile(ClosedJaxpr program, String name, boolean simd) {
    return compile(program, name, simd, OPTIONS);
  }

  /**
   * The CPU backend's compiler options: {@code concatenate} stays a library copy, because a fused
   * one reads its operands through clamped loads that the code generator turns into gathered
   * copies of the whole space ({@link IndexRewrite}); measured on the 1-D heat step in a
   * 1,000-step loop, fused was 5.5x slower than the library copy. Enable with {@code
   * -Djaxpresso.cpu.fuseConcatenate=true} to compare.
   */
  static final CompileOptions OPTIONS = new CompileOptions(
      Boolean.getBoolean("jaxpresso.cpu.fuseConcatenate"));

  /**
   * Compiles {@code program} with explicit compiler options (tests compare fused and library
   * forms).
   *
   * @param program the closed jaxpr to compile
   * @param name the program's name, used for generated classes and dumps
   * @param simd whether to generate Vector API loops
   * @param options the compiler options
   * @return the executable program
   */
  public static CpuProgram compile(ClosedJaxpr program, String name, boolean simd,
      CompileOptions options) {
    Dump dump = Dump.forProgram(name);
    CompiledProgram c = Compiler.compile(program, name, dump, options);
    String sourceFile = dump.enabled() ? dump.dir().getFileName().toString() : name;
    List<Step> steps = new StepCompiler(c.kernels(), sourceFile, simd, dump).compileAll();
    CpuProgram p = new CpuProgram(name, c.kernels(), c.buffers(), steps);
    dump.write("35-steps.txt", () -> {
      StringBuilder sb = new StringBuilder(p.report());
      for (String g : p.bandGroups()) {
        sb.append("run band by band: ").append(g).append('\n');
      }
      return sb.toString();
    });
    return p;
  }

  /**
   * The kernel program.
   *
   * @return the fused kernels this program runs
   */
  public KernelProgram kernels() {
    return kernels;
  }

  /**
   * How many kernels run generated code.
   *
   * @return the number of kernels compiled to bytecode
   */
  public int generatedKernels() {
    int n = 0;
    for (Step s : steps) {
      n += s.generated() ? 1 : 0;
    }
    return n;
  }

  /**
   * The groups of kernels that run band by band over the rows of their common space (see
   * {@link RowBlocks}), each as its kernel names joined with {@code +}.
   *
   * @return the groups, in run order; empty when no kernels group
   */
  public List<String> bandGroups() {
    List<String> out = new ArrayList<>();
    for (int u = 0; u < units.size(); u++) {
      if (units.get(u).name().contains("+")) {
        out.add(units.get(u).name());
      }
    }
    return out;
  }

  /**
   * One line per kernel: its name and how it runs (generated, library, reference, a generated
   * reduction whose epilogue runs on the reference, or for control flow "generated loop" with
   * its sub-programs' kernels on indented lines below).
   *
   * @return the report, one newline-terminated line per kernel
   */
  public String report() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      sb.append(kernels.kernels().get(i).name()).append(": ");
      describe(steps.get(i), sb, "");
    }
    return sb.toString();
  }

  /** How {@code s} runs, newline-terminated (control flow adds its sub-programs' lines). */
  static void describe(Step s, StringBuilder sb, String indent) {
    if (s instanceof ControlFlowStep c) {
      c.describe(sb, indent);
      return;
    }
    sb.append(how(s)).append('\n');
  }

  /** How a step that is not control flow runs, in the report's words. */
  static String how(Step s) {
    return s instanceof ControlFlowStep ? "generated loop" : s instanceof LibraryStep ? "library"
        : s instanceof FallbackStep ? "reference"
        : s instanceof ReduceStep r && r.referenceEpilogue()
            ? "generated, epilogue on the reference executor" : "generated";
  }

  /** The step of kernel {@code i} (for structural tests of generated code). */
  Step step(int i) {
    return steps.get(i);
  }

  /** Runs the units, adding each one's time to {@link StepProfile}. */
  private void runProfiled(Object[] env, Buffers buffers) {
    for (RowBlocks.Unit u : units) {
      long t0 = System.nanoTime();
      u.step().run(env, buffers);
      long t = System.nanoTime() - t0;
      StepProfile.record(name + "/" + u.name(), how(u.step()), t);
    }
  }

  /** Output {@code o} of a run whose value table is {@code env}. */
  private Array output(int o, List<Array> args, Object[] env) {
    if (fixedOutputs[o] != null) {
      return fixedOutputs[o];
    }
    int input = outputInputs[o];
    if (input >= 0) {
      return args.get(input);
    }
    ShapedArray aval = outputAvals[o];
    return Array.wrap(aval, HostBuffer.wrap(aval.dtype(), env[outputIds[o]]));
  }

  @Override
  public List<Array> execute(List<Array> args) {
    if (args.size() != inputIds.length) {
      throw new IllegalArgumentException("compiled program " + name + " takes "
          + inputIds.length + " arguments, got " + args.size());
    }
    Object[] env = template.clone();
    for (int i = 0; i < inputIds.length; i++) {
      Array a = args.get(i);
      ShapedArray want = inputAvals[i];
      if (a.dtype() != want.dtype() || !a.aval().shape().equals(want.shape())) {
        throw new IllegalArgumentException("compiled program " + name + " argument " + i
            + " has type " + a.aval().str() + " but the program expects " + want.str());
      }
      env[inputIds[i]] = a.host().data();
    }
    Buffers buffers = new Buffers(layout);
    if (StepProfile.ON) {
      runProfiled(env, buffers);
    } else {
      for (Step s : unitSteps) {
        s.run(env, buffers);
      }
    }
    if (outputIds.length == 1) {
      return List.of(output(0, args, env));
    }
    Array[] out = new Array[outputIds.length];
    for (int o = 0; o < out.length; o++) {
      out[o] = output(o, args, env);
    }
    return Arrays.asList(out);
  }
}
