package org.jaxpresso.jit.compiler.passes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;
import org.jaxpresso.lax.DotDimensionNumbers;

/**
 * Folds a transpose of a {@code dot_general} result into the product: {@code transpose(
 * dot_general(a, b))} whose permutation puts {@code b}'s free dimensions before {@code a}'s is
 * {@code dot_general(b, a)} with the contracting dimensions swapped, as XLA's algebraic
 * simplifier does. Reverse mode makes exactly this shape ({@code dW = transpose(dot(g, x))} in
 * the gradient of {@code x @ W}); folded, the library kernel writes the result in the layout
 * its consumers read instead of a strided transpose per element. Applies when the product has
 * no batch dimensions and the transpose is its only reader; the product's other params (the
 * precision pair swapped too) carry over.
 */
public final class DotTransposePass implements Pass {
  /** Creates the pass; it holds no state, so one instance can serve every program. */
  public DotTransposePass() {}

  @Override
  public String name() {
    return "dot_transpose";
  }

  @Override
  public ClosedJaxpr apply(ClosedJaxpr program) {
    Jaxpr j = program.jaxpr();
    List<Eqn> eqns = j.eqns();
    Map<Var, Integer> readers = new IdentityHashMap<>();
    Map<Var, Integer> producer = new IdentityHashMap<>();
    for (int i = 0; i < eqns.size(); i++) {
      for (Atom a : eqns.get(i).inputs()) {
        if (a instanceof Var v) {
          readers.merge(v, 1, Integer::sum);
        }
      }
      for (Var v : eqns.get(i).outputs()) {
        producer.put(v, i);
      }
    }
    Set<Var> outvars = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Atom a : j.outvars()) {
      if (a instanceof Var v) {
        outvars.add(v);
      }
    }
    Eqn[] out = eqns.toArray(new Eqn[0]);
    boolean changed = false;
    for (int i = 0; i < out.length; i++) {
      Eqn t = out[i];
      if (!t.primitive().name().equals("transpose") || !(t.inputs().get(0) instanceof Var d)
          || outvars.contains(d) || readers.getOrDefault(d, 0) != 1
          || !producer.containsKey(d)) {
        continue;
      }
      int p = producer.get(d);
      Eqn dot = out[p];
      if (dot == null || !dot.primitive().name().equals("dot_general")) {
        continue;
      }
      Eqn folded = fold(dot, t);
      if (folded != null) {
        out[i] = folded;
        out[p] = null;
        changed = true;
      }
    }
    if (!changed) {
      return program;
    }
    List<Eqn> kept = new ArrayList<>();
    for (Eqn e : out) {
      if (e != null) {
        kept.add(e);
      }
    }
    return new ClosedJaxpr(new Jaxpr(j.constvars(), j.invars(), kept, j.outvars()),
        program.consts());
  }

  /** {@code dot_general(b, a)} computing {@code t}, or null when the permutation is another. */
  private static Eqn fold(Eqn dot, Eqn t) {
    if (!(dot.params().get("dimension_numbers") instanceof DotDimensionNumbers dims)
        || dims.lhsBatch().length != 0 || dims.rhsBatch().length != 0) {
      return null;
    }
    int lhsFree = dot.inputs().get(0).aval().shape().rank() - dims.lhsContracting().length;
    int rhsFree = dot.inputs().get(1).aval().shape().rank() - dims.rhsContracting().length;
    int[] perm = t.params().ints("permutation");
    if (perm.length != lhsFree + rhsFree || lhsFree == 0 || rhsFree == 0) {
      return null;
    }
    for (int k = 0; k < perm.length; k++) {
      int want = k < rhsFree ? lhsFree + k : k - rhsFree;
      if (perm[k] != want) {
        return null;
      }
    }
    Params params = dot.params().with("dimension_numbers",
        DotDimensionNumbers.of(dims.rhsContracting(), dims.lhsContracting()));
    if (dot.params().get("precision") instanceof List<?> pair && pair.size() == 2) {
      params = params.with("precision", List.of(pair.get(1), pair.get(0)));
    }
    return new Eqn(dot.primitive(), List.of(dot.inputs().get(1), dot.inputs().get(0)), params,
        t.outputs());
  }
}
