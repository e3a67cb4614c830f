package org.jaxpresso.runtime.gpu.ptx;

import java.util.HashMap;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.Shape;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.jit.compiler.kir.Node;
import org.jaxpresso.runtime.gpu.ptx.PtxWriter.Reg;

/**
 * The PTX of a reduction kernel (see {@link PtxKernelEmitter}): a block per output element,
 * thread-strided folding in double or 64-bit accumulators, a warp butterfly, then the warps
 * through shared memory, and thread 0 storing results and running the epilogue. Arg-reductions
 * carry the flat position in the reduced space as a tie-break key, so the first maximum (or the
 * first NaN) wins whatever the combination order, as in the reference.
 */
class PtxReduction extends PtxKernelEmitter.Base {
  private static final int WARPS = PtxKernelEmitter.REDUCE_BLOCK / 32;
  private final List<Kernel.Reduction> reds;
  private final boolean[] floating;
  private final boolean[] arg;
  private final DType[] valueType;
  private final long reducedSize;
  private final int[] reducedDims;
  private final Mode mode;
  private final int splits;

  /** Which entry point is written. */
  enum Mode {
    /** One pass: a block per output element. */
    SINGLE,
    /** First of two passes: a block per (output element, slice of the reduced space). */
    PARTIAL,
    /** Second pass: a block per output element combines the slices' partial results. */
    FINAL
  }

  PtxReduction(KernelProgram program, Kernel k, Mode mode, int splits) {
    super(program, k);
    this.mode = mode;
    this.splits = splits;
    reds = k.reductions();
    floating = new boolean[reds.size()];
    arg = new boolean[reds.size()];
    valueType = new DType[reds.size()];
    for (int r = 0; r < reds.size(); r++) {
      Kernel.Reduction red = reds.get(r);
      valueType[r] = k.nodes().get(red.node()).dtype();
      floating[r] = valueType[r].isFloating();
      arg[r] = red.combiner() == KernelOp.ARGMAX || red.combiner() == KernelOp.ARGMIN;
    }
    reducedDims = new int[k.reduceAxes().size()];
    long size = 1;
    for (int i = 0; i < reducedDims.length; i++) {
      reducedDims[i] = k.space().dims()[k.reduceAxes().get(i)];
      size *= reducedDims[i];
    }
    reducedSize = size;
  }

  /** Blocks below which the reduced space is split over blocks (about two per SM of an H200). */
  static final long FEW_OUTPUTS = 1024;
  /** Elements each slice of a split reduction folds (at least). */
  static final long SLICE = 16384;

  /**
   * The kernel for reduction {@code k}: one pass when there are many output elements or few
   * reduced elements; otherwise two entry points, {@code NAME_partial} (slices of the reduced
   * space fold into a scratch buffer of (value, position) pairs) then {@code NAME} (combines
   * them, runs the epilogue), deterministic and with the first-index tie rule intact.
   */
  static PtxKernel kernel(KernelProgram program, Kernel k) {
    long outCount = k.outputSpace().size();
    long reduced = k.space().size() / Math.max(1, outCount);
    long splits = outCount < FEW_OUTPUTS ? Math.min(1024, reduced / SLICE) : 1;
    if (k.space().size() == 0 || splits <= 1) {
      String entry = new PtxReduction(program, k, Mode.SINGLE, 1).entry();
      return new PtxKernel(k.name(), PtxKernelEmitter.header() + entry,
          PtxKernelEmitter.REDUCE_BLOCK, outCount, true, 1, 0);
    }
    int s = (int) splits;
    String partial = new PtxReduction(program, k, Mode.PARTIAL, s).entry();
    String fin = new PtxReduction(program, k, Mode.FINAL, s).entry();
    long scratch = outCount * s * k.reductions().size() * 16L;
    return new PtxKernel(k.name(), PtxKernelEmitter.header() + partial + "\n" + fin,
        PtxKernelEmitter.REDUCE_BLOCK, outCount, true, s, scratch);
  }

