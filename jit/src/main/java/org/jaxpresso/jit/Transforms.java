package org.jaxpresso.jit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.ad.Ad;
import org.jaxpresso.core.batching.Batching;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.tracing.Pytree;
import org.jaxpresso.lax.Lax;

/**
 * The pytree-level implementation of {@code Jax.jvp/linearize/vjp/grad/valueAndGrad/jacfwd/
 * jacrev/vmap}: flattens arguments and results, calls core's flat transformations, and
 * rebuilds the structures. Java scalar leaves become weakly typed 0-d arrays.
 */
public final class Transforms {
  private Transforms() {}

  /**
   * The leaves of {@code tree} as arrays (Java scalars converted).
   *
   * @param tree the pytree
   * @return the leaves of {@code tree} as arrays (Java scalars converted)
   */
  public static List<NDArray> leaves(Object tree) {
    List<NDArray> r = new ArrayList<>();
    for (Object leaf : Pytree.flatten(tree).leaves()) {
      r.add(leaf instanceof NDArray x ? x : Array.fromJavaScalar(leaf));
    }
    return r;
  }

  /**
   * {@code fn} over flat leaves, given the argument structure.
   *
   * @param fn the function, taking its arguments as an array
   * @param inTree the pytree structure of the inputs
   * @param outTree the pytree structure of the outputs
   * @return {@code fn} over flat leaves, given the argument structure
   */
  public static Function<List<NDArray>, List<NDArray>> flat(Function<Object[], Object> fn,
      Pytree.TreeDef inTree, Pytree.TreeDef[] outTree) {
    return leaves -> {
      List<?> args = (List<?>) Pytree.unflatten(inTree, leaves);
      Object out = fn.apply(args.toArray());
      Pytree.Flat f = Pytree.flatten(out);
      outTree[0] = f.treedef();
      return leaves(out);
    };
  }

  /**
   * Value and gradient of {@code fn} with respect to the arguments {@code argnums}.
   *
   * @param name the transformation's name, for error messages
   * @param fn the function to differentiate, taking its arguments as an array
   * @param args the arguments
   * @param argnums the positions of the arguments to differentiate with respect to
   * @return {value, grads} with grads one pytree per argnum
   */
  public static Object[] valueAndGrad(String name, Function<Object[], Object> fn, Object[] args,
      int[] argnums) {
    for (int a : argnums) {
      if (a < 0 || a >= args.length) {
        throw new IllegalArgumentException(name + ": argnums " + Arrays.toString(argnums)
            + " out of range for a function of " + args.length + " arguments");
      }
    }
    List<Object> diffArgs = new ArrayList<>();
    for (int a : argnums) {
      diffArgs.add(args[a]);
    }
    Pytree.Flat diffFlat = Pytree.flatten(diffArgs);
    List<NDArray> primals = leaves(diffArgs);
    for (NDArray p : primals) {
      DType d = p.aval().dtype();
      if (!d.isFloating()) {
        throw new JaxTypeError(name + " requires real- or complex-valued inputs (input dtype"
            + " that is a sub-dtype of np.inexact), but got " + d + ". If you want to use"
            + " Boolean- or integer-valued inputs, use vjp or set allow_int to True.");
      }
    }
    Pytree.TreeDef[] outTree = new Pytree.TreeDef[1];
    Ad.Linearized lin = Ad.linearize(leaves -> {
      List<?> dargs = (List<?>) Pytree.unflatten(diffFlat.treedef(), leaves);
      Object[] full = args.clone();
      for (int i = 0; i < argnums.length; i++) {
        full[argnums[i]] = dargs.get(i);
      }
      Object out = fn.apply(full);
      outTree[0] = Pytree.flatten(out).treedef();
      return leaves(out);
    }, primals);
    List<NDArray> outs = lin.primalsOut();
    if (outs.size() != 1 || !(outTree[0] instanceof Pytree.Leaf)) {
      throw new JaxTypeError("Gradient only defined for scalar-output functions. Output was "
          + outTree[0] + ".");
    }
    NDArray out = outs.get(0);
    ShapedArray oa = out.aval();
    if (oa.rank() != 0) {
      throw new JaxTypeError("Gradient only defined for scalar-output functions. Output had"
          + " shape: " + shapeTuple(oa) + ". To get the gradient, reduce the output to a"
          + " scalar with output.sum(), or use jax.jacobian to differentiate a function with"
          + " a non-scalar output.");
    }
    if (!oa.dtype().isFloating()) {
      throw new JaxTypeError(name + " requires real-valued outputs (output dtype that is a"
          + " sub-dtype of np.floating), but got " + oa.dtype() + ". For holomorphic"
          + " differentiation, pass holomorphic=True. For differentiation of non-holomorphic"
          + " functions involving complex outputs, use jax.vjp directly.");
    }
    Array one = Array.scalar(1.0, oa.dtype());
    if (oa.weakType()) {
      one = Array.wrap(one.aval().withWeakType(true), one.host());
    }
    List<NDArray> cts = lin.vjp(List.of(one));
    List<?> grads = (List<?>) Pytree.unflatten(diffFlat.treedef(), cts);
    return new Object[] {out, grads};
  }

