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
 * The {@code cond} primitive: {@code outs = cond[branches=(b0 b1 ...)] index ops...} runs branch
 * {@code index} (an int32 scalar, clamped to the branches) on the operands. {@code lax.cond}
 * binds it with the false branch first and the predicate converted to int32; {@code lax.switch}
 * clamps its index before binding. Every branch takes the same inputs (shared closed-over
 * values first, then the operands) and returns the same output types.
 */
public final class Cond {
  private Cond() {}

  /** {@code cond[branches]}: an int32 index, then the branches' operands. */
  public static final Primitive COND = Primitive.builder("cond")
      .family("control_flow")
      .multipleResults()
      .abstractEval(Cond::avals)
      .impl(Cond::run)
      .build();

  static {
    Primitive.addRuleLoader(ControlFlowRules::register);
  }

  /**
   * The params of {@code cond}: {@code branches}, a tuple of closed jaxprs without consts.
   *
   * @param branches the branches, selected by index
   * @return the params of {@code cond}: {@code branches}, a tuple of closed jaxprs without consts
   */
  public static Params params(List<ClosedJaxpr> branches) {
    return Params.of("branches", List.copyOf(branches));
  }

  /**
   * The branches of a {@code cond} equation's params.
   *
   * @param params the primitive's parameters
   * @return the branches of a {@code cond} equation's params
   */
  public static List<ClosedJaxpr> branches(Params params) {
    Object v = params.get("branches");
    if (!(v instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof ClosedJaxpr)) {
      throw new JaxTypeError("invalid cond param branches of type "
          + (v == null ? "NoneType" : v.getClass().getSimpleName())
          + ", tuple of closed Jaxpr required: " + v);
    }
    List<ClosedJaxpr> out = new ArrayList<>(l.size());
    for (Object x : l) {
      out.add((ClosedJaxpr) x);
    }
    return out;
  }

  /** JAX's {@code _cond_typecheck}: the output avals are branch 0's. */
  private static List<ShapedArray> avals(List<ShapedArray> avals, Params params) {
    List<ClosedJaxpr> branches = branches(params);
    if (branches.isEmpty()) {
      throw new JaxTypeError("cond requires at least one branch function");
    }
    List<ShapedArray> in0 = StagedFunction.inAvals(branches.get(0).jaxpr());
    List<ShapedArray> out0 = StagedFunction.outAvals(branches.get(0).jaxpr());
    for (int i = 1; i < branches.size(); i++) {
      List<ShapedArray> in = StagedFunction.inAvals(branches.get(i).jaxpr());
      List<ShapedArray> out = StagedFunction.outAvals(branches.get(i).jaxpr());
      if (in.size() != in0.size()) {
        throw new JaxTypeError("cond branch 0 takes " + in0.size() + " inputs, branch " + i
            + " takes " + in.size());
      }
      if (out.size() != out0.size()) {
        throw new JaxTypeError("cond branch 0 outputs " + out0.size() + " values, branch " + i
            + " outputs " + out.size());
      }
      if (!SubJaxprs.typematch(in0, in)) {
        throw new JaxTypeError("cond branches 0 and " + i + " have mismatching input types: "
            + SubJaxprs.avalsShort(in0) + " vs " + SubJaxprs.avalsShort(in));
      }
      if (!SubJaxprs.typematch(out0, out)) {
        throw new JaxTypeError("cond branches 0 and " + i + " have mismatching output types: "
            + SubJaxprs.avalsShort(out0) + " vs " + SubJaxprs.avalsShort(out));
      }
    }
    if (avals.size() != 1 + in0.size()) {
      throw new JaxTypeError("cond called with " + (avals.size() - 1) + " non-predicate operands,"
          + " but branches take " + in0.size() + " inputs");
    }
    ShapedArray index = avals.get(0);
    if (index.dtype() != DType.INT32) {
      throw new JaxTypeError("cond called with index of type " + index.dtype().longName()
          + " instead of int32");
    }
    if (index.rank() != 0) {
      throw new JaxTypeError("cond called with index of shape " + index.shape()
          + " instead of a scalar");
    }
    List<ShapedArray> ops = avals.subList(1, avals.size());
    if (!SubJaxprs.typematch(in0, ops)) {
      throw new JaxTypeError("cond branches take input types " + SubJaxprs.avalsShort(in0)
          + ", called with operands of type " + SubJaxprs.avalsShort(ops));
    }
    return out0;
  }

  /** Runs the selected branch (the index clamped to the branches, as XLA's conditional). */
  private static List<Array> run(List<Array> args, Params params) {
    List<ClosedJaxpr> branches = branches(params);
    long i = args.get(0).getLong(0);
    int k = (int) Math.max(0, Math.min(branches.size() - 1, i));
    List<Array> out = SubJaxprs.eval(branches.get(k), args.subList(1, args.size()));
    List<ShapedArray> avals = StagedFunction.outAvals(branches.get(0).jaxpr());
    List<Array> typed = new ArrayList<>(out.size());
    for (int j = 0; j < out.size(); j++) {
      typed.add(SubJaxprs.withAval(out.get(j), avals.get(j)));
    }
    return typed;
  }
}
