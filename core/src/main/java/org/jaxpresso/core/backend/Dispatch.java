package org.jaxpresso.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.jaxpr.Atom;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.jaxpr.Var;

/**
 * Eager execution, as in JAX: applying a primitive to concrete arrays builds the one-equation
 * jaxpr for its (primitive, params, input avals), compiles it once with the default backend, and
 * caches the executable. The shape/dtype rule runs before anything is cached, so invalid input
 * raises its error and leaves the cache untouched. An input committed to a device ({@code
 * Jax.devicePut}) makes the operation run there and its results committed ({@link Placement}).
 */
public final class Dispatch {
  /**
   * A cached program's identity: the primitive (by identity, as {@link Primitive} compares),
   * its params (or the caller's structure), the input avals and the backend. The hash is
   * computed once from the parts' cheap hashes (shapes cache theirs), and equality checks
   * identity before {@code equals}, so a lookup of a repeated eager op costs little.
   */
  private static final class Key {
    final Primitive primitive;
    final Object params;
    final ShapedArray[] avals;
    final Backend backend;
    final int hash;

    Key(Primitive primitive, Object params, ShapedArray[] avals, Backend backend) {
      this.primitive = primitive;
      this.params = params;
      this.avals = avals;
      this.backend = backend;
      int h = System.identityHashCode(primitive) * 31 + Objects.hashCode(params);
      for (ShapedArray a : avals) {
        h = h * 31 + a.shape().hashCode();
        h = h * 31 + a.dtype().ordinal() * 2 + (a.weakType() ? 1 : 0);
      }
      this.hash = h * 31 + backend.hashCode();
    }

    List<ShapedArray> avalList() {
      return List.of(avals);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key k) || k.hash != hash || k.primitive != primitive
          || k.avals.length != avals.length) {
        return false;
      }
      if (k.backend != backend && !k.backend.equals(backend)) {
        return false;
      }
      if (k.params != params && !Objects.equals(k.params, params)) {
        return false;
      }
      for (int i = 0; i < avals.length; i++) {
        ShapedArray a = avals[i];
        ShapedArray b = k.avals[i];
        if (a != b && (a.dtype() != b.dtype() || a.weakType() != b.weakType()
            || !a.shape().equals(b.shape()))) {
          return false;
        }
      }
      return true;
    }
  }

  private static final ConcurrentHashMap<Key, Executable> CACHE = new ConcurrentHashMap<>();

  /**
   * The most single-primitive programs kept (as JAX bounds its eager caches): past it, a tenth
   * of the entries are dropped (they recompile if used again), so programs that see many
   * shapes do not grow the cache without bound.
   */
  static final int MAX_ENTRIES = 8192;

  private Dispatch() {}

  /**
   * Applies {@code primitive} to concrete {@code args} and returns its results.
   *
   * @param primitive the primitive to apply
   * @param params the primitive's parameters
   * @param args the concrete inputs
   * @return its results
   */
  public static List<Array> apply(Primitive primitive, Params params, List<Array> args) {
    return apply(primitive, params, args, params);
  }

  /**
   * Applies {@code primitive} to concrete {@code args}, caching the compiled program under
   * {@code structure} instead of the params. For params rebuilt on every call whose identity
   * differs while their meaning does not (control flow's freshly traced sub-jaxprs): {@code
   * structure} must be equal for two calls exactly when their params mean the same program;
   * the program compiled is that of the first call's params.
   *
   * @param primitive the primitive to apply
   * @param params the primitive's parameters
   * @param args the concrete inputs
   * @param structure what identifies the params in the cache (with {@code equals} and {@code
   *     hashCode})
   * @return its results
   */
  public static List<Array> apply(Primitive primitive, Params params, List<Array> args,
      Object structure) {
    ShapedArray[] avals = new ShapedArray[args.size()];
    boolean committed = false;
    for (int i = 0; i < avals.length; i++) {
      Array a = args.get(i);
      avals[i] = a.aval();
      committed |= a.committed();
    }
    if (committed) {
      return applyCommitted(primitive, params, args, avals);
    }
    Backend backend = Backends.defaultBackend();
    Key key = new Key(primitive, structure, avals, backend);
    Executable exe = CACHE.get(key);
    if (exe == null) {
      ClosedJaxpr program = singleEquation(primitive, params, key.avalList());
      if (CACHE.size() >= MAX_ENTRIES) {
        evict();
      }
      exe = CACHE.computeIfAbsent(key, k -> backend.compile(program));
    }
    return exe.execute(args);
  }

  /**
   * The slow path of {@link #apply} when an input is committed to a device: the computation
   * runs there (JAX's error when committed inputs disagree) and its results are committed.
   */
  private static List<Array> applyCommitted(Primitive primitive, Params params, List<Array> args,
      ShapedArray[] avals) {
    Device device = Placement.committedDevice(args, primitive.name());
    Backend backend = Backends.forDevice(device);
    Key key = new Key(primitive, params, avals, backend);
    Executable exe = CACHE.get(key);
    if (exe == null) {
      ClosedJaxpr program = singleEquation(primitive, params, key.avalList());
      if (CACHE.size() >= MAX_ENTRIES) {
        evict();
      }
      exe = CACHE.computeIfAbsent(key, k -> backend.compile(program));
    }
    List<Array> outs = exe.execute(args);
    List<Array> committed = new ArrayList<>(outs.size());
    for (Array o : outs) {
      // The program's own result: the same buffer handle, now owned by the committed array.
      committed.add(Array.wrap(o.aval(), o.buffer(), true));
    }
    return committed;
  }

  /**
   * The one-equation program {@code outs = primitive[params] ins} for the given input avals.
   *
   * @param primitive the primitive to apply
   * @param params the primitive's parameters
   * @param avals the abstract values (shape and dtype) of the inputs
   * @return the one-equation program {@code outs = primitive[params] ins} for the given input avals
   */
  public static ClosedJaxpr singleEquation(Primitive primitive, Params params, List<ShapedArray> avals) {
    List<ShapedArray> outAvals = primitive.abstractEval(avals, params);
    List<Var> invars = new ArrayList<>();
    for (ShapedArray a : avals) {
      invars.add(Var.of(a));
    }
    List<Var> outvars = new ArrayList<>();
    for (ShapedArray a : outAvals) {
      outvars.add(Var.of(a));
    }
    Eqn eqn = new Eqn(primitive, List.<Atom>copyOf(invars), params, outvars);
    return ClosedJaxpr.of(new Jaxpr(List.of(), invars, List.of(eqn), List.<Atom>copyOf(outvars)));
  }

  private static void evict() {
    int drop = Math.max(1, MAX_ENTRIES / 10);
    var it = CACHE.keySet().iterator();
    while (drop-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /**
   * The number of cached single-primitive executables.
   *
   * @return the number of cached single-primitive executables
   */
  public static int cacheSize() {
    return CACHE.size();
  }

  /** Drops every cached executable. */
  public static void clearCache() {
    CACHE.clear();
  }
}
