package org.jaxpresso.core.tracing;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jaxpresso.core.NDArray;

/**
 * Java's pytrees: nested containers whose leaves are arrays. Containers are {@link List}s,
 * {@link Map}s with {@code String} keys (flattened in sorted key order, as JAX sorts dict
 * keys), Java arrays ({@code NDArray[]}, {@code Object[]}) and records; leaves are {@link
 * NDArray}s and Java scalars ({@code Number}, {@code Boolean}); {@code null} is an empty node.
 *
 * <pre>{@code
 * Pytree.Flat f = Pytree.flatten(List.of(x, Map.of("b", y, "a", z)));
 * f.leaves();     // [x, z, y]
 * f.treedef();    // PyTreeDef([*, {'a': *, 'b': *}])
 * }</pre>
 */
public final class Pytree {
  private Pytree() {}

  /** The structure of a pytree without its leaves; compared by value (part of jit's cache key). */
  public sealed interface TreeDef {
    /**
     * The number of leaves.
     *
     * @return the number of leaves
     */
    int leafCount();
  }

  /** A leaf. */
  public record Leaf() implements TreeDef {
    @Override
    public int leafCount() {
      return 1;
    }

    @Override
    public String toString() {
      return "*";
    }
  }

  /** An empty node ({@code null}). */
  public record None() implements TreeDef {
    @Override
    public int leafCount() {
      return 0;
    }

    @Override
    public String toString() {
      return "None";
    }
  }

  /**
   * A list-like node.
   *
   * @param kind {@code list} or the Java array's component type
   * @param children the children's structures
   */
  public record Seq(String kind, List<TreeDef> children) implements TreeDef {
    @Override
    public int leafCount() {
      return countLeaves(children);
    }

    @Override
    public String toString() {
      return children.toString();
    }
  }

