#!/usr/bin/env python3
"""References for the polygamma primitive (lax.polygamma), computed with mpmath at 50 digits.

Writes lax/src/test/resources/ref/polygamma.npz with, per case name:
  <case>|m    the orders (float64)
  <case>|x    the arguments (float64)
  <case>|out  psi^(m)(x) rounded once to float64 (NaN / +-inf where XLA's conventions say so)

XLA's conventions (chlo.polygamma, chlo.zeta), which the Java reference implementation follows:
  * m negative or not an integer                  -> NaN
  * m == 0                                        -> digamma(x) (NaN at 0, -1, -2, ...)
  * m >= 1 and x a non-positive integer (a pole)  -> (-1)^(m+1) * inf
  * otherwise (-1)^(m+1) m! zeta(m + 1, x)        (mpmath.polygamma)

Run from the repository root: python3 tools/refgen/gen_polygamma.py
"""
import math
import os

import mpmath
import numpy as np

mpmath.mp.dps = 50
RNG = np.random.default_rng(20261129)
OUT = os.path.join("lax", "src", "test", "resources", "ref", "polygamma.npz")


def reference(m, x):
    if math.isnan(m) or math.isnan(x) or m < 0 or m != math.floor(m) or math.isinf(m):
        return math.nan
    m = int(m)
    if x <= 0 and x == math.floor(x):
        return math.nan if m == 0 else (1 if m % 2 == 1 else -1) * math.inf
    if math.isinf(x):
        return math.inf if m == 0 else 0.0 * (1 if m % 2 == 1 else -1)
    return float(mpmath.polygamma(m, mpmath.mpf(x)))


def case(arrays, name, m, x):
    m = np.asarray(m, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    mb, xb = np.broadcast_arrays(m, x)
    out = np.array([reference(a, b) for a, b in zip(mb.ravel(), xb.ravel())],
                   dtype=np.float64).reshape(mb.shape)
    arrays[name + "|m"] = m
    arrays[name + "|x"] = x
    arrays[name + "|out"] = out


def main():
    arrays = {}
    orders = np.repeat(np.arange(0, 7, dtype=np.float64), 12)
    case(arrays, "positive", orders, RNG.uniform(0.05, 30.0, orders.size))
    case(arrays, "small", orders, RNG.uniform(1e-3, 0.5, orders.size))
    case(arrays, "large", orders, RNG.uniform(30.0, 1e4, orders.size))
    case(arrays, "negative", orders,
         RNG.integers(-6, 0, orders.size) + RNG.uniform(0.1, 0.9, orders.size))
    case(arrays, "high_order", np.array([10.0, 15.0, 20.0, 30.0]), np.array([0.7, 2.5, 11.0,
                                                                             40.0]))
    case(arrays, "special", np.array([1.0, 2.0, 1.0, 2.0, 0.0, 1.5, -1.0, np.nan, 1.0, 3.0,
                                      1.0]),
         np.array([0.0, -3.0, -2.0, 0.0, -1.0, 2.0, 2.0, 1.0, np.nan, np.inf, 1.0]))
    case(arrays, "broadcast_scalar_m", np.float64(1.0), RNG.uniform(0.2, 5.0, (2, 3)))
    np.savez(OUT, **arrays)
    print("wrote", OUT, sum(a.size for a in arrays.values()), "values")


if __name__ == "__main__":
    main()
