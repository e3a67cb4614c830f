package org.jaxpresso.jit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ad.Ad;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.tracing.Pytree;

/**
 * The pytree-level implementation of {@code Jax.customJvp} and {@code Jax.customVjp}: the
 * function and its rules flattened for core's {@link org.jaxpresso.core.ad.CustomJvp} and
 * {@link org.jaxpresso.core.ad.CustomVjp}, one of those per argument structure, the outputs,
 * tangents and cotangents rebuilt.
 */
public final class CustomDerivatives {
  private CustomDerivatives() {}

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
          return Transforms.leaves(out);
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
          return new Ad.JvpOutput(Transforms.leaves(r[0]), Transforms.leaves(r[1]));
        });
        return entry;
      });
      List<NDArray> outs = e.custom.call(Transforms.leaves(arg));
      return Pytree.unflatten(e.outTree, outs);
    };
  }

  /**
   * {@code jax.custom_vjp} over pytrees: {@code fn} whose reverse-mode derivative is given by
   * {@code fwd} (argument to {output, residuals}) and {@code bwd} ((residuals, output
   * cotangent) to the argument's cotangent, of the argument's structure; null leaves are
   * zeros).
   *
   * @param name the function's name, printed as the {@code name} param
   * @param fn the function
   * @param fwdName the forward rule's name
   * @param fwd the forward rule: the argument to {output, residuals (any pytree)}
   * @param bwdName the backward rule's name
   * @param bwd the backward rule
   * @return the function with the custom VJP
   */
  public static Function<Object, Object> customVjp(String name, Function<Object, Object> fn,
      String fwdName, Function<Object, Object[]> fwd, String bwdName,
      java.util.function.BiFunction<Object, Object, Object> bwd) {
    java.util.concurrent.ConcurrentHashMap<Pytree.TreeDef, CustomVjpEntry> byTree =
        new java.util.concurrent.ConcurrentHashMap<>();
    return arg -> {
      Pytree.Flat in = Pytree.flatten(arg);
      CustomVjpEntry e = byTree.computeIfAbsent(in.treedef(), def -> {
        CustomVjpEntry entry = new CustomVjpEntry();
        entry.custom = new org.jaxpresso.core.ad.CustomVjp(name, leaves -> {
          Object out = fn.apply(Pytree.unflatten(def, leaves));
          entry.outTree = Pytree.flatten(out).treedef();
          return Transforms.leaves(out);
        }, fwdName, ps -> {
          Object[] r = fwd.apply(Pytree.unflatten(def, ps));
          Pytree.Flat out = Pytree.flatten(r[0]);
          if (entry.outTree != null && !out.treedef().equals(entry.outTree)) {
            throw new JaxTypeError("Custom VJP fwd rule " + fwdName + " for function " + name
                + " must produce a pair (list or tuple of length two) where the first element"
                + " represents the primal output (equal in value to the output of the"
                + " custom_vjp-decorated function " + name + ", and in particular of the same"
                + " container/pytree structure), but instead the fwd rule output's first"
                + " element had container/pytree structure:\n    " + out.treedef()
                + "\nwhile the custom_vjp-decorated function " + name + " had output"
                + " container/pytree structure:\n    " + entry.outTree + ".");
          }
          Pytree.TreeDef outDef = out.treedef();
          Pytree.TreeDef resDef = Pytree.flatten(r[1]).treedef();
          org.jaxpresso.core.ad.CustomVjp.Bwd flatBwd = (res, cts) -> {
            Object c = bwd.apply(Pytree.unflatten(resDef, res), Pytree.unflatten(outDef, cts));
            List<NDArray> cts2 = new ArrayList<>();
            if (!nullableLeaves(c, def, cts2)) {
              throw new JaxTypeError("Custom VJP bwd rule must produce an output with the same"
                  + " container (pytree) structure as the args tuple of the primal function,"
                  + " and in particular must produce a tuple of length equal to the number of"
                  + " arguments to the primal function, but got bwd output structure "
                  + Pytree.flatten(c).treedef() + " for primal input structure " + def + ".");
            }
            return cts2;
          };
          return new org.jaxpresso.core.ad.CustomVjp.FwdOutput(Transforms.leaves(r[0]),
              Transforms.leaves(r[1]), flatBwd);
        }, bwdName);
        return entry;
      });
      List<NDArray> outs = e.custom.call(Transforms.leaves(arg));
      return Pytree.unflatten(e.outTree, outs);
    };
  }

  /**
   * Appends the leaves of cotangent {@code c} of structure {@code def} to {@code out}, a null
   * (None) subtree standing for zeros (appended as nulls); false if the structures differ.
   */
  private static boolean nullableLeaves(Object c, Pytree.TreeDef def, List<NDArray> out) {
    if (c == null) {
      for (int k = 0; k < def.leafCount(); k++) {
        out.add(null);
      }
      return true;
    }
    switch (def) {
      case Pytree.Leaf l -> {
        if (c instanceof NDArray x) {
          out.add(x);
          return true;
        }
        if (c instanceof Number || c instanceof Boolean) {
          out.add(Array.fromJavaScalar(c));
          return true;
        }
        return false;
      }
      case Pytree.None n -> {
        return false;
      }
      case Pytree.Seq seq -> {
        List<?> items = c instanceof List<?> l ? l
            : c instanceof Object[] a ? Arrays.asList(a) : null;
        if (items == null || items.size() != seq.children().size()) {
          return false;
        }
        for (int k = 0; k < items.size(); k++) {
          if (!nullableLeaves(items.get(k), seq.children().get(k), out)) {
            return false;
          }
        }
        return true;
      }
      case Pytree.Dict d -> {
        if (!(c instanceof java.util.Map<?, ?> m)
            || !new java.util.HashSet<>(d.keys()).equals(m.keySet())) {
          return false;
        }
        for (int k = 0; k < d.keys().size(); k++) {
          if (!nullableLeaves(m.get(d.keys().get(k)), d.children().get(k), out)) {
            return false;
          }
        }
        return true;
      }
      case Pytree.Rec rec -> {
        if (!(c instanceof Record r) || r.getClass() != rec.type()) {
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
          if (!nullableLeaves(child, rec.children().get(k), out)) {
            return false;
          }
        }
        return true;
      }
    }
  }

  /** One argument structure's custom-VJP function and the output structure it produces. */
  private static final class CustomVjpEntry {
    org.jaxpresso.core.ad.CustomVjp custom;
    volatile Pytree.TreeDef outTree;
  }

  /** One argument structure's custom-JVP function and the output structure it produces. */
  private static final class CustomJvpEntry {
    org.jaxpresso.core.ad.CustomJvp custom;
    volatile Pytree.TreeDef outTree;
  }
}
