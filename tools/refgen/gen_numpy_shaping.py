#!/usr/bin/env python3
"""NumPy references for the jnp shape functions, reductions and scans (numpy module).

Run once from the repository root: python3 tools/refgen/gen_numpy_shaping.py
Outputs (committed, compressed):
  numpy/src/test/resources/ref/numpy_shaping.npz             shape functions
  numpy/src/test/resources/ref/numpy_shaping_reductions.npz  reductions and scans

numpy_shaping.npz: inputs `in|NAME` (small int32 arrays; the Java tests convert them to every
dtype, since moving elements around does not depend on the dtype) and results `out|CASE`
(int32), where CASE names the function and its arguments; ShapingTableTest holds the same
table of calls.

numpy_shaping_reductions.npz: inputs `in|DTYPE|SHAPE` for every dtype (bfloat16 stored as <V2,
which core.io.Npy reads as bfloat16) and shapes A=(3, 4, 5), S=() and E=(2, 0, 3); results
`out|OP|DTYPE|SHAPE|AXES|DDOF` (AXES: None, 0, 1, m1 = -1, or a comma list such as m1,0)
stored in the dtype JAX (x64 off) returns, computed here from
JAX's documented rules, independently of the Java code:
  * 64-bit inputs are canonicalized first (int64->int32, uint64->uint32, float64->float32);
  * sum/prod/cumsum/cumprod: bool and signed ints below 32 bits -> int32, unsigned -> uint32;
  * mean/var/std/median: ints and bool -> float32, floats keep their dtype;
  * max/min keep the dtype; all/any -> bool; argmax/argmin/count_nonzero -> int32;
  * floats are computed in float64 and rounded once to the result dtype (bfloat16 by
    round-to-nearest-even of the float32 bits); integers wrap in their width.
Cases that raise in JAX (max of an empty axis, ...) are not stored; the Java tests check them.
64-bit inputs appear with shape A only. `nan|...` holds a float32 input with a NaN and the
max/min/median/sum/argmax/argmin results over no axis, axis 0 and axis 1.
"""
import os

import numpy as np

OUT = os.path.join("numpy", "src", "test", "resources", "ref")
RNG = np.random.default_rng(20261129)


def bf16_bits(x):
    """float32 values rounded to bfloat16 (nearest even), as uint16 bits."""
    b = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    nan = np.isnan(np.asarray(x, dtype=np.float32))
    rounded = ((b + 0x7FFF + ((b >> 16) & 1)) >> 16).astype(np.uint16)
    return np.where(nan, np.uint16(0x7FC0), rounded)


def bf16_store(x):
    return bf16_bits(x).view("V2")


def bf16_values(x):
    """float32 values of bfloat16-rounded x."""
    return (bf16_bits(x).astype(np.uint32) << 16).view(np.float32)


