#!/usr/bin/env python3
"""W4 and W6 of BENCHMARKS.md side by side: NumPy and jaxpresso alternating in one run.

Builds the benchmarks module (reactor package, no install), starts one warm JVM running
org.jaxpresso.benchmarks.SideBySide, measures the machine's float32 FMA peak from Java, then for
each workload alternates rounds of NumPy, jaxpresso eager and jaxpresso jit calls and prints a
table of medians, ratios (NumPy time / jaxpresso time: above 1 is faster than NumPy) and the
floor (flops / (cores x the measured one-core peak)).

Run it with OpenBLAS free to pick its kernel, e.g.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/side_by_side.py
Options: --rounds N (default 7), --quick (fewer rounds and reps), --no-build, --only W4,W4b,W6.
"""
import argparse
import ctypes
import glob
import os
import statistics
import sys
import time

import numpy as np

import bench_common
from bench_common import ROOT, JAVA_HOME, build, classpath

# (id, size, reps per round)
WORKLOADS = [("W4", 256, 100), ("W4", 1024, 10), ("W4", 2048, 3), ("W4b", 64, 40), ("W6", 8, 6)]


def openblas_core():
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "*openblas*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_get_corename64_", "openblas_get_corename"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                return fn().decode()
    return "unknown"


def numpy_workload(wid, size):
    rnd = np.random.default_rng(42)
    if wid == "W4":
        a = rnd.random((size, size), dtype=np.float32)
        b = rnd.random((size, size), dtype=np.float32)
        return 2.0 * size**3, lambda: a @ b
    if wid == "W4b":
        a = rnd.random((size, 128, 128), dtype=np.float32)
        b = rnd.random((size, 128, 128), dtype=np.float32)
        return 2.0 * size * 128**3, lambda: a @ b
    if wid == "W6":
        x = rnd.random((size, 64, 56, 56), dtype=np.float32)
        w = rnd.random((64, 64, 3, 3), dtype=np.float32)
        wm = w.reshape(64, 576).T.copy()

        def conv():
            xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
            cols = np.lib.stride_tricks.sliding_window_view(xp, (3, 3), axis=(2, 3))
            cols = cols.transpose(0, 2, 3, 1, 4, 5).reshape(size * 56 * 56, 576)
            return (cols @ wm).reshape(size, 56, 56, 64).transpose(0, 3, 1, 2)

        return 2.0 * size * 64 * 56 * 56 * 64 * 9, conv
    raise ValueError(wid)


# Seconds between NumPy's and the JVM's timed reps (OpenBLAS's spinning workers park).
PAUSE_S = 0.3
# Seconds of untimed calls per JVM mode and workload before the timed rounds.
WARM_S = 2.0


def time_numpy(fn, reps):
    out = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        fn()
        out.append(time.perf_counter_ns() - t0)
    return out


