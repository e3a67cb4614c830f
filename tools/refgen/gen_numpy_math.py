#!/usr/bin/env python3
"""NumPy reference values for the jnp math facade (run once; output committed).

Writes numpy/src/test/resources/ref/numpy_math.npz. Each case ``<fn>.<dtype>.<outdtype>.<k>``
holds its inputs ``...x`` (and ``...y``) and the expected output ``...out``:
* ``dtype`` is the input dtype of both operands; bfloat16 inputs (NumPy has none) are stored as
  float32 holding bfloat16 values, and the test converts them.
* ``outdtype`` is the dtype JAX gives the result with x64 off (JAX's rules, written below:
  64-bit types become 32-bit, ``/`` and transcendental functions give float32 for ints and
  bools, ``//``, ``%``, ``**`` and shifts turn bools into int32).
* expected values are NumPy's, computed the way JAX computes: in the result dtype after the
  canonicalizing conversion (float64 inputs in float32; int inputs to float functions in
  float32); bfloat16 results computed in float32 and rounded to bfloat16.
``k`` numbers the shape variants (0: 1-D table; others: broadcasting, 0-d and empty shapes).

Usage: python3 tools/refgen/gen_numpy_math.py  (from the repository root)
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'numpy', 'src', 'test', 'resources',
                   'ref', 'numpy_math.npz')

SINTS = ['int8', 'int16', 'int32', 'int64']
UINTS = ['uint8', 'uint16', 'uint32', 'uint64']
INTS = SINTS + UINTS
FLOATS = ['bfloat16', 'float16', 'float32', 'float64']
ALL = ['bool'] + INTS + FLOATS
CANON = {'int64': 'int32', 'uint64': 'uint32', 'float64': 'float32'}


def canon(d):
    return CANON.get(d, d)


def numeric(d):
    return 'int32' if d == 'bool' else canon(d)


def inexact(d):
    return canon(d) if d in FLOATS else 'float32'


def to_bf16(a):
    """float32 values rounded to bfloat16 (nearest even), as float32."""
    a = np.asarray(a, np.float32)
    b = a.view(np.uint32).astype(np.uint64)
    r = ((b + 0x7FFF + ((b >> 16) & 1)) & 0xFFFF0000).astype(np.uint32).view(np.float32)
    return np.where(np.isnan(a), a, r).astype(np.float32)


def np_dtype(d):
    return np.float32 if d == 'bfloat16' else np.dtype(d)


def values(d, which):
    if d == 'bool':
        return [False, True, False, True] if which == 'x' else [False, False, True, True]
    if d in SINTS:
        return [-7, -3, 0, 3, 7, 5, -1, 2] if which == 'x' else [2, -2, 3, -3, 1, 2, 5, -4]
    if d in UINTS:
        return [7, 3, 0, 3, 7, 5, 1, 200] if which == 'x' else [2, 2, 3, 3, 1, 2, 5, 4]
    if which == 'x':
        return [-2.5, -1.5, -0.5, -0.0, 0.5, 1.5, 2.5, 3.75, -7.25, 0.875, float('nan'),
                float('inf'), float('-inf')]
    return [2.0, -2.0, 0.75, 3.0, -1.5, 1.0, 2.5, -4.0, 3.0, 0.5, 1.0, 2.0, -3.0]


def arr(d, which, shape=None):
    a = np.array(values(d, which), dtype=np_dtype(d))
    if shape is not None:
        a = np.resize(a, shape)
    return a


out = {}


def compute_dtype(d, outd):
    """The NumPy dtype the result is computed in."""
    if outd in ('float32', 'bfloat16'):
        return np.float32
    if outd == 'bool':
        return np_dtype(canon(d)) if d != 'bfloat16' else np.float32
    return np.dtype(outd)


def store(name, d, outd, k, xs, res):
    key = f'{name}.{d}.{outd}.{k}'
    for tag, v in zip('xy', xs):
        out[key + '.' + tag] = v
    r = np.asarray(res)
    if outd == 'bfloat16':
        r = to_bf16(r)
    out[key + '.out'] = r.astype(np_dtype(outd))


def unary(name, fn, dtypes, rule, only_finite=False):
    for d in dtypes:
        outd = rule(d)
        x = arr(d, 'x')
        if only_finite and d in FLOATS:
            x = x[np.isfinite(x)]
        xin = x.astype(compute_dtype(d, outd)) if outd != 'bool' else x
        if d == 'bfloat16':
            xin = x.astype(np.float32)
        with np.errstate(all='ignore'):
            store(name, d, outd, 0, [x], fn(xin))


def binary(name, fn, dtypes, rule, ytrans=None, shapes=()):
    for d in dtypes:
        outd = rule(d)
        cd = compute_dtype(d, outd)
        variants = [(None, None)] + list(shapes)
        for k, (sx, sy) in enumerate(variants):
            if k > 0 and d not in ('float32', 'int32'):
                continue
            x = arr(d, 'x', sx)
            y = arr(d, 'y', sy)
            if ytrans is not None:
                y = ytrans(d, y)
            xin, yin = (x, y) if outd == 'bool' and d != 'bfloat16' else (x.astype(cd), y.astype(cd))
            with np.errstate(all='ignore'):
                store(name, d, outd, k, [x, y], fn(xin, yin))


SHAPES = [((3, 1), (4,)), ((), (5,)), ((0,), (1,)), ((2, 0, 3), (3,)), ((), ())]
NUM = INTS + FLOATS
same = lambda d: canon(d)
to_bool = lambda d: 'bool'

# ---- arithmetic ----
binary('add', np.add, ALL, same, shapes=SHAPES)
binary('subtract', np.subtract, NUM, same, shapes=SHAPES)
binary('multiply', np.multiply, ALL, same, shapes=SHAPES)
binary('divide', np.true_divide, ALL, inexact, shapes=SHAPES)
binary('floor_divide', np.floor_divide, NUM, numeric, shapes=SHAPES)
binary('remainder', np.remainder, NUM, numeric, shapes=SHAPES)
binary('maximum', np.maximum, ALL, same, shapes=SHAPES)
binary('minimum', np.minimum, ALL, same, shapes=SHAPES)
binary('arctan2', np.arctan2, ALL, inexact, shapes=SHAPES)
# integer powers need non-negative exponents below 8 (no overflow surprises)
binary('power', np.power, NUM, numeric,
       ytrans=lambda d, y: (np.abs(y.astype(np.int64)) % 4).astype(y.dtype)
       if d in INTS else y, shapes=SHAPES)
binary('power_bool', lambda a, b: np.power(a.astype(np.int32), b.astype(np.int32)), ['bool'],
       numeric)

# ---- comparisons, logic, bitwise ----
for nm, f in [('equal', np.equal), ('not_equal', np.not_equal), ('less', np.less),
              ('less_equal', np.less_equal), ('greater', np.greater),
              ('greater_equal', np.greater_equal), ('logical_and', np.logical_and),
              ('logical_or', np.logical_or), ('logical_xor', np.logical_xor)]:
    binary(nm, f, ALL, to_bool, shapes=SHAPES)
binary('isclose', lambda a, b: np.isclose(a, b), ALL, to_bool, shapes=SHAPES)
for nm, f in [('bitwise_and', np.bitwise_and), ('bitwise_or', np.bitwise_or),
              ('bitwise_xor', np.bitwise_xor)]:
    binary(nm, f, ['bool'] + INTS, same, shapes=SHAPES)
shift_y = lambda d, y: (np.abs(y.astype(np.int64)) % 5).astype(y.dtype)
binary('left_shift', np.left_shift, INTS, numeric, ytrans=shift_y, shapes=SHAPES)
binary('right_shift', np.right_shift, INTS, numeric, ytrans=shift_y, shapes=SHAPES)

# ---- unary ----
SIGNED = SINTS + FLOATS
unary('negative', np.negative, NUM, same)
unary('positive', lambda a: a, ALL, same)
unary('abs', np.abs, ALL, same)
unary('sign', np.sign, NUM, same)
unary('square', np.square, ['bool'] + NUM, numeric)
unary('reciprocal', np.reciprocal, ALL, inexact)
for nm in ['sqrt', 'cbrt', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'sin',
           'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'arcsinh',
           'arccosh', 'arctanh']:
    unary(nm, getattr(np, nm), ALL, inexact)
unary('round', np.round, NUM, same)
unary('round1', lambda a: np.round(a, 1), FLOATS, same, only_finite=True)
unary('floor', np.floor, ALL, same)
unary('ceil', np.ceil, ALL, same)
unary('trunc', np.trunc, ALL, same)
unary('isnan', np.isnan, ALL, to_bool)
unary('isinf', np.isinf, ALL, to_bool)
unary('isfinite', np.isfinite, ALL, to_bool)
unary('signbit', np.signbit, ALL, to_bool)
unary('logical_not', np.logical_not, ALL, to_bool)
unary('invert', np.invert, ['bool'] + INTS, same)


def nan_to_num_like(dtype_name):
    def f(a):
        if dtype_name == 'bfloat16':
            big = float(to_bf16(np.float32(3.3895313892515355e38)))
            return np.nan_to_num(a.astype(np.float32), posinf=big, neginf=-big)
        return np.nan_to_num(a)
    return f


for d in ALL:
    outd = canon(d)
    x = arr(d, 'x')
    xin = x.astype(compute_dtype(d, outd)) if d in FLOATS else x
    store('nan_to_num', d, outd, 0, [x], nan_to_num_like(d)(xin))

# ---- jax.nn (float32; written to numpy_math_nn.npz as <fn>.<k>.x / .out) ----
import math
nn = {}
xs = np.array([[1.0, -2.0, 3.5], [0.25, 0.0, -1.0]], np.float32)
big = np.array([[1000.0, 999.0, -1000.0], [-np.inf, 0.0, 2.0]], np.float32)
for k, x in enumerate([xs, big]):
    x64 = x.astype(np.float64)
    for ax in (0, 1):
        m = np.max(x64, axis=ax, keepdims=True)
        e = np.exp(x64 - m)
        nn[f'softmax{ax}.{k}.x'] = x
        nn[f'softmax{ax}.{k}.out'] = (e / e.sum(axis=ax, keepdims=True)).astype(np.float32)
        nn[f'log_softmax{ax}.{k}.x'] = x
        nn[f'log_softmax{ax}.{k}.out'] = (x64 - m - np.log(e.sum(axis=ax, keepdims=True))
                                          ).astype(np.float32)
    m = np.max(x64)
    nn[f'logsumexp.{k}.x'] = x
    nn[f'logsumexp.{k}.out'] = np.float32(m + np.log(np.exp(x64 - m).sum()))
    m1 = np.max(x64, axis=1)
    nn[f'logsumexp1.{k}.x'] = x
    nn[f'logsumexp1.{k}.out'] = (m1 + np.log(np.exp(x64 - m1[:, None]).sum(axis=1))
                                 ).astype(np.float32)
g = np.linspace(-4, 4, 17).astype(np.float32)
g64 = g.astype(np.float64)
nn['gelu_tanh.0.x'] = g
nn['gelu_tanh.0.out'] = (0.5 * g64 * (1 + np.tanh(np.sqrt(2 / np.pi) * (g64 + 0.044715 * g64 ** 3)))
                         ).astype(np.float32)
nn['gelu_exact.0.x'] = g
nn['gelu_exact.0.out'] = np.array([0.5 * v * math.erfc(-v / math.sqrt(2)) for v in g64],
                                  np.float32)
nn['relu.0.x'] = g
nn['relu.0.out'] = np.maximum(g, 0)
nn['sigmoid.0.x'] = g
nn['sigmoid.0.out'] = (1 / (1 + np.exp(-g64))).astype(np.float32)
labels = np.array([[0, 2], [1, 5]], np.int32)
nn['one_hot.0.x'] = labels
nn['one_hot.0.out'] = (labels[..., None] == np.arange(4)).astype(np.float32)
np.savez_compressed(OUT.replace('numpy_math.npz', 'numpy_math_nn.npz'), **nn)

np.savez_compressed(OUT, **out)
print(len(out), 'arrays ->', OUT, os.path.getsize(OUT), 'bytes')