  @Override
  String entryName() {
    return mode == Mode.PARTIAL ? k.name() + "_partial" : k.name();
  }

  @Override
  List<String> extraParams() {
    return mode == Mode.SINGLE ? List.of() : List.of("scratch");
  }

  private Reg accReg(int r) {
    return floating[r] ? Reg.F64 : Reg.B64;
  }

  /** The entry point's text (no module header). */
  String entry() {
    loadParams();
    Shape outSpace = k.outputSpace();
    long outCount = outSpace.size();
    long items = mode == Mode.PARTIAL ? outCount * splits : outCount;
    long chunk = (reducedSize + splits - 1) / splits;
    String tid = w.emit(Reg.B32, "mov.u32", "%tid.x");
    String ntid = w.emit(Reg.B32, "mov.u32", "%ntid.x");
    String ctaid = w.emit(Reg.B32, "mov.u32", "%ctaid.x");
    String nctaid = w.emit(Reg.B32, "mov.u32", "%nctaid.x");
    String lane = w.emit(Reg.B32, "and.b32", tid, "31");
    String warp = w.emit(Reg.B32, "shr.u32", tid, "5");
    String smem = w.emit(Reg.B64, "mov.u64", "red_smem");
    String item = w.emit(Reg.B64, "cvt.u64.u32", ctaid);
    String outer = w.label("outer");
    String done = w.label("done");
    w.place(outer);
    String fin = w.emit(Reg.PRED, "setp.ge.u64", item, Long.toString(items));
    w.op("@" + fin + " bra " + done);
    String o = mode == Mode.PARTIAL ? w.emit(Reg.B64, "div.u64", item, Integer.toString(splits))
        : item;
    String[] outAxes = decompose(o, outSpace.dims(), outCount);
    String[] acc = new String[reds.size()];
    String[] key = new String[reds.size()];
    for (int r = 0; r < reds.size(); r++) {
      Kernel.Reduction red = reds.get(r);
      acc[r] = floating[r]
          ? w.emit(Reg.F64, "mov.f64", PtxWriter.f64(red.identity().getDouble(0)))
          : w.emit(Reg.B64, "mov.b64", Long.toString(red.identity().getLong(0)));
      key[r] = w.emit(Reg.B64, "mov.b64", Long.toString(reducedSize));
    }
    if (mode == Mode.FINAL) {
      foldPartials(o, tid, ntid, acc, key);
    } else {
      foldElements(item, tid, ntid, outAxes, chunk, acc, key);
    }
    // Warp butterfly.
    for (int off = 16; off >= 1; off >>= 1) {
      for (int r = 0; r < reds.size(); r++) {
        String v = shuffle(acc[r], accReg(r), off);
        String kk = shuffle(key[r], Reg.B64, off);
        combine(r, acc[r], key[r], v, kk);
      }
    }
    // Lane 0 of each warp publishes; thread 0 combines the warps.
    String lane0 = w.emit(Reg.PRED, "setp.eq.u32", lane, "0");
    String notLane0 = w.label("not_lane0");
    w.op("@!" + lane0 + " bra " + notLane0);
    for (int r = 0; r < reds.size(); r++) {
      w.op("st.shared.b64 [" + slot(smem, r, warp) + "], " + acc[r]);
      w.op("st.shared.b64 [" + slot(smem, reds.size() + r, warp) + "], " + key[r]);
    }
    w.place(notLane0);
    w.op("bar.sync 0");
    String t0 = w.emit(Reg.PRED, "setp.eq.u32", tid, "0");
    String skip = w.label("not_thread0");
    w.op("@!" + t0 + " bra " + skip);
    for (int r = 0; r < reds.size(); r++) {
      for (int wp = 1; wp < WARPS; wp++) {
        String wr = w.emit(Reg.B32, "mov.u32", Integer.toString(wp));
        String v = w.emit(accReg(r), "ld.shared." + (floating[r] ? "f64" : "b64"),
            "[" + slot(smem, r, wr) + "]");
        String kk = w.emit(Reg.B64, "ld.shared.b64", "[" + slot(smem, reds.size() + r, wr)
            + "]");
        combine(r, acc[r], key[r], v, kk);
      }
    }
    if (mode == Mode.PARTIAL) {
      for (int r = 0; r < reds.size(); r++) {
        String at = scratchSlot(item, r);
        w.op("st.global." + (floating[r] ? "f64" : "b64") + " [" + at + "], " + acc[r]);
        w.op("st.global.b64 [" + at + "+8], " + key[r]);
      }
    } else {
      finish(o, outSpace, outAxes, acc, key);
    }
    w.place(skip);
    w.op("bar.sync 0");
    w.op("add.s64 " + item + ", " + item + ", " + w.emit(Reg.B64, "cvt.u64.u32", nctaid));
    w.op("bra " + outer);
    w.place(done);
    w.op("ret");
    String shared = "  .shared .align 8 .b64 red_smem[" + Math.max(1, 2 * reds.size() * WARPS)
        + "];\n";
    return entryHead() + "{\n" + shared + w.declarations() + w.body() + "}\n";
  }

