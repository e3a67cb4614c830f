package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * Rewrites every conversion of a bool to a number ({@code convert_element_type} of a mask,
 * as in the gradient of {@code relu}: {@code g * (x > 0)}) into {@code select(b, 0, 1)} in the
 * number's dtype, which the generated code has in scalar and vector form (a mask blend), so
 * such kernels stop falling back to the reference. The value is the same: XLA converts true to
 * 1 and false to 0 in every numeric dtype.
 */
final class BoolConversions {
  private BoolConversions() {}

  /** {@code k} with its bool-to-number conversions rewritten, or {@code k} when it has none. */
  static Kernel rewrite(Kernel k) {
    if (!has(k.nodes()) && !has(k.epilogue())) {
      return k;
    }
    int[] mainMap = new int[k.nodes().size()];
    List<Node> nodes = rewrite(k.nodes(), mainMap);
    int[] epiMap = new int[k.epilogue().size()];
    List<Node> epilogue = rewrite(k.epilogue(), epiMap);
    List<Kernel.Store> stores = new ArrayList<>();
    for (Kernel.Store s : k.stores()) {
      stores.add(new Kernel.Store(s.output(), mainMap[s.node()]));
    }
    List<Kernel.Reduction> reductions = new ArrayList<>();
    for (Kernel.Reduction r : k.reductions()) {
      reductions.add(new Kernel.Reduction(r.combiner(), mainMap[r.node()], r.identity(),
          r.output(), r.axis()));
    }
    List<Kernel.Store> epiStores = new ArrayList<>();
    for (Kernel.Store s : k.epilogueStores()) {
      epiStores.add(new Kernel.Store(s.output(), epiMap[s.node()]));
    }
    return new Kernel(k.id(), k.name(), k.kind(), k.space(), k.reduceAxes(), k.inputs(),
        k.outputs(), nodes, stores, reductions, epilogue, epiStores, k.call(), k.eqns());
  }

  private static boolean isBoolConvert(List<Node> nodes, Node n) {
    return n.op() == KernelOp.CONVERT && n.dtype() != DType.BOOL
        && nodes.get(n.args().get(0)).dtype() == DType.BOOL;
  }

  private static boolean has(List<Node> nodes) {
    for (Node n : nodes) {
      if (isBoolConvert(nodes, n)) {
        return true;
      }
    }
    return false;
  }

  private static Array number(int v, DType d) {
    return d.isFloating() ? Array.scalar((double) v, d) : Array.scalar((long) v, d);
  }

  /** The rewritten graph; {@code map[i]} receives the new number of old node {@code i}. */
  private static List<Node> rewrite(List<Node> nodes, int[] map) {
    List<Node> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      List<Integer> args = new ArrayList<>();
      for (int a : n.args()) {
        args.add(map[a]);
      }
      if (isBoolConvert(nodes, n)) {
        out.add(Node.constant(number(0, n.dtype())).withEqn(n.eqn()));
        out.add(Node.constant(number(1, n.dtype())).withEqn(n.eqn()));
        int s = out.size();
        out.add(Node.apply(KernelOp.SELECT, n.dtype(), List.of(args.get(0), s - 2, s - 1), 0)
            .withEqn(n.eqn()));
      } else {
        out.add(n.withArgs(args));
      }
      map[i] = out.size() - 1;
    }
    return out;
  }
}
