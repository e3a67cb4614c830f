package org.jaxpresso.lax.primitives;

import org.jaxpresso.lax.internal.controlflow.CondRules;
import org.jaxpresso.lax.internal.controlflow.ScanRules;
import org.jaxpresso.lax.internal.controlflow.WhileRules;

/**
 * Attaches the transformation rules of the control-flow primitives: {@code cond} (JVP,
 * transpose, batching), {@code while} (JVP, batching, and a transpose that raises JAX's
 * reverse-mode error) and {@code scan} (JVP, transpose, batching). The rules themselves live in
 * {@code org.jaxpresso.lax.internal.controlflow}.
 */
final class ControlFlowRules {
  private ControlFlowRules() {}

  private static boolean done;

  /** Attaches every rule (once). */
  static synchronized void register() {
    if (done) {
      return;
    }
    done = true;
    RuleSupport.ensureInstalled();
    Cond.COND.defineJvp(CondRules::jvp).defineTranspose(CondRules::transpose)
        .defineBatch(CondRules::batch);
    While.WHILE.defineJvp(WhileRules::jvp).defineTranspose(WhileRules::transpose)
        .defineBatch(WhileRules::batch);
    Scan.SCAN.defineJvp(ScanRules::jvp).defineTranspose(ScanRules::transpose)
        .defineBatch(ScanRules::batch);
  }
}
