#!/usr/bin/env python3
"""NumPy references for lax's reduction, cumulative, sort, dot_general and conv primitives.

Writes lax/src/test/resources/ref/reductions.npz, reductions_dot.npz and reductions_conv.npz.
Each case stores its inputs and expected outputs under keys

    op|dtype|params|id|role

where params is `name=value` joined by `&` (ints comma-separated, padding pairs `lo:hi`
comma-separated, layouts dot-separated) and role is `in0`, `in1`, ... or `out0`, `out1`, ...
The Java tests (Reduction*Test, Cumulative*Test, Sort*Test, Dot*Test, Conv*Test) parse the keys,
call the Lax method with those params and compare.

Semantics computed here, independently of the Java code:
  * floats: inputs widened to float64, reduced/accumulated in float64, rounded once to the dtype
    (bfloat16 by round-to-nearest-even of the float32 bits);
  * integers wrap in their width (numpy integer arithmetic with dtype=...);
  * dot/conv convert both operands to the result dtype first;
  * convolution is a direct loop over explicitly dilated and padded arrays.

Run from the repository root: python3 tools/refgen/gen_reductions.py
"""
import os

import numpy as np

OUT = os.path.join("lax", "src", "test", "resources", "ref")
RNG = np.random.default_rng(20261129)

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "bfloat16", "float16", "float32", "float64"]
INTS = [d for d in DTYPES if d.startswith("int") or d.startswith("uint")]
FLOATS = ["bfloat16", "float16", "float32", "float64"]
NUMS = INTS + FLOATS


# ---- bfloat16 helpers (NumPy has no bfloat16: carry bit patterns) ----

def f32_to_bf16_bits(x):
    """Round float32 values to bfloat16 (nearest, ties to even); returns uint16 bits."""
    b = np.asarray(x, np.float32).view(np.uint32).astype(np.uint64)
    nan = np.isnan(np.asarray(x, np.float32))
    rounded = (b + 0x7FFF + ((b >> 16) & 1)) >> 16
    return np.where(nan, np.uint16(0x7FC0), rounded.astype(np.uint16)).astype(np.uint16)


def bf16_bits_to_f64(bits):
    wide = np.asarray(np.asarray(bits, np.uint16).astype(np.uint32) << 16, np.uint32)
    return np.asarray(wide.view(np.float32), np.float64)


class Val:
    """A typed array: numpy data (bf16 kept as float64 of bf16 values) plus the dtype name."""

    def __init__(self, dtype, data):
        self.dtype = dtype
        self.data = data

    def stored(self):
        if self.dtype == "bfloat16":
            bits = f32_to_bf16_bits(np.asarray(self.data).astype(np.float32))
            return np.array(bits, order="C").view("V2")
        return np.array(self.data, dtype=np.dtype(self.dtype), order="C")


def round_to(dtype, x64):
    """float64 values rounded once to a float dtype, returned as float64 (bf16 included)."""
    x64 = np.asarray(x64, np.float64)
    if dtype == "bfloat16":
        # round directly to 8 significant bits, ties to even (no double rounding via float32);
        # normal range only (the cases never produce bfloat16 subnormals)
        m, e = np.frexp(x64)
        r = np.ldexp(np.rint(m * 256.0), e - 8)
        return np.where(np.abs(r) >= 2.0 ** 128, np.copysign(np.inf, x64), r)
    return x64.astype(np.dtype(dtype)).astype(np.float64)


