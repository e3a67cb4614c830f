package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;

/**
 * The small jaxpr rewrites control flow uses, as in JAX's {@code partial_eval}:
 * {@code _jaxpr_forwarding}, {@code prune_jaxpr_outputs}, {@code move_binders_to_front},
 * {@code dce_jaxpr} and {@code _merge_common_consts}.
 */
public final class JaxprEdits {
  private JaxprEdits() {}

  /**
   * For each output, the index of the input it merely forwards, or null (JAX's
   * {@code _jaxpr_forwarding}): an output that is an input, possibly through a
   * {@code convert_element_type} or {@code broadcast_in_dim} that changes nothing.
   *
   * @param j the jaxpr
   * @return for each output, the index of the input it merely forwards, or null (JAX's {@code
   *     _jaxpr_forwarding})
   */
  public static List<Integer> forwarding(Jaxpr j) {
    Map<Var, Var> fwd = new IdentityHashMap<>();
    for (Var v : j.invars()) {
      fwd.put(v, v);
    }
    for (Eqn e : j.eqns()) {
      if (e.inputs().size() == 1 && e.outputs().size() == 1
          && e.inputs().get(0) instanceof Var in && isIdentity(e, in.aval())) {
        Var src = fwd.get(in);
        if (src != null) {
          fwd.put(e.outputs().get(0), src);
        }
      }
    }
    Map<Var, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < j.invars().size(); i++) {
      index.putIfAbsent(j.invars().get(i), i);
    }
    List<Integer> out = new ArrayList<>(j.outvars().size());
    for (Atom a : j.outvars()) {
      out.add(a instanceof Var v && fwd.get(v) != null ? index.get(fwd.get(v)) : null);
    }
    return out;
  }

  private static boolean isIdentity(Eqn e, ShapedArray in) {
    Params p = e.params();
    return switch (e.primitive().name()) {
      case "convert_element_type" -> p.has("new_dtype") && p.has("weak_type")
          && p.get("new_dtype") == in.dtype() && p.getBoolean("weak_type") == in.weakType()
          && (!p.has("sharding") || p.get("sharding") == null);
      case "broadcast_in_dim" -> p.has("shape")
          && Arrays.equals(p.ints("shape"), in.shape().dims())
          && (!p.has("sharding") || p.get("sharding") == null);
      default -> false;
    };
  }

  /**
   * The jaxpr with only the outputs whose {@code keep} entry is true.
   *
   * @param j the jaxpr
   * @param keep which outputs to keep
   * @return the jaxpr with only the outputs whose {@code keep} entry is true
   */
  public static Jaxpr pruneOutputs(Jaxpr j, boolean[] keep) {
    List<Atom> outs = new ArrayList<>();
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        outs.add(j.outvars().get(i));
      }
    }
    return new Jaxpr(j.constvars(), j.invars(), j.eqns(), outs);
  }

  /**
   * The jaxpr with the inputs marked in {@code move} first, others after, order kept.
   *
   * @param j the jaxpr
   * @param move which entries go first
   * @return the jaxpr with the inputs marked in {@code move} first, others after, order kept
   */
  public static Jaxpr moveInputsToFront(Jaxpr j, boolean[] move) {
    return new Jaxpr(j.constvars(), moveToFront(j.invars(), move), j.eqns(), j.outvars());
  }

  /**
   * The elements marked in {@code move}, then the others, each in their order.
   *
   * @param <T> the type of the values
   * @param xs the input arrays
   * @param move which entries go first
   * @return the elements marked in {@code move}, then the others, each in their order
   */
  public static <T> List<T> moveToFront(List<T> xs, boolean[] move) {
    List<T> out = new ArrayList<>(xs.size());
    for (int i = 0; i < xs.size(); i++) {
      if (move[i]) {
        out.add(xs.get(i));
      }
    }
    for (int i = 0; i < xs.size(); i++) {
      if (!move[i]) {
        out.add(xs.get(i));
      }
    }
    return out;
  }

  /**
   * JAX's {@code dce_jaxpr(jaxpr, [True]*outs, instantiate)}: drops equations whose results are
   * never used and inputs that are neither used nor instantiated.
   *
   * @param j the jaxpr
   * @param instantiate whether zero tangents are materialized as arrays
   * @return the pruned jaxpr and, per original input, whether it was kept
   */
  public static Dce dce(Jaxpr j, boolean[] instantiate) {
    Set<Var> live = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Atom a : j.outvars()) {
      if (a instanceof Var v) {
        live.add(v);
      }
    }
    List<Eqn> kept = new ArrayList<>();
    List<Eqn> eqns = j.eqns();
    for (int i = eqns.size() - 1; i >= 0; i--) {
      Eqn e = eqns.get(i);
      boolean used = e.outputs().isEmpty();
      for (Var v : e.outputs()) {
        used |= live.contains(v);
      }
      if (used) {
        kept.add(e);
        for (Atom a : e.inputs()) {
          if (a instanceof Var v) {
            live.add(v);
          }
        }
      }
    }
    Collections.reverse(kept);
    boolean[] keepIn = new boolean[j.invars().size()];
    List<Var> invars = new ArrayList<>();
    for (int i = 0; i < keepIn.length; i++) {
      keepIn[i] = instantiate[i] || live.contains(j.invars().get(i));
      if (keepIn[i]) {
        invars.add(j.invars().get(i));
      }
    }
    return new Dce(new Jaxpr(j.constvars(), invars, kept, j.outvars()), keepIn);
  }

  /**
   * The result of {@link #dce}.
   *
   * @param jaxpr the pruned jaxpr
   * @param keptInputs per original input, whether it is still an input
   */
  public record Dce(Jaxpr jaxpr, boolean[] keptInputs) {}

  /**
   * JAX's {@code _merge_common_consts}: every branch takes the consts of all branches, first
   * those of branch 0, then branch 1..., each value once (by identity); a branch ignores the
   * others' consts.
   *
   * @param branches traced branches, each with its own leading consts
   * @return the branches' jaxprs with the shared leading inputs, and the shared consts
   */
  public static Merged mergeCommonConsts(List<StagedFunction> branches) {
    List<NDArray> all = new ArrayList<>();
    for (StagedFunction b : branches) {
      all.addAll(b.consts());
    }
    List<NDArray> unique = new ArrayList<>();
    Map<NDArray, Integer> slot = new IdentityHashMap<>();
    for (NDArray c : all) {
      if (!slot.containsKey(c)) {
        slot.put(c, unique.size());
        unique.add(c);
      }
    }
    List<Jaxpr> jaxprs = new ArrayList<>(branches.size());
    for (StagedFunction b : branches) {
      Jaxpr j = b.jaxpr();
      int n = b.nconsts();
      Var[] shared = new Var[unique.size()];
      Map<Var, Var> rename = new IdentityHashMap<>();
      for (int i = 0; i < n; i++) {
        Var own = j.invars().get(i);
        int s = slot.get(b.consts().get(i));
        if (shared[s] == null) {
          shared[s] = own;
        } else {
          rename.put(own, shared[s]);
        }
      }
      List<Var> invars = new ArrayList<>();
      for (int s = 0; s < shared.length; s++) {
        invars.add(shared[s] != null ? shared[s] : Var.of(unique.get(s).aval()));
      }
      invars.addAll(j.invars().subList(n, j.invars().size()));
      jaxprs.add(rename.isEmpty()
          ? new Jaxpr(List.of(), invars, j.eqns(), j.outvars())
          : renamed(j, invars, rename));
    }
    return new Merged(jaxprs, unique);
  }

  private static Jaxpr renamed(Jaxpr j, List<Var> invars, Map<Var, Var> rename) {
    List<Eqn> eqns = new ArrayList<>(j.eqns().size());
    for (Eqn e : j.eqns()) {
      eqns.add(new Eqn(e.primitive(), substitute(e.inputs(), rename), e.params(), e.outputs()));
    }
    return new Jaxpr(List.of(), invars, eqns, substitute(j.outvars(), rename));
  }

  private static List<Atom> substitute(List<Atom> atoms, Map<Var, Var> rename) {
    List<Atom> out = new ArrayList<>(atoms.size());
    for (Atom a : atoms) {
      out.add(a instanceof Var v && rename.containsKey(v) ? rename.get(v) : a);
    }
    return out;
  }

  /**
   * Branches sharing their leading consts.
   *
   * @param jaxprs one per branch, all with {@code consts.size()} leading const inputs
   * @param consts the shared const values
   */
  public record Merged(List<Jaxpr> jaxprs, List<NDArray> consts) {}
}
