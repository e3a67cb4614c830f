#!/usr/bin/env python3
"""JAX on the GPU, the same workloads and keys as org.jaxpresso.runtime.gpu.GpuBench.

Prints one tab-separated line per workload: key, microseconds (median of 11 trials of `reps`
back-to-back calls, each trial ended by block_until_ready), a derived figure. Exits 2 without
JAX or without a GPU.
"""
import statistics
import sys
import time

try:
    import jax
    import jax.numpy as jnp
    from jax import lax
except ImportError:
    print("jax_bench: JAX is not installed", file=sys.stderr)
    sys.exit(2)

if not any(d.platform == "gpu" for d in jax.devices()):
    print("jax_bench: JAX sees no GPU", file=sys.stderr)
    sys.exit(2)


def median_us(f, args, reps):
    jax.block_until_ready(f(*args))
    trials = []
    for _ in range(11):
        t0 = time.perf_counter()
        for _ in range(reps):
            r = f(*args)
        jax.block_until_ready(r)
        trials.append((time.perf_counter() - t0) * 1e6 / reps)
    return statistics.median(trials)


def line(key, us, note=""):
    print(f"{key}\t{us:.1f}\t{note}", flush=True)


key = jax.random.PRNGKey(0)
n = 100_000_000
x = jax.random.uniform(key, (n,), jnp.float32, -2, 2)
copy_us = median_us(jax.jit(lambda v: v * 1.0), (x,), 3)
line("copy_1e8_f32", copy_us, f"{8 * n / (copy_us * 1e-6) / 1e12:.2f} TB/s")
w1 = median_us(jax.jit(lambda v: 2 * jnp.sin(v) * jnp.cos(v)), (x,), 3)
line("w1_2sincos_1e8", w1, f"{100 * copy_us / w1:.0f}% of copy bandwidth")
fused = median_us(jax.jit(lambda v: v * 2 + 1), (x,), 3)
line("fused_x2p1_1e8", fused, f"{100 * copy_us / fused:.0f}% of copy bandwidth")
del x
m = jax.random.uniform(key, (10000, 10), jnp.float32)
line("w2_norm_10000x10", median_us(jax.jit(lambda v: (v - v.mean(0)) / v.std(0)), (m,), 50))
a = jax.random.uniform(key, (4096, 4096), jnp.float32) - 0.5
b = jax.random.uniform(jax.random.PRNGKey(1), (4096, 4096), jnp.float32) - 0.5
for name, p in (("default", lax.Precision.DEFAULT), ("highest", lax.Precision.HIGHEST)):
    us = median_us(jax.jit(lambda u, v, p=p: jnp.dot(u, v, precision=p)), (a, b), 5)
    line(f"sgemm_4096_{name}", us, f"{2 * 4096**3 / (us * 1e-6) / 1e12:.0f} TFLOP/s")
sizes = (784, 512, 512, 10)
params = []
for i in range(3):
    k1, key = jax.random.split(key)
    params += [(jax.random.uniform(k1, (sizes[i], sizes[i + 1]), jnp.float32) - 0.5) * 0.1,
               jnp.zeros((sizes[i + 1],), jnp.float32)]
xb = (jax.random.uniform(key, (128, 784), jnp.float32) - 0.5) * 0.1
yb = (jax.random.uniform(jax.random.PRNGKey(2), (128, 10), jnp.float32) - 0.5) * 0.1


def loss(ps, xs, ys):
    h = xs
    for i in range(3):
        h = h @ ps[2 * i] + ps[2 * i + 1]
        if i < 2:
            h = jnp.maximum(h, 0)
    d = h - ys
    return jnp.sum(d * d) / 128


step = jax.jit(lambda ps, xs, ys: [p - 0.01 * g for p, g in zip(ps, jax.grad(loss)(ps, xs, ys))])
line("mlp_step_b128", median_us(step, (params, xb, yb), 50),
     "forward + backward + SGD update, one jit")
times = []
for i in range(9):
    s = 32 + i
    u = jnp.ones((s, s), jnp.float32)
    t0 = time.perf_counter()
    jax.jit(lambda p, q: jnp.tanh(p @ q) + 1).lower(u, u).compile()
    if i >= 2:
        times.append((time.perf_counter() - t0) * 1e6)
line("c1_compile_small", statistics.median(times), "lower + compile, warm process")
