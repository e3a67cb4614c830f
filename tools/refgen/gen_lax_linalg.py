#!/usr/bin/env python3
"""NumPy references for the svd primitive (lax) and jnp.linalg.svd / norm's 'nuc', 2, -2.

Writes
  lax/src/test/resources/ref/lax_linalg.npz     (Lax.svd)
  numpy/src/test/resources/ref/numpy_linalg_svd.npz  (Linalg.svd and Linalg.norm)

Keys are `op|params|dtypes|id|role`, as tools/refgen/gen_numpy_linalg.py writes them:

  svd|kind=<kind>|<dtype>|<id>|in0   the matrix (or batch of matrices), in its own dtype
  svd|kind=<kind>|<dtype>|<id>|out   np.linalg.svd(x, compute_uv=False) in float64, computed
                                     from the input converted to float64 (descending)
  norm|ord=<ord>[&axis=a.b][&keepdims=1]|<dtype>|<id>|in0 / out
                                     np.linalg.norm in float64

Singular vectors are not unique (signs, and bases of repeated singular values), so only the
singular values are stored; the Java tests check u and vt by reconstruction and orthogonality.
Inputs include rank-deficient, repeated-value and ill-conditioned matrices, 1x1, 1xN, Nx1,
batched and empty shapes. Non-float inputs (for norm) are small integers; bool is stored as
bool. NumPy has no bfloat16; bf16 and f16 matrices are only used for error paths in Java.

Run from the repository root: python3 tools/refgen/gen_lax_linalg.py
"""
import os

import numpy as np

RNG = np.random.default_rng(20261130)
LAX_OUT = os.path.join("lax", "src", "test", "resources", "ref", "lax_linalg.npz")
NUMPY_OUT = os.path.join("numpy", "src", "test", "resources", "ref", "numpy_linalg_svd.npz")

FLOATS = ["float32", "float64"]
INTS = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]


def matrix(kind, shape, dtype):
    """A float matrix (or batch) of `shape` with a structure named by `kind`."""
    *batch, m, n = shape
    k = min(m, n)
    if kind == "normal":
        x = RNG.standard_normal(shape)
    elif kind == "rank1":
        a = RNG.standard_normal(tuple(batch) + (m, 1))
        b = RNG.standard_normal(tuple(batch) + (1, n))
        x = a @ b
    elif kind == "zeros":
        x = np.zeros(shape)
    elif kind == "repeated":
        # Orthogonal factors around singular values (3, 3, 1, 1, ...): repeated values.
        x = np.zeros(shape)
        for idx in np.ndindex(*batch):
            qa, _ = np.linalg.qr(RNG.standard_normal((m, m)))
            qb, _ = np.linalg.qr(RNG.standard_normal((n, n)))
            s = np.array([3.0 if i < 2 else 1.0 for i in range(k)])
            d = np.zeros((m, n))
            d[:k, :k] = np.diag(s)
            x[idx] = qa @ d @ qb
    elif kind == "graded":
        # Singular values spread over six decades.
        x = np.zeros(shape)
        for idx in np.ndindex(*batch):
            qa, _ = np.linalg.qr(RNG.standard_normal((m, m)))
            qb, _ = np.linalg.qr(RNG.standard_normal((n, n)))
            s = np.logspace(2, -4, k) if k > 1 else np.array([5.0])
            d = np.zeros((m, n))
            d[:k, :k] = np.diag(s)
            x[idx] = qa @ d @ qb
    elif kind == "ints":
        x = RNG.integers(-4, 5, shape).astype(np.float64)
    else:
        raise ValueError(kind)
    return np.asarray(x, dtype)


def svd_cases():
    cases = {}
    shapes = {
        "normal": [(1, 1), (4, 4), (7, 3), (3, 7), (1, 5), (5, 1), (2, 3, 4, 3), (12, 9),
                   (0, 3), (3, 0), (0, 0), (2, 0, 3), (2, 3, 0)],
        "rank1": [(5, 4), (3, 6)],
        "zeros": [(3, 2), (1, 1)],
        "repeated": [(5, 5), (6, 4), (2, 3, 5)],
        "graded": [(6, 6), (8, 5)],
        "ints": [(4, 6)],
    }
    for dtype in FLOATS:
        for kind, shape_list in shapes.items():
            for i, shape in enumerate(shape_list):
                x = matrix(kind, shape, dtype)
                s = np.linalg.svd(np.asarray(x, np.float64), compute_uv=False)
                key = "svd|kind=%s|%s|%02d" % (kind, dtype, i)
                cases[key + "|in0"] = np.array(x, order="C")
                cases[key + "|out"] = np.array(s, np.float64, order="C")
    return cases


def norm_cases():
    cases = {}
    counter = {}

    def add(params, dtype, x, out):
        key = "norm|%s|%s" % (params, dtype)
        idx = counter.get(key, 0)
        counter[key] = idx + 1
        key = "%s|%d" % (key, idx)
        cases[key + "|in0"] = np.array(x, order="C")
        cases[key + "|out"] = np.array(out, np.float64, order="C")

    for dtype in FLOATS + INTS:
        for ord_name, ord_val in [("nuc", "nuc"), ("2", 2), ("-2", -2)]:
            if dtype == "bool":
                x = RNG.random((3, 4)) < 0.5
                x3 = RNG.random((3, 2, 4)) < 0.5
            elif dtype in FLOATS:
                x = matrix("normal", (3, 4), dtype)
                x3 = matrix("normal", (3, 2, 4), dtype)
            else:
                lo = 0 if dtype.startswith("uint") else -3
                x = RNG.integers(lo, 4, (3, 4)).astype(dtype)
                x3 = RNG.integers(lo, 4, (3, 2, 4)).astype(dtype)
            f = np.asarray(x, np.float64)
            f3 = np.asarray(x3, np.float64)
            add("ord=%s" % ord_name, dtype, x, np.linalg.norm(f, ord_val))
            add("ord=%s&axis=2.0" % ord_name, dtype, x3,
                np.linalg.norm(f3, ord_val, axis=(2, 0)))
            add("ord=%s&axis=0.2&keepdims=1" % ord_name, dtype, x3,
                np.linalg.norm(f3, ord_val, axis=(0, 2), keepdims=True))
            add("ord=%s&axis=-1.-2" % ord_name, dtype, x3,
                np.linalg.norm(f3, ord_val, axis=(-1, -2)))
    # Structured float matrices: rank deficient, tall, wide, 1x1.
    for dtype in FLOATS:
        for kind, shape in [("rank1", (5, 3)), ("graded", (4, 6)), ("normal", (1, 1)),
                            ("zeros", (2, 3))]:
            x = matrix(kind, shape, dtype)
            for ord_name, ord_val in [("nuc", "nuc"), ("2", 2), ("-2", -2)]:
                add("ord=%s" % ord_name, dtype, x,
                    np.linalg.norm(np.asarray(x, np.float64), ord_val))
    return cases


def main():
    lax_cases = svd_cases()
    np.savez_compressed(LAX_OUT, **lax_cases)
    print("wrote", LAX_OUT, len(lax_cases), "arrays,", os.path.getsize(LAX_OUT), "bytes")
    numpy_cases = dict(svd_cases())
    numpy_cases.update(norm_cases())
    np.savez_compressed(NUMPY_OUT, **numpy_cases)
    print("wrote", NUMPY_OUT, len(numpy_cases), "arrays,", os.path.getsize(NUMPY_OUT), "bytes")


if __name__ == "__main__":
    main()
