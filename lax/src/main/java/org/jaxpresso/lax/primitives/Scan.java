package org.jaxpresso.lax.primitives;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.Params;
import org.jaxpresso.core.Primitive;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.internal.controlflow.FlatTrees;
import org.jaxpresso.lax.internal.controlflow.StagedFunction;
import org.jaxpresso.lax.internal.controlflow.SubJaxprs;

/**
 * The {@code scan} primitive (JAX 0.11 params {@code ft_in ft_out jaxpr length reverse unroll}):
 * operands are consts, the initial carry and the scanned inputs {@code xs} (leading axis
 * {@code length}); for each index {@code i} (descending when {@code reverse}) the body maps
 * {@code (consts, carry, xs[i])} to {@code (carry, ys[i])}. Results are the final carry and the
 * stacked {@code ys}. {@code ft_in} is {@code (consts, carry, xs)} as tuples of Nones; in
 * {@code ft_out = (carry, ys)} each y is {@code RightsOnly(Right(None))}, or
 * {@code RightsOnly(Left(None))} for one the caller forwards itself (not an output).
 * {@code unroll} is a compilation hint.
 */
public final class Scan {
  private Scan() {}

  /** {@code scan[ft_in ft_out jaxpr length reverse unroll]}. */
  public static final Primitive SCAN = Primitive.builder("scan")
      .family("control_flow")
      .multipleResults()
      .abstractEval(Scan::avals)
      .impl(Scan::run)
      .build();

  static {
    Primitive.addRuleLoader(ControlFlowRules::register);
  }

  /**
   * The params of {@code scan}.
   *
   * @param jaxpr the closed jaxpr (a jaxpr with its constant values)
   * @param length the number of iterations
   * @param reverse whether to run from the last element to the first
   * @param unroll how many iterations to unroll per step
   * @param numConsts how many leading inputs are constants
   * @param numCarry how many inputs after the constants are carries
   * @param numXs how many trailing inputs are scanned over
   * @return the params of {@code scan}
   * @param ysKept per output of the body after the carry, whether the primitive produces it
   */
  public static Params params(ClosedJaxpr jaxpr, int length, boolean reverse, int unroll,
      int numConsts, int numCarry, int numXs, boolean[] ysKept) {
    return Params.of(
        "ft_in", FlatTrees.tuple(FlatTrees.nones(numConsts), FlatTrees.nones(numCarry),
            FlatTrees.nones(numXs)),
        "ft_out", FlatTrees.tuple(FlatTrees.nones(numCarry), FlatTrees.filtered(ysKept)),
        "jaxpr", jaxpr, "length", length, "reverse", reverse, "unroll", unroll);
  }

  /**
   * The number of const operands.
   *
   * @param params the primitive's parameters
   * @return the number of const operands
   */
  public static int numConsts(Params params) {
    return FlatTrees.groupSize(params.get("ft_in"), 0);
  }

  /**
   * The number of carry operands (and carry results).
   *
   * @param params the primitive's parameters
   * @return the number of carry operands (and carry results)
   */
  public static int numCarry(Params params) {
    return FlatTrees.groupSize(params.get("ft_in"), 1);
  }

  /**
   * The number of scanned operands.
   *
   * @param params the primitive's parameters
   * @return the number of scanned operands
   */
  public static int numXs(Params params) {
    return FlatTrees.groupSize(params.get("ft_in"), 2);
  }

  /**
   * The number of stacked results after the carry.
   *
   * @param params the primitive's parameters
   * @return the number of stacked results after the carry
   */
  public static int numYs(Params params) {
    return FlatTrees.keptSize(params.get("ft_out"), 1);
  }

