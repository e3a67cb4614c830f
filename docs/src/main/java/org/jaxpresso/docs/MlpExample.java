package org.jaxpresso.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.numpy.Jnp;
import org.jaxpresso.numpy.Nn;

/**
 * The end-to-end example of the transformations: a 64-64-10 multilayer perceptron trained on
 * the 1,797 handwritten digits bundled as {@code digits.csv.gz} (UCI, CC BY 4.0; see {@code
 * digits.README.md}) with {@code Jax.jit(Jax.valueAndGrad(loss))} and plain stochastic gradient
 * descent, printing the loss as it falls.
 *
 * <pre>{@code
 * MlpExample.Data data = MlpExample.loadDigits();
 * List<Double> losses = MlpExample.train(data, 300, 0.5, 0, System.out::println);
 * }</pre>
 */
public final class MlpExample {
  private MlpExample() {}

  /**
   * A classification data set.
   *
   * @param x the features, float32 {@code [n, features]} scaled to [0, 1]
   * @param labels the classes, one per row
   * @param onehot the classes one-hot, float32 {@code [n, classes]}
   */
  public record Data(NDArray x, int[] labels, NDArray onehot) {}

  /** The number of classes of the digits data. */
  public static final int CLASSES = 10;

  /** The width of the hidden layer. */
  public static final int HIDDEN = 64;

  /**
   * Reads the bundled digits: 64 pixel columns (0-16, scaled to [0, 1]) then the label.
   *
   * @return the bundled digits: 64 pixel columns (0-16, scaled to [0, 1]) then the label
   * @throws UncheckedIOException if the resource cannot be read
   */
  public static Data loadDigits() {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (InputStream raw = MlpExample.class.getResourceAsStream("digits.csv.gz")) {
      if (raw == null) {
        throw new IOException("resource org/jaxpresso/docs/digits.csv.gz not found");
      }
      BufferedReader in = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        float[] row = new float[f.length - 1];
        for (int i = 0; i < row.length; i++) {
          row[i] = Float.parseFloat(f[i]) / 16f;
        }
        rows.add(row);
        labels.add(Integer.parseInt(f[f.length - 1].trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = rows.size();
    int d = rows.get(0).length;
    float[] x = new float[n * d];
    float[] hot = new float[n * CLASSES];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows.get(i), 0, x, i * d, d);
      y[i] = labels.get(i);
      hot[i * CLASSES + y[i]] = 1f;
    }
    return new Data(Array.of(x, n, d), y, Array.of(hot, n, CLASSES));
  }

  /**
   * Parameters {@code [w1, b1, w2, b2]} for {@code features -> hidden -> classes}: Gaussian
   * weights scaled by {@code 1/sqrt(fan_in)}, zero biases.
   *
   * @param features the width of the input layer
   * @param hidden the width of the hidden layer
   * @param classes the number of output classes
   * @param seed the seed of the weights' random generator
   * @return parameters {@code [w1, b1, w2, b2]} for {@code features -> hidden -> classes}: Gaussian
   *     weights scaled by {@code 1/sqrt(fan_in)}, zero biases
   */
  public static List<NDArray> init(int features, int hidden, int classes, long seed) {
    Random r = new Random(seed);
    return new ArrayList<>(List.of(gaussian(r, features, hidden), Jnp.zeros(hidden),
        gaussian(r, hidden, classes), Jnp.zeros(classes)));
  }

  private static Array gaussian(Random r, int rows, int cols) {
    float[] v = new float[rows * cols];
    double scale = 1.0 / Math.sqrt(rows);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * scale);
    }
    return Array.of(v, rows, cols);
  }

  /**
   * The network's logits: {@code relu(x w1 + b1) w2 + b2}.
   *
   * @param p the parameters {@code [w1, b1, w2, b2]}
   * @param x the inputs, one row per example
   * @return the network's logits: {@code relu(x w1 + b1) w2 + b2}
   */
  public static NDArray predict(List<NDArray> p, NDArray x) {
    NDArray h = Nn.relu(Jnp.add(Jnp.matmul(x, p.get(0)), p.get(1)));
    return Jnp.add(Jnp.matmul(h, p.get(2)), p.get(3));
  }

  /**
   * The mean softmax cross-entropy of the logits against the one-hot labels.
   *
   * @param p the parameters {@code [w1, b1, w2, b2]}
   * @param x the inputs, one row per example
   * @param onehot the labels one-hot, one row per example
   * @return the mean softmax cross-entropy of the logits against the one-hot labels
   */
  public static NDArray loss(List<NDArray> p, NDArray x, NDArray onehot) {
    NDArray logp = Nn.logSoftmax(predict(p, x));
    return Jnp.negative(Jnp.mean(Jnp.sum(Jnp.multiply(logp, onehot), 1)));
  }

  /**
   * The fraction of rows whose largest logit is the label.
   *
   * @param p the parameters {@code [w1, b1, w2, b2]}
   * @param data the examples and their labels
   * @return the fraction of rows whose largest logit is the label
   */
  public static double accuracy(List<NDArray> p, Data data) {
    NDArray guess = Jnp.argmax(predict(p, data.x()), 1);
    Array labels = Array.of(data.labels(), data.labels().length);
    return Jnp.mean(Jnp.equal(guess, labels)).floatValue();
  }

  /**
   * Trains a fresh network with full-batch gradient descent: each step is one call of the
   * jitted {@code valueAndGrad(loss)} then {@code p <- p - lr * grad}.
   *
   * @param data the training examples and their labels
   * @param steps the number of steps
   * @param lr the learning rate
   * @param seed the initialization's seed
   * @param log receives a line every {@code steps / 10} steps and at the end
   * @return the loss before each step, then the final loss
   */
  public static List<Double> train(Data data, int steps, double lr, long seed,
      java.util.function.Consumer<String> log) {
    int features = data.x().aval().shape().dim(1);
    List<NDArray> params = init(features, HIDDEN, CLASSES, seed);
    Function<List<NDArray>, Jax.ValueAndGrad<List<NDArray>>> step =
        Jax.jit(Jax.valueAndGrad(p -> loss(p, data.x(), data.onehot())));
    List<Double> losses = new ArrayList<>();
    int every = Math.max(1, steps / 10);
    for (int s = 0; s < steps; s++) {
      Jax.ValueAndGrad<List<NDArray>> vg = step.apply(params);
      double value = vg.value().floatValue();
      losses.add(value);
      if (s % every == 0) {
        log.accept(String.format("step %4d  loss %.4f", s, value));
      }
      for (int i = 0; i < params.size(); i++) {
        params.set(i, Jnp.subtract(params.get(i), Jnp.multiply(vg.grad().get(i), lr)));
      }
    }
    double last = loss(params, data.x(), data.onehot()).floatValue();
    losses.add(last);
    log.accept(String.format("step %4d  loss %.4f  training accuracy %.1f%%", steps, last,
        100 * accuracy(params, data)));
    return losses;
  }

  /**
   * Trains on the digits and prints the loss as it falls.
   *
   * @param args optionally the number of training steps (default 300)
   */
  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    train(loadDigits(), steps, 0.5, 0, System.out::println);
  }
}
