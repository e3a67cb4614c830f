#!/usr/bin/env python3
"""Reference values for lax's elementwise primitives (run once; output committed).

Writes lax/src/test/resources/ref/elementwise.npz with, per case, the inputs ``<case>__x``,
``<case>__y``, ... and the expected output ``<case>__out``; a case is ``<op>__<dtype>`` (or
``<op>__<from>__<to>`` for conversions, ``<op>__bcast<k>`` for broadcasting shapes).

Floats: inputs are exact values of the dtype; expected values are computed in float64 with
NumPy/SciPy and rounded once to the dtype (bfloat16, which NumPy lacks, by rounding the float64
bits to 8 significant bits, stored as raw 16-bit patterns with descriptor <V2). Integer ops follow
XLA's CPU semantics, written out with Python integers: x/0 = -1, x%0 = x, MIN/-1 = MIN,
MIN%-1 = 0, shifts >= width give 0 or the sign fill; float->int conversion truncates and
saturates with NaN -> 0.

Usage: python3 tools/refgen/gen_elementwise.py  (from the repository root)
"""
import math
import os
import numpy as np
import scipy.special as sp

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'lax', 'src', 'test', 'resources',
                   'ref', 'elementwise.npz')
rng = np.random.default_rng(20261129)

FLOATS = ['bfloat16', 'float16', 'float32', 'float64']
SINTS = ['int8', 'int16', 'int32', 'int64']
UINTS = ['uint8', 'uint16', 'uint32', 'uint64']
INTS = SINTS + UINTS
NUM = INTS + FLOATS
ALL = ['bool'] + NUM
BITS = {'bool': 8, 'int8': 8, 'int16': 16, 'int32': 32, 'int64': 64, 'uint8': 8, 'uint16': 16,
        'uint32': 32, 'uint64': 64, 'bfloat16': 16, 'float16': 16, 'float32': 32, 'float64': 64}
out = {}


# ---- float formats -------------------------------------------------------------------------

def bf16_bits_from_f64(v):
    """Round float64 values to bfloat16 (nearest-even, once) and return the 16-bit patterns."""
    v = np.asarray(v, dtype=np.float64)
    res = np.zeros(v.shape, dtype=np.uint16)
    for i, x in np.ndenumerate(v):
        if math.isnan(x):
            res[i] = 0x7FC0
            continue
        if math.isinf(x) or x == 0:
            res[i] = np.array([x], dtype=np.float32).view(np.uint32)[0] >> 16
            continue
        m, e = math.frexp(abs(x))           # x = m * 2**e, 0.5 <= m < 1
        if e - 1 < -126:                     # bfloat16 subnormal: fixed quantum 2**-133
            q = 2.0 ** -133
        else:
            q = 2.0 ** (e - 1 - 7)
        r = abs(x) / q
        fl = math.floor(r)
        frac = r - fl
        if frac > 0.5 or (frac == 0.5 and fl % 2 == 1):
            fl += 1
        y = math.copysign(fl * q, x)
        f = np.array([y], dtype=np.float64).astype(np.float32)  # exact: y has <= 8 bits
        res[i] = f.view(np.uint32)[0] >> 16 if np.isfinite(f[0]) else (
            0xFF80 if y < 0 else 0x7F80)
    return res


def bf16_to_f64(bits):
    return (np.asarray(bits, dtype=np.uint32) << 16).view(np.float32).astype(np.float64)


def to_storage(values, dtype):
    """float64 values (exactly representable or to be rounded) in the dtype's storage."""
    v = np.asarray(values, dtype=np.float64)
    if dtype == 'bfloat16':
        return bf16_bits_from_f64(v).view('V2')
    return v.astype(dtype)


def as_f64(arr, dtype):
    if dtype == 'bfloat16':
        return bf16_to_f64(arr.view(np.uint16))
    return np.asarray(arr).astype(np.float64)


def round_f64(values, dtype):
    """float64 values rounded to the dtype, back as float64."""
    return as_f64(to_storage(values, dtype), dtype)


SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.75, -3.75, 0.1, -0.7, 2.0, 10.0,
           -10.0, 100.0, 1e-3, 1e4, math.inf, -math.inf, math.nan]