def make(dtype, shape, kind="small"):
    """Random data of a dtype. kind: 'small' (exact in every dtype), 'full' (full int range),
    'rand' (uniform floats in [-1, 1), rounding matters), 'special' (floats with NaN, inf, -0.0 and ties), 'ordered' (as special without -0.0, for
    max/min, where IEEE/XLA order -0.0 below 0.0 but NumPy keeps the first of equal values)."""
    shape = tuple(shape)
    if dtype == "bool":
        return Val(dtype, RNG.integers(0, 2, shape).astype(bool))
    if dtype in INTS:
        info = np.iinfo(np.dtype(dtype))
        if kind == "full":
            return Val(dtype, RNG.integers(info.min, info.max, shape, dtype=np.dtype(dtype),
                                           endpoint=True))
        lo = 0 if dtype.startswith("u") else -4
        return Val(dtype, RNG.integers(lo, 5, shape).astype(np.dtype(dtype)))
    if kind == "rand":
        return Val(dtype, round_to(dtype, RNG.uniform(-1, 1, shape)))
    if kind in ("special", "ordered"):
        pool = np.array([np.nan, -np.inf, np.inf, -0.0, 0.0, 1.5, -2.25, 1.5, 3.0, -1.0])
        if kind == "ordered":
            pool = pool[pool != 0.0]
        return Val(dtype, round_to(dtype, RNG.choice(pool, shape)))
    return Val(dtype, round_to(dtype, RNG.integers(-16, 17, shape) / 4.0))


def as_np(v):
    """A Val's data in a numpy dtype fit to compute with (float64 for all floats)."""
    if v.dtype in FLOATS:
        return np.asarray(v.data, np.float64)
    return np.asarray(v.data, np.dtype(v.dtype))


def finish(dtype, y):
    """A computed result (float64 for floats, numpy ints/bools otherwise) as a Val of dtype."""
    if dtype in FLOATS:
        return Val(dtype, round_to(dtype, y))
    return Val(dtype, np.asarray(y).astype(np.dtype(dtype)))


class Store:
    def __init__(self):
        self.arrays = {}
        self.n = 0

    def add(self, op, dtype, params, ins, outs):
        ptxt = "&".join(f"{k}={v}" for k, v in params.items())
        key = f"{op}|{dtype}|{ptxt}|{self.n}"
        self.n += 1
        for i, v in enumerate(ins):
            self.arrays[f"{key}|in{i}"] = v.stored()
        for i, v in enumerate(outs):
            self.arrays[f"{key}|out{i}"] = v.stored()

    def save(self, name):
        path = os.path.join(OUT, name)
        np.savez_compressed(path, **self.arrays)
        print(path, len(self.arrays), "arrays", os.path.getsize(path), "bytes")


def ints(t):
    return ",".join(str(int(a)) for a in t)


# ---- reductions ----

REDUCE_DTYPES = {
    "reduce_sum": NUMS, "reduce_prod": NUMS, "reduce_max": DTYPES, "reduce_min": DTYPES,
    "reduce_and": ["bool"] + INTS, "reduce_or": ["bool"] + INTS, "reduce_xor": ["bool"] + INTS,
}
FULL_CASES = [((2, 3, 4), (1,)), ((2, 3, 4), (0, 2)), ((2, 3, 4), ()), ((3,), (0,)), ((), ()),
              ((0, 3), (0,)), ((2, 0), (1,)), ((1, 4), (0,)), ((2, 3), (0, 1))]
SHORT_CASES = [((2, 3, 4), (0, 2)), ((0, 3), (0,)), ((), ())]


def identity(op, dtype):
    if op == "reduce_sum" or op in ("reduce_or", "reduce_xor"):
        return 0
    if op == "reduce_prod":
        return 1
    if op == "reduce_and":
        return True if dtype == "bool" else -1
    if dtype in FLOATS:
        return -np.inf if op == "reduce_max" else np.inf
    if dtype == "bool":
        return op == "reduce_min"
    info = np.iinfo(np.dtype(dtype))
    return info.min if op == "reduce_max" else info.max


