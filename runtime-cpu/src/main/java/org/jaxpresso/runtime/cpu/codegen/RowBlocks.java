package org.jaxpresso.runtime.cpu.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jaxpresso.core.Shape;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.kir.IndexExpr;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.Node;

/**
 * Runs consecutive kernels that work row by row over the same index space as one band of rows
 * at a time: softmax's three kernels (row max, row sum of {@code exp(x - max)}, then {@code
 * exp(x - max) / sum}) each read the whole input, but run band by band the later two find the
 * band still in cache, so the input crosses the memory bus once instead of three times.
 *
 * <p>A row is one index of every axis of the space but the last. Consecutive kernels group
 * when every one is a generated loop over the space or a generated reduction of the space's
 * last axis ({@link RowSplittable}), and every value one of them reads that an earlier one of
 * the group wrote is read at the point's own row (a reduction result at {@code [i0, ...,
 * i(n-2)]}, a loop result at {@code [i0, ..., i(n-1)]}); and no buffer the group writes is one
 * it also reads under another value (the buffer plan may reuse dead buffers). Bands split over
 * the pool as a single kernel's points would.
 */
final class RowBlocks {
  /** Points per band: about 128 KiB of float32 per full-size array, well inside L2. */
  static final int BAND_POINTS = 1 << 15;

  private RowBlocks() {}

  /** A run unit: one step, or a group of row-splittable steps run band by band. */
  record Unit(Step step, String name) {}

  /**
   * The run units of a program: its steps in order, with each maximal run of two or more
   * groupable steps replaced by one unit.
   */
  static List<Unit> group(KernelProgram program, BufferPlan plan, List<Step> steps) {
    List<Kernel> kernels = program.kernels();
    List<Unit> units = new ArrayList<>();
    int i = 0;
    while (i < steps.size()) {
      int j = i;
      if (splittable(kernels.get(i), steps.get(i))) {
        j = i + 1;
        while (j < steps.size() && joins(program, plan, kernels.subList(i, j), kernels.get(j),
            steps.get(j))) {
          j++;
        }
      }
      if (j - i >= 2) {
        List<RowSplittable> members = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int k = i; k < j; k++) {
          members.add((RowSplittable) steps.get(k));
          name.append(k == i ? "" : "+").append(kernels.get(k).name());
        }
        units.add(new Unit(new Group(members, kernels.get(i).space()), name.toString()));
        i = j;
      } else {
        units.add(new Unit(steps.get(i), kernels.get(i).name()));
        i++;
      }
    }
    return units;
  }

  /** Whether {@code k} runs by rows of its space. */
  private static boolean splittable(Kernel k, Step s) {
    if (!(s instanceof RowSplittable r) || !r.rowSplittable() || k.space().rank() < 2
        || k.space().size() == 0) {
      return false;
    }
    return switch (k.kind()) {
      case LOOP -> true;
      case REDUCE -> k.reduceAxes().equals(List.of(k.space().rank() - 1));
      case LIBRARY -> false;
    };
  }

  /** Whether kernel {@code k} may join the group {@code group}. */
  private static boolean joins(KernelProgram program, BufferPlan plan, List<Kernel> group,
      Kernel k, Step s) {
    Shape space = group.get(0).space();
    if (!splittable(k, s) || !k.space().equals(space)) {
      return false;
    }
    Set<Integer> produced = new HashSet<>();
    for (Kernel g : group) {
      produced.addAll(g.outputs());
    }
    int rank = space.rank();
    if (!rowLocal(k.nodes(), k, produced, rank) || !rowLocal(k.epilogue(), k, produced,
        rank - 1)) {
      return false;
    }
    // No buffer written by the group may hold another value the group reads or writes.
    List<Kernel> all = new ArrayList<>(group);
    all.add(k);
    Set<Integer> touched = new HashSet<>();
    for (Kernel g : all) {
      touched.addAll(g.inputs());
      touched.addAll(g.outputs());
    }
    Set<Integer> written = new HashSet<>();
    for (Kernel g : all) {
      for (int v : g.outputs()) {
        written.add(plan.bufferOf().get(v));
      }
    }
    Set<Integer> seen = new HashSet<>();
    for (int v : touched) {
      int b = plan.bufferOf().get(v);
      if (b >= 0 && written.contains(b) && !seen.add(b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every load in {@code nodes} (a graph over {@code nodeRank} axes) of a value in
   * {@code produced} reads it at the point's own row: the identity index over the row's axes
   * (a reduction result) or over all {@code nodeRank} axes (a loop result), with index 0 on
   * axes of extent 1.
   */
  private static boolean rowLocal(List<Node> nodes, Kernel k, Set<Integer> produced,
      int nodeRank) {
    int rowRank = k.space().rank() - 1;
    for (Node n : nodes) {
      if (n.op() != KernelOp.LOAD || !produced.contains(k.inputs().get(n.input()))) {
        continue;
      }
      List<IndexExpr> index = n.index();
      if (index.size() != rowRank && index.size() != nodeRank) {
        return false;
      }
      for (int d = 0; d < index.size(); d++) {
        boolean own = index.get(d) instanceof IndexExpr.Axis a && a.axis() == d
            || index.get(d) instanceof IndexExpr.Const c && c.value() == 0
            && k.space().dims()[d] == 1;
        if (!own) {
          return false;
        }
      }
    }
    return true;
  }

  /** The steps of a group, run band by band. */
  private static final class Group implements Step {
    private final List<RowSplittable> members;
    private final long rows;
    private final int perRow;

    Group(List<RowSplittable> members, Shape space) {
      this.members = List.copyOf(members);
      int[] d = space.dims();
      this.perRow = d[d.length - 1];
      this.rows = space.size() / perRow;
    }

    @Override
    public void run(Object[] env, Buffers buffers) {
      List<RowSplittable.Rows> prepared = new ArrayList<>();
      for (RowSplittable m : members) {
        prepared.add(m.prepare(env, buffers));
      }
      long band = Math.max(1, BAND_POINTS / perRow);
      int tasks = (int) Math.min(Parallelism.tasks(rows * perRow), (rows + band - 1) / band);
      if (tasks <= 1) {
        bands(prepared, 0, rows, band);
        return;
      }
      long per = (rows + tasks - 1) / tasks;
      org.jaxpresso.runtime.cpu.kernels.CpuPool.parallelFor(tasks,
          t -> bands(prepared, Math.min(rows, t * per), Math.min(rows, (t + 1) * per), band));
    }

    private void bands(List<RowSplittable.Rows> prepared, long r0, long r1, long band) {
      for (long r = r0; r < r1; r += band) {
        long e = Math.min(r1, r + band);
        for (RowSplittable.Rows p : prepared) {
          p.run(r, e, perRow);
        }
      }
    }

    @Override
    public boolean generated() {
      return true;
    }
  }
}