def float_values(dtype, n=14, scale=3.0, special=True):
    vals = (SPECIAL if special else []) + list(rng.normal(0, scale, n))
    return round_f64(vals, dtype)


def int_range(dtype):
    if dtype == 'bool':
        return 0, 1
    info = np.iinfo(dtype)
    return int(info.min), int(info.max)


def int_values(dtype, n=12):
    lo, hi = int_range(dtype)
    vals = [0, 1, hi, lo, hi - 1, 2, 3, 7]
    if lo < 0:
        vals += [-1, -2, lo + 1, -7]
    vals += [int(v) for v in rng.integers(lo, hi, n, endpoint=True, dtype=np.int64 if lo < 0
                                          or hi < 2**63 else np.uint64)]
    return vals


def wrap(v, dtype):
    if dtype == 'bool':
        return int(v != 0)
    bits = BITS[dtype]
    v &= (1 << bits) - 1
    if dtype.startswith('int') and v >= 1 << (bits - 1):
        v -= 1 << bits
    return v


def ints(vals, dtype):
    return np.array(vals, dtype=np.bool_ if dtype == 'bool' else dtype)


def put(case, inputs, result):
    for name, arr in inputs.items():
        out[case + '__' + name] = arr
    out[case + '__out'] = result


# ---- binary arithmetic ---------------------------------------------------------------------

def pairs_float(dtype, n=10):
    s = float_values(dtype, n)
    xs = np.repeat(s, 3)
    ys = np.concatenate([np.roll(s, 1), np.roll(s, 5), rng.permutation(s)])
    return xs, ys


def pairs_int(dtype, zero_divisors=False):
    a = int_values(dtype)
    xs, ys = [], []
    for i, x in enumerate(a):
        for y in (a[(i + 3) % len(a)], a[(i + 7) % len(a)]):
            xs.append(x)
            ys.append(y)
    lo, hi = int_range(dtype)
    extra = [(7, 2), (-7 if lo < 0 else 9, 2), (7, -2 if lo < 0 else 4), (5, 0), (lo, 0)]
    if lo < 0:
        extra += [(lo, -1), (-7, -2)]
    for x, y in extra:
        xs.append(x)
        ys.append(y)
    return xs, ys


def tdiv(x, y):
    q = abs(x) // abs(y)
    return q if (x >= 0) == (y >= 0) else -q


INT_BINARY = {
    'add': lambda x, y, d: x + y,
    'sub': lambda x, y, d: x - y,
    'mul': lambda x, y, d: x * y,
    'div': lambda x, y, d: -1 if y == 0 else tdiv(x, y),
    'rem': lambda x, y, d: x if y == 0 else x - tdiv(x, y) * y,
    'max': lambda x, y, d: max(x, y),
    'min': lambda x, y, d: min(x, y),
    'and': lambda x, y, d: x & y,
    'or': lambda x, y, d: x | y,
    'xor': lambda x, y, d: x ^ y,
}


def fmax(x, y):
    return np.where(np.isnan(x) | np.isnan(y), np.nan, np.maximum(x, y))


def fmin(x, y):
    return np.where(np.isnan(x) | np.isnan(y), np.nan, np.minimum(x, y))


def cpow(x, y):
    with np.errstate(all='ignore'):
        return np.power(x, y)


FLOAT_BINARY = {
    'add': np.add, 'sub': np.subtract, 'mul': np.multiply, 'div': np.divide, 'rem': np.fmod,
    'max': fmax, 'min': fmin, 'pow': cpow, 'atan2': np.arctan2,
}

for op in ['add', 'sub', 'mul', 'div', 'rem', 'max', 'min']:
    dts = NUM + (['bool'] if op in ('max', 'min') else [])
    for d in dts:
        if d in FLOATS:
            x, y = pairs_float(d)
            with np.errstate(all='ignore'):
                r = FLOAT_BINARY[op](x, y)
            put(f'{op}__{d}', {'x': to_storage(x, d), 'y': to_storage(y, d)}, to_storage(r, d))
        else:
            xs, ys = pairs_int(d) if d != 'bool' else ([0, 0, 1, 1], [0, 1, 0, 1])
            r = [wrap(INT_BINARY[op](a, b, d), d) for a, b in zip(xs, ys)]
            put(f'{op}__{d}', {'x': ints(xs, d), 'y': ints(ys, d)}, ints(r, d))

