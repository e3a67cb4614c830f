package org.jaxpresso.jit.compiler.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.kir.IndexExpr;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * Runs a kernel program with plain Java loops: each loop or reduction kernel visits its index
 * space in row-major order and evaluates its op graph per point ({@link ScalarEvaluator});
 * library kernels call their primitive's reference implementation and copy the results into
 * their planned buffers, except control flow, whose sub-programs run here, in loops
 * ({@link ControlFlowExecutor}). Buffers follow the {@link BufferPlan}: allocated per run (so one
 * program may run on many threads at once), intermediates shared as planned.
 */
public final class ReferenceExecutor {
  private ReferenceExecutor() {}

  /**
   * Runs {@code program} on {@code args} (already checked against the program's inputs).
   *
   * @param program the kernel program
   * @param plan the buffer plan
   * @param args the inputs, one per program input
   * @return one array per program output
   */
  public static List<Array> run(KernelProgram program, BufferPlan plan, List<Array> args) {
    HostBuffer[] buffers = new HostBuffer[plan.buffers().size()];
    for (int b = 0; b < buffers.length; b++) {
      BufferPlan.Buffer spec = plan.buffers().get(b);
      buffers[b] = HostBuffer.allocate(spec.dtype(), spec.length());
    }
    Array[] env = new Array[program.values().size()];
    for (KernelProgram.Value v : program.values()) {
      switch (v.source()) {
        case INPUT -> env[v.id()] = args.get(v.position());
        case CONST, LITERAL -> env[v.id()] = v.constant();
        case KERNEL -> { }
      }
    }
    ScalarEvaluator scalars = new ScalarEvaluator();
    for (Kernel k : program.kernels()) {
      HostBuffer[] out = new HostBuffer[k.outputs().size()];
      for (int o = 0; o < out.length; o++) {
        out[o] = buffers[plan.bufferOf().get(k.outputs().get(o))];
      }
      HostBuffer[] in = new HostBuffer[k.inputs().size()];
      for (int i = 0; i < in.length; i++) {
        in[i] = env[k.inputs().get(i)].host();
      }
      switch (k.kind()) {
        case LOOP -> loop(k, inputShapes(program, k), in, out, scalars);
        case REDUCE -> reduce(k, inputShapes(program, k), in, out, scalars);
        case LIBRARY -> library(k, env, out);
      }
      for (int o = 0; o < out.length; o++) {
        int v = k.outputs().get(o);
        env[v] = Array.wrap(program.values().get(v).aval(), out[o]);
      }
    }
    List<Array> results = new ArrayList<>();
    for (int v : program.outputs()) {
      results.add(env[v]);
    }
    return results;
  }

  private static void library(Kernel k, Array[] env, HostBuffer[] out) {
    List<Array> args = new ArrayList<>();
    for (int v : k.inputs()) {
      args.add(env[v]);
    }
    List<Array> res = k.controlFlow() != null ? ControlFlowExecutor.run(k, args)
        : k.call().primitive().impl(args, k.call().params());
    for (int o = 0; o < out.length; o++) {
      Object src = res.get(o).host().data();
      System.arraycopy(src, 0, out[o].data(), 0, out[o].length());
    }
  }

  /** Per-kernel state: node values and the loads' element strides. */
  private static final class Frame {
    final List<Node> nodes;
    final double[] dv;
    final long[] lv;
    final long[][] strides;
    final HostBuffer[] in;

    Frame(List<Node> nodes, HostBuffer[] in, List<Shape> inShapes) {
      this.nodes = nodes;
      this.in = in;
      dv = new double[nodes.size()];
      lv = new long[nodes.size()];
      strides = new long[inShapes.size()][];
      for (int i = 0; i < strides.length; i++) {
        strides[i] = inShapes.get(i).strides();
      }
      for (int i = 0; i < nodes.size(); i++) {
        Node n = nodes.get(i);
        if (n.op() == KernelOp.CONST) {
          dv[i] = n.constant().getDouble(0);
          lv[i] = n.constant().getLong(0);
        }
      }
    }