  /** Folds this thread's share of the reduced elements of work item {@code item}. */
  private void foldElements(String item, String tid, String ntid, String[] outAxes, long chunk,
      String[] acc, String[] key) {
    String lo;
    String hi;
    if (mode == Mode.PARTIAL) {
      String slice = w.emit(Reg.B64, "rem.u64", item, Integer.toString(splits));
      lo = w.emit(Reg.B64, "mul.lo.u64", slice, Long.toString(chunk));
      hi = w.emit(Reg.B64, "min.u64", w.emit(Reg.B64, "add.u64", lo, Long.toString(chunk)),
          Long.toString(reducedSize));
    } else {
      lo = w.emit(Reg.B64, "mov.u64", "0");
      hi = w.emit(Reg.B64, "mov.u64", Long.toString(reducedSize));
    }
    String j = w.emit(Reg.B64, "add.u64", lo, w.emit(Reg.B64, "cvt.u64.u32", tid));
    String inner = w.label("inner");
    String innerEnd = w.label("inner_end");
    w.place(inner);
    String stop = w.emit(Reg.PRED, "setp.ge.u64", j, hi);
    w.op("@" + stop + " bra " + innerEnd);
    exprs = new HashMap<>();
    flatShape = null;
    flat = null;
    String[] redAxes = decompose(j, reducedDims, reducedSize);
    axis = new String[k.space().rank()];
    for (int d = 0, kept = 0, red = 0; d < axis.length; d++) {
      axis[d] = k.reduceAxes().contains(d) ? redAxes[red++] : outAxes[kept++];
    }
    String[] regs = evalNodes(k.nodes(), i -> {
      throw new IllegalArgumentException("reduced leaf outside the epilogue of " + k.name());
    });
    for (int r = 0; r < reds.size(); r++) {
      combine(r, acc[r], key[r], widen(r, regs[reds.get(r).node()]), j);
    }
    w.op("add.s64 " + j + ", " + j + ", " + w.emit(Reg.B64, "cvt.u64.u32", ntid));
    w.op("bra " + inner);
    w.place(innerEnd);
  }

