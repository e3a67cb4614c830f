package org.jaxpresso.runtime.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
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
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.runtime.gpu.cuda.Cublas;
import org.jaxpresso.runtime.gpu.cuda.CudaDriver;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;

/**
 * Runs a compiled program on the GPU: device buffers as the buffer plan says, the generated
 * kernels launched in order, {@code dot_general} of two matrices through cuBLAS, and every other
 * library kernel on the host (its inputs copied down, the primitive's reference kernel run, the
 * results copied up; logged once per primitive, never silent). Arguments are host arrays; the
 * results are copied back to the host.
 */
final class GpuExecutable implements Executable {
  private static final Logger LOG = Logger.getLogger(GpuExecutable.class.getName());
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private final GpuRuntime rt;
  private final CompiledProgram program;
  private final List<PtxKernel> ptx;

  /** Each kernel's loaded function (and its first pass's), resolved at construction. */
  private final MemorySegment[] functions;
  private final MemorySegment[] partialFunctions;

  /** Loads every kernel's module (the driver JIT-compiles it, once per process and text). */
  GpuExecutable(GpuRuntime rt, CompiledProgram program, List<PtxKernel> ptx) {
    this.rt = rt;
    this.program = program;
    this.ptx = ptx;
    functions = new MemorySegment[ptx.size()];
    partialFunctions = new MemorySegment[ptx.size()];
    for (int i = 0; i < ptx.size(); i++) {
      PtxKernel k = ptx.get(i);
      if (k != null) {
        functions[i] = rt.function(k);
        if (k.splits() > 1) {
          partialFunctions[i] = rt.function(k, k.partialEntry());
        }
      }
    }
  }

  @Override
  public List<Array> execute(List<Array> args) {
    rt.enter();
    CudaDriver cu = rt.driver();
    KernelProgram kp = program.kernels();
    List<Long> owned = new ArrayList<>();
    try {
      long[] ptrOf = allocate(args, owned);
      launchAll(ptrOf);
      cu.synchronize();
      List<Array> out = new ArrayList<>();
      for (int v : kp.outputs()) {
        ShapedArray aval = kp.values().get(v).aval();
        out.add(Array.wrap(aval, download(cu, aval, ptrOf[v])));
      }
      return out;
    } finally {
      for (long p : owned) {
        cu.free(p);
      }
    }
  }

  /**
   * The device pointer of every program value: arguments and constants uploaded, kernel results
   * in freshly allocated planned buffers; every allocation is added to {@code owned}.
   */
  long[] allocate(List<Array> args, List<Long> owned) {
    CudaDriver cu = rt.driver();
    KernelProgram kp = program.kernels();
    BufferPlan plan = program.buffers();
    // One pointer per value, then one scratch pointer per kernel (two-pass reductions).
    long[] ptrOf = new long[kp.values().size() + kp.kernels().size()];
    for (Kernel k : kp.kernels()) {
      PtxKernel code = ptx.get(k.id());
      if (code != null && code.splits() > 1) {
        long s = cu.alloc(code.scratchBytes());
        owned.add(s);
        ptrOf[kp.values().size() + k.id()] = s;
      }
    }
    long[] buffers = new long[plan.buffers().size()];
    for (int b = 0; b < buffers.length; b++) {
      buffers[b] = cu.alloc(plan.buffers().get(b).bytes());
      owned.add(buffers[b]);
    }
    for (KernelProgram.Value v : kp.values()) {
      switch (v.source()) {
        case INPUT -> ptrOf[v.id()] = upload(cu, args.get(v.position()).host(), owned);
        case CONST, LITERAL -> ptrOf[v.id()] = upload(cu, v.constant().host(), owned);
        case KERNEL -> ptrOf[v.id()] = buffers[plan.bufferOf().get(v.id())];
      }
    }
    return ptrOf;
  }