def reduce_ref(op, v, axes):
    x = as_np(v)
    dt = v.dtype
    out_shape = tuple(d for i, d in enumerate(x.shape) if i not in axes)
    if x.size == 0 or any(x.shape[a] == 0 for a in axes):
        ident = identity(op, dt)
        if dt in INTS and op == "reduce_and":
            return finish(dt, np.full(out_shape, -1, np.int64).astype(np.dtype(dt)))
        return finish(dt, np.full(out_shape, ident, np.float64 if dt in FLOATS else object)
                      .astype(np.float64 if dt in FLOATS else np.dtype(dt)))
    ax = tuple(axes)
    if op == "reduce_sum":
        y = np.sum(x, axis=ax, dtype=x.dtype)
    elif op == "reduce_prod":
        y = np.prod(x, axis=ax, dtype=x.dtype)
    elif op == "reduce_max":
        y = np.max(x, axis=ax) if ax else x
    elif op == "reduce_min":
        y = np.min(x, axis=ax) if ax else x
    elif op == "reduce_and":
        y = np.bitwise_and.reduce(x, axis=ax) if ax else x
    elif op == "reduce_or":
        y = np.bitwise_or.reduce(x, axis=ax) if ax else x
    else:
        y = np.bitwise_xor.reduce(x, axis=ax) if ax else x
    return finish(dt, y)


def gen_reductions(st):
    with np.errstate(over="ignore", invalid="ignore"):
        for op, dts in REDUCE_DTYPES.items():
            for dt in dts:
                cases = FULL_CASES if dt in ("float32", "int32", "bool") else SHORT_CASES
                for shape, axes in cases:
                    kind = "full" if dt in INTS else ("ordered" if op in (
                        "reduce_max", "reduce_min") else "small")
                    v = make(dt, shape, kind)
                    st.add(op, dt, {"axes": ints(axes)}, [v], [reduce_ref(op, v, axes)])
        # random floats: the single rounding of a double accumulation is visible
        for op in ("reduce_sum", "reduce_prod"):
            for dt in FLOATS:
                for shape, axes in [((2, 3, 4), (0, 2)), ((3, 5), (1,))]:
                    v = make(dt, shape, "rand")
                    st.add(op, dt, {"axes": ints(axes)}, [v], [reduce_ref(op, v, axes)])
        # argmax / argmin: ties and NaNs
        for op in ("argmax", "argmin"):
            for dt in DTYPES:
                cases = [((2, 3, 4), 1), ((7,), 0), ((1, 4), 0), ((3, 1), 1)]
                for shape, axis in cases:
                    if dt in FLOATS:
                        v = make(dt, shape, "special")
                    elif dt == "bool":
                        v = make(dt, shape)
                    else:
                        v = Val(dt, RNG.integers(0, 3, shape).astype(np.dtype(dt)))
                    x = as_np(v)
                    y = np.argmax(x, axis=axis) if op == "argmax" else np.argmin(x, axis=axis)
                    idx = "int32" if axis != 1 or dt != "float32" else "uint8"
                    st.add(op, dt, {"axis": axis, "index_dtype": idx}, [v],
                           [Val(idx, y.astype(np.dtype(idx)))])


# ---- cumulative ----

def cum_ref(op, v, axis, reverse):
    x = as_np(v)
    if reverse:
        x = np.flip(x, axis)
    if x.shape[axis] == 0:
        y = x
    elif op == "cumsum":
        y = np.cumsum(x, axis=axis, dtype=x.dtype)
    elif op == "cumprod":
        y = np.cumprod(x, axis=axis, dtype=x.dtype)
    elif op == "cummax":
        y = np.maximum.accumulate(x, axis=axis)
    elif op == "cummin":
        y = np.minimum.accumulate(x, axis=axis)
    else:
        y = np.logaddexp.accumulate(x, axis=axis)
    if reverse:
        y = np.flip(y, axis)
    return finish(v.dtype, y)


