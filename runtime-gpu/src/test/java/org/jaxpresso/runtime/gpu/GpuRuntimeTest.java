package org.jaxpresso.runtime.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.backend.Backend;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.jit.compiler.buffers.BufferPlanner;
import org.jaxpresso.jit.compiler.exec.ReferenceExecutor;
import org.jaxpresso.jit.compiler.kir.KernelOp;
import org.jaxpresso.jit.compiler.kir.KernelProgram;
import org.jaxpresso.runtime.gpu.cuda.CudaDriver;
import org.jaxpresso.runtime.gpu.ptx.PtxKernelEmitter;
import org.jaxpresso.runtime.gpu.ptx.PtxProgramTest;
import org.jaxpresso.runtime.gpu.ptx.PtxTestPrograms;
import org.junit.jupiter.api.Test;

/**
 * The GPU backend at run time. Without a GPU (CI, development machines) only the first test
 * runs: the backend must say it is unavailable and never become the default. With one (the
 * device script), every op on every dtype and whole programs run on the device and are compared
 * with the reference executor of the same kernel IR.
 */
class GpuRuntimeTest {
  private static void assumeGpu() {
    assumeTrue(GpuRuntime.get().isPresent(), "no CUDA driver or no GPU here");
  }

  @Test
  void registeredAndUnavailableWithoutGpu() {
    boolean found = false;
    for (Backend b : ServiceLoader.load(Backend.class)) {
      found |= b instanceof GpuBackend;
    }
    assertTrue(found, "GpuBackend is registered with ServiceLoader");
    GpuBackend gpu = new GpuBackend();
    assertEquals("cuda", gpu.platform());
    assertTrue(gpu.priority() > 100, "above the CPU backend");
    if (GpuRuntime.get().isEmpty()) {
      assertFalse(gpu.isAvailable());
      assertTrue(gpu.devices().isEmpty());
      assertFalse(Backends.all().stream().anyMatch(b -> b.platform().equals("cuda")));
    } else {
      assertTrue(gpu.isAvailable());
      assertEquals("cuda", Backends.defaultBackend().platform());
    }
  }

  @Test
  void driverCopiesAndTimes() {
    assumeGpu();
    GpuRuntime rt = GpuRuntime.get().orElseThrow();
    rt.enter();
    CudaDriver cu = rt.driver();
    System.out.println("device: " + rt.deviceName() + ", " + rt.multiprocessors() + " SMs");
    long n = 1 << 20;
    long a = cu.alloc(n * 4);
    long b = cu.alloc(n * 4);
    try (Arena ar = Arena.ofConfined()) {
      MemorySegment h = ar.allocate(n * 4, 8);
      for (long i = 0; i < n; i++) {
        h.setAtIndex(ValueLayout.JAVA_FLOAT, i, i * 0.5f);
      }
      MemorySegment stream = cu.createStream();
      MemorySegment e0 = cu.createEvent();
      MemorySegment e1 = cu.createEvent();
      cu.copyToDeviceAsync(a, h, n * 4, stream);
      cu.record(e0, stream);
      cu.synchronize(stream);
      cu.copyDeviceToDevice(b, a, n * 4);
      cu.record(e1, MemorySegment.NULL);
      cu.synchronizeEvent(e1);
      assertTrue(cu.elapsedMillis(e0, e1) >= 0);
      MemorySegment back = ar.allocate(n * 4, 8);
      cu.copyToHost(back, b, n * 4);
      assertEquals(h.mismatch(back), -1L);
      cu.destroyEvent(e0);
      cu.destroyEvent(e1);
      cu.destroyStream(stream);
    } finally {
      cu.free(a);
      cu.free(b);
    }
    long[] info = cu.memInfo();
    assertTrue(info[0] > 0 && info[1] >= info[0]);
  }

  @Test
  void everyOpOnEveryDtypeMatchesTheReference() {
    assumeGpu();
    int checked = 0;
    for (DType d : DType.values()) {
      for (KernelOp op : KernelOp.values()) {
        KernelProgram p = PtxTestPrograms.oneOpOrNull(op, d);
        if (p == null) {
          continue;
        }
        List<Array> args = PtxTestPrograms.arguments(p, new Random(op.ordinal() * 31L + d
            .ordinal()));
        List<Array> want = ReferenceExecutor.run(p, BufferPlanner.plan(p), args);
        List<Array> got = new GpuBackend().executeKernels(p).execute(args);
        String diff = PtxTestPrograms.difference(op, want.get(0), got.get(0), args);
        if (diff != null) {
          fail(op.textName() + " on " + d + ": " + diff);
        }
        checked++;
      }
    }
    System.out.println("ran " + checked + " op/dtype kernels on the GPU");
  }

  @Test
  void programsMatchTheReference() {
    assumeGpu();
    GpuBackend gpu = new GpuBackend();
    for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT16, DType.BFLOAT16}) {
      for (PtxProgramTest.Case c : PtxProgramTest.cases()) {
        Array x = PtxTestPrograms.matrix(d);
        ClosedJaxpr j = Jax.makeJaxpr((NDArray v) -> c.fn().apply(v, d)).apply(x);
        CompiledProgram ref = Compiler.compile(j, c.name(), Dump.none());
        List<Array> want = ref.execute(List.of(x));
        List<Array> got = gpu.compile(j).execute(List.of(x));
        boolean tf32 = c.name().equals("mlp");
        for (int i = 0; i < want.size(); i++) {
          // JAX's DEFAULT precision lets cuBLAS use TF32 (10-bit significands) for float32;
          // float16/bfloat16 products run in float32 (cuBLAS's summation order) then round.
          String diff = tf32 ? PtxTestPrograms.close(want.get(i), got.get(i), 1e-2)
              : PtxTestPrograms.difference(KernelOp.REDUCE_SUM, want.get(i), got.get(i),
                  List.of(x));
          if (diff != null) {
            fail(c.name() + " on " + d + " output " + i + ": " + diff);
          }
        }
      }
    }
  }

  @Test
  void cubinImagesForTheDiskCacheLoadAndRun() throws Exception {
    assumeGpu();
    GpuRuntime rt = GpuRuntime.get().orElseThrow();
    rt.enter();
    CudaDriver cu = rt.driver();
    assumeTrue(cu.canLink(), "this driver has no cuLink*");
    KernelProgram p = PtxTestPrograms.oneOpOrNull(KernelOp.NEG, DType.FLOAT32);
    var code = org.jaxpresso.runtime.gpu.ptx.PtxKernelEmitter.emit(p, p.kernels().get(0));
    byte[] cubin = cu.compileToCubin(code.ptx(), code.entry());
    assertTrue(cubin.length > 0);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jaxpresso-cache");
    ModuleCache cache = new ModuleCache(dir);
    cache.put(code.ptx(), "test", cubin);
    var module = cu.loadModuleImage(cache.get(code.ptx(), "test").orElseThrow(), code.entry());
    assertTrue(cu.function(module, code.entry()).address() != 0);
    cu.unloadModule(module);
  }

  @Test
  void blockSizesAreWholeWarps() {
    assertEquals(0, PtxKernelEmitter.REDUCE_BLOCK % 32);
    assertEquals(0, PtxKernelEmitter.LOOP_BLOCK % 32);
    assertTrue(new ArrayList<>(List.of(PtxKernelEmitter.TARGET)).contains("sm_90"));
  }
}
