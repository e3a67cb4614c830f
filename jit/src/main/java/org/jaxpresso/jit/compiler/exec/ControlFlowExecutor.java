package org.jaxpresso.jit.compiler.exec;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.kir.ControlFlow;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;

/**
 * Runs a control-flow kernel of the kernel IR ({@link ControlFlow}) with Java loops around its
 * sub-programs, each run by the {@link ReferenceExecutor}: the semantics every backend's
 * lowering is checked against. Buffer plans of the sub-programs are made once per run of the
 * kernel, not per iteration.
 */
public final class ControlFlowExecutor {
  private ControlFlowExecutor() {}

  /**
   * Runs control-flow kernel {@code k} on its operands.
   *
   * @param k a kernel whose {@link Kernel#controlFlow()} is set
   * @param args its operands, one per kernel input
   * @return its results, one per kernel output (shaped as the sub-programs' outputs)
   * @throws IllegalArgumentException if {@code k} has no control flow
   */
  public static List<Array> run(Kernel k, List<Array> args) {
    return switch (k.controlFlow()) {
      case null -> throw new IllegalArgumentException("kernel " + k.name()
          + " is not control flow");
      case ControlFlow.WhileLoop w -> whileLoop(w, args);
      case ControlFlow.Switch c -> {
        long i = args.get(0).getLong(0);
        int b = (int) Math.max(0, Math.min(c.branches().size() - 1, i));
        KernelProgram br = c.branches().get(b);
        yield ReferenceExecutor.run(br, BufferPlanner.plan(br), args.subList(1, args.size()));
      }
      case ControlFlow.ScanLoop s -> scan(s, args);
    };
  }

  private static List<Array> whileLoop(ControlFlow.WhileLoop w, List<Array> args) {
    int cn = w.condConsts();
    int bn = w.bodyConsts();
    BufferPlan condPlan = BufferPlanner.plan(w.cond());
    BufferPlan bodyPlan = BufferPlanner.plan(w.body());
    List<Array> carry = List.copyOf(args.subList(cn + bn, args.size()));
    while (true) {
      List<Array> in = new ArrayList<>(args.subList(0, cn));
      in.addAll(carry);
      if (!ReferenceExecutor.run(w.cond(), condPlan, in).get(0).getBoolean(0)) {
        return carry;
      }
      in = new ArrayList<>(args.subList(cn, cn + bn));
      in.addAll(carry);
      carry = ReferenceExecutor.run(w.body(), bodyPlan, in);
    }
  }

  private static List<Array> scan(ControlFlow.ScanLoop s, List<Array> args) {
    int nc = s.consts();
    int ncarry = s.carries();
    int length = s.length();
    BufferPlan plan = BufferPlanner.plan(s.body());
    List<Array> carry = List.copyOf(args.subList(nc, nc + ncarry));
    List<Array> xs = args.subList(nc + ncarry, args.size());
    List<KernelProgram.Value> values = s.body().values();
    List<ShapedArray> yAvals = new ArrayList<>();
    for (int o = ncarry; o < s.body().outputs().size(); o++) {
      yAvals.add(values.get(s.body().outputs().get(o)).aval());
    }
    List<HostBuffer> ys = new ArrayList<>();
    for (ShapedArray y : yAvals) {
      ys.add(HostBuffer.allocate(y.dtype(), Math.toIntExact(y.size() * length)));
    }
    for (int step = 0; step < length; step++) {
      int i = s.reverse() ? length - 1 - step : step;
      List<Array> in = new ArrayList<>(args.subList(0, nc));
      in.addAll(carry);
      for (Array x : xs) {
        in.add(slice(x, i, length));
      }
      List<Array> out = ReferenceExecutor.run(s.body(), plan, in);
      carry = List.copyOf(out.subList(0, ncarry));
      for (int k = 0; k < ys.size(); k++) {
        int n = Math.toIntExact(yAvals.get(k).size());
        System.arraycopy(out.get(ncarry + k).host().data(), 0, ys.get(k).data(), i * n, n);
      }
    }
    List<Array> result = new ArrayList<>(carry);
    for (int k = 0; k < ys.size(); k++) {
      ShapedArray y = yAvals.get(k);
      int[] d = y.shape().dims();
      int[] sd = new int[d.length + 1];
      sd[0] = length;
      System.arraycopy(d, 0, sd, 1, d.length);
      result.add(Array.wrap(y.withShape(org.jaxpresso.core.Shape.of(sd)), ys.get(k)));
    }
    return result;
  }

  /** Element {@code i} of {@code x} along its leading axis. */
  private static Array slice(Array x, int i, int length) {
    int n = x.size() / length;
    HostBuffer b = HostBuffer.allocate(x.dtype(), n);
    System.arraycopy(x.host().data(), i * n, b.data(), 0, n);
    int[] d = x.aval().shape().dims();
    return Array.wrap(x.aval().withShape(org.jaxpresso.core.Shape.of(
        java.util.Arrays.copyOfRange(d, 1, d.length))), b);
  }
}
