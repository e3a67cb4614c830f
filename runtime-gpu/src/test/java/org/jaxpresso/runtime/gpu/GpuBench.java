package org.jaxpresso.runtime.gpu;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.jit.compiler.CompiledProgram;
import org.jaxpresso.jit.compiler.Compiler;
import org.jaxpresso.jit.compiler.Dump;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.runtime.gpu.cuda.CudaDriver;
import org.jaxpresso.runtime.gpu.ptx.PtxKernel;

/**
 * The GPU benchmarks the device script runs next to JAX ({@code tools/gpu/jax_bench.py} prints
 * the same keys): device-to-device copy bandwidth, W1 {@code 2 sin(x) cos(x)} and a fused
 * {@code x*2+1} at 1e8 float32, W2 {@code norm} 10000x10, sgemm 4096 at DEFAULT (TF32) and
 * HIGHEST precision, an MLP forward pass 784-512-512-10 at batch 128, and C1 the compile time of
 * {@code tanh(x @ y) + 1} (trace, compile, PTX, driver JIT). Arrays stay on the device; times are
 * CUDA-event medians of 11 trials. Prints one tab-separated line per workload: key, microseconds,
 * a derived figure. Run: {@code java -cp ... org.jaxpresso.runtime.gpu.GpuBench}.
 */
public final class GpuBench {
  private GpuBench() {}

  /** Runs the benchmarks (exits with status 2 where there is no GPU). */
  public static void main(String[] args) {
    GpuRuntime rt = GpuRuntime.get().orElse(null);
    if (rt == null) {
      System.err.println("GpuBench: no GPU: " + GpuRuntime.unavailableReason());
      System.exit(2);
    }
    rt.enter();
    System.out.println("# device\t" + rt.deviceName() + "\t" + rt.multiprocessors() + " SMs");
    int n = 100_000_000;
    double copyUs = copy(rt, n);
    double bw = 2.0 * 4 * n / (copyUs * 1e-6) / 1e12;
    line("copy_1e8_f32", copyUs, String.format(Locale.ROOT, "%.2f TB/s", bw));
    double w1 = program(rt, x -> Lax.mul(Lax.mul(Lax.sin(x), Lax.cos(x)), Array.scalar(2.0f,
        DType.FLOAT32)), vector(n), 3);
    line("w1_2sincos_1e8", w1, String.format(Locale.ROOT, "%.0f%% of copy bandwidth",
        100 * copyUs / w1));
    double fused = program(rt, x -> Lax.add(Lax.mul(x, Array.scalar(2.0f, DType.FLOAT32)),
        Array.scalar(1.0f, DType.FLOAT32)), vector(n), 3);
    line("fused_x2p1_1e8", fused, String.format(Locale.ROOT, "%.0f%% of copy bandwidth",
        100 * copyUs / fused));
    double w2 = program(rt, x -> {
      NDArray mean = Lax.div(Lax.reduceSum(x, 0), Array.scalar(10000f, DType.FLOAT32));
      NDArray c = Lax.sub(x, Lax.broadcastInDim(mean, new int[] {10000, 10}, new int[] {1}));
      NDArray var = Lax.div(Lax.reduceSum(Lax.mul(c, c), 0), Array.scalar(10000f,
          DType.FLOAT32));
      return Lax.div(c, Lax.broadcastInDim(Lax.sqrt(var), new int[] {10000, 10},
          new int[] {1}));
    }, matrix(10000, 10), 50);
    line("w2_norm_10000x10", w2, "");
    for (Precision p : new Precision[] {Precision.DEFAULT, Precision.HIGHEST}) {
      Array a = matrix(4096, 4096);
      double us = program2(rt, (x, y) -> Lax.dotGeneral(x, y, DotDimensionNumbers.of(
          new int[] {1}, new int[] {0}), p, null), a, matrix(4096, 4096), 5);
      line("sgemm_4096_" + p.name().toLowerCase(Locale.ROOT), us, String.format(Locale.ROOT,
          "%.0f TFLOP/s", 2.0 * 4096 * 4096 * 4096 / (us * 1e-6) / 1e12));
    }
    Array w1m = matrix(784, 512);
    Array w2m = matrix(512, 512);
    Array w3m = matrix(512, 10);
    double mlp = program2(rt, (x, unused) -> {
      NDArray h = Lax.max(Lax.dot(x, w1m), Array.scalar(0f, DType.FLOAT32));
      h = Lax.max(Lax.dot(h, w2m), Array.scalar(0f, DType.FLOAT32));
      return Lax.dot(h, w3m);
    }, matrix(128, 784), matrix(1, 1), 50);
    line("mlp_forward_b128", mlp, "forward pass only (no autodiff on the GPU yet)");
    line("c1_compile_small", compileTime(rt), "trace + compile + PTX + driver JIT, warm JVM");
  }

