package org.jaxpresso.jit.compiler;

import org.jaxpresso.core.Array;
import org.jaxpresso.core.NDArray;
import org.jaxpresso.lax.Lax;

/** The benchmark workloads (BENCHMARKS.md) written with lax ops, for structural tests. */
final class Workloads {
  private Workloads() {}

  /** W1: {@code 2*sin(x)*cos(x)}. */
  static NDArray w1(NDArray x) {
    return Lax.mul(Lax.mul(2.0f, Lax.sin(x)), Lax.cos(x));
  }

  /** W2: {@code (x - x.mean(0)) / x.std(0)} for a 2-d float32 x. */
  static NDArray w2(NDArray x) {
    int n = x.shape()[0];
    int m = x.shape()[1];
    NDArray mean = Lax.div(Lax.reduceSum(x, 0), (float) n);
    NDArray centered = Lax.sub(x, Lax.broadcastInDim(mean, new int[] {n, m}, new int[] {1}));
    NDArray var = Lax.div(Lax.reduceSum(Lax.mul(centered, centered), 0), (float) n);
    NDArray std = Lax.sqrt(var);
    return Lax.div(centered, Lax.broadcastInDim(std, new int[] {n, m}, new int[] {1}));
  }

  /** W7: {@code t=a*b+c; t=exp(tanh(t))*0.5-a; maximum(sqrt(abs(t))*b, 0)}. */
  static NDArray w7(NDArray a, NDArray b, NDArray c) {
    NDArray t = Lax.add(Lax.mul(a, b), c);
    t = Lax.sub(Lax.mul(Lax.exp(Lax.tanh(t)), 0.5f), a);
    return Lax.max(Lax.mul(Lax.sqrt(Lax.abs(t)), b), 0.0f);
  }

  /** W9: softmax over the last axis of a 2-d float32 x. */
  static NDArray softmax(NDArray x) {
    int n = x.shape()[0];
    int m = x.shape()[1];
    NDArray max = Lax.reduceMax(x, 1);
    NDArray e = Lax.exp(Lax.sub(x, Lax.broadcastInDim(max, new int[] {n, m}, new int[] {0})));
    NDArray s = Lax.reduceSum(e, 1);
    return Lax.div(e, Lax.broadcastInDim(s, new int[] {n, m}, new int[] {0}));
  }

  /** A float32 array of the given shape with deterministic values in [-2, 2). */
  static Array f32(int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (((i * 7919L) % 400) / 100.0 - 2.0);
    }
    return Array.of(v, shape);
  }
}
