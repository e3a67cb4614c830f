package org.jaxpresso.jit.compiler.fusion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.jit.compiler.VarNames;
import org.jaxpresso.jit.compiler.kir.Kernel;

/**
 * The result of fusion: the program's equations grouped into kernels, in execution order. Each
 * group computes its {@linkplain Group#roots() roots}' results into buffers (written once) and
 * recomputes its other equations per element from the values it reads; an equation may be
 * recomputed in more than one group (see {@link FusionPlanner} for when).
 *
 * <p>{@link #toString()} is the plan's text (the {@code 10-fused.txt} dump):
 *
 * <pre>
 * fusion plan: 1 kernel for 4 equations
 * kernel 0 loop [3]  eqns 0:sin 1:mul 2:cos 3:mul
 *   in a:f32[3]
 *   out e:f32[3]
 * </pre>
 *
 * @param program the (optimized) program the plan is for
 * @param groups the kernels, in execution order
 */
public record FusionPlan(ClosedJaxpr program, List<Group> groups) {
  /** Copies the list. */
  public FusionPlan {
    groups = List.copyOf(groups);
  }

  /**
   * One kernel's equations.
   *
   * @param kind loop, reduce or library
   * @param eqns the equation numbers it computes, ascending
   * @param roots the equations whose results it writes, ascending
   * @param space the index space: the root's output shape for loops, the reduced operand's
   *     shape for reductions, the first result's shape for library calls
   * @param reduceAxes the reduced axes (reductions only), sorted
   * @param inputs the variables it reads from buffers, in first-use order
   * @param outputs the variables it writes: every result of a library call; for loop and
   *     reduction kernels, the root results that the program returns or another kernel reads
   */
  public record Group(Kernel.Kind kind, List<Integer> eqns, List<Integer> roots, Shape space,
      List<Integer> reduceAxes, List<Var> inputs, List<Var> outputs) {
    /** Copies the lists. */
    public Group {
      eqns = List.copyOf(eqns);
      roots = List.copyOf(roots);
      reduceAxes = List.copyOf(reduceAxes);
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * The number of kernels.
   *
   * @return the number of kernels
   */
  public int kernelCount() {
    return groups.size();
  }

  /**
   * The values group {@code g} writes, in root order: every result of a library call; for loop
   * and reduction kernels, the root results that the program returns or another kernel reads
   * (a reduction result only its own epilogue reads is not written).
   *
   * @param g the fusion group
   * @return the values group {@code g} writes, in root order
   */
  public List<Var> outputs(Group g) {
    return g.outputs();
  }

  /**
   * The variables group {@code g} reads from buffers, in first-use order.
   *
   * @param g the fusion group
   * @return the variables group {@code g} reads from buffers, in first-use order
   */
  public List<Var> inputs(Group g) {
    return g.inputs();
  }

  /** The plan's text. */
  @Override
  public String toString() {
    VarNames names = new VarNames(program.jaxpr());
    List<Eqn> eqns = program.jaxpr().eqns();
    StringBuilder sb = new StringBuilder();
    sb.append("fusion plan: ").append(groups.size())
        .append(groups.size() == 1 ? " kernel" : " kernels")
        .append(" for ").append(eqns.size()).append(eqns.size() == 1 ? " equation" : " equations")
        .append('\n');
    for (int k = 0; k < groups.size(); k++) {
      Group g = groups.get(k);
      sb.append("kernel ").append(k).append(' ')
          .append(g.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" [")
          .append(g.space().compact()).append(']');
      if (!g.reduceAxes().isEmpty()) {
        sb.append(" reduce ").append(g.reduceAxes());
      }
      sb.append(" ");
      for (int i : g.eqns()) {
        sb.append(' ').append(i).append(':').append(eqns.get(i).primitive().name());
      }
      sb.append('\n');
      Set<String> in = new LinkedHashSet<>();
      for (Var v : inputs(g)) {
        in.add(names.binder(v));
      }
      sb.append("  in").append(in.isEmpty() ? "" : " " + String.join(" ", in)).append('\n');
      List<String> out = new ArrayList<>();
      for (Var v : outputs(g)) {
        out.add(names.binder(v));
      }
      sb.append("  out").append(out.isEmpty() ? "" : " " + String.join(" ", out)).append('\n');
    }
    return sb.toString();
  }
}
