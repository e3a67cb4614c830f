package org.jaxpresso.runtime.gpu;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;
import org.jaxpresso.runtime.gpu.ptx.PtxKernelEmitter;

/**
 * The GPU backend's code generation, runnable without a GPU: the PTX of every loop and
 * reduction kernel of a compiled program, written to the dump folder as {@code
 * 40-kernelNN-<name>.ptx} when {@code -Djaxpresso.dump=DIR} is set.
 */
public final class GpuCodegen {
  private GpuCodegen() {}

  /**
   * One entry per kernel of {@code program}, in order: its PTX, or null for library kernels
   * (cuBLAS or the host run those).
   *
   * @param program the compiled program whose kernels to emit
   * @param dump where the PTX of each kernel is written when dumping is on
   * @return the kernels' PTX, with {@code null} at library kernels
   */
  public static List<PtxKernel> generate(CompiledProgram program, Dump dump) {
    List<PtxKernel> out = new ArrayList<>();
    for (Kernel k : program.kernels().kernels()) {
      if (k.kind() == Kernel.Kind.LIBRARY) {
        out.add(null);
        continue;
      }
      PtxKernel ptx = PtxKernelEmitter.emit(program.kernels(), k);
      dump.write(String.format("40-kernel%02d-%s.ptx", k.id(), k.name()), ptx.ptx());
      out.add(ptx);
    }
    return out;
  }
}
