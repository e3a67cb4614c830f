package org.jaxpresso.jit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.EvalTrace;
import org.jaxpresso.core.Flags;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.Trace;
import org.jaxpresso.core.Tracer;
import org.jaxpresso.core.backend.Backend;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.Placement;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.errors.ConcretizationTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.errors.TracerBoolConversionError;
import org.jaxpresso.core.errors.TracerIntegerConversionError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.tracing.JaxprTrace;
import org.jaxpresso.core.tracing.JitTracer;
import org.jaxpresso.core.tracing.Pytree;

/**
 * A function wrapped by {@code Jax.jit}: traces once per signature (dynamic arguments' shapes,
 * dtypes and weak types, static arguments' values, pytree structure, x64 flag), compiles the
 * jaxpr with the default backend, and caches both. Thread-safe: concurrent calls with one
 * signature trace and compile it once. As in JAX, a call runs on the device of its committed
 * arguments ({@code Jax.devicePut}) or on the device of {@code Jax.jit(f, Jax.device(d))},
 * compiled once per backend, and then commits its results there; results stay where the
 * program leaves them (device memory for a GPU) until read on the host.
 *
 * <pre>{@code
 * JitFunction<NDArray, NDArray> f = Jax.jit(x -> Jnp.sin(x).mul(2));
 * f.apply(Jnp.ones(3));        // traces and compiles for float32[3]
 * f.apply(Jnp.zeros(3));       // same signature: runs the cached program
 * f.jitted().traceCount();     // 1
 * }</pre>
 */
public final class Jitted {
  private record Key(List<ShapedArray> avals, List<Object> statics, Pytree.TreeDef argsDef,
      boolean x64, String backend) {}

  /**
   * One traced signature: the jaxpr, its output structure, and the program compiled by the
   * default backend (and, once asked, by the backends of other devices).
   */
  static final class Entry {
    final ClosedJaxpr jaxpr;
    final Pytree.TreeDef outDef;
    private volatile Executable exe;
    private final ConcurrentHashMap<Backend, Executable> onOtherBackends =
        new ConcurrentHashMap<>();

    Entry(ClosedJaxpr jaxpr, Pytree.TreeDef outDef) {
      this.jaxpr = jaxpr;
      this.outDef = outDef;
    }

    Executable executable() {
      Executable e = exe;
      if (e == null) {
        synchronized (this) {
          if (exe == null) {
            exe = Backends.defaultBackend().compile(jaxpr);
          }
          e = exe;
        }
      }
      return e;
    }

    /** The program compiled by {@code backend} (the default backend's is {@link #executable}). */
    Executable executable(Backend backend) {
      if (backend == Backends.defaultBackend()) {
        return executable();
      }
      return onOtherBackends.computeIfAbsent(backend, b -> b.compile(jaxpr));
    }
  }

  private final Function<Object[], Object> fn;
  private final String name;
  private final boolean[] isStatic;
  private final int[] staticArgnums;
  private final ConcurrentHashMap<Key, java.util.concurrent.CompletableFuture<Entry>> cache =
      new ConcurrentHashMap<>();
  private final AtomicInteger traces = new AtomicInteger();
  /** The device of {@code jit(f, device=d)}, or null: run where committed inputs live. */
  private final Device device;

  /**
   * Wraps {@code fn}, which takes its {@code arity} arguments as an array; prefer {@code Jax.jit}.
   *
   * @param fn the function, taking its arguments as an array
   * @param arity how many arguments the function takes
   * @param name the function's name, as jaxprs and dumps show it
   * @param staticArgnums the positions of the arguments treated as compile-time constants
   * @throws JaxValueError if a static position is out of range
   */
  public Jitted(Function<Object[], Object> fn, int arity, String name, int[] staticArgnums) {
    this(fn, arity, name, staticArgnums, null);
  }

