package org.jaxpresso.numpy.internal.linalg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.numpy.JnpLinalg;

/**
 * The contraction sequence of an einsum, as opt_einsum's {@code contract_path} lists it: each
 * step pops one or two operands (highest position first) and appends the result.
 */
public final class EinsumPath {
  private EinsumPath() {}

  /**
   * One step.
   *
   * @param operands positions in the current operand list, highest first
   * @param inputs the labels of those operands, in the same order
   * @param result the labels of the step's result
   * @param removed the labels summed away by this step
   */
  public record Step(int[] operands, List<String> inputs, String result, Set<Character> removed) {}

  /**
   * The steps contracting the operands of {@code spec} (of the given shapes) in {@code order}.
   *
   * @param spec the parsed subscripts
   * @param shapes the operands' shapes
   * @param order the memory order
   * @return the steps contracting the operands of {@code spec} (of the given shapes) in {@code
   *     order}
   * @throws JaxValueError if a label's sizes disagree (size 1 broadcasts)
   */
  public static List<Step> plan(EinsumSpec spec, List<int[]> shapes,
      JnpLinalg.EinsumOrder order) {
    Map<Character, Integer> sizes = new HashMap<>();
    for (int t = 0; t < shapes.size(); t++) {
      String term = spec.inputs().get(t);
      for (int c = 0; c < term.length(); c++) {
        char label = term.charAt(c);
        int dim = shapes.get(t)[c];
        Integer prev = sizes.get(label);
        if (prev == null || prev == 1) {
          sizes.put(label, dim);
        } else if (dim != 1 && dim != prev) {
          throw new JaxValueError("Size of label '" + label + "' for operand " + t + " (" + prev
              + ") does not match previous terms (" + dim + ").");
        }
      }
    }
    List<String> terms = new ArrayList<>(spec.inputs());
    List<Step> steps = new ArrayList<>();
    if (terms.size() == 1) {
      steps.add(step(terms, new int[] {0}, spec.output(), true));
      return steps;
    }
    while (terms.size() > 1) {
      int[] pair = order == JnpLinalg.EinsumOrder.LEFT_TO_RIGHT ? new int[] {0, 1}
          : cheapestPair(terms, spec.output(), sizes);
      steps.add(step(terms, pair, spec.output(), terms.size() == 2));
    }
    return steps;
  }

  /** The pair whose result is smallest relative to its inputs (opt_einsum's greedy cost). */
  private static int[] cheapestPair(List<String> terms, String output,
      Map<Character, Integer> sizes) {
    int[] best = null;
    long bestCost = Long.MAX_VALUE;
    for (int i = 0; i < terms.size(); i++) {
      for (int j = i + 1; j < terms.size(); j++) {
        Set<Character> kept = kept(terms, new int[] {j, i}, output);
        long cost = size(kept, sizes) - size(chars(terms.get(i)), sizes)
            - size(chars(terms.get(j)), sizes);
        if (cost < bestCost) {
          bestCost = cost;
          best = new int[] {i, j};
        }
      }
    }
    return best;
  }

  private static long size(Set<Character> labels, Map<Character, Integer> sizes) {
    long n = 1;
    for (char c : labels) {
      n *= sizes.get(c);
    }
    return n;
  }

  private static Set<Character> chars(String s) {
    Set<Character> out = new LinkedHashSet<>();
    for (char c : s.toCharArray()) {
      out.add(c);
    }
    return out;
  }

  /** Labels of the contracted terms still needed by the output or the other terms. */
  private static Set<Character> kept(List<String> terms, int[] positions, String output) {
    Set<Character> needed = chars(output);
    for (int t = 0; t < terms.size(); t++) {
      boolean contracted = false;
      for (int p : positions) {
        contracted |= p == t;
      }
      if (!contracted) {
        needed.addAll(chars(terms.get(t)));
      }
    }
    Set<Character> kept = new LinkedHashSet<>();
    for (int p : positions) {
      for (char c : terms.get(p).toCharArray()) {
        if (needed.contains(c)) {
          kept.add(c);
        }
      }
    }
    return kept;
  }

  private static Step step(List<String> terms, int[] positions, String output, boolean last) {
    int[] desc = positions.clone();
    java.util.Arrays.sort(desc);
    for (int i = 0; i < desc.length / 2; i++) {
      int t = desc[i];
      desc[i] = desc[desc.length - 1 - i];
      desc[desc.length - 1 - i] = t;
    }
    Set<Character> kept = kept(terms, desc, output);
    List<String> inputs = new ArrayList<>();
    for (int p : desc) {
      inputs.add(terms.remove(p));
    }
    String all = String.join("", inputs);
    Set<Character> removed = new LinkedHashSet<>(chars(all));
    removed.removeAll(kept);
    String result;
    if (last) {
      result = output;
    } else {
      List<Character> k = new ArrayList<>(kept);
      k.sort((x, y) -> Integer.compare(all.indexOf(x), all.indexOf(y)));
      StringBuilder sb = new StringBuilder();
      for (char c : k) {
        sb.append(c);
      }
      result = sb.toString();
    }
    terms.add(result);
    return new Step(desc, inputs, result, removed);
  }
}
