package org.jaxpresso.runtime.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.kir.ControlFlow;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;

/**
 * A control-flow kernel of the kernel IR ({@link ControlFlow}) on a {@link GpuDevice}, as
 * host-side loops around its sub-programs' launches: the data stays on the device, only the
 * loop test (one bool per iteration of a {@code while}) and the branch index (one int32 per
 * {@code cond}) are read back; a {@code scan} reads nothing back.
 *
 * <p>Each sub-program is a {@link GpuExecutable} of its own, built once with the kernel (its
 * kernels generated and loaded, its constants uploaded, its own control-flow kernels nested in
 * turn). A run takes the sub-programs' planned buffers from the device's pool once (two sets
 * for a loop body, used in turn, so an iteration never writes what it reads), passes a scanned
 * operand's element {@code i} as an address into it (no copy), copies each {@code y} into the
 * stacked result at index {@code i} on the device, copies the final results into the enclosing
 * program's buffers, and gives its blocks back to the pool (the device runs work in order, so
 * later work reuses them safely). A scan's {@code unroll} is a hint for generated loops: here
 * each step is one run of the body's kernels, whatever its value. Holds no state between runs,
 * so one executable may run on several threads.
 */
final class GpuControlFlow {
  private final GpuDevice dev;
  private final Kernel kernel;
  private final KernelProgram outer;
  private final ControlFlow cf;
  private final KernelProgram[] subs;
  private final GpuExecutable[] exes;
  /** {@code inputIds[sub][position]}: the value id of each sub-program input. */
  private final int[][] inputIds;

  /**
   * Generates and loads the sub-programs' kernels and uploads their constants.
   *
   * @param dev the device
   * @param outer the program {@code kernel} belongs to
   * @param kernel a kernel whose {@link Kernel#controlFlow()} is set
   */
  GpuControlFlow(GpuDevice dev, KernelProgram outer, Kernel kernel) {
    this.dev = dev;
    this.outer = outer;
    this.kernel = kernel;
    this.cf = kernel.controlFlow();
    subs = cf.programs().toArray(KernelProgram[]::new);
    exes = new GpuExecutable[subs.length];
    inputIds = new int[subs.length][];
    for (int i = 0; i < subs.length; i++) {
      CompiledProgram c = new CompiledProgram(kernel.name() + "_" + i, null, null, subs[i],
          BufferPlanner.plan(subs[i]));
      exes[i] = new GpuExecutable(dev, c, GpuCodegen.generate(c, Dump.none()));
      inputIds[i] = inputIds(i);
    }
  }

  /**
   * Every generated kernel of the sub-programs, nested ones included.
   *
   * @return the kernels
   */
  List<PtxKernel> allKernels() {
    List<PtxKernel> all = new ArrayList<>();
    for (GpuExecutable e : exes) {
      all.addAll(e.allKernels());
    }
    return all;
  }

  /**
   * Runs the kernel: its operands at {@code ptrOf[kernel inputs]}, its results copied into
   * {@code ptrOf[kernel outputs]} (the enclosing program's planned buffers, which never alias
   * the operands of a control-flow kernel).
   *
   * @param ptrOf the device address of every value of the enclosing program
   */
  void run(long[] ptrOf) {
    PoolBlocks temps = new PoolBlocks(dev.pool());
    try {
      long[] ops = new long[kernel.inputs().size()];
      for (int i = 0; i < ops.length; i++) {
        ops[i] = ptrOf[kernel.inputs().get(i)];
      }
      long[] res = switch (cf) {
        case ControlFlow.WhileLoop w -> whileLoop(w, ops, temps);
        case ControlFlow.ScanLoop s -> scan(s, ops, ptrOf, temps);
        case ControlFlow.Switch c -> {
          long index = dev.download(ops[0], DType.INT32, 1).getLong(0);
          int b = (int) Math.max(0, Math.min(c.branches().size() - 1, index));
          long[] frame = exes[b].frame(temps);
          for (int i = 0; i + 1 < ops.length; i++) {
            frame[inputIds[b][i]] = ops[i + 1];
          }
          exes[b].launchAll(frame);
          yield outputs(b, frame);
        }
      };
      for (int o = 0; o < res.length; o++) {
        int v = kernel.outputs().get(o);
        long n = bytes(outer.values().get(v).aval());
        if (res[o] != ptrOf[v] && n > 0) {
          dev.api().copyDeviceToDevice(ptrOf[v], res[o], n);
        }
      }
    } finally {
      temps.releaseAll();
    }
  }

  private long[] whileLoop(ControlFlow.WhileLoop w, long[] ops, PoolBlocks temps) {
    int cn = w.condConsts();
    int bn = w.bodyConsts();
    long[] carry = Arrays.copyOfRange(ops, cn + bn, ops.length);
    long[] cond = exes[0].frame(temps);
    long[][] body = {exes[1].frame(temps), exes[1].frame(temps)};
    for (int i = 0; i < cn; i++) {
      cond[inputIds[0][i]] = ops[i];
    }
    for (long[] f : body) {
      for (int i = 0; i < bn; i++) {
        f[inputIds[1][i]] = ops[cn + i];
      }
    }
    int condOut = subs[0].outputs().get(0);
    List<Long> copies = new ArrayList<>();
    for (int it = 0; ; it++) {
      for (int c = 0; c < carry.length; c++) {
        cond[inputIds[0][cn + c]] = carry[c];
      }
      exes[0].launchAll(cond);
      if (!dev.download(cond[condOut], DType.BOOL, 1).getBoolean(0)) {
        return carry;
      }
      long[] f = body[it & 1];
      for (int c = 0; c < carry.length; c++) {
        f[inputIds[1][bn + c]] = carry[c];
      }
      exes[1].launchAll(f);
      carry = nextCarry(1, f, bn, carry, temps, copies);
    }
  }

