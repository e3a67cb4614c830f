#!/usr/bin/env python3
"""W1, W2, W3, W7, W8 and W9 of BENCHMARKS.md side by side: NumPy and jaxpresso alternating.

Builds the benchmarks module (reactor package, no install) unless --no-build, starts one warm JVM
running org.jaxpresso.benchmarks.SideBySideFused, then for each workload alternates rounds of
NumPy, jaxpresso eager and jaxpresso jit (A B C A B C ...) and prints medians with their
interquartile range, the ratios NumPy / jaxpresso (above 1: jaxpresso faster), the floor (bytes
moved by an ideal fused kernel over the DRAM bandwidth measured here with NumPy's copy, or the
BENCHMARKS.md figure with --bandwidth) and the fraction of the floor reached.

Run it with OpenBLAS free to pick its kernel, e.g.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/side_by_side_fused.py
Options: --rounds N (default 7), --quick, --no-build, --only W1,W9, --baseline DIR (another
checkout whose benchmarks are built, e.g. `git worktree add` or `git archive` of an older commit,
then `./mvnw -pl benchmarks -am package dependency:build-classpath ...` there as bench_common.build
does: its jitted calls join the alternation as a third JVM, and the table gains its median and
the ratio baseline / this tree, so before/after comes from one interleaved run).
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

import bench_common
from bench_common import ROOT, JAVA_HOME, build, classpath

# (id, java spec, reps per round, calls per rep)
WORKLOADS = [
    ("W1", "W1 1000", 9, 200), ("W1", "W1 1000000", 7, 2), ("W1", "W1 10000000", 5, 1),
    ("W2", "W2 10000 10", 7, 5), ("W2", "W2 1000000 10", 3, 1), ("W2", "W2 1000 1000", 5, 2),
    ("W3", "W3 sum 10000000", 7, 2), ("W3", "W3 mean0 4096", 7, 1),
    ("W3", "W3 mean1 4096", 7, 1),
    ("W7", "W7 10000000", 5, 1),
    ("W8", "W8 4", 9, 20000),
    ("W9", "W9 softmax 4096 1024", 5, 1), ("W9", "W9 logsumexp 4096 1024", 5, 1),
]


def numpy_workload(spec):
    """The NumPy function for a spec and the bytes an ideal fused kernel moves."""
    f = spec.split()
    rnd = np.random.default_rng(42)
    rand = lambda *s: (rnd.random(s, dtype=np.float32) * 2 - 1)
    if f[0] == "W1":
        x = rand(int(f[1]))
        return (lambda: 2 * np.sin(x) * np.cos(x)), 8.0 * x.size
    if f[0] == "W2":
        x = rand(int(f[1]), int(f[2]))
        return (lambda: (x - x.mean(0)) / x.std(0)), 8.0 * x.size
    if f[0] == "W3":
        if f[1] == "sum":
            x = rand(int(f[2]))
            return (lambda: x.sum()), 4.0 * x.size
        x = rand(int(f[2]), int(f[2]))
        axis = 0 if f[1] == "mean0" else 1
        return (lambda: x.mean(axis)), 4.0 * x.size
    if f[0] == "W7":
        n = int(f[1])
        a, b, c = rand(n), rand(n), rand(n)

        def w7():
            t = a * b + c
            t = np.exp(np.tanh(t)) * np.float32(0.5) - a
            return np.maximum(np.sqrt(np.abs(t)) * b, np.float32(0))
        return w7, 16.0 * n
    if f[0] == "W8":
        x = rand(int(f[1]))
        return (lambda: x + np.float32(1)), 8.0 * x.size
    if f[0] == "W9":
        x = rand(int(f[2]), int(f[3]))
        if f[1] == "softmax":
            def softmax():
                e = np.exp(x - x.max(-1, keepdims=True))
                return e / e.sum(-1, keepdims=True)
            return softmax, 8.0 * x.size

        def logsumexp():
            m = x.max(-1, keepdims=True)
            return (np.log(np.exp(x - m).sum(-1, keepdims=True)) + m)[..., 0]
        return logsumexp, 4.0 * x.size
    raise ValueError(spec)


def time_numpy(fn, reps, inner):
    out = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        for _ in range(inner):
            fn()
        out.append((time.perf_counter_ns() - t0) / inner)
    return out


def dram_bandwidth():
    """Copy bandwidth in bytes/s (STREAM counting: read + write) from NumPy, best of 5."""
    a = np.ones(32 * 1024 * 1024, dtype=np.float32)
    b = np.empty_like(a)
    best = 1e9
    for _ in range(5):
        t0 = time.perf_counter()
        np.copyto(b, a)
        best = min(best, time.perf_counter() - t0)
    return 2 * a.nbytes / best


class Jvm(bench_common.Jvm):
    def __init__(self, cp):
        super().__init__(cp, "org.jaxpresso.benchmarks.SideBySideFused")

    @staticmethod
    def at(root):
        """The worker of another checkout whose benchmarks module is built."""
        cpfile = os.path.join(root, "benchmarks", "target", "side-by-side.classpath")
        deps = open(cpfile).read().strip().split(os.pathsep)
        return Jvm(os.pathsep.join([os.path.join(root, "benchmarks", "target", "classes")]
                                   + deps))

    def run(self, mode, reps, inner, spec):
        return [int(t) for t in self.ask("run %s %d %d %s" % (mode, reps, inner, spec)).split()]


def spread(xs):
    return bench_common.quartiles(xs)


def fmt_t(ns):
    if ns >= 1e6:
        return "%.2f ms" % (ns / 1e6)
    if ns >= 1e3:
        return "%.2f us" % (ns / 1e3)
    return "%.0f ns" % ns


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--only", help="comma-separated workload ids, e.g. W1,W9")
    ap.add_argument("--bandwidth", type=float, help="DRAM copy bandwidth in GB/s for the floor")
    ap.add_argument("--baseline", help="another built checkout, run interleaved (jit only)")
    args = ap.parse_args()
    cpfile = os.path.join(ROOT, "benchmarks", "target", "side-by-side.classpath")
    if not args.no_build:
        cpfile = build()
    jvm = Jvm(classpath(cpfile))
    base = Jvm.at(os.path.abspath(args.baseline)) if args.baseline else None
    rounds = 3 if args.quick else args.rounds
    bw = args.bandwidth * 1e9 if args.bandwidth else dram_bandwidth()
    print("java:", jvm.ask("info"), "| numpy", np.__version__,
          "| copy bandwidth for the floor: %.1f GB/s" % (bw / 1e9))
    only = set(args.only.split(",")) if args.only else None
    rows = []
    for wid, spec, reps, inner in WORKLOADS:
        if only and wid not in only:
            continue
        if args.quick:
            reps = max(3, reps // 2)
        np_fn, nbytes = numpy_workload(spec)
        # Warm both sides for about a second each: the JIT compiles the generated kernels.
        time_numpy(np_fn, 2, inner)
        for mode in ("eager", "jit"):
            t_end = time.time() + 1.0
            while time.time() < t_end:
                jvm.run(mode, 2, inner, spec)
        t_end = time.time() + 1.0
        while base and time.time() < t_end:
            base.run("jit", 2, inner, spec)
        t_np, t_e, t_j, t_b = [], [], [], []
        for _ in range(rounds):
            t_np += time_numpy(np_fn, reps, inner)
            t_e += jvm.run("eager", reps, inner, spec)
            t_j += jvm.run("jit", reps, inner, spec)
            if base:
                t_b += base.run("jit", reps, inner, spec)
        rows.append((spec, nbytes, t_np, t_e, t_j, t_b))
        sys.stdout.write(".")
        sys.stdout.flush()
    jvm.close()
    if base:
        base.close()
    print()
    fmt = "%-24s %-26s %-26s %-26s %8s %8s %10s %8s"
    head = ("workload", "NumPy median (IQR)", "eager median (IQR)", "jit median (IQR)",
            "NumPy/e", "NumPy/j", "floor", "floor/j")
    if base:
        fmt += " %-26s %8s %8s"
        head += ("baseline jit (IQR)", "NumPy/b", "b/j")
    print(fmt % head)
    for spec, nbytes, t_np, t_e, t_j, t_b in rows:
        m = [statistics.median(t) for t in (t_np, t_e, t_j)]
        cell = lambda med, t: "%s (%s-%s)" % (fmt_t(med), fmt_t(spread(t)[0]),
                                               fmt_t(spread(t)[1]))
        floor = nbytes / bw * 1e9
        row = (spec, cell(m[0], t_np), cell(m[1], t_e), cell(m[2], t_j),
               "%.2fx" % (m[0] / m[1]), "%.2fx" % (m[0] / m[2]), fmt_t(floor),
               "%.0f%%" % (100 * floor / m[2]))
        if base:
            mb = statistics.median(t_b)
            row += (cell(mb, t_b), "%.2fx" % (m[0] / mb), "%.2fx" % (mb / m[2]))
        print(fmt % row)
    if base:
        print("\nbaseline: %s; b/j = baseline jit median / this tree's jit median (above 1:"
              " this tree faster)." % os.path.abspath(args.baseline))
    print("\nNumPy/e, NumPy/j = NumPy median / jaxpresso median (above 1: jaxpresso faster);"
          " floor = ideal fused bytes / copy bandwidth. The machine is shared and loaded:"
          " medians move between runs, compare ratios from one run.")


if __name__ == "__main__":
    sys.exit(main())
