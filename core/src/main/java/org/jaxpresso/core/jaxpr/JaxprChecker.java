package org.jaxpresso.core.jaxpr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.internal.pp.Doc;

/**
 * Type-checks jaxprs, as JAX's {@code core.check_jaxpr} does, and reports every problem at once:
 *
 * <ul>
 *   <li>every variable is defined before it is read, and bound only once;
 *   <li>each equation's primitive accepts its operands: its shape rule is run again on the
 *       operands' types, and the results must match the declared output types (shape, dtype and
 *       weak type) and their number; {@code jit} calls must also pass operands of the types the
 *       callee expects;
 *   <li>the outputs are defined;
 *   <li>sub-jaxprs held in params (call bodies, branches, loop bodies) are checked in turn.
 * </ul>
 *
 * <pre>{@code
 * JaxprChecker.check(jaxpr);   // throws JaxprTypeError listing every problem
 * }</pre>
 */
public final class JaxprChecker {
  /** How many equations around the first bad one the error message prints, on each side. */
  private static final int CONTEXT = 10;

  private final List<JaxprTypeError.Problem> problems = new ArrayList<>();
  private final List<Integer> topIndex = new ArrayList<>();
  private final Set<Jaxpr> checked = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Jaxpr top;
  private JaxprDocBuilder names;

  private JaxprChecker(Jaxpr top) {
    this.top = top;
  }

  /**
   * Checks {@code jaxpr}.
   *
   * @param jaxpr the jaxpr
   * @throws JaxprTypeError listing every problem found
   */
  public static void check(Jaxpr jaxpr) {
    JaxprChecker c = new JaxprChecker(jaxpr);
    c.run(List.of());
    c.throwIfProblems();
  }

  /**
   * Checks {@code closed}'s jaxpr and that each constant has its constvar's shape and dtype.
   *
   * @param closed the closed jaxpr (a jaxpr with its constant values)
   * @throws JaxprTypeError listing every problem found
   */
  public static void check(ClosedJaxpr closed) {
    JaxprChecker c = new JaxprChecker(closed.jaxpr());
    c.run(closed.consts());
    c.throwIfProblems();
  }

  /**
   * Every problem in {@code jaxpr}, in the order found; empty when it is well typed.
   *
   * @param jaxpr the jaxpr
   * @return every problem in {@code jaxpr}, in the order found; empty when it is well typed
   */
  public static List<JaxprTypeError.Problem> verify(Jaxpr jaxpr) {
    JaxprChecker c = new JaxprChecker(jaxpr);
    c.run(List.of());
    return List.copyOf(c.problems);
  }

  private void run(List<NDArray> consts) {
    checked.add(top);
    for (int i = 0; i < consts.size(); i++) {
      Var v = top.constvars().get(i);
      ShapedArray c = consts.get(i).aval();
      if (!c.shape().equals(v.aval().shape()) || c.dtype() != v.aval().dtype()) {
        problem("Constant " + i + " of type " + c.str() + " does not match constvar '"
            + name(v) + "' of type " + v.aval().str(), null, "", -1);
      }
    }
    checkJaxpr(top, "", -1);
  }

  private void problem(String message, Eqn eqn, String location, int index) {
    problems.add(new JaxprTypeError.Problem(message, eqn, location));
    topIndex.add(index);
  }

  /** Names variables as the printer does, the first time a message needs one. */
  private String name(Var v) {
    return names().name(v);
  }

  private JaxprDocBuilder names() {
    if (names == null) {
      names = new JaxprDocBuilder(top, true);
      try {
        names.toplevel(top);
      } catch (RuntimeException e) {
        // A params rule failed on a malformed equation: names are handed out as messages ask.
      }
    }
    return names;
  }

