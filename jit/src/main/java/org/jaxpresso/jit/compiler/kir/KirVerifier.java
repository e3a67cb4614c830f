package org.jaxpresso.jit.compiler.kir;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;

/**
 * Checks a kernel program's structure and returns every problem at once: operands defined
 * before use and of the right number, loads indexing their input with one expression per
 * dimension, within its bounds over the kernel's index space ({@link IndexRanges}) and in its
 * dtype, stores and reductions naming existing nodes and outputs of
 * matching dtype and shape, kernels reading only values defined earlier, control-flow kernels
 * agreeing with their sub-programs (which are verified too: {@link ControlFlowVerifier}).
 */
public final class KirVerifier {
  private KirVerifier() {}

  /**
   * The problems found, empty when the program is well formed.
   *
   * @param p the kernel program
   * @return the problems found, empty when the program is well formed
   */
  public static List<String> verify(KernelProgram p) {
    List<String> problems = new ArrayList<>();
    boolean[] defined = new boolean[p.values().size()];
    for (KernelProgram.Value v : p.values()) {
      defined[v.id()] = v.source() != KernelProgram.Source.KERNEL;
    }
    for (Kernel k : p.kernels()) {
      String at = "kernel " + k.name() + ": ";
      for (int v : k.inputs()) {
        if (!defined[v]) {
          problems.add(at + "reads v" + v + " before any kernel writes it");
        }
      }
      if (k.controlFlow() != null) {
        ControlFlowVerifier.verify(p, k, at, problems);
      }
      verifyNodes(p, k, k.nodes(), k.space(), at, problems);
      verifyNodes(p, k, k.epilogue(), k.outputSpace(), at + "epilogue: ", problems);
      for (Kernel.Store s : k.epilogueStores()) {
        checkOutput(p, k, at + "epilogue: ", s.output(), s.node(), k.epilogue(),
            k.outputSpace(), problems);
      }
      if (k.kind() != Kernel.Kind.REDUCE && !k.epilogue().isEmpty()) {
        problems.add(at + "only reduction kernels have epilogues");
      }
      for (Kernel.Store s : k.stores()) {
        checkOutput(p, k, at, s.output(), s.node(), k.nodes(), k.space(), problems);
      }
      for (Kernel.Reduction r : k.reductions()) {
        if (r.combiner().arity() != KernelOp.Arity.COMBINER) {
          problems.add(at + r.combiner().textName() + " is not a reduction combiner");
        }
        Shape outShape = k.outputSpace();
        boolean arg = r.combiner() == KernelOp.ARGMAX || r.combiner() == KernelOp.ARGMIN;
        if (arg && !k.reduceAxes().equals(List.of(r.axis()))) {
          problems.add(at + "an index reduction must reduce exactly its axis " + r.axis());
        }
        if (r.output() >= k.outputs().size()) {
          problems.add(at + "reduces into missing output " + r.output());
        } else if (r.output() >= 0
            && !p.values().get(k.outputs().get(r.output())).aval().shape().equals(outShape)) {
          problems.add(at + "reduction output has shape "
              + p.values().get(k.outputs().get(r.output())).aval().shape() + ", expected "
              + outShape);
        }
        if (r.node() < 0 || r.node() >= k.nodes().size()) {
          problems.add(at + "reduces missing node %" + r.node());
        }
      }
      for (int v : k.outputs()) {
        defined[v] = true;
      }
    }
    for (int v : p.outputs()) {
      if (v < 0 || v >= defined.length || !defined[v]) {
        problems.add("program output v" + v + " is never written");
      }
    }
    return problems;
  }

  private static void verifyNodes(KernelProgram p, Kernel k, List<Node> nodes, Shape space,
      String at, List<String> problems) {
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (n.op() == KernelOp.REDUCED && (nodes == k.nodes() || n.param() < 0
          || n.param() >= k.reductions().size())) {
        problems.add(at + "%" + i + " reads reduction #" + n.param()
            + " outside an epilogue or past the kernel's reductions");
      }
      for (int a : n.args()) {
        if (a < 0 || a >= i) {
          problems.add(at + "%" + i + " reads %" + a + " before it is defined");
        }
      }
      int want = switch (n.op().arity()) {
        case LEAF -> 0;
        case UNARY -> 1;
        case BINARY -> 2;
        case NARY -> n.op() == KernelOp.CLAMP ? 3 : -1;
        case COMBINER -> -2;
      };
      if (want == -2) {
        problems.add(at + "%" + i + " uses combiner " + n.op().textName() + " as a node");
      } else if (want == -1 ? n.args().size() < 2 : n.args().size() != want) {
        problems.add(at + "%" + i + " " + n.op().textName() + " has " + n.args().size()
            + " operands");
      }
      if (n.op() == KernelOp.LOAD) {
        if (n.input() < 0 || n.input() >= k.inputs().size()) {
          problems.add(at + "%" + i + " loads missing input " + n.input());
          continue;
        }
        ShapedArray in = p.values().get(k.inputs().get(n.input())).aval();
        if (in.rank() != n.index().size()) {
          problems.add(at + "%" + i + " indexes " + in.shortStr() + " with "
              + n.index().size() + " expressions");
        } else if (space.size() > 0) {
          checkBounds(in, n.index(), space, at + "%" + i, problems);
        }
        if (in.dtype() != n.dtype()) {
          problems.add(at + "%" + i + " loads " + in.dtype() + " as " + n.dtype());
        }
      }
      if ((n.op() == KernelOp.SELECT || n.op() == KernelOp.CLAMP) && n.args().size() >= 2) {
        for (int c = n.op() == KernelOp.SELECT ? 1 : 0; c < n.args().size(); c++) {
          int a = n.args().get(c);
          if (a >= 0 && a < i && nodes.get(a).dtype() != n.dtype()) {
            problems.add(at + "%" + i + " " + n.op().textName() + " operand %" + a + " is "
                + nodes.get(a).dtype() + ", not " + n.dtype());
          }
        }
      }
    }
  }

  /** Adds a problem for each dimension of {@code in} that {@code index} can read out of. */
  private static void checkBounds(ShapedArray in, List<IndexExpr> index, Shape space, String at,
      List<String> problems) {
    int[] dims = in.shape().dims();
    for (int d = 0; d < dims.length; d++) {
      long[] r;
      try {
        r = IndexRanges.of(index.get(d), space.dims());
      } catch (IndexOutOfBoundsException e) {
        problems.add(at + " indexes " + in.shortStr() + " with " + index.get(d)
            + ", a loop index outside the " + space.rank() + " axes of space " + space);
        continue;
      }
      if (r[0] < 0 || r[1] >= dims[d]) {
        problems.add(at + " reads " + in.shortStr() + " at " + index + " over space " + space
            + ": dimension " + d + " ranges over [" + r[0] + ", " + r[1] + "], not within [0, "
            + (dims[d] - 1) + "]");
      }
    }
  }

  private static void checkOutput(KernelProgram p, Kernel k, String at, int output, int node,
      List<Node> nodes, Shape space, List<String> problems) {
    if (output < 0 || output >= k.outputs().size()) {
      problems.add(at + "stores to missing output " + output);
      return;
    }
    if (node < 0 || node >= nodes.size()) {
      problems.add(at + "stores missing node %" + node);
      return;
    }
    ShapedArray out = p.values().get(k.outputs().get(output)).aval();
    DType d = nodes.get(node).dtype();
    if (d != out.dtype()) {
      problems.add(at + "stores " + d + " into " + out.shortStr());
    }
    if (!out.shape().equals(space)) {
      problems.add(at + "stores into " + out.shortStr() + " over space " + space);
    }
  }
}
