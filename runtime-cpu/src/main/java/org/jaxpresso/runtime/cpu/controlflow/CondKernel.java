package org.jaxpresso.runtime.cpu.controlflow;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.internal.controlflow.StagedFunction;
import org.jaxpresso.lax.primitives.Cond;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;

/**
 * {@code cond[branches]}: every branch compiled once; a call clamps the int32 index to the
 * branches (as XLA's conditional and the reference implementation) and runs that branch's
 * program. Results take branch 0's output types.
 */
final class CondKernel implements ControlFlowKernel {
  private final CpuProgram[] branches;
  private final List<ShapedArray> outAvals;

  CondKernel(Params params) {
    List<ClosedJaxpr> bs = Cond.branches(params);
    branches = new CpuProgram[bs.size()];
    for (int i = 0; i < branches.length; i++) {
      branches[i] = ControlFlowKernel.compileSub(bs.get(i), "cond_branch" + i);
    }
    outAvals = StagedFunction.outAvals(bs.get(0).jaxpr());
  }

  @Override
  public List<Array> run(List<Array> args) {
    long i = args.get(0).getLong(0);
    int k = (int) Math.max(0, Math.min(branches.length - 1, i));
    List<Array> out = branches[k].execute(args.subList(1, args.size()));
    List<Array> res = new ArrayList<>(out.size());
    for (int j = 0; j < out.size(); j++) {
      res.add(ControlFlowKernel.typed(out.get(j), outAvals.get(j)));
    }
    return res;
  }
}