for op in ['pow', 'atan2']:
    for d in FLOATS:
        x, y = pairs_float(d)
        if op == 'pow':
            x = np.concatenate([x, [-1.0, -1.0, 1.0, 2.0, -8.0, 0.0]])
            y = np.concatenate([y, [math.inf, -math.inf, math.nan, -2.0, 3.0, -1.0]])
        with np.errstate(all='ignore'):
            r = FLOAT_BINARY[op](x, y)
        put(f'{op}__{d}', {'x': to_storage(x, d), 'y': to_storage(y, d)}, to_storage(r, d))

for d in FLOATS:  # pow with an int32 exponent (converted to the base's dtype)
    x = float_values(d, 6)
    e = np.array([0, 1, 2, 3, -1, -2, 5, 7] * 4, dtype=np.int32)[:len(x)]
    r = cpow(x, round_f64(e.astype(np.float64), d))
    put(f'pow_int__{d}', {'x': to_storage(x, d), 'y': e}, to_storage(r, d))

for d in FLOATS:  # nextafter in the dtype itself
    x, y = pairs_float(d)
    x = np.concatenate([x, [0.0, 0.0, -0.0, 1.0, 1.0]])
    y = np.concatenate([y, [1.0, -1.0, 1.0, 1.0, math.inf]])
    if d == 'bfloat16':
        r = []
        for a, b in zip(x, y):
            if math.isnan(a) or math.isnan(b):
                r.append(math.nan)
            elif a == b:
                r.append(b)
            elif a == 0:
                r.append(math.copysign(2.0 ** -133, b))
            else:
                bits = int(bf16_bits_from_f64([a])[0])
                bits += 1 if (b > a) == (a > 0) else -1
                r.append(float(bf16_to_f64(np.array([bits], dtype=np.uint16))[0]))
        r = np.array(r)
    else:
        r = np.nextafter(x.astype(d), y.astype(d)).astype(np.float64)
    put(f'nextafter__{d}', {'x': to_storage(x, d), 'y': to_storage(y, d)}, to_storage(r, d))

# ---- unary ---------------------------------------------------------------------------------

FLOAT_UNARY = {
    'neg': np.negative, 'sign': np.sign, 'abs': np.abs, 'floor': np.floor, 'ceil': np.ceil,
    'round0': lambda x: np.where(np.abs(x) - np.floor(np.abs(x)) >= 0.5,
                                 np.copysign(np.floor(np.abs(x)) + 1, x),
                                 np.copysign(np.floor(np.abs(x)), x)),
    'round1': np.rint, 'square': np.square,
    'exp': np.exp, 'exp2': np.exp2, 'expm1': np.expm1, 'log': np.log, 'log1p': np.log1p,
    'tanh': np.tanh, 'logistic': lambda x: sp.expit(x), 'sin': np.sin, 'cos': np.cos,
    'tan': np.tan, 'asin': np.arcsin, 'acos': np.arccos, 'atan': np.arctan, 'sinh': np.sinh,
    'cosh': np.cosh, 'asinh': np.arcsinh, 'acosh': np.arccosh, 'atanh': np.arctanh,
    'sqrt': np.sqrt, 'rsqrt': lambda x: 1.0 / np.sqrt(x), 'cbrt': np.cbrt, 'erf': sp.erf,
    'erfc': sp.erfc,
}
UNIT = ['asin', 'acos', 'atanh']

for op, f in FLOAT_UNARY.items():
    for d in FLOATS:
        x = float_values(d, 14, scale=0.6 if op in UNIT else 3.0)
        if op == 'acosh':
            x = np.concatenate([x, round_f64(1 + np.abs(rng.normal(0, 3, 8)), d)])
        if op in ('round0', 'round1'):
            x = np.concatenate([x, [0.5, -0.5, 4.5, -5.5, 0.49999997, 2.4999998]])
            x = round_f64(x, d)
        with np.errstate(all='ignore'):
            r = f(x)
        put(f'{op}__{d}', {'x': to_storage(x, d)}, to_storage(r, d))

