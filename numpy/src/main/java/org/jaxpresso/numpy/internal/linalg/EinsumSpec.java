package org.jaxpresso.numpy.internal.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jaxpresso.core.errors.JaxValueError;

/**
 * A parsed einsum subscript string, as opt_einsum's {@code parse_einsum_input} produces it:
 * one label string per operand (ellipses replaced by unused labels, right-aligned) and the
 * output labels (in implicit mode: the ellipsis labels, then the labels used once, sorted).
 *
 * @param inputs the labels of each operand, one character per axis
 * @param output the labels of the result
 */
public record EinsumSpec(List<String> inputs, String output) {

  /** The label alphabet in opt_einsum's order: a-z, A-Z, then more letters. */
  static final String SYMBOLS;

  static {
    StringBuilder sb = new StringBuilder("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    for (int c = 193; c < 688; c++) {
      sb.append((char) c);
    }
    for (int c = 913; c < 1367; c++) {
      sb.append((char) c);
    }
    SYMBOLS = sb.toString();
  }

  /** Copies the list. */
  public EinsumSpec {
    inputs = List.copyOf(inputs);
  }

  /**
   * Parses {@code subscripts} for operands of the given ranks, with opt_einsum's checks and
   * messages.
   *
   * @param subscripts the einsum subscripts, such as {@code "ij,jk->ik"}
   * @param ranks the rank of each operand
   * @return {@code subscripts} for operands of the given ranks, with opt_einsum's checks and
   *     messages
   * @throws JaxValueError for invalid characters, misplaced {@code ->} or ellipses, output labels
   *     missing from the inputs or repeated, or a subscript count that is not the operand count
   */
  public static EinsumSpec parse(String subscripts, int[] ranks) {
    if (ranks.length == 0) {
      throw new JaxValueError("No input operands");
    }
    String s = subscripts.replace(" ", "");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (".,->".indexOf(c) < 0 && SYMBOLS.indexOf(c) < 0) {
        throw new JaxValueError("Character " + c + " is not a valid symbol.");
      }
    }
    if (s.contains("-") || s.contains(">")) {
      boolean invalid = count(s, "-") > 1 || count(s, ">") > 1;
      if (invalid || count(s, "->") != 1) {
        throw new JaxValueError("Subscripts can only contain one '->'.");
      }
    }
    boolean explicit = s.contains("->");
    String in = explicit ? s.substring(0, s.indexOf("->")) : s;
    String out = explicit ? s.substring(s.indexOf("->") + 2) : null;
    List<String> terms = new ArrayList<>(List.of(in.split(",", -1)));
    if (terms.size() != ranks.length) {
      throw new JaxValueError(
          "Number of einsum subscripts must be equal to the number of operands.");
    }
    if (s.contains(".")) {
      String used = s.replace(".", "").replace(",", "").replace("->", "");
      int maxRank = 0;
      for (int r : ranks) {
        maxRank = Math.max(maxRank, r);
      }
      StringBuilder ell = new StringBuilder();
      for (int i = 0; i < SYMBOLS.length() && ell.length() < maxRank; i++) {
        if (used.indexOf(SYMBOLS.charAt(i)) < 0) {
          ell.append(SYMBOLS.charAt(i));
        }
      }
      int longest = 0;
      for (int t = 0; t < terms.size(); t++) {
        String sub = terms.get(t);
        if (!sub.contains(".")) {
          continue;
        }
        if (count(sub, ".") != 3 || count(sub, "...") != 1) {
          throw new JaxValueError("Invalid Ellipses.");
        }
        int n = ranks[t] == 0 ? 0 : Math.max(ranks[t], 1) - (sub.length() - 3);
        longest = Math.max(longest, n);
        if (n < 0) {
          throw new JaxValueError("Ellipses lengths do not match.");
        }
        terms.set(t, sub.replace("...", n == 0 ? "" : ell.substring(ell.length() - n)));
      }
      String outEllipse = longest == 0 ? "" : ell.substring(ell.length() - longest);
      if (explicit) {
        if (out.contains(".") && (count(out, ".") != 3 || count(out, "...") != 1)) {
          throw new JaxValueError("Invalid Ellipses.");
        }
        out = out.replace("...", outEllipse);
      } else {
        StringBuilder o = new StringBuilder(outEllipse);
        for (char c : implicitOutput(String.join(",", terms)).toCharArray()) {
          if (outEllipse.indexOf(c) < 0) {
            o.append(c);
          }
        }
        out = o.toString();
      }
    } else if (!explicit) {
      out = implicitOutput(in);
    }
    String allIn = String.join("", terms);
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (allIn.indexOf(c) < 0) {
        throw new JaxValueError("Output character " + c + " did not appear in the input");
      }
      if (out.indexOf(c) != i) {
        throw new JaxValueError("Output character '" + c
            + "' appeared more than once in the output.");
      }
    }
    for (int t = 0; t < terms.size(); t++) {
      if (terms.get(t).length() != ranks[t]) {
        throw new JaxValueError("Einstein sum subscript '" + terms.get(t)
            + "' does not contain the correct number of indices for operand " + t + ".");
      }
    }
    return new EinsumSpec(terms, out);
  }

  /** The labels used exactly once, sorted (opt_einsum's {@code find_output_str}). */
  private static String implicitOutput(String subscripts) {
    String flat = subscripts.replace(",", "");
    TreeSet<Character> sorted = new TreeSet<>();
    for (char c : flat.toCharArray()) {
      sorted.add(c);
    }
    StringBuilder sb = new StringBuilder();
    for (char c : sorted) {
      if (count(flat, String.valueOf(c)) == 1) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
      n++;
    }
    return n;
  }
}
