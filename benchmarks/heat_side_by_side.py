#!/usr/bin/env python3
"""Issue 9's control-flow workload: 1,000 explicit steps of the 1-D heat equation on 100,000
float32 (u[1:-1] += r * (u[2:] - 2 u[1:-1] + u[:-2]), ends fixed, r = 0.25).
jaxpresso's jit(fori_loop(...)) (org.jaxpresso.benchmarks.HeatBench: a scan the CPU backend
compiles to a generated loop around the body's kernels) against the same loop in NumPy, alternating in one run; and, in the same
JVM, the same program on the reference path (the scan's body interpreted equation by equation
each step, how the CPU backend ran loops before it compiled their bodies).

First checks that the three agree on the final temperature. Then prints medians (with
interquartile range) and the ratios. The machine may be shared and loaded: medians are noisy,
read the ratios with that caveat. Options: --rounds N (default 7), --reps N (solves per round,
default 3), --ref-reps N (reference solves in all, default 3), --no-build, --baseline DIR (a
second checkout whose benchmarks module is built, e.g. the commit before a change: its solve runs
in a third JVM, interleaved with the others, for a before/after ratio from one run).
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

import bench_common
from bench_common import ROOT, classpath

STEPS = 1000
R = np.float32(0.25)


def numpy_solve(u0):
    u = u0.copy()
    for _ in range(STEPS):
        u[1:-1] = u[1:-1] + R * (u[2:] - np.float32(2) * u[1:-1] + u[:-2])
    return u


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--ref-reps", type=int, default=3)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--baseline", default=None)
    args = ap.parse_args()
    cpfile = os.path.join(ROOT, "benchmarks", "target", "heat-side-by-side.classpath")
    if not args.no_build:
        cpfile = bench_common.build("heat-side-by-side.classpath")
    jvm = bench_common.Jvm(classpath(cpfile), "org.jaxpresso.benchmarks.HeatBench")
    dump = os.path.join(ROOT, "benchmarks", "target", "heat.npz")
    jvm.ask("dump " + dump)
    z = np.load(dump)
    u0 = z["u0"]
    want = numpy_solve(u0)
    err = float(np.max(np.abs(want - z["u"])))
    err_ref = float(np.max(np.abs(z["uref"] - z["u"])))
    print("NumPy %s, %d CPUs; final temperature: max |NumPy - jaxpresso| %.2e,"
          " max |reference path - compiled| %.2e" % (np.__version__, os.cpu_count(), err,
                                                     err_ref))
    if err > 1e-4 or err_ref > 1e-4:
        raise SystemExit("the NumPy and jaxpresso solves disagree")

    def np_round(reps):
        out = []
        for _ in range(reps):
            t0 = time.perf_counter_ns()
            numpy_solve(u0)
            out.append(time.perf_counter_ns() - t0)
        return out

    np_round(1)
    jvm.ask("run 3")
    base = None
    if args.baseline:
        bcp = os.path.join(args.baseline, "benchmarks", "target", "heat-side-by-side.classpath")
        deps = open(bcp).read().strip().split(os.pathsep)
        base = bench_common.Jvm(os.pathsep.join(
            [os.path.join(args.baseline, "benchmarks", "target", "classes")] + deps),
            "org.jaxpresso.benchmarks.HeatBench")
        base.ask("run 3")
    t_np, t_jvm, t_ref, t_base = [], [], [], []
    ref_left = args.ref_reps
    for r in range(args.rounds):
        t_np += np_round(args.reps)
        t_jvm += [int(t) for t in jvm.ask("run %d" % args.reps).split()]
        if base:
            t_base += [int(t) for t in base.ask("run %d" % args.reps).split()]
        if ref_left > 0 and r % max(1, args.rounds // args.ref_reps) == 0:
            t_ref += [int(t) for t in jvm.ask("ref 1").split()]
            ref_left -= 1
    jvm.close()
    if base:
        base.close()
    print("%-40s %10s %22s" % ("1000 heat steps, 1e5 float32", "median ms", "IQR ms"))
    rows = [("NumPy loop", t_np), ("jaxpresso jit(fori_loop), compiled", t_jvm),
            ("jaxpresso, reference path (before)", t_ref)]
    if base:
        rows.append(("jaxpresso baseline (--baseline)", t_base))
    for name, t in rows:
        lo, hi = bench_common.quartiles(t)
        print("%-40s %10.1f %22s" % (name, statistics.median(t) / 1e6,
                                     "%.1f-%.1f" % (lo / 1e6, hi / 1e6)))
    m_np, m_j, m_r = (statistics.median(t) for t in (t_np, t_jvm, t_ref))
    print("ratio NumPy / jaxpresso = %.2fx (above 1: jaxpresso faster); reference path /"
          " compiled = %.2fx. %d solves each (%d reference), %d rounds alternating. The machine"
          " is shared and loaded: medians are noisy." % (m_np / m_j, m_r / m_j, len(t_np),
                                                         len(t_ref), args.rounds))
    if base:
        m_b = statistics.median(t_base)
        print("baseline: NumPy / baseline = %.2fx; baseline / this checkout = %.2fx (above 1:"
              " this checkout faster)" % (m_np / m_b, m_b / m_j))


if __name__ == "__main__":
    sys.exit(main())
