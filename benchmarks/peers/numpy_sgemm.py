#!/usr/bin/env python3
"""OpenBLAS sgemm peer for the gemm-N benchmarks: numpy float32 matmul on Debian's OpenBLAS at its
default thread count (2 on this machine). Prints {"name": "gemm-N", "kind": "gemm", "gflops": ..., "kernel": ...} per
size; the kernel is OpenBLAS's core type (Haswell when OPENBLAS_CORETYPE pins it, SkylakeX or newer unpinned).

Usage: /usr/bin/python3 benchmarks/peers/numpy_sgemm.py
"""
import json
import statistics
import time

import numpy as np

import blas_kernel

for n in (256, 512, 1024):
    rng = np.random.default_rng(1)
    a = rng.random((n, n), dtype=np.float32)
    b = rng.random((n, n), dtype=np.float32)
    c = np.empty((n, n), dtype=np.float32)
    for _ in range(3):
        np.matmul(a, b, out=c)
    samples = []
    for _ in range(5):
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < 0.4:
            np.matmul(a, b, out=c)
            calls += 1
        samples.append((time.perf_counter() - start) / calls)
    seconds = statistics.median(samples)
    print(json.dumps({"name": f"gemm-{n}", "kind": "gemm", "peer": "numpy-openblas", "gflops": round(2 * n**3 / seconds / 1e9, 3),
                      "kernel": blas_kernel.describe()}))
