package org.jaxpresso.runtime.cpu.codegen;

import org.jaxpresso.runtime.cpu.kernels.CpuPool;

/**
 * A loop kernel running its generated {@link LoopBody} segment by segment, after making the
 * synthetic inputs of its {@link IndexRewrite} if it has one.
 */
final class LoopStep implements Step, RowSplittable {
  private final LoopBody body;
  private final Segments segments;
  private final int[] inputs;
  private final int[] outputs;
  private final IndexRewrite rewrite;
  private final RowTiling tiling;

  LoopStep(LoopBody body, Segments segments, int[] inputs, int[] outputs,
      IndexRewrite rewrite, RowTiling tiling) {
    this.tiling = tiling;
    this.body = body;
    this.segments = segments;
    this.inputs = inputs;
    this.outputs = outputs;
    this.rewrite = rewrite;
  }

  @Override
  public void run(Object[] env, Buffers buffers) {
    Object[] in = new Object[inputs.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = env[inputs[i]];
    }
    Object[] out = new Object[outputs.length];
    for (int o = 0; o < out.length; o++) {
      out[o] = buffers.of(outputs[o]);
      env[outputs[o]] = out[o];
    }
    Object[] args = rewrite == null ? in : rewrite.inputs(in);
    if (tiling != null) {
      runTiled(args, out);
    } else {
      run(body, segments, args, out);
    }
  }

  /**
   * Runs the whole tiles of {@link #tiling} (split over the pool when large), then the rows
   * after the last tile.
   */
  private void runTiled(Object[] in, Object[] out) {
    RowTiling t = tiling;
    Object[] tin = t.inputs(in);
    int used = Math.max(1, Math.min(Parallelism.tasks(segments.total), t.tiles));
    java.util.function.IntConsumer task = i -> {
      int[] r = t.range(i, used);
      if (r[1] > r[0]) {
        body.run(tin, out, t.baseOf(r[0]), t.outOf(r[0]), t.tileLen, r[1] - r[0],
            t.rowStrides);
      }
    };
    if (used == 1) {
      task.accept(0);
    } else {
      CpuPool.parallelFor(used, task);
    }
    if (t.tailStart < segments.total) {
      segments.forRange(t.tailStart, segments.total,
          (b, o, n, rows) -> body.run(in, out, b, o, n, rows, segments.rowStrides));
    }
  }

  /** Runs {@code body} over {@code segments}, split over the pool when large. */
  static void run(LoopBody body, Segments segments, Object[] in, Object[] out) {
    long total = segments.total;
    int tasks = Parallelism.tasks(total);
    if (tasks == 1 && segments.singleBase != null) {
      body.run(in, out, segments.singleBase, segments.singleOut, segments.inner,
          segments.rowCount, segments.rowStrides);
      return;
    }
    Segments.Sink sink = (b, o, n, rows) -> body.run(in, out, b, o, n, rows, segments.rowStrides);
    if (tasks == 1) {
      segments.forRange(0, total, sink);
      return;
    }
    long chunk = ((total + tasks - 1) / tasks + 63) & ~63L;
    int used = (int) ((total + chunk - 1) / chunk);
    CpuPool.parallelFor(used,
        t -> segments.forRange(t * chunk, Math.min(total, (t + 1) * chunk), sink));
  }

  /** The generated body (for tests: whether it has a vector loop). */
  LoopBody body() {
    return body;
  }

  /** Whether a generated body class has a Vector API loop (its species in a static final). */
  static boolean vectorized(LoopBody body) {
    for (java.lang.reflect.Field f : body.getClass().getDeclaredFields()) {
      if (f.getName().equals("S")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean rowSplittable() {
    return rewrite == null && tiling == null;
  }

  @Override
  public Rows prepare(Object[] env, Buffers buffers) {
    Object[] in = new Object[inputs.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = env[inputs[i]];
    }
    Object[] out = new Object[outputs.length];
    for (int o = 0; o < out.length; o++) {
      out[o] = buffers.of(outputs[o]);
      env[outputs[o]] = out[o];
    }
    Segments.Sink sink = (b, o, n, rows) -> body.run(in, out, b, o, n, rows, segments.rowStrides);
    return (r0, r1, perRow) -> segments.forRange(r0 * perRow, r1 * perRow, sink);
  }

  @Override
  public boolean generated() {
    return true;
  }
}