# ---------------------------------------------------------------- shape functions
def shaping():
    r = {}
    x = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
    y = np.arange(24, 48, dtype=np.int32).reshape(2, 3, 4)
    z = np.arange(50, 58, dtype=np.int32).reshape(2, 1, 4)
    v = np.arange(1, 6, dtype=np.int32)
    w = np.arange(6, 9, dtype=np.int32)
    m = np.arange(6, dtype=np.int32).reshape(2, 3)
    s = np.array(5, dtype=np.int32)
    e = np.zeros((2, 0, 3), dtype=np.int32)
    one = np.arange(3, dtype=np.int32).reshape(1, 3, 1)
    for name, a in dict(x=x, y=y, z=z, v=v, w=w, m=m, s=s, e=e, one=one).items():
        r[f"in|{name}"] = a
    o = {}
    o["reshape_4_m1"] = x.reshape(4, -1)
    o["reshape_m1"] = x.reshape(-1)
    o["ravel"] = x.ravel()
    o["transpose"] = x.transpose()
    o["transpose_2_0_1"] = x.transpose(2, 0, 1)
    o["transpose_m1_0_1"] = x.transpose(-1, 0, 1)
    o["swapaxes_0_m1"] = np.swapaxes(x, 0, -1)
    o["swapaxes_1_1"] = np.swapaxes(x, 1, 1)
    o["moveaxis_0_m1"] = np.moveaxis(x, 0, -1)
    o["moveaxis_2_0"] = np.moveaxis(x, 2, 0)
    o["moveaxis_01_m1m2"] = np.moveaxis(x, [0, 1], [-1, -2])
    o["moveaxis_20_01"] = np.moveaxis(x, [2, 0], [0, 1])
    o["squeeze_one"] = np.squeeze(one)
    o["squeeze_one_m1"] = np.squeeze(one, -1)
    o["expand_dims_0_m1"] = np.expand_dims(x, (0, -1))
    o["flip"] = np.flip(x)
    o["flip_1"] = np.flip(x, 1)
    o["flip_0_m1"] = np.flip(x, (0, -1))
    o["flip_e"] = np.flip(e)
    o["roll_5"] = np.roll(x, 5)
    o["roll_m7"] = np.roll(x, -7)
    o["roll_1_2"] = np.roll(x, 1, 2)
    o["roll_m2_1"] = np.roll(x, -2, 1)
    o["roll_13_2_0"] = np.roll(x, (13, 2), (1, 0))
    o["roll_1_02"] = np.roll(x, 1, (0, 2))
    o["roll_e_1_1"] = np.roll(e, 1, 1)
    o["atleast1d_s"] = np.atleast_1d(s)
    o["atleast1d_v"] = np.atleast_1d(v)
    o["atleast2d_s"] = np.atleast_2d(s)
    o["atleast2d_v"] = np.atleast_2d(v)
    o["atleast2d_x"] = np.atleast_2d(x)
    o["concatenate_xy_0"] = np.concatenate([x, y], 0)
    o["concatenate_xy_m1"] = np.concatenate([x, y], -1)
    o["concatenate_xzx_1"] = np.concatenate([x, z, x], 1)
    o["concatenate_vw"] = np.concatenate([v, w])
    o["concatenate_ee_1"] = np.concatenate([e, e], 1)
    o["concatenate_ee_0"] = np.concatenate([e, e], 0)
    o["concatenate_flat_xv"] = np.concatenate([x, v], axis=None)
    o["concatenate_many"] = np.concatenate([v] * 20)
    o["stack_xy_0"] = np.stack([x, y], 0)
    o["stack_xy_1"] = np.stack([x, y], 1)
    o["stack_xy_m1"] = np.stack([x, y], -1)
    o["stack_ss"] = np.stack([s, s])
    o["stack_ee_2"] = np.stack([e, e], 2)
    o["hstack_vw"] = np.hstack([v, w])
    o["hstack_ss"] = np.hstack([s, s])
    o["hstack_mm"] = np.hstack([m, m])
    o["vstack_vv"] = np.vstack([v, v])
    o["vstack_mv3"] = np.vstack([m, w])
    o["vstack_ss"] = np.vstack([s, s])
    for i, p in enumerate(np.split(x, 3, 1)):
        o[f"split_x_3_1|{i}"] = p
    for i, p in enumerate(np.split(x, 2, -1)):
        o[f"split_x_2_m1|{i}"] = p
    for i, p in enumerate(np.split(x, [1, 3], 2)):
        o[f"split_x_i13_2|{i}"] = p
    for i, p in enumerate(np.split(x, [0, 0, 4], 2)):
        o[f"split_x_i004_2|{i}"] = p
    for i, p in enumerate(np.split(e, 3, 2)):
        o[f"split_e_3_2|{i}"] = p
    o["tile_v_2"] = np.tile(v, 2)
    o["tile_x_2"] = np.tile(x, 2)
    o["tile_x_2_1_1"] = np.tile(x, (2, 1, 1))
    o["tile_m_2_1_3"] = np.tile(m, (2, 1, 3))
    o["tile_s_3"] = np.tile(s, 3)
    o["tile_x_0"] = np.tile(x, 0)
    o["tile_e_2"] = np.tile(e, 2)
    o["repeat_x_2"] = np.repeat(x, 2)
    o["repeat_x_2_1"] = np.repeat(x, 2, 1)
    o["repeat_x_3_m1"] = np.repeat(x, 3, -1)
    o["repeat_x_0_1"] = np.repeat(x, 0, 1)
    o["repeat_x_102_1"] = np.repeat(x, [1, 0, 2], 1)
    o["repeat_x_000_1"] = np.repeat(x, [0, 0, 0], 1)
    o["repeat_s_3"] = np.repeat(s, 3)
    o["pad_v_1_2"] = np.pad(v, (1, 2))
    o["pad_v_3"] = np.pad(v, 3)
    o["pad_x_per_axis"] = np.pad(x, ((0, 1), (2, 0), (1, 1)))
    o["pad_x_1_2_value7"] = np.pad(x, ((1, 2),), constant_values=7)
    o["pad_e_1"] = np.pad(e, ((1, 1), (0, 0), (0, 2)))
    o["pad_s_2"] = np.pad(s, 2)
    for mode in ["edge", "reflect", "symmetric", "wrap"]:
        o[f"pad_v_2_3_{mode}"] = np.pad(v, (2, 3), mode=mode)
        o[f"pad_v_7_11_{mode}"] = np.pad(v, (7, 11), mode=mode)
        o[f"pad_m_per_axis_{mode}"] = np.pad(m, ((1, 2), (4, 3)), mode=mode)
        o[f"pad_one_2_{mode}"] = np.pad(one, ((2, 1), (0, 1), (3, 2)), mode=mode)
        o[f"pad_e_0_{mode}"] = np.pad(e, ((1, 1), (0, 0), (1, 0)), mode=mode)
    for k, val in o.items():
        r[f"out|{k}"] = np.asarray(val, dtype=np.int32)
    return r