def gen_cumulative(st):
    cases = [((2, 5), 1, False), ((2, 5), 1, True), ((4, 3), 0, True), ((3,), 0, False),
             ((0, 3), 0, False), ((1, 3), 0, True)]
    with np.errstate(over="ignore", invalid="ignore"):
        for op in ("cumsum", "cumprod", "cummax", "cummin", "cumlogsumexp"):
            dts = FLOATS if op == "cumlogsumexp" else NUMS
            for dt in dts:
                for shape, axis, rev in cases:
                    if dt in INTS:
                        kind = "full"
                    elif op in ("cummax", "cummin"):
                        kind = "ordered"
                    else:
                        kind = "small"
                    v = make(dt, shape, kind)
                    st.add(op, dt, {"axis": axis, "reverse": int(rev)}, [v],
                           [cum_ref(op, v, axis, rev)])
                if dt in FLOATS:
                    v = make(dt, (3, 6), "rand")
                    st.add(op, dt, {"axis": 1, "reverse": 0}, [v], [cum_ref(op, v, 1, False)])


# ---- sort and top_k ----

def gen_sort(st):
    for dt in DTYPES:
        for shape, dim in [((9,), 0), ((3, 4), 1), ((3, 4), 0), ((0,), 0), ((1, 5), 1)]:
            if dt in FLOATS:
                v = make(dt, shape, "special")
            elif dt in INTS:
                v = make(dt, shape, "full")
            else:
                v = make(dt, shape)
            y = np.sort(as_np(v), axis=dim, kind="stable")
            st.add("sort", dt, {"dim": dim, "num_keys": 1}, [v], [finish(dt, y)])
    # variadic: int key with duplicates, float second key with NaN/-0.0, int payload
    for num_keys in (1, 2):
        for shape, dim in [((8,), 0), ((2, 6), 1)]:
            k1 = Val("int32", RNG.integers(0, 3, shape).astype(np.int32))
            k2 = make("float32", shape, "special")
            payload = Val("int32", np.arange(np.prod(shape), dtype=np.int32).reshape(shape))
            a1, a2, a3 = as_np(k1), as_np(k2), as_np(payload)
            if num_keys == 1:
                perm = np.argsort(a1, axis=dim, kind="stable")
            else:
                perm = np.lexsort((a2, a1), axis=dim)
            outs = [Val(v.dtype, np.take_along_axis(a, perm, axis=dim))
                    for v, a in ((k1, a1), (k2, a2), (payload, a3))]
            outs[1] = finish("float32", outs[1].data)
            st.add("sort_multi", "int32", {"dim": dim, "num_keys": num_keys},
                   [k1, k2, payload], outs)
    # top_k along the last axis, largest first, ties by index
    for dt in ("float32", "int32", "bfloat16", "uint8"):
        for shape, k in [((6,), 3), ((2, 7), 2), ((4,), 0), ((3,), 3)]:
            v = make(dt, shape, "small")
            x = as_np(v)
            perm = np.argsort(-x.astype(np.float64), axis=-1, kind="stable")[..., :k]
            vals = np.take_along_axis(x, perm, axis=-1)
            st.add("top_k", dt, {"k": k}, [v], [finish(dt, vals), Val("int32",
                                                                        perm.astype(np.int32))])


# ---- dot_general ----

RANK = {"bool": (-1, -1, 1, 1)}
for _d in INTS:
    RANK[_d] = (-1, -1, np.iinfo(np.dtype(_d)).bits, 0 if _d.startswith("u") else 1)
RANK.update({"float16": (16, 10, 16, 1), "bfloat16": (128, 7, 16, 1),
             "float32": (128, 23, 32, 1), "float64": (1024, 52, 64, 1)})


def convert(v, target):
    """A Val's values converted to the target dtype (floats round, ints wrap/truncate)."""
    x = as_np(v)
    if target in FLOATS:
        return round_to(target, x.astype(np.float64))
    if target == "bool":
        return x != 0
    if v.dtype in FLOATS:
        x = np.trunc(x).astype(np.int64)
    return x.astype(np.dtype(target))