    void eval(long[] idx, ScalarEvaluator scalars) {
      for (int i = 0; i < nodes.size(); i++) {
        Node n = nodes.get(i);
        switch (n.op()) {
          case CONST, REDUCED -> { }
          case INDEX -> lv[i] = n.index().get(0).eval(idx);
          case LOAD -> {
            long[] s = strides[n.input()];
            long off = 0;
            List<IndexExpr> index = n.index();
            for (int d = 0; d < s.length; d++) {
              off += index.get(d).eval(idx) * s[d];
            }
            HostBuffer b = in[n.input()];
            if (n.dtype().isFloating()) {
              dv[i] = b.getDouble((int) off);
            } else {
              lv[i] = b.getLong((int) off);
            }
          }
          default -> scalars.eval(nodes, i, dv, lv);
        }
      }
    }
  }

  private static void loop(Kernel k, List<Shape> shapes, HostBuffer[] in, HostBuffer[] out,
      ScalarEvaluator s) {
    Frame f = new Frame(k.nodes(), in, shapes);
    int[] dims = k.space().dims();
    long n = k.space().size();
    long[] idx = new long[dims.length];
    for (long p = 0; p < n; p++) {
      f.eval(idx, s);
      for (Kernel.Store st : k.stores()) {
        store(out[st.output()], (int) p, f, st.node());
      }
      next(idx, dims);
    }
  }

  private static void store(HostBuffer b, int at, Frame f, int node) {
    if (f.nodes.get(node).dtype().isFloating()) {
      b.setDouble(at, f.dv[node]);
    } else {
      b.setLong(at, f.lv[node]);
    }
  }

  private static void reduce(Kernel k, List<Shape> shapes, HostBuffer[] in, HostBuffer[] out,
      ScalarEvaluator s) {
    Frame f = new Frame(k.nodes(), in, shapes);
    int[] dims = k.space().dims();
    boolean[] reduced = new boolean[dims.length];
    for (int a : k.reduceAxes()) {
      reduced[a] = true;
    }
    long[] outStride = new long[dims.length];
    long m = 1;
    for (int d = dims.length - 1; d >= 0; d--) {
      outStride[d] = reduced[d] ? 0 : m;
      m *= reduced[d] ? 1 : dims[d];
    }
    List<Kernel.Reduction> rs = k.reductions();
    double[][] dacc = new double[rs.size()][];
    long[][] lacc = new long[rs.size()][];
    long[][] best = new long[rs.size()][];
    for (int r = 0; r < rs.size(); r++) {
      Kernel.Reduction red = rs.get(r);
      dacc[r] = new double[(int) m];
      lacc[r] = new long[(int) m];
      Arrays.fill(dacc[r], red.identity().getDouble(0));
      Arrays.fill(lacc[r], red.identity().getLong(0));
      best[r] = new long[(int) m];
    }
    long n = k.space().size();
    long[] idx = new long[dims.length];
    for (long p = 0; p < n; p++) {
      f.eval(idx, s);
      int o = 0;
      for (int d = 0; d < dims.length; d++) {
        o += (int) (idx[d] * outStride[d]);
      }
      for (int r = 0; r < rs.size(); r++) {
        Kernel.Reduction red = rs.get(r);
        DType d = f.nodes.get(red.node()).dtype();
        if (d.isFloating()) {
          combineFloat(red, dacc[r], best[r], o, f.dv[red.node()], idx);
        } else {
          combineInt(red, d, lacc[r], best[r], o, f.lv[red.node()], idx);
        }
      }
      next(idx, dims);
    }
    for (int r = 0; r < rs.size(); r++) {
      Kernel.Reduction red = rs.get(r);
      if (red.output() < 0) {
        continue;
      }
      HostBuffer b = out[red.output()];
      boolean arg = red.combiner() == KernelOp.ARGMAX || red.combiner() == KernelOp.ARGMIN;
      boolean floating = f.nodes.get(red.node()).dtype().isFloating();
      for (int o = 0; o < m; o++) {
        if (arg) {
          b.setLong(o, best[r][o]);
        } else if (floating) {
          b.setDouble(o, dacc[r][o]);
        } else {
          b.setLong(o, lacc[r][o]);
        }
      }
    }
    if (!k.epilogue().isEmpty()) {
      epilogue(k, shapes, in, out, s, dacc, lacc, best);
    }
  }

