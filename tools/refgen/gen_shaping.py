#!/usr/bin/env python3
"""Reference values for lax's shaping, slicing, gather and scatter primitives.

Writes lax/src/test/resources/ref/shaping.npz, compactly: the elements of every array of one
dtype are concatenated into ``pool_<dtype>`` (1-D), and ``spec`` holds, as UTF-8 bytes, a JSON
list of cases ``{"op", "dtype", "params", "ins", "out"}`` where each array is
``[dtype, offset, shape]`` into its pool. Params are the primitive's integer params by JAX name
(absent ``strides``/``dimensions`` mean None; gather/scatter dimension numbers are spelled out
by field; ``mode`` is 0 CLIP, 1 FILL_OR_DROP, 2 PROMISE_IN_BOUNDS).
Results come from NumPy idioms (broadcast_to, transpose, flip, slicing, concatenate, fancy
indexing, take_along_axis, ufunc.at) or, for window scatters, from a plain loop over the
windows. Float values are small integers, so every dtype (bfloat16 included, stored as bit
patterns with descriptor <V2) represents them and every sum or product exactly.

Run from the repository root: python3 tools/refgen/gen_shaping.py
"""

import json
import os

import numpy as np

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "bfloat16", "float16", "float32", "float64"]
CLIP, FILL, PROMISE = 0, 1, 2

rng = np.random.default_rng(20261129)


def np_dtype(name):
    return np.float32 if name == "bfloat16" else np.dtype(name)


def values(shape, dtype, lo=-20, hi=20):
    """Random values of ``dtype`` (bfloat16 as float32 holding bf16-exact values)."""
    if dtype == "bool":
        return rng.integers(0, 2, size=shape).astype(bool)
    if dtype.startswith("uint"):
        v = rng.integers(0, hi if hi > 0 else 20, size=shape).astype(dtype)
        if dtype == "uint64" and v.size > 1:
            v.flat[0] = np.uint64(2**64 - 3)  # past 2^63: unsigned compares and wrapping
        return v
    return rng.integers(lo, hi, size=shape).astype(np_dtype(dtype))


def store(dtype, a):
    a = np.asarray(a)
    if dtype == "bfloat16":
        f = np.asarray(a, dtype=np.float32)
        bits = f.view(np.uint32)
        # round to nearest even (values here are exact, so this only drops zero bits)
        bits = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
        return bits.view("V2")
    return a.astype(np_dtype(dtype))


pools = {}
cases = []


def put(dtype, a):
    a = store(dtype, a)
    pool = pools.setdefault(dtype, [])
    offset = sum(x.size for x in pool)
    pool.append(a.reshape(-1))
    return [dtype, int(offset), [int(d) for d in a.shape]]


def case(op, dtype, ins, res, in_dtypes=None, **params):
    spec = {"op": op, "dtype": dtype, "params": {}, "ins": [], "out": None}
    for i, a in enumerate(ins):
        d = dtype if in_dtypes is None or in_dtypes[i] is None else in_dtypes[i]
        spec["ins"].append(put(d, a))
    spec["out"] = put(dtype, res)
    for name, v in params.items():
        if v is not None:
            spec["params"][name] = np.asarray(v, dtype=np.int64).tolist()
    cases.append(spec)


def bid_ref(x, shape, bd):
    expanded = [1] * len(shape)
    for i, d in enumerate(bd):
        expanded[d] = x.shape[i]
    return np.broadcast_to(x.reshape(expanded), shape).copy()


def pad_ref(x, value, config):
    shape = [lo + hi + (0 if d == 0 else (d - 1) * (it + 1) + 1)
             for (lo, hi, it), d in zip(config, x.shape)]
    res = np.full(shape, value, dtype=x.dtype)
    coords = []
    keep = []
    for (lo, hi, it), d, n in zip(config, x.shape, shape):
        c = lo + np.arange(d) * (it + 1)
        k = (c >= 0) & (c < n)
        coords.append(c[k])
        keep.append(np.nonzero(k)[0])
    if all(len(c) for c in coords) or x.ndim == 0:
        res[np.ix_(*coords)] = x[np.ix_(*keep)]
    return res


def clamp_start(i, dim, size):
    return int(min(max(i, 0), dim - size))


