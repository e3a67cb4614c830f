package org.jaxpresso.runtime.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.kir.ControlFlow;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.runtime.gpu.cuda.CudaDriver;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;

/**
 * A control-flow kernel of the kernel IR ({@link ControlFlow}) on the GPU, as host-side loops
 * around its sub-programs' launches: the data stays on the device, only the loop test (one
 * bool) and the branch index (one int32) are read back. Each sub-program's kernels are generated
 * and loaded once ({@link GpuCodegen}, {@link GpuExecutable}); a run allocates the sub-programs'
 * planned buffers once (two sets for a loop body, used in turn, so an iteration never writes
 * what it reads), passes a scanned operand's element {@code i} as a pointer offset into it (no
 * copy) and copies each {@code y} into the stacked result at index {@code i} on the device.
 *
 * <p>Hook (in {@link GpuExecutable}, not made here): construct one per kernel whose {@link
 * Kernel#controlFlow()} is set, and in {@code launchAll} call {@link #run(long[])} for it
 * instead of the host {@code library} path.
 */
final class GpuControlFlow {
  private final GpuRuntime rt;
  private final Kernel kernel;
  private final KernelProgram outer;
  private final ControlFlow cf;
  private final KernelProgram[] subs;
  private final GpuExecutable[] exes;
  private final List<List<PtxKernel>> ptx = new ArrayList<>();

  /**
   * Generates and loads the sub-programs' kernels.
   *
   * @param rt the runtime
   * @param outer the program {@code kernel} belongs to
   * @param kernel a kernel whose {@link Kernel#controlFlow()} is set
   */
  GpuControlFlow(GpuRuntime rt, KernelProgram outer, Kernel kernel) {
    this.rt = rt;
    this.outer = outer;
    this.kernel = kernel;
    this.cf = kernel.controlFlow();
    subs = cf.programs().toArray(KernelProgram[]::new);
    exes = new GpuExecutable[subs.length];
    for (int i = 0; i < subs.length; i++) {
      CompiledProgram c = new CompiledProgram(kernel.name() + "_" + i, null, null, subs[i],
          BufferPlanner.plan(subs[i]));
      List<PtxKernel> code = GpuCodegen.generate(c, Dump.none());
      ptx.add(code);
      exes[i] = new GpuExecutable(rt, c, code);
    }
  }

  /**
   * Runs the kernel: its operands at {@code ptrOf[kernel inputs]}, its results copied into
   * {@code ptrOf[kernel outputs]} (the enclosing program's planned buffers).
   *
   * @param ptrOf the device pointer of every value of the enclosing program
   */
  void run(long[] ptrOf) {
    CudaDriver cu = rt.driver();
    List<Long> owned = new ArrayList<>();
    try {
      long[] ops = new long[kernel.inputs().size()];
      for (int i = 0; i < ops.length; i++) {
        ops[i] = ptrOf[kernel.inputs().get(i)];
      }
      long[] res = switch (cf) {
        case ControlFlow.WhileLoop w -> whileLoop(w, ops, owned);
        case ControlFlow.ScanLoop s -> scan(s, ops, ptrOf, owned);
        case ControlFlow.Switch c -> {
          int b = Math.max(0, Math.min(c.branches().size() - 1, readInt(cu, ops[0])));
          long[] frame = frame(b, owned);
          for (int i = 0; i + 1 < ops.length; i++) {
            frame[input(b, i)] = ops[i + 1];
          }
          exes[b].launchAll(frame);
          yield outputs(b, frame);
        }
      };
      for (int o = 0; o < res.length; o++) {
        int v = kernel.outputs().get(o);
        if (res[o] != ptrOf[v]) {
          cu.copyDeviceToDevice(ptrOf[v], res[o], bytes(outer.values().get(v).aval()));
        }
      }
      cu.synchronize();
    } finally {
      for (long p : owned) {
        cu.free(p);
      }
    }
  }

