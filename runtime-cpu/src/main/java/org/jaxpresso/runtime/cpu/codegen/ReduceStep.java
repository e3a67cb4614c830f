package org.jaxpresso.runtime.cpu.codegen;

import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.runtime.cpu.kernels.CpuPool;

/**
 * A reduction kernel running its generated {@link ReduceBody}: accumulators (the planned output
 * buffers, or scratch arrays for reductions only the epilogue reads or whose values fold in a
 * wider type: see {@link ReduceAccumulators}) start at the identity, segments fold into them,
 * scratch accumulators are rounded or wrapped into their results, then the generated epilogue
 * (if any) runs over the output space. Large spaces split over the pool: a full contiguous
 * reduction into per-task partials that are combined at the end; row reductions by rows;
 * column reductions of short rows by tiles of rows ({@link RowTiling}). Arg-reductions only
 * ever see whole rows (they run serially unless the split is by rows).
 */
final class ReduceStep implements Step, RowSplittable {
  private final ReduceBody body;
  private final Segments segments;
  private final boolean rowMode;
  private final List<Kernel.Reduction> reductions;
  private final List<DType> accTypes;
  private final List<DType> resultTypes;
  private final boolean unsigned;
  private final boolean anyArg;
  private final boolean allDirect;
  private final List<DType> valueTypes;
  private final int outSize;
  private final int[] inputs;
  private final int[] outputs;
  private final LoopBody epilogue;
  private final Segments epilogueSegments;
  private final ReferenceEpilogue referenceEpilogue;
  private final IndexRewrite rewrite;
  private final RowTiling tiling;

  ReduceStep(ReduceBody body, Segments segments, boolean rowMode, DType dtype,
      List<Kernel.Reduction> reductions, List<DType> accTypes, List<DType> resultTypes,
      List<DType> valueTypes, int outSize, int[] inputs, int[] outputs, LoopBody epilogue,
      Segments epilogueSegments,
      ReferenceEpilogue referenceEpilogue, IndexRewrite rewrite, RowTiling tiling) {
    this.referenceEpilogue = referenceEpilogue;
    this.accTypes = List.copyOf(accTypes);
    this.resultTypes = List.copyOf(resultTypes);
    this.valueTypes = List.copyOf(valueTypes);
    this.unsigned = dtype == DType.UINT32;
    boolean arg = false;
    boolean direct = true;
    for (int k = 0; k < reductions.size(); k++) {
      KernelOp c = reductions.get(k).combiner();
      arg |= ReduceAccumulators.isArg(c);
      direct &= ReduceAccumulators.direct(c, resultTypes.get(k))
          && (rowMode || !ReduceAccumulators.isArg(c));
    }
    this.anyArg = arg;
    this.allDirect = direct;
    this.rewrite = rewrite;
    this.tiling = tiling;
    this.body = body;
    this.segments = segments;
    this.rowMode = rowMode;
    this.reductions = reductions;
    this.outSize = outSize;
    this.inputs = inputs;
    this.outputs = outputs;
    this.epilogue = epilogue;
    this.epilogueSegments = epilogueSegments;
  }

  @Override
  public void run(Object[] env, Buffers buffers) {
    int n = inputs.length;
    int r = reductions.size();
    Object[] in = new Object[n + r];
    for (int i = 0; i < n; i++) {
      in[i] = env[inputs[i]];
    }
    Object[] acc = new Object[r];
    Object[] result = new Object[r];
    for (int k = 0; k < r; k++) {
      Kernel.Reduction red = reductions.get(k);
      result[k] = red.output() >= 0 ? buffers.of(outputs[red.output()])
          : ReduceAccumulators.result(resultTypes.get(k), outSize);
      acc[k] = direct(k) ? result[k] : allocate(k, outSize);
      ReduceAccumulators.fill(acc[k], 0, outSize, red);
      in[n + k] = result[k];
    }
    fold(rewrite == null ? in : rewrite.inputs(in), acc);
    for (int k = 0; k < r; k++) {
      if (acc[k] != result[k]) {
        ReduceAccumulators.convert(acc[k], result[k], resultTypes.get(k));
      }
    }
    Object[] out = new Object[outputs.length];
    for (int o = 0; o < out.length; o++) {
      out[o] = buffers.of(outputs[o]);
      env[outputs[o]] = out[o];
    }
    if (epilogue != null) {
      LoopStep.run(epilogue, epilogueSegments, in, out);
    } else if (referenceEpilogue != null) {
      referenceEpilogue.run(in, out);
    }
  }

