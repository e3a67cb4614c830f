#!/usr/bin/env python3
"""Joins GpuBench's and jax_bench.py's tab-separated outputs into one markdown table."""
import sys


def read(path):
    rows = {}
    try:
        with open(path) as f:
            for ln in f:
                if ln.startswith("#") or "\t" not in ln:
                    continue
                k, us, *note = ln.rstrip("\n").split("\t")
                rows[k] = (float(us), note[0] if note else "")
    except FileNotFoundError:
        pass
    return rows


java, jax = read(sys.argv[1]), read(sys.argv[2])
print("| workload | jaxpresso (us) | JAX (us) | JAX time / jaxpresso time | jaxpresso note | JAX note |")
print("|---|---|---|---|---|---|")
for k in list(java) + [k for k in jax if k not in java]:
    j = java.get(k)
    x = jax.get(k)
    ratio = f"{x[0] / j[0]:.2f}" if j and x and j[0] > 0 else "-"
    print(f"| {k} | {j[0] if j else '-'} | {x[0] if x else '-'} | {ratio} | "
          f"{j[1] if j else ''} | {x[1] if x else ''} |")
