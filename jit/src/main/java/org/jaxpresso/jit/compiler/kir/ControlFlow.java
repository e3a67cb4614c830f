package org.jaxpresso.jit.compiler.kir;

import java.util.List;

/**
 * The structured control flow of a kernel: what a {@code while}, {@code cond} or {@code scan}
 * equation becomes in kernel IR. Its sub-jaxprs are compiled through the whole pipeline into
 * kernel programs of their own, which a backend runs as loops and branches around their kernels
 * (generated loops on the CPU, host-side loops around launches on a GPU). The kernel's inputs
 * are the equation's operands in order and its outputs the equation's results in order; each
 * variant says how they map onto its sub-programs' inputs and outputs.
 */
public sealed interface ControlFlow
    permits ControlFlow.WhileLoop, ControlFlow.Switch, ControlFlow.ScanLoop {

  /**
   * The sub-programs, in the order the {@code .kir} text prints them.
   *
   * @return the sub-programs
   */
  List<KernelProgram> programs();

  /**
   * The primitive's name: {@code while}, {@code cond} or {@code scan}.
   *
   * @return the primitive's name
   */
  String primitive();

  /**
   * {@code while}: operands {@code cond_consts..., body_consts..., carry...}; results the
   * final carry. Repeats {@code carry = body(body_consts, carry)} while {@code cond(cond_consts,
   * carry)} (one bool scalar) is true, possibly zero times.
   *
   * @param cond the condition program: inputs {@code cond_consts..., carry...}, one bool output
   * @param condConsts the number of condition constants
   * @param body the body program: inputs {@code body_consts..., carry...}, outputs the carry
   * @param bodyConsts the number of body constants
   */
  record WhileLoop(KernelProgram cond, int condConsts, KernelProgram body, int bodyConsts)
      implements ControlFlow {
    @Override
    public List<KernelProgram> programs() {
      return List.of(cond, body);
    }

    @Override
    public String primitive() {
      return "while";
    }
  }

  /**
   * {@code cond}: operands {@code index, operands...}; runs branch {@code clamp(index, 0, n-1)}
   * on the operands, whose outputs are the results.
   *
   * @param branches the branch programs, index order (false branch first for a boolean cond)
   */
  record Switch(List<KernelProgram> branches) implements ControlFlow {
    /** Copies the list. */
    public Switch {
      branches = List.copyOf(branches);
    }

    @Override
    public List<KernelProgram> programs() {
      return branches;
    }

    @Override
    public String primitive() {
      return "cond";
    }
  }

  /**
   * {@code scan}: operands {@code consts..., carry..., xs...}; results {@code carry...,
   * ys...}. For {@code i} in {@code 0..length-1} (descending when {@code reverse}), runs the
   * body on the consts, the carry and element {@code i} of each x along its leading axis,
   * takes its first outputs as the new carry and writes the rest at index {@code i} of the
   * stacked ys. {@code unroll} iterations run per trip of the loop (a hint: results are the
   * same for every value).
   *
   * @param body the body program: inputs {@code consts..., carry..., x...}, outputs {@code
   *     carry..., y...}
   * @param length the number of iterations
   * @param reverse whether the index runs from {@code length-1} down to 0
   * @param consts the number of constants
   * @param carries the number of carries
   * @param unroll how many iterations one trip of the compiled loop runs (at least 1)
   */
  record ScanLoop(KernelProgram body, int length, boolean reverse, int consts, int carries,
      int unroll) implements ControlFlow {
    @Override
    public List<KernelProgram> programs() {
      return List.of(body);
    }

    @Override
    public String primitive() {
      return "scan";
    }
  }
}
