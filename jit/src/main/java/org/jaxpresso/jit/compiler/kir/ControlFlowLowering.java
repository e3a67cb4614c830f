package org.jaxpresso.jit.compiler.kir;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.lax.internal.controlflow.SubJaxprs;
import org.jaxpresso.lax.primitives.Cond;
import org.jaxpresso.lax.primitives.Scan;
import org.jaxpresso.lax.primitives.While;

/**
 * Lowers a control-flow equation's sub-jaxprs to kernel programs ({@link ControlFlow}): each
 * goes through the whole backend-neutral pipeline ({@link Compiler}), so a loop inside a loop
 * body is lowered with it, recursively. The sub-programs' dumps are not written separately: the
 * enclosing program's {@code .kir} text prints them nested.
 */
final class ControlFlowLowering {
  private ControlFlowLowering() {}

  /**
   * The control flow of {@code call}, or null when it is not {@code while}, {@code cond} or
   * {@code scan}.
   *
   * @param call the equation
   * @param name the kernel's name (prefix of the sub-programs' names)
   */
  static ControlFlow of(Eqn call, String name) {
    if (call.primitive() == While.WHILE) {
      var p = call.params();
      return new ControlFlow.WhileLoop(
          lower(SubJaxprs.jaxprParam("while", p, "cond_jaxpr"), name + "_cond"),
          p.getInt("cond_nconsts"),
          lower(SubJaxprs.jaxprParam("while", p, "body_jaxpr"), name + "_body"),
          p.getInt("body_nconsts"));
    }
    if (call.primitive() == Cond.COND) {
      List<ClosedJaxpr> bs = Cond.branches(call.params());
      List<KernelProgram> branches = new ArrayList<>();
      for (int i = 0; i < bs.size(); i++) {
        branches.add(lower(bs.get(i), name + "_branch" + i));
      }
      return new ControlFlow.Switch(branches);
    }
    if (call.primitive() == Scan.SCAN) {
      var p = call.params();
      int length = p.getInt("length");
      int unroll = Math.max(1, Math.min(p.getInt("unroll"), Math.max(length, 1)));
      return new ControlFlow.ScanLoop(lower(SubJaxprs.jaxprParam("scan", p, "jaxpr"),
          name + "_body"), length, p.getBoolean("reverse"), Scan.numConsts(p),
          Scan.numCarry(p), unroll);
    }
    return null;
  }

  private static KernelProgram lower(ClosedJaxpr j, String name) {
    return Compiler.compile(j, name, Dump.none()).kernels();
  }
}
