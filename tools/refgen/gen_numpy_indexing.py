#!/usr/bin/env python3
"""Reference values for jnp indexing, .at[] updates, sorting and searching.

Writes numpy/src/test/resources/ref/numpy_indexing.npz. Every entry is a plain array named by
its case; per-dtype cases are named ``<case>__<dtype>`` (bfloat16 cases hold float32 values
that bfloat16 represents exactly). NumPy's fancy indexing gives the reads (JAX clamps
out-of-bounds reads, so those cases clip the indices first, as JAX's PROMISE_IN_BOUNDS gather
does), ``ufunc.at`` the duplicate-accumulating updates, and out-of-bounds updates are dropped
by filtering the indices (JAX's FILL_OR_DROP). The Java tests rebuild the same indices.

Run from the repository root: python3 tools/refgen/gen_numpy_indexing.py
"""

import numpy as np

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "bfloat16", "float16", "float32", "float64"]
out = {}


def npd(name):
    return np.float32 if name == "bfloat16" else np.dtype(name)


def base(dtype, shape=(2, 3, 4)):
    """arange values (mod 2 for bool) of the given shape."""
    n = int(np.prod(shape))
    v = np.arange(n)
    if dtype == "bool":
        return (v % 2 == 1).reshape(shape)
    return v.astype(npd(dtype)).reshape(shape)


# ---- reads on a (2, 3, 4) arange, every dtype ----
READS = {
    "int": lambda a: a[1],
    "neg_slices": lambda a: a[-1, 1:, ::2],
    "rev_int": lambda a: a[:, ::-1, 1],
    "newaxis_ellipsis": lambda a: a[None, ..., 0],
    "two_arrays": lambda a: a[[0, 1], [1, 2]],
    "slice_array": lambda a: a[:, [0, 2]],
    "slice_two_arrays": lambda a: a[:, [0, 2], [1, 3]],
    "split_arrays": lambda a: a[[1, 0], :, [3, -1]],
    "int_matrix_slice": lambda a: a[1, [[0, 1], [2, 0]], 1:3],
    "mask_full": lambda a: a[np.arange(24).reshape(2, 3, 4) % 3 == 0],
    "mask_axis0": lambda a: a[np.array([True, False])],
    "mask_mid": lambda a: a[:, np.array([True, False, True])],
    "neg_step_gather": lambda a: a[[1], ::-2],
    "step_gather": lambda a: a[0, 1::2, [3, 0]],
    "clip_int": lambda a: a[1, 2, 3],  # a[5, -9, 10] clamps to a[1, 0 ... see Java]
    "clip_arrays": lambda a: a[..., np.clip([10, -10 + 4], 0, 3)],
    "empty_slice": lambda a: a[:, 3:1],
    "empty_array": lambda a: a[np.array([], dtype=int)],
    "newaxis_split": lambda a: a[None, 1, ..., [0, 2]],
    "scalar_true": lambda a: a[True],
    "scalar_false": lambda a: a[False],
}
for d in DTYPES:
    a = base(d)
    for name, f in READS.items():
        out[f"get_{name}__{d}"] = np.asarray(f(a))
# clip_int is a[5, -9, 10]: 5 -> 1; -9 -> -6 -> 0; 10 -> 3 (JAX clamps each start)
for d in DTYPES:
    out[f"get_clip_int__{d}"] = np.asarray(base(d)[1, 0, 3])

# ---- updates on arange(6) of every dtype, indices [0, 2, 2, 5, 9, -1, -8] ----
IDX = np.array([0, 2, 2, 5, 9, -1, -8])


def dropped(idx, n):
    """JAX's FILL_OR_DROP after wrapping negatives once: the positions kept."""
    w = np.where(idx < 0, idx + n, idx)
    return (w >= 0) & (w < n), w


for d in DTYPES:
    x = base(d, (6,))
    keep, w = dropped(IDX, 6)
    vals = np.array([1, 2, 3, 1, 4, 2, 5])
    if d == "bool":
        v = vals % 2 == 1
    else:
        v = vals.astype(npd(d))
    ops = {"max": np.maximum, "min": np.minimum}
    if d != "bool":
        ops.update({"add": np.add, "mul": np.multiply})
    for name, uf in ops.items():
        y = x.copy()
        uf.at(y, w[keep], v[keep])
        out[f"at_{name}__{d}"] = y
    # set with unique indices [0, 2, -1, 9]
    y = x.copy()
    si = np.array([0, 2, -1, 9])
    k2, w2 = dropped(si, 6)
    y[w2[k2]] = v[:4][k2]
    out[f"at_set__{d}"] = y
    out[f"at_vals__{d}"] = v
    if d != "bool" and not d.startswith("uint"):
        y = x.copy()
        np.subtract.at(y, w[keep], v[keep])
        out[f"at_sub__{d}"] = y

