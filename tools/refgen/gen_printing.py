#!/usr/bin/env python3
"""Expected repr/str texts of arrays, for ArrayPrinter's tests.

Writes core/src/test/resources/ref/printing.json: a list of cases
{name, dtype, shape, weak, values, repr, str}. `values` are the elements in row-major
order as strings (Python repr of the exact float, 'nan'/'inf'/'-inf', or decimal integers).

str is numpy's str of the array; repr reproduces jax.Array.__repr__ (jax/_src/array.py)
on top of np.array2string. numpy has no bfloat16: a bfloat16 array is formatted as an
object array of scalars whose repr is ml_dtypes' (C++ `ostream << float`, i.e. '%g', with
NaN printed unsigned), which is how numpy formats a non-numpy float type.

Run: python3 tools/refgen/gen_printing.py   (numpy >= 2.3)
"""
import json
import math
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'core', 'src', 'test', 'resources',
                   'ref', 'printing.json')


def to_bf16(x):
    """Round a float to the nearest bfloat16 (ties to even), returned as a Python float."""
    f = np.float32(x)
    if math.isnan(f):
        return float('nan')
    b = struct.unpack('<I', struct.pack('<f', f))[0]
    b = (b + 0x7FFF + ((b >> 16) & 1)) & 0xFFFF0000
    return struct.unpack('<f', struct.pack('<I', b))[0]


class BF16:
    """A scalar printed as ml_dtypes prints bfloat16."""

    def __init__(self, v):
        self.v = v

    def __repr__(self):
        if math.isnan(self.v):
            return 'nan'
        if math.isinf(self.v):
            return 'inf' if self.v > 0 else '-inf'
        return '%g' % self.v

    __str__ = __repr__


def jax_repr(a, dtype_name, weak):
    prefix = 'Array('
    dtype_str = f'dtype={dtype_name}' + (', weak_type=True)' if weak else ')')
    line_width = np.get_printoptions()['linewidth']
    if a.size == 0:
        s = f'[], shape={a.shape}'
    else:
        s = np.array2string(a, prefix=prefix, suffix=',', separator=', ',
                            max_line_width=line_width)
    last_line_len = len(s) - s.rfind('\n') + 1
    sep = ' '
    if last_line_len + len(dtype_str) + 1 > line_width:
        sep = ' ' * len(prefix)
    return f'{prefix}{s},{sep}{dtype_str}'


def value_text(v):
    """An element as text that parses back exactly: the shortest repr in its own dtype."""
    if isinstance(v, (bool, np.bool_)):
        return '1' if v else '0'
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (np.floating, float)) and not math.isfinite(v):
        v = float(v)
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    return str(v)


CASES = []


def case(name, values, dtype, shape=None, weak=False):
    if dtype == 'bfloat16':
        flat = [to_bf16(v) for v in np.asarray(values, dtype=np.float64).ravel()]
        shp = tuple(shape) if shape is not None else np.shape(values)
        obj = np.empty(len(flat), dtype=object)
        for i, v in enumerate(flat):
            obj[i] = BF16(v)
        obj = obj.reshape(shp)
        if obj.ndim == 0:
            s = str(obj[()])
            r_inner = repr(obj[()])
            r = f'Array({r_inner}, dtype=bfloat16' + (', weak_type=True)' if weak else ')')
        else:
            s = str(obj) if obj.size else '[]'
            r = jax_repr(obj, 'bfloat16', weak)
        vals = [value_text(np.float32(v)) for v in flat]
    else:
        a = np.asarray(values, dtype=dtype)
        if shape is not None:
            a = a.reshape(shape)
        s = str(a)
        r = jax_repr(a, a.dtype.name, weak)
        vals = [value_text(v) for v in a.ravel()]
        shp = a.shape
    CASES.append({'name': name, 'dtype': dtype, 'shape': list(shp), 'weak': weak,
                  'values': vals, 'repr': r, 'str': s})