def fill_value(dtype):
    if dtype == "bool":
        return True
    if dtype.startswith("int"):
        return np.iinfo(dtype).min
    if dtype.startswith("uint"):
        return np.iinfo(dtype).max
    return np.nan


def shaping_cases(dt):
    # broadcast_in_dim
    for xs, shape, bd in [((3,), (2, 3), (1,)), ((), (2, 2), ()), ((2, 1), (2, 4), (0, 1)),
                          ((1, 3), (2, 4, 3), (0, 2)), ((0,), (2, 0), (1,)), ((), (), ()),
                          ((3,), (3, 1), (0,))]:
        x = values(xs, dt)
        case("broadcast_in_dim", dt, [x], bid_ref(x, shape, bd), shape=shape,
             broadcast_dimensions=bd)
    # reshape
    for xs, new, dims in [((3, 4), (4, 3), None), ((3, 4), (12,), None), ((2, 3), (3, 2), (1, 0)),
                          ((), (1, 1), None), ((1,), (), None), ((0, 3), (3, 0), None),
                          ((2, 3, 2), (4, 3), (2, 0, 1))]:
        x = values(xs, dt)
        r = (np.transpose(x, dims) if dims else x).reshape(new)
        case("reshape", dt, [x], r, new_sizes=new, dimensions=dims)
    # transpose
    for xs, perm in [((2, 3), (1, 0)), ((2, 3, 4), (2, 0, 1)), ((), ()), ((0, 2), (1, 0)),
                     ((3,), (0,))]:
        x = values(xs, dt)
        case("transpose", dt, [x], np.transpose(x, perm), permutation=perm)
    # squeeze
    for xs, dims in [((1, 3, 1), (0, 2)), ((1,), (0,)), ((2, 1), (1,)), ((0, 1), (1,)),
                     ((3,), ())]:
        x = values(xs, dt)
        case("squeeze", dt, [x], np.squeeze(x, axis=dims), dimensions=dims)
    # rev
    for xs, dims in [((5,), (0,)), ((2, 3), (0, 1)), ((2, 3), (1,)), ((), ()), ((0, 2), (1,))]:
        x = values(xs, dt)
        case("rev", dt, [x], np.flip(x, axis=dims) if dims else x.copy(), dimensions=dims)
    # concatenate
    for shapes, dim in [([(2, 3), (2, 4)], 1), ([(1, 2), (3, 2), (0, 2)], 0), ([(4,)], 0),
                        ([(2, 0), (2, 3)], 1)]:
        xs = [values(s, dt) for s in shapes]
        case("concatenate", dt, xs, np.concatenate(xs, axis=dim), dimension=dim)
    # pad
    for xs, config in [((3,), [(1, 2, 0)]), ((3,), [(1, 2, 1)]), ((2, 3), [(0, 1, 0), (2, 0, 2)]),
                       ((5,), [(-2, -1, 0)]), ((4,), [(-1, 1, 1)]), ((), []),
                       ((0,), [(1, 1, 3)]), ((2, 2), [(-2, 0, 0), (1, 1, 0)])]:
        x = values(xs, dt)
        v = values((), dt)
        case("pad", dt, [x, v], pad_ref(x, v, config),
             padding_config=np.array(config, dtype=np.int64).reshape(len(config), 3))
    # iota (numeric only)
    if dt != "bool":
        for shape, dim in [((4,), 0), ((2, 3), 1), ((2, 3), 0), ((0, 2), 1), ((3, 1, 2), 2)]:
            case("iota", dt, [], np.indices(shape)[dim], shape=shape, dimension=dim)


