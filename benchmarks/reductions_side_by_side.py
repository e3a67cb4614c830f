#!/usr/bin/env python3
"""Reduction workloads beyond W2/W3/W9, side by side with NumPy (same runner, same table as
side_by_side_fused.py, whose options it takes):

  R1 argmax over the last axis of f32[4096,1024]        x.argmax(-1)
  R2 column sums of f32[1000000,10] and f32[128,512]    x.sum(0)  (short rows; bias gradients)
  R3 any over rows of a comparison, f32[4096,1024]      (x > 0.99).any(1)
  R4 float16 row sums of f16[2048,1024]                 x.sum(1)
  R5 max and argmax of the same rows, f32[4096,1024]    x.max(-1) + x.argmax(-1)

Run it with OpenBLAS free to pick its kernel, e.g.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/reductions_side_by_side.py
"""
import sys

import numpy as np

import side_by_side_fused as sbs

WORKLOADS = [
    ("R1", "R1 argmax 4096 1024", 5, 1),
    ("R2", "R2 colsum 1000000 10", 5, 1), ("R2", "R2 colsum 128 512", 9, 50),
    ("R3", "R3 any 4096 1024", 5, 1),
    ("R4", "R4 f16sum 2048 1024", 5, 1),
    ("R5", "R5 maxargmax 4096 1024", 5, 1),
]


def numpy_workload(spec):
    """The NumPy function for a spec and the bytes an ideal kernel moves."""
    f = spec.split()
    rnd = np.random.default_rng(42)
    r, c = int(f[2]), int(f[3])
    x = rnd.random((r, c), dtype=np.float32) * 2 - 1
    if f[1] == "argmax":
        return (lambda: x.argmax(-1)), 4.0 * x.size
    if f[1] == "colsum":
        return (lambda: x.sum(0)), 4.0 * x.size
    if f[1] == "any":
        return (lambda: (x > np.float32(0.99)).any(1)), 4.0 * x.size
    if f[1] == "f16sum":
        h = x.astype(np.float16)
        return (lambda: h.sum(1)), 2.0 * h.size
    if f[1] == "maxargmax":
        return (lambda: x.max(-1) + x.argmax(-1).astype(np.float32)), 4.0 * x.size
    raise ValueError(spec)


if __name__ == "__main__":
    sbs.WORKLOADS = WORKLOADS
    sbs.numpy_workload = numpy_workload
    sys.exit(sbs.main())
