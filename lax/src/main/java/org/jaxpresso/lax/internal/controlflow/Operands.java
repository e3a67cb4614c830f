package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Promotion;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.tracing.Pytree;
import org.jaxpresso.lax.Lax;

/** Flattened pytree operands of a control-flow function, and the weak-type promotion of carries. */
final class Operands {
  private Operands() {}

  /**
   * A flattened pytree with its leaves as arrays.
   *
   * @param leaves the leaves; Java scalars became weakly typed 0-d arrays
   * @param raw the leaves as given (Java scalars kept)
   * @param tree the structure
   */
  record Flat(List<NDArray> leaves, List<Object> raw, Pytree.TreeDef tree) {
    List<ShapedArray> avals() {
      List<ShapedArray> out = new ArrayList<>(leaves.size());
      for (NDArray x : leaves) {
        out.add(x.aval());
      }
      return out;
    }
  }

  /** Flattens {@code tree}, turning Java scalar leaves into arrays. */
  static Flat flatten(Object tree) {
    Pytree.Flat f = Pytree.flatten(tree);
    List<NDArray> leaves = new ArrayList<>(f.leaves().size());
    for (Object leaf : f.leaves()) {
      leaves.add(leaf instanceof NDArray x ? x : Array.fromJavaScalar(leaf));
    }
    return new Flat(leaves, f.leaves(), f.treedef());
  }

  /** The structure of a list of arguments, one entry per argument. */
  static Pytree.TreeDef args(Pytree.TreeDef... children) {
    return new Pytree.Seq("list", List.of(children));
  }

  /**
   * JAX's {@code _promote_weak_typed_input}, leaf by leaf: a weakly typed initial carry whose
   * type differs from the body's output is converted to the promoted dtype of the two (a Java
   * scalar right away, an array by a {@code convert_element_type}). Returns null when nothing
   * changed.
   */
  static List<NDArray> promoteWeakCarry(Flat init, List<ShapedArray> out) {
    boolean changed = false;
    List<NDArray> promoted = new ArrayList<>(init.leaves());
    for (int i = 0; i < promoted.size() && i < out.size(); i++) {
      ShapedArray in = promoted.get(i).aval();
      if (in.weakType() && !TreeDiff.typematch(in, out.get(i))) {
        var dtype = Promotion.resultType(Promotion.of(in), Promotion.of(out.get(i))).dtype();
        promoted.set(i, Lax.convertElementType(init.raw().get(i), dtype.canonical()));
        changed = true;
      }
    }
    return changed ? promoted : null;
  }

  /** {@code (3,)}: a shape as a Python tuple. */
  static String shapeTuple(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** {@code [5, 4]}: ints as a Python list. */
  static String pyList(List<Integer> xs) {
    return Arrays.toString(xs.toArray());
  }
}