def slicing_cases(dt):
    for xs, start, limit, strides in [((4, 3), (1, 0), (3, 3), None),
                                      ((4, 3), (0, 0), (4, 3), (2, 1)),
                                      ((7,), (1,), (7,), (3,)), ((5,), (2,), (2,), None),
                                      ((), (), (), None), ((3, 4), (0, 1), (3, 4), (2, 2)),
                                      ((0, 3), (0, 1), (0, 2), None)]:
        x = values(xs, dt)
        sl = tuple(slice(s, l, 1 if strides is None else st)
                   for s, l, st in zip(start, limit, strides or (1,) * len(start)))
        case("slice", dt, [x], x[sl], start_indices=start, limit_indices=limit, strides=strides)
    idx_types = ["int32", "int64", "uint8", "int8", "uint64"]
    ds_cases = [((5,), (4,), (2,)), ((5,), (1,), (2,)), ((4, 3), (1, 0), (2, 3)),
                ((4, 3), (3, 2), (2, 2)), ((5,), (0,), (0,)), ((), (), ()), ((3,), (200,), (1,)),
                ((5,), (-3,), (2,))]
    for k, (xs, starts, sizes) in enumerate(ds_cases):
        it = idx_types[k % len(idx_types)]
        if any(s < 0 for s in starts) and it.startswith("u"):
            it = "int32"
        x = values(xs, dt)
        cs = [clamp_start(s, d, z) for s, d, z in zip(starts, xs, sizes)]
        r = x[tuple(slice(c, c + z) for c, z in zip(cs, sizes))]
        case("dynamic_slice", dt, [x] + [np.asarray(s, dtype=it) for s in starts], r,
             in_dtypes=[None] + [it] * len(starts), slice_sizes=sizes)
    for k, (xs, us, starts) in enumerate([((5,), (2,), (4,)), ((5,), (2,), (1,)),
                                          ((4, 3), (2, 2), (1, 1)), ((4, 3), (4, 3), (2, 2)),
                                          ((3,), (0,), (1,)), ((), (), ()), ((4,), (1,), (100,))]):
        it = ["int32", "int64", "uint16", "int16"][k % 4]
        x = values(xs, dt)
        u = values(us, dt)
        cs = [clamp_start(s, d, z) for s, d, z in zip(starts, xs, us)]
        r = x.copy()
        r[tuple(slice(c, c + z) for c, z in zip(cs, us))] = u
        case("dynamic_update_slice", dt, [x, u] + [np.asarray(s, dtype=it) for s in starts], r,
             in_dtypes=[None, None] + [it] * len(starts))


