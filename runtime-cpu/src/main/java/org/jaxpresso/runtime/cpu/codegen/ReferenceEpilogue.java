package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.exec.ReferenceExecutor;
import org.jaxpresso.jit.compiler.kir.IndexExpr;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * The epilogue of a generated reduction run by the reference executor, for epilogues the
 * generator does not take (mixed dtypes: {@code argmax(x).astype(float32) + max(x)}, the mean
 * of an int array). The reduction itself still runs generated; only the per-output-element
 * epilogue, which touches far fewer elements, runs on the reference: as a loop kernel over the
 * output space whose {@link KernelOp#REDUCED} leaves become loads of extra inputs holding the
 * finished reductions.
 */
final class ReferenceEpilogue {
  private final KernelProgram program;
  private final BufferPlan plan;
  private final ShapedArray[] inAvals;
  private final int[] storedOutputs;

  /**
   * The epilogue of {@code k} (whose inputs have {@code inputAvals}), reading reduction
   * {@code r} as an array of {@code resultTypes.get(r)}.
   */
  ReferenceEpilogue(Kernel k, List<ShapedArray> inputAvals, List<DType> resultTypes,
      List<ShapedArray> outputAvals) {
    int n = inputAvals.size();
    int r = k.reductions().size();
    int m = outputAvals.size();
    var space = k.outputSpace();
    List<KernelProgram.Value> values = new ArrayList<>();
    List<Integer> ins = new ArrayList<>();
    List<Integer> bufferOf = new ArrayList<>();
    inAvals = new ShapedArray[n + r];
    for (int i = 0; i < n + r; i++) {
      inAvals[i] = i < n ? inputAvals.get(i)
          : new ShapedArray(space, resultTypes.get(i - n), false);
      values.add(new KernelProgram.Value(i, inAvals[i], KernelProgram.Source.INPUT, i, null));
      ins.add(i);
      bufferOf.add(-1);
    }
    List<Integer> outs = new ArrayList<>();
    List<BufferPlan.Buffer> buffers = new ArrayList<>();
    for (int o = 0; o < m; o++) {
      ShapedArray aval = outputAvals.get(o);
      values.add(new KernelProgram.Value(n + r + o, aval, KernelProgram.Source.KERNEL, 0, null));
      outs.add(n + r + o);
      bufferOf.add(o);
      buffers.add(new BufferPlan.Buffer(aval.dtype(), Math.toIntExact(aval.size()), true,
          List.of(n + r + o)));
    }
    List<IndexExpr> identity = new ArrayList<>();
    for (int d = 0; d < space.rank(); d++) {
      identity.add(new IndexExpr.Axis(d));
    }
    List<Node> nodes = new ArrayList<>();
    for (Node e : k.epilogue()) {
      nodes.add(e.op() == KernelOp.REDUCED ? Node.load(n + e.param(), e.dtype(), identity).withEqn(e.eqn()) : e);
    }
    Kernel loop = new Kernel(0, k.name() + "_epilogue", Kernel.Kind.LOOP, space, List.of(), ins,
        outs, nodes, k.epilogueStores(), List.of(), List.of(), List.of(), null, k.eqns());
    program = new KernelProgram(values, List.of(loop), outs);
    plan = new BufferPlan(bufferOf, buffers);
    storedOutputs = k.epilogueStores().stream().mapToInt(Kernel.Store::output).distinct()
        .toArray();
  }

  /**
   * Runs the epilogue: {@code in} holds the kernel's inputs then the finished reductions;
   * every output the epilogue stores is copied into its array in {@code out}.
   */
  void run(Object[] in, Object[] out) {
    List<Array> args = new ArrayList<>(inAvals.length);
    for (int i = 0; i < inAvals.length; i++) {
      args.add(Array.wrap(inAvals[i], HostBuffer.wrap(inAvals[i].dtype(), in[i])));
    }
    List<Array> res = ReferenceExecutor.run(program, plan, args);
    for (int o : storedOutputs) {
      Object src = res.get(o).host().data();
      System.arraycopy(src, 0, out[o], 0, java.lang.reflect.Array.getLength(src));
    }
  }
}