# ---------------------------------------------------------------- reductions and scans
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "bfloat16", "float16", "float32", "float64"]
SHAPES = {"A": (3, 4, 5), "S": (), "E": (2, 0, 3)}
CANON = {"int64": "int32", "uint64": "uint32", "float64": "float32"}


def canon(d):
    return CANON.get(d, d)


def is_float(d):
    return d in ("bfloat16", "float16", "float32", "float64")


def acc_dtype(d):
    d = canon(d)
    if d in ("bool", "int8", "int16"):
        return "int32"
    if d in ("uint8", "uint16"):
        return "uint32"
    return d


def inexact(d):
    d = canon(d)
    return d if is_float(d) else "float32"


def make_input(d, shape):
    n = int(np.prod(shape))
    if d == "bool":
        return RNG.random(n).reshape(shape) < 0.6
    if d.startswith("int"):
        return RNG.integers(-4, 5, size=n).reshape(shape).astype(d)
    if d.startswith("uint"):
        return RNG.integers(0, 6, size=n).reshape(shape).astype(d)
    vals = RNG.standard_normal(n).reshape(shape).astype(np.float32)
    if d == "bfloat16":
        return bf16_values(vals)
    return vals.astype(d)


def as_computed(x, d):
    """The input as JAX sees it (canonicalized), widened for exact numpy computation."""
    c = canon(d)
    if d == "bfloat16" or is_float(c):
        return np.asarray(x).astype(c if c != "bfloat16" else np.float32).astype(np.float64)
    if c == "bool":
        return np.asarray(x)
    return np.asarray(x).astype(c).astype(np.int64)


def store(values, d):
    if d == "bfloat16":
        return bf16_store(np.asarray(values, dtype=np.float64).astype(np.float32))
    return np.asarray(values).astype(d)


AXES = {"None": None, "0": 0, "1": 1, "m1": -1, "m1,0": (-1, 0)}