def gather_cases(dt):
    idx_types = ["int32", "int64", "int8", "uint32", "uint64", "int16"]
    k = 0
    for mode in (CLIP, FILL, PROMISE):
        def nxt():
            nonlocal k
            k += 1
            return idx_types[k % len(idx_types)]

        def ind(v, it):
            v = np.asarray(v)
            if it.startswith("u"):
                v = np.where(v < 0, np.iinfo(it).max if it != "uint64" else 2**64 - 1, v)
                return v.astype(np.uint64).astype(it)
            return v.astype(it)

        def rows_ref(x, iv, size_rest, axis_len, slice_len=1):
            """Gathers slices of length slice_len along axis 0 at each start in iv."""
            res = []
            for i in iv:
                i = int(i)
                if mode == FILL and (i < 0 or i > axis_len - slice_len):
                    res.append(np.full((slice_len,) + size_rest, fill_value(dt),
                                       dtype=np_dtype(dt)))
                else:
                    c = clamp_start(i, axis_len, slice_len)
                    res.append(x[c:c + slice_len])
            return res

        # x[idx] on a 2-D array: row gather
        x = values((4, 3), dt)
        iv = [1, 10, -1, 3, 0]
        it = nxt()
        ii = ind(iv, it)
        ivs = [int(v) if not it.startswith("u") else int(np.uint64(v)) for v in ii]
        r = np.stack([s[0] for s in rows_ref(x, ivs, (3,), 4)])
        case("gather", dt, [x, ii.reshape(5, 1)], r, in_dtypes=[None, it], offset_dims=(1,),
             collapsed_slice_dims=(0,), start_index_map=(0,), operand_batching_dims=(),
             start_indices_batching_dims=(), slice_sizes=(1, 3), mode=mode)
        # 1-D x[jnp.array([10, -10, -1, 2])] (after normalization: [10, -10, 4, 2])
        x = values((5,), dt)
        iv = [10, -10, 4, 2]
        r = np.stack([s[0] for s in rows_ref(x, iv, (), 5)])
        case("gather", dt, [x, np.array(iv, dtype=np.int32).reshape(4, 1)], r,
             in_dtypes=[None, "int32"], offset_dims=(), collapsed_slice_dims=(0,),
             start_index_map=(0,), operand_batching_dims=(), start_indices_batching_dims=(),
             slice_sizes=(1,), mode=mode)
        # windows of 2 from a 1-D array (offset dim kept, nothing collapsed)
        x = values((6,), dt)
        iv = [0, 5, 3, -2]
        r = np.stack(rows_ref(x, iv, (), 6, 2))
        case("gather", dt, [x, np.array(iv, dtype=np.int64).reshape(4, 1)], r,
             in_dtypes=[None, "int64"], offset_dims=(1,), collapsed_slice_dims=(),
             start_index_map=(0,), operand_batching_dims=(), start_indices_batching_dims=(),
             slice_sizes=(2,), mode=mode)
        # point gather x[i, j] with indices of shape (2, 2, 2)
        x = values((3, 4), dt)
        ij = np.array([[[0, 1], [2, 3]], [[5, 0], [1, -1]]])
        res = np.empty((2, 2), dtype=np_dtype(dt))
        for a in range(2):
            for b in range(2):
                i, j = ij[a, b]
                if mode == FILL and not (0 <= i < 3 and 0 <= j < 4):
                    res[a, b] = fill_value(dt)
                else:
                    res[a, b] = x[clamp_start(i, 3, 1), clamp_start(j, 4, 1)]
        case("gather", dt, [x, ij.astype(np.int32)], res, in_dtypes=[None, "int32"],
             offset_dims=(), collapsed_slice_dims=(0, 1), start_index_map=(0, 1),
             operand_batching_dims=(), start_indices_batching_dims=(), slice_sizes=(1, 1),
             mode=mode)
        # x[:, idx]: columns, offset dim first
        x = values((2, 5), dt)
        iv = [4, 0, 7]
        cols = rows_ref(x.T, iv, (2,), 5)
        r = np.stack([c[0] for c in cols], axis=1)
        case("gather", dt, [x, np.array(iv, dtype=np.uint8).reshape(3, 1)], r,
             in_dtypes=[None, "uint8"], offset_dims=(0,), collapsed_slice_dims=(1,),
             start_index_map=(1,), operand_batching_dims=(), start_indices_batching_dims=(),
             slice_sizes=(2, 1), mode=mode)
        # take_along_axis: batching dims
        x = values((2, 3), dt)
        iv = np.array([[2, 0], [5, 1]])
        res = np.empty((2, 2), dtype=np_dtype(dt))
        for a in range(2):
            for b in range(2):
                j = iv[a, b]
                if mode == FILL and not 0 <= j < 3:
                    res[a, b] = fill_value(dt)
                else:
                    res[a, b] = np.take_along_axis(x, np.array([[clamp_start(j, 3, 1)]] * 2),
                                                   axis=1)[a, 0]
        case("gather", dt, [x, iv.reshape(2, 2, 1).astype(np.int32)], res,
             in_dtypes=[None, "int32"], offset_dims=(), collapsed_slice_dims=(1,),
             start_index_map=(1,), operand_batching_dims=(0,), start_indices_batching_dims=(0,),
             slice_sizes=(1, 1), mode=mode)
        # a single index vector (indices of shape (1,)) and empty indices
        x = values((3, 2), dt)
        r = rows_ref(x, [2], (2,), 3)[0][0]
        case("gather", dt, [x, np.array([2], dtype=np.int32)], r, in_dtypes=[None, "int32"],
             offset_dims=(0,), collapsed_slice_dims=(0,), start_index_map=(0,),
             operand_batching_dims=(), start_indices_batching_dims=(), slice_sizes=(1, 2),
             mode=mode)
        case("gather", dt, [x, np.zeros((0, 1), dtype=np.int32)], np.zeros((0, 2), np_dtype(dt)),
             in_dtypes=[None, "int32"], offset_dims=(1,), collapsed_slice_dims=(0,),
             start_index_map=(0,), operand_batching_dims=(), start_indices_batching_dims=(),
             slice_sizes=(1, 2), mode=mode)