  private static void line(String key, double us, String note) {
    System.out.println(key + "\t" + String.format(Locale.ROOT, "%.1f", us) + "\t" + note);
  }

  private static Array vector(int n) {
    float[] v = new float[n];
    Random r = new Random(1);
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 4 - 2;
    }
    return Array.wrap(ShapedArray.of(DType.FLOAT32, n), HostBuffer.wrap(DType.FLOAT32, v));
  }

  private static Array matrix(int rows, int cols) {
    float[] v = new float[rows * cols];
    Random r = new Random(rows * 31L + cols);
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() - 0.5f;
    }
    return Array.wrap(ShapedArray.of(DType.FLOAT32, rows, cols), HostBuffer.wrap(DType.FLOAT32,
        v));
  }

  private static double copy(GpuRuntime rt, int n) {
    CudaDriver cu = rt.driver();
    long a = cu.alloc(4L * n);
    long b = cu.alloc(4L * n);
    try {
      return median(rt, 3, () -> cu.copyDeviceToDevice(b, a, 4L * n));
    } finally {
      cu.free(a);
      cu.free(b);
    }
  }

  private static double program(GpuRuntime rt, Function<NDArray, Object> f, Array x,
      int reps) {
    ClosedJaxpr j = Jax.makeJaxpr((NDArray v) -> f.apply(v)).apply(x);
    return run(rt, j, List.of(x), reps);
  }

  private static double program2(GpuRuntime rt,
      java.util.function.BiFunction<NDArray, NDArray, Object> f, Array x, Array y, int reps) {
    ClosedJaxpr j = Jax.makeJaxpr((NDArray a, NDArray b) -> f.apply(a, b)).apply(x, y);
    return run(rt, j, List.of(x, y), reps);
  }

  private static double run(GpuRuntime rt, ClosedJaxpr j, List<Array> args, int reps) {
    CompiledProgram p = Compiler.compile(j, "bench", Dump.forProgram("bench"));
    List<PtxKernel> ptx = GpuCodegen.generate(p, Dump.none());
    GpuExecutable exe = new GpuExecutable(rt, p, ptx);
    List<Long> owned = new ArrayList<>();
    try {
      long[] ptrs = exe.allocate(args, owned);
      exe.launchAll(ptrs);
      rt.driver().synchronize();
      return median(rt, reps, () -> exe.launchAll(ptrs));
    } finally {
      for (long q : owned) {
        rt.driver().free(q);
      }
    }
  }

  /** The median over 11 trials of {@code reps} back-to-back runs, per run, in microseconds. */
  private static double median(GpuRuntime rt, int reps, Runnable body) {
    CudaDriver cu = rt.driver();
    MemorySegment e0 = cu.createEvent();
    MemorySegment e1 = cu.createEvent();
    double[] t = new double[11];
    body.run();
    cu.synchronize();
    for (int i = 0; i < t.length; i++) {
      cu.record(e0, MemorySegment.NULL);
      for (int r = 0; r < reps; r++) {
        body.run();
      }
      cu.record(e1, MemorySegment.NULL);
      cu.synchronizeEvent(e1);
      t[i] = cu.elapsedMillis(e0, e1) * 1000.0 / reps;
    }
    cu.destroyEvent(e0);
    cu.destroyEvent(e1);
    Arrays.sort(t);
    return t[t.length / 2];
  }

  private static double compileTime(GpuRuntime rt) {
    double[] t = new double[7];
    for (int i = 0; i < t.length + 2; i++) {
      int size = 32 + i;
      Array x = matrix(size, size);
      long start = System.nanoTime();
      ClosedJaxpr j = Jax.makeJaxpr((NDArray a, NDArray b) -> Lax.add(Lax.tanh(Lax.dot(a, b)),
          Array.scalar(1f, DType.FLOAT32))).apply(x, x);
      CompiledProgram p = Compiler.compile(j, "c1", Dump.none());
      for (PtxKernel k : GpuCodegen.generate(p, Dump.none())) {
        if (k != null) {
          rt.function(k);
        }
      }
      double us = (System.nanoTime() - start) / 1e3;
      if (i >= 2) {
        t[i - 2] = us;
      }
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }
}
