package org.jaxpresso;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.ad.Ad;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.tracing.Pytree;
import org.jaxpresso.jit.CustomDerivatives;
import org.jaxpresso.jit.JitBiFunction;
import org.jaxpresso.jit.JitFunction;
import org.jaxpresso.jit.JitOption;
import org.jaxpresso.jit.Jitted;
import org.jaxpresso.jit.Transforms;

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

  /**
   * The option making argument positions static.
   *
   * @param positions the positions of the static arguments
   * @return the option making argument positions static
   */
  public static JitOption staticArgnums(int... positions) {
    return new JitOption.StaticArgnums(positions);
  }

  /**
   * The option naming the function in jaxprs.
   *
   * @param name the function's name, as jaxprs and dumps show it
   * @return the option naming the function in jaxprs
   */
  public static JitOption name(String name) {
    return new JitOption.Name(name);
  }

  /**
   * Compiles a one-argument function, as {@code jax.jit}: traced once per signature, cached,
   * run by the default backend; called inside another traced function it becomes a nested
   * {@code jit} equation.
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param fn the function to compile
   * @param options options such as {@link #staticArgnums} and {@link #name}
   * @return a one-argument function, as {@code jax.jit}
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

  /**
   * Compiles a two-argument function; see {@link #jit(Function, JitOption...)}.
   *
   * @param <A> the argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @param fn the function to compile
   * @param options options such as {@link #staticArgnums} and {@link #name}
   * @return a two-argument function; see {@link #jit(Function, JitOption...)}
   */
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

  /**
   * Compiles a three-argument function; see {@link #jit(Function, JitOption...)}.
   *
   * @param <A> the argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <R> the result type
   * @param fn the function to compile
   * @param options options such as {@link #staticArgnums} and {@link #name}
   * @return a three-argument function; see {@link #jit(Function, JitOption...)}
   */
  public static <A, B, C, R> Function3<A, B, C, R> jit(Function3<A, B, C, R> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1]), cast(args[2])), 3, options);
    return (a, b, c) -> cast(j.call(a, b, c));
  }

  /**
   * Compiles a four-argument function; see {@link #jit(Function, JitOption...)}.
   *
   * @param <A> the argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <D> the fourth argument type
   * @param <R> the result type
   * @param fn the function to compile
   * @param options options such as {@link #staticArgnums} and {@link #name}
   * @return a four-argument function; see {@link #jit(Function, JitOption...)}
   */
  public static <A, B, C, D, R> Function4<A, B, C, D, R> jit(Function4<A, B, C, D, R> fn,
      JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1]), cast(args[2]), cast(args[3])), 4,
        options);
    return (a, b, c, d) -> cast(j.call(a, b, c, d));
  }

  /**
   * The {@link Jitted} object behind a function of any arity given as {@code Object[] -> Object}.
   *
   * @param fn the function, taking its arguments as an array
   * @param arity how many arguments the function takes
   * @param options options such as {@link #staticArgnums} and {@link #name}
   * @return the {@link Jitted} object behind a function of any arity given as {@code Object[] ->
   *     Object}
   */
  public static Jitted jitted(Function<Object[], Object> fn, int arity, JitOption... options) {
    String name = "<lambda>";
    int[] statics = new int[0];
    Device device = null;
    for (JitOption o : options) {
      switch (o) {
        case JitOption.StaticArgnums s -> statics = s.positions();
        case JitOption.Name n -> name = n.name();
        case JitOption.OnDevice d -> device = d.device();
      }
    }
    return new Jitted(fn, arity, name, statics, device);
  }

  /**
   * {@code jax.make_jaxpr} of a one-argument function: traces it for the given argument.
   *
   * @param <A> the argument type
   * @param fn the function to trace
   * @param options options such as {@link #staticArgnums} and {@link #name}
   * @return {@code jax.make_jaxpr} of a one-argument function: traces it for the given argument
   */
  public static <A> Function<A, ClosedJaxpr> makeJaxpr(Function<A, ?> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0])), 1, options);
    return a -> j.lower(a).jaxpr();
  }

  /**
   * {@code jax.make_jaxpr} of a two-argument function.
   *
   * @param <A> the argument type
   * @param <B> the second argument type
   * @param fn the function to trace
   * @param options options such as {@link #staticArgnums} and {@link #name}
   * @return {@code jax.make_jaxpr} of a two-argument function
   */
  public static <A, B> BiFunction<A, B, ClosedJaxpr> makeJaxpr(BiFunction<A, B, ?> fn, JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1])), 2, options);
    return (a, b) -> j.lower(a, b).jaxpr();
  }

  /**
   * {@code jax.make_jaxpr} of a three-argument function.
   *
   * @param <A> the argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param fn the function to trace
   * @param options options such as {@link #staticArgnums} and {@link #name}
   * @return {@code jax.make_jaxpr} of a three-argument function
   */
  public static <A, B, C> Function3<A, B, C, ClosedJaxpr> makeJaxpr(Function3<A, B, C, ?> fn,
      JitOption... options) {
    Jitted j = jitted(args -> fn.apply(cast(args[0]), cast(args[1]), cast(args[2])), 3, options);
    return (a, b, c) -> j.lower(a, b, c).jaxpr();
  }

  /**
   * Runs {@code body} with jit disabled on this thread: jitted functions run eagerly, as
   * {@code with jax.disable_jit():}.
   *
   * @param <T> the type of the values
   * @param body the code to run
   * @return the output
   */
  public static <T> T disableJit(java.util.function.Supplier<T> body) {
    DISABLED.set(DISABLED.get() + 1);
    try {
      return body.get();
    } finally {
      DISABLED.set(DISABLED.get() - 1);
    }
  }

  /**
   * Whether jit is disabled on this thread ({@link #disableJit}).
   *
   * @return whether jit is disabled on this thread ({@link #disableJit})
   */
  public static boolean jitDisabled() {
    return DISABLED.get() > 0;
  }

  // ==== devices: devices, devicePut, the jit device option ====

  /**
   * Every device: the default device first ({@code cuda:0} where a CUDA driver and a GPU are
   * found, else {@code cpu:0}), then the others ({@code cpu:0} is always there). Unlike {@code
   * jax.devices()}, which lists only the default backend's devices, this lists all of them; use
   * {@link #devices(String)} for one platform.
   *
   * <pre>{@code
   * Jax.devices();   // [CpuDevice(id=0)] here; [CudaDevice(id=0), CpuDevice(id=0)] with a GPU
   * }</pre>
   *
   * @return the devices, the default device first
   */
  public static List<Device> devices() {
    return Backends.devices();
  }

  /**
   * The devices of one platform, as {@code jax.devices('cpu')}; {@code gpu} names {@code cuda}.
   *
   * @param platform {@code cpu}, {@code cuda} or {@code gpu}
   * @return the platform's devices
   * @throws IllegalArgumentException naming the available platforms when it has none
   */
  public static List<Device> devices(String platform) {
    String p = platform.equals("gpu") ? "cuda" : platform;
    List<Device> out = Backends.devices().stream().filter(d -> d.platform().equals(p)).toList();
    if (out.isEmpty()) {
      throw new IllegalArgumentException("Unknown backend " + platform + "; available devices: "
          + Backends.devices());
    }
    return out;
  }

  /**
   * {@code jax.device_put(x, device)}: the array (or every array leaf of a pytree) on {@code
   * device}, committed there. Copies only when the data lives elsewhere; computations on the
   * result then run on {@code device}, and reading it on the host copies it back once.
   *
   * @param <T> the argument type: an array, or a pytree (list, map, record) of arrays
   * @param x the array or pytree; Java scalar leaves become 0-d arrays (so pass a lone
   *     scalar typed as {@code Object}: the result is an {@code Array})
   * @param device the destination, one of {@link #devices()}
   * @return the same structure with every leaf committed to {@code device}
   * @throws IllegalArgumentException if {@code device} is not one of {@link #devices()}
   * @throws org.jaxpresso.core.errors.JaxTypeError for a tracer (device_put of traced values
   *     happens when the traced function runs)
   */
  public static <T> T devicePut(T x, Device device) {
    org.jaxpresso.core.backend.Backend backend = Backends.forDevice(device);
    Pytree.Flat flat = Pytree.flatten(x);
    List<Object> out = new java.util.ArrayList<>(flat.leaves().size());
    for (Object leaf : flat.leaves()) {
      Array a = switch (leaf) {
        case Array arr -> arr;
        case NDArray t -> throw new org.jaxpresso.core.errors.JaxTypeError("devicePut of a"
            + " traced value " + t.aval().str() + " is not supported; place the inputs of the"
            + " traced function instead");
        default -> Array.fromJavaScalar(leaf);
      };
      if (a.device().equals(device)) {
        out.add(a.withCommitted(true));
      } else {
        out.add(Array.wrap(a.aval(), backend.put(a.host(), device), true));
      }
    }
    return cast(Pytree.unflatten(flat.treedef(), out));
  }

  /**
   * {@code jax.device_get(x)}: the array (or every array leaf of a pytree) copied to the host,
   * uncommitted, as an explicit transfer. A host array is returned as it is (uncommitted).
   *
   * @param <T> the argument type: an array, or a pytree of arrays
   * @param x the array or pytree
   * @return the same structure with every leaf's data on the host
   * @throws org.jaxpresso.core.errors.JaxTypeError for a tracer
   */
  public static <T> T deviceGet(T x) {
    Pytree.Flat flat = Pytree.flatten(x);
    List<Object> out = new java.util.ArrayList<>(flat.leaves().size());
    for (Object leaf : flat.leaves()) {
      Array a = switch (leaf) {
        case Array arr -> arr;
        case NDArray t -> throw new org.jaxpresso.core.errors.JaxTypeError("deviceGet of a"
            + " traced value " + t.aval().str() + " is not supported; return it from the"
            + " traced function instead");
        default -> Array.fromJavaScalar(leaf);
      };
      out.add(a.device().equals(Device.HOST) ? a.withCommitted(false)
          : Array.wrap(a.aval(), a.host()));
    }
    return cast(Pytree.unflatten(flat.treedef(), out));
  }

  /**
   * The {@code jit} option choosing the device, as {@code jax.jit(f, device=d)}.
   *
   * @param device the device the function runs on
   * @return the option
   */
  public static JitOption device(Device device) {
    return new JitOption.OnDevice(device);
  }

  // ==== transformations: jvp, linearize, vjp, grad, vmap ====

  /**
   * The result of {@link #jvp}: the function's output and its tangent, of the same structure.
   *
   * @param <R> the result type
   * @param primal the output
   * @param tangent its directional derivative
   */
  public record JvpPair<R>(R primal, R tangent) {}

  /**
   * The result of {@link #vjp}: the output and the pullback, mapping an output cotangent to
   * the argument's cotangent.
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param primal the output
   * @param pullback the transposed derivative
   */
  public record VjpPair<A, R>(R primal, Function<R, A> pullback) {}

  /**
   * The result of {@link #linearize}: the output and the derivative as a function of the
   * tangent (evaluating a linear jaxpr, without re-running the primal computation).
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param primal the output
   * @param jvp the derivative
   */
  public record Linearized<A, R>(R primal, Function<A, R> jvp) {}

  /**
   * The result of {@link #valueAndGrad}.
   *
   * @param <A> the argument type
   * @param value the function's value
   * @param grad the gradient, with the structure of the argument
   */
  public record ValueAndGrad<A>(NDArray value, A grad) {}

  /**
   * {@code jax.jvp}: the output of {@code fn} at {@code primals} and its derivative along
   * {@code tangents} (pytrees of the same structure).
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param fn the function to differentiate
   * @param primals the primal input values
   * @param tangents the tangent values, one per primal
   * @return {@code jax.jvp}: the output of {@code fn} at {@code primals} and its derivative along
   *     {@code tangents} (pytrees of the same structure)
   */
  public static <A, R> JvpPair<R> jvp(Function<A, R> fn, A primals, A tangents) {
    Pytree.Flat pf = Pytree.flatten(primals);
    Pytree.Flat tf = Pytree.flatten(tangents);
    if (!pf.treedef().equals(tf.treedef())) {
      throw new org.jaxpresso.core.errors.JaxTypeError("primal and tangent arguments to"
          + " jax.jvp must have the same tree structure; primals have tree structure "
          + pf.treedef() + " whereas tangents have tree structure " + tf.treedef() + ".");
    }
    Pytree.TreeDef[] outTree = new Pytree.TreeDef[1];
    Ad.JvpOutput o = Ad.jvp(leaves -> {
      R out = fn.apply(cast(Pytree.unflatten(pf.treedef(), leaves)));
      outTree[0] = Pytree.flatten(out).treedef();
      return Transforms.leaves(out);
    }, Transforms.leaves(primals), Transforms.leaves(tangents));
    return new JvpPair<>(cast(Pytree.unflatten(outTree[0], o.primals())),
        cast(Pytree.unflatten(outTree[0], o.tangents())));
  }

  /**
   * {@code jax.linearize}: the output at {@code primals} and the derivative there.
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param fn the function to linearize
   * @param primals the primal input values
   * @return {@code jax.linearize}: the output at {@code primals} and the derivative there
   */
  public static <A, R> Linearized<A, R> linearize(Function<A, R> fn, A primals) {
    Pytree.Flat pf = Pytree.flatten(primals);
    Pytree.TreeDef[] outTree = new Pytree.TreeDef[1];
    Ad.Linearized lin = linearizeFlat(fn, primals, pf, outTree);
    return new Linearized<>(cast(Pytree.unflatten(outTree[0], lin.primalsOut())),
        t -> cast(Pytree.unflatten(outTree[0], lin.jvp(Transforms.leaves(t)))));
  }

  /**
   * {@code jax.vjp}: the output at {@code primals} and its pullback.
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param fn the function to differentiate
   * @param primals the primal input values
   * @return {@code jax.vjp}: the output at {@code primals} and its pullback
   */
  public static <A, R> VjpPair<A, R> vjp(Function<A, R> fn, A primals) {
    Pytree.Flat pf = Pytree.flatten(primals);
    Pytree.TreeDef[] outTree = new Pytree.TreeDef[1];
    Ad.Linearized lin = linearizeFlat(fn, primals, pf, outTree);
    return new VjpPair<>(cast(Pytree.unflatten(outTree[0], lin.primalsOut())),
        ct -> cast(Pytree.unflatten(pf.treedef(), lin.vjp(Transforms.leaves(ct)))));
  }

  private static <A, R> Ad.Linearized linearizeFlat(Function<A, R> fn, A primals,
      Pytree.Flat pf, Pytree.TreeDef[] outTree) {
    return Ad.linearize(leaves -> {
      R out = fn.apply(cast(Pytree.unflatten(pf.treedef(), leaves)));
      outTree[0] = Pytree.flatten(out).treedef();
      return Transforms.leaves(out);
    }, Transforms.leaves(primals));
  }

  /**
   * {@code jax.grad}: the gradient of a scalar-valued function of an array (or a pytree of
   * arrays, e.g. a list of parameters), of the argument's structure.
   *
   * @param <A> the argument type
   * @param fn the function to differentiate; it returns a scalar
   * @return {@code jax.grad}
   * @throws org.jaxpresso.core.errors.JaxTypeError for a non-scalar or non-float output or an
   *     integer input, in JAX's words
   */
  public static <A> Function<A, A> grad(Function<A, ? extends NDArray> fn) {
    return a -> valueAndGrad(fn).apply(a).grad();
  }

  /**
   * {@code jax.grad(f, argnums)} of a two-argument function: the gradients with respect to
   * the arguments {@code argnums} (0 and/or 1), in that order.
   *
   * @param <A> the argument type
   * @param <B> the second argument type
   * @param fn the function to differentiate; it returns a scalar
   * @param argnums the positions of the arguments to differentiate with respect to
   * @return {@code jax.grad(f, argnums)} of a two-argument function
   */
  public static <A, B> BiFunction<A, B, List<Object>> grad(
      BiFunction<A, B, ? extends NDArray> fn, int... argnums) {
    return (a, b) -> {
      Object[] r = Transforms.valueAndGrad("grad",
          args -> fn.apply(cast(args[0]), cast(args[1])), new Object[] {a, b},
          argnums.length == 0 ? new int[] {0} : argnums);
      return cast(r[1]);
    };
  }

  /**
   * {@code jax.value_and_grad}: the value and the gradient in one pass.
   *
   * @param <A> the argument type
   * @param fn the function to differentiate; it returns a scalar
   * @return {@code jax.value_and_grad}: the value and the gradient in one pass
   */
  public static <A> Function<A, ValueAndGrad<A>> valueAndGrad(
      Function<A, ? extends NDArray> fn) {
    return a -> {
      Object[] r = Transforms.valueAndGrad("grad", args -> fn.apply(cast(args[0])),
          new Object[] {a}, new int[] {0});
      List<?> grads = (List<?>) r[1];
      return new ValueAndGrad<>((NDArray) r[0], cast(grads.get(0)));
    };
  }

  /**
   * {@code jax.jacfwd}: the Jacobian (shape {@code out.shape + in.shape}) by forward mode.
   *
   * @param fn the function to differentiate
   * @return {@code jax.jacfwd}: the Jacobian (shape {@code out.shape + in.shape}) by forward mode
   */
  public static Function<NDArray, NDArray> jacfwd(Function<NDArray, NDArray> fn) {
    return x -> Transforms.jacfwd(fn, x);
  }

  /**
   * {@code jax.jacrev}: the Jacobian by reverse mode.
   *
   * @param fn the function to differentiate
   * @return {@code jax.jacrev}: the Jacobian by reverse mode
   */
  public static Function<NDArray, NDArray> jacrev(Function<NDArray, NDArray> fn) {
    return x -> Transforms.jacrev(fn, x);
  }

  /**
   * {@code jax.hessian}: {@code jacfwd(jacrev(fn))}.
   *
   * @param fn the function to differentiate twice
   * @return {@code jax.hessian}: {@code jacfwd(jacrev(fn))}
   */
  public static Function<NDArray, NDArray> hessian(Function<NDArray, NDArray> fn) {
    return jacfwd(jacrev(fn));
  }

  /**
   * {@code jax.vmap} with {@code in_axes=0, out_axes=0}.
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param fn the function to map
   * @return {@code jax.vmap} with {@code in_axes=0, out_axes=0}
   */
  public static <A, R> Function<A, R> vmap(Function<A, R> fn) {
    return vmap(fn, 0, 0);
  }

  /**
   * {@code jax.vmap(fn, in_axes, out_axes)}: maps {@code fn} over axis {@code inAxes} of every
   * leaf of its argument (null: not mapped), stacking outputs along {@code outAxes}.
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param fn the function to map
   * @param inAxes the mapped axis of each input, or {@code null} for none
   * @param outAxes the mapped axis of each output
   * @return {@code jax.vmap(fn, in_axes, out_axes)}
   */
  public static <A, R> Function<A, R> vmap(Function<A, R> fn, Integer inAxes,
      Integer outAxes) {
    return vmap(fn, (Object) inAxes, (Object) outAxes);
  }

  /**
   * {@code jax.vmap(fn, in_axes, out_axes)} with per-leaf axes: {@code inAxes} is a tree prefix
   * of the argument (an Integer or null covers the whole subtree below it; a List, Java array,
   * Map or record shaped like the argument gives each part its own axis, null meaning not
   * mapped), {@code outAxes} a tree prefix of the result.
   *
   * <pre>{@code
   * // params = List.of(w, b): map over b's axis 0 only, share w
   * Jax.vmap(f, Arrays.asList(null, 0), 0).apply(params);
   * }</pre>
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param fn the function to map
   * @param inAxes the axis specification of the argument
   * @param outAxes the axis specification of the result
   * @return the mapped function
   * @throws org.jaxpresso.core.errors.JaxValueError when called, for a specification that is
   *     not a tree prefix of its value, inconsistent sizes or nothing mapped, in JAX's words
   */
  public static <A, R> Function<A, R> vmap(Function<A, R> fn, Object inAxes, Object outAxes) {
    return a -> cast(Transforms.vmap(args -> fn.apply(cast(args[0])), new Object[] {a},
        new Object[] {inAxes}, outAxes, null));
  }

  /**
   * {@link #vmap(Function, Object, Object)} with JAX's {@code axis_size}: the batch size, which
   * must agree with the mapped axes and is required when nothing is mapped (every output is
   * then broadcast along its out axis).
   *
   * @param <A> the argument type
   * @param <R> the result type
   * @param fn the function to map
   * @param inAxes the axis specification of the argument
   * @param outAxes the axis specification of the result
   * @param axisSize the batch size
   * @return the mapped function
   */
  public static <A, R> Function<A, R> vmap(Function<A, R> fn, Object inAxes, Object outAxes,
      int axisSize) {
    return a -> cast(Transforms.vmap(args -> fn.apply(cast(args[0])), new Object[] {a},
        new Object[] {inAxes}, outAxes, axisSize));
  }

  /**
   * {@code jax.vmap} of a two-argument function, one in_axes entry per argument.
   *
   * @param <A> the argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @param fn the function to map
   * @param inAxes the mapped axis of each input, or {@code null} for none
   * @param outAxes the mapped axis of each output
   * @return {@code jax.vmap} of a two-argument function, one in_axes entry per argument
   */
  public static <A, B, R> BiFunction<A, B, R> vmap(BiFunction<A, B, R> fn, Integer[] inAxes,
      Integer outAxes) {
    return vmap(fn, (Object[]) inAxes, (Object) outAxes);
  }

  /**
   * {@code jax.vmap} of a two-argument function with per-leaf axes: {@code inAxes[i]} is a
   * tree prefix of argument {@code i}, {@code outAxes} of the result (see {@link
   * #vmap(Function, Object, Object)}).
   *
   * @param <A> the argument type
   * @param <B> the second argument type
   * @param <R> the result type
   * @param fn the function to map
   * @param inAxes one axis specification per argument
   * @param outAxes the axis specification of the result
   * @return the mapped function
   */
  public static <A, B, R> BiFunction<A, B, R> vmap(BiFunction<A, B, R> fn, Object[] inAxes,
      Object outAxes) {
    Object[] spec = inAxes.clone();
    return (a, b) -> cast(Transforms.vmap(args -> fn.apply(cast(args[0]), cast(args[1])),
        new Object[] {a, b}, spec, outAxes, null));
  }

  /**
   * {@code jax.custom_jvp}: {@code fn} with {@code jvp} as its derivative rule. Called, it is
   * one {@code custom_jvp_call} equation (printed {@code name=<lambda>}, {@code jvp=jvp}) that
   * evaluates, stages, compiles and batches as {@code fn}; differentiated, {@code jvp} gives the
   * primal output and its tangent from the primals and their tangents (JAX's {@code defjvp}).
   * Like a jitted function it is traced once per argument signature and reused, so values it
   * closes over are captured at that first trace.
   *
   * <pre>{@code
   * Function<NDArray, NDArray> f = Jax.customJvp(x -> Lax.sin(x),
   *     (x, t) -> new Jax.JvpPair<>(Lax.sin(x), Lax.mul(Lax.cos(x), t)));
   * }</pre>
   *
   * @param <A> the argument type (a pytree of arrays)
   * @param <R> the result type (a pytree of arrays)
   * @param fn the function
   * @param jvp the rule: (primals, tangents) to the output and its tangent
   * @return the function with a custom derivative
   */
  public static <A, R> Function<A, R> customJvp(Function<A, R> fn,
      BiFunction<A, A, JvpPair<R>> jvp) {
    return customJvp("<lambda>", fn, "jvp", jvp);
  }

  /**
   * {@link #customJvp(Function, BiFunction)} with the names jaxprs print for the function
   * ({@code name}) and for the rule ({@code jvp}).
   *
   * @param <A> the argument type (a pytree of arrays)
   * @param <R> the result type (a pytree of arrays)
   * @param name the function's name
   * @param fn the function
   * @param jvpName the rule's name
   * @param jvp the rule: (primals, tangents) to the output and its tangent
   * @return the function with a custom derivative
   */
  public static <A, R> Function<A, R> customJvp(String name, Function<A, R> fn, String jvpName,
      BiFunction<A, A, JvpPair<R>> jvp) {
    Function<Object, Object> f = CustomDerivatives.customJvp(name, a -> fn.apply(cast(a)), jvpName,
        (p, t) -> {
          JvpPair<R> r = jvp.apply(cast(p), cast(t));
          return new Object[] {r.primal(), r.tangent()};
        });
    return a -> cast(f.apply(a));
  }

  /**
   * The forward rule's result for {@link #customVjp}: the function's output and the residuals
   * the backward rule will need.
   *
   * @param <R> the output type
   * @param <S> the residuals' type (any pytree)
   * @param output the function's output
   * @param residuals the saved values
   */
  public record VjpFwd<R, S>(R output, S residuals) {}

  /**
   * {@code jax.custom_vjp} with {@code defvjp(fwd, bwd)}: {@code fn} whose reverse-mode
   * derivative is {@code bwd(residuals, outputCotangent)} (the argument's cotangent, of its
   * structure), with the residuals saved by {@code fwd}. Called, it is one {@code
   * custom_vjp_call} equation that evaluates, stages, compiles and batches as {@code fn};
   * under grad/vjp the forward rule runs and the backward rule is the transpose. As in JAX,
   * forward mode (jvp, jacfwd) through it raises {@code TypeError: can't apply forward-mode
   * autodiff (jvp) to a custom_vjp function.}
   *
   * <pre>{@code
   * Function<NDArray, NDArray> clipGrad = Jax.customVjp(x -> x,
   *     x -> new Jax.VjpFwd<>(x, null),
   *     (res, g) -> Lax.clamp(-1.0, g, 1.0));
   * }</pre>
   *
   * @param <A> the argument type (a pytree of arrays)
   * @param <R> the result type (a pytree of arrays)
   * @param <S> the residuals' type (a pytree of arrays, or null)
   * @param fn the function
   * @param fwd the forward rule
   * @param bwd the backward rule
   * @return the function with a custom VJP
   */
  public static <A, R, S> Function<A, R> customVjp(Function<A, R> fn,
      Function<A, VjpFwd<R, S>> fwd, BiFunction<S, R, A> bwd) {
    return customVjp("<lambda>", fn, "fwd", fwd, "bwd", bwd);
  }

  /**
   * {@link #customVjp(Function, Function, BiFunction)} with the names jaxprs print for the
   * function and its rules.
   *
   * @param <A> the argument type (a pytree of arrays)
   * @param <R> the result type (a pytree of arrays)
   * @param <S> the residuals' type (a pytree of arrays, or null)
   * @param name the function's name
   * @param fn the function
   * @param fwdName the forward rule's name
   * @param fwd the forward rule
   * @param bwdName the backward rule's name
   * @param bwd the backward rule
   * @return the function with a custom VJP
   */
  public static <A, R, S> Function<A, R> customVjp(String name, Function<A, R> fn,
      String fwdName, Function<A, VjpFwd<R, S>> fwd, String bwdName, BiFunction<S, R, A> bwd) {
    Function<Object, Object> f = CustomDerivatives.customVjp(name, a -> fn.apply(cast(a)), fwdName,
        a -> {
          VjpFwd<R, S> r = fwd.apply(cast(a));
          return new Object[] {r.output(), r.residuals()};
        }, bwdName, (res, ct) -> bwd.apply(cast(res), cast(ct)));
    return a -> cast(f.apply(a));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