def scatter_cases(dt):
    ops = ["scatter", "scatter-min", "scatter-max"]
    if dt != "bool":
        ops += ["scatter-add", "scatter-mul", "scatter-sub"]
    ufunc = {"scatter-add": np.add, "scatter-mul": np.multiply, "scatter-sub": np.subtract,
             "scatter-min": np.minimum, "scatter-max": np.maximum}
    for op in ops:
        small = op == "scatter-mul"
        lo, hi = (-3, 4) if small else (-20, 20)
        for mode in (FILL, CLIP, PROMISE):
            def apply(res, at, upd):
                if op == "scatter":
                    res[at] = upd
                else:
                    ufunc[op].at(res, at, upd)

            # 1-D x.at[idx].op(updates) with duplicates and out-of-bounds indices
            x = values((5,), dt, lo, hi)
            iv = [0, 0, 3, 10, -1, 3]
            u = values((6,), dt, lo, hi)
            res = x.copy()
            for i, v in zip(iv, u):
                if mode == CLIP:
                    i = clamp_start(i, 5, 1)
                elif not 0 <= i < 5:
                    continue
                apply(res, (i,), v)
            case(op, dt, [x, np.array(iv, np.int32).reshape(6, 1), u], res,
                 in_dtypes=[None, "int32", None], update_window_dims=(),
                 inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,),
                 operand_batching_dims=(), scatter_indices_batching_dims=(), mode=mode)
            # rows of a 2-D array: x.at[idx].op(rows), int64 indices
            x = values((3, 2), dt, lo, hi)
            iv = [2, 5, 2]
            u = values((3, 2), dt, lo, hi)
            res = x.copy()
            for i, row in zip(iv, u):
                if mode == CLIP:
                    i = clamp_start(i, 3, 1)
                elif not 0 <= i < 3:
                    continue
                for j in range(2):
                    apply(res, (i, j), row[j])
            case(op, dt, [x, np.array(iv, np.int64).reshape(3, 1), u], res,
                 in_dtypes=[None, "int64", None], update_window_dims=(1,),
                 inserted_window_dims=(0,), scatter_dims_to_operand_dims=(0,),
                 operand_batching_dims=(), scatter_indices_batching_dims=(), mode=mode)
            # windows of 2 in a 1-D array: a window partly out of bounds is dropped whole
            x = values((5,), dt, lo, hi)
            iv = [0, 4, 1, 3]
            u = values((4, 2), dt, lo, hi)
            res = x.copy()
            for i, w in zip(iv, u):
                if mode == CLIP:
                    i = clamp_start(i, 5, 2)
                elif not 0 <= i <= 3:
                    continue
                for j in range(2):
                    apply(res, (i + j,), w[j])
            case(op, dt, [x, np.array(iv, np.uint8).reshape(4, 1), u], res,
                 in_dtypes=[None, "uint8", None], update_window_dims=(1,),
                 inserted_window_dims=(), scatter_dims_to_operand_dims=(0,),
                 operand_batching_dims=(), scatter_indices_batching_dims=(), mode=mode)
            # batched points (put_along_axis-like)
            x = values((2, 3), dt, lo, hi)
            iv = np.array([[1, 1], [0, 7]])
            u = values((2, 2), dt, lo, hi)
            res = x.copy()
            for a in range(2):
                for b in range(2):
                    j = iv[a, b]
                    if mode == CLIP:
                        j = clamp_start(j, 3, 1)
                    elif not 0 <= j < 3:
                        continue
                    apply(res, (a, j), u[a, b])
            case(op, dt, [x, iv.reshape(2, 2, 1).astype(np.int32), u], res,
                 in_dtypes=[None, "int32", None], update_window_dims=(),
                 inserted_window_dims=(1,), scatter_dims_to_operand_dims=(1,),
                 operand_batching_dims=(0,), scatter_indices_batching_dims=(0,), mode=mode)
        # empty updates and a 0-d-window scatter into a 0-size-free operand
        x = values((3,), dt, lo, hi)
        case(op, dt, [x, np.zeros((0, 1), np.int32), values((0,), dt, lo, hi)], x,
             in_dtypes=[None, "int32", None], update_window_dims=(), inserted_window_dims=(0,),
             scatter_dims_to_operand_dims=(0,), operand_batching_dims=(),
             scatter_indices_batching_dims=(), mode=FILL)


def main():
    for dt in DTYPES:
        shaping_cases(dt)
        slicing_cases(dt)
        gather_cases(dt)
        scatter_cases(dt)
    path = os.path.join("lax", "src", "test", "resources", "ref", "shaping.npz")
    arrays = {"pool_" + d: np.concatenate(v) for d, v in pools.items()}
    arrays["spec"] = np.frombuffer(json.dumps(cases, separators=(",", ":")).encode(), np.uint8)
    np.savez_compressed(path, **arrays)
    print(f"wrote {len(cases)} cases to {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
