package org.jaxpresso.runtime.cpu.kernels;

import java.util.Arrays;
import java.util.Random;

/**
 * Manual timing harness (not a test): each square size through {@link GemmDriver} on 1 and on
 * 2 threads and through {@link Gemm#sgemm}, interleaved within one run, medians of many calls,
 * in GFLOP/s. Run with the test classpath:
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes
 * org.jaxpresso.runtime.cpu.kernels.GemmThreadsBench [sizes...]}.
 */
public final class GemmThreadsBench {
  private GemmThreadsBench() {}

  /**
   * Entry point.
   *
   * @param args square sizes (default 256 512 1024 2048), "b64" for the batched 64 x 128^3
   */
  public static void main(String[] args) {
    String[] sizes = args.length > 0 ? args : new String[] {"256", "512", "1024", "2048", "b64"};
    for (String s : sizes) {
      boolean batched = s.startsWith("b");
      int batch = batched ? Integer.parseInt(s.substring(1)) : 1;
      int n = batched ? 128 : Integer.parseInt(s);
      Random r = new Random(1);
      float[] a = new float[batch * n * n];
      float[] b = new float[batch * n * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextFloat();
        b[i] = r.nextFloat();
      }
      float[] c = new float[batch * n * n];
      double flops = 2.0 * batch * n * n * n;
      int reps = (int) Math.max(5, Math.min(400, 3e10 / flops));
      Runnable[] variants = {
        () -> {
          for (int bi = 0; bi < batch; bi++) {
            GemmDriver.gemm(FloatMicroKernel.INSTANCE, n, n, n, a, bi * n * n, n, 1, b,
                bi * n * n, n, null, 1, null, c, bi * n * n, n, false, 1);
          }
        },
        () -> {
          for (int bi = 0; bi < batch; bi++) {
            GemmDriver.gemm(FloatMicroKernel.INSTANCE, n, n, n, a, bi * n * n, n, 1, b,
                bi * n * n, n, null, 1, null, c, bi * n * n, n, false, 2);
          }
        },
        () -> Gemm.sgemm(batch, n, n, n, a, 0, n * n, n, 1, b, 0, n * n, n, 1, c, 0, n * n, n,
            false),
        () -> {
          float[] fresh = new float[batch * n * n];
          Gemm.sgemm(batch, n, n, n, a, 0, n * n, n, 1, b, 0, n * n, n, 1, fresh, 0, n * n, n,
              false);
        },
      };
      String[] names = {"driver t=1", "driver t=2", "Gemm.sgemm", "sgemm+alloc"};
      long[][] times = new long[variants.length][reps];
      for (int w = 0; w < 3; w++) {
        for (Runnable v : variants) {
          for (int i = 0; i < Math.max(3, reps / 4); i++) {
            v.run();
          }
        }
      }
      for (int i = 0; i < reps; i++) {
        for (int v = 0; v < variants.length; v++) {
          long t0 = System.nanoTime();
          variants[v].run();
          times[v][i] = System.nanoTime() - t0;
        }
      }
      StringBuilder sb = new StringBuilder(String.format("%-6s reps=%-4d", s, reps));
      for (int v = 0; v < variants.length; v++) {
        long[] t = times[v].clone();
        Arrays.sort(t);
        long med = t[t.length / 2];
        sb.append(String.format("  %s %7.1f GF/s (%.3f ms)", names[v], flops / med,
            med / 1e6));
      }
      System.out.println(sb);
    }
  }
}
