package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Shape;
import org.jaxpresso.jit.compiler.kir.IndexExpr;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * Normalizes loads along axes of extent 1: the only valid index there is 0, so the index
 * expression becomes the constant 0. Lax's elementwise primitives broadcast size-1 axes ({@code
 * f32[3,1] + f32[1,4]}), while the kernel IR of such an equation indexes every input with the
 * output's loop indices; reading axis {@code d} of extent 1 at {@code i_d} would run past the
 * input. With this rewrite both the generated code and the reference fallback read it
 * correctly.
 */
final class UnitDims {
  private UnitDims() {}

  /** {@code nodes} with every load's index into a size-1 input axis replaced by 0. */
  static List<Node> normalize(List<Node> nodes, List<Shape> inputShapes) {
    List<Node> out = new ArrayList<>(nodes.size());
    boolean changed = false;
    for (Node n : nodes) {
      if (n.op() != KernelOp.LOAD) {
        out.add(n);
        continue;
      }
      int[] dims = inputShapes.get(n.input()).dims();
      List<IndexExpr> index = new ArrayList<>(n.index());
      for (int d = 0; d < dims.length && d < index.size(); d++) {
        if (dims[d] == 1 && !(index.get(d) instanceof IndexExpr.Const)) {
          index.set(d, IndexExpr.constant(0));
          changed = true;
        }
      }
      out.add(new Node(n.op(), n.dtype(), n.args(), n.input(), index, n.constant(), n.param()));
    }
    return changed ? out : nodes;
  }
}