  /** Runs the epilogue of a reduction kernel over its output space. */
  private static void epilogue(Kernel k, List<Shape> shapes, HostBuffer[] in, HostBuffer[] out,
      ScalarEvaluator s, double[][] dacc, long[][] lacc, long[][] best) {
    Frame f = new Frame(k.epilogue(), in, shapes);
    int[] dims = k.outputSpace().dims();
    long m = k.outputSpace().size();
    long[] idx = new long[dims.length];
    for (int o = 0; o < m; o++) {
      for (int i = 0; i < f.nodes.size(); i++) {
        Node n = f.nodes.get(i);
        if (n.op() != KernelOp.REDUCED) {
          continue;
        }
        int r = n.param();
        KernelOp c = k.reductions().get(r).combiner();
        if (c == KernelOp.ARGMAX || c == KernelOp.ARGMIN) {
          f.lv[i] = ScalarEvaluator.wrap(n.dtype(), best[r][o]);
        } else if (n.dtype().isFloating()) {
          f.dv[i] = s.round(dacc[r][o], n.dtype());
        } else {
          f.lv[i] = ScalarEvaluator.wrap(n.dtype(), lacc[r][o]);
        }
      }
      f.eval(idx, s);
      for (Kernel.Store st : k.epilogueStores()) {
        store(out[st.output()], o, f, st.node());
      }
      next(idx, dims);
    }
  }

  private static void combineFloat(Kernel.Reduction red, double[] acc, long[] best, int o,
      double v, long[] idx) {
    switch (red.combiner()) {
      case REDUCE_SUM -> acc[o] += v;
      case REDUCE_PROD -> acc[o] *= v;
      case REDUCE_MAX -> acc[o] = Math.max(acc[o], v);
      case REDUCE_MIN -> acc[o] = Math.min(acc[o], v);
      case ARGMAX, ARGMIN -> {
        double b = acc[o];
        boolean max = red.combiner() == KernelOp.ARGMAX;
        if (!Double.isNaN(b) && (Double.isNaN(v) || (max ? v > b : v < b))) {
          acc[o] = v;
          best[o] = idx[red.axis()];
        }
      }
      default -> throw new IllegalArgumentException(
          red.combiner().textName() + " does not reduce floats");
    }
  }

  private static void combineInt(Kernel.Reduction red, DType d, long[] acc, long[] best, int o,
      long v, long[] idx) {
    switch (red.combiner()) {
      case REDUCE_SUM -> acc[o] += v;
      case REDUCE_PROD -> acc[o] *= v;
      case REDUCE_AND -> acc[o] &= v;
      case REDUCE_OR -> acc[o] |= v;
      case REDUCE_XOR -> acc[o] ^= v;
      case REDUCE_MAX -> acc[o] = ScalarEvaluator.compare(v, acc[o], d) > 0 ? v : acc[o];
      case REDUCE_MIN -> acc[o] = ScalarEvaluator.compare(v, acc[o], d) < 0 ? v : acc[o];
      case ARGMAX, ARGMIN -> {
        int c = ScalarEvaluator.compare(v, acc[o], d);
        if (red.combiner() == KernelOp.ARGMAX ? c > 0 : c < 0) {
          acc[o] = v;
          best[o] = idx[red.axis()];
        }
      }
      default -> throw new IllegalArgumentException(
          red.combiner().textName() + " does not reduce integers");
    }
  }

  private static void next(long[] idx, int[] dims) {
    for (int d = dims.length - 1; d >= 0; d--) {
      if (++idx[d] < dims[d]) {
        return;
      }
      idx[d] = 0;
    }
  }

  /** The element shape of each input of {@code k} in {@code program}. */
  static List<Shape> inputShapes(KernelProgram program, Kernel k) {
    List<Shape> s = new ArrayList<>();
    for (int v : k.inputs()) {
      s.add(program.values().get(v).aval().shape());
    }
    return s;
  }
}
