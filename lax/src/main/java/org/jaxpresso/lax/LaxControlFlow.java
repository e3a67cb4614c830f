package org.jaxpresso.lax;

import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.lax.internal.LaxSupport;
import org.jaxpresso.lax.primitives.Elementwise;

/**
 * Structured control flow of {@link Lax}: cond, switch, while, fori, scan, map. Use through {@link Lax}; the strict layer is split by family so that each file stays
 * small, and a static import of {@code Lax.*} (or {@code Lax.add(...)}) reaches every method.
 */
public abstract class LaxControlFlow extends LaxReductions {
  /** Not instantiable; extended by the next family of the facade. */
  protected LaxControlFlow() {}

  // ==== control flow ====
  // (Names outside this file's imports are written in full so that this region needs none.)
  // Branch and loop functions are traced to jaxprs on their operands' types (the cond, while
  // and scan primitives), so Java `if` and `for` inside them run once, at trace time. Operands
  // and carries are pytrees (NDArrays and Java scalars in Lists, Maps, arrays and records);
  // a Java scalar leaf becomes a weakly typed 0-d array, so declare carry types that admit
  // NDArray (NDArray, Object, List<Object>...). Values a function closes over (tracers of an
  // enclosing jit, constant arrays) become leading operands of the primitive, as in JAX.

  /**
   * One step of a {@link #scan} body, and the result of a scan: the carry and {@code y} (for
   * the result, the final carry and the stacked ys).
   *
   * @param <C> the third argument type
   * @param <Y> the output type
   * @param carry the carry (same structure and types as the initial carry)
   * @param y the per-step output, or for the result of a scan the outputs stacked along a new
   *     leading axis
   */
  public record Step<C, Y>(C carry, Y y) {}