for d in INTS:
    xs = int_values(d)
    for op, g in [('neg', lambda v: -v), ('sign', lambda v: (v > 0) - (v < 0)),
                  ('abs', abs), ('square', lambda v: v * v)]:
        if op == 'abs' and d in UINTS:
            continue
        put(f'{op}__{d}', {'x': ints(xs, d)}, ints([wrap(g(v), d) for v in xs], d))
    bits = BITS[d]
    put(f'not__{d}', {'x': ints(xs, d)}, ints([wrap(~v, d) for v in xs], d))
    put(f'population_count__{d}', {'x': ints(xs, d)},
        ints([wrap(bin(v & ((1 << bits) - 1)).count('1'), d) for v in xs], d))
    put(f'clz__{d}', {'x': ints(xs, d)},
        ints([bits - (v & ((1 << bits) - 1)).bit_length() for v in xs], d))
put('not__bool', {'x': ints([0, 1], 'bool')}, ints([1, 0], 'bool'))

for d in FLOATS:
    x = float_values(d, 8)
    put(f'is_finite__{d}', {'x': to_storage(x, d)}, np.isfinite(x))

for y in [0, 1, 2, 3, 5, -1, -2, -3]:
    tag = f'm{-y}' if y < 0 else str(y)
    for d in NUM:
        if d in FLOATS:
            x = float_values(d, 10, scale=2.0)
            acc = None
            base = x.copy()
            e = abs(y)
            if e == 0:
                r = np.ones_like(x)
            else:
                while e > 0:
                    if e & 1:
                        acc = base if acc is None else round_f64(acc * base, d)
                    e >>= 1
                    if e > 0:
                        base = round_f64(base * base, d)
                with np.errstate(all='ignore'):
                    r = 1.0 / acc if y < 0 else acc
            put(f'integer_pow{tag}__{d}', {'x': to_storage(x, d)}, to_storage(r, d))
        elif y >= 0:
            xs = int_values(d)
            put(f'integer_pow{tag}__{d}', {'x': ints(xs, d)}, ints([wrap(v ** y, d) for v in xs], d))


def giles_f32(x):
    x = np.asarray(x, dtype=np.float32)
    c1 = [2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087,
          -0.00125372503, -0.00417768164, 0.246640727, 1.50140941]
    c2 = [-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
          -0.0076224613, 0.00943887047, 1.00167406, 2.83297682]
    res = []
    with np.errstate(all='ignore'):
        for v in x:
            w = -np.float32(np.log1p(np.float64(-(v * v))))  # log1p in double, rounded
            if w < np.float32(5):
                w = w - np.float32(2.5)
                c = c1
            else:
                w = np.float32(np.sqrt(np.float64(w))) - np.float32(3)
                c = c2
            p = np.float32(c[0])
            for ci in c[1:]:
                p = np.float32(ci) + p * w
            r = p * v
            res.append(v * np.float32(np.inf) if abs(v) == 1 else r)
    return np.array(res, dtype=np.float32).astype(np.float64)


for d in FLOATS:
    x = np.concatenate([round_f64(rng.uniform(-1, 1, 16), d),
                        [-0.9, -0.5, 0.0, 0.3, 0.99, 0.999999, 1.0, -1.0, 1.5, math.nan]])
    x = round_f64(x, d)
    with np.errstate(all='ignore'):
        r = sp.erfinv(x) if d == 'float64' else giles_f32(x)
    put(f'erf_inv__{d}', {'x': to_storage(x, d)}, to_storage(r, d))

for op in ['lgamma', 'digamma']:
    for d in FLOATS:
        x = np.concatenate([float_values(d, 16, scale=4.0), [-1.0, -2.0, -2.5, 3.0, 0.25, 30.0]])
        x = round_f64(x, d)
        with np.errstate(all='ignore'):
            r = sp.gammaln(x) if op == 'lgamma' else sp.digamma(x)
        if op == 'lgamma':  # XLA: +inf at -inf too (SciPy gives -inf)
            r = np.where(np.isinf(x), np.inf, r)
        if op == 'digamma':  # XLA: NaN at the poles 0, -1, -2, ... (SciPy gives -inf at 0)
            r = np.where((x <= 0) & (x == np.floor(x)), np.nan, r)
        if d == 'float64':
            # keep float64 inputs away from the zeros, where only the absolute error is small
            keep = ~(np.abs(r) < 0.25)
            x, r = x[keep], r[keep]
        put(f'{op}__{d}', {'x': to_storage(x, d)}, to_storage(r, d))

