package org.jaxpresso.runtime.cpu.controlflow;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.internal.controlflow.StagedFunction;
import org.jaxpresso.lax.internal.controlflow.SubJaxprs;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;

/**
 * {@code while[body_jaxpr body_nconsts cond_jaxpr cond_nconsts]}: the cond and body programs
 * compiled once; a call runs {@code carry = body(body_consts, carry)} while {@code
 * cond(cond_consts, carry)} is true (possibly zero times).
 */
final class WhileKernel implements ControlFlowKernel {
  private final CpuProgram cond;
  private final CpuProgram body;
  private final int condConsts;
  private final int bodyConsts;
  private final List<ShapedArray> outAvals;

  WhileKernel(Params params) {
    ClosedJaxpr c = SubJaxprs.jaxprParam("while", params, "cond_jaxpr");
    ClosedJaxpr b = SubJaxprs.jaxprParam("while", params, "body_jaxpr");
    cond = ControlFlowKernel.compileSub(c, "while_cond");
    body = ControlFlowKernel.compileSub(b, "while_body");
    condConsts = params.getInt("cond_nconsts");
    bodyConsts = params.getInt("body_nconsts");
    outAvals = StagedFunction.outAvals(b.jaxpr());
  }

  @Override
  public List<Array> run(List<Array> args) {
    int start = condConsts + bodyConsts;
    int n = args.size() - start;
    Array[] condIn = new Array[condConsts + n];
    Array[] bodyIn = new Array[bodyConsts + n];
    for (int i = 0; i < condConsts; i++) {
      condIn[i] = args.get(i);
    }
    for (int i = 0; i < bodyConsts; i++) {
      bodyIn[i] = args.get(condConsts + i);
    }
    List<Array> carry = args.subList(start, args.size());
    while (true) {
      for (int i = 0; i < n; i++) {
        condIn[condConsts + i] = carry.get(i);
      }
      if (!cond.execute(List.of(condIn)).get(0).getBoolean(0)) {
        break;
      }
      for (int i = 0; i < n; i++) {
        bodyIn[bodyConsts + i] = carry.get(i);
      }
      carry = body.execute(List.of(bodyIn));
    }
    List<Array> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(ControlFlowKernel.typed(carry.get(i), outAvals.get(i)));
    }
    return out;
  }
}
