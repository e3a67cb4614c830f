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
import org.jaxpresso.core.errors.JaxValueError;
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
   * {@code vmap} of a function of {@code args.length} arguments, one axis (or null) per
   * argument applying to all of its leaves, and one output axis for every output leaf.
   *
   * @param fn the function to map, taking its arguments as an array
   * @param args the arguments
   * @param inAxes the mapped axis of each input, or {@code null} for none
   * @param outAxes the mapped axis of each output
   * @return {@code vmap} of a function of {@code args.length} arguments
   */
  public static Object vmap(Function<Object[], Object> fn, Object[] args, Integer[] inAxes,
      Integer outAxes) {
    return vmap(fn, args, (Object[]) inAxes, outAxes, null);
  }

  /**
   * {@code jax.vmap} with per-leaf axes: {@code inAxes[i]} is a tree prefix of argument
   * {@code i} (an Integer or null applies to the whole subtree below it; a List, Java array,
   * Map of the argument's shape, or a record with the argument record's component names,
   * gives each part its own), {@code outAxes} a tree
   * prefix of the output; {@code axisSize} (JAX's {@code axis_size}) fixes the batch size,
   * needed when nothing is mapped.
   *
   * @param fn the function to map, taking its arguments as an array
   * @param args the arguments
   * @param inAxes one axis specification per argument
   * @param outAxes the axis specification of the output
   * @param axisSize the batch size, or null to take it from the mapped arguments
   * @return the outputs, stacked as {@code outAxes} says
   * @throws JaxValueError if a specification is not a tree prefix of its value, sizes disagree
   *     or nothing is mapped, in JAX's words
   * @throws JaxTypeError if a specification has leaves other than Integer and null
   */
  public static Object vmap(Function<Object[], Object> fn, Object[] args, Object[] inAxes,
      Object outAxes, Integer axisSize) {
    List<Pytree.TreeDef> argDefs = new ArrayList<>();
    for (Object a : args) {
      argDefs.add(Pytree.flatten(a).treedef());
    }
    checkAxisLeaves("in_axes", inAxes, inAxes);
    checkAxisLeaves("out_axes", outAxes, outAxes);
    if (inAxes.length != args.length) {
      throw prefixError("in_axes", py(inAxes), argsTree(argDefs));
    }
    Pytree.Flat flat = Pytree.flatten(Arrays.asList(args));
    List<NDArray> leaves = leaves(Arrays.asList(args));
    List<Integer> axes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (!broadcastPrefix(inAxes[i], argDefs.get(i), axes)) {
        throw prefixError("in_axes", py(inAxes), argsTree(argDefs));
      }
      keyPaths(argDefs.get(i), "args[" + i + "]", names);
    }
    int[] dims = new int[leaves.size()];
    for (int k = 0; k < dims.length; k++) {
      Integer ax = axes.get(k);
      if (ax == null) {
        dims[k] = Primitive.NOT_MAPPED;
        continue;
      }
      int r = leaves.get(k).aval().rank();
      dims[k] = ax < 0 ? ax + r : ax;
      if (dims[k] < 0 || dims[k] >= r) {
        throw new JaxValueError("vmap was requested to map its argument along axis " + ax
            + ", which implies that its rank should be at least " + (ax < 0 ? -ax : ax + 1)
            + ", but is only " + r + " (its shape is "
            + org.jaxpresso.core.Shape.tupleString(leaves.get(k).aval().shape().dims()) + ")");
      }
    }
    Pytree.TreeDef[] outTree = new Pytree.TreeDef[1];
    List<Integer> outDims = new ArrayList<>();
    Function<Integer, Integer> outDim = j -> {
      if (outDims.isEmpty() && !broadcastPrefix(outAxes, outTree[0], outDims)) {
        throw prefixError("out_axes", py(outAxes), "PyTreeDef(" + outTree[0] + ")");
      }
      return outDims.get(j);
    };
    List<NDArray> out = Batching.vmap(flat(fn, flat.treedef(), outTree), leaves, dims,
        outDim, axisSize, names);
    return Pytree.unflatten(outTree[0], out);
  }

  /**
   * Appends to {@code out} one axis per leaf of {@code def}, as {@code spec} (a tree prefix of
   * it) says; false if {@code spec} is not a prefix of {@code def}.
   */
  private static boolean broadcastPrefix(Object spec, Pytree.TreeDef def, List<Integer> out) {
    if (spec == null || spec instanceof Integer) {
      for (int k = 0; k < def.leafCount(); k++) {
        out.add((Integer) spec);
      }
      return true;
    }
    List<?> items = spec instanceof List<?> l ? l
        : spec instanceof Object[] a ? Arrays.asList(a) : null;
    if (items != null) {
      if (!(def instanceof Pytree.Seq seq) || seq.children().size() != items.size()) {
        return false;
      }
      for (int k = 0; k < items.size(); k++) {
        if (!broadcastPrefix(items.get(k), seq.children().get(k), out)) {
          return false;
        }
      }
      return true;
    }
    if (spec instanceof java.util.Map<?, ?> m) {
      if (!(def instanceof Pytree.Dict d) || !new java.util.HashSet<>(d.keys()).equals(
          m.keySet())) {
        return false;
      }
      for (int k = 0; k < d.keys().size(); k++) {
        if (!broadcastPrefix(m.get(d.keys().get(k)), d.children().get(k), out)) {
          return false;
        }
      }
      return true;
    }
    if (spec instanceof Record r) {
      // a record argument's components take their axes from a record with the same component
      // names (Java records are typed, so the axes come in a record of their own type)
      if (!(def instanceof Pytree.Rec rec) || !componentNames(rec.type()).equals(
          componentNames(r.getClass()))) {
        return false;
      }
      java.lang.reflect.RecordComponent[] cs = r.getClass().getRecordComponents();
      for (int k = 0; k < cs.length; k++) {
        Object child;
        try {
          child = cs[k].getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        if (!broadcastPrefix(child, rec.children().get(k), out)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static List<String> componentNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    java.lang.reflect.RecordComponent[] cs = type.getRecordComponents();
    if (cs != null) {
      for (java.lang.reflect.RecordComponent c : cs) {
        names.add(c.getName());
      }
    }
    return names;
  }

  /** JAX's check that axis specifications hold only ints and None. */
  private static void checkAxisLeaves(String what, Object spec, Object whole) {
    if (spec == null || spec instanceof Integer) {
      return;
    }
    if (spec instanceof List<?> l) {
      l.forEach(x -> checkAxisLeaves(what, x, whole));
    } else if (spec instanceof Object[] a) {
      for (Object x : a) {
        checkAxisLeaves(what, x, whole);
      }
    } else if (spec instanceof java.util.Map<?, ?> m) {
      m.values().forEach(x -> checkAxisLeaves(what, x, whole));
    } else if (!(spec instanceof Record)) {
      throw new JaxTypeError("vmap " + what + " must be an int, None, or (nested) container"
          + " with those types as leaves, but got " + py(whole) + ".");
    }
  }

  private static JaxValueError prefixError(String what, String spec, String tree) {
    return new JaxValueError("vmap " + what + " specification must be a tree prefix of the"
        + " corresponding value, got specification " + spec + " for value tree " + tree + ".");
  }

  /** The arguments' tree as JAX prints the tuple of positional arguments. */
  private static String argsTree(List<Pytree.TreeDef> defs) {
    StringBuilder sb = new StringBuilder("PyTreeDef((");
    for (int i = 0; i < defs.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(defs.get(i));
    }
    return sb.append(defs.size() == 1 ? ",))" : "))").toString();
  }

  /** JAX's key paths of the leaves of {@code def}: {@code args[0][1]['w'].field}. */
  private static void keyPaths(Pytree.TreeDef def, String prefix, List<String> out) {
    switch (def) {
      case Pytree.Leaf l -> out.add(prefix);
      case Pytree.None n -> { }
      case Pytree.Seq s -> {
        for (int k = 0; k < s.children().size(); k++) {
          keyPaths(s.children().get(k), prefix + "[" + k + "]", out);
        }
      }
      case Pytree.Dict d -> {
        for (int k = 0; k < d.keys().size(); k++) {
          keyPaths(d.children().get(k), prefix + "['" + d.keys().get(k) + "']", out);
        }
      }
      case Pytree.Rec r -> {
        java.lang.reflect.RecordComponent[] cs = r.type().getRecordComponents();
        for (int k = 0; k < r.children().size(); k++) {
          String field = cs != null && k < cs.length ? cs[k].getName() : String.valueOf(k);
          keyPaths(r.children().get(k), prefix + "." + field, out);
        }
      }
    }
  }

  /** A specification as Python prints it: None, ints, [lists], (tuples), {'dicts'}. */
  private static String py(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Object[] a) {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < a.length; i++) {
        sb.append(i > 0 ? ", " : "").append(py(a[i]));
      }
      return sb.append(a.length == 1 ? ",)" : ")").toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(py(l.get(i)));
      }
      return sb.append("]").toString();
    }
    if (v instanceof java.util.Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      int i = 0;
      for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(i++ > 0 ? ", " : "").append('\'').append(e.getKey()).append("': ")
            .append(py(e.getValue()));
      }
      return sb.append("}").toString();
    }
    return String.valueOf(v);
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
