package org.jaxpresso.jit.compiler.kir;

import java.util.HashMap;
import java.util.Map;

/** The kernel op of each elementwise primitive that maps one to one. */
final class ElementwiseOps {
  private static final Map<String, KernelOp> BY_NAME = new HashMap<>();

  static {
    for (KernelOp op : KernelOp.values()) {
      if ((op.arity() == KernelOp.Arity.UNARY || op.arity() == KernelOp.Arity.BINARY)
          && op != KernelOp.ROUND_AWAY && op != KernelOp.ROUND_EVEN) {
        BY_NAME.put(op.primitiveName(), op);
      }
    }
  }

  private ElementwiseOps() {}

  /**
   * The op for primitive {@code name}.
   *
   * @throws IllegalArgumentException if no op computes it
   */
  static KernelOp op(String name) {
    KernelOp op = BY_NAME.get(name);
    if (op == null) {
      throw new IllegalArgumentException("no kernel op computes primitive " + name);
    }
    return op;
  }
}
