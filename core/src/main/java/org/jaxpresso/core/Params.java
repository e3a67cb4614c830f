package org.jaxpresso.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jaxpresso.core.internal.PyFormat;

/**
 * The parameters of one primitive application: an immutable map from name to value, sorted by
 * name (the order jaxprs print them in), compared by value (so it can key compile caches).
 *
 * <p>Values are Java values with a Python text form (see {@link PyFormat#str}): {@code null}
 * (None), {@code Boolean}, {@code Integer}, {@code Long}, {@code Double}, {@code String},
 * {@link DType}, {@code int[]} and {@code int[][]} (tuples), lists, enums and records. Arrays
 * given here are copied, and the getters return copies.
 *
 * <pre>{@code
 * Params p = Params.of("axes", new int[] {0}, "out_sharding", null);
 * p.ints("axes");   // {0}
 * p.toString();     // "[axes=(0,) out_sharding=None]"
 * }</pre>
 */
public final class Params {
  /** No parameters. */
  public static final Params EMPTY = new Params(new TreeMap<>());

  private final TreeMap<String, Object> values;
  private final int hash;

  private Params(TreeMap<String, Object> values) {
    this.values = values;
    int h = 0;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      h += e.getKey().hashCode() ^ deepHash(e.getValue());
    }
    this.hash = h;
  }

  /**
   * Params from alternating names and values: {@code Params.of("axes", new int[] {0})}.
   *
   * @param namesAndValues names (strings) alternating with their values
   * @return params from alternating names and values: {@code Params.of("axes", new int[] {0})}
   * @throws IllegalArgumentException if the list is odd or a name repeats or is not a String
   */
  public static Params of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Params.of takes name, value pairs");
    }
    TreeMap<String, Object> m = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!(namesAndValues[i] instanceof String name)) {
        throw new IllegalArgumentException("parameter names must be strings, got " + namesAndValues[i]);
      }
      if (m.containsKey(name)) {
        throw new IllegalArgumentException("parameter " + name + " given twice");
      }
      m.put(name, copy(namesAndValues[i + 1]));
    }
    return m.isEmpty() ? EMPTY : new Params(m);
  }

  /**
   * These params with {@code name} set to {@code value}.
   *
   * @param name the parameter's name
   * @param value the parameter's value
   * @return these params with {@code name} set to {@code value}
   */
  public Params with(String name, Object value) {
    TreeMap<String, Object> m = new TreeMap<>(values);
    m.put(name, copy(value));
    return new Params(m);
  }

  /**
   * Whether a parameter named {@code name} is present.
   *
   * @param name the parameter's name
   * @return whether a parameter named {@code name} is present
   */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * The parameter names, sorted.
   *
   * @return the parameter names, sorted
   */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  /**
   * The number of parameters.
   *
   * @return the number of parameters
   */
  public int size() {
    return values.size();
  }

  /**
   * True when there are none.
   *
   * @return {@code true} when there are none
   */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * The raw value of {@code name} (arrays are not copied: do not modify).
   *
   * @param name the parameter's name
   * @return the raw value of {@code name} (arrays are not copied: do not modify)
   * @throws IllegalArgumentException if absent
   */
  public Object get(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("missing parameter " + name + " in " + this);
    }
    return values.get(name);
  }

  /**
   * An {@code int} parameter.
   *
   * @param name the parameter's name
   * @return an {@code int} parameter
   */
  public int getInt(String name) {
    return ((Number) get(name)).intValue();
  }

  /**
   * A {@code long} parameter.
   *
   * @param name the parameter's name
   * @return a {@code long} parameter
   */
  public long getLong(String name) {
    return ((Number) get(name)).longValue();
  }

  /**
   * A {@code double} parameter.
   *
   * @param name the parameter's name
   * @return a {@code double} parameter
   */
  public double getDouble(String name) {
    return ((Number) get(name)).doubleValue();
  }

  /**
   * A {@code boolean} parameter.
   *
   * @param name the parameter's name
   * @return a {@code boolean} parameter
   */
  public boolean getBoolean(String name) {
    return (Boolean) get(name);
  }

  /**
   * A dtype parameter.
   *
   * @param name the parameter's name
   * @return a dtype parameter
   */
  public DType dtype(String name) {
    return (DType) get(name);
  }

  /**
   * An {@code int[]} (tuple) parameter, copied; null if the value is None.
   *
   * @param name the parameter's name
   * @return an {@code int[]} (tuple) parameter, copied; null if the value is None
   */
  public int[] ints(String name) {
    int[] a = (int[]) get(name);
    return a == null ? null : a.clone();
  }

  /**
   * An {@code int[][]} parameter, copied; null if the value is None.
   *
   * @param name the parameter's name
   * @return an {@code int[][]} parameter, copied; null if the value is None
   */
  public int[][] intPairs(String name) {
    int[][] a = (int[][]) get(name);
    if (a == null) {
      return null;
    }
    int[][] c = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /**
   * A parameter of type {@code type}.
   *
   * @param <T> the type of the values
   * @param name the parameter's name
   * @param type the expected class of the value
   * @return a parameter of type {@code type}
   */
  public <T> T get(String name, Class<T> type) {
    return type.cast(get(name));
  }

  /**
   * The entries, sorted by name (values not copied: do not modify).
   *
   * @return the entries, sorted by name (values not copied: do not modify)
   */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  private static Object copy(Object v) {
    return switch (v) {
      case int[] a -> a.clone();
      case long[] a -> a.clone();
      case int[][] a -> {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
          c[i] = a[i].clone();
        }
        yield c;
      }
      case null, default -> v;
    };
  }

  private static int deepHash(Object v) {
    return switch (v) {
      case null -> 0;
      case int[] a -> Arrays.hashCode(a);
      case long[] a -> Arrays.hashCode(a);
      case Object[] a -> Arrays.deepHashCode(a);
      default -> v.hashCode();
    };
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Params p) || p.hash != hash || p.values.size() != values.size()) {
      return false;
    }
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (!p.values.containsKey(e.getKey())) {
        return false;
      }
      if (!Objects.deepEquals(e.getValue(), p.values.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** {@code [k1=v1 k2=v2]} with Python text for the values; {@code []} when empty. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    boolean first = true;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      sb.append(first ? "" : " ").append(e.getKey()).append('=').append(PyFormat.str(e.getValue()));
      first = false;
    }
    return sb.append(']').toString();
  }
}
