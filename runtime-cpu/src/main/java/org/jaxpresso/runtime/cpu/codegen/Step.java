package org.jaxpresso.runtime.cpu.codegen;

/** One kernel of a compiled CPU program, ready to run on the program's value environment. */
interface Step {
  /**
   * Runs the kernel: reads its inputs from {@code env} (raw Java arrays by value id), writes its
   * outputs into buffers from {@code buffers} (allocated on first use) and records them in
   * {@code env}.
   */
  void run(Object[] env, Buffers buffers);

  /** Whether the kernel runs generated code (for tests and the fusion report). */
  boolean generated();
}
