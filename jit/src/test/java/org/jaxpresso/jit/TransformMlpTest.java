package org.jaxpresso.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jaxpresso.Jax;
import org.jaxpresso.core.Array;
import org.jaxpresso.core.DType;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.DotDimensionNumbers;
import org.jaxpresso.lax.Lax;
import org.junit.jupiter.api.Test;

/**
 * End to end: a two-layer MLP trained with {@code jit(valueAndGrad(loss))} and plain SGD on a
 * synthetic regression task; the loss must fall, and the jitted step must agree with the eager
 * one.
 */
class TransformMlpTest {
  private static final DotDimensionNumbers MATMUL =
      DotDimensionNumbers.of(new int[] {1}, new int[] {0});

  private static Array randn(Random r, double scale, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian() * scale;
    }
    return Array.fromDoubles(DType.FLOAT32, v, shape);
  }

  private static NDArray dense(NDArray x, NDArray w, NDArray b) {
    NDArray y = Lax.dotGeneral(x, w, MATMUL);
    int[] shape = y.aval().shape().dims();
    return Lax.add(y, Lax.broadcastInDim(b, shape, new int[] {1}));
  }

  private static NDArray loss(List<NDArray> p, NDArray x, NDArray y) {
    NDArray h = Lax.tanh(dense(x, p.get(0), p.get(1)));
    NDArray pred = dense(h, p.get(2), p.get(3));
    NDArray err = Lax.sub(pred, y);
    int n = x.aval().shape().dim(0);
    return Lax.div(Lax.reduceSum(Lax.mul(err, err), 0, 1), (float) n);
  }

  @Test
  void sgdWithJittedValueAndGradReducesTheLoss() {
    Random r = new Random(0);
    Array x = randn(r, 1.0, 64, 4);
    double[] xs = x.toDoubleArray();
    double[] ys = new double[64];
    for (int i = 0; i < 64; i++) {
      ys[i] = Math.sin(xs[4 * i] + 0.5 * xs[4 * i + 1]) - 0.3 * xs[4 * i + 2];
    }
    Array y = Array.fromDoubles(DType.FLOAT32, ys, 64, 1);
    List<NDArray> params = new ArrayList<>(List.of(randn(r, 0.5, 4, 16), randn(r, 0.1, 16),
        randn(r, 0.5, 16, 1), randn(r, 0.1, 1)));
    Function<List<NDArray>, Jax.ValueAndGrad<List<NDArray>>> eager =
        Jax.valueAndGrad(p -> loss(p, x, y));
    Function<List<NDArray>, Jax.ValueAndGrad<List<NDArray>>> step = Jax.jit(eager);
    Jax.ValueAndGrad<List<NDArray>> first = step.apply(params);
    Jax.ValueAndGrad<List<NDArray>> check = eager.apply(params);
    assertEquals(check.value().floatValue(), first.value().floatValue(), 1e-5f);
    for (int i = 0; i < 4; i++) {
      float[] a = first.grad().get(i).toFloatArray();
      float[] b = check.grad().get(i).toFloatArray();
      for (int k = 0; k < a.length; k++) {
        assertEquals(b[k], a[k], 1e-5f, "gradient " + i + " element " + k);
      }
    }
    float initial = first.value().floatValue();
    float last = initial;
    for (int it = 0; it < 200; it++) {
      Jax.ValueAndGrad<List<NDArray>> vg = step.apply(params);
      last = vg.value().floatValue();
      for (int i = 0; i < 4; i++) {
        params.set(i, Lax.sub(params.get(i), Lax.mul(vg.grad().get(i), 0.1f)));
      }
    }
    assertTrue(last < 0.5f * initial, "loss fell from " + initial + " to " + last);
  }
}
