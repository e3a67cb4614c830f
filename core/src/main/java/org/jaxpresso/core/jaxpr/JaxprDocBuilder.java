package org.jaxpresso.core.jaxpr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.internal.PyFormat;
import org.jaxpresso.core.internal.pp.Doc;

/**
 * Builds the pretty-printer document of a jaxpr exactly as JAX's {@code core.pp_*} functions do,
 * and holds the naming context ({@code JaxprPpContext}): variable names are handed out lazily, in
 * the order variables are first rendered, from one counter shared by the whole printout; unused
 * equation outputs of the top-level jaxpr print {@code _}; hoisted sub-jaxprs print by name.
 */
final class JaxprDocBuilder {
  private static final Pattern ADDRESS = Pattern.compile(" at 0x([0-9a-fA-F]+)");

  private final Map<Var, String> names = new IdentityHashMap<>();
  private final Map<Jaxpr, String> shared;
  private final Set<String> sharedNames;
  private final boolean printShapes;
  private int counter;

  /** A context for printing {@code top}: finds its hoisted sub-jaxprs and its unused outputs. */
  JaxprDocBuilder(Jaxpr top, boolean printShapes) {
    this.printShapes = printShapes;
    this.shared = SharedJaxprs.find(top);
    this.sharedNames = new HashSet<>(shared.values());
    markUnusedOutputs(top);
  }