  /** Launches every kernel in order on the default stream (asynchronous for PTX and cuBLAS). */
  void launchAll(long[] ptrOf) {
    CudaDriver cu = rt.driver();
    KernelProgram kp = program.kernels();
    int cap = rt.multiprocessors() * 32;
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
          cu.launch(partialFunctions[k.id()], code.partialBlocks(cap),
              code.blockSize(), 0, MemorySegment.NULL, params, code.partialEntry());
        }
        cu.launch(functions[k.id()], code.blocks(cap), code.blockSize(), 0, MemorySegment.NULL,
            params, k.name());
      } else {
        library(cu, kp, k, ptrOf);
      }
    }
  }

  /** The compiled program. */
  CompiledProgram program() {
    return program;
  }

  private static long upload(CudaDriver cu, HostBuffer h, List<Long> owned) {
    long bytes = (long) h.length() * h.dtype().itemSize();
    long p = cu.alloc(bytes);
    owned.add(p);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment seg = a.allocate(Math.max(1, bytes), 8);
      MemorySegment.copy(storage(h), 0, seg, 0, bytes);
      cu.copyToDevice(p, seg, bytes);
    }
    return p;
  }

  /** A heap segment over the host buffer's Java array (its elements' raw little-endian bytes). */
  private static MemorySegment storage(HostBuffer h) {
    return switch (h.data()) {
      case byte[] b -> MemorySegment.ofArray(b);
      case short[] s -> MemorySegment.ofArray(s);
      case int[] i -> MemorySegment.ofArray(i);
      case long[] l -> MemorySegment.ofArray(l);
      case float[] f -> MemorySegment.ofArray(f);
      case double[] d -> MemorySegment.ofArray(d);
      default -> throw new IllegalArgumentException("no raw storage for a " + h.dtype()
          + " host buffer of " + h.data().getClass().getSimpleName());
    };
  }

  private static HostBuffer download(CudaDriver cu, ShapedArray aval, long ptr) {
    DType d = aval.dtype();
    int n = Math.toIntExact(aval.size());
    HostBuffer h = HostBuffer.allocate(d, n);
    long bytes = (long) n * d.itemSize();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment seg = a.allocate(Math.max(1, bytes), 8);
      cu.copyToHost(seg, ptr, bytes);
      MemorySegment.copy(seg, 0, storage(h), 0, bytes);
    }
    return h;
  }

  private void library(CudaDriver cu, KernelProgram kp, Kernel k, long[] ptrOf) {
    Eqn e = k.call();
    if (cublasDot(kp, k)) {
      ShapedArray lhs = kp.values().get(k.inputs().get(0)).aval();
      ShapedArray rhs = kp.values().get(k.inputs().get(1)).aval();
      Cublas blas = rt.cublas().orElseThrow();
      var handle = rt.cublasHandle();
      boolean f64 = lhs.dtype() == DType.FLOAT64;
      blas.setMathMode(handle, !f64 && tf32Allowed(e) ? Cublas.TF32_TENSOR_OP_MATH
          : Cublas.PEDANTIC_MATH);
      blas.gemmRowMajor(handle, f64, lhs.shape().dims()[0], rhs.shape().dims()[1],
          lhs.shape().dims()[1], ptrOf[k.inputs().get(0)], ptrOf[k.inputs().get(1)],
          ptrOf[k.outputs().get(0)]);
      return;
    }
    String prim = e.primitive().name();
    if (LOGGED.add(prim)) {
      LOG.info("jaxpresso cuda: " + prim + " has no GPU kernel yet and runs on the host"
          + " (operands copied from and results copied back to the device)");
    }
    cu.synchronize();
    List<Array> ins = new ArrayList<>();
    for (int v : k.inputs()) {
      ShapedArray aval = kp.values().get(v).aval();
      ins.add(Array.wrap(aval, download(cu, aval, ptrOf[v])));
    }
    List<Array> res = e.primitive().impl(ins, e.params());
    for (int o = 0; o < k.outputs().size(); o++) {
      HostBuffer h = res.get(o).host();
      long bytes = (long) h.length() * h.dtype().itemSize();
      try (Arena a = Arena.ofConfined()) {
        MemorySegment seg = a.allocate(Math.max(1, bytes), 8);
        MemorySegment.copy(storage(h), 0, seg, 0, bytes);
        cu.copyToDevice(ptrOf[k.outputs().get(o)], seg, bytes);
      }
    }
  }

  /** Whether library kernel {@code k} is a plain matrix product cuBLAS computes. */
  static boolean cublasDot(KernelProgram kp, Kernel k) {
    Eqn e = k.call();
    if (!e.primitive().name().equals("dot_general") || k.inputs().size() != 2) {
      return false;
    }
    ShapedArray lhs = kp.values().get(k.inputs().get(0)).aval();
    ShapedArray rhs = kp.values().get(k.inputs().get(1)).aval();
    ShapedArray out = kp.values().get(k.outputs().get(0)).aval();
    DotDimensionNumbers dn = e.params().get("dimension_numbers", DotDimensionNumbers.class);
    boolean floatType = lhs.dtype() == rhs.dtype() && lhs.dtype() == out.dtype()
        && (lhs.dtype() == DType.FLOAT32 || lhs.dtype() == DType.FLOAT64);
    return floatType && lhs.rank() == 2 && rhs.rank() == 2 && dn.lhsBatch().length == 0
        && dn.lhsContracting().length == 1 && dn.lhsContracting()[0] == 1
        && dn.rhsContracting().length == 1 && dn.rhsContracting()[0] == 0;
  }

  /** JAX's DEFAULT (and HIGH) precision let float32 products use TF32; HIGHEST does not. */
  static boolean tf32Allowed(Eqn e) {
    Object p = e.params().has("precision") ? e.params().get("precision", Object.class) : null;
    if (p instanceof List<?> l) {
      for (Object x : l) {
        if (x == Precision.HIGHEST) {
          return false;
        }
      }
    }
    return true;
  }
}