  /**
   * {@code jax.lax.cond(pred, true_fun, false_fun, operand)}: {@code trueFn(operand)} if
   * {@code pred} else {@code falseFn(operand)}, as the {@code cond} primitive (branches traced,
   * false branch first, the predicate converted to an int32 index). {@code pred} is a scalar
   * bool, or a number compared with 0. Both branches must return the same structure and types.
   *
   * @param <T> the type of the values
   * @param <R> the result type
   * @param pred the boolean predicate
   * @param trueFn the branch taken when the predicate is true
   * @param falseFn the branch taken when the predicate is false
   * @param operand the array to operate on
   * @return {@code jax.lax.cond(pred, true_fun, false_fun, operand)}
   */
  public static <T, R> R cond(Object pred,
      java.util.function.Function<? super T, ? extends R> trueFn,
      java.util.function.Function<? super T, ? extends R> falseFn, T operand) {
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.cond(pred,
        trueFn == null ? null : ops -> trueFn.apply(cast(ops[0])),
        falseFn == null ? null : ops -> falseFn.apply(cast(ops[0])), trueFn, falseFn,
        new Object[] {operand}));
  }

  /**
   * {@code jax.lax.cond} without operands: the branches read what they close over.
   *
   * @param <R> the result type
   * @param pred the boolean predicate
   * @param trueFn the branch taken when the predicate is true
   * @param falseFn the branch taken when the predicate is false
   * @return {@code jax.lax.cond} without operands: the branches read what they close over
   */
  public static <R> R cond(Object pred, java.util.function.Supplier<? extends R> trueFn,
      java.util.function.Supplier<? extends R> falseFn) {
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.cond(pred,
        trueFn == null ? null : ops -> trueFn.get(),
        falseFn == null ? null : ops -> falseFn.get(), trueFn, falseFn, new Object[0]));
  }

  /**
   * {@code jax.lax.cond(pred, true_fun, false_fun, *operands)} with any number of operands,
   * which the branches receive as an array.
   *
   * @param <R> the result type
   * @param pred the boolean predicate
   * @param trueFn the branch taken when the predicate is true
   * @param falseFn the branch taken when the predicate is false
   * @param operands the operand arrays
   * @return {@code jax.lax.cond(pred, true_fun, false_fun, *operands)} with any number of operands,
   *     which the branches receive as an array
   */
  public static <R> R cond(Object pred,
      java.util.function.Function<Object[], ? extends R> trueFn,
      java.util.function.Function<Object[], ? extends R> falseFn, Object... operands) {
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.cond(pred,
        trueFn == null ? null : trueFn::apply, falseFn == null ? null : falseFn::apply, trueFn,
        falseFn, operands.clone()));
  }

  /**
   * {@code jax.lax.switch(index, branches, operand)} (named so because {@code switch} is a
   * Java keyword): {@code branches.get(index)(operand)} with the index (an integer scalar)
   * clamped to the branches, as the {@code cond} primitive with every branch in order.
   *
   * @param <T> the type of the values
   * @param <R> the result type
   * @param index the branch index, an integer scalar; clamped to the branches
   * @param branches the branches, selected by index
   * @param operand the array to operate on
   * @return {@code jax.lax.switch(index, branches, operand)} (named so because {@code switch} is a
   *     Java keyword)
   */
  public static <T, R> R switchCase(Object index,
      java.util.List<? extends java.util.function.Function<? super T, ? extends R>> branches,
      T operand) {
    java.util.List<java.util.function.Function<Object[], Object>> fns = null;
    if (branches != null) {
      fns = new java.util.ArrayList<>();
      for (java.util.function.Function<? super T, ? extends R> b : branches) {
        fns.add(b == null ? null : ops -> b.apply(cast(ops[0])));
      }
    }
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.switchCase(index, fns, branches,
        new Object[] {operand}));
  }

  /**
   * {@code jax.lax.switch(index, branches, *operands)}, the branches taking the operands.
   *
   * @param <R> the result type
   * @param index the branch index, an integer scalar; clamped to the branches
   * @param branches the branches, selected by index
   * @param operands the operand arrays
   * @return {@code jax.lax.switch(index, branches, *operands)}, the branches taking the operands
   */
  public static <R> R switchCase(Object index,
      java.util.List<? extends java.util.function.Function<Object[], ? extends R>> branches,
      Object... operands) {
    java.util.List<java.util.function.Function<Object[], Object>> fns = null;
    if (branches != null) {
      fns = new java.util.ArrayList<>();
      for (java.util.function.Function<Object[], ? extends R> b : branches) {
        fns.add(b == null ? null : b::apply);
      }
    }
    return cast(org.jaxpresso.lax.internal.controlflow.CondApi.switchCase(index, fns, branches,
        operands.clone()));
  }

  /**
   * {@code jax.lax.while_loop(cond_fun, body_fun, init_val)}: {@code val = bodyFn(val)} while
   * {@code condFn(val)} (a scalar bool), as the {@code while} primitive. The carry must keep its
   * structure, shapes and dtypes; a weakly typed initial leaf is promoted to what the body
   * returns. The loop may run zero times.
   *
   * @param <T> the type of the values
   * @param condFn the loop condition
   * @param bodyFn the loop body
   * @param init the initial loop value (a pytree of arrays)
   * @return {@code jax.lax.while_loop(cond_fun, body_fun, init_val)}
   */
  public static <T> T whileLoop(java.util.function.Function<? super T, ?> condFn,
      java.util.function.Function<? super T, ? extends T> bodyFn, T init) {
    return cast(org.jaxpresso.lax.internal.controlflow.LoopApi.whileLoop(
        condFn == null ? null : c -> condFn.apply(cast(c)),
        bodyFn == null ? null : c -> bodyFn.apply(cast(c)), init));
  }

  /**
   * {@code jax.lax.fori_loop(lower, upper, body_fun, init_val)}: {@code val = bodyFn(i, val)}
   * for {@code i} from {@code lower} to {@code upper - 1}. Concrete bounds (Java ints, concrete
   * arrays) give a {@code scan} of {@code max(upper - lower, 0)} steps whose carry is
   * {@code (i, val)}; traced bounds a {@code while} over {@code (i, upper, val)}. {@code i} is
   * an integer scalar array.
   *
   * @param <T> the type of the values
   * @param lower the first value of the loop index (an integer)
   * @param upper the end of the loop index, exclusive (an integer)
   * @param bodyFn the loop body
   * @param init the initial loop value (a pytree of arrays)
   * @return {@code jax.lax.fori_loop(lower, upper, body_fun, init_val)}
   */
  public static <T> T foriLoop(Object lower, Object upper,
      java.util.function.BiFunction<? super NDArray, ? super T, ? extends T> bodyFn, T init) {
    return foriLoop(lower, upper, bodyFn, init, null);
  }

  /**
   * {@link #foriLoop(Object, Object, java.util.function.BiFunction, Object)} with scan's
   * {@code unroll} hint (null for the default; only concrete bounds allow a value other than 1).
   *
   * @param <T> the type of the values
   * @param lower the first value of the loop index (an integer)
   * @param upper the end of the loop index, exclusive (an integer)
   * @param bodyFn the loop body
   * @param init the initial loop value (a pytree of arrays)
   * @param unroll how many iterations to unroll per step
   * @return {@link #foriLoop(Object, Object, java.util.function.BiFunction, Object)} with scan's
   *     {@code unroll} hint (null for the default
   */
  public static <T> T foriLoop(Object lower, Object upper,
      java.util.function.BiFunction<? super NDArray, ? super T, ? extends T> bodyFn, T init,
      Integer unroll) {
    return cast(org.jaxpresso.lax.internal.controlflow.LoopApi.foriLoop(lower, upper,
        bodyFn == null ? null : (i, x) -> bodyFn.apply((NDArray) i, cast(x)), init, unroll));
  }

  /**
   * {@code jax.lax.scan(f, init, xs)}: runs {@code f(carry, x)} over the leading axis of
   * {@code xs} (a pytree of arrays sharing that axis), threading the carry, and stacks the
   * per-step {@code y}s, as the {@code scan} primitive. Returns the final carry and the stacked
   * ys.
   *
   * @param <C> the third argument type
   * @param <X> the input type
   * @param <Y> the output type
   * @param f the step: {@code (carry, x) -> Step(newCarry, y)}
   * @param init the initial carry
   * @param xs the input arrays
   * @return {@code jax.lax.scan(f, init, xs)}
   */
  public static <C, X, Y> Step<C, Y> scan(
      java.util.function.BiFunction<? super C, ? super X, Step<C, Y>> f, C init, X xs) {
    return scan(f, init, xs, null, false, 1);
  }

  /**
   * {@code jax.lax.scan(f, init, xs, length, reverse, unroll)}.
   *
   * @param <C> the third argument type
   * @param <X> the input type
   * @param <Y> the output type
   * @param f the step: {@code (carry, x) -> Step(newCarry, y)}
   * @param init the initial carry
   * @return {@code jax.lax.scan(f, init, xs, length, reverse, unroll)}
   * @param xs the scanned pytree, or null to scan over nothing for {@code length} steps
   * @param length the number of steps, null to take it from {@code xs}
   * @param reverse run from the last index to the first (ys stay in index order)
   * @param unroll how many steps a compiled loop body should hold (a hint; 0 unrolls fully)
   */
  public static <C, X, Y> Step<C, Y> scan(
      java.util.function.BiFunction<? super C, ? super X, Step<C, Y>> f, C init, X xs,
      Integer length, boolean reverse, int unroll) {
    Object[] out = org.jaxpresso.lax.internal.controlflow.ScanApi.scan(
        f == null ? null : (c, x) -> {
          Step<C, Y> s = f.apply(cast(c), cast(x));
          return s == null ? null : new Object[] {s.carry(), s.y()};
        }, init, xs, length, reverse, unroll);
    return new Step<>(cast(out[0]), cast(out[1]));
  }

  /**
   * {@code jax.lax.map(f, xs)}: {@code f} applied to each slice of {@code xs} along its leading
   * axis, results stacked (a {@code scan} with an empty carry).
   *
   * @param <X> the input type
   * @param <Y> the output type
   * @param f the function applied to each slice
   * @param xs the input arrays
   * @return {@code jax.lax.map(f, xs)}
   */
  public static <X, Y> Y map(java.util.function.Function<? super X, ? extends Y> f, X xs) {
    return cast(org.jaxpresso.lax.internal.controlflow.ScanApi.map(
        f == null ? null : x -> f.apply(cast(x)), xs));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
  // ==== end control flow ====
}