  private void fold(Object[] in, Object[] acc) {
    long total = segments.total;
    int tasks = Parallelism.tasks(total);
    if (tiling != null) {
      foldTiled(in, acc, tasks);
      return;
    }
    int accMap = segments.c0.length - 1;
    boolean byRows = rowMode && segments.outerAllMove(accMap) && segments.rows >= tasks;
    if (tasks == 1 || anyArg && !byRows) {
      segments.forRange(0, total, sink(in, acc));
    } else if (byRows) {
      long rows = segments.rows;
      int inner = segments.inner;
      long per = (rows + tasks - 1) / tasks;
      int used = (int) ((rows + per - 1) / per);
      CpuPool.parallelFor(used, t -> segments.forRange(t * per * inner,
          Math.min(rows, (t + 1) * per) * inner, sink(in, acc)));
    } else if ((long) outSize * tasks <= total / 8) {
      partials(in, acc, total, tasks);
    } else if (!rowMode && segments.inner >= 1024) {
      int inner = segments.inner;
      int cols = (Math.max(256, inner / tasks) + 63) & ~63;
      int used = (inner + cols - 1) / cols;
      CpuPool.parallelFor(used,
          t -> segments.forColumns(t * cols, Math.min(inner, (t + 1) * cols), sink(in, acc)));
    } else {
      segments.forRange(0, total, sink(in, acc));
    }
  }

  /**
   * Splits the points into chunks (whole segments where they are short), each folding into
   * its own accumulators, and combines those into {@code acc} at the end.
   */
  private void partials(Object[] in, Object[] acc, long total, int tasks) {
    long chunk = (total + tasks - 1) / tasks;
    int inner = segments.inner;
    chunk = (long) inner * tasks <= total
        ? (chunk + inner - 1) / inner * inner : (chunk + 63) & ~63L;
    long step = chunk;
    int used = (int) ((total + chunk - 1) / chunk);
    Object[][] partial = new Object[used][acc.length];
    CpuPool.parallelFor(used, t -> {
      Object[] mine = partial[t];
      for (int k = 0; k < mine.length; k++) {
        mine[k] = allocate(k, outSize);
        ReduceAccumulators.fill(mine[k], 0, outSize, reductions.get(k));
      }
      segments.forRange(t * step, Math.min(total, (t + 1) * step), sink(in, mine));
    });
    for (int k = 0; k < acc.length; k++) {
      KernelOp c = reductions.get(k).combiner();
      for (int t = 0; t < used; t++) {
        combineAll(c, unsigned(k), acc[k], 0, partial[t][k], 0, outSize);
      }
    }
  }

  /**
   * Folds the whole tiles of {@link #tiling} into per-task scratch accumulators of one tile
   * each, combines those into {@code acc} column by column, then folds the rows after the last
   * tile directly.
   */
  private void foldTiled(Object[] in, Object[] acc, int tasks) {
    RowTiling t = tiling;
    Object[] tin = t.inputs(in);
    int used = Math.max(1, Math.min(tasks, t.tiles));
    Object[][] scratch = new Object[used][acc.length];
    java.util.function.IntConsumer task = i -> {
      Object[] mine = scratch[i];
      for (int k = 0; k < mine.length; k++) {
        mine[k] = allocate(k, t.tileLen);
        ReduceAccumulators.fill(mine[k], 0, t.tileLen, reductions.get(k));
      }
      int[] r = t.range(i, used);
      if (r[1] > r[0]) {
        body.reduce(tin, t.baseOf(r[0]), t.tileLen, mine, t.outOf(r[0]), r[1] - r[0],
            t.rowStrides);
      }
    };
    if (used == 1) {
      task.accept(0);
    } else {
      CpuPool.parallelFor(used, task);
    }
    int inner = segments.inner;
    for (int k = 0; k < acc.length; k++) {
      KernelOp c = reductions.get(k).combiner();
      for (Object[] part : scratch) {
        for (int q = 0; q < t.k; q++) {
          combineAll(c, unsigned(k), acc[k], 0, part[k], q * inner, inner);
        }
      }
    }
    if (t.tailStart < segments.total) {
      segments.forRange(t.tailStart, segments.total, sink(in, acc));
    }
  }

