package org.jaxpresso.runtime.cpu.codegen;

/**
 * A generated control-flow class ({@link ControlFlowWriter}): the loop or switch of one
 * {@code while}, {@code scan} or {@code cond} kernel, calling its sub-programs' steps, which it
 * holds in static final fields.
 */
public interface ControlFlowLoop {
  /**
   * Runs the loop or branch on its frame.
   *
   * @param frame a {@link WhileFrame}, {@link ScanFrame} or {@link CondFrame}, as the class was
   *     generated for
   */
  void run(Object frame);
}
