package org.jaxpresso.jit.compiler.kir;

import java.util.List;
import java.util.StringJoiner;
import org.jaxpresso.core.jaxpr.Literal;

/**
 * The {@code .kir} text of kernel programs, one line per value, node, store and reduction:
 *
 * <pre>
 * program (v0:f32[3,4]) -> (v1)
 * kernel k0_sin_cos_mul_f32 loop [3,4]  # eqns 0-3
 *   in0 = v0:f32[3,4]
 *   out0 = v1:f32[3,4]
 *   %0:f32 = load in0[i0, i1]
 *   %1:f32 = sin %0
 *   ...
 *   store out0 %4
 * </pre>
 *
 * <p>Control-flow kernels ({@link ControlFlow}) print their primitive as the kind, their layout,
 * and their sub-programs nested under a heading each, indented four more spaces.
 */
public final class KirPrinter {
  private KirPrinter() {}

  /**
   * The whole program's text.
   *
   * @param p the kernel program
   * @return the whole program's text
   */
  public static String print(KernelProgram p) {
    StringBuilder sb = new StringBuilder();
    StringJoiner ins = new StringJoiner(", ", "(", ")");
    StringJoiner consts = new StringJoiner(", ", "[", "]");
    for (KernelProgram.Value v : p.values()) {
      switch (v.source()) {
        case INPUT -> ins.add(value(v));
        case CONST -> consts.add(value(v));
        case LITERAL, KERNEL -> { }
      }
    }
    StringJoiner outs = new StringJoiner(", ", "(", ")");
    for (int o : p.outputs()) {
      KernelProgram.Value v = p.values().get(o);
      outs.add(v.source() == KernelProgram.Source.LITERAL
          ? "v" + o + "=" + new Literal(v.constant()) : "v" + o);
    }
    sb.append("program ").append(ins);
    if (consts.length() > 2) {
      sb.append(" consts ").append(consts);
    }
    sb.append(" -> ").append(outs).append('\n');
    for (Kernel k : p.kernels()) {
      sb.append(print(p, k));
    }
    return sb.toString();
  }

  /**
   * One kernel's text (the program gives its values' types).
   *
   * @param p the kernel program
   * @param k the kernel
   * @return one kernel's text (the program gives its values' types)
   */
  public static String print(KernelProgram p, Kernel k) {
    StringBuilder sb = new StringBuilder();
    ControlFlow cf = k.controlFlow();
    sb.append("kernel ").append(k.name()).append(' ')
        .append(cf != null ? cf.primitive() : k.kind().name().toLowerCase(java.util.Locale.ROOT))
        .append(' ')
        .append("[" + k.space().compact() + "]");
    if (!k.reduceAxes().isEmpty()) {
      sb.append(" reduce ").append(k.reduceAxes());
    }
    sb.append("  # eqns ").append(k.eqns()).append('\n');
    for (int i = 0; i < k.inputs().size(); i++) {
      sb.append("  in").append(i).append(" = ").append(value(p.values().get(k.inputs().get(i))))
          .append('\n');
    }
    for (int i = 0; i < k.outputs().size(); i++) {
      sb.append("  out").append(i).append(" = ")
          .append(value(p.values().get(k.outputs().get(i)))).append('\n');
    }
    if (cf != null) {
      controlFlow(cf, sb);
    } else if (k.call() != null) {
      sb.append("  call ").append(k.call().primitive().name());
      String params = k.call().primitive().printedParams(k.call().params()).toString();
      if (!params.equals("[]")) {
        sb.append(params);
      }
      sb.append('\n');
    }
    List<Node> nodes = k.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      sb.append("  %").append(i).append(':').append(nodes.get(i).dtype().shortName())
          .append(" = ").append(node(nodes.get(i))).append('\n');
    }
    for (Kernel.Store s : k.stores()) {
      sb.append("  store out").append(s.output()).append(" %").append(s.node()).append('\n');
    }
    for (int i = 0; i < k.reductions().size(); i++) {
      Kernel.Reduction r = k.reductions().get(i);
      sb.append("  reduce #").append(i).append(r.output() >= 0 ? " -> out" + r.output() : "")
          .append(" = ").append(r.combiner().textName());
      if (r.axis() >= 0) {
        sb.append("[axis=").append(r.axis()).append(']');
      }
      sb.append(" %").append(r.node()).append(" init ").append(new Literal(r.identity()))
          .append('\n');
    }
    if (!k.epilogue().isEmpty()) {
      sb.append("  epilogue [").append(k.outputSpace().compact()).append("]\n");
      for (int i = 0; i < k.epilogue().size(); i++) {
        Node n = k.epilogue().get(i);
        sb.append("  %e").append(i).append(':').append(n.dtype().shortName()).append(" = ")
            .append(node(n).replace(" %", " %e")).append('\n');
      }
      for (Kernel.Store s : k.epilogueStores()) {
        sb.append("  store out").append(s.output()).append(" %e").append(s.node()).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * The control flow's layout and its sub-programs, indented four spaces under a heading each:
   *
   * <pre>
   *   scan length=1000 reverse=false consts=1 carries=1 unroll=1
   *   body:
   *     program (v0:f32[], v1:f32[8]) -> (v2)
   *     kernel k0_mul_add_f32 loop [8]  # eqns [0, 1]
   *     ...
   * </pre>
   */
  private static void controlFlow(ControlFlow cf, StringBuilder sb) {
    List<String> headings = new java.util.ArrayList<>();
    switch (cf) {
      case ControlFlow.WhileLoop w -> {
        sb.append("  while cond_consts=").append(w.condConsts()).append(" body_consts=")
            .append(w.bodyConsts()).append('\n');
        headings.add("cond");
        headings.add("body");
      }
      case ControlFlow.Switch c -> {
        sb.append("  cond branches=").append(c.branches().size()).append('\n');
        for (int i = 0; i < c.branches().size(); i++) {
          headings.add("branch " + i);
        }
      }
      case ControlFlow.ScanLoop s -> {
        sb.append("  scan length=").append(s.length()).append(" reverse=").append(s.reverse())
            .append(" consts=").append(s.consts()).append(" carries=").append(s.carries())
            .append(" unroll=").append(s.unroll()).append('\n');
        headings.add("body");
      }
    }
    for (int i = 0; i < headings.size(); i++) {
      sb.append("  ").append(headings.get(i)).append(":\n");
      for (String line : print(cf.programs().get(i)).split("\n")) {
        sb.append("    ").append(line).append('\n');
      }
    }
  }

  private static String value(KernelProgram.Value v) {
    return "v" + v.id() + ":" + v.aval().shortStr();
  }

  private static String node(Node n) {
    return switch (n.op()) {
      case LOAD -> "load in" + n.input() + indexList(n.index());
      case CONST -> "const " + new Literal(n.constant());
      case INDEX -> "index " + n.index().get(0);
      case REDUCED -> "reduced #" + n.param();
      case INTEGER_POW -> "integer_pow[y=" + n.param() + "]" + args(n);
      case REDUCE_PRECISION -> "reduce_precision[exponent_bits=" + n.param() / 1000
          + " mantissa_bits=" + n.param() % 1000 + "]" + args(n);
      default -> n.op().textName() + args(n);
    };
  }

  private static String args(Node n) {
    StringBuilder sb = new StringBuilder();
    for (int a : n.args()) {
      sb.append(" %").append(a);
    }
    return sb.toString();
  }

  private static String indexList(List<IndexExpr> index) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (IndexExpr e : index) {
      j.add(e.toString());
    }
    return j.toString();
  }
}