  /** JAX's {@code _dropvars}: top-level equation outputs never read later print {@code _}. */
  private void markUnusedOutputs(Jaxpr top) {
    Set<Var> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Atom a : top.outvars()) {
      if (a instanceof Var v) {
        used.add(v);
      }
    }
    List<Eqn> eqns = top.eqns();
    for (int i = eqns.size() - 1; i >= 0; i--) {
      Eqn e = eqns.get(i);
      for (Var v : e.outputs()) {
        if (!used.contains(v)) {
          names.put(v, "_");
        }
      }
      for (Atom a : e.inputs()) {
        if (a instanceof Var v) {
          used.add(v);
        }
      }
    }
  }

  /** The whole printout: the hoisted jaxprs ({@code let NAME = ... in}) then {@code top}. */
  Doc toplevel(Jaxpr top) {
    List<Doc> docs = new ArrayList<>();
    for (Map.Entry<Jaxpr, String> s : shared.entrySet()) {
      docs.add(Doc.concat(
          Doc.text("let "), Doc.text(s.getValue()), Doc.text(" = "),
          skeleton(s.getKey(), 0, s.getKey().eqns().size()), Doc.text(" in"), Doc.brk()));
    }
    docs.add(jaxpr(top));
    return Doc.concat(docs);
  }

  /** A jaxpr in a param: its name if hoisted, else its text. */
  Doc jaxpr(Jaxpr j) {
    String name = shared.get(j);
    return name != null ? Doc.text(name) : skeleton(j, 0, j.eqns().size());
  }

  /**
   * {@code { lambda consts ; invars . let eqns in (outvars) }} showing equations {@code lo} to
   * {@code hi} (exclusive); {@code ...} marks the ones left out (JAX's
   * {@code pp_jaxpr_eqn_range} when the range is not the whole list).
   */
  Doc skeleton(Jaxpr j, int lo, int hi) {
    Doc constvars = vars(j.constvars(), "", printShapes);
    Doc invars = vars(j.invars(), "", printShapes);
    List<Eqn> all = j.eqns();
    List<Doc> eqns = new ArrayList<>(hi - lo + 2);
    if (hi <= lo && !all.isEmpty()) {
      eqns.add(Doc.text("..."));
    } else {
      if (lo != 0) {
        eqns.add(Doc.text("..."));
      }
      for (int i = lo; i < hi; i++) {
        eqns.add(eqn(all.get(i)));
      }
      if (hi != all.size()) {
        eqns.add(Doc.text("..."));
      }
    }
    Doc eqnsDoc = Doc.join(Doc.brk("; "), eqns);
    Doc outvars = Doc.concat(
        Doc.text("("), vars(j.outvars(), ",", false),
        Doc.text(j.outvars().size() == 1 ? ",)" : ")"));
    return Doc.concat(
        Doc.group(Doc.nest(2, Doc.concat(
            Doc.text("{ "), Doc.text("lambda "), constvars, Doc.text("; "), invars,
            Doc.text(". "), Doc.text("let"), Doc.nest(2, Doc.brk().plus(eqnsDoc)), Doc.brk(),
            Doc.text("in "), outvars))),
        Doc.text(" }"));
  }

  /**
   * One equation: {@code outs = prim[params] ins}, or {@code prim[params] ins} without outputs.
   * Params are the primitive's printed params, sorted, with {@code name} first when present;
   * {@code jit} equations first lend their argument and result names to the callee's binders.
   */
  Doc eqn(Eqn e) {
    Params params = e.primitive().printedParams(e.params());
    List<String> keys = new ArrayList<>(params.names());
    if (keys.remove("name")) {
      keys.addFirst("name");
    }
    if (e.primitive().name().equals("jit") && e.params().has("jaxpr")) {
      Jaxpr callee = SharedJaxprs.asJaxpr(e.params().get("jaxpr"));
      if (callee != null && !shared.containsKey(callee)) {
        suggestSameNames(callee.invars(), e.inputs());
        suggestSameNames(callee.outvars(), e.outputs());
      }
    }
    Doc lhs = vars(e.outputs(), "", printShapes);
    Doc prim = Doc.text(e.primitive().name());
    Doc kv = params(params, keys);
    Doc rhs = Doc.text(" ").plus(vars(e.inputs(), "", false));
    return e.outputs().isEmpty()
        ? Doc.concat(prim, kv, rhs)
        : Doc.concat(lhs, Doc.text(" = "), prim, kv, rhs);
  }

  /** JAX's {@code suggest_same_var_names}: unnamed {@code forVars} take their partners' names. */
  private void suggestSameNames(List<? extends Atom> forVars, List<? extends Atom> likeVars) {
    if (forVars.size() != likeVars.size()) {
      return;
    }
    Set<Var> usedLike = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < forVars.size(); i++) {
      if (likeVars.get(i) instanceof Var like
          && !usedLike.contains(like)
          && forVars.get(i) instanceof Var v
          && !names.containsKey(v)) {
        usedLike.add(like);
        names.put(v, name(like));
      }
    }
  }

  private Doc params(Params params, List<String> keys) {
    if (keys.isEmpty()) {
      return Doc.nil();
    }
    List<Doc> pairs = new ArrayList<>(keys.size());
    for (String k : keys) {
      pairs.add(Doc.text(k + "=").plus(value(params.get(k))));
    }
    return Doc.group(Doc.concat(
        Doc.nest(2, Doc.concat(Doc.text("["), Doc.brk(""), Doc.join(Doc.brk(), pairs))),
        Doc.brk(""), Doc.text("]")));
  }

  private Doc value(Object v) {
    Jaxpr j = SharedJaxprs.asJaxpr(v);
    if (j != null) {
      return jaxpr(j);
    }
    List<Jaxpr> list = jaxprList(v);
    if (list != null) {
      List<Doc> docs = new ArrayList<>(list.size());
      for (Jaxpr x : list) {
        docs.add(jaxpr(x));
      }
      return Doc.group(Doc.concat(
          Doc.nest(2, Doc.concat(Doc.text("("), Doc.brk(""), Doc.join(Doc.brk(), docs))),
          Doc.brk(""), Doc.text(")")));
    }
    String s = PyFormat.str(v);
    if (s.contains(" at 0x")) {
      s = ADDRESS.matcher(s).replaceAll(m -> " at 0x" + "X".repeat(m.group(1).length()));
    }
    return Doc.text(s);
  }

  /** The jaxprs of a list or array value all of whose elements are jaxprs, else null. */
  private static List<Jaxpr> jaxprList(Object v) {
    Collection<?> c = v instanceof Collection<?> col ? col
        : v instanceof Object[] a ? java.util.Arrays.asList(a) : null;
    if (c == null) {
      return null;
    }
    List<Jaxpr> out = new ArrayList<>(c.size());
    for (Object x : c) {
      Jaxpr j = SharedJaxprs.asJaxpr(x);
      if (j == null) {
        return null;
      }
      out.add(j);
    }
    return out;
  }

  /** JAX's {@code pp_vars}: fill-style list, each separator followed by its own grouped break. */
  private Doc vars(List<? extends Atom> atoms, String sep, boolean shapes) {
    List<Doc> items = new ArrayList<>(atoms.size());
    for (Atom a : atoms) {
      String s = atom(a);
      items.add(Doc.text(shapes ? s + ":" + a.aval().shortStr() : s));
    }
    return Doc.nest(2, Doc.group(Doc.join(Doc.text(sep).plus(Doc.group(Doc.brk())), items)));
  }

  /** A variable's name or a literal's text. */
  String atom(Atom a) {
    return switch (a) {
      case Var v -> name(v);
      case Literal l -> literal(l);
    };
  }

  /** The name of {@code v}, handing out the next fresh one on first use; drop vars are _. */
  String name(Var v) {
    if (v.isDropVar()) {
      return "_";
    }
    String n = names.get(v);
    if (n == null) {
      do {
        n = encode(counter++);
      } while (sharedNames.contains(n));
      names.put(v, n);
    }
    return n;
  }

  /** JAX's {@code _encode_digits_alphabetic}: 0 is a, 25 is z, 26 is ba (there is no aa). */
  static String encode(int n) {
    StringBuilder sb = new StringBuilder();
    do {
      sb.append((char) ('a' + n % 26));
      n /= 26;
    } while (n != 0);
    return sb.reverse().toString();
  }

  /**
   * A literal's text: Python's {@code str} of the value widened to float/int/bool, a colon and
   * the type: {@code 0.10000000149011612:f32[]}, {@code 2:i32[]}, {@code True:bool[]}.
   */
  static String literal(Literal l) {
    Array v = l.value();
    DType d = v.dtype();
    String s;
    if (d.isBool()) {
      s = v.getBoolean(0) ? "True" : "False";
    } else if (d.isFloating()) {
      s = PyFormat.reprDouble(v.getDouble(0));
    } else if (d == DType.UINT64) {
      s = Long.toUnsignedString(v.getLong(0));
    } else {
      s = Long.toString(v.getLong(0));
    }
    return s + ":" + l.aval().shortStr();
  }
}
