#!/usr/bin/env python3
"""Writes the .npy/.npz fixtures for core's Npy tests (run once; output is committed).

Usage: python3 tools/refgen/gen_npy.py   (from the repository root)
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "core", "src", "test", "resources", "ref")
os.makedirs(OUT, exist_ok=True)

arrays = {
    "bool": np.array([[True, False, True], [False, False, True]]),
    "int8": np.array([-128, -1, 0, 127], dtype=np.int8),
    "int16": np.array([-32768, 7, 32767], dtype=np.int16),
    "int32": np.arange(12, dtype=np.int32).reshape(3, 4) - 5,
    "int64": np.array([-(2**63), 2**40, 2**63 - 1], dtype=np.int64),
    "uint8": np.array([0, 200, 255], dtype=np.uint8),
    "uint16": np.array([0, 65535], dtype=np.uint16),
    "uint32": np.array([0, 4294967295, 1065353216], dtype=np.uint32),
    "uint64": np.array([0, 2**64 - 1, 2**63], dtype=np.uint64),
    "float16": np.array([1.0, -2.5, 65504.0, np.inf], dtype=np.float16),
    "float32": np.array([[0.1, -0.0], [np.nan, 3.4028235e38]], dtype=np.float32),
    "float64": np.array([np.pi, -1e-300, 5e-324], dtype=np.float64),
    "scalar": np.array(2.5, dtype=np.float32),
    "empty": np.zeros((2, 0, 3), dtype=np.float32),
}
np.savez(os.path.join(OUT, "npy_dtypes.npz"), **arrays)
np.save(os.path.join(OUT, "big_endian_f4.npy"), np.array([1.5, -2.0, 3.25], dtype=">f4"))
np.save(os.path.join(OUT, "fortran.npy"), np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
np.save(os.path.join(OUT, "complex.npy"), np.array([1 + 2j], dtype=np.complex64))
print("wrote", OUT)
