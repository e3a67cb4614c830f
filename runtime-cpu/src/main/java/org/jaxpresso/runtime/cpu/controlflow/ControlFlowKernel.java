package org.jaxpresso.runtime.cpu.controlflow;

import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.lax.primitives.Cond;
import org.jaxpresso.lax.primitives.Scan;
import org.jaxpresso.lax.primitives.While;
import org.jaxpresso.runtime.cpu.CpuBackend;
import org.jaxpresso.runtime.cpu.codegen.CpuProgram;

/**
 * A control-flow equation ({@code cond}, {@code while}, {@code scan}) with its sub-jaxprs
 * compiled once by the CPU backend. {@link #run} has the semantics of the primitive's reference
 * implementation: same results, same types (weak types included). Thread-safe.
 */
public sealed interface ControlFlowKernel permits CondKernel, WhileKernel, ScanKernel {

  /**
   * Runs the equation on concrete operands.
   *
   * @param args the equation's operands, in order
   * @return the equation's results, in order
   */
  List<Array> run(List<Array> args);

  /**
   * The compiled form of {@code e}, or null when {@code e} is not a control-flow equation.
   * Sub-jaxprs are compiled here, recursively (a loop in a loop body is compiled with it).
   *
   * @param e the equation
   * @return its compiled kernel, or null for other primitives
   */
  static ControlFlowKernel compile(Eqn e) {
    if (e.primitive() == Cond.COND) {
      return new CondKernel(e.params());
    }
    if (e.primitive() == While.WHILE) {
      return new WhileKernel(e.params());
    }
    if (e.primitive() == Scan.SCAN) {
      return new ScanKernel(e.params());
    }
    return null;
  }

  /**
   * Compiles a sub-jaxpr with the CPU backend's compiler.
   *
   * @param j the sub-jaxpr
   * @param name the program's name (for generated classes and dumps)
   * @return the compiled program
   */
  static CpuProgram compileSub(ClosedJaxpr j, String name) {
    return CpuProgram.compile(j, name, CpuBackend.simdAvailable());
  }

  /**
   * {@code a} with the weak type of {@code aval} (an input forwarded to an output keeps its
   * value but takes the output's type), as the reference implementations do.
   *
   * @param a the array
   * @param aval the output's abstract value
   * @return {@code a}, retyped if its weak type differs
   */
  static Array typed(Array a, ShapedArray aval) {
    return a.weakType() == aval.weakType() ? a : a.withWeakType(aval.weakType());
  }
}