  private long[] scan(ControlFlow.ScanLoop s, long[] ops, long[] ptrOf, PoolBlocks temps) {
    int nc = s.consts();
    int ncarry = s.carries();
    int nx = ops.length - nc - ncarry;
    long[] carry = Arrays.copyOfRange(ops, nc, nc + ncarry);
    int ny = kernel.outputs().size() - ncarry;
    long[] ys = new long[ny];
    for (int k = 0; k < ny; k++) {
      ys[k] = ptrOf[kernel.outputs().get(ncarry + k)];
    }
    if (s.length() == 0) {
      long[] r = new long[kernel.outputs().size()];
      System.arraycopy(carry, 0, r, 0, ncarry);
      System.arraycopy(ys, 0, r, ncarry, ny);
      return r;
    }
    long[][] body = {exes[0].frame(temps), exes[0].frame(temps)};
    for (long[] f : body) {
      for (int i = 0; i < nc; i++) {
        f[inputIds[0][i]] = ops[i];
      }
    }
    long[] xBytes = new long[nx];
    for (int k = 0; k < nx; k++) {
      xBytes[k] = bytes(subs[0].values().get(inputIds[0][nc + ncarry + k]).aval());
    }
    long[] yBytes = new long[ny];
    List<Long> copies = new ArrayList<>();
    for (int k = 0; k < ny; k++) {
      yBytes[k] = bytes(subs[0].values().get(subs[0].outputs().get(ncarry + k)).aval());
    }
    for (int t = 0; t < s.length(); t++) {
      int i = s.reverse() ? s.length() - 1 - t : t;
      long[] f = body[t & 1];
      for (int c = 0; c < ncarry; c++) {
        f[inputIds[0][nc + c]] = carry[c];
      }
      for (int k = 0; k < nx; k++) {
        f[inputIds[0][nc + ncarry + k]] = ops[nc + ncarry + k] + i * xBytes[k];
      }
      exes[0].launchAll(f);
      for (int k = 0; k < ny; k++) {
        if (yBytes[k] > 0) {
          dev.api().copyDeviceToDevice(ys[k] + i * yBytes[k],
              f[subs[0].outputs().get(ncarry + k)], yBytes[k]);
        }
      }
      carry = nextCarry(0, f, nc, carry, temps, copies);
    }
    long[] r = new long[kernel.outputs().size()];
    System.arraycopy(carry, 0, r, 0, ncarry);
    System.arraycopy(ys, 0, r, ncarry, ny);
    return r;
  }

  /**
   * The carry after an iteration: the body's first outputs; a forwarded carry of another slot
   * (or a forwarded scanned element) is copied into a block of its own, since the other buffer
   * set is rewritten by the next iteration. Copies made for the previous carry that the new one
   * no longer uses go back to the pool ({@code copies} holds those still in use), so a loop's
   * memory does not grow with its trip count.
   */
  private long[] nextCarry(int sub, long[] frame, int carryBase, long[] carry,
      PoolBlocks temps, List<Long> copies) {
    KernelProgram p = subs[sub];
    long[] next = new long[carry.length];
    List<Long> made = new ArrayList<>();
    for (int o = 0; o < next.length; o++) {
      KernelProgram.Value v = p.values().get(p.outputs().get(o));
      next[o] = frame[v.id()];
      boolean forwardedOther = v.source() == KernelProgram.Source.INPUT
          && v.position() >= carryBase && v.position() != carryBase + o;
      if (forwardedOther) {
        long n = bytes(v.aval());
        long copy = temps.allocate(n);
        if (n > 0) {
          dev.api().copyDeviceToDevice(copy, next[o], n);
        }
        next[o] = copy;
        made.add(copy);
      }
    }
    for (Iterator<Long> it = copies.iterator(); it.hasNext(); ) {
      long old = it.next();
      if (Arrays.stream(next).noneMatch(x -> x == old)) {
        temps.release(old);
        it.remove();
      }
    }
    copies.addAll(made);
    return next;
  }

  /** The value id of every input of sub-program {@code sub}, by position. */
  private int[] inputIds(int sub) {
    int[] ids = new int[subs[sub].inputCount()];
    Arrays.fill(ids, -1);
    for (KernelProgram.Value v : subs[sub].values()) {
      if (v.source() == KernelProgram.Source.INPUT) {
        ids[v.position()] = v.id();
      }
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0) {
        throw new IllegalArgumentException("sub-program " + sub + " of " + kernel.name()
            + " has no input " + i);
      }
    }
    return ids;
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
    return GpuDevice.bytes(a.dtype(), a.size());
  }
}