  /** Folds this thread's share of the partial results of output element {@code o}. */
  private void foldPartials(String o, String tid, String ntid, String[] acc, String[] key) {
    String s = w.emit(Reg.B64, "cvt.u64.u32", tid);
    String inner = w.label("partials");
    String innerEnd = w.label("partials_end");
    w.place(inner);
    String stop = w.emit(Reg.PRED, "setp.ge.u64", s, Integer.toString(splits));
    w.op("@" + stop + " bra " + innerEnd);
    String item = w.emit(Reg.B64, "mad.lo.u64", o, Integer.toString(splits), s);
    for (int r = 0; r < reds.size(); r++) {
      String at = scratchSlot(item, r);
      String v = w.emit(accReg(r), "ld.global." + (floating[r] ? "f64" : "b64"), "[" + at + "]");
      String kk = w.emit(Reg.B64, "ld.global.b64", "[" + at + "+8]");
      combine(r, acc[r], key[r], v, kk);
    }
    w.op("add.s64 " + s + ", " + s + ", " + w.emit(Reg.B64, "cvt.u64.u32", ntid));
    w.op("bra " + inner);
    w.place(innerEnd);
  }

  /** The address of reduction {@code r}'s (value, position) pair of work item {@code item}. */
  private String scratchSlot(String item, int r) {
    String idx = w.emit(Reg.B64, "mad.lo.u64", item, Integer.toString(reds.size()),
        Integer.toString(r));
    String off = w.emit(Reg.B64, "mul.lo.u64", idx, "16");
    return w.emit(Reg.B64, "add.s64", scratchPtr, off);
  }

  private String slot(String smem, int row, String warp) {
    String idx = w.emit(Reg.B32, "add.u32", warp, Integer.toString(row * WARPS));
    String off = w.emit(Reg.B64, "mul.wide.u32", idx, "8");
    return w.emit(Reg.B64, "add.s64", smem, off);
  }

  private String widen(int r, String v) {
    DType d = valueType[r];
    return switch (PtxTypes.regOf(d)) {
      case F32 -> w.emit(Reg.F64, "cvt.f64.f32", v);
      case B32 -> w.emit(Reg.B64, PtxTypes.unsigned(d) ? "cvt.u64.u32" : "cvt.s64.s32", v);
      default -> v;
    };
  }

  private String shuffle(String v, Reg cls, int off) {
    String lo = w.reg(Reg.B32);
    String hi = w.reg(Reg.B32);
    w.op("mov.b64 {" + lo + ", " + hi + "}, " + v);
    String slo = w.emit(Reg.B32, "shfl.sync.bfly.b32", lo, Integer.toString(off), "31",
        "-1");
    String shi = w.emit(Reg.B32, "shfl.sync.bfly.b32", hi, Integer.toString(off), "31",
        "-1");
    String out = w.reg(cls);
    w.op("mov.b64 " + out + ", {" + slo + ", " + shi + "}");
    return out;
  }