  /**
   * As {@link #Jitted(Function, int, String, int[])}, running on {@code device} (as {@code
   * jax.jit(f, device=d)}) when it is not null.
   *
   * @param fn the function, taking its arguments as an array
   * @param arity how many arguments the function takes
   * @param name the function's name, as jaxprs and dumps show it
   * @param staticArgnums the positions of the arguments treated as compile-time constants
   * @param device the device to run on, or null to run where the committed inputs live
   * @throws JaxValueError if a static position is out of range
   */
  public Jitted(Function<Object[], Object> fn, int arity, String name, int[] staticArgnums,
      Device device) {
    this.device = device;
    this.fn = fn;
    this.name = name;
    this.staticArgnums = staticArgnums.clone();
    this.isStatic = new boolean[arity];
    for (int p : staticArgnums) {
      if (p < 0 || p >= arity) {
        throw new JaxValueError("jitted function has static_argnums=" + Arrays.toString(staticArgnums)
            + " but was called with only " + arity + " positional arguments");
      }
      isStatic[p] = true;
    }
  }

  /**
   * The name used in jaxprs.
   *
   * @return the name used in jaxprs
   */
  public String name() {
    return name;
  }

  /**
   * How many times the function has been traced (one per new signature).
   *
   * @return how many times the function has been traced (one per new signature)
   */
  public int traceCount() {
    return traces.get();
  }

  /**
   * The number of cached signatures.
   *
   * @return the number of cached signatures
   */
  public int cacheSize() {
    return cache.size();
  }

  /** A call's arguments split, flattened and resolved to a traced (cached) signature. */
  private record Resolved(Entry entry, List<NDArray> leaves, List<ShapedArray> avals,
      boolean x64, Backend backend) {}

