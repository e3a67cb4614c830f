#!/usr/bin/env python3
"""Writes the .npy/.npz files that NumPy itself saved, for numpy's NpyFiles tests of
Jnp.load (run once; output is committed under numpy/src/test/resources/ref/npyfiles/).

Usage: python3 tools/refgen/gen_npy_files.py   (from the repository root)

bfloat16 has no NumPy dtype: it is saved as ml_dtypes does, raw 16-bit patterns with
descriptor '<V2' (here 1.0, -2.5, 3.140625 = 0x3F80, 0xC020, 0x4049).
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "numpy", "src", "test", "resources",
                   "ref", "npyfiles")
os.makedirs(OUT, exist_ok=True)

arrays = {
    "bool": np.array([[True, False, True], [False, False, True]]),
    "int8": np.array([-128, -1, 0, 127], dtype=np.int8),
    "int16": np.array([-32768, 7, 32767], dtype=np.int16),
    "int32": np.arange(12, dtype=np.int32).reshape(3, 4) - 5,
    "int64": np.array([-(2**31), 2**31 - 1, 2**40 + 3], dtype=np.int64),
    "uint8": np.array([0, 200, 255], dtype=np.uint8),
    "uint16": np.array([0, 65535], dtype=np.uint16),
    "uint32": np.array([0, 4294967295, 1065353216], dtype=np.uint32),
    "uint64": np.array([0, 2**64 - 1, 2**32 + 1], dtype=np.uint64),
    "float16": np.array([1.0, -2.5, 65504.0, np.inf], dtype=np.float16),
    "float32": np.array([[0.1, -0.0], [np.nan, 3.4028235e38]], dtype=np.float32),
    "float64": np.array([np.pi, -1e-300, 0.1], dtype=np.float64),
    "bfloat16": np.array([0x3F80, 0xC020, 0x4049], dtype=np.uint16).view("V2"),
    "scalar": np.array(2.5, dtype=np.float32),
    "empty": np.zeros((2, 0, 3), dtype=np.int16),
}
for name, a in arrays.items():
    np.save(os.path.join(OUT, name + ".npy"), a)
np.savez(os.path.join(OUT, "all.npz"), **arrays)
np.savez_compressed(os.path.join(OUT, "compressed.npz"), a=np.arange(6, dtype=np.int32).reshape(2, 3),
                    b=np.array([0.5, 0.25], dtype=np.float32))
np.savez(os.path.join(OUT, "positional.npz"), np.arange(3, dtype=np.uint8), np.array(True))
np.save(os.path.join(OUT, "big_endian_i4.npy"), np.array([1, -2, 70000], dtype=">i4"))
with open(os.path.join(OUT, "version2.npy"), "wb") as f:
    np.lib.format.write_array(f, np.array([1.5, -3.0], dtype=np.float32), version=(2, 0))
np.save(os.path.join(OUT, "fortran.npy"),
        np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
np.save(os.path.join(OUT, "complex64.npy"), np.array([1 + 2j], dtype=np.complex64))
np.save(os.path.join(OUT, "object.npy"), np.array([1, "a"], dtype=object), allow_pickle=True)
print("wrote", OUT)