  private long[] whileLoop(ControlFlow.WhileLoop w, long[] ops, List<Long> owned) {
    int cn = w.condConsts();
    int bn = w.bodyConsts();
    long[] carry = java.util.Arrays.copyOfRange(ops, cn + bn, ops.length);
    long[] cond = frame(0, owned);
    long[][] body = {frame(1, owned), frame(1, owned)};
    for (int i = 0; i < cn; i++) {
      cond[input(0, i)] = ops[i];
    }
    for (long[] f : body) {
      for (int i = 0; i < bn; i++) {
        f[input(1, i)] = ops[cn + i];
      }
    }
    int condOut = subs[0].outputs().get(0);
    for (int it = 0; ; it++) {
      for (int c = 0; c < carry.length; c++) {
        cond[input(0, cn + c)] = carry[c];
      }
      exes[0].launchAll(cond);
      if (readByte(rt.driver(), cond[condOut]) == 0) {
        return carry;
      }
      long[] f = body[it & 1];
      for (int c = 0; c < carry.length; c++) {
        f[input(1, bn + c)] = carry[c];
      }
      exes[1].launchAll(f);
      carry = nextCarry(1, f, bn, carry, owned);
    }
  }

  private long[] scan(ControlFlow.ScanLoop s, long[] ops, long[] ptrOf, List<Long> owned) {
    int nc = s.consts();
    int ncarry = s.carries();
    int nx = ops.length - nc - ncarry;
    long[] carry = java.util.Arrays.copyOfRange(ops, nc, nc + ncarry);
    long[][] body = {frame(0, owned), frame(0, owned)};
    for (long[] f : body) {
      for (int i = 0; i < nc; i++) {
        f[input(0, i)] = ops[i];
      }
    }
    long[] xBytes = new long[nx];
    for (int k = 0; k < nx; k++) {
      xBytes[k] = bytes(subs[0].values().get(input(0, nc + ncarry + k)).aval());
    }
    int ny = kernel.outputs().size() - ncarry;
    long[] ys = new long[ny];
    long[] yBytes = new long[ny];
    for (int k = 0; k < ny; k++) {
      ys[k] = ptrOf[kernel.outputs().get(ncarry + k)];
      yBytes[k] = bytes(subs[0].values().get(subs[0].outputs().get(ncarry + k)).aval());
    }
    for (int t = 0; t < s.length(); t++) {
      int i = s.reverse() ? s.length() - 1 - t : t;
      long[] f = body[t & 1];
      for (int c = 0; c < ncarry; c++) {
        f[input(0, nc + c)] = carry[c];
      }
      for (int k = 0; k < nx; k++) {
        f[input(0, nc + ncarry + k)] = ops[nc + ncarry + k] + i * xBytes[k];
      }
      exes[0].launchAll(f);
      for (int k = 0; k < ny; k++) {
        rt.driver().copyDeviceToDevice(ys[k] + i * yBytes[k],
            f[subs[0].outputs().get(ncarry + k)], yBytes[k]);
      }
      carry = nextCarry(0, f, nc, carry, owned);
    }
    long[] r = new long[kernel.outputs().size()];
    System.arraycopy(carry, 0, r, 0, ncarry);
    System.arraycopy(ys, 0, r, ncarry, ny);
    return r;
  }

  /**
   * The carry after an iteration: the body's first outputs, a forwarded carry of another slot
   * (or a scanned element) copied into storage of its own, since the other buffer set or the
   * operand it points into is rewritten later.
   */
  private long[] nextCarry(int sub, long[] frame, int carryBase, long[] carry, List<Long> owned) {
    KernelProgram p = subs[sub];
    long[] next = new long[carry.length];
    for (int o = 0; o < next.length; o++) {
      KernelProgram.Value v = p.values().get(p.outputs().get(o));
      next[o] = frame[v.id()];
      boolean forwardedOther = v.source() == KernelProgram.Source.INPUT
          && v.position() >= carryBase && v.position() != carryBase + o;
      if (forwardedOther) {
        long n = bytes(v.aval());
        long copy = rt.driver().alloc(Math.max(1, n));
        owned.add(copy);
        rt.driver().copyDeviceToDevice(copy, next[o], n);
        next[o] = copy;
      }
    }
    return next;
  }