  /** JAX's {@code _scan_abstract_eval} with the checks of {@code _scan_typecheck}. */
  private static List<ShapedArray> avals(List<ShapedArray> avals, Params params) {
    ClosedJaxpr jaxpr = SubJaxprs.jaxprParam("scan", params, "jaxpr");
    int length = params.getInt("length");
    int unroll = params.getInt("unroll");
    if (length < 0) {
      throw new JaxTypeError("invalid scan param length of type int, non-negative int required: "
          + length);
    }
    if (unroll < 0) {
      throw new JaxTypeError("invalid scan param unroll of type int, non-negative int required: "
          + unroll);
    }
    int nc = numConsts(params);
    int ncarry = numCarry(params);
    int nxs = numXs(params);
    List<ShapedArray> in = StagedFunction.inAvals(jaxpr.jaxpr());
    List<ShapedArray> out = StagedFunction.outAvals(jaxpr.jaxpr());
    if (avals.size() != nc + ncarry + nxs || in.size() != avals.size()) {
      throw new JaxTypeError("scan number of arguments doesn't match the number of jaxpr"
          + " arguments: " + avals.size() + " vs " + in.size());
    }
    if (out.size() != ncarry + numYs(params)) {
      throw new JaxTypeError("scan jaxpr returns " + out.size() + " values but ft_out expects "
          + (ncarry + numYs(params)));
    }
    List<ShapedArray> carryIn = in.subList(nc, nc + ncarry);
    List<ShapedArray> carryOut = out.subList(0, ncarry);
    if (!SubJaxprs.typematch(carryIn, carryOut)) {
      throw new JaxTypeError("scan input carry input and output types mismatch: \n"
          + SubJaxprs.avalsShort(carryIn) + "\nvs\n" + SubJaxprs.avalsShort(carryOut));
    }
    if (!SubJaxprs.typematch(in.subList(0, nc), avals.subList(0, nc))) {
      throw new JaxTypeError("scan jaxpr takes input const types\n"
          + SubJaxprs.avalsShort(in.subList(0, nc)) + ",\ncalled with consts of type\n"
          + SubJaxprs.avalsShort(avals.subList(0, nc)));
    }
    if (!SubJaxprs.typematch(carryIn, avals.subList(nc, nc + ncarry))) {
      throw new JaxTypeError("scan jaxpr takes input carry types\n"
          + SubJaxprs.avalsShort(carryIn) + ",\ncalled with initial carry of type\n"
          + SubJaxprs.avalsShort(avals.subList(nc, nc + ncarry)));
    }
    List<ShapedArray> xMapped = new ArrayList<>(nxs);
    for (ShapedArray x : avals.subList(nc + ncarry, avals.size())) {
      if (x.rank() == 0 || x.shape().dim(0) != length) {
        throw new JaxTypeError("scan called with a sequence of type " + x.str()
            + " whose leading axis is not length=" + length);
      }
      int[] dims = x.shape().dims();
      xMapped.add(x.withShape(Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length))));
    }
    List<ShapedArray> xIn = in.subList(nc + ncarry, in.size());
    if (!SubJaxprs.typematch(xIn, xMapped)) {
      throw new JaxTypeError("scan jaxpr takes input sequence types\n"
          + SubJaxprs.avalsShort(xIn) + ",\ncalled with sequence whose items have type\n"
          + SubJaxprs.avalsShort(xMapped));
    }
    List<ShapedArray> result = new ArrayList<>(carryOut);
    for (ShapedArray y : out.subList(ncarry, out.size())) {
      result.add(stacked(y, length));
    }
    return result;
  }

  private static ShapedArray stacked(ShapedArray y, int length) {
    int[] dims = y.shape().dims();
    int[] s = new int[dims.length + 1];
    s[0] = length;
    System.arraycopy(dims, 0, s, 1, dims.length);
    return y.withShape(Shape.of(s));
  }

  private static List<Array> run(List<Array> args, Params params) {
    ClosedJaxpr jaxpr = SubJaxprs.jaxprParam("scan", params, "jaxpr");
    int length = params.getInt("length");
    boolean reverse = params.getBoolean("reverse");
    int nc = numConsts(params);
    int ncarry = numCarry(params);
    List<Array> consts = args.subList(0, nc);
    List<Array> carry = new ArrayList<>(args.subList(nc, nc + ncarry));
    List<Array> xs = args.subList(nc + ncarry, args.size());
    List<ShapedArray> outAvals = StagedFunction.outAvals(jaxpr.jaxpr());
    List<ShapedArray> yAvals = outAvals.subList(ncarry, outAvals.size());
    List<HostBuffer> ys = new ArrayList<>(yAvals.size());
    for (ShapedArray y : yAvals) {
      ys.add(HostBuffer.allocate(y.dtype(), Math.toIntExact(y.size() * length)));
    }
    for (int step = 0; step < length; step++) {
      int i = reverse ? length - 1 - step : step;
      List<Array> in = new ArrayList<>(consts);
      in.addAll(carry);
      for (Array x : xs) {
        in.add(slice(x, i, length));
      }
      List<Array> out = SubJaxprs.eval(jaxpr, in);
      carry = new ArrayList<>(out.subList(0, ncarry));
      for (int k = 0; k < ys.size(); k++) {
        Array y = out.get(ncarry + k);
        int n = y.size();
        System.arraycopy(y.host().data(), 0, ys.get(k).data(), i * n, n);
      }
    }
    List<Array> result = new ArrayList<>(ncarry + ys.size());
    for (int k = 0; k < ncarry; k++) {
      result.add(SubJaxprs.withAval(carry.get(k), outAvals.get(k)));
    }
    for (int k = 0; k < ys.size(); k++) {
      result.add(Array.wrap(stacked(yAvals.get(k), length), ys.get(k)));
    }
    return result;
  }

  /** Element {@code i} of {@code x} along its leading axis. */
  private static Array slice(Array x, int i, int length) {
    int n = x.size() / length;
    HostBuffer b = HostBuffer.allocate(x.dtype(), n);
    System.arraycopy(x.host().data(), i * n, b.data(), 0, n);
    int[] dims = x.shape();
    ShapedArray aval = x.aval().withShape(
        Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length)));
    return Array.wrap(aval, b);
  }
}
