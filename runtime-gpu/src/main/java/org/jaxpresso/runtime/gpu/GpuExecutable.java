package org.jaxpresso.runtime.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.Executable;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.Eqn;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.buffers.BufferPlan;
import org.jaxpresso.jit.compiler.kir.Kernel;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;

/**
 * Runs a compiled program on a {@link GpuDevice}: the buffer plan's buffers taken from the
 * device's pool, the generated kernels launched in order, {@code dot_general} through cuBLAS
 * ({@link GpuDot}), {@code while}, {@code cond} and {@code scan} as host-side loops around
 * their sub-programs' launches with the data on the device ({@link GpuControlFlow}), and any
 * other library kernel on the host (its inputs copied down, the primitive's reference kernel
 * run, the results copied up; logged once per primitive, never silent).
 *
 * <p>Arrays stay on the device: an argument already in this device's memory is read where it
 * is; a host argument is uploaded for the call. The results are new device arrays (the
 * planned output buffers handed over, no copy); the intermediates go back to the pool, reused
 * by the next call (all work is ordered on one stream, so no wait is needed). Nothing is
 * copied to the host until someone reads a result there. Constants are uploaded once, when
 * the program is built.
 */
final class GpuExecutable implements Executable {
  private static final Logger LOG = Logger.getLogger(GpuExecutable.class.getName());
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private final GpuDevice dev;
  private final CompiledProgram program;
  private final List<PtxKernel> ptx;
  /** The device copy of every constant and literal value (null elsewhere), kept for reuse. */
  private final GpuBuffer[] constants;
  /** The control flow of each control-flow kernel (null at every other kernel). */
  private final GpuControlFlow[] flows;

  /**
   * Loads every kernel (the driver JIT-compiles it once), uploads the constants, and does the
   * same for the sub-programs of every control-flow kernel ({@link GpuControlFlow}).
   */
  GpuExecutable(GpuDevice dev, CompiledProgram program, List<PtxKernel> ptx) {
    this.dev = dev;
    this.program = program;
    this.ptx = ptx;
    for (PtxKernel k : ptx) {
      if (k != null) {
        dev.api().load(k);
      }
    }
    KernelProgram kp = program.kernels();
    constants = new GpuBuffer[kp.values().size()];
    for (KernelProgram.Value v : kp.values()) {
      if (v.source() == KernelProgram.Source.CONST
          || v.source() == KernelProgram.Source.LITERAL) {
        constants[v.id()] = dev.upload(v.constant().host());
      }
    }
    flows = new GpuControlFlow[kp.kernels().size()];
    for (Kernel k : kp.kernels()) {
      if (k.controlFlow() != null) {
        flows[k.id()] = new GpuControlFlow(dev, kp, k);
      }
    }
  }

  @Override
  public List<Array> execute(List<Array> args) {
    KernelProgram kp = program.kernels();
    PoolBlocks temps = new PoolBlocks(dev.pool());
    try {
      long[] ptrOf = frame(temps);
      for (KernelProgram.Value v : kp.values()) {
        if (v.source() == KernelProgram.Source.INPUT) {
          ptrOf[v.id()] = argumentPointer(args.get(v.position()), temps);
        }
      }
      launchAll(ptrOf);
      return results(args, ptrOf, temps);
    } finally {
      temps.releaseAll();
    }
  }

  /**
   * The device address of every value of the program (indexed by value id) and of every split
   * reduction's scratch (at {@code values().size() + kernel id}): the planned buffers and the
   * scratch taken from the pool and held by {@code temps}, the constants uploaded when the
   * program was built; the inputs are left 0 for the caller to fill in.
   *
   * @param temps where the blocks taken from the pool are recorded
   * @return the addresses
   */
  long[] frame(PoolBlocks temps) {
    KernelProgram kp = program.kernels();
    BufferPlan plan = program.buffers();
    long[] ptrOf = new long[kp.values().size() + kp.kernels().size()];
    long[] bufPtr = new long[plan.buffers().size()];
    for (int b = 0; b < bufPtr.length; b++) {
      bufPtr[b] = temps.allocate(plan.buffers().get(b).bytes());
    }
    for (KernelProgram.Value v : kp.values()) {
      switch (v.source()) {
        case INPUT -> { }
        case CONST, LITERAL -> ptrOf[v.id()] = constants[v.id()].pointer();
        case KERNEL -> ptrOf[v.id()] = bufPtr[plan.bufferOf().get(v.id())];
      }
    }
    for (Kernel k : kp.kernels()) {
      PtxKernel code = ptx.get(k.id());
      if (code != null && code.splits() > 1) {
        ptrOf[kp.values().size() + k.id()] = temps.allocate(code.scratchBytes());
      }
    }
    return ptrOf;
  }

  /** The device address of an argument: where it lives on this device, else an upload. */
  private long argumentPointer(Array a, PoolBlocks temps) {
    if (a.buffer() instanceof GpuBuffer g && g.gpu() == dev) {
      return g.pointer();
    }
    HostBuffer h = a.host();
    long bytes = GpuDevice.bytes(h.dtype(), h.length());
    long p = temps.allocate(bytes);
    dev.uploadTo(p, h);
    return p;
  }