# ---- bitwise binary and shifts -------------------------------------------------------------

for op in ['and', 'or', 'xor']:
    for d in ['bool'] + INTS:
        xs, ys = pairs_int(d) if d != 'bool' else ([0, 0, 1, 1], [0, 1, 0, 1])
        r = [wrap(INT_BINARY[op](a, b, d), d) for a, b in zip(xs, ys)]
        put(f'{op}__{d}', {'x': ints(xs, d)}, ints(r, d))
        out[f'{op}__{d}__y'] = ints(ys, d)

for d in INTS:
    bits = BITS[d]
    lo, hi = int_range(d)
    base = int_values(d)
    xs, ys = [], []
    amounts = [0, 1, 3, bits - 1, bits, bits + 1, 2 * bits] + ([-1, -bits] if lo < 0 else [])
    for i, x in enumerate(base):
        for a in (amounts[i % len(amounts)], amounts[(i + 4) % len(amounts)]):
            xs.append(x)
            ys.append(min(max(a, lo), hi))
    for a in amounts:
        xs.append(base[2] if a % 2 else base[3])
        ys.append(min(max(a, lo), hi))
    mask = (1 << bits) - 1

    def sat(a):
        return (a & mask) >= bits

    def signed(v):
        v &= mask
        return v - (1 << bits) if v >= 1 << (bits - 1) else v
    put(f'shift_left__{d}', {'x': ints(xs, d), 'y': ints(ys, d)},
        ints([0 if sat(b) else wrap(a << (b & mask), d) for a, b in zip(xs, ys)], d))
    put(f'shift_right_logical__{d}', {'x': ints(xs, d), 'y': ints(ys, d)},
        ints([0 if sat(b) else wrap((a & mask) >> (b & mask), d) for a, b in zip(xs, ys)], d))
    put(f'shift_right_arithmetic__{d}', {'x': ints(xs, d), 'y': ints(ys, d)},
        ints([wrap((-1 if signed(a) < 0 else 0) if sat(b) else signed(a) >> (b & mask), d)
              for a, b in zip(xs, ys)], d))

# ---- comparisons ---------------------------------------------------------------------------

CMP = {'eq': lambda a, b: a == b, 'ne': lambda a, b: a != b, 'lt': lambda a, b: a < b,
       'le': lambda a, b: a <= b, 'gt': lambda a, b: a > b, 'ge': lambda a, b: a >= b}
for op, f in CMP.items():
    for d in ALL:
        if d in FLOATS:
            x, y = pairs_float(d, 6)
            x = np.concatenate([x, [0.0, -0.0, 1.0, math.nan]])
            y = np.concatenate([y, [-0.0, 0.0, 1.0, math.nan]])
            put(f'{op}__{d}', {'x': to_storage(x, d), 'y': to_storage(y, d)}, f(x, y))
        else:
            xs, ys = pairs_int(d) if d != 'bool' else ([0, 0, 1, 1], [0, 1, 0, 1])
            xs += [5, 0]
            ys += [5, 0]
            put(f'{op}__{d}', {'x': ints(xs, d), 'y': ints(ys, d)},
                np.array([f(a, b) for a, b in zip(xs, ys)]))

# ---- select_n and clamp --------------------------------------------------------------------

for d in ALL:
    n = 10
    if d in FLOATS:
        c0, c1, c2 = (float_values(d, 0)[:n], float_values(d, n, special=False)[:n],
                      round_f64(rng.normal(0, 5, n), d))
        st = lambda v: to_storage(v, d)
    else:
        vals = int_values(d) if d != 'bool' else [0, 1] * 6
        c0 = np.array(vals[:n], dtype=object)
        c1 = np.array(vals[1:n + 1], dtype=object)
        c2 = np.array(vals[2:n + 2], dtype=object)
        st = lambda v: ints(list(v), d)
    which = rng.integers(0, 2, n).astype(bool)
    put(f'select_n__{d}', {'which': which, 'c0': st(c0), 'c1': st(c1)},
        st(np.where(which, c1, c0)))
    w3 = np.array([-1, 0, 1, 2, 3, 0, 1, 2, 5, 1], dtype=np.int32)
    idx = np.clip(w3, 0, 2)
    put(f'select_n3__{d}', {'which': w3, 'c0': st(c0), 'c1': st(c1), 'c2': st(c2)},
        st(np.choose(idx, [c0, c1, c2])))