  /**
   * Whether reduction {@code k}'s partial accumulators compare as unsigned: those of a uint32
   * kernel (as its body does) and uint64 results.
   */
  private boolean unsigned(int k) {
    return unsigned || resultTypes.get(k) == DType.UINT64;
  }

  private static void intMaxMin(KernelOp c, int[] x, int a, int[] y, int p, int n) {
    for (int i = 0; i < n; i++) {
      x[a + i] = c == KernelOp.REDUCE_MAX ? Math.max(x[a + i], y[p + i])
          : Math.min(x[a + i], y[p + i]);
    }
  }

  private Segments.Sink sink(Object[] in, Object[] acc) {
    return (b, o, len, rows) -> body.reduce(in, b, len, acc, o, rows, segments.rowStrides);
  }

  /** A fresh accumulator for reduction {@code k} of {@code n} elements. */
  private Object allocate(int k, int n) {
    if (columnArg(k)) {
      return ReduceAccumulators.argColumns(valueTypes.get(k), n);
    }
    return ReduceAccumulators.allocate(accTypes.get(k), n);
  }

  /** Whether reduction {@code k} is an arg-reduction over a non-innermost axis. */
  private boolean columnArg(int k) {
    return !rowMode && ReduceAccumulators.isArg(reductions.get(k).combiner());
  }

  /** Whether reduction {@code k} folds straight into its result array. */
  private boolean direct(int k) {
    return !columnArg(k)
        && ReduceAccumulators.direct(reductions.get(k).combiner(), resultTypes.get(k));
  }

