package org.jaxpresso.runtime.gpu.ptx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.conformance.ConformanceBackend;
import org.jaxpresso.jit.conformance.CpuTime;
import org.jaxpresso.jit.conformance.Tolerance;

/**
 * The GPU code generator as a {@link ConformanceBackend} without a GPU: every program goes
 * through the compiler and {@link PtxKernelEmitter}; its kernels are kept for {@code ptxas}
 * (assembled in modules of at most {@value #BATCH_CHARS} characters: ptxas time grows faster
 * than linearly with module size), and the program runs on {@link PtxInterpreter} as {@code
 * GpuExecutable} would run it (library kernels on the host). A program using an instruction
 * the interpreter does not implement runs on the kernel IR's reference executor instead and is
 * counted.
 *
 * <p>Kernels that inline the double-precision math library are 20-800 KB of PTX and take ptxas
 * seconds each, so unless {@code all} is set only kernels under {@value #LARGE_CHARS}
 * characters are assembled here ({@code PtxOpCoverageTest} assembles the math library once
 * per op and dtype in every build), and a kernel whose text equals an earlier one's but for its
 * name and decimal constants (the same kernel on another shape) is not assembled again.
 */
final class PtxConformance implements ConformanceBackend {
  private static final int BATCH_CHARS = 300_000;
  private static final int LARGE_CHARS = 20_000;

  private final boolean interpret;
  private final boolean all;
  private final boolean assemble;
  private int large;
  private int pendingChars;
  private final java.util.Set<String> seen = new java.util.HashSet<>();
  private int duplicates;
  private final List<PtxKernel> pending = new ArrayList<>();
  private final List<String> pendingWhat = new ArrayList<>();
  private int emitted;
  private int assembled;
  private int interpreted;
  private long interpretNanos;
  private long ptxasNanos;
  private int notInterpreted;

  /**
   * A backend that emits PTX and, if {@code interpret}, runs it on the interpreter.
   *
   * @param interpret whether to execute the kernels on the interpreter
   * @param all whether to assemble the large (math library) kernels too
   * @param assemble whether to assemble kernels with ptxas at all
   */
  PtxConformance(boolean interpret, boolean all, boolean assemble) {
    this.interpret = interpret;
    this.all = all;
    this.assemble = assemble;
  }

  @Override
  public String name() {
    return "ptx (sm_90, interpreted)";
  }

  @Override
  public Executable compile(ClosedJaxpr program, String name) {
    CompiledProgram c = Compiler.compile(program, name, Dump.none());
    org.jaxpresso.jit.compiler.CompilerTesting.assertVerifies(c.kernels());
    List<PtxKernel> ks = new ArrayList<>();
    for (var k : c.kernels().kernels()) {
      if (k.kind() != org.jaxpresso.jit.compiler.kir.Kernel.Kind.LIBRARY) {
        ks.add(PtxKernelEmitter.emit(c.kernels(), k));
      }
    }
    for (PtxKernel k : ks) {
      emitted++;
      if (!assemble) {
        continue;
      }
      if (!all && k.ptx().length() > LARGE_CHARS) {
        large++;
        continue;
      }
      if (!all && !seen.add(k.ptx().replace(k.entry(), "E").replaceAll("\\b\\d+\\b", "0"))) {
        duplicates++;
        continue;
      }
      String entry = "c" + emitted + "_" + k.entry();
      pending.add(new PtxKernel(entry, k.ptx().replace(".entry " + k.entry() + "(",
          ".entry " + entry + "("), k.blockSize(), k.gridLimit(), k.reduction(), k.splits(),
          k.scratchBytes()));
      pendingWhat.add(program + "\n" + c.kernels());
      pendingChars += k.ptx().length();
    }
    if (pendingChars >= BATCH_CHARS && Ptxas.find().isPresent()) {
      assemblePending();
    }
    return args -> run(c, args);
  }

  private List<Array> run(CompiledProgram c, List<Array> args) {
    if (interpret) {
      long t0 = CpuTime.nanos();
      try {
        List<Array> out = InterpretedProgram.run(c.kernels(), args, 2);
        interpreted++;
        return out;
      } catch (IllegalArgumentException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("interpreter: unsupported")) {
          throw e;
        }
      } finally {
        interpretNanos += CpuTime.nanos() - t0;
      }
    }
    notInterpreted++;
    return c.execute(args);
  }

  @Override
  public Tolerance tolerance(String primitive, DType dtype) {
    return GpuTolerances.of(primitive, dtype);
  }

  private void assemblePending() {
    if (pending.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    Ptxas.Result r = Ptxas.assemble(Ptxas.merge(pending), PtxKernelEmitter.TARGET);
    ptxasNanos += System.nanoTime() - t0;
    if (!r.ok()) {
      for (int i = 0; i < pending.size(); i++) {
        Ptxas.Result one = Ptxas.assemble(Ptxas.merge(List.of(pending.get(i))),
            PtxKernelEmitter.TARGET);
        if (!one.ok()) {
          String what = pendingWhat.get(i);
          pending.clear();
          pendingWhat.clear();
          pendingChars = 0;
          throw new AssertionError("ptxas rejects a kernel of\n" + what + "\n" + one.log());
        }
      }
      throw new AssertionError("ptxas rejects a batch whose kernels assemble one by one:\n"
          + r.log());
    }
    assembled += pending.size();
    pending.clear();
    pendingWhat.clear();
    pendingChars = 0;
  }

  /** Assembles the kernels not yet assembled and prints the counts. */
  @Override
  public void finish() {
    System.out.println(name() + ": " + emitted + " kernels emitted, " + interpreted
        + " programs interpreted, " + notInterpreted + " run on the reference executor"
        + " (an instruction the interpreter lacks); interpreter "
        + String.format("%.1f", interpretNanos / 1e9) + " s of CPU");
    if (!assemble) {
      return;
    }
    assumeTrue(Ptxas.find().isPresent(), "ptxas is not installed");
    assemblePending();
    System.out.println("ptxas -arch=" + PtxKernelEmitter.TARGET + ": " + assembled
        + " conformance kernels assembled, " + duplicates + " left out as the same kernel on"
        + " another shape, " + large + " large math-library kernels left to"
        + " PtxOpCoverageTest; ptxas " + String.format("%.1f", ptxasNanos / 1e9)
        + " s of wall time");
    assertTrue(assembled + large + duplicates == emitted, assembled + " of " + emitted
        + " kernels assembled");
  }
}
