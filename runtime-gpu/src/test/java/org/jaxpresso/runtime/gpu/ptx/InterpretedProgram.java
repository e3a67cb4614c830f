package org.jaxpresso.runtime.gpu.ptx;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * Runs a kernel program the way {@code GpuExecutable} does (planned buffers, kernels in order,
 * two passes for split reductions) but on {@link PtxInterpreter}; library kernels run their
 * primitive's reference kernel.
 */
final class InterpretedProgram {
  private InterpretedProgram() {}

  static List<Array> run(KernelProgram kp, List<Array> args, int blockCap) {
    BufferPlan plan = BufferPlanner.plan(kp);
    PtxInterpreter vm = new PtxInterpreter(1 << 24);
    long[] ptr = new long[kp.values().size()];
    long[] buffers = new long[plan.buffers().size()];
    for (int b = 0; b < buffers.length; b++) {
      buffers[b] = vm.alloc(plan.buffers().get(b).bytes());
    }
    for (KernelProgram.Value v : kp.values()) {
      switch (v.source()) {
        case INPUT -> {
          HostBuffer h = args.get(v.position()).host();
          ptr[v.id()] = vm.alloc((long) h.length() * h.dtype().itemSize());
          vm.write(ptr[v.id()], h);
        }
        case CONST, LITERAL -> {
          HostBuffer h = v.constant().host();
          ptr[v.id()] = vm.alloc((long) h.length() * h.dtype().itemSize());
          vm.write(ptr[v.id()], h);
        }
        case KERNEL -> ptr[v.id()] = buffers[plan.bufferOf().get(v.id())];
      }
    }
    for (Kernel k : kp.kernels()) {
      if (k.kind() == Kernel.Kind.LIBRARY) {
        List<Array> ins = new ArrayList<>();
        for (int v : k.inputs()) {
          ShapedArray aval = kp.values().get(v).aval();
          ins.add(Array.wrap(aval, vm.read(ptr[v], aval.dtype(), (int) aval.size())));
        }
        List<Array> res = k.call().primitive().impl(ins, k.call().params());
        for (int o = 0; o < k.outputs().size(); o++) {
          vm.write(ptr[k.outputs().get(o)], res.get(o).host());
        }
        continue;
      }
      PtxKernel code = PtxKernelEmitter.emit(kp, k);
      List<Long> params = new ArrayList<>();
      for (int v : k.inputs()) {
        params.add(ptr[v]);
      }
      for (int v : k.outputs()) {
        params.add(ptr[v]);
      }
      if (code.splits() > 1) {
        params.add(vm.alloc(code.scratchBytes()));
      }
      long[] p = params.stream().mapToLong(Long::longValue).toArray();
      if (code.splits() > 1) {
        vm.launch(code.ptx(), code.partialEntry(), code.partialBlocks(blockCap),
            code.blockSize(), p);
      }
      vm.launch(code.ptx(), code.entry(), code.blocks(blockCap), code.blockSize(), p);
    }
    List<Array> out = new ArrayList<>();
    for (int v : kp.outputs()) {
      ShapedArray aval = kp.values().get(v).aval();
      out.add(Array.wrap(aval, vm.read(ptr[v], aval.dtype(), (int) aval.size())));
    }
    return out;
  }
}
