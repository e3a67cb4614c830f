package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.tracing.Pytree;

/**
 * JAX's control-flow type checks with their messages: {@code _check_carry_type} (a loop body
 * must return a carry of the input carry's structure and types) and
 * {@code _check_branch_outputs} (cond and switch branches must agree).
 */
public final class Checks {
  private Checks() {}

  /**
   * Checks that a loop body's carry output has the structure and leaf types (shape and dtype;
   * weak types ignored) of its carry input.
   *
   * @param inTree the pytree structure of the inputs
   * @param in the carry input types
   * @param outTree the pytree structure of the outputs
   * @param out the body's carry output types
   * @param name {@code while_loop body} or {@code scan body}
   * @throws JaxTypeError naming each leaf that differs, its input type and its output type
   */
  public static void checkCarryType(String name, Pytree.TreeDef inTree, List<ShapedArray> in,
      Pytree.TreeDef outTree, List<ShapedArray> out) {
    Function<String, String> component =
        p -> p.isEmpty() ? "the input carry" : "the input carry at path " + p;
    if (!TreeDiff.sameStructure(inTree, outTree)) {
      List<String> diffs = new ArrayList<>();
      for (TreeDiff.Difference d : TreeDiff.differences(inTree, outTree)) {
        diffs.add(component.apply(d.path()) + " is a " + d.thing1()
            + " but the corresponding component of the carry output is a " + d.thing2() + ", so "
            + d.explanation());
      }
      if (diffs.isEmpty()) {
        return;
      }
      throw new JaxTypeError(name + " function carry input and carry output must have the same"
          + " pytree structure, but they differ:\n\n" + listed(diffs) + "\n"
          + "Revise the function so that the carry output has the same pytree structure as the"
          + " carry input.");
    }
    List<String> paths = TreeDiff.leafPaths(inTree);
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      if (!TreeDiff.typematch(in.get(i), out.get(i))) {
        diffs.add(component.apply(paths.get(i)) + " has type " + TreeDiff.strShort(in.get(i))
            + " but the corresponding output carry component has type "
            + TreeDiff.strShort(out.get(i)) + TreeDiff.mismatchExtra(in.get(i), out.get(i)));
      }
    }
    if (!diffs.isEmpty()) {
      throw new JaxTypeError(name + " function carry input and carry output must have equal"
          + " types, but they differ:\n\n" + listed(diffs) + "\n"
          + "Revise the function so that all output types match the corresponding input types.");
    }
  }

  /** One difference capitalized with a full stop, or a bulleted list, as JAX formats them. */
  private static String listed(List<String> diffs) {
    if (diffs.size() == 1) {
      return TreeDiff.capitalize(diffs.get(0)) + ".\n";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < diffs.size() - 1; i++) {
      sb.append(i > 0 ? "\n" : "").append("  * ").append(diffs.get(i)).append(";\n");
    }
    return sb.append("  * ").append(diffs.getLast()).append(".\n").toString();
  }

  /**
   * Checks that two branches return the same structure and leaf types.
   *
   * @param b1 the first branch, traced
   * @param b2 the second branch, traced
   * @param api {@code cond} or {@code switch}
   * @param name1 the first branch's name ({@code true_fun}, {@code branch 0})
   * @param name2 the second's ({@code false_fun}, {@code branch1})
   * @param f1 the first branch function (described in the message)
   * @param f2 the second
   * @throws JaxTypeError naming the outputs that differ
   */
  public static void checkBranchOutputs(String api, String name1, String name2, Object f1,
      Object f2, StagedFunction b1, StagedFunction b2) {
    String header = name1 + " is " + describe(f1) + "\n" + name2 + " is " + describe(f2) + "\n\n";
    Function<String, String> component = p -> p.isEmpty() ? "" : " at path " + p;
    if (!TreeDiff.sameStructure(b1.outTree(), b2.outTree())) {
      List<String> diffs = new ArrayList<>();
      for (TreeDiff.Difference d : TreeDiff.differences(b1.outTree(), b2.outTree())) {
        diffs.add(name1 + " output" + component.apply(d.path()) + " is a " + d.thing1() + " but "
            + name2 + " output" + component.apply(d.path()) + " is a " + d.thing2() + ", so "
            + d.explanation());
      }
      if (diffs.isEmpty()) {
        return;
      }
      String differences = diffs.size() == 1 ? diffs.get(0) + ".\n" : listed(diffs);
      throw new JaxTypeError(api + " branch outputs must have the same pytree structure, but"
          + " they differ:\n\n" + header + differences + "\nRevise " + name1 + " and/or " + name2
          + " so that they have the same pytree structure.");
    }
    List<ShapedArray> a1 = b1.outAvals();
    List<ShapedArray> a2 = b2.outAvals();
    List<String> paths = TreeDiff.leafPaths(b1.outTree());
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < a1.size(); i++) {
      if (!TreeDiff.typematch(a1.get(i), a2.get(i))) {
        diffs.add("the output of " + name1 + component.apply(paths.get(i)) + " has type "
            + TreeDiff.strShort(a1.get(i)) + " but the corresponding output of " + name2
            + " has type " + TreeDiff.strShort(a2.get(i))
            + TreeDiff.mismatchExtra(a1.get(i), a2.get(i)));
      }
    }
    if (diffs.isEmpty()) {
      return;
    }
    String differences;
    if (diffs.size() == 1) {
      differences = TreeDiff.capitalize(diffs.get(0)) + ".\n";
    } else {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < diffs.size() - 1; i++) {
        sb.append(i > 0 ? "\n" : "").append("  * ").append(diffs.get(i)).append(';');
      }
      differences = sb.append("\n  * ").append(diffs.getLast()).append(".\n").toString();
    }
    throw new JaxTypeError(api + " branches must have equal output types but they differ.\n\n"
        + header + differences + "\nRevise " + name1 + " and/or " + name2
        + " so that all output types match.");
  }

  /**
   * A Java function described for messages, as JAX's {@code fun_sourceinfo}: a lambda or method
   * reference as {@code <lambda> in EnclosingClass}, other objects by their class name.
   *
   * @param fn the function to describe
   * @return a Java function described for messages, as JAX's {@code fun_sourceinfo}
   */
  public static String describe(Object fn) {
    if (fn == null) {
      return "None";
    }
    String cls = fn.getClass().getName();
    int lambda = cls.indexOf("$$Lambda");
    if (lambda >= 0) {
      String outer = cls.substring(0, lambda);
      return "<lambda> in " + outer.substring(outer.lastIndexOf('.') + 1);
    }
    return fn.getClass().getSimpleName().isEmpty() ? cls : fn.getClass().getSimpleName();
  }
}
