package org.jaxpresso.lax.internal.controlflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.errors.JaxTypeError;
import org.jaxpresso.core.errors.JaxValueError;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.core.jaxpr.Jaxpr;
import org.jaxpresso.core.tracing.Pytree;
import org.jaxpresso.lax.primitives.Scan;

/**
 * {@code lax.scan} and {@code lax.map} (JAX's {@code loops.py}): infer the length, trace the
 * body on the carry's and one slice's types, promote weakly typed initial carries the body
 * changes, check the carry, turn carries the body passes through into consts, skip scanned
 * outputs that merely forward a scanned input, and bind {@code scan}.
 */
public final class ScanApi {
  private ScanApi() {}

  /**
   * {@code lax.scan(f, init, xs, length, reverse, unroll)}.
   *
   * @param init the initial carry
   * @param reverse whether to run from the last element to the first
   * @param unroll how many iterations to unroll per step
   * @param f returns {@code {carry, y}}
   * @param xs a pytree of arrays with a common leading axis, or null
   * @param length null to infer it from {@code xs}
   * @return {@code {final carry, stacked ys}}
   */
  public static Object[] scan(BiFunction<Object, Object, Object[]> f, Object init, Object xs,
      Integer length, boolean reverse, int unroll) {
    if (f == null) {
      throw new JaxTypeError("lax.scan: f argument should be a callable.");
    }
    Operands.Flat initFlat = Operands.flatten(init);
    Pytree.Flat xsRaw = Pytree.flatten(xs);
    for (Object leaf : xsRaw.leaves()) {
      if (!(leaf instanceof NDArray)) {
        throw new JaxValueError("scan got value with no leading axis to scan over: " + leaf + ".");
      }
    }
    Operands.Flat xsFlat = Operands.flatten(xs);
    int n = inferLength(xsFlat.leaves(), length);
    if (unroll < 0) {
      throw new JaxValueError("`unroll` must be a `bool` or a non-negative `int`.");
    }
    List<ShapedArray> xAvals = new ArrayList<>();
    for (NDArray x : xsFlat.leaves()) {
      int[] d = x.shape();
      xAvals.add(x.aval().withShape(Shape.of(Arrays.copyOfRange(d, 1, d.length))));
    }
    Pytree.TreeDef inTree = Operands.args(initFlat.tree(), xsFlat.tree());
    List<NDArray> initVals = initFlat.leaves();
    Body body = traceBody(f, inTree, initFlat.avals(), xAvals);
    List<ShapedArray> carryOut = body.carryOutAvals();
    if (carryOut.size() != initVals.size()) {
      Checks.checkCarryType("scan body", initFlat.tree(), initFlat.avals(), body.carryTree(),
          carryOut);
    }
    List<NDArray> promoted = Operands.promoteWeakCarry(initFlat, carryOut);
    List<ShapedArray> initAvals = initFlat.avals();
    if (promoted != null) {
      initVals = promoted;
      initAvals = new Operands.Flat(promoted, List.copyOf(promoted), initFlat.tree()).avals();
      body = traceBody(f, inTree, initAvals, xAvals);
    }
    Checks.checkCarryType("scan body", initFlat.tree(), initAvals, body.carryTree(),
        body.carryOutAvals());

    StagedFunction s = body.staged();
    Jaxpr jaxpr = s.jaxpr();
    int nconsts0 = s.nconsts();
    int ncarry0 = initVals.size();
    int nxs = xsFlat.leaves().size();
    int nys = jaxpr.outvars().size() - ncarry0;
    List<Integer> fwd = JaxprEdits.forwarding(jaxpr);
    // carries the body passes through unchanged become consts
    boolean[] move = new boolean[ncarry0];
    boolean anyMove = false;
    for (int i = 0; i < ncarry0; i++) {
      Integer fi = fwd.get(i);
      move[i] = fi != null && fi == nconsts0 + i;
      anyMove |= move[i];
    }
    List<NDArray> consts = new ArrayList<>(s.consts());
    List<NDArray> carry = initVals;
    List<NDArray> moved = new ArrayList<>();
    if (anyMove) {
      boolean[] keep = new boolean[ncarry0 + nys];
      Arrays.fill(keep, true);
      for (int i = 0; i < ncarry0; i++) {
        keep[i] = !move[i];
      }
      jaxpr = JaxprEdits.pruneOutputs(jaxpr, keep);
      boolean[] front = new boolean[nconsts0 + ncarry0 + nxs];
      System.arraycopy(move, 0, front, nconsts0, ncarry0);
      jaxpr = JaxprEdits.moveInputsToFront(jaxpr, front);
      carry = new ArrayList<>();
      for (int i = 0; i < ncarry0; i++) {
        (move[i] ? moved : carry).add(initVals.get(i));
      }
      List<NDArray> c = new ArrayList<>(moved);
      c.addAll(consts);
      consts = c;
    }
    int ncarry = carry.size();
    // scanned outputs that are scanned inputs are not computed
    Integer[] extFwd = new Integer[nys];
    boolean[] ysKeep = new boolean[nys];
    for (int k = 0; k < nys; k++) {
      Integer fi = fwd.get(ncarry0 + k);
      extFwd[k] = fi != null && fi >= nconsts0 + ncarry0 ? fi - nconsts0 - ncarry0 : null;
      ysKeep[k] = extFwd[k] == null;
    }
    boolean[] keep = new boolean[ncarry + nys];
    Arrays.fill(keep, 0, ncarry, true);
    System.arraycopy(ysKeep, 0, keep, ncarry, nys);
    jaxpr = JaxprEdits.pruneOutputs(jaxpr, keep);

    List<NDArray> args = new ArrayList<>(consts);
    args.addAll(carry);
    args.addAll(xsFlat.leaves());
    List<NDArray> outs = SubJaxprs.apply(Scan.SCAN, args, Scan.params(ClosedJaxpr.of(jaxpr), n,
        reverse, unroll, consts.size(), ncarry, nxs, ysKeep));
    List<NDArray> carryResults = new ArrayList<>(ncarry0);
    int next = 0;
    int nextMoved = 0;
    for (int i = 0; i < ncarry0; i++) {
      carryResults.add(move[i] ? moved.get(nextMoved++) : outs.get(next++));
    }
    List<NDArray> ys = new ArrayList<>(nys);
    for (int k = 0; k < nys; k++) {
      ys.add(extFwd[k] == null ? outs.get(next++) : xsFlat.leaves().get(extFwd[k]));
    }
    return new Object[] {Pytree.unflatten(body.carryTree(), carryResults),
        Pytree.unflatten(body.yTree(), ys)};
  }

