#!/usr/bin/env python3
"""NumPy references for jnp's linear algebra, einsum, convolution and linalg.norm.

Writes numpy/src/test/resources/ref/numpy_linalg_{products,einsum,matrix,conv,norm}.npz. Each case stores its inputs and the
expected value under keys

    op|params|dtypes|id|role

op is the Jnp function (dot, matmul, vdot, inner, outer, tensordot, einsum, trace, diag,
diagonal, tril, triu, convolve, correlate, norm); params its static arguments (the einsum
subscripts; `k=1`, `axes=2`, `axes=1.2:0.1` (lists of x and y), `offset=1&axis1=0&axis2=2`,
`mode=same`, `ord=inf&axis=1&keepdims=1`; `-` for none); dtypes the input dtypes joined by
`,`; role `in0`, `in1`, ... or `out`.

Inputs are stored in their own dtype (bfloat16 as its bit pattern, `<V2`); the expected value
is computed by NumPy in float64 from the inputs (bool results are the OR of ANDs: the Java test
compares `out != 0`). The Java tests (Linalg*Test, Einsum*Test, Convolve*Test) derive the
expected result dtype from JAX's promotion rules and compare values after casting to double.

Run from the repository root: python3 tools/refgen/gen_numpy_linalg.py
"""
import os

import numpy as np

np.seterr(divide="ignore")

OUT_DIR = os.path.join("numpy", "src", "test", "resources", "ref")
RNG = np.random.default_rng(20261129)

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "bfloat16", "float16", "float32", "float64"]
MIXED = [("int8", "uint8"), ("int32", "float32"), ("bool", "float32"), ("bfloat16", "float32"),
         ("float16", "bfloat16"), ("int16", "bool"), ("uint8", "float16")]
FLOATS = ["bfloat16", "float16", "float32", "float64"]