def dot_ref(lhs, rhs, lc, rc, lb, rb, pref):
    res = lhs.dtype if RANK[lhs.dtype] >= RANK[rhs.dtype] else rhs.dtype
    if pref is not None:
        res = pref
    a = convert(lhs, res)
    b = convert(rhs, res)
    letters = "abcdefghijklmnopqrstuvwxyz"
    la = [None] * a.ndim
    ra = [None] * b.ndim
    it = iter(letters)
    for x, y in zip(lb, rb):
        la[x] = ra[y] = next(it)
    for x, y in zip(lc, rc):
        la[x] = ra[y] = next(it)
    for i in range(a.ndim):
        if la[i] is None:
            la[i] = next(it)
    for i in range(b.ndim):
        if ra[i] is None:
            ra[i] = next(it)
    outl = [la[x] for x in lb] + [la[i] for i in range(a.ndim) if i not in lb and i not in lc] \
        + [ra[i] for i in range(b.ndim) if i not in rb and i not in rc]
    spec = "".join(la) + "," + "".join(ra) + "->" + "".join(outl)
    if res in FLOATS:
        y = np.einsum(spec, a.astype(np.float64), b.astype(np.float64))
    else:
        y = np.einsum(spec, a.astype(np.int64), b.astype(np.int64))
        if res == "bool":
            y = y != 0
    return finish(res, y)


def gen_dot(st):
    def case(lhs, rhs, lc, rc, lb=(), rb=(), pref=None):
        params = {"lc": ints(lc), "rc": ints(rc), "lb": ints(lb), "rb": ints(rb)}
        if pref:
            params["pref"] = pref
        dt = lhs.dtype if lhs.dtype == rhs.dtype else lhs.dtype + "+" + rhs.dtype
        st.add("dot_general", dt, params, [lhs, rhs], [dot_ref(lhs, rhs, lc, rc, lb, rb, pref)])

    with np.errstate(over="ignore"):
        for dt in DTYPES:
            kind = "full" if dt in INTS else "small"
            case(make(dt, (3, 4), kind), make(dt, (4, 5), kind), (1,), (0,))
        for dt in FLOATS:
            case(make(dt, (3, 6), "rand"), make(dt, (6, 2), "rand"), (1,), (0,))
        for dt in ("float32", "int32", "bfloat16"):
            case(make(dt, (2, 3, 4)), make(dt, (2, 4, 5)), (2,), (1,), (0,), (0,))
            case(make(dt, (4,)), make(dt, (4,)), (0,), (0,))
            case(make(dt, (3, 4)), make(dt, (4,)), (1,), (0,))
            case(make(dt, (2, 3, 4)), make(dt, (3, 4, 5)), (1, 2), (0, 1))
            case(make(dt, (2, 3)), make(dt, (4,)), (), ())
            case(make(dt, (3, 2, 4)), make(dt, (4, 2, 5)), (2,), (0,), (1,), (1,))
            case(make(dt, (3, 0)), make(dt, (0, 2)), (1,), (0,))
            case(make(dt, (4, 3)), make(dt, (2, 4)), (0,), (1,))
        # mixed dtypes: the higher-ranked dtype wins, the other is converted to it first
        for a, b in [("float32", "int32"), ("bfloat16", "float16"), ("int8", "int32"),
                     ("uint8", "int8"), ("uint32", "int32"), ("bool", "int8"),
                     ("float16", "uint8"), ("float64", "float32")]:
            case(make(a, (2, 3), "full"), make(b, (3, 2), "full"), (1,), (0,))
        # preferred element types
        for a, pref in [("int8", "int32"), ("float16", "float32"), ("bfloat16", "float32"),
                        ("int32", "float32"), ("uint8", "uint32"), ("bool", "int32")]:
            case(make(a, (2, 3)), make(a, (3, 2)), (1,), (0,), pref=pref)


# ---- conv_general_dilated ----

def conv_perms(dn, nd):
    """(lhs_perm, rhs_perm, out_perm) as in JAX's conv_general_permutations."""
    if dn is None:
        p = tuple(range(nd))
        return p, p, p
    lhs, rhs, out = dn
    def getperm(spec, pair):
        spatial = [i for i, c in enumerate(spec) if c not in pair]
        if spec is not rhs:
            spatial = sorted(spatial, key=lambda i: rhs.index(spec[i]))
        return (spec.index(pair[0]), spec.index(pair[1])) + tuple(spatial)
    return getperm(lhs, "NC"), getperm(rhs, "OI"), getperm(out, "NC")