  /**
   * {@code lax.map(f, xs)}: {@code f} applied to each slice of {@code xs}, results stacked.
   *
   * @param f the function applied to each slice
   * @param xs the input arrays
   * @return {@code lax.map(f, xs)}: {@code f} applied to each slice of {@code xs}, results stacked
   */
  public static Object map(Function<Object, Object> f, Object xs) {
    if (f == null) {
      throw new JaxTypeError("lax.map: f argument should be a callable.");
    }
    return scan((c, x) -> new Object[] {c, f.apply(x)}, List.of(), xs, null, false, 1)[1];
  }

  /** The traced body with its output split into carry and y. */
  private record Body(StagedFunction staged, Pytree.TreeDef carryTree, Pytree.TreeDef yTree) {
    List<ShapedArray> carryOutAvals() {
      return staged.outAvals().subList(0, carryTree.leafCount());
    }
  }

  private static Body traceBody(BiFunction<Object, Object, Object[]> f, Pytree.TreeDef inTree,
      List<ShapedArray> carryAvals, List<ShapedArray> xAvals) {
    List<ShapedArray> avals = new ArrayList<>(carryAvals);
    avals.addAll(xAvals);
    StagedFunction s = StagedFunction.trace(a -> {
      Object[] out = f.apply(a[0], a[1]);
      if (out == null || out.length != 2) {
        throw new JaxTypeError("scan body output must be a pair, got "
            + (out == null ? "None" : Arrays.toString(out)) + ".");
      }
      return Arrays.asList(out[0], out[1]);
    }, inTree, avals, "f", "scan");
    Pytree.Seq pair = (Pytree.Seq) s.outTree();
    return new Body(s, pair.children().get(0), pair.children().get(1));
  }

  /** JAX's {@code _infer_scan_length}. */
  private static int inferLength(List<NDArray> xs, Integer length) {
    List<Integer> lengths = new ArrayList<>();
    for (NDArray x : xs) {
      if (x.ndim() == 0) {
        throw new JaxValueError("scan got value with no leading axis to scan over: "
            + x.aval().str() + ".");
      }
      lengths.add(x.shape()[0]);
    }
    if (length != null) {
      if (length < 0) {
        throw new JaxValueError("scan got a negative `length` argument: " + length + ".");
      }
      for (int l : lengths) {
        if (l != length) {
          throw new JaxValueError("scan got `length` argument of " + length
              + " which disagrees with leading axis sizes " + Operands.pyList(lengths) + ".");
        }
      }
      return length;
    }
    if (lengths.isEmpty()) {
      throw new JaxValueError("scan got no values to scan over and `length` not provided.");
    }
    for (int l : lengths) {
      if (l != lengths.get(0)) {
        throw new JaxValueError("scan got values with different leading axis sizes: "
            + String.join(", ", lengths.stream().map(String::valueOf).toList()) + ".");
      }
    }
    return lengths.get(0);
  }
}
