package org.jaxpresso.core.jaxpr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.internal.PyFormat;

/**
 * Finds the sub-jaxprs that the printer hoists to the top as {@code let NAME = { ... } in}, as
 * JAX's {@code pp_toplevel_jaxpr} does: walking the sub-jaxprs in params breadth first (a jaxpr
 * reached twice is walked twice), a sub-jaxpr is hoisted when it is reached two or more times or
 * has more than 10 equations. Its name is the {@code name} param of the first equation found
 * holding it, with {@code <} and {@code >} stripped ({@code <lambda>} is {@code lambda}),
 * {@code jaxpr} when no such equation has a name; repeated names get numeric suffixes. Jaxprs are
 * compared by identity.
 *
 * <p>This implementation visits each jaxpr once: when a jaxpr is reached again, every jaxpr
 * below it is marked as reached twice (JAX's walk would reach them all again), which gives the
 * same result in linear time.
 */
final class SharedJaxprs {
  private SharedJaxprs() {}

  /** The hoisted jaxprs of {@code top} with their names, in the order they are printed. */
  static LinkedHashMap<Jaxpr, String> find(Jaxpr top) {
    Map<Jaxpr, int[]> counts = new IdentityHashMap<>();
    List<Jaxpr> order = new ArrayList<>();
    Map<Jaxpr, String> names = new IdentityHashMap<>();
    Map<Jaxpr, Boolean> repeated = new IdentityHashMap<>();
    ArrayDeque<Jaxpr> queue = new ArrayDeque<>();
    queue.add(top);
    while (!queue.isEmpty()) {
      Jaxpr j = queue.poll();
      int[] count = counts.get(j);
      if (count != null) {
        count[0]++;
        markBelow(j, repeated);
        continue;
      }
      counts.put(j, new int[] {j != top && j.eqns().size() > 10 ? 2 : 1});
      order.add(j);
      for (Eqn e : j.eqns()) {
        String name = nameParam(e.params());
        for (Jaxpr sub : jaxprsIn(e.params())) {
          queue.add(sub);
          if (name != null) {
            names.putIfAbsent(sub, strip(name));
          }
        }
      }
    }
    LinkedHashMap<Jaxpr, String> shared = new LinkedHashMap<>();
    Map<String, Integer> nameCounts = new HashMap<>();
    for (Jaxpr j : order) {
      if (counts.get(j)[0] == 1 && !repeated.containsKey(j)) {
        continue;
      }
      String name = names.getOrDefault(j, "jaxpr");
      int used = nameCounts.getOrDefault(name, 0);
      nameCounts.put(name, used + 1);
      if (used > 0) {
        name = name + used;
        nameCounts.merge(name, 1, Integer::sum);
      }
      shared.put(j, name);
    }
    return shared;
  }

  /** Marks every jaxpr reachable through the params of {@code j}'s equations. */
  private static void markBelow(Jaxpr j, Map<Jaxpr, Boolean> repeated) {
    ArrayDeque<Jaxpr> stack = new ArrayDeque<>();
    stack.push(j);
    while (!stack.isEmpty()) {
      for (Eqn e : stack.pop().eqns()) {
        for (Jaxpr sub : jaxprsIn(e.params())) {
          if (repeated.put(sub, Boolean.TRUE) == null) {
            stack.push(sub);
          }
        }
      }
    }
  }

  /** The {@code name} param as text, or null when absent or None. */
  private static String nameParam(Params params) {
    if (!params.has("name")) {
      return null;
    }
    Object v = params.get("name");
    return v == null ? null : v instanceof String s ? s : PyFormat.str(v);
  }

  private static String strip(String name) {
    int lo = 0;
    int hi = name.length();
    while (lo < hi && (name.charAt(lo) == '<' || name.charAt(lo) == '>')) {
      lo++;
    }
    while (hi > lo && (name.charAt(hi - 1) == '<' || name.charAt(hi - 1) == '>')) {
      hi--;
    }
    return name.substring(lo, hi);
  }

  /**
   * The jaxprs held by params, in param order: values that are a {@link Jaxpr} or {@link
   * ClosedJaxpr}, and such elements of list or array values (JAX's {@code jaxprs_in_params}).
   */
  static List<Jaxpr> jaxprsIn(Params params) {
    List<Jaxpr> found = null;
    for (Object v : params.asMap().values()) {
      if (v instanceof Collection<?> c) {
        for (Object x : c) {
          found = add(found, asJaxpr(x));
        }
      } else if (v instanceof Object[] a) {
        for (Object x : a) {
          found = add(found, asJaxpr(x));
        }
      } else {
        found = add(found, asJaxpr(v));
      }
    }
    return found == null ? List.of() : found;
  }

  private static List<Jaxpr> add(List<Jaxpr> found, Jaxpr j) {
    if (j == null) {
      return found;
    }
    List<Jaxpr> l = found == null ? new ArrayList<>(2) : found;
    l.add(j);
    return l;
  }

  /** The jaxpr of a param value that is a {@link Jaxpr} or {@link ClosedJaxpr}, else null. */
  static Jaxpr asJaxpr(Object v) {
    return switch (v) {
      case Jaxpr j -> j;
      case ClosedJaxpr c -> c.jaxpr();
      case null, default -> null;
    };
  }
}
