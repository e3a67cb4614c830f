package org.jaxpresso.runtime.gpu;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jaxpresso.Function3;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.core.ShapedArray;
import org.jaxpresso.core.backend.Backends;
import org.jaxpresso.core.backend.Device;
import org.jaxpresso.core.backend.HostBuffer;
import org.jaxpresso.core.jaxpr.ClosedJaxpr;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.jaxpresso.lax.Precision;
import org.jaxpresso.runtime.gpu.cuda.CudaDriver;

/**
 * The GPU benchmarks the device script runs next to JAX ({@code tools/gpu/jax_bench.py} prints
 * the same keys), through the public API: arrays placed with {@code Jax.devicePut}, functions
 * compiled with {@code Jax.jit}, results left on the device (and deleted, so the pool reuses
 * their memory). Workloads: device-to-device copy of 1e8 float32 (the bandwidth reference), W1
 * {@code 2 sin(x) cos(x)} and a fused {@code x*2+1} at 1e8 float32, W2 {@code norm}
 * 10000x10, sgemm 4096 at DEFAULT (TF32) and HIGHEST precision, an MLP training step
 * 784-512-512-10 at batch 128 (forward, backward, SGD update in one jitted function), and C1
 * the compile time of {@code tanh(x @ y) + 1} (trace, GPU lowering, compile, PTX, driver JIT).
 * Times are CUDA-event medians of 11 trials of back-to-back calls (host dispatch included, as
 * JAX's wall clock includes it). Prints one tab-separated line per workload: key,
 * microseconds, a derived figure. Run: {@code java -cp ... org.jaxpresso.runtime.gpu.GpuBench}.
 */
public final class GpuBench {
  private GpuBench() {}

