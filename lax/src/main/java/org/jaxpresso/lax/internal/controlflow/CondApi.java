package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.tracing.Pytree;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.Cond;

/**
 * {@code lax.cond} and {@code lax.switch} (JAX's {@code conditionals.py}): trace every branch
 * on the operands' types, share their closed-over values, check that they agree, drop outputs
 * that every branch forwards from the same input, and bind {@code cond}.
 */
public final class CondApi {
  private CondApi() {}

  /**
   * {@code lax.cond(pred, true_fun, false_fun, *operands)}.
   *
   * @param pred the boolean predicate
   * @param falseFn the branch taken when the predicate is false
   * @param falseDesc the false branch's description for error messages
   * @param operands the operand arrays
   * @return the outputs of the branch taken
   * @param trueFn called with the operands as an array
   * @param trueDesc the user's function, for messages
   */
  public static Object cond(Object pred, Function<Object[], Object> trueFn,
      Function<Object[], Object> falseFn, Object trueDesc, Object falseDesc, Object[] operands) {
    if (trueFn == null || falseFn == null) {
      throw new JaxTypeError("lax.cond: true_fun and false_fun arguments should be callable.");
    }
    if (pred == null) {
      throw new JaxTypeError("cond predicate is None");
    }
    if (!(pred instanceof NDArray || pred instanceof Number || pred instanceof Boolean)) {
      throw new JaxTypeError("Pred must be a scalar, got " + pred + " of type " + pred.getClass());
    }
    NDArray index;
    if (pred instanceof NDArray p) {
      if (p.ndim() != 0) {
        throw new JaxTypeError("Pred must be a scalar, got " + pred + " of shape "
            + Operands.shapeTuple(p.shape()) + ".");
      }
      if (!p.dtype().isBool()) {
        p = Lax.ne(p, Array.scalar(0L, p.dtype()).withWeakType(true));
      }
      index = Lax.convertElementType(p, DType.INT32);
    } else {
      // a Java scalar is compared and converted right away, as JAX does with Python scalars
      boolean b = pred instanceof Boolean z ? z : ((Number) pred).doubleValue() != 0;
      index = Lax.convertElementType(b, DType.INT32);
    }
    Operands.Flat ops = Operands.flatten(Arrays.asList(operands));
    StagedFunction t = StagedFunction.trace(trueFn, ops.tree(), ops.avals(), "true_fun", "cond");
    StagedFunction f = StagedFunction.trace(falseFn, ops.tree(), ops.avals(), "false_fun", "cond");
    Checks.checkBranchOutputs("cond", "true_fun", "false_fun", trueDesc, falseDesc, t, f);
    JaxprEdits.Merged merged = JaxprEdits.mergeCommonConsts(List.of(t, f));
    // the primitive takes the false branch first: index 0 is False
    return bind(index, List.of(merged.jaxprs().get(1), merged.jaxprs().get(0)), merged.consts(),
        ops.leaves(), t.outTree());
  }

  /**
   * {@code lax.switch(index, branches, *operands)}: the index is clamped to the branches.
   *
   * @param index the branch index, an integer scalar
   * @param branches the branches, selected by index
   * @param operands the operand arrays
   * @return {@code lax.switch(index, branches, *operands)}: the index is clamped to the branches
   * @param descs the user's functions, for messages
   */
  public static Object switchCase(Object index, List<Function<Object[], Object>> branches,
      List<?> descs, Object[] operands) {
    if (branches == null || branches.stream().anyMatch(Objects::isNull)) {
      throw new JaxTypeError("lax.switch: branches argument should be a sequence of callables.");
    }
    if (index == null) {
      throw new JaxTypeError("Index type must be an integer, got None.");
    }
    NDArray i = index instanceof NDArray x ? x : Array.fromJavaScalar(index);
    if (i.ndim() != 0) {
      throw new JaxTypeError("Branch index must be scalar, got " + index + " of shape "
          + Operands.shapeTuple(i.shape()) + ".");
    }
    if (!i.dtype().isInteger()) {
      throw new JaxTypeError("Index type must be an integer, got " + index + " as "
          + i.dtype().longName());
    }
    if (branches.isEmpty()) {
      throw new JaxValueError("Empty branch sequence");
    }
    if (branches.size() == 1) {
      return branches.get(0).apply(operands.clone());
    }
    NDArray idx = Lax.convertElementType(index, DType.INT32);
    idx = Lax.clamp(Array.scalar(0L, DType.INT32), idx,
        Array.scalar((long) branches.size() - 1, DType.INT32));
    Operands.Flat ops = Operands.flatten(Arrays.asList(operands));
    List<StagedFunction> staged = new ArrayList<>(branches.size());
    for (int k = 0; k < branches.size(); k++) {
      staged.add(StagedFunction.trace(branches.get(k), ops.tree(), ops.avals(), "branch " + k,
          "switch"));
    }
    for (int k = 1; k < staged.size(); k++) {
      Checks.checkBranchOutputs("switch", "branch 0", "branch" + k, descs.get(0), descs.get(k),
          staged.get(0), staged.get(k));
    }
    JaxprEdits.Merged merged = JaxprEdits.mergeCommonConsts(staged);
    return bind(idx, merged.jaxprs(), merged.consts(), ops.leaves(), staged.get(0).outTree());
  }

  /** Prunes outputs all branches forward from one input, binds {@code cond}, unflattens. */
  private static Object bind(NDArray index, List<Jaxpr> branches, List<NDArray> consts,
      List<NDArray> args, Pytree.TreeDef outTree) {
    int nout = branches.get(0).outvars().size();
    Integer[] inFwd = new Integer[nout];
    boolean[] keep = new boolean[nout];
    List<List<Integer>> fwds = new ArrayList<>();
    for (Jaxpr b : branches) {
      fwds.add(JaxprEdits.forwarding(b));
    }
    for (int o = 0; o < nout; o++) {
      Integer first = fwds.get(0).get(o);
      boolean same = true;
      for (List<Integer> fw : fwds) {
        same &= Objects.equals(fw.get(o), first);
      }
      inFwd[o] = same ? first : null;
      keep[o] = inFwd[o] == null;
    }
    List<ClosedJaxpr> pruned = new ArrayList<>(branches.size());
    for (Jaxpr b : branches) {
      pruned.add(ClosedJaxpr.of(JaxprEdits.pruneOutputs(b, keep)));
    }
    List<NDArray> all = new ArrayList<>(consts);
    all.addAll(args);
    List<NDArray> operands = new ArrayList<>();
    operands.add(index);
    operands.addAll(all);
    List<NDArray> out = SubJaxprs.apply(Cond.COND, operands, Cond.params(pruned));
    List<NDArray> results = new ArrayList<>(nout);
    int next = 0;
    for (int o = 0; o < nout; o++) {
      results.add(inFwd[o] == null ? out.get(next++) : all.get(inFwd[o]));
    }
    return Pytree.unflatten(outTree, results);
  }
}
