package org.jaxpresso.lax.primitives;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.internal.controlflow.StagedFunction;
import org.jaxpresso.lax.internal.controlflow.SubJaxprs;

/**
 * The {@code while} primitive: {@code carry = while[body_jaxpr body_nconsts cond_jaxpr
 * cond_nconsts] cond_consts... body_consts... init...} repeats {@code carry = body(body_consts,
 * carry)} while {@code cond(cond_consts, carry)} is true. The carry keeps its types; the loop may
 * run zero times.
 */
public final class While {
  private While() {}

  /** {@code while[body_jaxpr body_nconsts cond_jaxpr cond_nconsts]}. */
  public static final Primitive WHILE = Primitive.builder("while")
      .family("control_flow")
      .multipleResults()
      .abstractEval(While::avals)
      .impl(While::run)
      .build();

  static {
    Primitive.addRuleLoader(ControlFlowRules::register);
  }

  /**
   * The params of {@code while}.
   *
   * @param condJaxpr the closed jaxpr (a jaxpr with its constant values)
   * @param condNconsts how many leading cond inputs are constants
   * @param bodyJaxpr the closed jaxpr (a jaxpr with its constant values)
   * @param bodyNconsts how many leading body inputs are constants
   * @return the params of {@code while}
   */
  public static Params params(ClosedJaxpr condJaxpr, int condNconsts, ClosedJaxpr bodyJaxpr,
      int bodyNconsts) {
    return Params.of("cond_jaxpr", condJaxpr, "cond_nconsts", condNconsts,
        "body_jaxpr", bodyJaxpr, "body_nconsts", bodyNconsts);
  }

  /** The output avals: the body's (JAX's {@code _while_loop_abstract_eval}), after checks. */
  private static List<ShapedArray> avals(List<ShapedArray> avals, Params params) {
    ClosedJaxpr cond = SubJaxprs.jaxprParam("while", params, "cond_jaxpr");
    ClosedJaxpr body = SubJaxprs.jaxprParam("while", params, "body_jaxpr");
    int cn = params.getInt("cond_nconsts");
    int bn = params.getInt("body_nconsts");
    if (cn < 0 || bn < 0 || cn + bn > avals.size()) {
      throw new JaxTypeError("while called with " + avals.size() + " operands, fewer than"
          + " cond_nconsts=" + cn + " plus body_nconsts=" + bn);
    }
    List<ShapedArray> carry = avals.subList(cn + bn, avals.size());
    List<ShapedArray> condIn = new ArrayList<>(avals.subList(0, cn));
    condIn.addAll(carry);
    List<ShapedArray> bodyIn = new ArrayList<>(avals.subList(cn, cn + bn));
    bodyIn.addAll(carry);
    List<ShapedArray> condAvals = StagedFunction.inAvals(cond.jaxpr());
    List<ShapedArray> bodyAvals = StagedFunction.inAvals(body.jaxpr());
    if (condAvals.size() != condIn.size()) {
      throw new JaxTypeError("while_loop len(cond_jaxpr.in_avals)=" + condAvals.size()
          + " but len(cond_consts_avals) + len(in_avals)=" + condIn.size());
    }
    if (bodyAvals.size() != bodyIn.size()) {
      throw new JaxTypeError("while_loop len(body_jaxpr.in_avals)=" + bodyAvals.size()
          + " but len(body_consts_avals) + len(in_avals)=" + bodyIn.size());
    }
    if (!SubJaxprs.typematch(condAvals, condIn)) {
      throw new JaxTypeError("while_loop cond function input types "
          + SubJaxprs.avalsShort(condAvals) + " do not match the operands "
          + SubJaxprs.avalsShort(condIn));
    }
    if (!SubJaxprs.typematch(bodyAvals, bodyIn)) {
      throw new JaxTypeError("while_loop body function input types "
          + SubJaxprs.avalsShort(bodyAvals) + " do not match the operands "
          + SubJaxprs.avalsShort(bodyIn));
    }
    List<ShapedArray> condOut = StagedFunction.outAvals(cond.jaxpr());
    if (condOut.size() != 1 || condOut.get(0).dtype() != DType.BOOL
        || condOut.get(0).rank() != 0) {
      throw new JaxTypeError("cond_fun must return a boolean scalar, but got output type(s) "
          + condOut + ".");
    }
    List<ShapedArray> out = StagedFunction.outAvals(body.jaxpr());
    if (!SubJaxprs.typematch(out, carry)) {
      throw new JaxTypeError("while_loop body function carry input and carry output must have"
          + " equal types: " + SubJaxprs.avalsShort(carry) + " vs " + SubJaxprs.avalsShort(out));
    }
    return out;
  }

  private static List<Array> run(List<Array> args, Params params) {
    ClosedJaxpr cond = SubJaxprs.jaxprParam("while", params, "cond_jaxpr");
    ClosedJaxpr body = SubJaxprs.jaxprParam("while", params, "body_jaxpr");
    int cn = params.getInt("cond_nconsts");
    int bn = params.getInt("body_nconsts");
    List<Array> condConsts = args.subList(0, cn);
    List<Array> bodyConsts = args.subList(cn, cn + bn);
    List<Array> carry = new ArrayList<>(args.subList(cn + bn, args.size()));
    while (true) {
      List<Array> in = new ArrayList<>(condConsts);
      in.addAll(carry);
      if (!SubJaxprs.eval(cond, in).get(0).getBoolean(0)) {
        break;
      }
      List<Array> bin = new ArrayList<>(bodyConsts);
      bin.addAll(carry);
      carry = SubJaxprs.eval(body, bin);
    }
    List<ShapedArray> avals = StagedFunction.outAvals(body.jaxpr());
    List<Array> out = new ArrayList<>(carry.size());
    for (int i = 0; i < carry.size(); i++) {
      out.add(SubJaxprs.withAval(carry.get(i), avals.get(i)));
    }
    return out;
  }
}