  /**
   * Runs the benchmarks (exits with status 2 where there is no GPU).
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    GpuRuntime rt = GpuRuntime.get().orElse(null);
    if (rt == null) {
      System.err.println("GpuBench: no GPU: " + GpuRuntime.unavailableReason());
      System.exit(2);
    }
    rt.enter();
    Backends.setDefault(new GpuBackend());
    Device cuda = rt.device().device();
    System.out.println("# device\t" + rt.deviceName() + "\t" + rt.multiprocessors() + " SMs");
    int n = 100_000_000;
    double copyUs = copy(rt, n);
    double bw = 2.0 * 4 * n / (copyUs * 1e-6) / 1e12;
    line("copy_1e8_f32", copyUs, String.format(Locale.ROOT, "%.2f TB/s", bw));
    Array x = Jax.devicePut(vector(n), cuda);
    double w1 = unary(rt, v -> Lax.mul(Lax.mul(Lax.sin(v), Lax.cos(v)), 2.0f), x, 3);
    line("w1_2sincos_1e8", w1, String.format(Locale.ROOT, "%.0f%% of copy bandwidth",
        100 * copyUs / w1));
    double fused = unary(rt, v -> Lax.add(Lax.mul(v, 2.0f), 1.0f), x, 3);
    line("fused_x2p1_1e8", fused, String.format(Locale.ROOT, "%.0f%% of copy bandwidth",
        100 * copyUs / fused));
    x.delete();
    double w2 = unary(rt, v -> {
      NDArray mean = Lax.div(Lax.reduceSum(v, 0), 10000f);
      NDArray c = Lax.sub(v, Lax.broadcastInDim(mean, new int[] {10000, 10}, new int[] {1}));
      NDArray var = Lax.div(Lax.reduceSum(Lax.mul(c, c), 0), 10000f);
      return Lax.div(c, Lax.broadcastInDim(Lax.sqrt(var), new int[] {10000, 10},
          new int[] {1}));
    }, Jax.devicePut(matrix(10000, 10), cuda), 50);
    line("w2_norm_10000x10", w2, "");
    Array a = Jax.devicePut(matrix(4096, 4096), cuda);
    Array b = Jax.devicePut(matrix(4096, 4096), cuda);
    for (Precision p : new Precision[] {Precision.DEFAULT, Precision.HIGHEST}) {
      var mm = Jax.jit((NDArray u, NDArray v) -> Lax.dotGeneral(u, v, DotDimensionNumbers.of(
          new int[] {1}, new int[] {0}), p, null));
      double us = time(rt, 5, () -> ((Array) mm.apply(a, b)).delete());
      line("sgemm_4096_" + p.name().toLowerCase(Locale.ROOT), us, String.format(Locale.ROOT,
          "%.0f TFLOP/s", 2.0 * 4096 * 4096 * 4096 / (us * 1e-6) / 1e12));
    }
    a.delete();
    b.delete();
    line("mlp_step_b128", mlpStep(rt, cuda), "forward + backward + SGD update, one jit");
    line("c1_compile_small", compileTime(), "trace + lower + compile + PTX + driver JIT");
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
      v[i] = (r.nextFloat() - 0.5f) * 0.1f;
    }
    return Array.wrap(ShapedArray.of(DType.FLOAT32, rows, cols), HostBuffer.wrap(DType.FLOAT32,
        v));
  }

  private static double copy(GpuRuntime rt, int n) {
    GpuDevice dev = rt.device();
    GpuBuffer a = dev.allocate(DType.FLOAT32, n);
    GpuBuffer b = dev.allocate(DType.FLOAT32, n);
    try {
      return time(rt, 3, () -> dev.api().copyDeviceToDevice(b.pointer(), a.pointer(), 4L * n));
    } finally {
      a.delete();
      b.delete();
    }
  }

  private static double unary(GpuRuntime rt, Function<NDArray, NDArray> f, Array x, int reps) {
    Function<NDArray, NDArray> g = Jax.jit(f);
    return time(rt, reps, () -> ((Array) g.apply(x)).delete());
  }

  /** One step of SGD on a 784-512-512-10 ReLU MLP with a squared-error loss, batch 128. */
  @SuppressWarnings("unchecked")
  private static double mlpStep(GpuRuntime rt, Device cuda) {
    int[] sizes = {784, 512, 512, 10};
    List<NDArray> params = new ArrayList<>();
    for (int l = 0; l < 3; l++) {
      params.add(Jax.devicePut(matrix(sizes[l], sizes[l + 1]), cuda));
      params.add(Jax.devicePut(Array.of(new float[sizes[l + 1]], sizes[l + 1]), cuda));
    }
    Array x = Jax.devicePut(matrix(128, 784), cuda);
    Array y = Jax.devicePut(matrix(128, 10), cuda);
    Function3<List<NDArray>, NDArray, NDArray, List<NDArray>> step = Jax.jit(
        (List<NDArray> ps, NDArray xs, NDArray ys) -> {
          List<NDArray> grads = Jax.grad((List<NDArray> p) -> loss(p, xs, ys)).apply(ps);
          List<NDArray> out = new ArrayList<>();
          for (int i = 0; i < ps.size(); i++) {
            out.add(Lax.sub(ps.get(i), Lax.mul(grads.get(i), 0.01f)));
          }
          return out;
        });
    List<NDArray>[] state = new List[] {params};
    return time(rt, 50, () -> {
      List<NDArray> next = step.apply(state[0], x, y);
      for (NDArray old : state[0]) {
        ((Array) old).delete();
      }
      state[0] = next;
    });
  }

  private static NDArray loss(List<NDArray> p, NDArray x, NDArray y) {
    NDArray h = x;
    for (int l = 0; l < 3; l++) {
      NDArray w = p.get(2 * l);
      NDArray b = p.get(2 * l + 1);
      int rows = h.aval().shape().dim(0);
      int cols = w.aval().shape().dim(1);
      h = Lax.add(Lax.dot(h, w), Lax.broadcastInDim(b, new int[] {rows, cols}, new int[] {1}));
      if (l < 2) {
        h = Lax.max(h, 0.0f);
      }
    }
    NDArray d = Lax.sub(h, y);
    return Lax.div(Lax.reduceSum(Lax.mul(d, d), 0, 1), 128f);
  }

  /** The median over 11 trials of {@code reps} back-to-back runs, per run, in microseconds. */
  private static double time(GpuRuntime rt, int reps, Runnable body) {
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

  private static double compileTime() {
    double[] t = new double[7];
    GpuBackend gpu = new GpuBackend();
    for (int i = 0; i < t.length + 2; i++) {
      int size = 32 + i;
      Array x = matrix(size, size);
      long start = System.nanoTime();
      Supplier<ClosedJaxpr> trace = () -> Jax.makeJaxpr((NDArray a, NDArray b) -> Lax.add(
          Lax.tanh(Lax.dot(a, b)), 1f)).apply(x, x);
      gpu.compile(trace.get());
      double us = (System.nanoTime() - start) / 1e3;
      if (i >= 2) {
        t[i - 2] = us;
      }
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }
}
