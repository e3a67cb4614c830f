package org.jaxpresso.runtime.cpu.codegen;

import org.jaxpresso.runtime.cpu.kernels.CpuPool;

/**
 * A loop kernel running its generated {@link LoopBody} segment by segment, after making the
 * synthetic inputs of its {@link IndexRewrite} if it has one.
 *
 * <p>In a loop body ({@link SubProgram}) a step may run on views ({@link #onViews}): its inputs
 * and outputs start at run-time element offsets into larger storage (a scanned element {@code
 * xs[i]} inside the stacked operand, a {@code y} written in place into the stacked result),
 * read from the offset table the frame keeps in the environment. The generated body is the same
 * class: the offsets are added to the segments' bases it already takes.
 */
final class LoopStep implements Step, RowSplittable {
  private final LoopBody body;
  private final Segments segments;
  private final int[] inputs;
  private final int[] outputs;
  private final IndexRewrite rewrite;
  private final RowTiling tiling;
  /** The kernel input each load slot reads (null when not known: no views). */
  private final int[] slotArg;
  /** The environment slot of the offset table ({@code int[]} by value id), or -1. */
  private final int offSlot;
  /** Per output: whether it is written into storage the frame put in the environment. */
  private final boolean[] inPlace;

  LoopStep(LoopBody body, Segments segments, int[] inputs, int[] outputs,
      IndexRewrite rewrite, RowTiling tiling) {
    this(body, segments, inputs, outputs, rewrite, tiling, null);
  }

  LoopStep(LoopBody body, Segments segments, int[] inputs, int[] outputs,
      IndexRewrite rewrite, RowTiling tiling, int[] slotArg) {
    this(body, segments, inputs, outputs, rewrite, tiling, slotArg, -1, null);
  }

  private LoopStep(LoopBody body, Segments segments, int[] inputs, int[] outputs,
      IndexRewrite rewrite, RowTiling tiling, int[] slotArg, int offSlot, boolean[] inPlace) {
    this.slotArg = slotArg;
    this.offSlot = offSlot;
    this.inPlace = inPlace;
    this.tiling = tiling;
    this.body = body;
    this.segments = segments;
    this.inputs = inputs;
    this.outputs = outputs;
    this.rewrite = rewrite;
  }

  /** Whether this step can run on views: no rewrite, no tiling, and its slots are known. */
  boolean viewable() {
    return rewrite == null && tiling == null && slotArg != null;
  }

  /** The kernel's input value ids. */
  int[] inputIds() {
    return inputs;
  }

  /** The kernel's output value ids. */
  int[] outputIds() {
    return outputs;
  }

  /**
   * The same kernel (the same generated body) run on views: offsets from the table in {@code
   * env[offSlot]}, the outputs marked in {@code inPlace} written into the storage the frame put
   * in the environment (they share one offset: the body takes one output base).
   *
   * @param offSlot the environment slot of the offset table
   * @param inPlace per output, whether it is written in place
   */
  LoopStep onViews(int offSlot, boolean[] inPlace) {
    if (!viewable()) {
      throw new IllegalStateException("a rewritten or tiled loop step cannot run on views");
    }
    return new LoopStep(body, segments, inputs, outputs, rewrite, tiling, slotArg, offSlot,
        inPlace.clone());
  }

  @Override
  public void run(Object[] env, Buffers buffers) {
    if (offSlot >= 0) {
      runViews(env, buffers);
      return;
    }
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

  private void runViews(Object[] env, Buffers buffers) {
    int[] off = (int[]) env[offSlot];
    Object[] in = new Object[inputs.length];
    for (int i = 0; i < in.length; i++) {
      in[i] = env[inputs[i]];
    }
    Object[] out = new Object[outputs.length];
    int outOff = 0;
    for (int o = 0; o < out.length; o++) {
      if (inPlace[o]) {
        out[o] = env[outputs[o]];
        outOff = off[outputs[o]];
      } else {
        out[o] = buffers.of(outputs[o]);
        env[outputs[o]] = out[o];
        off[outputs[o]] = 0;
      }
    }
    int[] slotOff = new int[slotArg.length];
    for (int k = 0; k < slotOff.length; k++) {
      slotOff[k] = off[inputs[slotArg[k]]];
    }
    run(body, segments, in, out, slotOff, outOff);
  }

  /**
   * Runs {@code body} over {@code segments} with every load slot {@code k} shifted by {@code
   * slotOff[k]} elements and the outputs by {@code outOff}, split over the pool when large.
   */
  static void run(LoopBody body, Segments segments, Object[] in, Object[] out, int[] slotOff,
      int outOff) {
    long total = segments.total;
    int tasks = Parallelism.tasks(total);
    if (tasks == 1 && segments.singleBase != null) {
      int[] b = segments.singleBase.clone();
      for (int k = 0; k < b.length; k++) {
        b[k] += slotOff[k];
      }
      body.run(in, out, b, segments.singleOut + outOff, segments.inner, segments.rowCount,
          segments.rowStrides);
      return;
    }
    // forRange refills every base before each segment: shifting them in place is safe.
    Segments.Sink sink = (b, o, n, rows) -> {
      for (int k = 0; k < b.length; k++) {
        b[k] += slotOff[k];
      }
      body.run(in, out, b, o + outOff, n, rows, segments.rowStrides);
    };
    if (tasks == 1) {
      segments.forRange(0, total, sink);
      return;
    }
    long chunk = ((total + tasks - 1) / tasks + 63) & ~63L;
    int used = (int) ((total + chunk - 1) / chunk);
    CpuPool.parallelFor(used,
        t -> segments.forRange(t * chunk, Math.min(total, (t + 1) * chunk), sink));
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
    return rewrite == null && tiling == null && offSlot < 0;
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