def spread(xs):
    return bench_common.quartiles(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--only", help="comma-separated workload ids, e.g. W4,W6")
    args = ap.parse_args()
    cpfile = os.path.join(ROOT, "benchmarks", "target", "side-by-side.classpath")
    if not args.no_build:
        cpfile = build()
    jvm = bench_common.Jvm(classpath(cpfile), "org.jaxpresso.benchmarks.SideBySide")
    rounds = 3 if args.quick else args.rounds
    print("OpenBLAS core:", openblas_core(), "| OPENBLAS_CORETYPE =",
          os.environ.get("OPENBLAS_CORETYPE", "(unset)"))
    print("java:", jvm.ask("info"))
    threads = os.cpu_count() or 1
    peak1 = float(jvm.ask("peak 1"))
    peak_all = float(jvm.ask("peak %d" % threads))
    # PeakFlops rates each thread over its own CPU time, so neighbours on a shared machine do
    # not lower it; the floor assumes every core at the single-core peak.
    peak = max(peak1 * threads, peak_all)
    print("measured fp32 FMA peak (per thread CPU time): %.0f GFLOP/s on 1 core, %.0f GFLOP/s on"
          " %d cores; floor and %% of peak use %.0f" % (peak1 / 1e9, peak_all / 1e9, threads,
                                                       peak / 1e9))
    rows = []
    only = set(args.only.split(",")) if args.only else None
    for wid, size, reps in WORKLOADS:
        if only and wid not in only:
            continue
        if args.quick:
            reps = max(1, reps // 2)
        flops, np_fn = numpy_workload(wid, size)
        # Warm both sides: JIT compilation, caches, OpenBLAS threads. The JVM runs each mode
        # for WARM_S seconds: one round of reps (the old warm-up) left W4 256^3 timed while C2
        # was still compiling the kernels (0.195 ms a call against 0.107 ms once compiled).
        time_numpy(np_fn, 2)
        for mode in ("eager", "jit"):
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < WARM_S:
                jvm.ask("run %s %d %s %d" % (wid, size, mode, reps))
        t_np, t_eager, t_jit = [], [], []
        for _ in range(rounds):
            # Each side's first call after the other side's turn and the pause runs cold (caches
            # refilled, cores idle for 0.3 s): W6 read 10.1 ms for 2 calls a round against 6.0 ms
            # for 10. One untimed call per side and mode starts each round, so the medians are
            # of steady calls for both.
            np_fn()
            t_np += time_numpy(np_fn, reps)
            # OpenBLAS's workers busy-wait about 0.1 s after a call: without a pause they hold
            # one of the two cores while the JVM's reps run (measured: 1024^3 read 20.0 ms jit
            # right after NumPy, 12.5 ms after a 0.3 s pause). Pause between the sides.
            time.sleep(PAUSE_S)
            jvm.ask("run %s %d eager 1" % (wid, size))
            t_eager += [int(t) for t in jvm.ask("run %s %d eager %d" % (wid, size, reps)).split()]
            jvm.ask("run %s %d jit 1" % (wid, size))
            t_jit += [int(t) for t in jvm.ask("run %s %d jit %d" % (wid, size, reps)).split()]
            time.sleep(PAUSE_S)
        rows.append((wid, size, flops, t_np, t_eager, t_jit))
    jvm.close()

    def ms(ns):
        return ns / 1e6

    hdr = ("workload", "NumPy ms (IQR)", "GF/s", "%peak", "eager ms (IQR)", "jit ms (IQR)",
           "GF/s", "%peak", "ratio eager", "ratio jit", "floor ms")
    fmt = "%-14s %-22s %6s %5s %-22s %-22s %6s %5s %11s %9s %8s"
    print()
    print(fmt % hdr)
    for wid, size, flops, t_np, t_eager, t_jit in rows:
        m_np, m_e, m_j = (statistics.median(t) for t in (t_np, t_eager, t_jit))
        floor = flops / peak * 1e9
        name = "%s %s" % (wid, {"W4": "%d^3" % size, "W4b": "%dx128^3" % size,
                               "W6": "conv b%d" % size}[wid])
        cell = lambda m, t: "%.3f (%.3f-%.3f)" % (ms(m), ms(spread(t)[0]), ms(spread(t)[1]))
        print(fmt % (name, cell(m_np, t_np), "%.0f" % (flops / m_np),
                     "%.0f%%" % (100 * floor / m_np), cell(m_e, t_eager), cell(m_j, t_jit),
                     "%.0f" % (flops / m_j), "%.0f%%" % (100 * floor / m_j),
                     "%.2fx" % (m_np / m_e), "%.2fx" % (m_np / m_j), "%.3f" % ms(floor)))
    print("\nratio = NumPy median / jaxpresso median (above 1: jaxpresso faster); floor = flops /"
          " (cores x measured one-core FMA peak); %peak = floor / median; the machine is shared,"
          " so medians are noisy.")


if __name__ == "__main__":
    sys.exit(main())