  private Resolved resolve(Object[] args) {
    if (args.length != isStatic.length) {
      throw new JaxValueError("jitted function " + name + " takes " + isStatic.length
          + " arguments, got " + args.length);
    }
    List<Object> statics = new ArrayList<>();
    List<Object> dynamic = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (isStatic[i]) {
        statics.add(checkHashable(i, args[i]));
      } else {
        dynamic.add(args[i]);
      }
    }
    Pytree.Flat flat = Pytree.flatten(dynamic);
    List<NDArray> leaves = new ArrayList<>(flat.leaves().size());
    List<ShapedArray> avals = new ArrayList<>(flat.leaves().size());
    for (Object leaf : flat.leaves()) {
      NDArray a = leaf instanceof NDArray x ? x : Array.fromJavaScalar(leaf);
      leaves.add(a);
      avals.add(a.aval());
    }
    boolean x64 = Flags.x64Enabled();
    Backend backend = Backends.defaultBackend();
    Key key = new Key(List.copyOf(avals), statics, flat.treedef(), x64, backend.platform());
    Entry entry = entryFor(key, args, flat.treedef(), avals);
    return new Resolved(entry, leaves, avals, x64, backend);
  }

  /**
   * The traced entry for {@code key}: the first caller traces while concurrent callers of the
   * same signature wait for it, so each signature traces once. A failed trace is not cached; an
   * entry that closes over an enclosing trace's values is valid for that call only.
   */
  private Entry entryFor(Key key, Object[] args, Pytree.TreeDef argsDef, List<ShapedArray> avals) {
    java.util.concurrent.CompletableFuture<Entry> mine = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<Entry> existing = cache.putIfAbsent(key, mine);
    if (existing != null) {
      try {
        return existing.join();
      } catch (java.util.concurrent.CompletionException e) {
        // the tracing thread failed and removed its future; trace for ourselves
        return entryFor(key, args, argsDef, avals);
      }
    }
    Entry traced;
    try {
      traced = trace(args, argsDef, avals);
    } catch (RuntimeException | Error e) {
      cache.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
    if (hasTracerConsts(traced.jaxpr)) {
      cache.remove(key, mine);
    }
    mine.complete(traced);
    return traced;
  }

  /**
   * Calls the function: compiled, or recorded as a {@code jit} equation when inside a trace.
   *
   * @param args the arguments, in the function's order
   * @return the outputs
   */
  public Object call(Object... args) {
    if (Flags.disableJit() || Jax.jitDisabled()) {
      return fn.apply(args.clone());
    }
    boolean evalTrace = Trace.current() == EvalTrace.INSTANCE;
    if (evalTrace) {
      LastCall last = this.last;
      if (last != null) {
        List<Array> arrays = last.match(args);
        if (arrays != null) {
          List<Array> outs = last.exe.execute(arrays);
          return last.singleOutput ? outs.get(0) : Pytree.unflatten(last.entry.outDef, outs);
        }
      }
    }
    Resolved r = resolve(args);
    Entry entry = r.entry();
    List<? extends NDArray> outs;
    boolean eager = evalTrace && r.leaves().stream().allMatch(a -> a instanceof Array);
    if (eager && !hasTracerConsts(entry.jaxpr)) {
      List<Array> arrays = concrete(r.leaves());
      outs = execute(entry, arrays);
      remember(args, r);
    } else {
      outs = bindCall(entry.jaxpr, r.leaves());
    }
    return Pytree.unflatten(entry.outDef, outs);
  }

  /**
   * The signature of the last eager call, with its entry: a monomorphic inline cache in front
   * of {@link #resolve}, for calls whose dynamic arguments are each an uncommitted array, a Java
   * scalar, or a list of uncommitted arrays (the pytrees whose flattening is known without
   * walking them). A call matches when it has, position by position, the same kind of argument
   * with leaves of the same avals (shape, dtype, weak type; a Java scalar's as converted now),
   * lists of the same length, and equal static arguments, under the same x64 flag and default
   * backend: then {@link #resolve} would find this very entry in {@link #cache}, and the match
   * builds no key and flattens nothing. Immutable, so threads share it freely.
   */
  private static final class LastCall {
    static final byte STATIC = 0;
    static final byte ARRAY = 1;
    static final byte SCALAR = 2;
    static final byte LIST = 3;

    final Entry entry;
    final Executable exe;
    final boolean singleOutput;
    /** Per position: what it holds ({@link #STATIC}, {@link #ARRAY}, ...). */
    final byte[] kinds;
    /** Per position: the value of a static argument, else null. */
    final Object[] statics;
    /** Per position: the length of a list argument, else 0. */
    final int[] listSizes;
    /** The avals of the leaves, in flattening order. */
    final ShapedArray[] leafAvals;
    final boolean x64;
    final Backend backend;

    LastCall(Entry entry, Executable exe, byte[] kinds, Object[] statics, int[] listSizes,
        ShapedArray[] leafAvals, boolean x64, Backend backend) {
      this.entry = entry;
      this.exe = exe;
      this.singleOutput = entry.outDef instanceof Pytree.Leaf;
      this.kinds = kinds;
      this.statics = statics;
      this.listSizes = listSizes;
      this.leafAvals = leafAvals;
      this.x64 = x64;
      this.backend = backend;
    }

    /** The leaves of {@code args} as the program's inputs if they match, else null. */
    List<Array> match(Object[] args) {
      if (args.length != kinds.length || x64 != Flags.x64Enabled()
          || backend != Backends.defaultBackend()) {
        return null;
      }
      Array[] leaves = new Array[leafAvals.length];
      int d = 0;
      for (int i = 0; i < args.length; i++) {
        Object arg = args[i];
        switch (kinds[i]) {
          case STATIC -> {
            if (!java.util.Objects.equals(statics[i], arg)) {
              return null;
            }
          }
          case ARRAY -> {
            if (!matches(arg, leafAvals[d])) {
              return null;
            }
            leaves[d++] = (Array) arg;
          }
          case SCALAR -> {
            if (!(arg instanceof Number || arg instanceof Boolean)) {
              return null;
            }
            Array a = Array.fromJavaScalar(arg);
            if (!a.aval().equals(leafAvals[d])) {
              return null;
            }
            leaves[d++] = a;
          }
          default -> {
            if (!(arg instanceof List<?> l) || l.size() != listSizes[i]) {
              return null;
            }
            for (int k = 0; k < listSizes[i]; k++) {
              Object x = l.get(k);
              if (!matches(x, leafAvals[d])) {
                return null;
              }
              leaves[d++] = (Array) x;
            }
          }
        }
      }
      return leaves.length == 1 ? List.of(leaves[0]) : Arrays.asList(leaves);
    }

    private static boolean matches(Object x, ShapedArray want) {
      return x instanceof Array a && !a.committed() && !a.isDeleted()
          && (a.aval() == want || a.aval().equals(want));
    }
  }

  /** The last call's signature, or null (see {@link LastCall}). */
  private volatile LastCall last;

  /**
   * Makes {@code args}' signature the last call's when each dynamic argument is an uncommitted
   * array, a Java scalar or a list of uncommitted arrays, and the program ran on the default
   * backend with no device of its own.
   */
  private void remember(Object[] args, Resolved r) {
    Entry entry = r.entry();
    if (device != null || hasTracerConsts(entry.jaxpr)) {
      return;
    }
    byte[] kinds = new byte[args.length];
    Object[] statics = new Object[args.length];
    int[] listSizes = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (isStatic[i]) {
        kinds[i] = LastCall.STATIC;
        statics[i] = arg;
      } else if (arg instanceof Array a) {
        if (a.committed()) {
          return;
        }
        kinds[i] = LastCall.ARRAY;
      } else if (arg instanceof Number || arg instanceof Boolean) {
        kinds[i] = LastCall.SCALAR;
      } else if (arg instanceof List<?> l && l.stream().allMatch(
          x -> x instanceof Array a && !a.committed())) {
        kinds[i] = LastCall.LIST;
        listSizes[i] = l.size();
      } else {
        return;
      }
    }
    ShapedArray[] leafAvals = r.avals().toArray(new ShapedArray[0]);
    last = new LastCall(entry, entry.executable(), kinds, statics, listSizes, leafAvals, r.x64(),
        r.backend());
  }

  /**
   * Runs the compiled program where JAX would ({@link Placement}): on the jit's device, else
   * on the device of the committed inputs (their results committed too), else on the default
   * backend. Arrays stay where the program leaves them: no copy to the host here.
   */
  private List<Array> execute(Entry entry, List<Array> args) {
    boolean anyCommitted = false;
    for (int i = 0; i < args.size(); i++) {
      Array a = args.get(i);
      if (a.isDeleted()) {
        a.buffer(); // raises JAX's "Array has been deleted" even if the program never reads it
      }
      anyCommitted |= a.committed();
    }
    if (device == null && !anyCommitted) {
      return entry.executable().execute(args);
    }
    Device target = Placement.resolve(args, device, name);
    List<Array> outs = entry.executable(Backends.forDevice(target)).execute(args);
    List<Array> committed = new ArrayList<>(outs.size());
    for (Array o : outs) {
      // The program's own result: the same buffer handle, now owned by the committed array.
      committed.add(Array.wrap(o.aval(), o.buffer(), true));
    }
    return committed;
  }

  private static List<Array> concrete(List<NDArray> leaves) {
    List<Array> arrays = new ArrayList<>(leaves.size());
    for (NDArray a : leaves) {
      arrays.add((Array) a);
    }
    return arrays;
  }

  /**
   * Ahead-of-time: traces for these arguments (only their shapes, dtypes, weak types, structure
   * and static values matter) without running, as {@code jax.jit(f).lower(*args)}.
   *
   * @param args example arguments (only their shapes, dtypes, weak types and static values count)
   * @return the lowered function, ready to compile
   */
  public Lowered lower(Object... args) {
    Resolved r = resolve(args);
    return new Lowered(name, r.entry().jaxpr, r.avals(), r.entry().outDef, r.entry()::executable,
        this::dynamicLeaves);
  }

  private List<NDArray> dynamicLeaves(Object[] args) {
    List<Object> dynamic = new ArrayList<>();
    for (int i = 0; i < args.length && i < isStatic.length; i++) {
      if (!isStatic[i]) {
        dynamic.add(args[i]);
      }
    }
    List<NDArray> leaves = new ArrayList<>();
    for (Object leaf : Pytree.flatten(dynamic).leaves()) {
      leaves.add(leaf instanceof NDArray x ? x : Array.fromJavaScalar(leaf));
    }
    return leaves;
  }

  private List<NDArray> bindCall(ClosedJaxpr jaxpr, List<NDArray> leaves) {
    if (!hasTracerConsts(jaxpr)) {
      return JitPrimitive.JIT.bind(leaves, Params.of("name", name, "jaxpr", jaxpr));
    }
    // closure conversion: traced constants become leading arguments
    var j = jaxpr.jaxpr();
    List<org.jaxpresso.core.jaxpr.Var> invars = new ArrayList<>(j.constvars());
    invars.addAll(j.invars());
    ClosedJaxpr converted = ClosedJaxpr.of(new org.jaxpresso.core.jaxpr.Jaxpr(List.of(), invars, j.eqns(), j.outvars()));
    List<NDArray> args = new ArrayList<>(jaxpr.consts());
    args.addAll(leaves);
    return JitPrimitive.JIT.bind(args, Params.of("name", name, "jaxpr", converted));
  }

  private static boolean hasTracerConsts(ClosedJaxpr j) {
    for (NDArray c : j.consts()) {
      if (c instanceof Tracer) {
        return true;
      }
    }
    return false;
  }

  private Entry trace(Object[] args, Pytree.TreeDef argsDef, List<ShapedArray> avals) {
    JaxprTrace t = new JaxprTrace(name, "jit");
    List<String> labels = leafLabels(args, argsDef);
    List<NDArray> tracers = new ArrayList<>(avals.size());
    for (int i = 0; i < avals.size(); i++) {
      tracers.add(t.newArg(avals.get(i), labels.get(i)));
    }
    @SuppressWarnings("unchecked")
    List<Object> dynamicArgs = (List<Object>) Pytree.unflatten(argsDef, tracers);
    Object[] callArgs = new Object[args.length];
    int d = 0;
    for (int i = 0; i < args.length; i++) {
      callArgs[i] = isStatic[i] ? args[i] : dynamicArgs.get(d++);
    }
    Object out;
    try {
      out = Trace.with(t, () -> fn.apply(callArgs));
    } catch (ClassCastException e) {
      throw conversionError(e, args, avals);
    }
    Pytree.Flat of = Pytree.flatten(out);
    List<NDArray> outs = new ArrayList<>(of.leaves().size());
    for (Object leaf : of.leaves()) {
      outs.add(leaf instanceof NDArray x ? x : Array.fromJavaScalar(leaf));
    }
    ClosedJaxpr jaxpr = t.finish(outs);
    traces.incrementAndGet();
    return new Entry(jaxpr, of.treedef());
  }

  /** For each dynamic leaf, {@code argument i} naming the positional argument it belongs to. */
  private List<String> leafLabels(Object[] args, Pytree.TreeDef argsDef) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (!isStatic[i]) {
        int n = Pytree.flatten(args[i]).leaves().size();
        for (int k = 0; k < n; k++) {
          labels.add("argument " + i);
        }
      }
    }
    return labels;
  }

  /**
   * A Java parameter typed {@code Boolean}, {@code Integer}, {@code Double}... received the
   * tracer of a traced Java scalar: raise JAX's error for that conversion, naming the argument.
   */
  private RuntimeException conversionError(ClassCastException e, Object[] args, List<ShapedArray> avals) {
    String msg = String.valueOf(e.getMessage());
    if (!msg.contains(JitTracer.class.getName())) {
      return e;
    }
    List<Integer> scalarArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (!isStatic[i] && (args[i] instanceof Number || args[i] instanceof Boolean)) {
        scalarArgs.add(i);
      }
    }
    String which = scalarArgs.size() == 1 ? "argument " + scalarArgs.get(0)
        : "one of the arguments " + scalarArgs;
    String fix = scalarArgs.isEmpty() ? "" : " Mark it static with Jax.staticArgnums("
        + scalarArgs.get(0) + ") if its value should be fixed at trace time, or keep it traced and use"
        + " Jnp.where or Lax.cond instead of Java control flow.";
    String context = "The error occurred while tracing the function " + name + " for jit. This concrete"
        + " value was not available in Java because it depends on the value of " + which
        + " (a Java scalar passed to a jitted function is traced, as in JAX)." + fix;
    String shape = scalarArgs.isEmpty() ? "?" : Array.fromJavaScalar(args[scalarArgs.get(0)]).aval().str();
    if (msg.contains("java.lang.Boolean")) {
      return new TracerBoolConversionError(shape, context);
    }
    if (msg.contains("java.lang.Integer") || msg.contains("java.lang.Long")
        || msg.contains("java.lang.Short") || msg.contains("java.lang.Byte")) {
      return new TracerIntegerConversionError(shape, context);
    }
    return new ConcretizationTypeError(shape, context);
  }

  private static Object checkHashable(int position, Object v) {
    if (v != null && v.getClass().isArray()) {
      throw new JaxValueError("Non-hashable static arguments are not supported. An error occurred while"
          + " trying to hash an object of type " + v.getClass().getSimpleName() + " at position "
          + position + ": Java arrays have identity equality. Pass a List or a record instead.");
    }
    if (v instanceof NDArray) {
      throw new JaxValueError("Non-hashable static arguments are not supported: argument " + position
          + " is an array; arrays are traced, not static. Remove it from staticArgnums.");
    }
    return v;
  }

  @Override
  public String toString() {
    return "<Jitted " + name + ">";
  }
}
