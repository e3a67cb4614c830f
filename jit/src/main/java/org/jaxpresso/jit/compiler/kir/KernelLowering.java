package org.jaxpresso.jit.compiler.kir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Literal;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.jit.compiler.fusion.FusionPlan;
import org.jaxpresso.jit.compiler.fusion.OpClass;

/**
 * Lowers a {@link FusionPlan} to a {@link KernelProgram}: numbers the program's values (inputs,
 * constants, then each kernel's results), builds each loop and reduction kernel's op graph with
 * a {@link KernelEmitter}, and wraps library equations (control flow with its sub-jaxprs lowered
 * to kernel programs of their own: {@link ControlFlow}).
 */
public final class KernelLowering {
  private final FusionPlan plan;
  private final List<KernelProgram.Value> values = new ArrayList<>();
  private final Map<Var, Integer> valueOf = new IdentityHashMap<>();

  private KernelLowering(FusionPlan plan) {
    this.plan = plan;
  }

  /**
   * The kernel program of {@code plan}.
   *
   * @param plan the fusion plan
   * @return the kernel program of {@code plan}
   * @throws IllegalArgumentException if a constant of the program is not a concrete array
   */
  public static KernelProgram lower(FusionPlan plan) {
    return new KernelLowering(plan).run();
  }

  private KernelProgram run() {
    Jaxpr j = plan.program().jaxpr();
    for (int i = 0; i < j.invars().size(); i++) {
      Var v = j.invars().get(i);
      valueOf.put(v, newValue(v, KernelProgram.Source.INPUT, i, null));
    }
    for (int i = 0; i < j.constvars().size(); i++) {
      NDArray c = plan.program().consts().get(i);
      if (!(c instanceof Array a)) {
        throw new IllegalArgumentException("cannot compile a program whose constant " + i
            + " is not a concrete array (got " + c.getClass().getSimpleName() + ")");
      }
      Var v = j.constvars().get(i);
      valueOf.put(v, newValue(v, KernelProgram.Source.CONST, -1, a));
    }
    List<Kernel> kernels = new ArrayList<>();
    for (FusionPlan.Group g : plan.groups()) {
      kernels.add(kernel(kernels.size(), g));
    }
    List<Integer> outputs = new ArrayList<>();
    for (Atom a : j.outvars()) {
      outputs.add(valueOf(a));
    }
    return new KernelProgram(values, kernels, outputs);
  }

  private int newValue(Var v, KernelProgram.Source source, int position, Array constant) {
    int id = values.size();
    values.add(new KernelProgram.Value(id, v.aval(), source, position, constant));
    return id;
  }

  private int valueOf(Atom a) {
    return switch (a) {
      case Literal l -> {
        int id = values.size();
        values.add(new KernelProgram.Value(id, l.aval(), KernelProgram.Source.LITERAL, -1,
            l.value()));
        yield id;
      }
      case Var v -> {
        Integer id = valueOf.get(v);
        if (id == null) {
          throw new IllegalStateException("kernel program reads " + v + " before it is written");
        }
        yield id;
      }
    };
  }