# 2-D updates (float32)
z = np.zeros((3, 3), np.float32)
z1 = z.copy(); z1[1, :] = 1
out["at2d_row_set"] = z1
z2 = z.copy(); z2[:, 0] += np.arange(3)
out["at2d_col_add"] = z2
z3 = np.arange(12, dtype=np.float32).reshape(3, 4)
np.add.at(z3, ([0, 0, 2], slice(None)), np.array([1, 2, 3, 4], np.float32))
out["at2d_dup_rows_add"] = z3
z4 = np.arange(12, dtype=np.float32).reshape(3, 4)
z4[z4 > 6] = -1
out["at2d_mask_set"] = z4
z5 = np.arange(12, dtype=np.float32).reshape(3, 4)
z5[:, ::-2] = np.array([10, 20], np.float32)
out["at2d_rev_set"] = z5

# ---- take / take_along_axis ----
t = np.arange(12, dtype=np.float32).reshape(3, 4)
out["take_axis1"] = np.take(t, [[3, 0], [-1, 1]], axis=1)
out["take_flat"] = np.take(t, [5, 11, -12])
fill = np.take(t, np.clip([1, 7, -9], -4, 3), axis=1)
fill[:, 1] = np.nan
fill[:, 2] = np.nan
out["take_fill"] = fill
out["take_clip"] = np.take(t, [1, 7, -9], axis=1, mode="clip")
out["take_wrap"] = np.take(t, [1, 7, -9], axis=1, mode="wrap")
ti = np.take(np.arange(12, dtype=np.int32).reshape(3, 4), np.clip([0, 5], 0, 2), axis=0)
ti[1, :] = np.iinfo(np.int32).min
out["take_fill_int"] = ti
ai = np.array([[2, 0, 1, 1], [0, 0, 2, 1], [1, 2, 0, 0]])
out["take_along0"] = np.take_along_axis(t, ai[:, :], axis=0)
out["take_along1"] = np.take_along_axis(t, np.array([[3], [0], [2]]), axis=1)

# ---- sort / argsort / searchsorted / nonzero / unique / isin, every dtype ----
rng = np.random.default_rng(7)
for d in DTYPES:
    if d == "bool":
        s = rng.integers(0, 2, size=(3, 7)).astype(bool)
    elif d.startswith("uint"):
        s = rng.integers(0, 6, size=(3, 7)).astype(d)
    else:
        s = rng.integers(-5, 6, size=(3, 7)).astype(npd(d))
        if np.dtype(npd(d)).kind == "f":
            s[0, 3] = np.nan
            s[2, 0] = np.nan
    out[f"sort_in__{d}"] = s
    out[f"sort1__{d}"] = np.sort(s, axis=1, kind="stable")
    out[f"sort0__{d}"] = np.sort(s, axis=0, kind="stable")
    out[f"sortflat__{d}"] = np.sort(s, axis=None, kind="stable")
    out[f"argsort1__{d}"] = np.argsort(s, axis=1, kind="stable").astype(np.int32)
    out[f"argsort0__{d}"] = np.argsort(s, axis=0, kind="stable").astype(np.int32)
    nz = np.nonzero(s)
    out[f"nonzero0__{d}"] = nz[0].astype(np.int32)
    out[f"nonzero1__{d}"] = nz[1].astype(np.int32)
    u = np.unique(s)
    out[f"unique__{d}"] = u
    # size 4: truncated; size 30: padded with the smallest element or -1
    out[f"unique4__{d}"] = np.concatenate([u, np.full(4, u[0], dtype=u.dtype)])[:4]
    padded = np.concatenate([u, np.full(30 - len(u), u[0], dtype=u.dtype)])
    out[f"unique30__{d}"] = padded
    srt = np.sort(s[1], kind="stable")
    out[f"ss_sorted__{d}"] = srt
    q = s[0]
    out[f"ss_left__{d}"] = np.searchsorted(srt, q, side="left").astype(np.int32)
    out[f"ss_right__{d}"] = np.searchsorted(srt, q, side="right").astype(np.int32)
    out[f"isin__{d}"] = np.isin(s, s[1, :3])

m = np.array([[0, 3, 0], [4, 0, 5]], np.float32)
nz = np.nonzero(m)
size = 5
for k in range(2):
    pad = np.zeros(size, np.int32)
    pad[:len(nz[k])] = nz[k]
    out[f"nz_size5_{k}"] = pad
    padm = np.full(size, -1, np.int32)
    padm[:len(nz[k])] = nz[k]
    out[f"nz_size5_fill_{k}"] = padm
    out[f"nz_size2_{k}"] = nz[k][:2].astype(np.int32)
out["argwhere"] = np.argwhere(m).astype(np.int32)
out["argwhere_size2"] = np.argwhere(m)[:2].astype(np.int32)

out = {k: np.require(v, requirements="C") for k, v in out.items()}
np.savez_compressed("numpy/src/test/resources/ref/numpy_indexing.npz", **out)
print(len(out), "arrays")