  private static String shapeTuple(ShapedArray a) {
    return org.jaxpresso.core.Shape.tupleString(a.shape().dims());
  }

  /**
   * {@code vmap} of a function of {@code args.length} arguments.
   *
   * @param fn the function to map, taking its arguments as an array
   * @param args the arguments
   * @param inAxes the mapped axis of each input, or {@code null} for none
   * @param outAxes the mapped axis of each output
   * @return {@code vmap} of a function of {@code args.length} arguments
   */
  public static Object vmap(Function<Object[], Object> fn, Object[] args, Integer[] inAxes,
      Integer outAxes) {
    if (inAxes.length != args.length) {
      throw new IllegalArgumentException("vmap in_axes must have one entry per argument: got "
          + inAxes.length + " for " + args.length + " arguments");
    }
    Pytree.Flat flat = Pytree.flatten(Arrays.asList(args));
    List<NDArray> leaves = leaves(Arrays.asList(args));
    int[] dims = new int[leaves.size()];
    int k = 0;
    for (int i = 0; i < args.length; i++) {
      int n = Pytree.flatten(args[i]).leaves().size();
      for (int j = 0; j < n; j++, k++) {
        Integer ax = inAxes[i];
        if (ax == null) {
          dims[k] = Primitive.NOT_MAPPED;
        } else {
          int r = leaves.get(k).aval().rank();
          dims[k] = ax < 0 ? ax + r : ax;
          if (dims[k] < 0 || dims[k] >= r) {
            throw new IllegalArgumentException("vmap was requested to map its argument along"
                + " axis " + ax + ", which implies that its rank should be at least "
                + (ax < 0 ? -ax : ax + 1) + ", but is only " + r + " (its shape is "
                + leaves.get(k).aval().shape() + ")");
          }
        }
      }
    }
    Pytree.TreeDef[] outTree = new Pytree.TreeDef[1];
    List<NDArray> out = Batching.vmap(flat(fn, flat.treedef(), outTree), leaves, dims,
        j -> outAxes);
    return Pytree.unflatten(outTree[0], out);
  }

