package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.exec.ReferenceExecutor;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * A loop or reduction kernel the code generator does not take (a layout it cannot walk, a body
 * too large even when split, an op without a scalar form): it runs on the kernel IR's {@link
 * ReferenceExecutor} as a one-kernel program. Correct by construction, and slow: see the fusion
 * report for which kernels fall back.
 */
final class FallbackStep implements Step {
  private final KernelProgram program;
  private final BufferPlan plan;
  private final int[] inputs;
  private final ShapedArray[] inAvals;
  private final int[] outputs;

  FallbackStep(KernelProgram whole, Kernel k) {
    int n = k.inputs().size();
    int m = k.outputs().size();
    List<KernelProgram.Value> values = new ArrayList<>();
    List<Integer> ins = new ArrayList<>();
    List<Integer> outs = new ArrayList<>();
    List<Integer> bufferOf = new ArrayList<>();
    List<BufferPlan.Buffer> buffers = new ArrayList<>();
    inputs = new int[n];
    inAvals = new ShapedArray[n];
    outputs = new int[m];
    for (int i = 0; i < n; i++) {
      inputs[i] = k.inputs().get(i);
      inAvals[i] = whole.values().get(inputs[i]).aval();
      values.add(new KernelProgram.Value(i, inAvals[i], KernelProgram.Source.INPUT, i, null));
      ins.add(i);
      bufferOf.add(-1);
    }
    for (int o = 0; o < m; o++) {
      outputs[o] = k.outputs().get(o);
      ShapedArray aval = whole.values().get(outputs[o]).aval();
      values.add(new KernelProgram.Value(n + o, aval, KernelProgram.Source.KERNEL, 0, null));
      outs.add(n + o);
      bufferOf.add(o);
      buffers.add(new BufferPlan.Buffer(aval.dtype(), Math.toIntExact(aval.size()), true,
          List.of(n + o)));
    }
    Kernel single = new Kernel(0, k.name(), k.kind(), k.space(), k.reduceAxes(), ins, outs,
        k.nodes(), k.stores(), k.reductions(), k.epilogue(), k.epilogueStores(), k.call(),
        k.eqns());
    program = new KernelProgram(values, List.of(single), outs);
    plan = new BufferPlan(bufferOf, buffers);
  }

  @Override
  public void run(Object[] env, Buffers buffers) {
    List<Array> args = new ArrayList<>(inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      args.add(Array.wrap(inAvals[i], HostBuffer.wrap(inAvals[i].dtype(), env[inputs[i]])));
    }
    List<Array> res = ReferenceExecutor.run(program, plan, args);
    for (int o = 0; o < outputs.length; o++) {
      env[outputs[o]] = res.get(o).host().data();
    }
  }

  @Override
  public boolean generated() {
    return false;
  }
}
