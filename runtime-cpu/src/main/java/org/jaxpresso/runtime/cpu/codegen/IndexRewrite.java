package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.exec.ReferenceExecutor;
import org.jaxpresso.jit.compiler.kir.IndexExpr;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * Rewrites a loop kernel whose loads are not affine ({@code //}, {@code %}, clamps: reshapes
 * that split or merge axes, pads) or whose values depend on the point's index ({@link
 * KernelOp#INDEX}: pad bounds, iota) into an op graph the generator takes, over extra
 * "synthetic" inputs laid out row-major over the kernel's space:
 *
 * <ul>
 *   <li>a non-affine load becomes a contiguous load of a gathered copy of its input, made before
 *       each run through a table of element offsets computed once;
 *   <li>an index-dependent value used by the rest of the graph (a pad's in-bounds mask, an iota)
 *       is computed once by the reference executor and read as a constant array; a bool becomes
 *       {@code ne(load, 0)} over a 0/1 array of the kernel's dtype.
 * </ul>
 *
 * <p>Index-only nodes that nothing else uses are dropped. The rewritten graph computes exactly
 * what the original does at every point.
 */
final class IndexRewrite {
  /** The largest kernel space (points) given tables; larger kernels fall back. */
  static final long MAX_POINTS = 1L << 24;

  private final List<Node> nodes;
  private final List<Kernel.Store> stores;
  private final List<Kernel.Reduction> reductions = new ArrayList<>();
  private final int base;
  private final List<int[]> tables = new ArrayList<>();
  private final List<Integer> tableInput = new ArrayList<>();
  private final List<Object> constants = new ArrayList<>();
  private final List<Integer> syntheticKind = new ArrayList<>();
  private final DType dtype;
  private final int points;

  private IndexRewrite(List<Node> nodes, List<Kernel.Store> stores, int base, DType dtype,
      int points) {
    this.nodes = nodes;
    this.stores = stores;
    this.base = base;
    this.dtype = dtype;
    this.points = points;
  }

  /** The rewritten op graph. */
  List<Node> nodes() {
    return nodes;
  }

  /** The rewritten stores. */
  List<Kernel.Store> stores() {
    return stores;
  }

  /** The rewritten reductions (of a reduction kernel's main body). */
  List<Kernel.Reduction> reductions() {
    return reductions;
  }

  /**
   * The rewrite of the main body of loop or reduction kernel {@code k} computing in {@code f}, or null when it needs none (or
   * can have none: an index-dependent value of another dtype than {@code f} or bool used by the
   * rest of the graph, or a space past {@link #MAX_POINTS}).
   *
   * @param k the kernel
   * @param inShapes the shape of each of its inputs
   * @param f the kernel's value dtype (see {@link StepCompiler}), or null for a graph that mixes
   *     dtypes ({@link MixedScalar}): index-dependent values are then read in their own dtype
   */
  static IndexRewrite of(Kernel k, List<Shape> inShapes, DType f) {
    List<Node> old = k.nodes();
    int n = old.size();
    int rank = k.space().rank();
    boolean[] idxDep = new boolean[n];
    boolean[] pure = new boolean[n];
    boolean[] gather = new boolean[n];
    for (int i = 0; i < n; i++) {
      Node x = old.get(i);
      switch (x.op()) {
        case INDEX -> {
          idxDep[i] = true;
          pure[i] = true;
        }
        case CONST -> pure[i] = true;
        case LOAD -> gather[i] =
            Affine.of(x.index(), inShapes.get(x.input()).strides(), rank) == null;
        case REDUCED -> { }
        default -> {
          boolean p = true;
          boolean dep = false;
          for (int a : x.args()) {
            dep |= idxDep[a];
            p &= pure[a];
          }
          pure[i] = p;
          idxDep[i] = p && dep;
        }
      }
    }
    boolean[] frontier = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (!idxDep[i]) {
        for (int a : old.get(i).args()) {
          frontier[a] |= idxDep[a];
        }
      }
    }
    List<Integer> roots = new ArrayList<>();
    for (Kernel.Store st : k.stores()) {
      roots.add(st.node());
    }
    for (Kernel.Reduction r : k.reductions()) {
      roots.add(r.node());
    }
    for (int r : roots) {
      frontier[r] |= idxDep[r];
    }
    boolean any = false;
    for (int i = 0; i < n; i++) {
      any |= frontier[i] || gather[i];
      DType fd = old.get(i).dtype();
      if (frontier[i] && (f == null ? !MixedScalar.supported(fd)
          : fd != f && fd != DType.BOOL)) {
        return null;
      }
    }
    if (!any || k.space().size() > MAX_POINTS) {
      return null;
    }
    boolean[] live = new boolean[n];
    for (int r : roots) {
      live[r] = true;
    }
    for (int i = n - 1; i >= 0; i--) {
      if (live[i] && !frontier[i]) {
        for (int a : old.get(i).args()) {
          live[a] = true;
        }
      }
    }
    int points = Math.toIntExact(k.space().size());
    List<Node> out = new ArrayList<>();
    IndexRewrite rw = new IndexRewrite(out, new ArrayList<>(), k.inputs().size(), f, points);
    List<IndexExpr> identity = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      identity.add(new IndexExpr.Axis(d));
    }
    Object[] values = frontierValues(k, pure, frontier, f);
    int[] map = new int[n];
    int fv = 0;
    for (int i = 0; i < n; i++) {
      Node x = old.get(i);
      map[i] = -1;
      if (!live[i]) {
        if (frontier[i]) {
          fv++;
        }
        continue;
      }
      if (frontier[i]) {
        int input = rw.base + rw.syntheticKind.size();
        rw.syntheticKind.add(1);
        rw.constants.add(values[fv++]);
        rw.tableInput.add(-1);
        rw.tables.add(null);
        out.add(Node.load(input, f == null ? x.dtype() : f, identity).withEqn(x.eqn()));
        if (x.dtype() == DType.BOOL && f != null) {
          out.add(Node.constant(Array.fromDoubles(f, new double[] {0})).withEqn(x.eqn()));
          out.add(Node.apply(KernelOp.NE, DType.BOOL, List.of(out.size() - 2, out.size() - 1),
              0).withEqn(x.eqn()));
        }
      } else if (gather[i]) {
        int input = rw.base + rw.syntheticKind.size();
        rw.syntheticKind.add(0);
        rw.constants.add(null);
        rw.tableInput.add(x.input());
        rw.tables.add(offsets(x.index(), inShapes.get(x.input()).strides(), k.space()));
        out.add(Node.load(input, x.dtype(), identity).withEqn(x.eqn()));
      } else {
        List<Integer> args = new ArrayList<>();
        for (int a : x.args()) {
          args.add(map[a]);
        }
        out.add(x.withArgs(args));
      }
      map[i] = out.size() - 1;
    }
    for (Kernel.Store st : k.stores()) {
      rw.stores.add(new Kernel.Store(st.output(), map[st.node()]));
    }
    for (Kernel.Reduction r : k.reductions()) {
      rw.reductions.add(new Kernel.Reduction(r.combiner(), map[r.node()], r.identity(),
          r.output(), r.axis()));
    }
    return rw;
  }

  /** The shape of input {@code input} of the rewritten graph ({@code space} if synthetic). */
  Shape inputShape(int input, List<Shape> inShapes, Shape space) {
    return input < base ? inShapes.get(input) : space;
  }

  /**
   * The inputs of the rewritten graph: {@code in}, then each synthetic input (gathered copies
   * made now, constant arrays shared across runs; generated code only reads them).
   */
  Object[] inputs(Object[] in) {
    Object[] all = new Object[base + syntheticKind.size()];
    System.arraycopy(in, 0, all, 0, base);
    for (int s = 0; s < syntheticKind.size(); s++) {
      all[base + s] = syntheticKind.get(s) == 1 ? constants.get(s)
          : gather(in[tableInput.get(s)], tables.get(s));
    }
    return all;
  }

  private Object gather(Object src, int[] t) {
    switch (src) {
      case float[] a -> {
        float[] g = new float[points];
        for (int p = 0; p < points; p++) {
          g[p] = a[t[p]];
        }
        return g;
      }
      case double[] a -> {
        double[] g = new double[points];
        for (int p = 0; p < points; p++) {
          g[p] = a[t[p]];
        }
        return g;
      }
      case int[] a -> {
        int[] g = new int[points];
        for (int p = 0; p < points; p++) {
          g[p] = a[t[p]];
        }
        return g;
      }
      case byte[] a -> {
        byte[] g = new byte[points];
        for (int p = 0; p < points; p++) {
          g[p] = a[t[p]];
        }
        return g;
      }
      case short[] a -> {
        short[] g = new short[points];
        for (int p = 0; p < points; p++) {
          g[p] = a[t[p]];
        }
        return g;
      }
      case long[] a -> {
        long[] g = new long[points];
        for (int p = 0; p < points; p++) {
          g[p] = a[t[p]];
        }
        return g;
      }
      default -> throw new IllegalStateException("no gather for " + src.getClass() + " ("
          + dtype + " kernel)");
    }
  }

  /** The element offset of a load at each point of {@code space}, in row-major order. */
  private static int[] offsets(List<IndexExpr> index, long[] strides, Shape space) {
    int[] dims = space.dims();
    int total = Math.toIntExact(space.size());
    int[] t = new int[total];
    long[] idx = new long[dims.length];
    for (int p = 0; p < total; p++) {
      long off = 0;
      for (int d = 0; d < strides.length; d++) {
        off += index.get(d).eval(idx) * strides[d];
      }
      t[p] = Math.toIntExact(off);
      for (int d = dims.length - 1; d >= 0; d--) {
        if (++idx[d] < dims[d]) {
          break;
        }
        idx[d] = 0;
      }
    }
    return t;
  }

  /**
   * The value of each frontier node at every point, in node order, evaluated by the reference
   * executor on the pure (load-free) part of the graph; bools as 0/1 arrays of the kernel dtype.
   */
  private static Object[] frontierValues(Kernel k, boolean[] pure, boolean[] frontier,
      DType f) {
    List<Node> old = k.nodes();
    List<Node> sub = new ArrayList<>();
    int[] map = new int[old.size()];
    List<Kernel.Store> stores = new ArrayList<>();
    List<KernelProgram.Value> values = new ArrayList<>();
    List<Integer> outs = new ArrayList<>();
    List<Integer> bufferOf = new ArrayList<>();
    List<BufferPlan.Buffer> buffers = new ArrayList<>();
    List<DType> kinds = new ArrayList<>();
    int points = Math.toIntExact(k.space().size());
    for (int i = 0; i < old.size(); i++) {
      if (!pure[i]) {
        continue;
      }
      Node x = old.get(i);
      List<Integer> args = new ArrayList<>();
      for (int a : x.args()) {
        args.add(map[a]);
      }
      sub.add(x.withArgs(args));
      map[i] = sub.size() - 1;
      if (frontier[i]) {
        int o = outs.size();
        stores.add(new Kernel.Store(o, map[i]));
        values.add(new KernelProgram.Value(o, new ShapedArray(k.space(), x.dtype(), false),
            KernelProgram.Source.KERNEL, 0, null));
        outs.add(o);
        bufferOf.add(o);
        buffers.add(new BufferPlan.Buffer(x.dtype(), points, true, List.of(o)));
        kinds.add(x.dtype());
      }
    }
    if (outs.isEmpty()) {
      return new Object[0];
    }
    Kernel single = new Kernel(0, k.name() + "_index", Kernel.Kind.LOOP, k.space(),
        List.of(), List.of(), outs, sub, stores, List.of(), List.of(), List.of(), null,
        k.eqns());
    KernelProgram program = new KernelProgram(values, List.of(single), outs);
    List<Array> res = ReferenceExecutor.run(program, new BufferPlan(bufferOf, buffers),
        List.of());
    Object[] out = new Object[res.size()];
    for (int o = 0; o < out.length; o++) {
      HostBuffer h = res.get(o).host();
      if (kinds.get(o) == DType.BOOL && f != null) {
        HostBuffer b = HostBuffer.allocate(f, points);
        for (int p = 0; p < points; p++) {
          b.setDouble(p, h.getBoolean(p) ? 1 : 0);
        }
        out[o] = b.data();
      } else {
        out[o] = h.data();
      }
    }
    return out;
  }
}
