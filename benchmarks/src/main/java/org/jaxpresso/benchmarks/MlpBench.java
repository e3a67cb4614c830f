package org.jaxpresso.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.Jnp;
import org.jaxpresso.numpy.Nn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One jitted SGD training step of a 784-512-512-10 ReLU MLP with softmax cross-entropy on a
 * batch of 128: {@code jit((params, batch) -> params - lr * grad(loss))} returning the loss and
 * the new parameters. As a JMH benchmark, and as the Java half of {@code
 * benchmarks/mlp_side_by_side.py} ({@link #main}: {@code run REPS} prints each step's
 * nanoseconds; {@code quit} ends).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx8g"})
public class MlpBench {
  /** Creates the benchmark state; JMH calls this once per fork. */
  public MlpBench() {}

  /** Layer widths, input first. */
  static final int[] LAYERS = {784, 512, 512, 10};

  /** Rows per batch. */
  static final int BATCH = 128;

  /** The SGD learning rate. */
  static final float LR = 0.01f;

  private List<NDArray> params;
  private List<NDArray> batch;
  private BiFunction<List<NDArray>, List<NDArray>, List<Object>> step;

  /** Builds the parameters, a random batch and the jitted step, and runs it once. */
  @Setup
  public void setup() {
    Random r = new Random(42);
    params = init(r);
    batch = batch(r);
    step = Jax.jit(MlpBench::sgdStep);
    step.apply(params, batch);
  }

  /**
   * One training step (its result is not fed back, so every call does the same work).
   *
   * @return the loss and the updated parameters
   */
  @Benchmark
  public NDArray trainStep() {
    List<Object> out = step.apply(params, batch);
    return ((NDArray) out.get(0)).blockUntilReady();
  }

  /** He-initialized weights and zero biases, {@code [w1, b1, w2, b2, w3, b3]}. */
  static List<NDArray> init(Random r) {
    List<NDArray> p = new ArrayList<>();
    for (int l = 0; l + 1 < LAYERS.length; l++) {
      int in = LAYERS[l];
      int out = LAYERS[l + 1];
      float[] w = new float[in * out];
      double scale = Math.sqrt(2.0 / in);
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (r.nextGaussian() * scale);
      }
      p.add(Array.of(w, in, out));
      p.add(Array.of(new float[out], out));
    }
    return p;
  }

  /** A batch {@code [x, onehot]} of uniform inputs and random labels. */
  static List<NDArray> batch(Random r) {
    float[] x = new float[BATCH * LAYERS[0]];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    int classes = LAYERS[LAYERS.length - 1];
    float[] hot = new float[BATCH * classes];
    for (int i = 0; i < BATCH; i++) {
      hot[i * classes + r.nextInt(classes)] = 1f;
    }
    return List.of(Array.of(x, BATCH, LAYERS[0]), Array.of(hot, BATCH, classes));
  }

  /** The mean softmax cross-entropy of the network on the batch. */
  static NDArray loss(List<NDArray> p, NDArray x, NDArray onehot) {
    NDArray h = x;
    for (int l = 0; l < p.size(); l += 2) {
      h = Jnp.add(Jnp.matmul(h, p.get(l)), p.get(l + 1));
      if (l + 2 < p.size()) {
        h = Nn.relu(h);
      }
    }
    NDArray logp = Nn.logSoftmax(h);
    return Jnp.negative(Jnp.mean(Jnp.sum(Jnp.multiply(logp, onehot), 1)));
  }

  /** {@code [loss, new params...]} after one SGD step. */
  static List<Object> sgdStep(List<NDArray> p, List<NDArray> b) {
    Jax.ValueAndGrad<List<NDArray>> vg =
        Jax.valueAndGrad((List<NDArray> q) -> loss(q, b.get(0), b.get(1))).apply(p);
    List<Object> out = new ArrayList<>();
    out.add(vg.value());
    for (int i = 0; i < p.size(); i++) {
      out.add(Jnp.subtract(p.get(i), Jnp.multiply(vg.grad().get(i), LR)));
    }
    return out;
  }

  /**
   * Serves {@code benchmarks/mlp_side_by_side.py}: {@code dump FILE} writes the parameters, the
   * batch and one step's loss and new parameters to an {@code .npz} (for the script's
   * cross-check of its hand-written backward pass) and prints the loss; {@code run REPS} times
   * REPS steps, printing each one's nanoseconds; {@code quit} ends.
   *
   * @param args unused; commands come on standard input
   * @throws Exception if standard input or the {@code .npz} file fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    MlpBench b = new MlpBench();
    b.setup();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] f = line.trim().split("\\s+");
      switch (f[0]) {
        case "quit" -> {
          return;
        }
        case "dump" -> {
          List<Object> r = b.step.apply(b.params, b.batch);
          java.util.Map<String, Array> arrays = new java.util.LinkedHashMap<>();
          for (int i = 0; i < b.params.size(); i++) {
            arrays.put("p" + i, (Array) b.params.get(i));
            arrays.put("new" + i, (Array) r.get(i + 1));
          }
          arrays.put("x", (Array) b.batch.get(0));
          arrays.put("onehot", (Array) b.batch.get(1));
          arrays.put("loss", (Array) r.get(0));
          try (java.io.OutputStream o = java.nio.file.Files.newOutputStream(
              java.nio.file.Path.of(f[1]))) {
            org.jaxpresso.core.io.Npy.writeNpz(arrays, o);
          }
          out.println(((NDArray) r.get(0)).floatValue());
        }
        case "run" -> {
          int reps = Integer.parseInt(f[1]);
          StringJoiner times = new StringJoiner(" ");
          for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            b.trainStep();
            times.add(Long.toString(System.nanoTime() - t0));
          }
          out.println(times);
        }
        default -> out.println("error: unknown command " + line);
      }
    }
  }
}