def resolve_padding(pad, in_sp, k_eff, strides):
    if not isinstance(pad, str):
        return [tuple(p) for p in pad]
    out = []
    for i, k, s in zip(in_sp, k_eff, strides):
        if pad == "VALID":
            out.append((0, 0))
            continue
        o = -(-i // s)
        total = max((o - 1) * s + k - i, 0)
        out.append((total // 2, total - total // 2) if pad == "SAME"
                   else (total - total // 2, total // 2))
    return out


def conv_ref(lhs, rhs, strides, pad, ld, rd, dn, g, bg, pref):
    nd = lhs.data.ndim
    n = nd - 2
    res = pref if pref else lhs.dtype
    lp, rp, op = conv_perms(dn, nd)
    x = np.transpose(convert(lhs, res), lp)   # N C spatial...
    w = np.transpose(convert(rhs, res), rp)   # O I spatial...
    ld = ld or (1,) * n
    rd = rd or (1,) * n
    k_eff = [(k - 1) * r + 1 for k, r in zip(w.shape[2:], rd)]
    pads = resolve_padding(pad, x.shape[2:], k_eff, strides)
    calc = np.float64 if res in FLOATS else np.int64
    x = x.astype(calc)
    w = w.astype(calc)
    # dilate lhs: insert zeros
    xs = [x.shape[0], x.shape[1]] + [(d - 1) * f + 1 if d > 0 else 0 for d, f in zip(x.shape[2:], ld)]
    xd = np.zeros(xs, calc)
    xd[(slice(None), slice(None)) + tuple(slice(None, None, f) for f in ld)] = x
    # pad (negative pads crop)
    for i, (lo, hi) in enumerate(pads):
        ax = 2 + i
        if lo < 0:
            xd = np.take(xd, range(-lo, xd.shape[ax]), axis=ax)
        if hi < 0:
            xd = np.take(xd, range(0, xd.shape[ax] + hi), axis=ax)
        widths = [(0, 0)] * xd.ndim
        widths[ax] = (max(lo, 0), max(hi, 0))
        xd = np.pad(xd, widths)
    # dilate kernel
    ws = list(w.shape[:2]) + k_eff
    wd = np.zeros(ws, calc)
    wd[(slice(None), slice(None)) + tuple(slice(None, None, f) for f in rd)] = w
    N, C = xd.shape[:2]
    O, I = wd.shape[:2]
    out_sp = [max((p - k) // s + 1, 0) for p, k, s in zip(xd.shape[2:], k_eff, strides)]
    groups = max(g, bg)
    out = np.zeros([N // bg, O] + out_sp, calc)
    for o in range(O):
        grp = o // (O // groups)
        for b in range(N // bg):
            xb = xd[grp * (N // bg) + b] if bg > 1 else xd[b]
            xc = xb[grp * I:(grp + 1) * I] if g > 1 else xb
            for pos in np.ndindex(*out_sp):
                sl = tuple(slice(p * s, p * s + k) for p, s, k in zip(pos, strides, k_eff))
                out[(b, o) + pos] = np.sum(xc[(slice(None),) + sl] * wd[o])
    y = np.transpose(out, np.argsort(op))
    if res == "bool":
        y = y != 0
    return finish(res, y), pads


def gen_conv(st):
    def case(lhs, rhs, strides, pad, ld=None, rd=None, dn=None, g=1, bg=1, pref=None):
        y, _ = conv_ref(lhs, rhs, strides, pad, ld, rd, dn, g, bg, pref)
        params = {"s": ints(strides),
                  "pad": pad if isinstance(pad, str) else ",".join(f"{a}:{b}" for a, b in pad)}
        if ld:
            params["ld"] = ints(ld)
        if rd:
            params["rd"] = ints(rd)
        if dn:
            params["dn"] = ".".join(dn)
        if g != 1:
            params["g"] = g
        if bg != 1:
            params["bg"] = bg
        if pref:
            params["pref"] = pref
        st.add("conv", lhs.dtype, params, [lhs, rhs], [y])

    f = "float32"
    with np.errstate(over="ignore"):
        case(Val(f, np.array([1., 2., 1.]).reshape(1, 1, 3)), Val(f, np.ones((1, 1, 10))),
             (1,), [(9, 9)])
        case(make(f, (1, 3, 8, 8)), make(f, (4, 3, 3, 3)), (2, 2), "SAME")
        case(make(f, (1, 8, 8, 3)), make(f, (3, 3, 3, 4)), (1, 1), "VALID", rd=(2, 2),
             dn=("NHWC", "HWIO", "NHWC"))
        case(make(f, (1, 4, 5)), make(f, (6, 2, 3)), (1,), [(1, 1)], g=2)
        case(make(f, (2, 3, 5, 5)), make(f, (6, 1, 2, 2)), (1, 1), "SAME_LOWER", g=3)
        case(make(f, (2, 3, 6, 5)), make(f, (6, 1, 3, 2)), (2, 1), "SAME", g=3)
        case(make(f, (4, 2, 5)), make(f, (6, 2, 3)), (1,), [(0, 0)], bg=2)
        case(make(f, (4, 2, 5)), make(f, (4, 2, 3)), (1,), [(1, 0)], bg=4)
        case(make(f, (1, 2, 4)), make(f, (3, 2, 3)), (1,), [(1, 2)], ld=(2,))
        case(make(f, (1, 2, 4)), make(f, (3, 2, 2)), (2,), [(0, 3)], ld=(3,), rd=(2,))
        case(make(f, (1, 2, 4, 3, 3)), make(f, (2, 2, 2, 2, 2)), (1, 2, 1),
             [(1, 0), (0, 1), (1, 1)], rd=(1, 1, 2))
        case(make(f, (1, 1, 6)), make(f, (1, 1, 2)), (1,), [(-1, -2)])
        case(make(f, (2, 3, 5, 4)), make(f, (2, 3, 3, 4)), (1, 2), [(1, 1), (0, 2)],
             dn=("NCHW", "HWIO", "NHWC"))
        case(make(f, (2, 5, 4, 3)), make(f, (3, 2, 3, 2)), (1, 1), "SAME",
             dn=("NWHC", "OWIH", "CNHW"))
        case(make(f, (2, 3)), make(f, (4, 3)), (), [])
        case(make(f, (1, 1, 2)), make(f, (1, 1, 3)), (1,), "VALID")
        case(make(f, (0, 2, 4)), make(f, (3, 2, 2)), (1,), "SAME")
        case(make(f, (1, 2, 7)), make(f, (2, 2, 3)), (3,), "SAME", rd=(2,))
        for dt in DTYPES:
            kind = "full" if dt in INTS else "small"
            case(make(dt, (2, 2, 5), kind), make(dt, (3, 2, 2), kind), (2,), [(1, 0)])
        for dt in FLOATS:
            case(make(dt, (1, 3, 6), "rand"), make(dt, (2, 3, 3), "rand"), (1,), "SAME")
        for a, pref in [("int8", "int32"), ("float16", "float32"), ("bfloat16", "float32"),
                        ("int16", "float32"), ("bool", "int8")]:
            case(make(a, (1, 2, 5)), make(a, (2, 2, 2)), (1,), "SAME", pref=pref)


def main():
    os.makedirs(OUT, exist_ok=True)
    st = Store()
    gen_reductions(st)
    gen_cumulative(st)
    gen_sort(st)
    st.save("reductions.npz")
    st = Store()
    gen_dot(st)
    st.save("reductions_dot.npz")
    st = Store()
    gen_conv(st)
    st.save("reductions_conv.npz")


if __name__ == "__main__":
    main()
