#!/usr/bin/env python3
"""One SGD training step of a 784-512-512-10 ReLU MLP (batch 128, softmax cross-entropy):
jaxpresso's jit(value_and_grad) step (org.jaxpresso.benchmarks.MlpBench) against the same step
written by hand in NumPy (forward and backward), alternating in one run.

First checks that both steps agree: the JVM side writes its parameters, batch, loss and
updated parameters to benchmarks/target/mlp-step.npz and the NumPy step must reproduce them.
Then prints the medians (with interquartile range) and the ratio NumPy / jaxpresso (above 1:
jaxpresso faster). The machine may be shared and loaded: medians are noisy, read the ratio
with that caveat. On a busy machine OpenBLAS's spinning threads can slow NumPy by an order of
magnitude; OPENBLAS_NUM_THREADS=1 gives steadier NumPy numbers. Options: --rounds N (default
7), --reps N (steps per round, default 10), --no-build.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

import bench_common
from bench_common import ROOT, JAVA_HOME, classpath
LAYERS = (784, 512, 512, 10)
BATCH = 128
LR = np.float32(0.01)


def numpy_step(params, x, onehot):
    """Loss and SGD-updated params; the backward pass written out by hand."""
    w1, b1, w2, b2, w3, b3 = params
    z1 = x @ w1 + b1
    h1 = np.maximum(z1, 0)
    z2 = h1 @ w2 + b2
    h2 = np.maximum(z2, 0)
    logits = h2 @ w3 + b3
    m = logits.max(axis=1, keepdims=True)
    shifted = logits - m
    lse = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    logp = shifted - lse
    n = x.shape[0]
    loss = -(logp * onehot).sum(axis=1).mean()
    g = (np.exp(logp) - onehot) / np.float32(n)          # d loss / d logits
    gw3 = h2.T @ g
    gb3 = g.sum(axis=0)
    g2 = (g @ w3.T) * (z2 > 0)
    gw2 = h1.T @ g2
    gb2 = g2.sum(axis=0)
    g1 = (g2 @ w2.T) * (z1 > 0)
    gw1 = x.T @ g1
    gb1 = g1.sum(axis=0)
    grads = (gw1, gb1, gw2, gb2, gw3, gb3)
    return loss, [p - LR * gp for p, gp in zip(params, grads)]


def build():
    return bench_common.build("mlp-side-by-side.classpath")


def iqr(xs):
    return bench_common.quartiles(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=400, help="untimed JVM steps first")
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    cpfile = os.path.join(ROOT, "benchmarks", "target", "mlp-side-by-side.classpath")
    if not args.no_build:
        cpfile = build()
    jvm = bench_common.Jvm(classpath(cpfile), "org.jaxpresso.benchmarks.MlpBench")
    # Cross-check on the JVM side's parameters and batch: the hand-written NumPy step must give
    # the loss and the updated parameters jaxpresso's jit(value_and_grad) step gives.
    dump = os.path.join(ROOT, "benchmarks", "target", "mlp-step.npz")
    jvm.ask("dump " + dump)
    z = np.load(dump)
    params = [z["p%d" % i] for i in range(2 * (len(LAYERS) - 1))]
    x, onehot = z["x"], z["onehot"]
    loss, new = numpy_step(params, x, onehot)
    err = max(float(np.max(np.abs(a - z["new%d" % i]))) for i, a in enumerate(new))
    print("NumPy %s, %d CPUs; same step on the same data: loss NumPy %.6f, jaxpresso %.6f;"
          " max |new params difference| %.2e" % (np.__version__, os.cpu_count(), loss,
                                                 float(z["loss"]), err))
    if abs(loss - float(z["loss"])) > 1e-4 or err > 1e-5:
        raise SystemExit("the NumPy and jaxpresso steps disagree")

    def np_round(reps):
        out = []
        for _ in range(reps):
            t0 = time.perf_counter_ns()
            numpy_step(params, x, onehot)
            out.append(time.perf_counter_ns() - t0)
        return out

    # Warm-up: HotSpot compiles each generated kernel class with C2 only after it has run for a
    # while; with 5 warm-up steps the timed steps were mostly C1/interpreted code (8.8 ms a step
    # against 2.0-2.3 ms once compiled). NumPy needs no such warm-up but gets some anyway.
    np_round(20)
    jvm.ask("run %d" % args.warmup)
    t_np, t_jvm = [], []
    for _ in range(args.rounds):
        t_np += np_round(args.reps)
        # OpenBLAS's workers busy-wait ~0.1 s after a call, holding a core: let them park.
        time.sleep(0.3)
        t_jvm += [int(t) for t in jvm.ask("run %d" % args.reps).split()]
        time.sleep(0.3)
    jvm.close()
    m_np, m_j = statistics.median(t_np), statistics.median(t_jvm)
    flops = 3 * 2 * BATCH * sum(a * b for a, b in zip(LAYERS[:-1], LAYERS[1:]))
    print("%-28s %10s %22s %8s" % ("step (784-512-512-10, b128)", "median ms", "IQR ms", "GF/s"))
    for name, m, t in (("NumPy by hand", m_np, t_np), ("jaxpresso jit(grad)", m_j, t_jvm)):
        lo, hi = iqr(t)
        print("%-28s %10.3f %22s %8.1f" % (name, m / 1e6, "%.3f-%.3f" % (lo / 1e6, hi / 1e6),
                                           flops / m))
    print("ratio NumPy / jaxpresso = %.2fx (above 1: jaxpresso faster); %d steps each, %d rounds"
          " alternating. The machine is shared and loaded: medians are noisy."
          % (m_np / m_j, len(t_np), args.rounds))


if __name__ == "__main__":
    sys.exit(main())
