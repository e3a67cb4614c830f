#!/usr/bin/env python3
"""NumPy references for the numpy module's creation, arithmetic and reduction tests.

Run once from the repository root: python3 tools/refgen/gen_numpy_basics.py
Output (committed): numpy/src/test/resources/ref/numpy_basics.npz
Inputs are generated here deterministically and stored next to the outputs, so the Java tests
read both. Results are cast to float32/int32 the way JAX (x64 off) returns them.
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "numpy", "src", "test", "resources", "ref")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(1701)
r = {}

# creation
r["linspace_0_1_5"] = np.linspace(0, 1, 5, dtype=np.float32)
r["linspace_m3_7_11"] = np.linspace(-3, 7, 11).astype(np.float32)
r["arange_2_11_3"] = np.arange(2, 11, 3, dtype=np.int32)
r["arange_5_m5_m2"] = np.arange(5, -5, -2, dtype=np.int32)
r["arange_f_0_1_0.25"] = np.arange(0, 1, 0.25).astype(np.float32)
r["eye_3_4_1"] = np.eye(3, 4, 1, dtype=np.float32)
r["tri_3_4_m1"] = np.tri(3, 4, -1, dtype=np.float32)

# reductions over a (4, 5) float32 input with a NaN-free and a NaN variant
x = rng.standard_normal((4, 5)).astype(np.float32)
r["x"] = x
for ax, name in [(None, "all"), (0, "0"), (1, "1"), (-1, "m1")]:
    r[f"sum_{name}"] = x.sum(axis=ax, dtype=np.float32)
    r[f"mean_{name}"] = x.mean(axis=ax, dtype=np.float32)
    r[f"max_{name}"] = x.max(axis=ax)
    r[f"min_{name}"] = x.min(axis=ax)
    r[f"prod_{name}"] = x.prod(axis=ax, dtype=np.float32)
    r[f"var_{name}"] = x.astype(np.float64).var(axis=ax).astype(np.float32)
    r[f"std_{name}"] = x.astype(np.float64).std(axis=ax).astype(np.float32)
    r[f"std1_{name}"] = x.astype(np.float64).std(axis=ax, ddof=1).astype(np.float32)
    r[f"argmax_{name}"] = np.argmax(x, axis=ax).astype(np.int32)
    r[f"argmin_{name}"] = np.argmin(x, axis=ax).astype(np.int32)
r["mean_1_keepdims"] = x.mean(axis=1, keepdims=True, dtype=np.float32)
ints = rng.integers(-50, 50, size=(3, 4)).astype(np.int8)
r["ints"] = ints
r["ints_sum_0"] = ints.sum(axis=0).astype(np.int32)
r["ints_mean_1"] = ints.mean(axis=1).astype(np.float32)

# arithmetic with promotion (values only; dtypes are JAX's and checked in Java)
a = rng.standard_normal(6).astype(np.float32)
b = rng.integers(1, 9, size=6).astype(np.int32)
r["a"] = a
r["b"] = b
r["a_div_b"] = (a / b).astype(np.float32)
r["b_div_2"] = (b / 2).astype(np.float32)
r["a_plus_b"] = (a + b).astype(np.float32)
r["where_a_gt_0"] = np.where(a > 0, a, np.float32(0)).astype(np.float32)

# linear algebra
m = rng.standard_normal((3, 4)).astype(np.float32)
n = rng.standard_normal((4, 2)).astype(np.float32)
v = rng.standard_normal(4).astype(np.float32)
bm = rng.standard_normal((2, 3, 4)).astype(np.float32)
r["m"], r["n"], r["v"], r["bm"] = m, n, v, bm
r["dot_m_n"] = m.astype(np.float64).dot(n).astype(np.float32)
r["dot_m_v"] = m.astype(np.float64).dot(v).astype(np.float32)
r["dot_v_v"] = np.float32(v.astype(np.float64).dot(v))
r["matmul_bm_n"] = np.matmul(bm.astype(np.float64), n).astype(np.float32)
r["matmul_v_n"] = np.matmul(v.astype(np.float64), n).astype(np.float32)

np.savez(os.path.join(OUT, "numpy_basics.npz"), **r)
print("wrote", len(r), "arrays")