def f32_to_bf16_bits(x):
    b = np.asarray(x, np.float32).view(np.uint32).astype(np.uint64)
    rounded = (b + 0x7FFF + ((b >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def bf16_bits_to_f64(bits):
    wide = np.asarray(np.asarray(bits, np.uint16).astype(np.uint32) << 16, np.uint32)
    return np.asarray(wide.view(np.float32), np.float64)


def make(dtype, shape, kind="small"):
    """An input of `dtype`: small integers (exact in every dtype), or normal floats."""
    if dtype == "bool":
        return RNG.random(shape) < 0.5
    if kind == "normal" and dtype in FLOATS:
        data = RNG.standard_normal(shape)
    elif dtype.startswith("uint"):
        data = RNG.integers(0, 4, shape)
    else:
        data = RNG.integers(-3, 4, shape)
    if dtype == "bfloat16":
        return f32_to_bf16_bits(np.asarray(data, np.float32))
    return np.asarray(data, dtype)


def as_f64(x, dtype):
    if dtype == "bfloat16":
        return bf16_bits_to_f64(x)
    return np.asarray(x, np.float64)


def stored(x, dtype):
    if dtype == "bfloat16":
        return np.asarray(x, np.uint16).view("V2")
    return x


CASES = {}


def flush(name):
    """Writes the cases collected so far to numpy_linalg_<name>.npz and starts afresh."""
    out = os.path.join(OUT_DIR, "numpy_linalg_%s.npz" % name)
    np.savez_compressed(out, **CASES)
    print("wrote", out, len(CASES), "arrays,", os.path.getsize(out), "bytes")
    CASES.clear()


def add(op, params, dtypes, idx, inputs, out):
    key = "|".join([op, params, ",".join(dtypes), str(idx)])
    for i, (x, d) in enumerate(zip(inputs, dtypes)):
        CASES[key + "|in%d" % i] = np.array(stored(x, d), order="C")
    CASES[key + "|out"] = np.array(out, np.float64, order="C")


def case(op, params, dtypes, shapes, fn, kind="small"):
    xs = [make(d, s, kind) for d, s in zip(dtypes, shapes)]
    fs = [as_f64(x, d) for x, d in zip(xs, dtypes)]
    idx = sum(1 for k in CASES if k.startswith("|".join([op, params, ",".join(dtypes)]) + "|")
              and k.endswith("|out"))
    add(op, params, dtypes, idx, xs, fn(*fs))


def pairs():
    return [(d, d) for d in DTYPES] + MIXED


# ---- dot / matmul / vdot / inner / outer / tensordot ----
for da, db in pairs():
    for sa, sb in [((3, 4), (4,)), ((3, 4), (4, 5)), ((4,), (4,)), ((), (3,)), ((2, 3), ()),
                   ((2, 3, 4), (5, 4, 2)), ((0, 4), (4, 3)), ((3, 0), (0, 2))]:
        case("dot", "-", [da, db], [sa, sb], np.dot)
    for sa, sb in [((3, 4), (4, 5)), ((4,), (4, 5)), ((3, 4), (4,)), ((4,), (4,)),
                   ((2, 3, 4), (2, 4, 5)), ((1, 3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)),
                   ((2, 3, 4), (4,)), ((4,), (2, 4, 3)), ((0, 3, 4), (4, 2))]:
        case("matmul", "-", [da, db], [sa, sb], np.matmul)
    case("vdot", "-", [da, db], [(2, 3), (3, 2)], np.vdot)
    case("inner", "-", [da, db], [(2, 3), (5, 3)], np.inner)
    case("inner", "-", [da, db], [(), (2, 3)], np.inner)
    case("outer", "-", [da, db], [(3,), (2, 2)], np.outer)
    case("tensordot", "axes=2", [da, db], [(2, 3, 4), (3, 4, 5)], lambda a, b: np.tensordot(a, b, 2))
    case("tensordot", "axes=0", [da, db], [(2,), (3,)], lambda a, b: np.tensordot(a, b, 0))
    case("tensordot", "axes=1.2:0.2", [da, db], [(2, 3, 5), (3, 4, 5)],
         lambda a, b: np.tensordot(a, b, ([1, 2], [0, 2])))
    case("tensordot", "axes=-1:0", [da, db], [(2, 3), (3, 4)],
         lambda a, b: np.tensordot(a, b, ([-1], [0])))

for op, fn, shapes in [("dot", np.dot, [(3, 4), (4, 5)]), ("matmul", np.matmul, [(2, 3, 4), (2, 4, 5)]),
                       ("tensordot", lambda a, b: np.tensordot(a, b, 2), [(2, 3, 4), (3, 4, 5)])]:
    case(op, "axes=2" if op == "tensordot" else "-", ["float32", "float32"], shapes, fn, "normal")

flush("products")

# ---- einsum ----
EINSUM = [
    ("ij,jk->ik", [(3, 4), (4, 5)]), ("ij,jk", [(3, 4), (4, 5)]), ("i,i", [(4,), (4,)]),
    ("i,i->", [(4,), (4,)]), ("i,j->ij", [(3,), (2,)]), ("i,j", [(3,), (2,)]),
    ("ij->ji", [(2, 3)]), ("ji", [(2, 3)]), ("ii->i", [(3, 3)]), ("ii", [(3, 3)]),
    ("i->", [(5,)]), ("ij->", [(2, 3)]), ("ij->j", [(2, 3)]), ("ijk->kji", [(2, 3, 4)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]), ("bij,bjk->bki", [(2, 3, 4), (2, 4, 5)]),
    ("ijk,jlk->il", [(2, 3, 5), (3, 4, 5)]), ("ijk,jlk", [(2, 3, 5), (3, 4, 5)]),
    ("...j->...", [(4, 4)]), ("...ij,...jk->...ik", [(2, 3, 4), (4, 5)]),
    ("...ij,...jk", [(2, 3, 4), (2, 4, 5)]), ("i...->...", [(3, 2, 2)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]), ("ij,jk,kl,lm->im", [(2, 2), (2, 3), (3, 2), (2, 3)]),
    ("iij->j", [(3, 3, 2)]), ("iij->ij", [(3, 3, 2)]), ("iji->j", [(2, 3, 2)]),
    ("ii,jj->ij", [(3, 3), (2, 2)]), ("ij,ij->ij", [(2, 3), (2, 3)]), ("ij,ij->", [(2, 3), (2, 3)]),
    ("ij,kl->ijkl", [(2, 2), (2, 3)]), ("ij,j->i", [(3, 4), (4,)]), ("i,ij->j", [(3,), (3, 2)]),
    ("ij,i->j", [(1, 3), (4,)]), ("bi,bi->b", [(1, 3), (4, 3)]), (",i->i", [(), (3,)]),
    ("ij,jk->ik", [(0, 4), (4, 2)]), ("ij,jk->ik", [(3, 0), (0, 2)]), ("i,i,i->i", [(3,), (3,), (3,)]),
    ("ab,cd,bc->ad", [(2, 3), (4, 2), (3, 4)]),
]
for subs, shapes in EINSUM:
    fn = lambda *xs, s=subs: np.einsum(s, *xs)
    for d in DTYPES:
        case("einsum", subs, [d] * len(shapes), shapes, fn)
    case("einsum", subs, ["float32"] * len(shapes), shapes, fn, "normal")
for da, db in MIXED:
    case("einsum", "ij,jk->ik", [da, db], [(3, 4), (4, 5)], lambda a, b: np.einsum("ij,jk->ik", a, b))
    case("einsum", "ii,i->i", [da, db], [(3, 3), (3,)], lambda a, b: np.einsum("ii,i->i", a, b))

flush("einsum")

# ---- trace / diag / diagonal / tril / triu ----
for d in DTYPES:
    case("trace", "offset=0&axis1=0&axis2=1", [d], [(3, 3)], lambda a: np.trace(a))
    case("trace", "offset=1&axis1=0&axis2=1", [d], [(3, 4)], lambda a: np.trace(a, 1))
    case("trace", "offset=-1&axis1=0&axis2=1", [d], [(4, 3)], lambda a: np.trace(a, -1))
    case("trace", "offset=0&axis1=1&axis2=2", [d], [(2, 3, 4)], lambda a: np.trace(a, 0, 1, 2))
    case("trace", "offset=1&axis1=-1&axis2=0", [d], [(3, 2, 4)], lambda a: np.trace(a, 1, -1, 0))
    case("trace", "offset=5&axis1=0&axis2=1", [d], [(3, 3)], lambda a: np.trace(a, 5))
    case("trace", "offset=0&axis1=0&axis2=1", [d], [(0, 3)], lambda a: np.trace(a))
    for k in [0, 1, -2]:
        case("diag", "k=%d" % k, [d], [(3,)], lambda a, k=k: np.diag(a, k))
    case("diag", "k=0", [d], [(0,)], lambda a: np.diag(a))
    for k in [0, 1, -1, 4]:
        case("diag", "k=%d" % k, [d], [(3, 5)], lambda a, k=k: np.diag(a, k))
        case("diag", "k=%d" % k, [d], [(4, 2)], lambda a, k=k: np.diag(a, k))
    case("diagonal", "offset=1&axis1=1&axis2=2", [d], [(2, 3, 4)], lambda a: np.diagonal(a, 1, 1, 2))
    case("diagonal", "offset=-1&axis1=2&axis2=0", [d], [(3, 2, 4)], lambda a: np.diagonal(a, -1, 2, 0))
    for k in [0, 1, -1, -5]:
        case("tril", "k=%d" % k, [d], [(3, 4)], lambda a, k=k: np.tril(a, k))
        case("triu", "k=%d" % k, [d], [(3, 4)], lambda a, k=k: np.triu(a, k))
    case("tril", "k=0", [d], [(2, 3, 3)], lambda a: np.tril(a))
    case("triu", "k=1", [d], [(2, 0, 3)], lambda a: np.triu(a, 1))

flush("matrix")

# ---- convolve / correlate ----
for da, db in pairs():
    for la, lb in [(3, 10), (10, 3), (5, 5), (1, 4)]:
        for mode in ["full", "same", "valid"]:
            case("convolve", "mode=" + mode, [da, db], [(la,), (lb,)],
                 lambda a, b, m=mode: np.convolve(a, b, m))
            case("correlate", "mode=" + mode, [da, db], [(la,), (lb,)],
                 lambda a, b, m=mode: np.correlate(a, b, m))
for mode in ["full", "same", "valid"]:
    case("convolve", "mode=" + mode, ["float32", "float32"], [(7,), (4,)],
         lambda a, b, m=mode: np.convolve(a, b, m), "normal")
    case("correlate", "mode=" + mode, ["float32", "float32"], [(4,), (7,)],
         lambda a, b, m=mode: np.correlate(a, b, m), "normal")

flush("conv")

# ---- linalg.norm ----
INF = np.inf
for d in DTYPES:
    kind = "normal" if d in FLOATS else "small"
    case("norm", "-", [d], [(2, 3, 2)], lambda a: np.linalg.norm(a), kind)
    case("norm", "-", [d], [(0,)], lambda a: np.linalg.norm(a), kind)
    for ord_name, ord_val in [("2", 2), ("1", 1), ("inf", INF), ("-inf", -INF), ("0", 0),
                              ("3", 3), ("0.5", 0.5), ("-1", -1)]:
        case("norm", "ord=%s" % ord_name, [d], [(5,)],
             lambda a, o=ord_val: np.linalg.norm(a, o), kind)
        case("norm", "ord=%s&axis=1" % ord_name, [d], [(3, 4)],
             lambda a, o=ord_val: np.linalg.norm(a, o, axis=1), kind)
        case("norm", "ord=%s&axis=0&keepdims=1" % ord_name, [d], [(3, 4)],
             lambda a, o=ord_val: np.linalg.norm(a, o, axis=0, keepdims=True), kind)
    for ord_name, ord_val in [("fro", "fro"), ("1", 1), ("-1", -1), ("inf", INF), ("-inf", -INF)]:
        case("norm", "ord=%s" % ord_name, [d], [(3, 4)],
             lambda a, o=ord_val: np.linalg.norm(a, o), kind)
        case("norm", "ord=%s&axis=2.0" % ord_name, [d], [(3, 2, 4)],
             lambda a, o=ord_val: np.linalg.norm(a, o, axis=(2, 0)), kind)
        case("norm", "ord=%s&axis=0.2&keepdims=1" % ord_name, [d], [(3, 2, 4)],
             lambda a, o=ord_val: np.linalg.norm(a, o, axis=(0, 2), keepdims=True), kind)
    case("norm", "axis=1", [d], [(3, 4)], lambda a: np.linalg.norm(a, axis=1), kind)
    case("norm", "axis=1.0&keepdims=1", [d], [(3, 4)],
         lambda a: np.linalg.norm(a, axis=(1, 0), keepdims=True), kind)

flush("norm")
