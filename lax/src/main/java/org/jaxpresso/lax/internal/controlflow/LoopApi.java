package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.tracing.Pytree;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.primitives.While;

/**
 * {@code lax.while_loop} and {@code lax.fori_loop} (JAX's {@code loops.py}): trace the
 * condition and body on the carry's types, promote weakly typed initial carries the body
 * changes, check the carry, turn carries the body passes through untouched (and the condition
 * ignores) into body consts, and bind {@code while}. {@code fori_loop} with concrete bounds is
 * a {@code scan}, with traced bounds a {@code while} over {@code (i, upper, x)}.
 */
public final class LoopApi {
  private LoopApi() {}

  /**
   * {@code lax.while_loop(cond_fun, body_fun, init_val)}.
   *
   * @param condFn the loop condition
   * @param bodyFn the loop body
   * @param init the initial loop value (a pytree of arrays)
   * @return {@code lax.while_loop(cond_fun, body_fun, init_val)}
   */
  public static Object whileLoop(Function<Object, Object> condFn, Function<Object, Object> bodyFn,
      Object init) {
    if (condFn == null || bodyFn == null) {
      throw new JaxTypeError(
          "lax.while_loop: body_fun and cond_fun arguments should be callable.");
    }
    Operands.Flat flat = Operands.flatten(init);
    List<NDArray> initVals = flat.leaves();
    Pytree.TreeDef inTree = Operands.args(flat.tree());
    Traced tr = traceBoth(condFn, bodyFn, inTree, flat.avals());
    if (tr.body.outAvals().size() != initVals.size()) {
      Checks.checkCarryType("while_loop body", flat.tree(), flat.avals(), tr.body.outTree(),
          tr.body.outAvals());
    }
    List<NDArray> promoted = Operands.promoteWeakCarry(flat, tr.body.outAvals());
    List<ShapedArray> initAvals = flat.avals();
    if (promoted != null) {
      initVals = promoted;
      initAvals = new Operands.Flat(promoted, List.copyOf(promoted), flat.tree()).avals();
      tr = traceBoth(condFn, bodyFn, inTree, initAvals);
    }
    Checks.checkCarryType("while_loop body", flat.tree(), initAvals, tr.body.outTree(),
        tr.body.outAvals());

    // carries the body forwards and the condition does not read become body consts
    int bn = tr.body.nconsts();
    int cn = tr.cond.nconsts();
    int n = initVals.size();
    List<Integer> bodyFwd = JaxprEdits.forwarding(tr.body.jaxpr());
    boolean[] instantiate = new boolean[cn + n];
    Arrays.fill(instantiate, 0, cn, true);
    for (int i = 0; i < n; i++) {
      Integer f = bodyFwd.get(i);
      instantiate[cn + i] = f == null || f != bn + i;
    }
    JaxprEdits.Dce dce = JaxprEdits.dce(tr.cond.jaxpr(), instantiate);
    boolean[] move = new boolean[n];
    boolean anyMove = false;
    for (int i = 0; i < n; i++) {
      move[i] = !dce.keptInputs()[cn + i];
      anyMove |= move[i];
    }
    Jaxpr condJaxpr = tr.cond.jaxpr();
    Jaxpr bodyJaxpr = tr.body.jaxpr();
    List<NDArray> carry = initVals;
    List<NDArray> bodyConsts = new ArrayList<>(tr.body.consts());
    List<NDArray> moved = new ArrayList<>();
    if (anyMove) {
      condJaxpr = dce.jaxpr();
      boolean[] keepOut = new boolean[n];
      for (int i = 0; i < n; i++) {
        keepOut[i] = !move[i];
      }
      bodyJaxpr = JaxprEdits.pruneOutputs(bodyJaxpr, keepOut);
      boolean[] front = new boolean[bn + n];
      System.arraycopy(move, 0, front, bn, n);
      bodyJaxpr = JaxprEdits.moveInputsToFront(bodyJaxpr, front);
      carry = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        (move[i] ? moved : carry).add(initVals.get(i));
      }
      List<NDArray> consts = new ArrayList<>(moved);
      consts.addAll(bodyConsts);
      bodyConsts = consts;
    }
    List<NDArray> args = new ArrayList<>(tr.cond.consts());
    args.addAll(bodyConsts);
    args.addAll(carry);
    List<NDArray> outs = SubJaxprs.apply(While.WHILE, args, While.params(
        ClosedJaxpr.of(condJaxpr), cn, ClosedJaxpr.of(bodyJaxpr), bodyConsts.size()));
    List<NDArray> results = new ArrayList<>(n);
    int next = 0;
    int nextMoved = 0;
    for (int i = 0; i < n; i++) {
      results.add(move[i] ? moved.get(nextMoved++) : outs.get(next++));
    }
    return Pytree.unflatten(tr.body.outTree(), results);
  }

  private record Traced(StagedFunction cond, StagedFunction body) {}

  private static Traced traceBoth(Function<Object, Object> condFn,
      Function<Object, Object> bodyFn, Pytree.TreeDef inTree, List<ShapedArray> avals) {
    StagedFunction c = StagedFunction.trace(a -> condFn.apply(a[0]), inTree, avals, "cond_fun",
        "while_loop");
    StagedFunction b = StagedFunction.trace(a -> bodyFn.apply(a[0]), inTree, avals, "body_fun",
        "while_loop");
    if (!(c.outTree() instanceof Pytree.Leaf) || c.outAvals().size() != 1) {
      throw new JaxTypeError("cond_fun must return a boolean scalar, but got pytree PyTreeDef("
          + c.outTree() + ").");
    }
    ShapedArray pred = c.outAvals().get(0);
    if (pred.dtype() != DType.BOOL || pred.rank() != 0) {
      throw new JaxTypeError("cond_fun must return a boolean scalar, but got output type(s) "
          + c.outAvals() + ".");
    }
    return new Traced(c, b);
  }

  /**
   * {@code lax.fori_loop(lower, upper, body_fun, init_val, unroll=unroll)}.
   *
   * @param lower the first value of the loop index (an integer)
   * @param upper the end of the loop index, exclusive (an integer)
   * @param bodyFn the loop body
   * @param init the initial loop value (a pytree of arrays)
   * @return {@code lax.fori_loop(lower, upper, body_fun, init_val, unroll=unroll)}
   * @param unroll null for JAX's default; only with concrete bounds may it differ from 1
   */
  public static Object foriLoop(Object lower, Object upper,
      BiFunction<Object, Object, Object> bodyFn, Object init, Integer unroll) {
    if (bodyFn == null) {
      throw new JaxTypeError("lax.fori_loop: body_fun argument should be callable.");
    }
    NDArray lo = lower instanceof NDArray x ? x : Array.fromJavaScalar(lower);
    NDArray hi = upper instanceof NDArray x ? x : Array.fromJavaScalar(upper);
    DType dtype;
    if (lo.dtype() == hi.dtype()) {
      dtype = lo.dtype();
    } else {
      dtype = null;
      if (lo.dtype().isSignedInteger() && hi.dtype().isSignedInteger()) {
        if (lo.weakType() && !hi.weakType()) {
          dtype = hi.dtype();
        } else if (!lo.weakType() && hi.weakType()) {
          dtype = lo.dtype();
        }
      }
      if (dtype == null) {
        throw new JaxTypeError("lower and upper arguments to fori_loop must have equal types, got "
            + lo.dtype().longName() + " and " + hi.dtype().longName());
      }
    }
    if (lo instanceof Array l && hi instanceof Array h) {
      long lower0 = asLong(l);
      long upper0 = asLong(h);
      long length = Math.max(upper0 - lower0, 0);
      if (length > Integer.MAX_VALUE) {
        throw new JaxValueError("fori_loop trip count " + length + " is too large for a scan");
      }
      BiFunction<Object, Object, Object[]> step = (carry, x) -> {
        List<?> c = (List<?>) carry;
        Object i = c.get(0);
        return new Object[] {Arrays.asList(Lax.add(i, 1), bodyFn.apply(i, c.get(1))), null};
      };
      Object[] out = ScanApi.scan(step, Arrays.asList(Long.valueOf(lower0), init), null,
          (int) length, false, unroll == null ? 1 : unroll);
      return ((List<?>) out[0]).get(1);
    }
    if (unroll != null && unroll != 1) {
      throw new JaxValueError(
          "Can only use `unroll` in `fori_loop` if the loop bounds are statically known.");
    }
    Object lower1 = lo.dtype() != dtype ? Lax.convertElementType(lower, dtype) : lower;
    Object upper1 = hi.dtype() != dtype ? Lax.convertElementType(upper, dtype) : upper;
    Function<Object, Object> cond = carry -> {
      List<?> c = (List<?>) carry;
      return Lax.lt(c.get(0), c.get(1));
    };
    Function<Object, Object> body = carry -> {
      List<?> c = (List<?>) carry;
      NDArray i = (NDArray) c.get(0);
      return Arrays.asList(Lax.add(i, Array.scalar(1L, i.dtype())), c.get(1),
          bodyFn.apply(i, c.get(2)));
    };
    Object out = whileLoop(cond, body, Arrays.asList(lower1, upper1, init));
    return ((List<?>) out).get(2);
  }

  /** JAX's {@code int(x)} of a concrete scalar bound. */
  private static long asLong(Array a) {
    if (a.ndim() != 0) {
      throw new JaxTypeError("fori_loop bounds must be scalars, got an array of shape "
          + Operands.shapeTuple(a.shape()));
    }
    return a.dtype().isFloating() ? (long) a.getDouble(0) : a.getLong(0);
  }
}