  /**
   * A map node with sorted string keys.
   *
   * @param keys the keys, sorted
   * @param children the structures, in key order
   */
  public record Dict(List<String> keys, List<TreeDef> children) implements TreeDef {
    @Override
    public int leafCount() {
      return countLeaves(children);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < keys.size(); i++) {
        sb.append(i > 0 ? ", " : "").append('\'').append(keys.get(i)).append("': ").append(children.get(i));
      }
      return sb.append('}').toString();
    }
  }

  /**
   * A record node.
   *
   * @param type the record class
   * @param children its components' structures, in declaration order
   */
  public record Rec(Class<?> type, List<TreeDef> children) implements TreeDef {
    @Override
    public int leafCount() {
      return countLeaves(children);
    }

    @Override
    public String toString() {
      return type.getSimpleName() + children;
    }
  }

  /**
   * A flattened pytree.
   *
   * @param leaves the leaves, in order
   * @param treedef the structure
   */
  public record Flat(List<Object> leaves, TreeDef treedef) {}

  /**
   * Flattens a pytree.
   *
   * @param tree the pytree
   * @return a pytree
   * @throws IllegalArgumentException naming the type of a value that is neither a container nor
   *     a leaf
   */
  public static Flat flatten(Object tree) {
    List<Object> leaves = new ArrayList<>();
    TreeDef def = flatten(tree, leaves);
    return new Flat(leaves, def);
  }

  private static TreeDef flatten(Object x, List<Object> leaves) {
    switch (x) {
      case null -> {
        return new None();
      }
      case NDArray a -> {
        leaves.add(a);
        return new Leaf();
      }
      case Number n -> {
        leaves.add(n);
        return new Leaf();
      }
      case Boolean b -> {
        leaves.add(b);
        return new Leaf();
      }
      case List<?> l -> {
        List<TreeDef> ch = new ArrayList<>(l.size());
        for (Object o : l) {
          ch.add(flatten(o, leaves));
        }
        return new Seq("list", List.copyOf(ch));
      }
      case Map<?, ?> m -> {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!(e.getKey() instanceof String k)) {
            throw new IllegalArgumentException("pytree map keys must be Strings, got " + e.getKey());
          }
          sorted.put(k, e.getValue());
        }
        List<TreeDef> ch = new ArrayList<>();
        for (Object o : sorted.values()) {
          ch.add(flatten(o, leaves));
        }
        return new Dict(List.copyOf(sorted.keySet()), List.copyOf(ch));
      }
      case Record r -> {
        List<TreeDef> ch = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
          try {
            c.getAccessor().setAccessible(true);
            ch.add(flatten(c.getAccessor().invoke(r), leaves));
          } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot read record component " + c.getName(), e);
          }
        }
        return new Rec(r.getClass(), List.copyOf(ch));
      }
      default -> {
        if (x.getClass().isArray() && !x.getClass().getComponentType().isPrimitive()) {
          int n = Array.getLength(x);
          List<TreeDef> ch = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            ch.add(flatten(Array.get(x, i), leaves));
          }
          return new Seq(x.getClass().getComponentType().getName(), List.copyOf(ch));
        }
        throw new IllegalArgumentException(
            "Error interpreting argument as an abstract array. The problematic value is of type "
                + x.getClass().getName() + "; pytree leaves must be arrays or Java scalars, and"
                + " containers Lists, Maps, Java arrays or records.");
      }
    }
  }

  /**
   * Rebuilds a pytree of {@code def}'s structure from {@code leaves} (records through their
   * canonical constructor).
   *
   * @param def the tree structure to rebuild
   * @param leaves the pytree leaves, in order
   * @return rebuilds a pytree of {@code def}'s structure from {@code leaves} (records through their
   *     canonical constructor)
   * @throws IllegalArgumentException if the number of leaves does not match
   */
  public static Object unflatten(TreeDef def, List<?> leaves) {
    if (leaves.size() != def.leafCount()) {
      throw new IllegalArgumentException(
          "pytree structure " + def + " needs " + def.leafCount() + " leaves, got " + leaves.size());
    }
    int[] pos = {0};
    return build(def, leaves, pos);
  }

  private static Object build(TreeDef def, List<?> leaves, int[] pos) {
    return switch (def) {
      case Leaf l -> leaves.get(pos[0]++);
      case None n -> null;
      case Seq s -> {
        List<Object> out = new ArrayList<>(s.children().size());
        for (TreeDef c : s.children()) {
          out.add(build(c, leaves, pos));
        }
        if (s.kind().equals("list")) {
          yield java.util.Collections.unmodifiableList(out);
        }
        Class<?> comp;
        try {
          comp = Class.forName(s.kind(), false, Pytree.class.getClassLoader());
        } catch (ClassNotFoundException e) {
          comp = Object.class;
        }
        Object arr = Array.newInstance(comp.isAssignableFrom(NDArray.class) || comp == Object.class ? comp : Object.class, out.size());
        for (int i = 0; i < out.size(); i++) {
          Array.set(arr, i, out.get(i));
        }
        yield arr;
      }
      case Dict d -> {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < d.keys().size(); i++) {
          m.put(d.keys().get(i), build(d.children().get(i), leaves, pos));
        }
        yield java.util.Collections.unmodifiableMap(m);
      }
      case Rec r -> {
        RecordComponent[] comps = r.type().getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
          values[i] = build(r.children().get(i), leaves, pos);
          types[i] = comps[i].getType();
        }
        try {
          var ctor = r.type().getDeclaredConstructor(types);
          ctor.setAccessible(true);
          yield ctor.newInstance(values);
        } catch (ReflectiveOperationException e) {
          throw new IllegalArgumentException("cannot rebuild record " + r.type().getName(), e);
        }
      }
    };
  }

  /** The leaves under {@code children} (a loop: unflattening asks on every jitted call). */
  private static int countLeaves(List<TreeDef> children) {
    int n = 0;
    for (int i = 0; i < children.size(); i++) {
      n += children.get(i).leafCount();
    }
    return n;
  }

  /** Checks two structures are equal, for error messages. */
  static boolean same(TreeDef a, TreeDef b) {
    return Objects.equals(a, b);
  }
}
