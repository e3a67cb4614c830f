package org.jaxpresso.runtime.cpu.codegen;

/**
 * One run of a {@code while} loop: the condition's environment and buffers (one set: the
 * condition only yields a bool) beside the body's {@link LoopFrame}. The generated loop calls
 * {@link #enterCond()}, the condition's steps, {@link #test()}, then {@link #enterBody()}, the
 * body's steps and {@link #exitBody()}, and again.
 */
final class WhileFrame extends LoopFrame {
  final SubProgram cond;
  final Object[] condEnv;
  final Buffers condBuffers;
  private final int condConsts;
  private final int bodyConsts;
  private final int condOut;

  /**
   * A frame over the loop's operands {@code cond_consts..., body_consts..., carry...}.
   *
   * @param cond the condition program
   * @param condConsts the number of condition constants
   * @param body the body program
   * @param bodyConsts the number of body constants
   * @param operands the loop's operands' storage
   */
  WhileFrame(SubProgram cond, int condConsts, SubProgram body, int bodyConsts,
      Object[] operands) {
    super(body, bodyConsts, operands.length - condConsts - bodyConsts);
    this.cond = cond;
    this.condConsts = condConsts;
    this.bodyConsts = bodyConsts;
    this.condEnv = cond.newEnv();
    this.condBuffers = cond.newBuffers();
    this.condOut = cond.outputIds[0];
    reset(operands);
  }

  /** Starts a run over new operands (a frame kept by a loop nested in a loop body). */
  void reset(Object[] operands) {
    for (int i = 0; i < condConsts; i++) {
      condEnv[cond.inputIds[i]] = operands[i];
    }
    for (int i = 0; i < bodyConsts; i++) {
      bind(i, operands[condConsts + i]);
    }
    resetCarry(operands, condConsts + bodyConsts);
  }

  /** Before the condition runs: the carry into its inputs. */
  void enterCond() {
    for (int c = 0; c < carry.length; c++) {
      condEnv[cond.inputIds[condConsts + c]] = carry[c];
    }
  }

  /** The condition's result. */
  boolean test() {
    return ((byte[]) condEnv[condOut])[0] != 0;
  }

  /** Before the body runs. */
  void enterBody() {
    loadCarry();
  }

  /** After the body ran. */
  void exitBody() {
    storeCarry(NO_SCRATCH);
  }

  private static final Object[] NO_SCRATCH = new Object[0];

  /** The loop without generated code: the same calls from a Java loop. */
  void interpret() {
    enterCond();
    cond.runSteps(condEnv, condBuffers);
    while (test()) {
      enterBody();
      body.runSteps(bodyEnv, bodyBuffers);
      exitBody();
      enterCond();
      cond.runSteps(condEnv, condBuffers);
    }
  }
}