  /**
   * {@code jax.custom_jvp} over pytrees: {@code fn} with {@code rule} as its derivative. The
   * returned function flattens its argument, binds one {@code custom_jvp_call} per call (the
   * function traced once per argument structure and signature), and rebuilds the output.
   *
   * @param name the function's name, printed as the {@code name} param
   * @param fn the function
   * @param jvpName the rule's name, printed as the {@code jvp} param
   * @param rule from (primals, tangents) of the argument's structure to (primal output, tangent
   *     output), each of the output's structure
   * @return the function with the custom derivative
   */
  public static Function<Object, Object> customJvp(String name, Function<Object, Object> fn,
      String jvpName, java.util.function.BiFunction<Object, Object, Object[]> rule) {
    java.util.concurrent.ConcurrentHashMap<Pytree.TreeDef, CustomJvpEntry> byTree =
        new java.util.concurrent.ConcurrentHashMap<>();
    return arg -> {
      Pytree.Flat in = Pytree.flatten(arg);
      CustomJvpEntry e = byTree.computeIfAbsent(in.treedef(), def -> {
        CustomJvpEntry entry = new CustomJvpEntry();
        entry.custom = new org.jaxpresso.core.ad.CustomJvp(name, leaves -> {
          Object out = fn.apply(Pytree.unflatten(def, leaves));
          entry.outTree = Pytree.flatten(out).treedef();
          return leaves(out);
        }, jvpName, (ps, ts) -> {
          Object[] r = rule.apply(Pytree.unflatten(def, ps), Pytree.unflatten(def, ts));
          Pytree.Flat po = Pytree.flatten(r[0]);
          Pytree.Flat to = Pytree.flatten(r[1]);
          if (!po.treedef().equals(to.treedef())) {
            throw new JaxTypeError("Custom JVP rule " + jvpName + " for function " + name
                + " must produce primal and tangent outputs with equal container (pytree)"
                + " structures, but got " + po.treedef() + " and " + to.treedef()
                + " respectively.");
          }
          return new Ad.JvpOutput(leaves(r[0]), leaves(r[1]));
        });
        return entry;
      });
      List<NDArray> outs = e.custom.call(leaves(arg));
      return Pytree.unflatten(e.outTree, outs);
    };
  }

  /** One argument structure's custom-JVP function and the output structure it produces. */
  private static final class CustomJvpEntry {
    org.jaxpresso.core.ad.CustomJvp custom;
    volatile Pytree.TreeDef outTree;
  }

  /** The identity matrix of {@code n} rows in {@code aval}'s dtype, rows reshaped to aval. */
  static NDArray basis(ShapedArray aval) {
    int n = (int) aval.size();
    NDArray eye = Lax.convertElementType(Lax.eq(
        Lax.broadcastedIota(DType.INT32, new int[] {n, n}, 0),
        Lax.broadcastedIota(DType.INT32, new int[] {n, n}, 1)), aval.dtype());
    int[] shape = new int[aval.rank() + 1];
    shape[0] = n;
    System.arraycopy(aval.shape().dims(), 0, shape, 1, aval.rank());
    return Lax.reshape(eye, shape);
  }

  /**
   * {@code jacfwd} of a one-array function: shape {@code out.shape + in.shape}.
   *
   * @param f the function to differentiate
   * @param x the input array
   * @return {@code jacfwd} of a one-array function: shape {@code out.shape + in.shape}
   */
  public static NDArray jacfwd(Function<NDArray, NDArray> f, NDArray x) {
    NDArray basis = basis(x.aval());
    List<NDArray> cols = Batching.vmap(ts -> Ad.jvp(xs -> List.of(f.apply(xs.get(0))),
        List.of(x), List.of(ts.get(0))).tangents(), List.of(basis), new int[] {0}, j -> -1);
    NDArray jac = cols.get(0);
    int[] outShape = jac.aval().shape().dims();
    int[] shape = concat(Arrays.copyOf(outShape, outShape.length - 1), x.aval().shape().dims());
    return Lax.reshape(jac, shape);
  }

  /**
   * {@code jacrev} of a one-array function: shape {@code out.shape + in.shape}.
   *
   * @param f the function to differentiate
   * @param x the input array
   * @return {@code jacrev} of a one-array function: shape {@code out.shape + in.shape}
   */
  public static NDArray jacrev(Function<NDArray, NDArray> f, NDArray x) {
    Ad.Linearized lin = Ad.linearize(xs -> List.of(f.apply(xs.get(0))), List.of(x));
    ShapedArray outAval = lin.outAvals().get(0);
    NDArray basis = basis(outAval.withWeakType(false));
    List<NDArray> rows = Batching.vmap(cts -> lin.vjp(cts), List.of(basis), new int[] {0},
        j -> 0);
    int[] shape = concat(outAval.shape().dims(), x.aval().shape().dims());
    return Lax.reshape(rows.get(0), shape);
  }

  private static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