for d in ALL:
    if d in FLOATS:
        x = float_values(d, 6)
        lo = round_f64(np.full(len(x), -1.5), d)
        hi = round_f64(np.concatenate([np.full(len(x) - 2, 2.5), [math.nan, 1.0]]), d)
        r = fmin(hi, fmax(lo, x))
        put(f'clamp__{d}', {'min': to_storage(lo, d), 'x': to_storage(x, d),
                            'max': to_storage(hi, d)}, to_storage(r, d))
        put(f'clamp_scalar__{d}', {'min': to_storage([-1.0], d).reshape(()),
                                   'x': to_storage(x, d), 'max': to_storage([3.0], d).reshape(())},
            to_storage(fmin(3.0, fmax(-1.0, x)), d))
    else:
        xs = int_values(d) if d != 'bool' else [0, 1, 1, 0]
        lo_v, hi_v = int_range(d)
        a, b = (1, 1) if d == 'bool' else (2 if lo_v == 0 else -3, 100)
        put(f'clamp_scalar__{d}', {'min': ints([a], d).reshape(()), 'x': ints(xs, d),
                                   'max': ints([b], d).reshape(())},
            ints([min(b, max(a, v)) for v in xs], d))

# ---- conversions ---------------------------------------------------------------------------


def convert_value(v, frm, to):
    """One element, XLA semantics; v is a float (float dtypes) or int."""
    if to == 'bool':
        return bool(v != 0) if not (isinstance(v, float) and math.isnan(v)) else True
    if to in FLOATS:
        return float(v) if frm not in INTS else v  # ints rounded below, exactly
    if isinstance(v, float):
        if math.isnan(v):
            return 0
        lo, hi = int_range(to)
        if math.isinf(v):
            return hi if v > 0 else lo
        t = int(v)  # truncates toward zero
        return min(max(t, lo), hi)
    return wrap(int(v), to)


for frm in ALL:
    if frm in FLOATS:
        src = float_values(frm, 6, scale=200.0)
        src = round_f64(np.concatenate([src, [2.7, -2.7, 1e10, -1e10, 300.5, -129.9, 65535.9,
                                              4294967296.0, 9.3e18, -9.3e18, 2e19]]), frm)
        vals = [float(v) for v in src]
        x = to_storage(src, frm)
    else:
        vals = int_values(frm) if frm != 'bool' else [0, 1]
        x = ints(vals, frm)
    for to in ALL:
        conv = [convert_value(v, frm, to) for v in vals]
        if to in FLOATS:
            if frm in INTS:
                # exact integers rounded once: via Python's correctly rounded int->float for
                # float64, and exact fractions otherwise
                from fractions import Fraction
                r = []
                for v in conv:
                    if to == 'float64':
                        r.append(float(v))
                    else:
                        f64 = float(v)
                        if Fraction(f64) != v:   # inexact in double: nudge to round-to-odd
                            lo = math.nextafter(f64, -math.inf) if Fraction(f64) > v else f64
                            hi = math.nextafter(lo, math.inf)
                            # pick the odd-mantissa neighbour
                            f64 = lo if (np.array([lo]).view(np.int64)[0] & 1) else hi
                        r.append(f64)
                res = to_storage(r, to)
            else:
                res = to_storage(np.array(conv, dtype=np.float64), to)
        elif to == 'bool':
            res = np.array(conv, dtype=np.bool_)
        else:
            res = ints(conv, to)
        out[f'convert_element_type__{frm}__{to}__x'] = x
        out[f'convert_element_type__{frm}__{to}__out'] = res

WIDTH = {}
for d in ALL:
    WIDTH.setdefault(BITS[d], []).append(d)