  /**
   * {@code acc[a + i] = c(acc[a + i], part[p + i])} for {@code i < n}, in the arrays' own
   * arithmetic: ints wrap (max and min compare {@code unsigned} ints as unsigned), floats round
   * to float once per combination as the generated code's stores do (a float sum computed in
   * double and rounded equals the float sum).
   */
  static void combineAll(KernelOp c, boolean unsigned, Object acc, int a, Object part, int p,
      int n) {
    switch (acc) {
      case float[] x -> {
        float[] y = (float[]) part;
        switch (c) {
          case REDUCE_SUM -> {
            for (int i = 0; i < n; i++) {
              x[a + i] += y[p + i];
            }
          }
          case REDUCE_PROD -> {
            for (int i = 0; i < n; i++) {
              x[a + i] *= y[p + i];
            }
          }
          case REDUCE_MAX -> {
            for (int i = 0; i < n; i++) {
              x[a + i] = Math.max(x[a + i], y[p + i]);
            }
          }
          case REDUCE_MIN -> {
            for (int i = 0; i < n; i++) {
              x[a + i] = Math.min(x[a + i], y[p + i]);
            }
          }
          default -> throw new IllegalStateException("no generated combiner " + c.textName());
        }
      }
      case double[] x -> {
        double[] y = (double[]) part;
        switch (c) {
          case REDUCE_SUM -> {
            for (int i = 0; i < n; i++) {
              x[a + i] += y[p + i];
            }
          }
          case REDUCE_PROD -> {
            for (int i = 0; i < n; i++) {
              x[a + i] *= y[p + i];
            }
          }
          case REDUCE_MAX -> {
            for (int i = 0; i < n; i++) {
              x[a + i] = Math.max(x[a + i], y[p + i]);
            }
          }
          case REDUCE_MIN -> {
            for (int i = 0; i < n; i++) {
              x[a + i] = Math.min(x[a + i], y[p + i]);
            }
          }
          default -> throw new IllegalStateException("no generated combiner " + c.textName());
        }
      }
      case int[] x -> {
        int[] y = (int[]) part;
        switch (c) {
          case REDUCE_AND -> {
            for (int i = 0; i < n; i++) {
              x[a + i] &= y[p + i];
            }
          }
          case REDUCE_OR -> {
            for (int i = 0; i < n; i++) {
              x[a + i] |= y[p + i];
            }
          }
          case REDUCE_XOR -> {
            for (int i = 0; i < n; i++) {
              x[a + i] ^= y[p + i];
            }
          }
          case REDUCE_MAX, REDUCE_MIN -> {
            if (unsigned) {
              boolean max = c == KernelOp.REDUCE_MAX;
              for (int i = 0; i < n; i++) {
                int cmp = Integer.compareUnsigned(y[p + i], x[a + i]);
                if (max ? cmp > 0 : cmp < 0) {
                  x[a + i] = y[p + i];
                }
              }
              return;
            }
            intMaxMin(c, x, a, y, p, n);
          }
          case REDUCE_SUM -> {
            for (int i = 0; i < n; i++) {
              x[a + i] += y[p + i];
            }
          }
          case REDUCE_PROD -> {
            for (int i = 0; i < n; i++) {
              x[a + i] *= y[p + i];
            }
          }
          default -> throw new IllegalStateException("no generated combiner " + c.textName());
        }
      }
      case long[] x -> {
        long[] y = (long[]) part;
        DType d = unsigned ? DType.UINT64 : DType.INT64;
        for (int i = 0; i < n; i++) {
          x[a + i] = switch (c) {
            case REDUCE_AND -> x[a + i] & y[p + i];
            case REDUCE_OR -> x[a + i] | y[p + i];
            case REDUCE_XOR -> x[a + i] ^ y[p + i];
            case REDUCE_SUM -> x[a + i] + y[p + i];
            case REDUCE_PROD -> x[a + i] * y[p + i];
            case REDUCE_MAX -> org.jaxpresso.lax.semantics.IntOps.max(x[a + i], y[p + i], d);
            case REDUCE_MIN -> org.jaxpresso.lax.semantics.IntOps.min(x[a + i], y[p + i], d);
            default -> throw new IllegalStateException("no generated combiner " + c.textName());
          };
        }
      }
      default -> throw new IllegalStateException("no generated accumulator " + acc.getClass());
    }
  }

  /** Whether the epilogue runs on the reference executor ({@link ReferenceEpilogue}). */
  boolean referenceEpilogue() {
    return referenceEpilogue != null;
  }

  @Override
  public boolean rowSplittable() {
    return rowMode && rewrite == null && tiling == null && allDirect
        && referenceEpilogue == null;
  }

  /**
   * Gathers the arrays of one run. Rows {@code [r0, r1)} then start their accumulators at the
   * identity, fold their points and run the epilogue over their output elements.
   */
  @Override
  public Rows prepare(Object[] env, Buffers buffers) {
    int n = inputs.length;
    int r = reductions.size();
    Object[] in = new Object[n + r];
    for (int i = 0; i < n; i++) {
      in[i] = env[inputs[i]];
    }
    Object[] acc = new Object[r];
    for (int k = 0; k < r; k++) {
      Kernel.Reduction red = reductions.get(k);
      acc[k] = red.output() >= 0 ? buffers.of(outputs[red.output()]) : allocate(k, outSize);
      in[n + k] = acc[k];
    }
    Object[] out = new Object[outputs.length];
    for (int o = 0; o < out.length; o++) {
      out[o] = buffers.of(outputs[o]);
      env[outputs[o]] = out[o];
    }
    Segments.Sink sink = sink(in, acc);
    return (r0, r1, perRow) -> {
      for (int k = 0; k < r; k++) {
        ReduceAccumulators.fill(acc[k], (int) r0, (int) r1, reductions.get(k));
      }
      segments.forRange(r0 * perRow, r1 * perRow, sink);
      if (epilogue != null) {
        epilogueSegments.forRange(r0, r1, (b, o, len, rows) -> epilogue.run(in, out, b, o, len,
            rows, epilogueSegments.rowStrides));
      }
    };
  }

  @Override
  public boolean generated() {
    return true;
  }
}