def main():
    rng = np.random.default_rng(0)
    ints = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64']
    floats = ['float16', 'float32', 'float64', 'bfloat16']
    # integers: extremes, widths, 0-d, 2-D, summarized
    for dt in ints:
        info = np.iinfo(dt)
        case(f'{dt}_extremes', [info.min, 0, 1, info.max], dt)
        case(f'{dt}_scalar', info.max, dt)
        case(f'{dt}_2d', [v % (int(info.max) // 2 + 1) for v in range(12)], dt, (3, 4))
        case(f'{dt}_summarized', np.arange(1001) % 97, dt, (1001,))
    case('int32_weak_scalar', 7, 'int32', weak=True)
    case('int32_long_row', np.arange(40) * 1234567, 'int32')
    case('uint64_big', [2**64 - 1, 2**63, 12345678901234567890, 0], 'uint64')
    case('int64_big', [-2**63, 2**63 - 1, -1, 10**18], 'int64')
    # bool
    case('bool_scalar_false', False, 'bool')
    case('bool_2d', [[True, False, True], [False, False, True]], 'bool')
    case('bool_summarized', np.arange(1001) % 3 == 0, 'bool')
    case('bool_3d', np.arange(8).reshape(2, 2, 2) % 2 == 0, 'bool')
    # floats
    for dt in floats:
        case(f'{dt}_basic', [0.0, 1.0, -2.5, 3.25], dt)
        case(f'{dt}_scalar_third', 1 / 3, dt)
        case(f'{dt}_scalar_int', 2.0, dt, weak=True)
        case(f'{dt}_scalar_neg_zero', -0.0, dt)
        case(f'{dt}_scalar_big', 1e20 if dt != 'float16' else 60000.0, dt)
        case(f'{dt}_scalar_tiny', 1e-5 if dt != 'float16' else 6e-5, dt)
        case(f'{dt}_nonfinite', [np.nan, np.inf, -np.inf, 1.5], dt)
        case(f'{dt}_only_nan', [np.nan, np.nan], dt)
        case(f'{dt}_nan_neginf', [np.nan, -np.inf], dt)
        case(f'{dt}_mixed_exp', [1e-5, 1.0, 123.0], dt)
        case(f'{dt}_ratio', [0.001, 1.5, 2.0], dt)
        case(f'{dt}_neg_zero', [-0.0, 0.0, 1.5], dt)
        case(f'{dt}_thirds', np.arange(7) / 3.0, dt)
        case(f'{dt}_2d', np.arange(12).reshape(3, 4) / 7.0, dt)
        case(f'{dt}_3d', np.arange(24).reshape(2, 3, 4) - 11.5, dt)
        case(f'{dt}_summarized_1d', np.linspace(-1, 1, 1001), dt)
        case(f'{dt}_summarized_2d', np.arange(1200).reshape(40, 30) / 3.0, dt)
        case(f'{dt}_summarized_3d', np.arange(2 * 25 * 21).reshape(2, 25, 21) * 0.25, dt)
        case(f'{dt}_random', rng.standard_normal(23), dt)
        case(f'{dt}_random_wide', rng.standard_normal((3, 17)) * 100, dt)
        case(f'{dt}_empty_1d', [], dt, (0,))
        case(f'{dt}_empty_3d', [], dt, (2, 0, 3))
    # 0-d str switches to scientific at 1e3 (float16), 1e6 (float32), 1e16 (float64)
    case('float32_scalar_below_cutoff', np.nextafter(np.float32(1e6), np.float32(0)), 'float32')
    case('float32_scalar_cutoff', 1e6, 'float32')
    case('float32_scalar_1e-4', 1e-4, 'float32')
    case('float16_scalar_below_cutoff', 999.5, 'float16')
    case('float16_scalar_cutoff', 1000.0, 'float16')
    case('float16_scalar_1e-4', 1e-4, 'float16')
    case('float64_scalar_below_cutoff', 9999999999999998.0, 'float64')
    case('float64_scalar_cutoff', 1e16, 'float64')
    case('float64_scalar_1e-4', 1e-4, 'float64')
    case('float32_midpoint_shortest', [3e10, 1.5], 'float32')
    case('float32_cutoff', [1e6, 1.0], 'float32')
    case('float32_just_below_cutoff', [999999.0, 999.0], 'float32')
    case('float32_min_threshold', [np.float32(1e-4), 0.01], 'float32')
    case('float32_below_threshold',
         [np.nextafter(np.float32(1e-4), np.float32(0)), 0.01], 'float32')
    case('float16_cutoff', [1000.0, 1.0], 'float16')
    case('float16_min_threshold', [np.float16(1e-4), 0.01], 'float16')
    case('float64_cutoff', [1e8, 1.0], 'float64')
    case('float64_below_cutoff', [99999999.0, 99999.0], 'float64')
    case('float64_long_digits', [0.1, 1 / 3, 2 / 3, 1e-3 / 7], 'float64')
    case('float64_subnormal', [5e-324, 1.0], 'float64')
    case('float64_exp3', [1e-300, 1e5], 'float64')
    case('float64_max', [np.finfo(np.float64).max, -1.0], 'float64')
    case('float32_max', [np.finfo(np.float32).max, np.finfo(np.float32).tiny], 'float32')
    case('float16_max', [65504.0, -65504.0, 6e-8], 'float16')
    case('float32_round_to_one', [0.999999999, 1.999999999, 0.1], 'float64')
    case('float32_min_digits', [1.2, 1.2345678e10], 'float32')
    case('float64_tie', [0.001953125, 1.0], 'float64')
    case('float32_weak_vec', [1.0, 2.0], 'float32', weak=True)
    case('float32_long_last_line', np.linspace(0, 1, 7), 'float32')
    case('float32_exact_wrap', np.arange(16) + 0.5, 'float32')
    case('float32_4d', np.arange(2 * 2 * 2 * 3).reshape(2, 2, 2, 3) * 1.5, 'float32')
    case('float32_summarized_4d', np.arange(7 * 2 * 9 * 8).reshape(7, 2, 9, 8) / 8.0, 'float32')
    case('float32_column', np.arange(5).reshape(5, 1) * 0.5, 'float32')
    case('float32_empty_row', [], 'float32', (0, 3))
    for dt in floats:
        case(f'{dt}_scalar_nan', np.nan, dt)
        case(f'{dt}_scalar_neginf', -np.inf, dt, weak=True)
    # line wrapping: every element width and count around the 75-column limit
    for n in range(1, 41):
        case(f'wrap_int_{n}', [(k * 7919) % (10 ** (n % 7 + 1)) for k in range(n)], 'int32')
        case(f'wrap_float_{n}', rng.standard_normal(n) * 10.0 ** (n % 5 - 2), 'float32',
             weak=n % 3 == 0)
    for rows, cols in [(2, 13), (3, 14), (2, 25), (4, 1), (1, 30)]:
        case(f'wrap_2d_{rows}x{cols}', np.arange(rows * cols) * 1.25, 'float32', (rows, cols))
    case('bfloat16_mixed', [1.0, 2.5, -3.25, 0.1, 1e10, 123456.0, 1.5e-7], 'bfloat16')
    case('bfloat16_2d', np.arange(12).reshape(3, 4) / 3.0, 'bfloat16')
    with open(OUT, 'w') as f:
        json.dump(CASES, f, indent=0, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {len(CASES)} cases to {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()
