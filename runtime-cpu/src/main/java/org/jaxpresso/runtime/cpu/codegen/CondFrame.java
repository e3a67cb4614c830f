package org.jaxpresso.runtime.cpu.codegen;

/**
 * One run of a {@code cond}: the generated switch asks {@link #index()} for the branch, calls
 * {@link #enter(int)}, that branch's steps on {@link #env} and {@link #buffers}, and {@link
 * #exit(int)}, after which {@link #results} holds the branch's outputs.
 */
final class CondFrame {
  private final SubProgram[] branches;
  private final Object[][] envs;
  private final Buffers[] sets;
  private Object[] operands;
  /** The running branch's environment. */
  Object[] env;
  /** The running branch's buffers. */
  Buffers buffers;
  /** The results, once a branch ran. */
  Object[] results;

  /**
   * A frame over the cond's operands {@code index, operands...}.
   *
   * @param branches the branch programs
   * @param operands the cond's operands' storage (the first an int32 scalar)
   */
  CondFrame(SubProgram[] branches, Object[] operands) {
    this.branches = branches;
    this.envs = new Object[branches.length][];
    this.sets = new Buffers[branches.length];
    this.operands = operands;
  }

  /**
   * Starts a run over new operands (a frame kept by a cond in a loop body: each branch's
   * environment and buffers are made the first time it runs, then reused).
   */
  void reset(Object[] operands) {
    this.operands = operands;
  }

  /** The branch to run: the index clamped to the branches, as XLA's conditional does. */
  int index() {
    int i = ((int[]) operands[0])[0];
    return Math.max(0, Math.min(branches.length - 1, i));
  }

  /** Before branch {@code b} runs: its environment, buffers and inputs. */
  void enter(int b) {
    SubProgram p = branches[b];
    if (envs[b] == null) {
      envs[b] = p.newEnv();
      sets[b] = p.newBuffers();
    }
    env = envs[b];
    buffers = sets[b];
    for (int i = 0; i < p.inputIds.length; i++) {
      env[p.inputIds[i]] = operands[i + 1];
    }
  }

  /** After branch {@code b} ran: its outputs. */
  void exit(int b) {
    SubProgram p = branches[b];
    if (results == null || results.length != p.outputIds.length) {
      results = new Object[p.outputIds.length];
    }
    for (int o = 0; o < results.length; o++) {
      results[o] = env[p.outputIds[o]];
    }
  }

  /** The branch without generated code. */
  void interpret() {
    int b = index();
    enter(b);
    branches[b].runSteps(env, buffers);
    exit(b);
  }
}