  /** Folds {@code (v, k2)} into {@code (acc, key)} in place. */
  private void combine(int r, String acc, String key, String v, String k2) {
    KernelOp c = reds.get(r).combiner();
    boolean f = floating[r];
    String t = f ? "f64" : PtxTypes.unsigned(valueType[r]) ? "u64" : "s64";
    if (arg[r]) {
      boolean max = c == KernelOp.ARGMAX;
      String better = w.emit(Reg.PRED, "setp." + (max ? "gt." : "lt.") + t, v, acc);
      String eq = w.emit(Reg.PRED, "setp.eq." + t, v, acc);
      String kLess = w.emit(Reg.PRED, "setp.lt.s64", k2, key);
      String tie = w.emit(Reg.PRED, "and.pred", eq, kLess);
      String take = w.emit(Reg.PRED, "or.pred", better, tie);
      if (f) {
        String n1 = w.emit(Reg.PRED, "setp.nan.f64", acc, acc);
        String n2 = w.emit(Reg.PRED, "setp.nan.f64", v, v);
        String notN1 = w.emit(Reg.PRED, "not.pred", n1);
        String nonNan = w.emit(Reg.PRED, "and.pred", notN1, take);
        String nanCase = w.emit(Reg.PRED, "and.pred", n2, w.emit(Reg.PRED, "or.pred", notN1,
            kLess));
        String notN2 = w.emit(Reg.PRED, "not.pred", n2);
        take = w.emit(Reg.PRED, "or.pred", nanCase, w.emit(Reg.PRED, "and.pred", notN2,
            nonNan));
      }
      w.op("@" + take + " mov." + (f ? "f64" : "b64") + " " + acc + ", " + v);
      w.op("@" + take + " mov.b64 " + key + ", " + k2);
      return;
    }
    String res = switch (c) {
      case REDUCE_SUM -> w.emit(accReg(r), f ? "add.rn.f64" : "add.s64", acc, v);
      case REDUCE_PROD -> w.emit(accReg(r), f ? "mul.rn.f64" : "mul.lo.s64", acc, v);
      case REDUCE_MAX, REDUCE_MIN -> {
        boolean max = c == KernelOp.REDUCE_MAX;
        yield f ? PtxScalarOps.floatMaxMin(w, Reg.F64, acc, v, max)
            : w.emit(Reg.B64, (max ? "max." : "min.") + t, acc, v);
      }
      case REDUCE_AND, REDUCE_OR, REDUCE_XOR -> {
        if (f) {
          throw new IllegalArgumentException(c.textName() + " does not reduce floats");
        }
        String op = c == KernelOp.REDUCE_AND ? "and" : c == KernelOp.REDUCE_OR ? "or" : "xor";
        yield w.emit(Reg.B64, op + ".b64", acc, v);
      }
      default -> throw new IllegalArgumentException(c.textName()
          + " is not a reduction combiner");
    };
    w.op("mov." + (f ? "f64" : "b64") + " " + acc + ", " + res);
  }

  /** The finished value of reduction {@code r} as a register of dtype {@code d}. */
  private String finished(int r, DType d, String acc, String key) {
    if (arg[r]) {
      String k0 = w.emit(Reg.B64, "min.u64", key, Long.toString(Math.max(0, reducedSize - 1)));
      int axisPos = k.reduceAxes().indexOf(reds.get(r).axis());
      long stride = 1;
      for (int i = reducedDims.length - 1; i > axisPos; i--) {
        stride *= reducedDims[i];
      }
      String q = w.emit(Reg.B64, "div.u64", k0, Long.toString(stride));
      String idx = w.emit(Reg.B64, "rem.u64", q, Long.toString(Math.max(1,
          reducedDims[axisPos])));
      return PtxConvert.convert(w, DType.INT64, d, idx);
    }
    if (floating[r]) {
      return d == DType.FLOAT64 ? acc : scalars.narrow(d, acc);
    }
    if (PtxTypes.regOf(d) == Reg.B64) {
      return acc;
    }
    String v = w.emit(Reg.B32, "cvt.u32.u64", acc);
    PtxTypes.wrap(w, d, v);
    return v;
  }

  private void finish(String o, Shape outSpace, String[] outAxes, String[] acc, String[] key) {
    for (int r = 0; r < reds.size(); r++) {
      Kernel.Reduction red = reds.get(r);
      if (red.output() < 0) {
        continue;
      }
      DType d = valueDtype(k.outputs().get(red.output()));
      String v = finished(r, d, acc[r], key[r]);
      PtxTypes.store(w, d, address(outPtr.get(red.output()), o, d), v);
    }
    if (k.epilogue().isEmpty()) {
      return;
    }
    exprs = new HashMap<>();
    flatShape = outSpace;
    flat = o;
    axis = outAxes;
    List<Node> epi = k.epilogue();
    String[] regs = evalNodes(epi, i -> {
      Node n = epi.get(i);
      return finished(n.param(), n.dtype(), acc[n.param()], key[n.param()]);
    });
    for (Kernel.Store st : k.epilogueStores()) {
      DType d = valueDtype(k.outputs().get(st.output()));
      PtxTypes.store(w, d, address(outPtr.get(st.output()), o, d), regs[st.node()]);
    }
  }

}