  /** Device pointers for every value of sub-program {@code sub}: buffers, constants, scratch. */
  private long[] frame(int sub, List<Long> owned) {
    CudaDriver cu = rt.driver();
    KernelProgram kp = subs[sub];
    var plan = BufferPlanner.plan(kp);
    long[] ptrOf = new long[kp.values().size() + kp.kernels().size()];
    for (Kernel k : kp.kernels()) {
      PtxKernel code = ptx.get(sub).get(k.id());
      if (code != null && code.splits() > 1) {
        long s = cu.alloc(code.scratchBytes());
        owned.add(s);
        ptrOf[kp.values().size() + k.id()] = s;
      }
    }
    long[] buffers = new long[plan.buffers().size()];
    for (int b = 0; b < buffers.length; b++) {
      buffers[b] = cu.alloc(Math.max(1, plan.buffers().get(b).bytes()));
      owned.add(buffers[b]);
    }
    for (KernelProgram.Value v : kp.values()) {
      switch (v.source()) {
        case INPUT -> { }
        case CONST, LITERAL -> ptrOf[v.id()] = upload(cu, v.constant().host(), owned);
        case KERNEL -> ptrOf[v.id()] = buffers[plan.bufferOf().get(v.id())];
      }
    }
    return ptrOf;
  }

  /** The value id of input {@code position} of sub-program {@code sub}. */
  private int input(int sub, int position) {
    for (KernelProgram.Value v : subs[sub].values()) {
      if (v.source() == KernelProgram.Source.INPUT && v.position() == position) {
        return v.id();
      }
    }
    throw new IllegalArgumentException("sub-program " + sub + " of " + kernel.name()
        + " has no input " + position);
  }

  private long[] outputs(int sub, long[] frame) {
    List<Integer> outs = subs[sub].outputs();
    long[] r = new long[outs.size()];
    for (int o = 0; o < r.length; o++) {
      r[o] = frame[outs.get(o)];
    }
    return r;
  }

  private static long bytes(ShapedArray a) {
    return a.size() * a.dtype().itemSize();
  }

  private static int readInt(CudaDriver cu, long ptr) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment seg = a.allocate(4, 4);
      cu.copyToHost(seg, ptr, 4);
      return seg.get(ValueLayout.JAVA_INT, 0);
    }
  }

  private static int readByte(CudaDriver cu, long ptr) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment seg = a.allocate(1, 1);
      cu.copyToHost(seg, ptr, 1);
      return seg.get(ValueLayout.JAVA_BYTE, 0);
    }
  }

  private static long upload(CudaDriver cu, HostBuffer h, List<Long> owned) {
    long n = (long) h.length() * h.dtype().itemSize();
    long p = cu.alloc(Math.max(1, n));
    owned.add(p);
    MemorySegment src = switch (h.data()) {
      case byte[] b -> MemorySegment.ofArray(b);
      case short[] s -> MemorySegment.ofArray(s);
      case int[] i -> MemorySegment.ofArray(i);
      case long[] l -> MemorySegment.ofArray(l);
      case float[] f -> MemorySegment.ofArray(f);
      case double[] d -> MemorySegment.ofArray(d);
      default -> throw new IllegalArgumentException("no raw storage for " + h.dtype());
    };
    try (Arena a = Arena.ofConfined()) {
      MemorySegment seg = a.allocate(Math.max(1, n), 8);
      MemorySegment.copy(src, 0, seg, 0, n);
      cu.copyToDevice(p, seg, n);
    }
    return p;
  }
}