  private Kernel kernel(int id, FusionPlan.Group g) {
    List<Eqn> all = plan.program().jaxpr().eqns();
    List<Eqn> eqns = new ArrayList<>();
    for (int i : g.eqns()) {
      eqns.add(all.get(i));
    }
    List<Integer> inputs = new ArrayList<>();
    Eqn call = null;
    List<Var> inVars = plan.inputs(g);
    if (g.kind() == Kernel.Kind.LIBRARY) {
      call = all.get(g.roots().get(0));
      for (Atom a : call.inputs()) {
        inputs.add(valueOf(a));
      }
    } else {
      for (Var v : inVars) {
        inputs.add(valueOf(v));
      }
    }
    List<Var> outVars = plan.outputs(g);
    String name = name(id, eqns, outVars);
    List<Node> nodes = List.of();
    List<Node> epilogue = List.of();
    List<Kernel.Store> stores = new ArrayList<>();
    List<Kernel.Store> epilogueStores = new ArrayList<>();
    List<Kernel.Reduction> reductions = new ArrayList<>();
    if (g.kind() == Kernel.Kind.LOOP) {
      KernelEmitter em = new KernelEmitter(eqns, g.eqns(), inVars, g.space().dims());
      List<IndexExpr> idx = KernelEmitter.identity(g.space().rank());
      for (int k = 0; k < outVars.size(); k++) {
        stores.add(new Kernel.Store(k, em.emit(outVars.get(k), idx)));
      }
      nodes = em.nodes();
    } else if (g.kind() == Kernel.Kind.REDUCE) {
      KernelEmitter main = new KernelEmitter(eqns, g.eqns(), inVars, g.space().dims());
      KernelEmitter post = new KernelEmitter(eqns, g.eqns(), inVars, keptDims(g));
      List<IndexExpr> idx = KernelEmitter.identity(g.space().rank());
      List<Var> epilogueRoots = new ArrayList<>();
      for (int r : g.roots()) {
        Eqn e = all.get(r);
        if (OpClass.of(e) != OpClass.REDUCTION) {
          epilogueRoots.addAll(e.outputs());
          continue;
        }
        int node = main.emit(e.inputs().get(0), idx);
        Var result = e.outputs().get(0);
        post.reducedValue(result, reductions.size());
        reductions.add(reduction(e, node, outVars.indexOf(result)));
      }
      int keptRank = g.space().rank() - g.reduceAxes().size();
      for (Var v : epilogueRoots) {
        int k = outVars.indexOf(v);
        if (k >= 0) {
          epilogueStores.add(new Kernel.Store(k, post.emit(v, KernelEmitter.identity(keptRank))));
        }
      }
      nodes = main.nodes();
      epilogue = post.nodes();
    }
    List<Integer> outputs = new ArrayList<>();
    for (Var v : outVars) {
      int vid = newValue(v, KernelProgram.Source.KERNEL, id, null);
      valueOf.put(v, vid);
      outputs.add(vid);
    }
    ControlFlow controlFlow = call == null ? null : ControlFlowLowering.of(call, name);
    return new Kernel(id, name, g.kind(), g.space(), g.reduceAxes(), inputs, outputs, nodes,
        stores, reductions, epilogue, epilogueStores, call, g.eqns(), controlFlow);
  }

  /** The dimensions of a reduction group's output space (its space without the reduced axes). */
  private static int[] keptDims(FusionPlan.Group g) {
    int[] dims = g.space().dims();
    int[] kept = new int[dims.length - g.reduceAxes().size()];
    for (int d = 0, k = 0; d < dims.length; d++) {
      if (!g.reduceAxes().contains(d)) {
        kept[k++] = dims[d];
      }
    }
    return kept;
  }

  private static Kernel.Reduction reduction(Eqn e, int node, int output) {
    String name = e.primitive().name();
    DType d = e.inputs().get(0).aval().dtype();
    KernelOp op = switch (name) {
      case "reduce_sum" -> KernelOp.REDUCE_SUM;
      case "reduce_prod" -> KernelOp.REDUCE_PROD;
      case "reduce_max" -> KernelOp.REDUCE_MAX;
      case "reduce_min" -> KernelOp.REDUCE_MIN;
      case "reduce_and" -> KernelOp.REDUCE_AND;
      case "reduce_or" -> KernelOp.REDUCE_OR;
      case "reduce_xor" -> KernelOp.REDUCE_XOR;
      case "argmax" -> KernelOp.ARGMAX;
      case "argmin" -> KernelOp.ARGMIN;
      default -> throw new IllegalArgumentException(name + " is not a reduction");
    };
    int axis = op == KernelOp.ARGMAX || op == KernelOp.ARGMIN ? e.params().ints("axes")[0] : -1;
    return new Kernel.Reduction(op, node, Identities.of(op, d), output, axis);
  }

  /** {@code k<id>_<up to three primitive names>_<dtype>}. */
  private static String name(int id, List<Eqn> eqns, List<Var> outs) {
    Set<String> ops = new LinkedHashSet<>();
    for (Eqn e : eqns) {
      if (ops.size() < 3) {
        ops.add(e.primitive().name().replaceAll("[^A-Za-z0-9]", "_"));
      }
    }
    String dtype = outs.isEmpty() ? "" : "_" + outs.get(0).aval().dtype().shortName();
    return String.format(Locale.ROOT, "k%d_%s%s", id, String.join("_", ops), dtype);
  }
}
