package org.jaxpresso;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.JitBiFunction;
import org.jaxpresso.jit.JitFunction;
import org.jaxpresso.jit.JitOption;
import org.jaxpresso.jit.Jitted;

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

  /**
   * Compiles a one-argument function, as {@code jax.jit}: traced once per signature, cached,
   * run by the default backend; called inside another traced function it becomes a nested
   * {@code jit} equation.
   */
  public static <A, R> JitFunction<A, R> jit(Function<A, R> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0])), 1, options);
    return new JitFunction<>() {
      @Override
      public R apply(A a) {
        return cast(j.call(a));
      }

      @Override
      public Jitted jitted() {
        return j;
      }
    };
  }

  /** Compiles a two-argument function; see {@link #jit(Function, JitOption...)}. */
  public static <A, B, R> JitBiFunction<A, B, R> jit(BiFunction<A, B, R> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1])), 2, options);
    return new JitBiFunction<>() {
      @Override
      public R apply(A a, B b) {
        return cast(j.call(a, b));
      }

      @Override
      public Jitted jitted() {
        return j;
      }
    };
  }

  /** Compiles a three-argument function; see {@link #jit(Function, JitOption...)}. */
  public static <A, B, C, R> Function3<A, B, C, R> jit(Function3<A, B, C, R> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1]), cast(args[2])), 3, options);
    return (a, b, c) -> cast(j.call(a, b, c));
  }

  /** Compiles a four-argument function; see {@link #jit(Function, JitOption...)}. */
  public static <A, B, C, D, R> Function4<A, B, C, D, R> jit(Function4<A, B, C, D, R> fn,
      JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1]), cast(args[2]), cast(args[3])), 4,
        options);
    return (a, b, c, d) -> cast(j.call(a, b, c, d));
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
  public static <A> Function<A, ClosedJaxpr> makeJaxpr(Function<A, ?> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0])), 1, options);
    return a -> j.lower(a).jaxpr();
  }

  /** {@code jax.make_jaxpr} of a two-argument function. */
  public static <A, B> BiFunction<A, B, ClosedJaxpr> makeJaxpr(BiFunction<A, B, ?> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1])), 2, options);
    return (a, b) -> j.lower(a, b).jaxpr();
  }

  /** {@code jax.make_jaxpr} of a three-argument function. */
  public static <A, B, C> Function3<A, B, C, ClosedJaxpr> makeJaxpr(Function3<A, B, C, ?> fn,
      JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1]), cast(args[2])), 3, options);
    return (a, b, c) -> j.lower(a, b, c).jaxpr();
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

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
