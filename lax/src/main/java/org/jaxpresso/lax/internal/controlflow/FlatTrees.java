package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The values of {@code scan}'s {@code ft_in} and {@code ft_out} params, JAX 0.11's flat-tree
 * bookkeeping, as Java values that print as JAX prints them: a tuple of {@code None}s per group
 * ({@code ((), (None,), (None,))}), and for the scanned outputs one {@link Filtered} entry each
 * ({@code (RightsOnly(Right(None)),)}), {@code Left} marking an output forwarded from an input
 * and so not produced by the primitive.
 */
public final class FlatTrees {
  private FlatTrees() {}

  /**
   * One scanned output in {@code ft_out}: {@code RightsOnly(Right(None))} when the primitive
   * produces it, {@code RightsOnly(Left(None))} when it was pruned.
   *
   * @param kept whether the primitive produces this output
   */
  public record Filtered(boolean kept) {
    @Override
    public String toString() {
      return "RightsOnly(" + (kept ? "Right" : "Left") + "(None))";
    }
  }

  /**
   * JAX's {@code ft.nones(n)}: a tuple of {@code n} Nones.
   *
   * @param n the number of Nones
   * @return JAX's {@code ft.nones(n)}: a tuple of {@code n} Nones
   */
  public static List<Object> nones(int n) {
    return Collections.unmodifiableList(Arrays.asList(new Object[n]));
  }

  /**
   * JAX's {@code ft.nones(n).filter_with_mask(keep)}.
   *
   * @param keep which entries to keep
   * @return JAX's {@code ft.nones(n).filter_with_mask(keep)}
   */
  public static List<Object> filtered(boolean[] keep) {
    List<Object> out = new ArrayList<>(keep.length);
    for (boolean k : keep) {
      out.add(new Filtered(k));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * A tuple of groups.
   *
   * @param groups the groups, each a list
   * @return a tuple of groups
   */
  public static List<Object> tuple(Object... groups) {
    return List.of(groups);
  }

  /**
   * The size of group {@code i} of a flat-tree param.
   *
   * @param ft the flat-tree param
   * @param i the group's position
   * @return the size of group {@code i} of a flat-tree param
   */
  public static int groupSize(Object ft, int i) {
    return ((List<?>) ((List<?>) ft).get(i)).size();
  }

  /**
   * The number of kept entries of group {@code i} (entries that are not filtered out).
   *
   * @param ft the flat-tree param
   * @param i the group's position
   * @return the number of kept entries of group {@code i} (entries that are not filtered out)
   */
  public static int keptSize(Object ft, int i) {
    int n = 0;
    for (Object x : (List<?>) ((List<?>) ft).get(i)) {
      if (!(x instanceof Filtered f) || f.kept()) {
        n++;
      }
    }
    return n;
  }
}
