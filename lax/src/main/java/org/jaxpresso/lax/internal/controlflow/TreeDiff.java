package org.jaxpresso.lax.internal.controlflow;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.tracing.Pytree;

/**
 * Key paths of pytree leaves and descriptions of how two pytrees differ, worded as JAX's
 * {@code keystr} and {@code equality_errors}: list elements are {@code [0]}, map entries
 * {@code ['key']}, record components {@code .name}.
 */
public final class TreeDiff {
  private TreeDiff() {}

  /** One structural difference: where, what each side has there, and why they differ. */
  record Difference(String path, String thing1, String thing2, String explanation) {}

  /**
   * The key path of every leaf of {@code def}, in flattening order ({@code ""} for the root).
   *
   * @param def the tree structure
   * @return the key path of every leaf of {@code def}, in flattening order ({@code ""} for the
   *     root)
   */
  public static List<String> leafPaths(Pytree.TreeDef def) {
    List<String> out = new ArrayList<>();
    walk(def, "", out);
    return out;
  }

  private static void walk(Pytree.TreeDef def, String path, List<String> out) {
    switch (def) {
      case Pytree.Leaf l -> out.add(path);
      case Pytree.None n -> { }
      case Pytree.Seq s -> {
        for (int i = 0; i < s.children().size(); i++) {
          walk(s.children().get(i), path + "[" + i + "]", out);
        }
      }
      case Pytree.Dict d -> {
        for (int i = 0; i < d.keys().size(); i++) {
          walk(d.children().get(i), path + "['" + d.keys().get(i) + "']", out);
        }
      }
      case Pytree.Rec r -> {
        RecordComponent[] comps = r.type().getRecordComponents();
        for (int i = 0; i < r.children().size(); i++) {
          walk(r.children().get(i), path + "." + comps[i].getName(), out);
        }
      }
    }
  }

  /** The structural differences of two trees (at most one per branch, as JAX stops there). */
  static List<Difference> differences(Pytree.TreeDef a, Pytree.TreeDef b) {
    List<Difference> out = new ArrayList<>();
    diff("", a, b, out);
    return out;
  }

  private static void diff(String path, Pytree.TreeDef a, Pytree.TreeDef b,
      List<Difference> out) {
    if (a instanceof Pytree.Leaf && b instanceof Pytree.Leaf) {
      return;
    }
    if (!kind(a).equals(kind(b))) {
      out.add(new Difference(path, kind(a), kind(b), "their Java types differ"));
      return;
    }
    switch (a) {
      case Pytree.Seq s -> {
        Pytree.Seq t = (Pytree.Seq) b;
        if (s.children().size() != t.children().size()) {
          out.add(new Difference(path, kind(a) + " of length " + s.children().size(),
              kind(b) + " of length " + t.children().size(), "the lengths do not match"));
          return;
        }
        for (int i = 0; i < s.children().size(); i++) {
          diff(path + "[" + i + "]", s.children().get(i), t.children().get(i), out);
        }
      }
      case Pytree.Dict d -> {
        Pytree.Dict e = (Pytree.Dict) b;
        if (!d.keys().equals(e.keys())) {
          TreeSet<String> sym = new TreeSet<>(d.keys());
          sym.addAll(e.keys());
          TreeSet<String> both = new TreeSet<>(d.keys());
          both.retainAll(e.keys());
          sym.removeAll(both);
          List<String> quoted = sym.stream().map(k -> "'" + k + "'").toList();
          String explanation = d.keys().size() != e.keys().size()
              ? "the numbers of children do not match"
              : "the pytree node metadata does not match";
          out.add(new Difference(path, "map with keys " + d.keys(), "map with keys " + e.keys(),
              explanation + ", with the symmetric difference of key sets: {"
                  + String.join(" ", quoted) + "}"));
          return;
        }
        for (int i = 0; i < d.keys().size(); i++) {
          diff(path + "['" + d.keys().get(i) + "']", d.children().get(i), e.children().get(i),
              out);
        }
      }
      case Pytree.Rec r -> {
        RecordComponent[] comps = r.type().getRecordComponents();
        Pytree.Rec q = (Pytree.Rec) b;
        for (int i = 0; i < r.children().size(); i++) {
          diff(path + "." + comps[i].getName(), r.children().get(i), q.children().get(i), out);
        }
      }
      case Pytree.Leaf l -> { }
      case Pytree.None n -> { }
    }
  }

  private static String kind(Pytree.TreeDef d) {
    return switch (d) {
      case Pytree.Leaf l -> "pytree leaf";
      case Pytree.None n -> "None";
      case Pytree.Seq s -> s.kind().equals("list") ? "list" : "Java array of " + s.kind();
      case Pytree.Dict m -> "map";
      case Pytree.Rec r -> "record " + r.type().getSimpleName();
    };
  }

  /** {@code float32[3,4]}: JAX's {@code str_short} of an aval (no weak-type mark). */
  static String strShort(ShapedArray a) {
    return a.dtype().longName() + "[" + a.shape().compact() + "]";
  }

  /**
   * JAX's {@code typematch}: equal shape and dtype, weak type ignored.
   *
   * @param a the input array
   * @param b the second input array
   * @return JAX's {@code typematch}: equal shape and dtype, weak type ignored
   */
  public static boolean typematch(ShapedArray a, ShapedArray b) {
    return a.dtype() == b.dtype() && a.shape().equals(b.shape());
  }

  /** JAX's {@code aval_mismatch_extra}: {@code ", so the dtypes do not match"} and the like. */
  static String mismatchExtra(ShapedArray a, ShapedArray b) {
    List<String> m = new ArrayList<>();
    if (a.dtype() != b.dtype()) {
      m.add("the dtypes do not match");
    }
    if (!a.shape().equals(b.shape())) {
      m.add("the shapes do not match");
    }
    if (m.isEmpty()) {
      return "";
    }
    if (m.size() == 1) {
      return ", so " + m.get(0);
    }
    return ", so " + String.join(", ", m.subList(0, m.size() - 1)) + ", and " + m.getLast();
  }

  /** JAX's {@code _capitalize}: the first character upper-cased, the rest unchanged. */
  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Whether two structures are equal. */
  static boolean sameStructure(Pytree.TreeDef a, Pytree.TreeDef b) {
    return Objects.equals(a, b);
  }
}