  /**
   * The outputs as device arrays: planned output buffers (and uploaded arguments returned as
   * they are) change owner from this call to the result; constants are copied, so results
   * never share memory with the program.
   */
  private List<Array> results(List<Array> args, long[] ptrOf, PoolBlocks temps) {
    KernelProgram kp = program.kernels();
    List<Array> out = new ArrayList<>(kp.outputs().size());
    List<GpuBuffer> made = new ArrayList<>();
    List<Integer> madeFor = new ArrayList<>();
    for (int v : kp.outputs()) {
      KernelProgram.Value value = kp.values().get(v);
      ShapedArray aval = value.aval();
      int n = Math.toIntExact(aval.size());
      int earlier = madeFor.indexOf(v);
      GpuBuffer buf;
      if (earlier >= 0) {
        buf = made.get(earlier).share();
      } else if (value.source() == KernelProgram.Source.INPUT
          && args.get(value.position()).buffer() instanceof GpuBuffer g && g.gpu() == dev) {
        buf = g.share();
      } else if (value.source() == KernelProgram.Source.CONST
          || value.source() == KernelProgram.Source.LITERAL) {
        buf = dev.allocate(aval.dtype(), n);
        dev.api().copyDeviceToDevice(buf.pointer(), ptrOf[v], GpuDevice.bytes(aval.dtype(), n));
      } else {
        // A planned kernel output, or an argument uploaded for this call: hand the block over.
        long bytes = value.source() == KernelProgram.Source.KERNEL
            ? program.buffers().buffers().get(program.buffers().bufferOf().get(v)).bytes()
            : GpuDevice.bytes(aval.dtype(), n);
        temps.remove(ptrOf[v]);
        buf = dev.adopt(ptrOf[v], bytes, aval.dtype(), n);
      }
      made.add(buf);
      madeFor.add(v);
      out.add(Array.wrap(aval, buf));
    }
    return out;
  }

  /**
   * Launches every kernel in order (asynchronous for PTX and cuBLAS; a control-flow kernel
   * reads back only its loop tests and branch indices).
   *
   * @param ptrOf the device address of every value and scratch block ({@link #frame})
   */
  void launchAll(long[] ptrOf) {
    KernelProgram kp = program.kernels();
    DeviceApi api = dev.api();
    int cap = api.multiprocessors() * 32;
    for (Kernel k : kp.kernels()) {
      PtxKernel code = ptx.get(k.id());
      if (code != null) {
        boolean split = code.splits() > 1;
        long[] params = new long[k.inputs().size() + k.outputs().size() + (split ? 1 : 0)];
        int i = 0;
        for (int v : k.inputs()) {
          params[i++] = ptrOf[v];
        }
        for (int v : k.outputs()) {
          params[i++] = ptrOf[v];
        }
        if (split) {
          params[i] = ptrOf[kp.values().size() + k.id()];
          api.launch(code, code.partialEntry(), code.partialBlocks(cap), code.blockSize(),
              params);
        }
        api.launch(code, code.entry(), code.blocks(cap), code.blockSize(), params);
      } else if (flows[k.id()] != null) {
        flows[k.id()].run(ptrOf);
      } else {
        library(kp, k, ptrOf);
      }
    }
  }

  /**
   * Every generated kernel this executable launches: its own, then those of its control-flow
   * kernels' sub-programs, recursively (what the tests assemble with {@code ptxas}).
   *
   * @return the kernels, library kernels left out
   */
  List<PtxKernel> allKernels() {
    List<PtxKernel> all = new ArrayList<>();
    for (PtxKernel k : ptx) {
      if (k != null) {
        all.add(k);
      }
    }
    for (GpuControlFlow f : flows) {
      if (f != null) {
        all.addAll(f.allKernels());
      }
    }
    return all;
  }

  /**
   * The compiled program.
   *
   * @return the program this runs
   */
  CompiledProgram program() {
    return program;
  }

  private void library(KernelProgram kp, Kernel k, long[] ptrOf) {
    Eqn e = k.call();
    if (dev.api().hasBlas()) {
      DeviceApi.Gemm g = GpuDot.gemm(kp, k, ptrOf);
      if (g != null) {
        dev.api().gemm(g);
        return;
      }
    }
    String prim = e.primitive().name();
    if (LOGGED.add(prim)) {
      LOG.info("jaxpresso cuda: " + prim + " (" + GpuDot.describe(kp, k) + ") has no GPU"
          + " kernel and runs on the host (operands copied from and results copied back to"
          + " the device)");
    }
    List<Array> ins = new ArrayList<>();
    for (int v : k.inputs()) {
      ShapedArray aval = kp.values().get(v).aval();
      ins.add(Array.wrap(aval, dev.download(ptrOf[v], aval.dtype(),
          Math.toIntExact(aval.size()))));
    }
    List<Array> res = e.primitive().impl(ins, e.params());
    for (int o = 0; o < k.outputs().size(); o++) {
      dev.uploadTo(ptrOf[k.outputs().get(o)], res.get(o).host());
    }
  }

  /**
   * The device this program runs on.
   *
   * @return its device
   */
  GpuDevice device() {
    return dev;
  }

  /**
   * Whether the element type has a cuBLAS product.
   *
   * @param d an element type
   * @return whether it is float32 or float64
   */
  static boolean blasType(DType d) {
    return d == DType.FLOAT32 || d == DType.FLOAT64;
  }
}
