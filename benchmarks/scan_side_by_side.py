#!/usr/bin/env python3
"""Scan-heavy control flow, this checkout against a baseline checkout, interleaved in one run
(org.jaxpresso.benchmarks.ScanBench in two JVMs): "cumsum" (a cumulative scan over 1,000 rows
of 10,000 float32) and "nested" (a 2,000-step scan whose body runs a fori_loop and a cond).
Checks both agree, then prints medians (with interquartile range) and baseline / this ratios.
Usage: scan_side_by_side.py --baseline DIR [--rounds N] [--reps N] [--no-build]; DIR is a
checkout whose benchmarks module is built (bench_common.build there) and has ScanBench.
"""
import argparse
import os
import statistics
import sys

import bench_common
from bench_common import ROOT, classpath


def jvm_of(root, cpfile):
    deps = open(cpfile).read().strip().split(os.pathsep)
    return bench_common.Jvm(os.pathsep.join(
        [os.path.join(root, "benchmarks", "target", "classes")] + deps),
        "org.jaxpresso.benchmarks.ScanBench")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--baseline", required=True)
    args = ap.parse_args()
    cpfile = os.path.join(ROOT, "benchmarks", "target", "scan-side-by-side.classpath")
    if not args.no_build:
        cpfile = bench_common.build("scan-side-by-side.classpath")
    new = jvm_of(ROOT, cpfile)
    old = jvm_of(args.baseline, os.path.join(args.baseline, "benchmarks", "target",
                                             "scan-side-by-side.classpath"))
    for w in ("cumsum", "nested"):
        a, b = float(new.ask("check " + w)), float(old.ask("check " + w))
        if abs(a - b) > 1e-3 * max(1.0, abs(a)):
            raise SystemExit("%s: this checkout %r, baseline %r" % (w, a, b))
        new.ask("run %s 3" % w)
        old.ask("run %s 3" % w)
    times = {(w, j): [] for w in ("cumsum", "nested") for j in ("new", "old")}
    for r in range(args.rounds):
        # Which JVM goes first alternates by round: the second of two back-to-back runs
        # otherwise gains from the first's effect on the machine.
        order = (("old", old), ("new", new)) if r % 2 == 0 else (("new", new), ("old", old))
        for w in ("cumsum", "nested"):
            for j, jvm in order:
                times[(w, j)] += [int(t) for t in jvm.ask("run %s %d" % (w, args.reps)).split()]
    alloc = {}
    for w in ("cumsum", "nested"):
        for j, jvm in (("new", new), ("old", old)):
            try:
                alloc[(w, j)] = int(jvm.ask("alloc %s 20" % w))
            except (RuntimeError, ValueError):
                alloc[(w, j)] = None
    new.close()
    old.close()
    print("%-30s %10s %16s" % ("workload", "median ms", "IQR ms"))
    for w in ("cumsum", "nested"):
        for j in ("old", "new"):
            t = times[(w, j)]
            lo, hi = bench_common.quartiles(t)
            print("%-30s %10.2f %16s" % (w + (" baseline" if j == "old" else " this"),
                                        statistics.median(t) / 1e6,
                                        "%.2f-%.2f" % (lo / 1e6, hi / 1e6)))
        print("%s: baseline / this = %.2fx (above 1: this checkout faster)" % (
            w, statistics.median(times[(w, "old")]) / statistics.median(times[(w, "new")])))
        a_new, a_old = alloc[(w, "new")], alloc[(w, "old")]
        print("%s: bytes allocated per call (fewest of 20): this %s, baseline %s" % (
            w, a_new, "n/a (no alloc command)" if a_old is None else a_old))


if __name__ == "__main__":
    sys.exit(main())