def reductions():
    r = {}
    for d in DTYPES:
        for sname, shape in SHAPES.items():
            if sname != "A" and d in CANON:
                continue  # 64-bit inputs: the canonicalization is checked on A
            x = make_input(d, shape)
            r[f"in|{d}|{sname}"] = store(x, d)
            xc = as_computed(x, d)
            nd = len(shape)
            if sname == "A":
                axes_list = list(AXES)
            elif sname == "S":
                axes_list = ["None"]
            else:
                axes_list = ["None", "0", "1", "m1,0"]
            for an in axes_list:
                ax = AXES[an]
                reduced = (range(nd) if ax is None
                           else [a % nd for a in (ax if isinstance(ax, tuple) else (ax,))])
                empty_axis = any(shape[a] == 0 for a in reduced)
                single = ax is None or not isinstance(ax, tuple)
                out = {}
                acc = acc_dtype(d)
                xn = xc.astype(np.int64) if not is_float(canon(d)) else xc
                out["sum"] = (np.sum(xn, axis=ax), acc)
                out["prod"] = (np.prod(xn, axis=ax), acc)
                out["count_nonzero"] = (np.count_nonzero(xc, axis=ax), "int32")
                out["all"] = (np.all(xc, axis=ax), "bool")
                out["any"] = (np.any(xc, axis=ax), "bool")
                f = xc.astype(np.float64)
                with np.errstate(all="ignore"):
                    import warnings
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        out["mean"] = (np.mean(f, axis=ax), inexact(d))
                        if f.size == 0:  # numpy cannot reshape some empty inputs; JAX gives NaN
                            med = np.full(np.sum(f, axis=ax).shape, np.nan)
                        else:
                            med = np.median(f, axis=ax)
                        out["median"] = (med, inexact(d))
                        for ddof in (0, 1):
                            out[f"var|{ddof}"] = (np.var(f, axis=ax, ddof=ddof), inexact(d))
                            if ddof == 0:
                                out["std|0"] = (np.std(f, axis=ax), inexact(d))
                if not empty_axis:
                    out["max"] = (np.max(xc, axis=ax), canon(d))
                    out["min"] = (np.min(xc, axis=ax), canon(d))
                    if single:
                        out["argmax"] = (np.argmax(xc, axis=ax), "int32")
                        out["argmin"] = (np.argmin(xc, axis=ax), "int32")
                if single:
                    cs = xc.astype(np.int64) if not is_float(canon(d)) else xc
                    out["cumsum"] = (np.cumsum(cs, axis=ax), acc)
                    out["cumprod"] = (np.cumprod(cs, axis=ax), acc)
                for k, (val, od) in out.items():
                    op, _, ddof = k.partition("|")
                    r[f"out|{op}|{d}|{sname}|{an}|{ddof or 0}"] = store(val, od)
    # NaN propagation (float32): a row with one NaN, another clean row
    xn = RNG.standard_normal((3, 4)).astype(np.float32)
    xn[1, 2] = np.nan
    r["nan|in"] = xn
    with np.errstate(all="ignore"):
        for an, ax in [("None", None), ("1", 1), ("0", 0)]:
            r[f"nan|max|{an}"] = np.max(xn, axis=ax)
            r[f"nan|min|{an}"] = np.min(xn, axis=ax)
            r[f"nan|median|{an}"] = np.median(xn.astype(np.float64), axis=ax).astype(np.float32)
            r[f"nan|sum|{an}"] = np.sum(xn.astype(np.float64), axis=ax).astype(np.float32)
            r[f"nan|argmax|{an}"] = np.argmax(xn, axis=ax).astype(np.int32)
            r[f"nan|argmin|{an}"] = np.argmin(xn, axis=ax).astype(np.int32)
    return r


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, arrays in [("numpy_shaping.npz", shaping()),
                         ("numpy_shaping_reductions.npz", reductions())]:
        # C order only (core.io.Npy rejects Fortran order, e.g. transposed results)
        arrays = {k: np.asarray(v).copy(order="C") for k, v in arrays.items()}
        np.savez_compressed(os.path.join(OUT, name), **arrays)


if __name__ == "__main__":
    main()