for frm in NUM:
    for to in WIDTH[BITS[frm]]:
        if to == 'bool':
            continue
        if frm in FLOATS:
            x = to_storage(float_values(frm, 4), frm)
        else:
            x = ints(int_values(frm, 4), frm)
        raw = x.view(np.uint8 if BITS[frm] == 8 else f'u{BITS[frm] // 8}')
        res = raw.view('V2') if to == 'bfloat16' else raw.view(to)
        put(f'bitcast_convert_type__{frm}__{to}', {'x': x}, res)
x = to_storage(float_values('float32', 4), 'float32')
put('bitcast_convert_type__float32__uint8', {'x': x}, x.view(np.uint8).reshape(len(x), 4))
u = rng.integers(0, 256, (5, 4)).astype(np.uint8)
put('bitcast_convert_type__uint8__uint32', {'x': u}, u.copy().view(np.uint32).reshape(5))
u = rng.integers(0, 2**16, (3, 4)).astype(np.uint16)
put('bitcast_convert_type__uint16__float64', {'x': u}, u.copy().view(np.float64).reshape(3))

# reduce_precision: f32 to bfloat16's and float16's formats; f64 to float32's
x = np.concatenate([float_values('float32', 10, scale=100.0), [65519.0, 65520.0, 1e6, -7e4]])
x = round_f64(x, 'float32')
put('reduce_precision_8_7__float32', {'x': to_storage(x, 'float32')},
    to_storage(bf16_to_f64(bf16_bits_from_f64(x)), 'float32'))
normal16 = x[(np.abs(x) >= 2.0 ** -14) | (x == 0) | ~np.isfinite(x)]
with np.errstate(all='ignore'):
    put('reduce_precision_5_10__float32', {'x': to_storage(normal16, 'float32')},
        normal16.astype(np.float16).astype(np.float32))
xd = np.concatenate([float_values('float64', 10, scale=1e3), [1e39, -1e300, 3.4028235677973366e38]])
with np.errstate(all='ignore'):
    put('reduce_precision_8_23__float64', {'x': xd}, xd.astype(np.float32).astype(np.float64))

# ---- broadcasting edge shapes --------------------------------------------------------------

SHAPES = [((3, 1), (1, 4)), ((), (2, 3)), ((2, 3), ()), ((0, 3), (1, 3)), ((0,), ()),
          ((2, 1, 3), (2, 4, 1))]
for op, d, f in [('add', 'float32', np.add), ('mul', 'int32', None), ('max', 'float32', fmax),
                 ('lt', 'int8', np.less), ('and', 'bool', np.logical_and),
                 ('shift_left', 'uint8', None), ('pow', 'float32', cpow),
                 ('atan2', 'float16', np.arctan2)]:
    for k, (sx, sy) in enumerate(SHAPES):
        if d in FLOATS:
            x = round_f64(rng.normal(1.5, 1, sx), d)
            y = round_f64(rng.normal(1.5, 1, sy), d)
            r = f(x, y)
            r = r if r.dtype == np.bool_ else to_storage(r, d)
            put(f'{op}__bcast{k}', {'x': to_storage(x, d), 'y': to_storage(y, d)}, r)
        else:
            lo, hi = int_range(d)
            x = rng.integers(lo if d != 'uint8' else 0, hi + 1, sx)
            y = rng.integers(0 if d == 'uint8' else lo, 9 if d == 'uint8' else hi + 1, sy)
            xb, yb = np.broadcast_arrays(x, y)
            if op == 'mul':
                r = np.vectorize(lambda a, b: wrap(int(a) * int(b), d), otypes=[object])(xb, yb)
                r = np.array(r.tolist(), dtype=d).reshape(xb.shape)
            elif op == 'shift_left':
                r = np.vectorize(lambda a, b: 0 if b >= 8 else wrap(int(a) << int(b), d),
                                 otypes=[object])(xb, yb)
                r = np.array(r.tolist(), dtype=d).reshape(xb.shape)
            else:
                r = f(xb, yb)
            put(f'{op}__bcast{k}', {'x': ints(x, d) if d != 'bool' else x.astype(bool),
                                    'y': ints(y, d) if d != 'bool' else y.astype(bool)},
                r if d != 'bool' else r.astype(bool))

np.savez_compressed(OUT, **out)
print(f'wrote {len(out)} arrays to {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes)')
