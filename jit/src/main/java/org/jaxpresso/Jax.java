package org.jaxpresso;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.JitOption;
import org.jaxpresso.jit.Jitted;
import org.jaxpresso.core.tracing.JaxprTrace;

/**
 * Transformations: {@link #jit} and {@link #makeJaxpr}, as {@code jax.jit} and
 * {@code jax.make_jaxpr}.
 *
 * <pre>{@code
 * Function<NDArray, NDArray> f = Jax.jit(x -> Lax.add(x, 1.0));
 * Jax.makeJaxpr((NDArray x) -> Lax.add(x, 1.0)).apply(x);
 * // { lambda ; a:f32[3]. let b:f32[3] = add a 1.0:f32[] in (b,) }
 * }</pre>
 */
public final class Jax {
  private static final ThreadLocal<Integer> DISABLED = ThreadLocal.withInitial(() -> 0);

  private Jax() {}

  /** The option making argument positions static. */
  public static JitOption staticArgnums(int... positions) {
    return new JitOption.StaticArgnums(positions);
  }

  /** The option naming the function in jaxprs. */
  public static JitOption name(String name) {
    return new JitOption.Name(name);
  }

  /** Compiles a one-argument function; see {@link Jitted}. */
  public static <A, R> Function<A, R> jit(Function<A, R> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0])), 1, options);
    return a -> cast(j.call(a));
  }

  /** Compiles a two-argument function; see {@link Jitted}. */
  public static <A, B, R> BiFunction<A, B, R> jit(BiFunction<A, B, R> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1])), 2, options);
    return (a, b) -> cast(j.call(a, b));
  }

  /** The {@link Jitted} object behind a function of any arity given as {@code Object[] -> Object}. */
  public static Jitted jitted(Function<Object[], Object> fn, int arity, JitOption... options) {
    String name = "<lambda>";
    int[] statics = new int[0];
    for (JitOption o : options) {
      switch (o) {
        case JitOption.StaticArgnums s -> statics = s.positions();
        case JitOption.Name n -> name = n.name();
      }
    }
    return new Jitted(fn, arity, name, statics);
  }

  /** {@code jax.make_jaxpr} of a one-argument function: traces it for the given argument. */
  public static <A> Function<A, ClosedJaxpr> makeJaxpr(Function<A, ?> fn) {
    return a -> trace(args -> fn.apply(cast(args[0])), a);
  }

  /** {@code jax.make_jaxpr} of a two-argument function. */
  public static <A, B> BiFunction<A, B, ClosedJaxpr> makeJaxpr(BiFunction<A, B, ?> fn) {
    return (a, b) -> trace(args -> fn.apply(cast(args[0]), cast(args[1])), a, b);
  }

  /**
   * Runs {@code body} with jit disabled on this thread: jitted functions run eagerly, as
   * {@code with jax.disable_jit():}.
   */
  public static <T> T disableJit(java.util.function.Supplier<T> body) {
    DISABLED.set(DISABLED.get() + 1);
    try {
      return body.get();
    } finally {
      DISABLED.set(DISABLED.get() - 1);
    }
  }

  /** Whether jit is disabled on this thread ({@link #disableJit}). */
  public static boolean jitDisabled() {
    return DISABLED.get() > 0;
  }

  private static ClosedJaxpr trace(Function<Object[], Object> fn, Object... args) {
    return JaxprTrace.trace(fn, args, "<lambda>", "make_jaxpr").jaxpr();
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