  private void checkJaxpr(Jaxpr j, String location, int index) {
    Set<Var> env = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Var v : j.constvars()) {
      bind(env, v, null, null, location, index);
    }
    for (Var v : j.invars()) {
      bind(env, v, null, null, location, index);
    }
    List<Eqn> eqns = j.eqns();
    for (int i = 0; i < eqns.size(); i++) {
      checkEqn(env, eqns.get(i), i, location, index < 0 ? i : index);
    }
    for (Atom a : j.outvars()) {
      if (a instanceof Var v && !env.contains(v)) {
        problem("Variable '" + name(v) + "' not defined (returned as an output)", null, location,
            index);
      }
    }
  }

  private void checkEqn(Set<Var> env, Eqn e, int i, String location, int index) {
    Primitive p = e.primitive();
    List<ShapedArray> in = new ArrayList<>(e.inputs().size());
    for (Atom a : e.inputs()) {
      if (a instanceof Var v && !env.contains(v)) {
        problem("Variable '" + name(v) + "' not defined", e, location, index);
      }
      in.add(a.aval());
    }
    String here = "equation " + i + " (" + p.name() + ")";
    for (Map.Entry<String, Object> param : e.params().asMap().entrySet()) {
      for (Map.Entry<String, Jaxpr> sub : subJaxprs(param.getKey(), param.getValue())) {
        if (checked.add(sub.getValue())) {
          String where = "in `" + sub.getKey() + "` of " + here;
          checkJaxpr(sub.getValue(), location.isEmpty() ? where : location + ", " + where, index);
        }
      }
    }
    List<ShapedArray> out = callOutputs(e, in, location, index);
    if (p.abstractEvalRule() != null) {
      try {
        out = p.abstractEval(in, e.params());
      } catch (RuntimeException ex) {
        problem(p.name() + " rejects operands of types " + types(in) + ": " + ex.getMessage(), e,
            location, index);
        out = null;
      }
    }
    if (out != null && out.size() != e.outputs().size()) {
      problem(p.name() + " produces " + out.size() + " result" + (out.size() == 1 ? "" : "s")
          + " but the equation binds " + e.outputs().size(), e, location, index);
      out = null;
    }
    for (int k = 0; k < e.outputs().size(); k++) {
      bind(env, e.outputs().get(k), out == null ? null : out.get(k), e, location, index);
    }
  }

  /**
   * For {@code jit} (JAX's {@code _check_call}): checks that the operands match the callee's
   * inputs and returns the callee's output types; null for other primitives.
   */
  private List<ShapedArray> callOutputs(Eqn e, List<ShapedArray> in, String location, int index) {
    Primitive p = e.primitive();
    if (!p.name().equals("jit") || !e.params().has("jaxpr")) {
      return null;
    }
    Jaxpr callee = SharedJaxprs.asJaxpr(e.params().get("jaxpr"));
    if (callee == null) {
      return null;
    }
    if (in.size() != callee.invars().size()) {
      problem("Call primitive " + p.name() + " with " + in.size() + " operands cannot call jaxpr"
          + " with " + callee.invars().size() + " inputs", e, location, index);
    } else {
      for (int k = 0; k < in.size(); k++) {
        ShapedArray want = callee.invars().get(k).aval();
        if (!sameType(in.get(k), want)) {
          problem("Call primitive " + p.name() + " passes operand " + atomText(e.inputs().get(k))
              + " of type " + in.get(k).str() + " to jaxpr expecting type " + want.str(), e,
              location, index);
        }
      }
    }
    return callee.outvars().stream().map(Atom::aval).toList();
  }

  private String atomText(Atom a) {
    return switch (a) {
      case Var v -> name(v);
      case Literal l -> JaxprPrinter.literal(l);
    };
  }

  private void bind(Set<Var> env, Var v, ShapedArray computed, Eqn e, String location,
      int index) {
    if (env.contains(v)) {
      problem("Variable '" + name(v) + "' already bound", e, location, index);
      return;
    }
    if (computed != null && !computed.equals(v.aval())) {
      String msg = "Value for variable '" + name(v) + "' inconsistently typed as ";
      if (sameType(computed, v.aval())) {
        msg += computed.str() + " for let-binder of type " + v.aval().str()
            + " (the weak types differ)";
      } else {
        msg += computed.shortStr() + " for let-binder of type " + v.aval().shortStr();
      }
      problem(msg, e, location, index);
    }
    if (!v.isDropVar()) {
      env.add(v);
    }
  }

  private static boolean sameType(ShapedArray a, ShapedArray b) {
    return a.dtype() == b.dtype() && a.shape().equals(b.shape());
  }

  private static String types(List<ShapedArray> avals) {
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (ShapedArray a : avals) {
      j.add(a.shortStr());
    }
    return j.toString();
  }

  /** The jaxprs in one param value, labelled {@code name} or {@code name[i]} for list elements. */
  private static List<Map.Entry<String, Jaxpr>> subJaxprs(String name, Object value) {
    Jaxpr j = SharedJaxprs.asJaxpr(value);
    if (j != null) {
      return List.of(Map.entry(name, j));
    }
    Collection<?> c = value instanceof Collection<?> col ? col
        : value instanceof Object[] a ? java.util.Arrays.asList(a) : List.of();
    List<Map.Entry<String, Jaxpr>> out = new ArrayList<>();
    int k = 0;
    for (Object x : c) {
      Jaxpr s = SharedJaxprs.asJaxpr(x);
      if (s != null) {
        out.add(Map.entry(name + "[" + k + "]", s));
      }
      k++;
    }
    return out;
  }

  private void throwIfProblems() {
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    if (problems.size() > 1) {
      sb.append("jaxpr has ").append(problems.size()).append(" type errors:\n\n");
    }
    for (int i = 0; i < problems.size(); i++) {
      JaxprTypeError.Problem p = problems.get(i);
      if (problems.size() > 1) {
        sb.append('(').append(i + 1).append(") ");
      }
      sb.append(p.message());
      if (p.eqn() != null) {
        sb.append("\n\nin equation:\n\n").append(eqnText(p.eqn()));
      }
      if (!p.location().isEmpty()) {
        sb.append("\n\n").append(p.location());
      }
      sb.append("\n\n");
    }
    int at = topIndex.get(0);
    int lo = at < 0 ? 0 : at - CONTEXT;
    int hi = at < 0 ? 2 * CONTEXT : at + CONTEXT;
    sb.append("while checking jaxpr:\n\n").append(rangeText(lo, hi));
    throw new JaxprTypeError(sb.toString(), problems);
  }

  private String eqnText(Eqn e) {
    try {
      return Doc.nest(2, names().eqn(e)).format(JaxprPrinter.WIDTH);
    } catch (RuntimeException ex) {
      StringJoiner j = new StringJoiner(" ", e.primitive().name() + " ", "");
      e.inputs().forEach(a -> j.add(atomText(a)));
      return j.toString();
    }
  }

  /** JAX's {@code pp_jaxpr_eqn_range}: the checked jaxpr showing equations lo to hi. */
  private String rangeText(int lo, int hi) {
    int n = top.eqns().size();
    lo = Math.max(lo, 0);
    hi = Math.max(lo, Math.min(hi, n));
    try {
      return names().skeleton(top, lo, hi).format(JaxprPrinter.WIDTH);
    } catch (RuntimeException ex) {
      return "(the jaxpr cannot be printed: " + ex.getMessage() + ")";
    }
  }
}
